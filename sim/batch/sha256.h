// SHA-256 of a byte string, as lowercase hex (OpenSSL's EVP interface). Names runs and
// scenarios in the results store (store_schema.h).
#pragma once

#include <string>
#include <string_view>

namespace discolab::batch {

std::string sha256_hex(std::string_view bytes);

}  // namespace discolab::batch
