#include "tools/serve.h"

#include <cstdlib>
#include <iostream>

#include "common/memory_budget.h"
#include "server/server.h"
#include "tools/error_printer.h"

namespace omen::tools {

namespace {

int ServeUsage(const std::string& message) {
  std::cerr << "omendb serve: " << message << "\nTry \"omendb --help\" for more information.\n";
  return 2;
}

bool ParseInt(const std::string& s, int lo, int hi, int* out) {
  char* end = nullptr;
  long v = std::strtol(s.c_str(), &end, 10);
  if (s.empty() || *end != '\0' || v < lo || v > hi) return false;
  *out = static_cast<int>(v);
  return true;
}

}  // namespace

int RunServe(const std::vector<std::string>& args) {
  server::ServerOptions options;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string name = args[i];
    std::string value;
    size_t eq = name.find('=');
    if (name.rfind("--", 0) == 0 && eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      return ServeUsage("option " + name + " requires an argument");
    }
    if (name == "--data") {
      options.data_dir = value;
    } else if (name == "--port" || name == "-p") {
      if (!ParseInt(value, 0, 65535, &options.port))
        return ServeUsage("invalid port \"" + value + "\"");
    } else if (name == "--listen") {
      options.listen_address = value;
    } else if (name == "--max-connections") {
      if (!ParseInt(value, 1, 100000, &options.max_connections)) {
        return ServeUsage("invalid --max-connections \"" + value + "\"");
      }
    } else if (name == "--tls-cert") {
      options.tls_cert = value;
    } else if (name == "--tls-key") {
      options.tls_key = value;
    } else if (name == "--auth") {
      Result<server::AuthMode> mode = server::ParseAuthMode(value);
      if (!mode.ok()) return ServeUsage(mode.status().message());
      options.auth = *mode;
    } else if (name == "--memory-budget") {
      Result<int64_t> bytes = MemoryBudget::ParseSize(value);
      if (!bytes.ok()) return ServeUsage(bytes.status().message());
      options.memory_budget = *bytes;
    } else if (name == "--password-file") {
      options.password_file = value;
    } else {
      return ServeUsage("unknown option \"" + name + "\"");
    }
  }
  if (options.tls_cert.empty() != options.tls_key.empty()) {
    return ServeUsage("--tls-cert and --tls-key go together");
  }
  server::Server server(options);
  server.InstallSignalHandlers();
  Status s = server.Start();
  if (!s.ok()) {
    std::cerr << "omendb serve: could not start the server\n" << FormatPgError(s, "");
    return 1;
  }
  s = server.Run();
  if (!s.ok()) {
    std::cerr << FormatPgError(s, "");
    return 1;
  }
  return 0;
}

}  // namespace omen::tools
