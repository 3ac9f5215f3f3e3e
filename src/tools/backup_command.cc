#include "tools/backup_command.h"

#include <iostream>

#include "main/backup.h"

namespace omen::tools {

namespace {

// Parses "--a X --b Y" (or --a=X) into the two values; false on bad usage.
bool ParsePair(const std::vector<std::string>& args, const std::string& first,
               const std::string& second, std::string* a, std::string* b) {
  for (size_t i = 0; i < args.size(); ++i) {
    for (auto [name, out] : {std::pair{first, a}, std::pair{second, b}}) {
      if (args[i] == name && i + 1 < args.size()) {
        *out = args[++i];
        goto next;
      }
      if (args[i].rfind(name + "=", 0) == 0) {
        *out = args[i].substr(name.size() + 1);
        goto next;
      }
    }
    std::cerr << "omendb: unexpected argument \"" << args[i] << "\"\n";
    return false;
  next:;
  }
  if (a->empty() || b->empty()) {
    std::cerr << "omendb: " << first << " and " << second << " are required\n";
    return false;
  }
  return true;
}

int Report(const Status& s, const std::string& done) {
  if (!s.ok()) {
    std::cerr << "omendb: ERROR:  " << s.message() << "\n";
    return 1;
  }
  std::cout << done << "\n";
  return 0;
}

}  // namespace

int RunBackup(const std::vector<std::string>& args) {
  std::string data, to;
  if (!ParsePair(args, "--data", "--to", &data, &to)) return 2;
  return Report(BackupDirectory(data, to), "backup of \"" + data + "\" written to \"" + to + "\"");
}

int RunRestore(const std::vector<std::string>& args) {
  std::string from, data;
  if (!ParsePair(args, "--from", "--data", &from, &data)) return 2;
  return Report(RestoreDirectory(from, data),
                "backup \"" + from + "\" restored into \"" + data + "\"");
}

}  // namespace omen::tools
