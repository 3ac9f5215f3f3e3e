#include "server/scram.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <mutex>
#include <utility>

namespace omen::server {

namespace {

using catalog::Base64Decode;
using catalog::Base64Encode;
using catalog::ScramKey;

constexpr size_t kRawNonceBytes = 18;  // PostgreSQL's SCRAM_RAW_NONCE_LEN

Status Malformed(std::string detail) {
  return std::move(Status(sqlstate::kProtocolViolation, "malformed SCRAM message")
                       .WithDetail(std::move(detail)));
}

std::string RandomBytes(size_t n) {
  std::string out(n, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n)) != 1) {
    // Never reuse predictable bytes as a nonce: make the exchange unusable instead.
    out.clear();
  }
  return out;
}

// A per-process secret for mock salts, so they are stable per role name but
// unpredictable (PostgreSQL derives them from its mock authentication nonce).
const std::string& MockSecret() {
  static std::once_flag once;
  static std::string secret;
  std::call_once(once, [] { secret = RandomBytes(32); });
  return secret;
}

// Reads "<attr>=<value>" from the front of *text up to the next ',' (consumed).
bool ReadAttribute(std::string_view* text, char attr, std::string_view* value) {
  if (text->size() < 2 || (*text)[0] != attr || (*text)[1] != '=') return false;
  size_t end = text->find(',');
  *value = text->substr(2, end == std::string_view::npos ? std::string_view::npos : end - 2);
  text->remove_prefix(end == std::string_view::npos ? text->size() : end + 1);
  return true;
}

bool PrintableNonce(std::string_view nonce) {
  if (nonce.empty()) return false;
  for (char c : nonce) {
    if (c < 0x21 || c > 0x7e || c == ',') return false;
  }
  return true;
}

}  // namespace

ScramExchange::ScramExchange(std::string user, std::string_view verifier, std::string server_nonce)
    : user_(std::move(user)), server_nonce_(std::move(server_nonce)) {
  mock_ = !catalog::ParseScramVerifier(verifier, &verifier_);
  if (mock_) {
    verifier_ = catalog::ScramVerifier{};
    verifier_.iterations = catalog::kScramIterations;
    ScramKey digest = catalog::Sha256(user_ + MockSecret());
    verifier_.salt.assign(reinterpret_cast<const char*>(digest.data()), catalog::kScramSaltBytes);
  }
  if (server_nonce_.empty()) server_nonce_ = Base64Encode(RandomBytes(kRawNonceBytes));
}

Status ScramExchange::AuthFailed() const {
  return Status(sqlstate::kInvalidPassword,
                "password authentication failed for user \"" + user_ + "\"");
}

Result<std::string> ScramExchange::HandleClientFirst(std::string_view message) {
  if (state_ != State::kStart) return Malformed("Unexpected SCRAM message.");
  if (message.empty()) return Malformed("The message is empty.");
  std::string_view rest = message;
  // gs2-header: cbind-flag "," [authzid] ","
  char flag = rest[0];
  if (flag == 'p') {
    return Malformed(
        "The client selected SCRAM-SHA-256 without channel binding, but the SCRAM message "
        "includes channel binding data.");
  }
  if ((flag != 'n' && flag != 'y') || rest.size() < 2 || rest[1] != ',') {
    return Malformed("Unexpected channel-binding flag \"" + std::string(1, flag) + "\".");
  }
  rest.remove_prefix(2);
  if (rest.empty()) return Malformed("Comma expected, but found end of string.");
  if (rest[0] == 'a') {
    return Status(sqlstate::kFeatureNotSupported,
                  "client uses authorization identity, but it is not supported");
  }
  if (rest[0] != ',') return Malformed("Unexpected attribute \"" + std::string(1, rest[0]) + "\".");
  rest.remove_prefix(1);
  gs2_header_ = std::string(message.substr(0, message.size() - rest.size()));
  client_first_bare_ = std::string(rest);
  if (!rest.empty() && rest[0] == 'm') {
    return Status(sqlstate::kFeatureNotSupported, "client requires an unsupported SCRAM extension");
  }
  std::string_view user_name, client_nonce;
  if (!ReadAttribute(&rest, 'n', &user_name)) return Malformed("Expected attribute \"n\".");
  if (!ReadAttribute(&rest, 'r', &client_nonce) || !PrintableNonce(client_nonce)) {
    return Malformed("Expected attribute \"r\".");
  }
  if (server_nonce_.empty()) return Status(SqlState("58000"), "could not generate random nonce");
  nonce_ = std::string(client_nonce) + server_nonce_;
  server_first_ = "r=" + nonce_ + ",s=" + Base64Encode(verifier_.salt) +
                  ",i=" + std::to_string(verifier_.iterations);
  state_ = State::kFirstSent;
  return server_first_;
}

Result<std::string> ScramExchange::HandleClientFinal(std::string_view message) {
  if (state_ != State::kFirstSent) return Malformed("Unexpected SCRAM message.");
  state_ = State::kDone;
  std::string_view rest = message;
  std::string_view binding, nonce, proof_b64;
  if (!ReadAttribute(&rest, 'c', &binding)) return Malformed("Expected attribute \"c\".");
  std::string binding_raw;
  if (!Base64Decode(binding, &binding_raw) || binding_raw != gs2_header_) {
    return Malformed("SCRAM channel binding check failed.");
  }
  if (!ReadAttribute(&rest, 'r', &nonce) || nonce != nonce_) {
    return Malformed("Nonce does not match.");
  }
  // Extensions may precede the proof, which is last.
  size_t proof_at = message.rfind(",p=");
  if (proof_at == std::string_view::npos) return Malformed("Expected attribute \"p\".");
  proof_b64 = message.substr(proof_at + 3);
  std::string proof;
  if (!Base64Decode(proof_b64, &proof) || proof.size() != catalog::kScramKeyBytes) {
    return Malformed("Malformed proof in client-final-message.");
  }
  std::string auth_message =
      client_first_bare_ + "," + server_first_ + "," + std::string(message.substr(0, proof_at));
  ScramKey signature = catalog::HmacSha256(catalog::AsView(verifier_.stored_key), auth_message);
  std::string client_key(catalog::kScramKeyBytes, '\0');
  for (size_t i = 0; i < client_key.size(); ++i) {
    client_key[i] = static_cast<char>(proof[i] ^ static_cast<char>(signature[i]));
  }
  ScramKey stored = catalog::Sha256(client_key);
  bool match = CRYPTO_memcmp(stored.data(), verifier_.stored_key.data(), stored.size()) == 0;
  if (mock_ || !match) return AuthFailed();
  ScramKey server_signature =
      catalog::HmacSha256(catalog::AsView(verifier_.server_key), auth_message);
  return "v=" + Base64Encode(catalog::AsView(server_signature));
}

}  // namespace omen::server
