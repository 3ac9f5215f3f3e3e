#include "tools/slt_parser.h"

#include <cstdlib>
#include <sstream>

namespace omen::tools {
namespace {

std::vector<std::string> SplitLines(std::string_view text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string line(text.substr(start, end - start));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
    start = end + 1;
  }
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

std::vector<std::string> Tokens(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> out;
  std::string tok;
  while (in >> tok) out.push_back(tok);
  return out;
}

bool IsBlank(const std::string& line) { return line.find_first_not_of(" \t") == std::string::npos; }

// The text after the first `n` whitespace-separated tokens of `line`.
std::string RestAfterTokens(const std::string& line, int n) {
  size_t pos = 0;
  for (int i = 0; i < n; ++i) {
    pos = line.find_first_not_of(" \t", pos);
    if (pos == std::string::npos) return "";
    pos = line.find_first_of(" \t", pos);
    if (pos == std::string::npos) return "";
  }
  pos = line.find_first_not_of(" \t", pos);
  if (pos == std::string::npos) return "";
  size_t end = line.find_last_not_of(" \t");
  return line.substr(pos, end - pos + 1);
}

void ParseHeader(const std::vector<std::string>& toks, const std::string& line, SltRecord* rec) {
  const std::string& verb = toks[0];
  if (verb == "statement" && toks.size() >= 2 && toks[1] == "ok") {
    rec->kind = SltRecordKind::kStatementOk;
  } else if (verb == "statement" && toks.size() >= 2 && toks[1] == "error") {
    rec->kind = SltRecordKind::kStatementError;
    if (toks.size() >= 4 && toks[2] == "SQLSTATE") {
      rec->expected_sqlstate = toks[3];
    } else {
      rec->error_pattern = RestAfterTokens(line, 2);
    }
  } else if (verb == "query" && toks.size() >= 2) {
    rec->kind = SltRecordKind::kQuery;
    rec->types = toks[1];
    if (toks.size() >= 3) {
      if (toks[2] == "rowsort") {
        rec->sort = SltSortMode::kRowSort;
      } else if (toks[2] == "valuesort") {
        rec->sort = SltSortMode::kValueSort;
      } else if (toks[2] != "nosort") {
        rec->kind = SltRecordKind::kInvalid;
        rec->error = "unknown sort mode \"" + toks[2] + "\"";
      }
    }
    if (toks.size() >= 4) rec->label = toks[3];
  } else if (verb == "hash-threshold" && toks.size() == 2) {
    rec->kind = SltRecordKind::kHashThreshold;
    rec->hash_threshold = std::atoi(toks[1].c_str());
  } else if (verb == "halt") {
    rec->kind = SltRecordKind::kHalt;
  } else {
    rec->kind = SltRecordKind::kInvalid;
    rec->error = "unrecognised record \"" + line + "\"";
  }
}

}  // namespace

std::vector<SltRecord> ParseSlt(std::string_view text, std::string_view engine) {
  std::vector<std::string> lines = SplitLines(text);
  std::vector<SltRecord> records;
  size_t i = 0;
  while (i < lines.size()) {
    // Skip blank lines and comments between records.
    if (IsBlank(lines[i]) || lines[i][0] == '#') {
      ++i;
      continue;
    }
    SltRecord rec;
    // Conditions.
    while (i < lines.size() && !IsBlank(lines[i])) {
      std::vector<std::string> toks = Tokens(lines[i]);
      if (toks[0] == "skipif" && toks.size() >= 2) {
        if (toks[1] == engine) rec.skip = true;
      } else if (toks[0] == "onlyif" && toks.size() >= 2) {
        if (toks[1] != engine) rec.skip = true;
      } else if (toks[0][0] != '#') {
        break;
      }
      ++i;
    }
    if (i >= lines.size() || IsBlank(lines[i])) continue;  // conditions without a record
    rec.line = static_cast<int>(i) + 1;
    ParseHeader(Tokens(lines[i]), lines[i], &rec);
    ++i;
    // Body: SQL lines, then optionally "----" and result lines, up to a blank line.
    std::string sql;
    bool in_results = false;
    for (; i < lines.size() && !IsBlank(lines[i]); ++i) {
      if (!in_results && lines[i] == "----") {
        in_results = true;
        rec.has_results = true;
        continue;
      }
      if (in_results) {
        rec.expected.push_back(lines[i]);
      } else {
        if (!sql.empty()) sql += '\n';
        sql += lines[i];
      }
    }
    rec.sql = std::move(sql);
    if (rec.kind == SltRecordKind::kStatementError && rec.has_results &&
        rec.error_pattern.empty() && !rec.expected.empty()) {
      rec.error_pattern = rec.expected[0];
    }
    records.push_back(std::move(rec));
  }
  return records;
}

}  // namespace omen::tools
