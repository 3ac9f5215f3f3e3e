#include "server/copy_out_rows.h"

#include <cctype>

namespace omen::server {

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The first character of the quoted literal after option `word` in `lower`
// (a lower-cased copy of `sql`), or 0.
char OptionChar(const std::string& lower, std::string_view sql, const std::string& word) {
  size_t pos = 0;
  while ((pos = lower.find(word, pos)) != std::string::npos) {
    bool starts = pos == 0 || !std::isalnum(static_cast<unsigned char>(lower[pos - 1]));
    size_t after = pos + word.size();
    bool ends = after >= lower.size() || !std::isalnum(static_cast<unsigned char>(lower[after]));
    if (starts && ends) {
      size_t q = lower.find('\'', after);
      if (q != std::string::npos && q + 1 < sql.size()) {
        // Only blanks (and AS) may come between the option and its literal.
        std::string between = lower.substr(after, q - after);
        bool blank = true;
        for (char c : between) blank = blank && (c == ' ' || c == '\t' || c == '\n');
        if (blank || between.find("as") != std::string::npos) return sql[q + 1];
      }
    }
    pos = after;
  }
  return 0;
}

bool HasWord(const std::string& lower, const std::string& word) {
  size_t pos = 0;
  while ((pos = lower.find(word, pos)) != std::string::npos) {
    bool starts = pos == 0 || !std::isalnum(static_cast<unsigned char>(lower[pos - 1]));
    size_t after = pos + word.size();
    bool ends = after >= lower.size() || !std::isalnum(static_cast<unsigned char>(lower[after]));
    if (starts && ends) return true;
    pos = after;
  }
  return false;
}

}  // namespace

CopyOutRows::CopyOutRows(std::string_view copy_sql) {
  // Options follow TO STDOUT; the query before it may mention anything.
  std::string lower = Lower(copy_sql);
  size_t at = lower.rfind("stdout");
  std::string tail = at == std::string::npos ? lower : lower.substr(at);
  std::string_view tail_sql = at == std::string::npos ? copy_sql : copy_sql.substr(at);
  csv_ = HasWord(tail, "csv");
  delimiter_ = csv_ ? ',' : '\t';
  if (char d = OptionChar(tail, tail_sql, "delimiter")) delimiter_ = d;
  if (char q = OptionChar(tail, tail_sql, "quote")) quote_ = q;
}

void CopyOutRows::Append(std::string_view data) {
  pending_.append(data);
  size_t start = 0;
  for (size_t i = scan_; i < pending_.size(); ++i) {
    char c = pending_[i];
    if (csv_ && c == quote_) {
      in_quotes_ = !in_quotes_;  // a doubled quote toggles twice
    } else if (c == '\n' && !in_quotes_) {
      rows_.push_back(pending_.substr(start, i + 1 - start));
      start = i + 1;
    }
  }
  pending_.erase(0, start);
  scan_ = pending_.size();
}

std::vector<std::string> CopyOutRows::TakeRows() {
  std::vector<std::string> out;
  out.swap(rows_);
  return out;
}

size_t CopyOutRows::FieldCount(std::string_view row) const {
  size_t n = 1;
  bool quoted = false;
  for (size_t i = 0; i < row.size(); ++i) {
    char c = row[i];
    if (csv_ && c == quote_) {
      quoted = !quoted;
    } else if (!csv_ && c == '\\') {
      ++i;  // an escaped byte is never a delimiter
    } else if (c == delimiter_ && !quoted) {
      ++n;
    }
  }
  return n;
}

}  // namespace omen::server
