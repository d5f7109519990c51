#include "patterns/dns/dns_message.h"

#include <algorithm>

namespace discolab::dns {

namespace {
constexpr char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}
}  // namespace

ResourceRecord make_a(std::string name, std::uint32_t ttl_s, std::uint32_t ipv4) {
  return ResourceRecord{std::move(name), RrType::a, kClassIn, ttl_s, ARecord{ipv4}};
}

ResourceRecord make_srv(std::string name, std::uint32_t ttl_s, SrvRecord srv) {
  return ResourceRecord{std::move(name), RrType::srv, kClassIn, ttl_s, std::move(srv)};
}

ResourceRecord make_soa(std::string name, std::uint32_t ttl_s, SoaRecord soa) {
  return ResourceRecord{std::move(name), RrType::soa, kClassIn, ttl_s, std::move(soa)};
}

std::string lowercase(std::string_view name) {
  std::string out(name);
  std::transform(out.begin(), out.end(), out.begin(), ascii_lower);
  return out;
}

bool names_equal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return ascii_lower(x) == ascii_lower(y);
         });
}

}  // namespace discolab::dns
