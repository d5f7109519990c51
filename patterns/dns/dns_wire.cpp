#include "patterns/dns/dns_wire.h"

#include <algorithm>
#include <stdexcept>

namespace discolab::dns {

namespace {

// Splits a presentation name into its labels' boundaries; a trailing dot is allowed.
// Returns false if a label is empty or longer than 63 bytes, contains nothing encodable,
// or the wire form would exceed 255 bytes.
bool check_name(std::string_view name) {
  if (!name.empty() && name.back() == '.') name.remove_suffix(1);
  if (name.empty()) return true;  // the root
  std::size_t wire = 1;           // the root byte
  std::size_t label = 0;
  for (const char c : name) {
    if (c == '.') {
      if (label == 0) return false;
      wire += label + 1;
      label = 0;
    } else if (++label > kMaxLabelBytes) {
      return false;
    }
  }
  if (label == 0) return false;
  wire += label + 1;
  return wire <= kMaxNameBytes;
}

std::string_view strip_root_dot(std::string_view name) {
  if (!name.empty() && name.back() == '.') name.remove_suffix(1);
  return name;
}

class Writer {
 public:
  explicit Writer(std::vector<std::uint8_t>& out) : out_(out) {}

  void u8(std::uint8_t v) { out_.push_back(v); }
  void u16(std::uint16_t v) {
    out_.push_back(static_cast<std::uint8_t>(v >> 8));
    out_.push_back(static_cast<std::uint8_t>(v));
  }
  void u32(std::uint32_t v) {
    u16(static_cast<std::uint16_t>(v >> 16));
    u16(static_cast<std::uint16_t>(v));
  }
  void patch_u16(std::size_t at, std::uint16_t v) {
    out_[at] = static_cast<std::uint8_t>(v >> 8);
    out_[at + 1] = static_cast<std::uint8_t>(v);
  }
  std::size_t size() const { return out_.size(); }

  // Writes `name`, ending in a pointer to an earlier copy of its longest known suffix when
  // `compress`. Every suffix written in full is remembered for later names, if its offset
  // fits the 14 bits of a pointer. The views point into the message being encoded.
  void name(std::string_view full, bool compress) {
    if (!check_name(full))
      throw std::invalid_argument("dns::encode: bad name '" + std::string(full) + "'");
    std::string_view rest = strip_root_dot(full);
    while (!rest.empty()) {
      if (compress) {
        for (const Suffix& s : suffixes_) {
          if (s.name == rest) {  // exact: a case-insensitive match would not round-trip case
            u16(static_cast<std::uint16_t>(0xC000 | s.offset));
            return;
          }
        }
      }
      if (out_.size() < 0x4000)
        suffixes_.push_back(Suffix{rest, static_cast<std::uint16_t>(out_.size())});
      const std::size_t dot = rest.find('.');
      const std::string_view label = rest.substr(0, dot);
      u8(static_cast<std::uint8_t>(label.size()));
      out_.insert(out_.end(), label.begin(), label.end());
      rest = dot == std::string_view::npos ? std::string_view{} : rest.substr(dot + 1);
    }
    u8(0);
  }

  void header(const Header& h, std::size_t qd, std::size_t an, std::size_t ns, std::size_t ar) {
    u16(h.id);
    u8(static_cast<std::uint8_t>((h.qr ? 0x80 : 0) | ((h.opcode & 0x0F) << 3) | (h.aa ? 0x04 : 0) |
                                 (h.tc ? 0x02 : 0) | (h.rd ? 0x01 : 0)));
    u8(static_cast<std::uint8_t>((h.ra ? 0x80 : 0) | (static_cast<std::uint8_t>(h.rcode) & 0x0F)));
    for (const std::size_t count : {qd, an, ns, ar}) {
      if (count > 0xFFFF)
        throw std::invalid_argument("dns::encode: more than 65535 entries in a section");
      u16(static_cast<std::uint16_t>(count));
    }
  }

  void question(const Question& q) {
    name(q.name, true);
    u16(static_cast<std::uint16_t>(q.type));
    u16(q.qclass);
  }

  void record(const ResourceRecord& rr) {
    name(rr.name, true);
    u16(static_cast<std::uint16_t>(rr.type));
    u16(rr.rclass);
    u32(rr.ttl_s);
    const std::size_t length_at = size();
    u16(0);
    std::visit([&](const auto& data) { rdata(rr.type, data); }, rr.data);
    const std::size_t length = size() - length_at - 2;
    if (length > 0xFFFF) throw std::invalid_argument("dns::encode: RDATA over 65535 bytes");
    patch_u16(length_at, static_cast<std::uint16_t>(length));
  }

  // The OPT pseudo-record (RFC 6891 6.1.2): root owner, class = payload size, no options.
  void opt(std::uint16_t udp_bytes) {
    u8(0);
    u16(static_cast<std::uint16_t>(RrType::opt));
    u16(udp_bytes);
    u32(0);
    u16(0);
  }

 private:
  struct Suffix {
    std::string_view name;
    std::uint16_t offset;
  };

  static void expect(bool ok) {
    if (!ok) throw std::invalid_argument("dns::encode: record type disagrees with its RDATA");
  }
  void rdata(RrType type, const ARecord& a) {
    expect(type == RrType::a);
    u32(a.ipv4);
  }
  void rdata(RrType type, const AaaaRecord& a) {
    expect(type == RrType::aaaa);
    out_.insert(out_.end(), a.ipv6.begin(), a.ipv6.end());
  }
  void rdata(RrType type, const SrvRecord& s) {
    expect(type == RrType::srv);
    u16(s.priority);
    u16(s.weight);
    u16(s.port);
    name(s.target, false);  // RFC 2782: no compression of the target
  }
  void rdata(RrType type, const NameRecord& n) {
    expect(type == RrType::cname || type == RrType::ns || type == RrType::ptr);
    name(n.target, true);
  }
  void rdata(RrType type, const SoaRecord& s) {
    expect(type == RrType::soa);
    name(s.mname, true);
    name(s.rname, true);
    for (const std::uint32_t v : {s.serial, s.refresh_s, s.retry_s, s.expire_s, s.minimum_s})
      u32(v);
  }
  void rdata(RrType type, const OpaqueRecord& o) {
    expect(type != RrType::a && type != RrType::aaaa && type != RrType::srv &&
           type != RrType::soa && type != RrType::cname && type != RrType::ns &&
           type != RrType::ptr && type != RrType::opt);
    out_.insert(out_.end(), o.rdata.begin(), o.rdata.end());
  }

  std::vector<std::uint8_t>& out_;
  std::vector<Suffix> suffixes_;
};

void write_message(Writer& w, const DnsMessage& m) {
  const std::size_t additional = m.additional.size() + (m.edns_udp_bytes ? 1 : 0);
  w.header(m.header, m.questions.size(), m.answers.size(), m.authority.size(), additional);
  for (const Question& q : m.questions) w.question(q);
  for (const ResourceRecord& rr : m.answers) w.record(rr);
  for (const ResourceRecord& rr : m.authority) w.record(rr);
  for (const ResourceRecord& rr : m.additional) w.record(rr);
  if (m.edns_udp_bytes) w.opt(*m.edns_udp_bytes);
}

// Reads big-endian fields from a bounded buffer; the first failure is kept and every later
// read fails, so parsing code can check once per step.
class Reader {
 public:
  explicit Reader(std::span<const std::uint8_t> in) : in_(in) {}

  std::size_t pos() const { return pos_; }
  std::size_t remaining() const { return in_.size() - pos_; }
  bool failed() const { return error_ != DecodeError::none; }

  bool fail(DecodeError e, std::string_view what, std::size_t at) {
    if (!failed()) {
      error_ = e;
      detail_ = std::string(what) + " at offset " + std::to_string(at);
    }
    return false;
  }
  DecodeResult take_error() {
    DecodeResult r;
    r.error = error_;
    r.detail = std::move(detail_);
    return r;
  }

  bool u8(std::uint8_t& v) {
    if (failed() || remaining() < 1) return fail(DecodeError::truncated, "data ends", pos_);
    v = in_[pos_++];
    return true;
  }
  bool u16(std::uint16_t& v) {
    if (failed() || remaining() < 2) return fail(DecodeError::truncated, "data ends", pos_);
    v = static_cast<std::uint16_t>((in_[pos_] << 8) | in_[pos_ + 1]);
    pos_ += 2;
    return true;
  }
  bool u32(std::uint32_t& v) {
    std::uint16_t hi = 0;
    std::uint16_t lo = 0;
    if (!u16(hi) || !u16(lo)) return false;
    v = (std::uint32_t{hi} << 16) | lo;
    return true;
  }
  bool bytes(std::size_t n, std::uint8_t* out) {
    if (failed() || remaining() < n) return fail(DecodeError::truncated, "data ends", pos_);
    std::copy_n(in_.begin() + static_cast<std::ptrdiff_t>(pos_), n, out);
    pos_ += n;
    return true;
  }
  void skip(std::size_t n) { pos_ += n; }  // caller checked remaining()

  // Reads a possibly compressed name starting at pos(), leaves pos() after its in-place part.
  // Termination: a pointer must point before the start of the segment holding it (the
  // name's start, or the previous pointer's target), so targets strictly decrease.
  bool name(std::string& out) {
    out.clear();
    if (failed()) return false;
    std::size_t cur = pos_;
    std::size_t segment_start = pos_;
    std::size_t wire = 1;  // the root byte
    bool jumped = false;
    for (;;) {
      if (cur >= in_.size()) return fail(DecodeError::truncated, "name runs past the end", cur);
      const std::uint8_t len = in_[cur];
      if ((len & 0xC0) == 0xC0) {
        if (cur + 1 >= in_.size()) return fail(DecodeError::truncated, "pointer cut", cur);
        const std::size_t target = (std::size_t{len & 0x3Fu} << 8) | in_[cur + 1];
        if (target >= segment_start)
          return fail(DecodeError::bad_pointer, "pointer not backward", cur);
        if (target < kHeaderBytes)
          return fail(DecodeError::bad_pointer, "pointer into header", cur);
        if (!jumped) pos_ = cur + 2;
        jumped = true;
        cur = segment_start = target;
        continue;
      }
      if ((len & 0xC0) != 0) return fail(DecodeError::bad_label, "label type 01/10", cur);
      if (len == 0) {
        if (!jumped) pos_ = cur + 1;
        return true;
      }
      wire += std::size_t{len} + 1;
      if (wire > kMaxNameBytes) return fail(DecodeError::name_too_long, "name over 255 bytes", cur);
      if (cur + 1 + len > in_.size())
        return fail(DecodeError::truncated, "label runs past the end", cur);
      const auto* begin = in_.data() + cur + 1;
      if (std::find(begin, begin + len, std::uint8_t{'.'}) != begin + len) {
        return fail(DecodeError::bad_label, "'.' inside a label", cur);
      }
      if (!out.empty()) out.push_back('.');
      out.append(reinterpret_cast<const char*>(begin), len);
      cur += 1 + std::size_t{len};
    }
  }

 private:
  std::span<const std::uint8_t> in_;
  std::size_t pos_ = 0;
  DecodeError error_ = DecodeError::none;
  std::string detail_;
};

// Reads the RDATA of `rr.type` from [r.pos(), end); it must end exactly at `end`.
bool read_rdata(Reader& r, ResourceRecord& rr, std::size_t length) {
  const std::size_t start = r.pos();
  const std::size_t end = start + length;
  auto exact = [&](std::size_t expected) {
    return length == expected || r.fail(DecodeError::rdlength_mismatch, "RDATA length", start);
  };
  switch (rr.type) {
    case RrType::a: {
      ARecord a;
      if (!exact(4) || !r.u32(a.ipv4)) return false;
      rr.data = a;
      break;
    }
    case RrType::aaaa: {
      AaaaRecord a;
      if (!exact(16) || !r.bytes(16, a.ipv6.data())) return false;
      rr.data = a;
      break;
    }
    case RrType::srv: {
      SrvRecord s;
      if (length < 7) return r.fail(DecodeError::rdlength_mismatch, "SRV RDATA too short", start);
      if (!r.u16(s.priority) || !r.u16(s.weight) || !r.u16(s.port) || !r.name(s.target))
        return false;
      rr.data = std::move(s);
      break;
    }
    case RrType::cname:
    case RrType::ns:
    case RrType::ptr: {
      NameRecord n;
      if (!r.name(n.target)) return false;
      rr.data = std::move(n);
      break;
    }
    case RrType::soa: {
      SoaRecord s;
      if (!r.name(s.mname) || !r.name(s.rname) || !r.u32(s.serial) || !r.u32(s.refresh_s) ||
          !r.u32(s.retry_s) || !r.u32(s.expire_s) || !r.u32(s.minimum_s)) {
        return false;
      }
      rr.data = std::move(s);
      break;
    }
    default: {
      OpaqueRecord o;
      o.rdata.resize(length);
      if (!r.bytes(length, o.rdata.data())) return false;
      rr.data = std::move(o);
      break;
    }
  }
  if (r.pos() != end) return r.fail(DecodeError::rdlength_mismatch, "RDATA length", start);
  return true;
}

// OPT (RFC 6891 6.1): owner is the root, options are code/length/data triples filling RDATA.
bool read_opt(Reader& r, const ResourceRecord& rr, std::size_t length, DnsMessage& m) {
  const std::size_t at = r.pos();
  if (!rr.name.empty()) return r.fail(DecodeError::bad_opt, "OPT owner not the root", at);
  if (m.edns_udp_bytes) return r.fail(DecodeError::bad_opt, "second OPT", at);
  std::size_t left = length;
  while (left > 0) {
    std::uint16_t code = 0;
    std::uint16_t option_length = 0;
    if (left < 4 || !r.u16(code) || !r.u16(option_length) || option_length > left - 4) {
      return r.fail(DecodeError::bad_opt, "OPT options overrun RDATA", at);
    }
    r.skip(option_length);
    left -= 4u + option_length;
  }
  m.edns_udp_bytes = rr.rclass;
  return true;
}

enum class Section : std::uint8_t { answer, authority, additional };

bool read_records(Reader& r, std::uint16_t count, Section section, DnsMessage& m) {
  std::vector<ResourceRecord>& out = section == Section::answer      ? m.answers
                                     : section == Section::authority ? m.authority
                                                                     : m.additional;
  out.reserve(count);
  for (std::uint16_t i = 0; i < count; ++i) {
    ResourceRecord rr;
    std::uint16_t type = 0;
    std::uint16_t length = 0;
    const std::size_t at = r.pos();
    if (!r.name(rr.name) || !r.u16(type) || !r.u16(rr.rclass) || !r.u32(rr.ttl_s) ||
        !r.u16(length)) {
      return false;
    }
    if (length > r.remaining())
      return r.fail(DecodeError::truncated, "RDATA runs past the end", at);
    rr.type = static_cast<RrType>(type);
    if (rr.type == RrType::opt) {
      if (section != Section::additional)
        return r.fail(DecodeError::bad_opt, "OPT outside additional", at);
      if (!read_opt(r, rr, length, m)) return false;
      continue;
    }
    if (!read_rdata(r, rr, length)) return false;
    out.push_back(std::move(rr));
  }
  return true;
}

}  // namespace

std::string_view to_string(DecodeError error) {
  switch (error) {
    case DecodeError::none:
      return "none";
    case DecodeError::oversized:
      return "oversized";
    case DecodeError::truncated_header:
      return "truncated_header";
    case DecodeError::counts_exceed_data:
      return "counts_exceed_data";
    case DecodeError::truncated:
      return "truncated";
    case DecodeError::bad_label:
      return "bad_label";
    case DecodeError::name_too_long:
      return "name_too_long";
    case DecodeError::bad_pointer:
      return "bad_pointer";
    case DecodeError::rdlength_mismatch:
      return "rdlength_mismatch";
    case DecodeError::bad_opt:
      return "bad_opt";
    case DecodeError::trailing_bytes:
      return "trailing_bytes";
  }
  return "unknown";
}

bool valid_name(std::string_view name) { return check_name(name); }

std::vector<std::uint8_t> encode(const DnsMessage& message) {
  std::vector<std::uint8_t> out;
  out.reserve(kUdpPlainMaxBytes);
  Writer w(out);
  write_message(w, message);
  return out;
}

std::vector<std::uint8_t> encode_truncated(const DnsMessage& message, std::size_t limit_bytes) {
  limit_bytes = std::max(limit_bytes, kUdpPlainMaxBytes);
  std::vector<std::uint8_t> out = encode(message);
  if (out.size() <= limit_bytes) return out;

  // Compression only points backwards, so any prefix of records is a valid message once the
  // counts are patched: write header, questions and answers, remembering where each answer ends.
  out.clear();
  Writer w(out);
  const std::size_t opt_bytes = message.edns_udp_bytes ? 11 : 0;
  w.header(message.header, message.questions.size(), 0, 0, 0);
  for (const Question& q : message.questions) w.question(q);
  std::size_t kept = 0;
  std::size_t kept_end = w.size();
  for (const ResourceRecord& rr : message.answers) {
    w.record(rr);
    if (w.size() + opt_bytes > limit_bytes) break;
    ++kept;
    kept_end = w.size();
  }
  out.resize(kept_end);
  w.patch_u16(6, static_cast<std::uint16_t>(kept));
  if (message.edns_udp_bytes) {
    w.opt(*message.edns_udp_bytes);
    w.patch_u16(10, 1);
  }
  if (kept < message.answers.size()) out[2] |= 0x02;  // TC
  return out;
}

DecodeResult decode(std::span<const std::uint8_t> bytes, std::size_t max_bytes) {
  Reader r(bytes);
  if (bytes.size() > max_bytes) {
    r.fail(DecodeError::oversized, "message of " + std::to_string(bytes.size()) + " bytes", 0);
    return r.take_error();
  }
  if (bytes.size() < kHeaderBytes) {
    r.fail(DecodeError::truncated_header, "header of " + std::to_string(bytes.size()) + " bytes",
           0);
    return r.take_error();
  }
  DecodeResult result;
  DnsMessage& m = result.message;
  std::uint8_t flags_hi = 0;
  std::uint8_t flags_lo = 0;
  std::uint16_t qd = 0;
  std::uint16_t an = 0;
  std::uint16_t ns = 0;
  std::uint16_t ar = 0;
  r.u16(m.header.id);
  r.u8(flags_hi);
  r.u8(flags_lo);
  r.u16(qd);
  r.u16(an);
  r.u16(ns);
  r.u16(ar);
  m.header.qr = (flags_hi & 0x80) != 0;
  m.header.opcode = static_cast<std::uint8_t>((flags_hi >> 3) & 0x0F);
  m.header.aa = (flags_hi & 0x04) != 0;
  m.header.tc = (flags_hi & 0x02) != 0;
  m.header.rd = (flags_hi & 0x01) != 0;
  m.header.ra = (flags_lo & 0x80) != 0;
  m.header.rcode = static_cast<Rcode>(flags_lo & 0x0F);

  // Smallest question: root name + type + class = 5 bytes; smallest record: 11 bytes.
  const std::size_t least = std::size_t{qd} * 5 + (std::size_t{an} + ns + ar) * 11;
  if (least > r.remaining()) {
    r.fail(DecodeError::counts_exceed_data, "counts need " + std::to_string(least) + " bytes", 4);
    return r.take_error();
  }
  m.questions.reserve(qd);
  for (std::uint16_t i = 0; i < qd && !r.failed(); ++i) {
    Question q;
    std::uint16_t type = 0;
    if (r.name(q.name) && r.u16(type) && r.u16(q.qclass)) {
      q.type = static_cast<RrType>(type);
      m.questions.push_back(std::move(q));
    }
  }
  if (r.failed() || !read_records(r, an, Section::answer, m) ||
      !read_records(r, ns, Section::authority, m) || !read_records(r, ar, Section::additional, m)) {
    return r.take_error();
  }
  if (r.remaining() != 0) {
    r.fail(DecodeError::trailing_bytes, std::to_string(r.remaining()) + " bytes after the records",
           r.pos());
    return r.take_error();
  }
  return result;
}

}  // namespace discolab::dns
