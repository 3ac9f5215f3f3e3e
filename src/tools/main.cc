// The omendb binary: `omendb sql`, `omendb slt`, `omendb serve`.

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "omendb/omendb.h"
#include "tools/backup_command.h"
#include "tools/error_printer.h"
#include "tools/serve.h"
#include "tools/shell.h"
#include "tools/slt_runner.h"

namespace {

constexpr const char* kUsage =
    "omendb: the OmenDB database\n"
    "\n"
    "Usage:\n"
    "  omendb sql [--data DIR|:memory:] [-c SQL]... [FILE]\n"
    "      SQL shell. Runs each -c command, else FILE, else stdin (interactive on a terminal).\n"
    "  omendb slt [--engine-fails FAILS_FILE] [--psql \"PSQL OPTIONS\"] FILE...\n"
    "      Runs sqllogictest files, each on a fresh in-memory database (or, with --psql,\n"
    "      on a fresh database of a real PostgreSQL reached through the psql binary).\n"
    "  omendb serve [--data DIR|:memory:] [--port N] [--listen ADDR] [--max-connections N]\n"
    "               [--tls-cert FILE --tls-key FILE] [--auth default|scram] [--password-file FILE]\n"
    "               [--memory-budget SIZE]\n"
    "      The PostgreSQL wire-protocol server (defaults: ./data, 5433, 127.0.0.1, 200,\n"
    "      a memory budget of half the machine's memory; SIZE as 512MB, 4GB).\n"
    "      Stops on SIGTERM/SIGINT; logs to stderr.\n"
    "  omendb backup --data DIR --to BACKUP\n"
    "      A consistent copy of a data directory no server has open (with a server\n"
    "      running: SELECT omen_backup('BACKUP') through it).\n"
    "  omendb restore --from BACKUP --data NEWDIR\n"
    "      Restores a backup into a new data directory and checks that it opens.\n"
    "  omendb --help\n";

int UsageError(const std::string& message) {
  std::cerr << "omendb: " << message << "\nTry \"omendb --help\" for more information.\n";
  return 2;
}

// Matches "--name VALUE" or "--name=VALUE" at args[*i]; advances *i past it.
bool TakeOption(const std::vector<std::string>& args, size_t* i, const std::string& name,
                std::string* value, bool* missing) {
  const std::string& a = args[*i];
  if (a == name) {
    if (*i + 1 >= args.size()) {
      *missing = true;
      return true;
    }
    *value = args[++*i];
    return true;
  }
  if (a.rfind(name + "=", 0) == 0) {
    *value = a.substr(name.size() + 1);
    return true;
  }
  return false;
}

bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream buf;
  buf << in.rdbuf();
  *out = buf.str();
  return true;
}

int RunSql(const std::vector<std::string>& args) {
  omen::DatabaseOptions options;
  std::vector<std::string> commands;
  std::string file;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string value;
    bool missing = false;
    if (TakeOption(args, &i, "--data", &value, &missing)) {
      if (missing) return UsageError("option --data requires an argument");
      options.data_dir = value;
    } else if (TakeOption(args, &i, "-c", &value, &missing) ||
               TakeOption(args, &i, "--command", &value, &missing)) {
      if (missing) return UsageError("option -c requires an argument");
      commands.push_back(value);
    } else if (!args[i].empty() && args[i][0] == '-' && args[i] != "-") {
      return UsageError("unknown option \"" + args[i] + "\" for omendb sql");
    } else if (file.empty()) {
      file = args[i];
    } else {
      return UsageError("too many arguments for omendb sql");
    }
  }
  auto db = omen::Database::Open(options);
  if (!db.ok()) {
    std::cerr << omen::tools::FormatPgError(db.status(), "");
    return 1;
  }
  std::unique_ptr<omen::Connection> conn = (*db)->Connect();
  omen::tools::Shell shell(conn.get(), std::cout, std::cerr);
  if (!commands.empty()) {
    bool ok = true;
    for (const std::string& c : commands) ok = shell.RunCommand(c) && ok;
    return ok ? 0 : 1;
  }
  std::string text;
  if (!file.empty() && file != "-") {
    if (!ReadFile(file, &text)) {
      std::cerr << "omendb: " << file << ": " << std::strerror(errno) << "\n";
      return 1;
    }
    shell.RunScript(text);
    return 0;
  }
  if (isatty(STDIN_FILENO)) {
    shell.RunInteractive();
    return 0;
  }
  std::stringstream buf;
  buf << std::cin.rdbuf();
  shell.RunScript(buf.str());
  return 0;
}

int RunSlt(const std::vector<std::string>& args) {
  omen::tools::SltOptions options;
  std::vector<std::string> files;
  std::string psql_args;
  bool use_psql = false;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string value;
    bool missing = false;
    if (TakeOption(args, &i, "--psql", &value, &missing)) {
      if (missing) return UsageError("option --psql requires an argument");
      psql_args = value;
      use_psql = true;
    } else if (TakeOption(args, &i, "--engine-fails", &value, &missing)) {
      if (missing) return UsageError("option --engine-fails requires an argument");
      omen::Status s = omen::tools::LoadExpectedFailures(value, &options.expected_failures);
      if (!s.ok()) {
        std::cerr << "ERROR:  " << s.message() << "\n";
        return 2;
      }
    } else if (!args[i].empty() && args[i][0] == '-') {
      return UsageError("unknown option \"" + args[i] + "\" for omendb slt");
    } else {
      files.push_back(args[i]);
    }
  }
  if (files.empty()) return UsageError("omendb slt needs at least one FILE");
  omen::tools::SltEngineFactory factory = &omen::tools::MakeOmenSltEngine;
  if (use_psql) {
    factory = [psql_args](std::string* error) {
      return omen::tools::MakePsqlSltEngine(psql_args, error);
    };
  }
  omen::tools::SltCounts total;
  for (const std::string& f : files) {
    omen::tools::SltCounts c = omen::tools::RunSltFile(f, options, factory, std::cout);
    total.passed += c.passed;
    total.failed += c.failed;
    total.skipped += c.skipped;
  }
  std::cout << total.passed << " passed, " << total.failed << " failed, " << total.skipped
            << " skipped" << std::endl;
  return total.failed == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) return UsageError("missing command");
  const std::string cmd = args[0];
  std::vector<std::string> rest(args.begin() + 1, args.end());
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    std::cout << kUsage;
    return 0;
  }
  for (const std::string& a : rest) {
    if (a == "--help" || a == "-h") {
      std::cout << kUsage;
      return 0;
    }
  }
  if (cmd == "sql") return RunSql(rest);
  if (cmd == "slt") return RunSlt(rest);
  if (cmd == "serve") return omen::tools::RunServe(rest);
  if (cmd == "backup") return omen::tools::RunBackup(rest);
  if (cmd == "restore") return omen::tools::RunRestore(rest);
  return UsageError("unknown command \"" + cmd + "\"");
}
