// A registry server on host 0 of a manual runtime (1 ms per message), an observer that
// records views and counts, and a hand-driven client (RawClient) on host 1 to write with.
#pragma once

#include <memory>

#include "patterns/core/manual_runtime.h"
#include "patterns/registry/registry_server.h"
#include "tests/patterns/registry/raw_client.h"
#include "tests/patterns/registry/recording_observer.h"

namespace discolab::test {

inline constexpr HostId kRegistryHost = 0;

struct RegistryFixture {
  explicit RegistryFixture(
      registry::RegistryServerConfig config = registry::RegistryServerConfig::consul()) {
    rt.set_observer(obs);  // before the server opens views
    server = std::make_unique<registry::RegistryServer>(rt, kRegistryHost, std::move(config));
    writer = std::make_unique<RawClient>(rt, server->endpoint());
  }
  const registry::Catalog& catalog() const { return server->catalog(); }

  ManualRuntime rt{1, std::chrono::milliseconds(1)};
  RecordingObserver obs{rt};
  std::unique_ptr<registry::RegistryServer> server;
  std::unique_ptr<RawClient> writer;
};

}  // namespace discolab::test
