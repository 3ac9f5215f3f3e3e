#pragma once
// Client authentication: decides between trust and SCRAM-SHA-256 for one
// connection and runs the exchange (AuthenticationOk, or AuthenticationSASL
// -> SASLInitialResponse -> SASLContinue -> SASLResponse -> SASLFinal ->
// AuthenticationOk).
//
// Policy (documented in README.md, "Authentication and TLS"):
//  1. kDefault: a connection from a loopback address for a role without a
//     password is trusted (as PostgreSQL's "trust" method). Every other
//     connection runs SCRAM-SHA-256: roles with a password from anywhere, and
//     anything from a non-loopback address. So a server listening beyond
//     loopback lets remote clients in only with a password.
//  2. kScram (--auth scram): SCRAM-SHA-256 for every connection; a role
//     without a password cannot log in.
//  3. Under SCRAM an unknown role, a role without a password and a wrong
//     password fail alike: 28P01 'password authentication failed for user
//     "x"', after a full exchange (scram.h: a mock verifier).
//  4. Trusted: unknown role 28000 'role "x" does not exist'. Both paths:
//     a role without LOGIN gets 28000 'role "x" is not permitted to log in'
//     (under SCRAM only after a correct password, as PostgreSQL does).
// Called once per connection by the startup code, on the session thread.

#include <cstdint>
#include <string>

#include "common/status.h"
#include "omendb/omendb.h"
#include "server/pg_message.h"
#include "server/startup.h"

namespace omen::server {

enum class AuthMode : uint8_t {
  kDefault,  // trust loopback connections of roles without a password; SCRAM otherwise
  kScram,    // SCRAM-SHA-256 for every connection
};

// Parses the --auth value: "default" or "scram". 22023 otherwise.
Result<AuthMode> ParseAuthMode(std::string_view text);

// Authenticates `info.user` connecting from `info.peer_host`: writes the
// Authentication messages (flushing whenever it waits for the client) and
// reads the client's 'p' messages. OK when the client may proceed (an
// AuthenticationOk is buffered in `writer`); otherwise the error the caller
// sends as FATAL (28000, 28P01, 08P01 on protocol violations, 08006 when
// the client went away).
Status Authenticate(MessageReader* reader, MessageWriter* writer, const StartupInfo& info,
                    Database* db, AuthMode mode);

// --password-file: sets the password of the bootstrap superuser "postgres"
// to the first line of `path` (stored as a SCRAM verifier). 58030 when the
// file cannot be read, 22023 when its first line is empty.
Status SetBootstrapPassword(Database* db, const std::string& path);

}  // namespace omen::server
