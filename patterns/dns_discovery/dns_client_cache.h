// The client library's DNS cache in the DNS pattern, by name only (scenario files need it
// without the pattern).
#pragma once

#include <cstdint>

namespace discolab {

enum class DnsClientCache : std::uint8_t {
  none,  // glibc's stub resolver, Go's resolver: every request resolves
  jvm,   // InetAddress cache: a fixed TTL (networkaddress.cache.ttl, 30 s) whatever the record's
  ttl,   // honours the record's TTL (a resolver library with a cache, systemd-resolved)
};

}  // namespace discolab
