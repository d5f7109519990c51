// The load-balancer interface: control plane (an endpoint update) apart from data plane (a pick).
//
// An update of a service's endpoint set builds a new immutable Picker (a ring, a Maglev table,
// a weighted schedule …); the new picker replaces the old one only once it is complete, as in
// gRPC. A pick asks the current picker for one endpoint: it allocates nothing, takes no lock
// and touches O(1) state (O(log n) for the ring), so its cost can be benchmarked on its own.
// "No usable endpoint" is an explicit result, not an exception.
//
// Mutable per-endpoint load (in-flight counts, latency estimates, a round-robin cursor) is
// owned by the Balancer, held in vectors indexed by position in the current list and remapped
// by instance id on update, so that load survives an update for endpoints that stay. The
// picker reads it through pointers the balancer hands it when building; the only write a pick
// makes is advancing a cursor (round robin and its variants), as gRPC's round-robin picker.
//
// Callers report each try back: on_start() when it leaves, on_finish() with its latency and
// whether it succeeded. Policies that ignore load ignore these.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

#include "patterns/core/endpoint.h"
#include "patterns/core/random.h"
#include "patterns/core/time.h"

namespace discolab {

enum class PickStatus : std::uint8_t {
  complete,     // `endpoint` is where the try goes
  no_endpoint,  // the list is empty: fail the request with FailureCause::no_endpoint
};

struct PickResult {
  PickStatus status = PickStatus::no_endpoint;
  std::uint32_t index = 0;   // position of `endpoint` in the picker's list
  ServiceEndpoint endpoint;  // a copy: stays valid across updates

  bool ok() const { return status == PickStatus::complete; }
};

struct PickContext {
  // The request's key for consistent hashing (ring hash, Maglev): a user id, a session … Any
  // 64-bit value; the picker mixes it, so small consecutive keys spread well.
  std::uint64_t hash_key = 0;
  // The caller's stream for random choices (random, least-request, peak-EWMA). Required by
  // those policies; a pick without one throws std::logic_error.
  RandomStream* random = nullptr;
};

// An immutable pick structure built from one endpoint list.
class Picker {
 public:
  explicit Picker(EndpointListPtr endpoints) : endpoints_(std::move(endpoints)) {}
  virtual ~Picker() = default;
  Picker(const Picker&) = delete;
  Picker& operator=(const Picker&) = delete;

  // Precondition: endpoints() is not empty (Balancer::pick handles the empty case).
  virtual PickResult pick(const PickContext& ctx) const = 0;

  const EndpointList& endpoints() const { return *endpoints_; }
  const EndpointListPtr& endpoint_list() const { return endpoints_; }
  // Position of `instance` in the (instance-sorted) list, in O(log n).
  std::optional<std::uint32_t> position_of(InstanceId instance) const;

 protected:
  PickResult result(std::uint32_t index) const {
    return PickResult{PickStatus::complete, index, (*endpoints_)[index]};
  }

 private:
  EndpointListPtr endpoints_;
};

class Balancer {
 public:
  virtual ~Balancer() = default;

  virtual std::string_view name() const = 0;

  // Installs a new endpoint set (null means empty). The list is sorted by instance id if it is
  // not already. Builds the new picker completely before the old one is released.
  void update(EndpointListPtr endpoints);

  PickResult pick(const PickContext& ctx) {
    if (empty_) return PickResult{};
    return picker_->pick(ctx);
  }

  // A try to `endpoint` left / came back after `latency` (ok = answered successfully).
  // Endpoints no longer in the list are ignored, so late answers after an update are harmless.
  virtual void on_start(const ServiceEndpoint& endpoint) { (void)endpoint; }
  virtual void on_finish(const ServiceEndpoint& endpoint, Duration latency, bool ok) {
    (void)endpoint;
    (void)latency;
    (void)ok;
  }

  const EndpointList& endpoints() const { return picker_->endpoints(); }
  const EndpointListPtr& endpoint_list() const { return picker_->endpoint_list(); }
  const Picker& picker() const { return *picker_; }

 protected:
  Balancer();
  // The list update() was given, before it is sorted: for the one policy that follows the
  // order a list arrives in (dns_rotated: a DNS answer's order). Called first in update().
  virtual void given_order(const EndpointList& as_given) { (void)as_given; }
  // Builds the picker for `next` (sorted, possibly empty). `previous` is the list being
  // replaced (empty on the first update): policies with load state remap it from there.
  virtual std::unique_ptr<const Picker> build(const EndpointListPtr& previous,
                                              const EndpointListPtr& next) = 0;

 private:
  std::unique_ptr<const Picker> picker_;  // never null: an EmptyPicker before the first update
  bool empty_ = true;
};

// A picker for the empty list, for policies to return from build(); never asked to pick.
class EmptyPicker final : public Picker {
 public:
  explicit EmptyPicker(EndpointListPtr endpoints) : Picker(std::move(endpoints)) {}
  PickResult pick(const PickContext&) const override { return PickResult{}; }
};

}  // namespace discolab
