#include "tools/slt_result.h"

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "common/md5.h"

namespace omen::tools {
namespace {

// A double from PostgreSQL text, for float-like columns ("Infinity", "NaN" included).
double TextToDouble(const std::string& text) {
  if (text == "Infinity") return HUGE_VAL;
  if (text == "-Infinity") return -HUGE_VAL;
  if (text == "NaN") return NAN;
  if (text == "t" || text == "true") return 1;
  if (text == "f" || text == "false") return 0;
  return std::strtod(text.c_str(), nullptr);
}

// The integer sqlite3_column_int64 would give: truncation toward zero,
// saturating at the int64 limits.
int64_t DoubleToInt64(double d) {
  if (std::isnan(d)) return 0;
  if (d >= 9223372036854775807.0) return INT64_MAX;
  if (d <= -9223372036854775808.0) return INT64_MIN;
  return static_cast<int64_t>(d);
}

std::string FormatInteger(TypeId type, const std::string& text) {
  if (type == TypeId::kBool) return (text == "t" || text == "true") ? "1" : "0";
  if (type == TypeId::kInt16 || type == TypeId::kInt32 || type == TypeId::kInt64) return text;
  if (type == TypeId::kNumeric) {
    // Truncate the decimal text so values beyond double precision stay exact.
    if (text == "NaN") return "0";
    size_t dot = text.find('.');
    std::string whole = text.substr(0, dot);
    if (whole == "-0" || whole == "-" || whole.empty()) return "0";
    return whole;
  }
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%" PRId64, DoubleToInt64(TextToDouble(text)));
  return buf;
}

std::string FormatText(const std::string& text) {
  if (text.empty()) return "(empty)";
  std::string out = text;
  for (char& c : out) {
    if (c < ' ' || c > '~') c = '@';
  }
  return out;
}

}  // namespace

std::string FormatSltValue(char letter, TypeId type, const SltCell& cell) {
  if (!cell.has_value()) return "NULL";
  const std::string& text = *cell;
  switch (letter) {
    case 'I':
      return FormatInteger(type, text);
    case 'R': {
      char buf[64];
      std::snprintf(buf, sizeof(buf), "%.3f", TextToDouble(text));
      return buf;
    }
    default:
      return FormatText(text);
  }
}

std::vector<std::string> FormatSltResult(const std::string& letters,
                                         const std::vector<TypeId>& types,
                                         const std::vector<std::vector<SltCell>>& rows,
                                         SltSortMode sort) {
  std::vector<std::vector<std::string>> formatted;
  formatted.reserve(rows.size());
  for (const auto& row : rows) {
    std::vector<std::string> out;
    out.reserve(row.size());
    for (size_t c = 0; c < row.size(); ++c) {
      char letter = c < letters.size() ? letters[c] : 'T';
      TypeId type = c < types.size() ? types[c] : TypeId::kText;
      out.push_back(FormatSltValue(letter, type, row[c]));
    }
    formatted.push_back(std::move(out));
  }
  if (sort == SltSortMode::kRowSort) std::sort(formatted.begin(), formatted.end());
  std::vector<std::string> values;
  for (auto& row : formatted) {
    for (auto& v : row) values.push_back(std::move(v));
  }
  if (sort == SltSortMode::kValueSort) std::sort(values.begin(), values.end());
  return values;
}

std::string HashSltValues(const std::vector<std::string>& values) {
  Md5 md5;
  for (const std::string& v : values) {
    md5.Update(v);
    md5.Update("\n");
  }
  return std::to_string(values.size()) + " values hashing to " + md5.HexDigest();
}

bool SltResultMatches(const std::vector<std::string>& expected,
                      const std::vector<std::string>& values, size_t column_count,
                      int hash_threshold) {
  bool expected_hash =
      expected.size() == 1 && expected[0].find(" values hashing to ") != std::string::npos;
  if (expected_hash ||
      (hash_threshold > 0 && values.size() > static_cast<size_t>(hash_threshold))) {
    return expected.size() == 1 && expected[0] == HashSltValues(values);
  }
  if (expected == values) return true;
  if (column_count <= 1 || column_count == 0 || values.size() % column_count != 0 ||
      expected.size() != values.size() / column_count) {
    return false;
  }
  for (size_t r = 0; r < expected.size(); ++r) {
    std::string tabbed, spaced;
    for (size_t c = 0; c < column_count; ++c) {
      if (c > 0) {
        tabbed += '\t';
        spaced += ' ';
      }
      tabbed += values[r * column_count + c];
      spaced += values[r * column_count + c];
    }
    if (expected[r] != tabbed && expected[r] != spaced) return false;
  }
  return true;
}

}  // namespace omen::tools
