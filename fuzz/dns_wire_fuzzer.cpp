// The DNS wire decoder (RFC 1035), at both receive limits: every input ends in a message or an
// error with a detail; what decodes encodes again and decodes to the same message.
#include <cstddef>
#include <cstdint>
#include <span>

#include "patterns/dns/dns_wire.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace discolab::dns;
  const std::span<const std::uint8_t> bytes(data, size);
  for (const std::size_t limit : {kMaxMessageBytes, kUdpPlainMaxBytes}) {
    const DecodeResult r = decode(bytes, limit);
    if (!r.ok()) {
      if (r.detail.empty()) __builtin_trap();
      continue;
    }
    const DecodeResult again = decode(encode(r.message));
    if (!again.ok() || !(again.message == r.message)) __builtin_trap();
  }
  return 0;
}
