// A bare endpoint for tests that speaks the registry protocol by hand and records what it
// receives, with the arrival time.
#pragma once

#include <any>
#include <utility>
#include <vector>

#include "patterns/core/manual_runtime.h"
#include "patterns/registry/protocol.h"

namespace discolab::test {

struct RawClient {
  RawClient(ManualRuntime& rt, EndpointId registry, HostId host = 1) : rt(rt), registry(registry) {
    endpoint = rt.open(host, "test-client", [this](const Message& m) {
      if (auto* r = std::any_cast<registry::RegistryReply>(&m.body)) {
        replies.emplace_back(this->rt.now(), *r);
      } else if (auto* e = std::any_cast<registry::WatchEvent>(&m.body)) {
        events.emplace_back(this->rt.now(), *e);
      }
    });
  }

  void send(std::any body, std::uint32_t size = 200) {
    rt.send(Message{endpoint, registry, size, Plane::control, DeliveryStatus::delivered,
                    std::move(body)});
  }
  void register_instance(InstanceId id, std::string service, Duration lease,
                         std::string identity = "") {
    auto r = std::make_shared<registry::InstanceRecord>();
    r->id = id;
    r->service = service;
    r->name = service + "-" + std::to_string(id);
    r->endpoint = 1000 + id;
    send(registry::RegisterRequest{next_id++, identity.empty() ? service : identity, r, lease});
  }
  const registry::RegistryReply& last_reply() const { return replies.back().second; }

  ManualRuntime& rt;
  EndpointId registry;
  EndpointId endpoint = kNoEndpoint;
  std::uint64_t next_id = 1;
  std::vector<std::pair<SimTime, registry::RegistryReply>> replies;
  std::vector<std::pair<SimTime, registry::WatchEvent>> events;
};

inline std::vector<InstanceId> ids(const registry::CatalogUpdate& u) {
  std::vector<InstanceId> out;
  for (const auto& c : u.changes) out.push_back(c.id);
  return out;
}

}  // namespace discolab::test
