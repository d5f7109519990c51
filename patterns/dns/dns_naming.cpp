#include "patterns/dns/dns_naming.h"

#include <charconv>

namespace discolab::dns {

namespace {

// `name` minus ".<suffix>" if it ends so (case-insensitively), else nullopt.
std::optional<std::string_view> strip_suffix(std::string_view name, std::string_view middle,
                                             std::string_view domain) {
  const std::size_t tail = middle.size() + domain.size() + 2;  // ".<middle>.<domain>"
  if (name.size() <= tail) return std::nullopt;
  const std::string_view end = name.substr(name.size() - tail);
  if (end[0] != '.' || end[middle.size() + 1] != '.' ||
      !names_equal(end.substr(1, middle.size()), middle) ||
      !names_equal(end.substr(middle.size() + 2), domain)) {
    return std::nullopt;
  }
  return name.substr(0, name.size() - tail);
}

}  // namespace

std::optional<std::uint32_t> ipv4_of_endpoint(EndpointId endpoint) {
  if (endpoint >= (EndpointId{1} << kEndpointHostBits)) return std::nullopt;
  return kEndpointNetwork | endpoint;
}

std::optional<EndpointId> endpoint_of_ipv4(std::uint32_t ipv4) {
  if ((ipv4 >> kEndpointHostBits) != (kEndpointNetwork >> kEndpointHostBits)) return std::nullopt;
  return ipv4 & ((std::uint32_t{1} << kEndpointHostBits) - 1);
}

std::string format_ipv4(std::uint32_t ipv4) {
  return std::to_string(ipv4 >> 24) + '.' + std::to_string((ipv4 >> 16) & 0xFF) + '.' +
         std::to_string((ipv4 >> 8) & 0xFF) + '.' + std::to_string(ipv4 & 0xFF);
}

std::string DnsNaming::service_name(std::string_view service) const {
  return std::string(service) + ".service." + domain;
}

std::optional<std::string> DnsNaming::service_of(std::string_view name) const {
  if (!name.empty() && name.back() == '.') name.remove_suffix(1);
  const auto label = strip_suffix(name, "service", domain);
  if (!label || label->find('.') != std::string_view::npos) return std::nullopt;
  return lowercase(*label);
}

std::string DnsNaming::address_name(std::uint32_t ipv4) const {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string name(8, '0');
  for (int i = 7; i >= 0; --i, ipv4 >>= 4) name[static_cast<std::size_t>(i)] = kHex[ipv4 & 0xF];
  return name + ".addr." + domain;
}

std::optional<std::uint32_t> DnsNaming::address_of(std::string_view name) const {
  if (!name.empty() && name.back() == '.') name.remove_suffix(1);
  const auto label = strip_suffix(name, "addr", domain);
  if (!label || label->size() != 8) return std::nullopt;
  std::uint32_t ipv4 = 0;
  const auto [end, ec] = std::from_chars(label->data(), label->data() + label->size(), ipv4, 16);
  if (ec != std::errc{} || end != label->data() + label->size()) return std::nullopt;
  return ipv4;
}

ServiceEndpoint AddressBook::lookup(EndpointId address) const {
  const auto it = by_address_.find(address);
  if (it != by_address_.end()) return it->second;
  ServiceEndpoint unknown;
  unknown.address = address;
  return unknown;
}

EndpointList endpoints_of_answer(const DnsMessage& response, const DnsNaming& naming,
                                 const AddressBook& book) {
  EndpointList out;
  out.reserve(response.answers.size());
  for (const ResourceRecord& rr : response.answers) {
    std::optional<std::uint32_t> ipv4;
    if (const auto* a = std::get_if<ARecord>(&rr.data)) {
      ipv4 = a->ipv4;
    } else if (const auto* srv = std::get_if<SrvRecord>(&rr.data)) {
      ipv4 = naming.address_of(srv->target);
    }
    if (!ipv4) continue;
    if (const auto endpoint = endpoint_of_ipv4(*ipv4)) out.push_back(book.lookup(*endpoint));
  }
  return out;
}

}  // namespace discolab::dns
