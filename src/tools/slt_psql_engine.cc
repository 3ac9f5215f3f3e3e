// The sqllogictest engine adapter that drives a real PostgreSQL through psql.

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "tools/slt_runner.h"

namespace omen::tools {
namespace {

constexpr char kFieldSep = '\x1f';
constexpr char kRecordSep = '\x1e';
constexpr const char* kNullMarker = "\x02";

std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t p = s.find(sep, start);
    if (p == std::string::npos) {
      out.push_back(s.substr(start));
      return out;
    }
    out.push_back(s.substr(start, p - start));
    start = p + 1;
  }
}

bool LooksInteger(const std::string& s) {
  size_t i = (s[0] == '-' || s[0] == '+') ? 1 : 0;
  if (i >= s.size()) return false;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

bool LooksNumber(const std::string& s) {
  char* end = nullptr;
  std::strtod(s.c_str(), &end);
  return !s.empty() && end == s.c_str() + s.size();
}

// Parses psql's "ERROR:  22012: division by zero" (VERBOSITY verbose).
Status ParseError(const std::string& err) {
  size_t p = err.find("ERROR:  ");
  if (p == std::string::npos) return Status(sqlstate::kIoError, "psql failed: " + err);
  std::string rest = err.substr(p + 8);
  std::string line = rest.substr(0, rest.find('\n'));
  SqlState code;
  if (line.size() > 7 && line[5] == ':' && SqlState::Parse(line.substr(0, 5), &code)) {
    return Status(code, line.substr(7));
  }
  return Status(sqlstate::kIoError, line);
}

class PsqlSltEngine : public SltEngine {
 public:
  PsqlSltEngine(std::string args, std::string dbname)
      : args_(std::move(args)), dbname_(std::move(dbname)) {}
  ~PsqlSltEngine() override {
    std::string ignored;
    RunPsql("postgres", "DROP DATABASE IF EXISTS " + dbname_, &ignored, &ignored);
  }

  // Runs `sql` on database `db`; returns psql's exit status.
  int RunPsql(const std::string& db, const std::string& sql, std::string* out, std::string* err) {
    std::string err_path = "/tmp/omendb_slt_psql_" + std::to_string(getpid()) + ".err";
    std::string cmd = "psql -X -q -A -P footer=off -P null=" + std::string(kNullMarker) + " -F " +
                      ShellQuote(std::string(1, kFieldSep)) + " -R " +
                      ShellQuote(std::string(1, kRecordSep)) +
                      " -v VERBOSITY=verbose -v ON_ERROR_STOP=1 " + args_ + " -d " + db + " -c " +
                      ShellQuote(sql) + " 2>" + err_path;
    FILE* pipe = popen(cmd.c_str(), "r");
    if (pipe == nullptr) return -1;
    char buf[65536];
    size_t n;
    out->clear();
    while ((n = fread(buf, 1, sizeof(buf), pipe)) > 0) out->append(buf, n);
    int rc = pclose(pipe);
    *err = ReadAll(err_path);
    std::remove(err_path.c_str());
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  }

  SltOutput Run(const std::string& sql) override {
    SltOutput result;
    std::string out, err;
    if (RunPsql(dbname_, sql, &out, &err) != 0) {
      result.status = ParseError(err);
      return result;
    }
    if (!out.empty() && out.back() == '\n') out.pop_back();
    if (out.empty()) return result;  // a command without rows
    std::vector<std::string> records = Split(out, kRecordSep);
    size_t ncols = Split(records[0], kFieldSep).size();
    for (size_t r = 1; r < records.size(); ++r) {
      std::vector<std::string> fields = Split(records[r], kFieldSep);
      std::vector<SltCell> row;
      for (size_t c = 0; c < ncols; ++c) {
        if (c >= fields.size() || fields[c] == kNullMarker) {
          row.emplace_back(std::nullopt);
        } else {
          row.emplace_back(fields[c]);
        }
      }
      result.rows.push_back(std::move(row));
    }
    for (size_t c = 0; c < ncols; ++c) {
      TypeId t = TypeId::kInt64;
      for (const auto& row : result.rows) {
        if (!row[c].has_value()) continue;
        if (t == TypeId::kInt64 && !LooksInteger(*row[c])) t = TypeId::kNumeric;
        if (t == TypeId::kNumeric && !LooksNumber(*row[c])) t = TypeId::kText;
      }
      result.types.push_back(t);
    }
    return result;
  }

  bool Create(std::string* error) {
    std::string out, err;
    RunPsql("postgres", "DROP DATABASE IF EXISTS " + dbname_, &out, &err);
    if (RunPsql("postgres", "CREATE DATABASE " + dbname_, &out, &err) != 0) {
      *error = "could not create database via psql: " + err;
      return false;
    }
    return true;
  }

 private:
  std::string args_;
  std::string dbname_;
};

}  // namespace

std::unique_ptr<SltEngine> MakePsqlSltEngine(const std::string& psql_args, std::string* error) {
  static std::atomic<int> counter{0};
  std::string db = "omendb_slt_" + std::to_string(getpid()) + "_" + std::to_string(counter++);
  auto engine = std::make_unique<PsqlSltEngine>(psql_args, db);
  if (!engine->Create(error)) return nullptr;
  return engine;
}

}  // namespace omen::tools
