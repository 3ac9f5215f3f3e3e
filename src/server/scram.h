#pragma once
// The server side of one SCRAM-SHA-256 exchange (RFC 5802, RFC 7677), as
// PostgreSQL 15 runs it inside its SASL messages.
//
// States: kStart --HandleClientFirst--> kFirstSent --HandleClientFinal--> kDone.
//  1. Channel binding: only the gs2 flags "n" and "y" (no binding). The
//     server advertises "SCRAM-SHA-256" alone, never "-PLUS"; a client-first
//     message asking for binding ("p=...") is a protocol violation (08P01).
//  2. The user name inside the SCRAM messages is ignored (the startup packet's
//     user is authenticated, as PostgreSQL does); an authzid fails (0A000).
//  3. A role that does not exist or has no password runs the same exchange
//     against a mock verifier whose salt is derived from the role name, so the
//     client cannot tell the cases apart; it always fails at the proof with
//     the same 28P01 message as a wrong password.
//  4. The proof is compared in constant time (CRYPTO_memcmp).
// Verifiers are made by catalog/scram_verifier.h (CREATE ROLE ... PASSWORD).
// Not thread-safe; one per authentication attempt.

#include <string>
#include <string_view>

#include "catalog/scram_verifier.h"
#include "common/status.h"

namespace omen::server {

inline constexpr std::string_view kScramMechanism = "SCRAM-SHA-256";

class ScramExchange {
 public:
  // `user`: the startup packet's user (for the 28P01 message). `verifier`: the
  // role's stored verifier; empty (no password, unknown role): a mock exchange
  // that always fails. `server_nonce`: empty for a random one (tests pass the
  // RFC's).
  ScramExchange(std::string user, std::string_view verifier, std::string server_nonce = "");

  // client-first-message (the SASLInitialResponse data) -> server-first-message
  // (for AuthenticationSASLContinue). 08P01 on a malformed message, 0A000 on
  // unsupported extensions or an authzid.
  Result<std::string> HandleClientFirst(std::string_view client_first);
  // client-final-message (SASLResponse data) -> server-final-message ("v=...",
  // for AuthenticationSASLFinal). 28P01 'password authentication failed for
  // user "x"' on a wrong proof or a mock exchange; 08P01 when malformed.
  Result<std::string> HandleClientFinal(std::string_view client_final);

 private:
  enum class State : uint8_t { kStart, kFirstSent, kDone };

  Status AuthFailed() const;

  State state_ = State::kStart;
  std::string user_;
  bool mock_ = false;
  catalog::ScramVerifier verifier_;
  std::string server_nonce_;
  std::string gs2_header_;  // "n,," or "y,,"
  std::string client_first_bare_;
  std::string server_first_;
  std::string nonce_;  // client nonce + server nonce
};

}  // namespace omen::server
