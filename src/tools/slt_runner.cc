#include "tools/slt_runner.h"

#include <fstream>
#include <map>
#include <regex>
#include <sstream>

namespace omen::tools {
namespace {

std::string BaseName(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string ErrorText(const Status& s) {
  std::string text = "ERROR:  " + s.message() + " (SQLSTATE " + std::string(s.code().code()) + ")";
  return text;
}

// Whether an error message satisfies a "statement error <pattern>" pattern:
// a substring, or else an ECMAScript regex searched in the message.
bool MessageMatches(const std::string& message, const std::string& pattern) {
  if (pattern.empty() || message.find(pattern) != std::string::npos) return true;
  // The pattern is user input: a malformed regex is a mismatch, not a crash.
  try {
    return std::regex_search(message, std::regex(pattern));
  } catch (const std::regex_error&) {
    return false;
  }
}

void PrintLines(std::ostream& out, const std::vector<std::string>& lines) {
  constexpr size_t kMaxLines = 40;
  for (size_t i = 0; i < lines.size() && i < kMaxLines; ++i) out << "    " << lines[i] << '\n';
  if (lines.size() > kMaxLines) out << "    ... (" << lines.size() - kMaxLines << " more)\n";
}

class RecordRunner {
 public:
  RecordRunner(const std::string& file_name, const SltOptions& options, SltEngine* engine,
               std::ostream& out)
      : file_name_(file_name), options_(options), engine_(engine), out_(out) {}

  SltCounts Run(const std::vector<SltRecord>& records) {
    for (const SltRecord& rec : records) {
      // Control records: not counted; a condition can switch them off.
      if (rec.kind == SltRecordKind::kHalt) {
        if (rec.skip) continue;
        break;
      }
      if (rec.kind == SltRecordKind::kHashThreshold) {
        if (!rec.skip) hash_threshold_ = rec.hash_threshold;
        continue;
      }
      if (rec.skip) {
        ++counts_.skipped;
        continue;
      }
      std::string why;
      bool ok = RunRecord(rec, &why);
      std::string key = BaseName(file_name_) + ":" + std::to_string(rec.line);
      if (ok) {
        ++counts_.passed;
      } else if (options_.expected_failures.count(key) > 0) {
        ++counts_.skipped;
      } else {
        ++counts_.failed;
        Report(rec, why);
      }
    }
    return counts_;
  }

 private:
  bool RunRecord(const SltRecord& rec, std::string* why) {
    switch (rec.kind) {
      case SltRecordKind::kStatementOk: {
        SltOutput res = engine_->Run(rec.sql);
        if (res.status.ok()) return true;
        *why = "statement failed: " + ErrorText(res.status);
        return false;
      }
      case SltRecordKind::kStatementError:
        return RunStatementError(rec, why);
      case SltRecordKind::kQuery:
        return RunQuery(rec, why);
      default:
        *why = rec.error.empty() ? "unsupported record" : rec.error;
        return false;
    }
  }

  bool RunStatementError(const SltRecord& rec, std::string* why) {
    SltOutput res = engine_->Run(rec.sql);
    if (res.status.ok()) {
      *why = "statement succeeded, but an error was expected";
      return false;
    }
    if (!rec.expected_sqlstate.empty() && res.status.code().code() != rec.expected_sqlstate) {
      *why = "expected SQLSTATE " + rec.expected_sqlstate + ", got " + ErrorText(res.status);
      return false;
    }
    if (!MessageMatches(res.status.message(), rec.error_pattern)) {
      *why = "error message does not match \"" + rec.error_pattern + "\": " + ErrorText(res.status);
      return false;
    }
    return true;
  }

  bool RunQuery(const SltRecord& rec, std::string* why) {
    SltOutput res = engine_->Run(rec.sql);
    if (!res.status.ok()) {
      *why = "query failed: " + ErrorText(res.status);
      return false;
    }
    if (res.types.size() != rec.types.size()) {
      *why = "wrong number of columns: expected " + std::to_string(rec.types.size()) + ", got " +
             std::to_string(res.types.size());
      return false;
    }
    std::vector<std::string> values = FormatSltResult(rec.types, res.types, res.rows, rec.sort);
    if (!rec.label.empty()) {
      std::string hash = HashSltValues(values);
      auto [it, inserted] = labels_.emplace(rec.label, hash);
      if (!inserted && it->second != hash) {
        *why = "result differs from the earlier query labelled " + rec.label;
        return false;
      }
    }
    if (!rec.has_results) return true;
    if (SltResultMatches(rec.expected, values, rec.types.size(), hash_threshold_)) return true;
    std::ostringstream msg;
    msg << "wrong result\n  expected:\n";
    PrintLines(msg, rec.expected);
    msg << "  got:\n";
    bool hashed = hash_threshold_ > 0 && values.size() > static_cast<size_t>(hash_threshold_);
    if (hashed || (rec.expected.size() == 1 &&
                   rec.expected[0].find(" values hashing to ") != std::string::npos)) {
      PrintLines(msg, {HashSltValues(values)});
    }
    PrintLines(msg, values);
    *why = msg.str();
    return false;
  }

  void Report(const SltRecord& rec, const std::string& why) {
    if (reported_++ >= options_.max_reported_failures) return;
    out_ << "FAIL " << file_name_ << ":" << rec.line << "\n  SQL: " << rec.sql << "\n  " << why;
    if (why.empty() || why.back() != '\n') out_ << '\n';
  }

  const std::string& file_name_;
  const SltOptions& options_;
  SltEngine* engine_;
  std::ostream& out_;
  SltCounts counts_;
  int hash_threshold_ = 0;
  int reported_ = 0;
  std::map<std::string, std::string> labels_;
};

}  // namespace

Status LoadExpectedFailures(const std::string& path, std::set<std::string>* out) {
  std::ifstream in(path);
  if (!in) return Status(sqlstate::kIoError, "could not open file \"" + path + "\"");
  std::string line;
  while (std::getline(in, line)) {
    size_t end = line.find_last_not_of(" \t\r");
    if (end == std::string::npos) continue;
    line.resize(end + 1);
    size_t start = line.find_first_not_of(" \t");
    if (line[start] == '#') continue;
    out->insert(BaseName(line.substr(start)));
  }
  return Status::OK();
}

SltCounts RunSltRecords(const std::vector<SltRecord>& records, const std::string& file_name,
                        const SltOptions& options, SltEngine* engine, std::ostream& out) {
  RecordRunner runner(file_name, options, engine, out);
  return runner.Run(records);
}

SltCounts RunSltFile(const std::string& path, const SltOptions& options, SltEngineFactory factory,
                     std::ostream& out) {
  SltCounts counts;
  std::ifstream in(path, std::ios::binary);
  std::string error;
  std::unique_ptr<SltEngine> engine;
  if (!in) {
    error = "could not open file";
  } else {
    engine = factory(&error);
  }
  if (engine == nullptr) {
    out << "FAIL " << path << ": " << error << '\n';
    counts.failed = 1;
  } else {
    std::stringstream buf;
    buf << in.rdbuf();
    std::vector<SltRecord> records = ParseSlt(buf.str(), options.engine_name);
    counts = RunSltRecords(records, path, options, engine.get(), out);
  }
  out << path << ": " << counts.passed << " passed, " << counts.failed << " failed, "
      << counts.skipped << " skipped" << std::endl;
  return counts;
}

}  // namespace omen::tools
