#include "patterns/dns/dns_server.h"

#include <algorithm>

#include "patterns/core/observer.h"
#include "patterns/dns/dns_wire.h"

namespace discolab::dns {

namespace {

using std::chrono::seconds;

std::uint32_t whole_seconds(Duration d) {
  return static_cast<std::uint32_t>(
      std::max<std::int64_t>(0, std::chrono::duration_cast<seconds>(d).count()));
}

// A preset: the zone and one TTL for positive and negative answers.
DnsServerConfig zone_with_ttl(std::string domain, Duration ttl) {
  DnsServerConfig c;
  c.naming.domain = std::move(domain);
  c.ttl = ttl;
  c.negative_ttl = ttl;
  return c;
}

}  // namespace

DnsServerConfig DnsServerConfig::coredns() { return zone_with_ttl("discolab", seconds(5)); }
DnsServerConfig DnsServerConfig::coredns_kubeadm() {
  return zone_with_ttl("discolab", seconds(30));
}
DnsServerConfig DnsServerConfig::mesos_dns() { return zone_with_ttl("mesos", seconds(60)); }
DnsServerConfig DnsServerConfig::dcos_dns() { return zone_with_ttl("mesos", seconds(5)); }

DnsServerConfig DnsServerConfig::consul() {
  DnsServerConfig c = zone_with_ttl("consul", seconds(0));
  c.udp_answer_limit = 3;
  return c;
}

DnsServer::DnsServer(Runtime& runtime, HostId host, DnsServerConfig config,
                     std::shared_ptr<AddressBook> book)
    : runtime_(runtime), config_(std::move(config)), book_(std::move(book)) {
  if (!book_) book_ = std::make_shared<AddressBook>();
  endpoint_ = runtime_.open(host, "dns-server", [this](const Message& msg) { on_message(msg); });
}

DnsServer::~DnsServer() {
  runtime_.close(endpoint_);
  for (auto& [name, service] : services_) runtime_.observer().view_closed(service.view);
}

void DnsServer::report(Service& service, std::vector<InstanceId> ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  if (ids == service.reported) return;
  service.reported = std::move(ids);
  runtime_.observer().view_changed(service.view, service.reported);
}

void DnsServer::set_service(std::string_view name, EndpointListPtr endpoints) {
  if (!endpoints) endpoints = std::make_shared<const EndpointList>();
  const std::string key = lowercase(name);
  auto [it, inserted] = services_.try_emplace(key);
  Service& service = it->second;
  if (inserted) service.view = runtime_.observer().view_opened("dns-server/" + config_.name, name);
  for (const ServiceEndpoint& e : *endpoints) book_->remember(e);
  std::vector<InstanceId> ids;
  for (const ServiceEndpoint& e : *endpoints) {
    if (ipv4_of_endpoint(e.address)) ids.push_back(e.instance);  // only what it can answer with
  }
  service.endpoints = std::move(endpoints);
  ++serial_;
  if (inserted) {
    service.reported = {kNoInstance};  // forces the first report, even of an empty view
  }
  report(service, std::move(ids));
}

void DnsServer::remove_service(std::string_view name) {
  const auto it = services_.find(lowercase(name));
  if (it == services_.end() || !it->second.endpoints) return;
  it->second.endpoints = nullptr;
  ++serial_;
  report(it->second, {});
}

void DnsServer::answer_negative(DnsMessage& reply, Rcode rcode) const {
  const std::uint32_t ttl = whole_seconds(config_.negative_ttl);
  const std::string& zone = config_.naming.domain;
  reply.header.rcode = rcode;
  reply.authority.push_back(make_soa(
      zone, ttl, SoaRecord{"ns." + zone, "hostmaster." + zone, serial_, 3600, 600, 86400, ttl}));
}

void DnsServer::answer_service(DnsMessage& reply, const Question& q, Service& service, bool udp) {
  const EndpointList& list = *service.endpoints;
  std::vector<std::uint32_t> addresses;
  std::vector<std::uint32_t> weights;
  addresses.reserve(list.size());
  weights.reserve(list.size());
  const std::size_t n = list.size();
  const std::size_t start = config_.rotate && n > 0 ? service.next_start++ % n : 0;
  for (std::size_t i = 0; i < n; ++i) {
    const ServiceEndpoint& e = list[(start + i) % n];
    if (const auto ipv4 = ipv4_of_endpoint(e.address)) {
      addresses.push_back(*ipv4);
      weights.push_back(e.weight);
    }
  }
  if (udp && config_.udp_answer_limit > 0 && addresses.size() > config_.udp_answer_limit) {
    addresses.resize(config_.udp_answer_limit);
  }
  if (addresses.empty()) return answer_negative(reply, Rcode::no_error);
  const std::uint32_t ttl = whole_seconds(config_.ttl);
  for (std::size_t i = 0; i < addresses.size(); ++i) {
    if (q.type == RrType::a) {
      reply.answers.push_back(make_a(q.name, ttl, addresses[i]));
    } else {
      std::string target = config_.naming.address_name(addresses[i]);
      const auto weight = static_cast<std::uint16_t>(std::min<std::uint32_t>(weights[i], 0xFFFF));
      reply.additional.push_back(make_a(target, ttl, addresses[i]));
      reply.answers.push_back(
          make_srv(q.name, ttl, SrvRecord{1, weight, config_.srv_port, std::move(target)}));
    }
  }
}

std::optional<std::vector<std::uint8_t>> DnsServer::respond(std::span<const std::uint8_t> query,
                                                            Transport transport) {
  const bool udp = transport == Transport::udp;
  DecodeResult decoded = decode(query, udp ? kUdpPlainMaxBytes : kMaxMessageBytes);
  if (!decoded.ok() || decoded.message.header.qr) {
    ++stats_.malformed;
    runtime_.observer().count("dns.server.malformed");
    return std::nullopt;
  }
  ++stats_.queries;
  const DnsMessage& in = decoded.message;
  DnsMessage reply;
  reply.header.id = in.header.id;
  reply.header.qr = true;
  reply.header.opcode = in.header.opcode;
  reply.header.aa = true;
  reply.header.rd = in.header.rd;
  reply.questions = in.questions;
  std::size_t limit = udp ? kUdpPlainMaxBytes : kMaxMessageBytes;
  if (in.edns_udp_bytes) {
    reply.edns_udp_bytes =
        static_cast<std::uint16_t>(std::min<std::size_t>(config_.max_udp_bytes, 0xFFFF));
    if (udp)
      limit = std::clamp<std::size_t>(*in.edns_udp_bytes, kUdpPlainMaxBytes, config_.max_udp_bytes);
  }

  if (in.header.opcode != 0) {
    reply.header.rcode = Rcode::not_implemented;
  } else if (in.questions.size() != 1) {
    reply.header.rcode = Rcode::format_error;
  } else {
    const Question& q = in.questions.front();
    const auto service_name = config_.naming.service_of(q.name);
    const auto service = service_name ? services_.find(*service_name) : services_.end();
    const auto address = config_.naming.address_of(q.name);
    if (q.qclass != kClassIn) {
      reply.header.rcode = Rcode::refused;
    } else if (service != services_.end() && service->second.endpoints) {
      if (q.type == RrType::a || q.type == RrType::srv) {
        answer_service(reply, q, service->second, udp);
      } else {
        answer_negative(reply, Rcode::no_error);
      }
    } else if (address && endpoint_of_ipv4(*address)) {
      if (q.type == RrType::a) {
        reply.answers.push_back(make_a(q.name, whole_seconds(config_.ttl), *address));
      } else {
        answer_negative(reply, Rcode::no_error);
      }
    } else {
      ++stats_.nxdomain;
      answer_negative(reply, Rcode::name_error);
    }
  }
  std::vector<std::uint8_t> bytes = encode_truncated(reply, limit);
  if ((bytes[2] & 0x02) != 0) ++stats_.truncated;
  return bytes;
}

void DnsServer::on_message(const Message& msg) {
  const auto* packet = std::any_cast<DnsPacket>(&msg.body);
  if (msg.status != DeliveryStatus::delivered || packet == nullptr || !packet->bytes) return;
  auto bytes = respond(*packet->bytes, packet->transport);
  if (!bytes) return;
  runtime_.send(make_dns_message(endpoint_, msg.from, std::move(*bytes), packet->transport));
}

}  // namespace discolab::dns
