// The registry's wire protocol: request and reply bodies carried in Message::body, and the
// payload sizes charged for them.
//
// Every request carries a request_id chosen by the client; the server answers with a
// RegistryReply carrying the same id, to the endpoint the request came from. Watch events
// are pushed with the id of the subscribing request. Large contents (records, updates) are
// shared immutable pointers, so one update fanned out to many watchers is built once.
//
// Sizes (bytes) follow what is sent: header + records × record size (+ removals × removal
// size). A Eureka InstanceInfo serialised as JSON is about 1–2 KB (hostName, ipAddr, ports,
// dataCenterInfo, leaseInfo, metadata, URLs); we charge 1200 bytes per record, 200 bytes
// of HTTP headers per message, and 150 bytes per removal (id and key only, as an etcd delete
// event or a Consul index entry). A scenario can change them through RegistryServer::Config.
#pragma once

#include <any>
#include <cstdint>
#include <string>

#include "patterns/core/time.h"
#include "patterns/registry/catalog.h"

namespace discolab::registry {

struct WireSizes {
  std::uint32_t header_bytes = 200;
  std::uint32_t record_bytes = 1200;
  std::uint32_t removal_bytes = 150;

  std::uint32_t of(const CatalogUpdate& u) const {
    std::uint32_t bytes = header_bytes;
    for (const Change& c : u.changes) bytes += c.removed ? removal_bytes : record_bytes;
    return bytes;
  }
  // A write request (register carries its record).
  std::uint32_t request(bool carries_record) const {
    return header_bytes + (carries_record ? record_bytes : 0);
  }
};

// `identity` is who writes (an ACL token naming a service, or "orchestrator"...).
struct RegisterRequest {
  std::uint64_t request_id = 0;
  std::string identity;
  RecordPtr record;
  Duration lease{0};  // 0: no lease, the entry stays until deregistered
};
struct RenewRequest {
  std::uint64_t request_id = 0;
  std::string identity;
  InstanceId instance = kNoInstance;
};
struct DeregisterRequest {
  std::uint64_t request_id = 0;
  std::string identity;
  InstanceId instance = kNoInstance;
};

// since_index 0 asks for a full list; otherwise a delta since that index (which the server
// may answer with a full list when it no longer retains the changes).
struct FetchRequest {
  std::uint64_t request_id = 0;
  std::string service;  // "" = every service
  std::uint64_t since_index = 0;
};

// Consul blocking query: answered when the service's index exceeds `index`, or after `wait`
// plus a random stagger of up to wait/16. index 0 is answered at once. The answer is the
// full list (Consul returns the whole result) with the service's index.
struct BlockingQueryRequest {
  std::uint64_t request_id = 0;
  std::string service;
  std::uint64_t index = 0;
  Duration wait{0};  // 0: the server's default wait
};

// Streaming watch: on subscribe the server answers with the changes since `since_index`
// (a full list when 0 or not retained), then pushes a WatchEvent per change of the service,
// and an empty WatchEvent (progress) every progress interval.
struct WatchRequest {
  std::uint64_t request_id = 0;
  std::string service;
  std::uint64_t since_index = 0;
  bool subscribe = true;  // false: cancel the subscription of this endpoint for `service`
};

struct RegistryReply {
  std::uint64_t request_id = 0;
  WriteError error = WriteError::none;
  std::uint64_t index = 0;
  UpdatePtr update;  // reads only
};

struct WatchEvent {
  std::uint64_t request_id = 0;  // the subscribing request
  UpdatePtr update;              // null: progress notification only
};

// The request id of a registry request body, or 0 if `body` is none (for refused messages).
inline std::uint64_t request_id_of(const std::any& body) {
  if (auto* r = std::any_cast<RegisterRequest>(&body)) return r->request_id;
  if (auto* r = std::any_cast<RenewRequest>(&body)) return r->request_id;
  if (auto* r = std::any_cast<DeregisterRequest>(&body)) return r->request_id;
  if (auto* r = std::any_cast<FetchRequest>(&body)) return r->request_id;
  if (auto* r = std::any_cast<BlockingQueryRequest>(&body)) return r->request_id;
  if (auto* r = std::any_cast<WatchRequest>(&body)) return r->request_id;
  return 0;
}

}  // namespace discolab::registry
