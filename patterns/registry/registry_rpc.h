// The client end of the registry protocol: one endpoint, requests with timeouts.
//
// Every client-side component (registration agents, poller, watcher, blocking query) owns
// one. call() sends a request and arranges for `on_done` to run exactly once: with the
// reply, or with nullptr when no reply came within `timeout` or the registry's endpoint
// refused the request. A registry that is down or cut off drops requests, so the timeout is
// what tells the caller (docs/architecture.md: the sender's timeout fires). Replies that arrive
// after their timeout are ignored. Messages that are not replies (watch events, data-plane answers
// to a sidecar's probe) go to `other`.
//
// Contract: callbacks never run after the RegistryRpc is destroyed or cancel_all() returned.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string_view>

#include "patterns/core/runtime.h"
#include "patterns/registry/protocol.h"

namespace discolab::registry {

class RegistryRpc {
 public:
  using Done = std::function<void(const RegistryReply*)>;

  RegistryRpc(Runtime& runtime, HostId host, std::string_view endpoint_kind, EndpointId registry,
              MessageHandler other = nullptr);
  ~RegistryRpc();
  RegistryRpc(const RegistryRpc&) = delete;
  RegistryRpc& operator=(const RegistryRpc&) = delete;

  // Sets req.request_id, sends `req` (size_bytes on the wire) and returns the id.
  template <class Request>
  std::uint64_t call(Request req, std::uint32_t size_bytes, Duration timeout, Done on_done) {
    req.request_id = next_id_++;
    const std::uint64_t id = req.request_id;
    track(id, timeout, std::move(on_done));
    send(std::any(std::move(req)), size_bytes);
    return id;
  }
  // Sends a request that expects no reply (or whose reply goes to `other`).
  template <class Request>
  std::uint64_t post(Request req, std::uint32_t size_bytes) {
    req.request_id = next_id_++;
    const std::uint64_t id = req.request_id;
    send(std::any(std::move(req)), size_bytes);
    return id;
  }
  // Sends any message from this endpoint (e.g. a probe to an instance).
  void send_to(EndpointId to, std::uint32_t size_bytes, std::any body);

  void cancel_all();
  bool pending(std::uint64_t request_id) const { return pending_.contains(request_id); }
  EndpointId endpoint() const { return endpoint_; }
  EndpointId registry() const { return registry_; }
  Runtime& runtime() const { return rt_; }

 private:
  struct Pending {
    TimerId timer;
    Done on_done;
  };
  void track(std::uint64_t id, Duration timeout, Done on_done);
  void send(std::any body, std::uint32_t size_bytes);
  void on_message(const Message& msg);
  void finish(std::uint64_t id, const RegistryReply* reply);

  Runtime& rt_;
  EndpointId registry_;
  MessageHandler other_;
  EndpointId endpoint_ = kNoEndpoint;
  std::uint64_t next_id_ = 1;
  std::map<std::uint64_t, Pending> pending_;
};

}  // namespace discolab::registry
