// The RFC 1035 wire format: encoder with name compression and a strict, bounded decoder.
//
// encode() writes section 4.1 exactly: a 12-byte header, questions, then answer, authority
// and additional records, names compressed with backward pointers (4.1.4) to earlier, exactly
// equal suffixes (case-sensitive, so names round-trip unchanged). SRV targets are
// not compressed (RFC 2782) but later names may point into them. An EDNS(0) OPT record
// (RFC 6891) is written last when DnsMessage::edns_udp_bytes is set.
//
// decode() never reads outside its input and never loops: every compression pointer must
// point strictly before the segment that contains it, so a chain of pointers strictly
// decreases. It rejects, with an error and a message naming the offset: input over
// `max_bytes`, a header under 12 bytes, counts that the remaining bytes cannot hold, data
// ending inside a record, label types 01/10 (a length over 63), names over 255 bytes, labels
// containing '.', forward, self, out-of-range or header-pointing pointers, RDATA whose length
// disagrees with its type, a misplaced or repeated OPT, and bytes after the last record.
//
// Transport limits (RFC 1035 4.2.1, RFC 6891 6.2.3): over UDP a message is at most 512
// bytes unless the receiver advertised a larger EDNS payload size. Senders fit answers with
// encode_truncated(); receivers pass their limit as decode's `max_bytes` and so reject
// oversized datagrams. Over TCP the limit is 65535 bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "patterns/dns/dns_message.h"

namespace discolab::dns {

inline constexpr std::size_t kHeaderBytes = 12;
inline constexpr std::size_t kUdpPlainMaxBytes = 512;   // without EDNS (RFC 1035 2.3.4)
inline constexpr std::size_t kMaxMessageBytes = 65535;  // TCP length prefix is 16 bits
inline constexpr std::size_t kMaxNameBytes = 255;       // wire form, root byte included
inline constexpr std::size_t kMaxLabelBytes = 63;

enum class DecodeError : std::uint8_t {
  none,
  oversized,           // more bytes than the transport allows
  truncated_header,    // under 12 bytes
  counts_exceed_data,  // QD/AN/NS/AR counts need more bytes than remain
  truncated,           // data ends inside a name, question or record
  bad_label,           // label type 01/10 (length > 63) or a '.' inside a label
  name_too_long,       // over 255 bytes in wire form
  bad_pointer,         // compression pointer forward, to itself, into the header
  rdlength_mismatch,   // RDATA length disagrees with what its type holds
  bad_opt,             // OPT outside the additional section, repeated, not at root, bad options
  trailing_bytes,      // bytes after the last counted record
};
std::string_view to_string(DecodeError error);

struct DecodeResult {
  DecodeError error = DecodeError::none;
  std::string detail;  // for humans: what was wrong and at which offset
  DnsMessage message;  // meaningful only when ok()
  bool ok() const { return error == DecodeError::none; }
};

// Throws std::invalid_argument for a name that cannot be encoded (empty label, label over
// 63 bytes, name over 255 bytes) or a record whose type disagrees with its RDATA.
std::vector<std::uint8_t> encode(const DnsMessage& message);

// encode(), then fit into `limit_bytes` (raised to at least 512): if the whole message does
// not fit, authority and additional records are left out; answers are kept as a prefix of as
// many as fit; TC is set when any answer was left out (RFC 2181 section 9). The OPT record
// is kept. The result is a valid message in its own right (counts patched).
std::vector<std::uint8_t> encode_truncated(const DnsMessage& message, std::size_t limit_bytes);

DecodeResult decode(std::span<const std::uint8_t> bytes, std::size_t max_bytes = kMaxMessageBytes);

// True if `name` can be encoded (labels of 1..63 bytes without '.', at most 255 bytes).
bool valid_name(std::string_view name);

}  // namespace discolab::dns
