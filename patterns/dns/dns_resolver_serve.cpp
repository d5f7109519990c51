// The proxy side of DnsResolver: answering queries that other components send to its
// endpoint (a node-local cache, a caching resolver in front of the authoritative server).
#include <algorithm>

#include "patterns/core/observer.h"
#include "patterns/dns/dns_resolver.h"
#include "patterns/dns/dns_wire.h"

namespace discolab::dns {

namespace {

// Records served from the cache carry the time they have left, as a cache hands them out
// (whole seconds, rounded down), not the TTL they arrived with.
void set_ttls(std::vector<ResourceRecord>& records, std::uint32_t ttl_s) {
  for (ResourceRecord& rr : records) rr.ttl_s = ttl_s;
}

}  // namespace

void DnsResolver::on_query(const Message& msg, const DnsPacket& packet) {
  const bool udp = packet.transport == Transport::udp;
  DecodeResult decoded = decode(*packet.bytes, udp ? kUdpPlainMaxBytes : kMaxMessageBytes);
  if (!decoded.ok()) {
    ++stats_.malformed;
    runtime_.observer().count("dns.resolver.malformed");
    return;
  }
  ++stats_.queries_served;
  DnsMessage& in = decoded.message;
  ClientQuery query;
  query.from = msg.from;
  query.transport = packet.transport;
  query.header = in.header;
  query.edns_udp_bytes = in.edns_udp_bytes;
  if (in.header.opcode != 0) return reply(query, Rcode::not_implemented, nullptr);
  if (in.questions.size() != 1) return reply(query, Rcode::format_error, nullptr);
  query.question = std::move(in.questions.front());
  const std::string name = query.question->name;
  const RrType type = query.question->type;
  resolve(name, type, [this, query = std::move(query)](const ResolveResult& result) {
    const Rcode rcode = result.status == ResolveStatus::failed ? Rcode::server_failure
                                                               : result.response->header.rcode;
    reply(query, rcode, &result);
  });
}

void DnsResolver::reply(const ClientQuery& query, Rcode rcode, const ResolveResult* result) {
  DnsMessage out;
  out.header.id = query.header.id;
  out.header.qr = true;
  out.header.opcode = query.header.opcode;
  out.header.rd = query.header.rd;
  out.header.ra = true;
  out.header.rcode = rcode;
  if (query.question) out.questions.push_back(*query.question);
  if (result != nullptr && result->response) {
    out.answers = result->response->answers;
    out.authority = result->response->authority;
    out.additional = result->response->additional;
    if (result->stale || result->ttl_left > Duration{0}) {
      const Duration left = result->stale ? config_.stale_answer_ttl : result->ttl_left;
      const auto ttl_s = static_cast<std::uint32_t>(
          std::chrono::duration_cast<std::chrono::seconds>(left).count());
      set_ttls(out.answers, ttl_s);
      set_ttls(out.authority, ttl_s);
      set_ttls(out.additional, ttl_s);
    }
  }
  std::size_t limit = query.transport == Transport::udp ? kUdpPlainMaxBytes : kMaxMessageBytes;
  if (query.edns_udp_bytes) {
    out.edns_udp_bytes =
        static_cast<std::uint16_t>(std::min<std::size_t>(config_.max_udp_answer_bytes, 0xFFFF));
    if (query.transport == Transport::udp) {
      limit = std::clamp<std::size_t>(*query.edns_udp_bytes, kUdpPlainMaxBytes,
                                      config_.max_udp_answer_bytes);
    }
  }
  runtime_.send(
      make_dns_message(endpoint_, query.from, encode_truncated(out, limit), query.transport));
}

}  // namespace discolab::dns
