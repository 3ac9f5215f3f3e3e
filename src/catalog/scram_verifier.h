#pragma once
// SCRAM-SHA-256 password verifiers (RFC 5802, RFC 7677), stored in roles as
// PostgreSQL stores them in pg_authid.rolpassword:
//
//   SCRAM-SHA-256$<iterations>:<salt base64>$<StoredKey base64>:<ServerKey base64>
//
// SaltedPassword = PBKDF2-HMAC-SHA-256(password, salt, iterations),
// ClientKey = HMAC(SaltedPassword, "Client Key"), StoredKey = SHA-256(ClientKey),
// ServerKey = HMAC(SaltedPassword, "Server Key"). The password itself is never
// stored. Passwords are used as their bytes (SASLprep is not applied; it is
// the identity for ASCII passwords). Computed with OpenSSL's libcrypto.
// Thread-safe; no state.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace omen::catalog {

inline constexpr int kScramIterations = 4096;  // PostgreSQL's scram_iterations default
inline constexpr size_t kScramSaltBytes = 16;  // PostgreSQL's SCRAM_DEFAULT_SALT_LEN
inline constexpr size_t kScramKeyBytes = 32;   // SHA-256 output

using ScramKey = std::array<uint8_t, kScramKeyBytes>;

// A verifier's parts, decoded.
struct ScramVerifier {
  int iterations = 0;
  std::string salt;  // raw bytes
  ScramKey stored_key{};
  ScramKey server_key{};
};

// A new verifier for `password` with a random 16-byte salt and 4096 iterations.
// 58000-class error only if the system's random source fails.
Result<std::string> MakeScramVerifier(std::string_view password);
// The verifier for `password` with the given salt and iterations (tests, RFC vectors).
std::string MakeScramVerifier(std::string_view password, std::string_view salt, int iterations);

// Parses a verifier; false if `text` is not one (wrong prefix, bad base64, key sizes).
bool ParseScramVerifier(std::string_view text, ScramVerifier* out);

// The text CREATE/ALTER ROLE ... PASSWORD 'x' stores: a valid SCRAM verifier
// as is, otherwise a new verifier of `password`. An MD5 hash ("md5" + 32 hex
// digits) fails with 0A000: OmenDB authenticates with SCRAM only.
Result<std::string> EncryptPassword(std::string_view password);

// Primitives shared with the server's SCRAM exchange.
ScramKey HmacSha256(std::string_view key, std::string_view data);
ScramKey Sha256(std::string_view data);
std::string Base64Encode(std::string_view bytes);
// False on malformed input (characters outside the alphabet, bad padding).
bool Base64Decode(std::string_view text, std::string* out);
inline std::string_view AsView(const ScramKey& key) {
  return std::string_view(reinterpret_cast<const char*>(key.data()), key.size());
}

}  // namespace omen::catalog
