// Where an upstream learns a service's endpoints: one resolver interface for every source.
//
// As gRPC's resolvers, a source is push (a registry watch or blocking query: the registry
// sends changes) or pull (a periodic poll; DNS lookups later: the holder asks). Either way it
// hands its holder whole immutable lists (EndpointListPtr) through SourceListener.
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
//   pending() turns false (once for the registry sources; a DNS source would be pending per
//   lookup).
// - answered(): the source has heard a state of the registry (not merely an empty, never
//   changed one); errors(): failed requests or broken streams so far. A holder with no endpoint
//   fails picks as registry_down when !answered() && errors() > 0, else no_endpoint.
// - view: whether the source reports its list to the observer as its holder's view. Each holder
//   has exactly one view: the source's when the holder routes to every endpoint it lists, the
//   routable list's when the holder filters by health (upstream.h).
#pragma once

#include <cstdint>

#include "patterns/core/endpoint.h"

namespace discolab {

class SourceListener {
 public:
  virtual ~SourceListener() = default;
  virtual void endpoints_changed(const EndpointListPtr& list) = 0;
  virtual void settled() = 0;
};

enum class SourceView : std::uint8_t { report, silent };

class EndpointSource {
 public:
  virtual ~EndpointSource() = default;

  virtual void start(SourceListener& listener, SourceView view) = 0;
  virtual void stop() = 0;

  virtual bool pending() const = 0;
  virtual bool answered() const = 0;
  virtual std::uint64_t errors() const = 0;
  // The last list (empty before any answer).
  virtual const EndpointListPtr& endpoints() const = 0;
};

}  // namespace discolab
