// An authoritative DNS server answering from the registry's endpoint lists.
//
// Models kube-dns/CoreDNS `kubernetes`, Consul DNS, Mesos-DNS and the authoritative part of
// DC/OS dcos-dns: it owns the zone `<domain>` and answers, for a service it was given,
//   A   <service>.service.<domain>  one A record per endpoint (10.0.0.0/8 + endpoint id);
//   SRV <service>.service.<domain>  one SRV record per endpoint, target <hex>.addr.<domain>,
//                                    plus the targets' A records in the additional section;
//   A   <hex>.addr.<domain>          the address itself.
// Every positive answer carries `ttl` and starts one further along the list than the last
// answer for that service (round-robin DNS). A name it does not know is NXDOMAIN, a known
// service without endpoints (or asked for another type) is NOERROR without answers; both
// carry the zone's SOA, whose TTL and minimum are `negative_ttl` (RFC 2308).
//
// Transport: queries arrive as DnsPacket messages on the endpoint it opens ("dns-server");
// the answer goes back over the query's transport. Over UDP an answer is fitted into 512
// bytes, or into the EDNS payload size the query advertised (capped at max_udp_bytes), and
// TC is set when answers had to be left out (the client may retry over TCP). An undecodable
// query or a response sent to it is dropped (counted as "dns.server.malformed").
// A server whose host is down does not answer: the runtime drops what is sent to it.
//
// Views: per service it reports "dns-server/<name>" with the sorted instance ids it would
// answer with, on every real change; remove_service() reports an empty view.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "patterns/core/endpoint.h"
#include "patterns/core/runtime.h"
#include "patterns/dns/dns_message.h"
#include "patterns/dns/dns_naming.h"
#include "patterns/dns/dns_transport.h"

namespace discolab::dns {

struct DnsServerConfig {
  std::string name = "dns";  // names its views: "dns-server/<name>"
  DnsNaming naming;
  Duration ttl = std::chrono::seconds(5);  // of positive answers; whole seconds on the wire
  Duration negative_ttl = std::chrono::seconds(5);  // SOA TTL and minimum of negative answers
  std::uint32_t udp_answer_limit = 0;               // answer records per UDP answer; 0: no limit
  std::size_t max_udp_bytes = 1232;  // largest UDP answer, with EDNS (DNS flag day 2020)
  bool rotate = true;                // round-robin the order of answers
  std::uint16_t srv_port = 8080;     // port in SRV records

  static DnsServerConfig coredns();          // kubernetes plugin: ttl 5 s
  static DnsServerConfig coredns_kubeadm();  // kubeadm Corefile: ttl 30 s
  static DnsServerConfig consul();           // ttl 0, soa min_ttl 0, udp_answer_limit 3
  static DnsServerConfig mesos_dns();        // ttl 60 s
  static DnsServerConfig dcos_dns();         // ttl 5 s
};

class DnsServer {
 public:
  // Opens the "dns-server" endpoint on `host`. `book` receives every endpoint served.
  DnsServer(Runtime& runtime, HostId host, DnsServerConfig config,
            std::shared_ptr<AddressBook> book);
  ~DnsServer();
  DnsServer(const DnsServer&) = delete;
  DnsServer& operator=(const DnsServer&) = delete;

  EndpointId endpoint() const { return endpoint_; }
  const DnsServerConfig& config() const { return config_; }

  // The registry's current list for `service` (sorted by instance id), replacing the last.
  void set_service(std::string_view service, EndpointListPtr endpoints);
  // The service is gone: its name becomes NXDOMAIN.
  void remove_service(std::string_view service);

  // The encoded answer to `query` received over `transport`, or nullopt if it is dropped.
  // This is what the endpoint's handler sends back; public for in-process use and tests.
  std::optional<std::vector<std::uint8_t>> respond(std::span<const std::uint8_t> query,
                                                   Transport transport);

  struct Stats {
    std::uint64_t queries = 0;
    std::uint64_t nxdomain = 0;
    std::uint64_t truncated = 0;  // UDP answers sent with TC
    std::uint64_t malformed = 0;
  };
  const Stats& stats() const { return stats_; }

 private:
  struct Service {
    EndpointListPtr endpoints;  // null: removed (NXDOMAIN)
    std::uint64_t next_start = 0;
    ViewId view = 0;
    std::vector<InstanceId> reported;
  };

  void on_message(const Message& msg);
  void answer_service(DnsMessage& reply, const Question& q, Service& service, bool udp);
  void answer_negative(DnsMessage& reply, Rcode rcode) const;
  void report(Service& service, std::vector<InstanceId> ids);

  Runtime& runtime_;
  DnsServerConfig config_;
  std::shared_ptr<AddressBook> book_;
  EndpointId endpoint_ = kNoEndpoint;
  std::unordered_map<std::string, Service> services_;  // by lowercase service name
  std::uint32_t serial_ = 1;                           // SOA serial: bumped on every change
  Stats stats_;
};

}  // namespace discolab::dns
