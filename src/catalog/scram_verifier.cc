#include "catalog/scram_verifier.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <algorithm>
#include <cctype>
#include <charconv>

namespace omen::catalog {

namespace {

constexpr std::string_view kPrefix = "SCRAM-SHA-256$";

ScramKey SaltedPassword(std::string_view password, std::string_view salt, int iterations) {
  ScramKey out{};
  PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                    reinterpret_cast<const unsigned char*>(salt.data()),
                    static_cast<int>(salt.size()), iterations, EVP_sha256(),
                    static_cast<int>(out.size()), out.data());
  return out;
}

bool IsMd5Hash(std::string_view text) {
  if (text.size() != 35 || text.substr(0, 3) != "md5") return false;
  for (char c : text.substr(3)) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

bool DecodeKey(std::string_view text, ScramKey* out) {
  std::string raw;
  if (!Base64Decode(text, &raw) || raw.size() != out->size()) return false;
  std::copy(raw.begin(), raw.end(), out->begin());
  return true;
}

}  // namespace

ScramKey HmacSha256(std::string_view key, std::string_view data) {
  ScramKey out{};
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), out.data(), &len);
  return out;
}

ScramKey Sha256(std::string_view data) {
  ScramKey out{};
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), out.data());
  return out;
}

std::string Base64Encode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(bytes.data()),
                          static_cast<int>(bytes.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

bool Base64Decode(std::string_view text, std::string* out) {
  if (text.size() % 4 != 0) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    bool pad_ok = c == '=' && i + 2 >= text.size() && (i + 1 == text.size() || text[i + 1] == '=');
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '/' && !pad_ok) {
      return false;
    }
  }
  out->assign(text.size() / 4 * 3, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out->data()),
                          reinterpret_cast<const unsigned char*>(text.data()),
                          static_cast<int>(text.size()));
  if (n < 0) return false;
  // EVP_DecodeBlock counts the padding's zero bytes.
  size_t padding = 0;
  if (!text.empty() && text.back() == '=') padding = text[text.size() - 2] == '=' ? 2 : 1;
  out->resize(static_cast<size_t>(n) - padding);
  return true;
}

std::string MakeScramVerifier(std::string_view password, std::string_view salt, int iterations) {
  ScramKey salted = SaltedPassword(password, salt, iterations);
  ScramKey client_key = HmacSha256(AsView(salted), "Client Key");
  ScramKey stored_key = Sha256(AsView(client_key));
  ScramKey server_key = HmacSha256(AsView(salted), "Server Key");
  return std::string(kPrefix) + std::to_string(iterations) + ":" + Base64Encode(salt) + "$" +
         Base64Encode(AsView(stored_key)) + ":" + Base64Encode(AsView(server_key));
}

Result<std::string> MakeScramVerifier(std::string_view password) {
  std::string salt(kScramSaltBytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(salt.data()), static_cast<int>(salt.size())) !=
      1) {
    return Status(SqlState("58000"), "could not generate random salt");
  }
  return MakeScramVerifier(password, salt, kScramIterations);
}

bool ParseScramVerifier(std::string_view text, ScramVerifier* out) {
  if (text.substr(0, kPrefix.size()) != kPrefix) return false;
  text.remove_prefix(kPrefix.size());
  size_t colon = text.find(':');
  size_t dollar = text.find('$');
  if (colon == std::string_view::npos || dollar == std::string_view::npos || colon > dollar) {
    return false;
  }
  std::string_view iterations = text.substr(0, colon);
  auto [ptr, ec] =
      std::from_chars(iterations.data(), iterations.data() + iterations.size(), out->iterations);
  if (ec != std::errc() || ptr != iterations.data() + iterations.size() || out->iterations <= 0) {
    return false;
  }
  if (!Base64Decode(text.substr(colon + 1, dollar - colon - 1), &out->salt)) return false;
  std::string_view keys = text.substr(dollar + 1);
  size_t split = keys.find(':');
  if (split == std::string_view::npos) return false;
  return DecodeKey(keys.substr(0, split), &out->stored_key) &&
         DecodeKey(keys.substr(split + 1), &out->server_key);
}

Result<std::string> EncryptPassword(std::string_view password) {
  ScramVerifier parsed;
  if (ParseScramVerifier(password, &parsed)) return std::string(password);
  if (IsMd5Hash(password)) {
    return Status(sqlstate::kFeatureNotSupported,
                  "MD5-encrypted passwords are not supported; give the password itself or a "
                  "SCRAM-SHA-256 verifier");
  }
  return MakeScramVerifier(password);
}

}  // namespace omen::catalog
