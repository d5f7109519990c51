// DNS-style rotated order: each answer lists every endpoint, rotated by one from the last.
//
// Models a DNS server that cycles its A records (BIND's rrset-order cyclic, CoreDNS's
// loadbalance plugin): the client takes the first address of each answer and, on failure,
// tries the next ones in the answer's order. Unlike round robin the rotation starts, after
// every update, at the first endpoint of the list as given: the first address of a list that
// arrives in answer order (a DNS answer: DnsSource), the lowest instance of a sorted list (a
// server's deterministic order, shared by all who ask). Picks then move along the sorted list,
// which is the answer's order when the answer is the server's sorted list rotated (DnsServer).
// Parameters: none.
#pragma once

#include <cstdint>

#include "patterns/balancing/balancer.h"

namespace discolab {

class DnsRotatedBalancer final : public Balancer {
 public:
  std::string_view name() const override { return "dns-rotated"; }

  // The `attempt`-th address (0 = `first` itself) of the answer `first` began: where a client
  // that tries in order sends its retries. `first` must come from the current list.
  PickResult in_answer_order(const PickResult& first, std::uint32_t attempt) const;

  // A whole answer, rotated to begin at the next rotation offset (advances it, as pick() does).
  EndpointList next_answer();

 protected:
  void given_order(const EndpointList& as_given) override;
  std::unique_ptr<const Picker> build(const EndpointListPtr& previous,
                                      const EndpointListPtr& next) override;

 private:
  std::uint32_t cursor_ = 0;
  InstanceId first_ = kNoInstance;  // the first endpoint of the list last given
};

}  // namespace discolab
