#pragma once
// The startup phase of a connection: the startup packet's contents and the
// single authentication step.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "common/status.h"
#include "server/pg_message.h"

namespace omen::server {

inline constexpr int32_t kProtocol30 = 196608;      // 3.0
inline constexpr int32_t kCancelRequestCode = 80877102;
inline constexpr int32_t kSslRequestCode = 80877103;
inline constexpr int32_t kGssEncRequestCode = 80877104;

// A StartupMessage: protocol version and its name/value pairs.
struct StartupInfo {
  int32_t protocol = 0;
  std::string user;
  std::string database;
  std::string application_name;
  std::string options;  // the "options" parameter: "-c name=value --name=value ..."
  // Every other pair (client_encoding, DateStyle, ...) in order; "_pq_."
  // protocol options are kept here too.
  std::vector<std::pair<std::string, std::string>> params;
  // The client's address (for the log and auth's trust decision).
  std::string peer_host;
  bool peer_is_loopback = false;
};

// Parses a StartupMessage body (after the int32 version): 08P01 on a
// malformed packet, 28000 without a user name. database defaults to user.
Result<StartupInfo> ParseStartupMessage(std::string_view body);

// Splits the "options" startup parameter into name/value settings
// ("-c a=b", "--a=b"; backslash escapes spaces). 42601-class 08P01 on junk.
Result<std::vector<std::pair<std::string, std::string>>> ParseOptionsParameter(
    std::string_view options);


}  // namespace omen::server
