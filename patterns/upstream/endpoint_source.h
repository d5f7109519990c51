// Where an upstream learns a service's endpoints: one resolver interface for every source.
//
// As gRPC's resolvers, a source is push (a registry watch or blocking query: the registry
// sends changes) or pull (a periodic poll, or a DNS lookup when the holder needs an answer:
// dns_source.h). Either way it hands its holder whole immutable lists (EndpointListPtr)
// through SourceListener.
//
// Contract:
// - start(listener, view) begins discovery (the source's connections and timers exist from
//   then); stop() ends it and keeps the last list. start() after stop() resumes.
// - listener.endpoints_changed(list) after each answer that changed the list, and after the
//   first answer even when empty.
// - pending(): picks should wait (WaitForTarget) rather than fail: true from construction until
//   the source settles (its first answer, or its first failure) for a source that makes its
//   holder wait for its initial list, as a client library's first call waits for its initial
//   server list; never true for push sources. listener.settled() is called each time
//   pending() turns false (once for the registry sources; a DNS source is pending per lookup).
// - prepare(need): the holder calls it before each pick (Upstream::choose). A source that
//   resolves on demand (DnsSource) starts a lookup there when it holds no answer usable for
//   `need` — a new request needs a fresh answer, a retry of a request goes on with the answer
//   held — and is pending() until the lookup settles. Tries that waited for a lookup use the
//   answer it brought, even an answer that may not be cached (TTL 0, no client cache): the
//   source takes them as served while it calls settled(). Every other source ignores it.
// - failure(): a cause the pick must fail with now although the source may hold a list —
//   the lookup the tries waited for failed (dns_failed): a client whose resolver failed
//   has no address to connect to, whatever it resolved before. nullopt otherwise (always for
//   the registry sources).
// - answered(): the source has heard a state of the registry (not merely an empty, never
//   changed one); errors(): failed requests or broken streams so far. A holder with no endpoint
//   fails picks as registry_down when !answered() && errors() > 0, else no_endpoint.
// - view: whether the source reports its list to the observer as its holder's view. Each holder
//   has exactly one view: the source's when the holder routes to every endpoint it lists, the
//   routable list's when the holder filters by health (upstream.h).
#pragma once

#include <cstdint>
#include <optional>

#include "patterns/core/endpoint.h"
#include "patterns/core/observer.h"

namespace discolab {

class SourceListener {
 public:
  virtual ~SourceListener() = default;
  virtual void endpoints_changed(const EndpointListPtr& list) = 0;
  virtual void settled() = 0;
};

enum class SourceView : std::uint8_t { report, silent };

// What a pick needs from a source that resolves on demand (EndpointSource::prepare).
enum class PickNeed : std::uint8_t {
  fresh,  // the first try of a request: an answer the client may still use (a cache hit)
  held,   // a retry: the answer the request's first try used, or any newer one
};

class EndpointSource {
 public:
  virtual ~EndpointSource() = default;

  virtual void start(SourceListener& listener, SourceView view) = 0;
  virtual void stop() = 0;

  virtual void prepare(PickNeed need) { (void)need; }
  virtual bool pending() const = 0;
  virtual std::optional<FailureCause> failure() const { return std::nullopt; }
  virtual bool answered() const = 0;
  virtual std::uint64_t errors() const = 0;
  // The last list (empty before any answer).
  virtual const EndpointListPtr& endpoints() const = 0;
};

}  // namespace discolab
