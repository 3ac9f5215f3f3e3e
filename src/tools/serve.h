#pragma once
// `omendb serve`: runs the PostgreSQL wire-protocol server in the foreground.

#include <string>
#include <vector>

namespace omen::tools {

// Parses the serve options (after "serve") and runs the server until
// SIGTERM/SIGINT. Returns the process exit status: 0 after a clean shutdown,
// 1 when the server cannot start, 2 on a usage error.
int RunServe(const std::vector<std::string>& args);

}  // namespace omen::tools
