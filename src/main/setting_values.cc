#include "main/setting_values.h"

#include <cctype>
#include <cerrno>
#include <climits>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <vector>

#include "common/time_zone.h"

namespace omen::settings {

namespace {

struct Unit {
  const char* name;
  double ms;
};
// Greatest first: SHOW uses the first unit that divides the value evenly.
constexpr Unit kTimeUnits[] = {{"d", 86400000.0}, {"h", 3600000.0}, {"min", 60000.0},
                               {"s", 1000.0},     {"ms", 1.0},      {"us", 0.001}};

struct IntSetting {
  const char* key;
  bool time_ms;
  int64_t min, max;
};
constexpr IntSetting kIntSettings[] = {
    {"statement_timeout", true, 0, INT_MAX},
    {"lock_timeout", true, 0, INT_MAX},
    {"idle_in_transaction_session_timeout", true, 0, INT_MAX},
    {"idle_session_timeout", true, 0, INT_MAX},
    {"extra_float_digits", false, -15, 3},
};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

Status Invalid(std::string_view name, std::string_view value) {
  return Status(sqlstate::kInvalidParameterValue, "invalid value for parameter \"" +
                                                      std::string(name) + "\": \"" +
                                                      std::string(value) + "\"");
}

// parse_int(): an integer or float, optionally followed by a unit.
Result<std::string> ParseInt(const IntSetting& is, std::string_view name, std::string_view value) {
  std::string text(value);
  const char* start = text.c_str();
  char* end = nullptr;
  errno = 0;
  double val = static_cast<double>(std::strtol(start, &end, 0));
  if (*end == '.' || *end == 'e' || *end == 'E' || errno == ERANGE) {
    errno = 0;
    val = std::strtod(start, &end);
  }
  if (end == start || errno == ERANGE) return Invalid(name, value);
  while (std::isspace(static_cast<unsigned char>(*end))) ++end;
  const char* unit = "";
  if (*end != '\0') {
    if (!is.time_ms) return Invalid(name, value);
    std::string word;
    while (*end != '\0' && !std::isspace(static_cast<unsigned char>(*end))) word.push_back(*end++);
    while (std::isspace(static_cast<unsigned char>(*end))) ++end;
    const Unit* found = nullptr;
    for (const Unit& u : kTimeUnits) {
      if (word == u.name) found = &u;
    }
    if (found == nullptr || *end != '\0') return Invalid(name, value);
    val *= found->ms;
  }
  val = std::rint(val);
  if (std::isnan(val) || val > INT_MAX || val < INT_MIN) return Invalid(name, value);
  auto ms = static_cast<int64_t>(val);
  if (is.time_ms) unit = " ms";
  if (ms < is.min || ms > is.max) {
    return Status(sqlstate::kInvalidParameterValue,
                  std::to_string(ms) + unit + " is outside the valid range for parameter \"" +
                      std::string(name) + "\" (" + std::to_string(is.min) + " .. " +
                      std::to_string(is.max) + ")");
  }
  if (!is.time_ms || ms <= 0) return std::to_string(ms);
  for (const Unit& u : kTimeUnits) {
    auto mult = static_cast<int64_t>(u.ms);
    if (mult >= 1 && ms % mult == 0) return std::to_string(ms / mult) + u.name;
  }
  return std::to_string(ms) + "ms";
}

Result<std::string> ParseEnum(std::string_view name, std::string_view value,
                              const std::vector<std::pair<const char*, const char*>>& options) {
  std::string v = Lower(value);
  for (const auto& [input, shown] : options) {
    if (v == input) return std::string(shown);
  }
  return Invalid(name, value);
}

// check_datestyle(): a style and/or an order, keeping the current other part.
Result<std::string> ParseDateStyle(std::string_view name, std::string_view value,
                                   std::string_view current) {
  std::string style = "ISO", order = "MDY";
  size_t comma = current.find(',');
  if (comma != std::string_view::npos) {
    style = std::string(current.substr(0, comma));
    order = std::string(current.substr(comma + 2));
  }
  bool have_style = false, have_order = false;
  std::string text = Lower(value);
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ',' || std::isspace(static_cast<unsigned char>(text[i]))))
      ++i;
    size_t j = i;
    while (j < text.size() && text[j] != ',' && !std::isspace(static_cast<unsigned char>(text[j])))
      ++j;
    if (i == j) break;
    std::string tok = text.substr(i, j - i);
    i = j;
    std::string new_style, new_order;
    if (tok == "iso") new_style = "ISO";
    else if (tok == "sql") new_style = "SQL";
    else if (tok == "postgres") new_style = "Postgres";
    else if (tok == "german") new_style = "German";
    else if (tok == "ymd") new_order = "YMD";
    else if (tok == "dmy" || tok == "euro" || tok == "european") new_order = "DMY";
    else if (tok == "mdy" || tok == "us" || tok == "noneuro" || tok == "noneuropean") new_order = "MDY";
    else if (tok == "default") {
      new_style = "ISO";
      new_order = "MDY";
    } else {
      return Invalid(name, value);
    }
    if ((!new_style.empty() && have_style && new_style != style) ||
        (!new_order.empty() && have_order && new_order != order)) {
      return Invalid(name, value);  // Conflicting "datestyle" specifications.
    }
    if (!new_style.empty()) {
      style = new_style;
      have_style = true;
      if (style == "German" && !have_order) order = "DMY";
    }
    if (!new_order.empty()) {
      order = new_order;
      have_order = true;
    }
  }
  if (style != "ISO") {
    return Status(sqlstate::kFeatureNotSupported,
                  "DateStyle \"" + style + "\" is not supported (only ISO output)");
  }
  return style + ", " + order;
}

// check_timezone(): a tz database zone, hours east of UTC or a POSIX spec.
Result<std::string> ParseTimeZone(std::string_view name, std::string_view value) {
  std::optional<std::string> canonical = CanonicalTimeZoneName(value);
  if (!canonical) return Invalid(name, value);
  return *canonical;
}

}  // namespace

std::string DisplayName(const std::string& key) {
  if (key == "datestyle") return "DateStyle";
  if (key == "timezone") return "TimeZone";
  if (key == "intervalstyle") return "IntervalStyle";
  return key;
}

Result<std::string> Canonicalize(const std::string& key, std::string_view display_name,
                                 std::string_view value, std::string_view current) {
  for (const IntSetting& is : kIntSettings) {
    if (key == is.key) return ParseInt(is, display_name, value);
  }
  if (key == "client_min_messages") {
    return ParseEnum(display_name, value,
                     {{"debug5", "debug5"}, {"debug4", "debug4"}, {"debug3", "debug3"},
                      {"debug2", "debug2"}, {"debug1", "debug1"}, {"debug", "debug2"},
                      {"log", "log"}, {"notice", "notice"}, {"warning", "warning"},
                      {"error", "error"}});
  }
  if (key == "transaction_isolation" || key == "default_transaction_isolation") {
    return ParseEnum(display_name, value,
                     {{"read committed", "read committed"}, {"repeatable read", "repeatable read"},
                      {"serializable", "serializable"}, {"read uncommitted", "read uncommitted"}});
  }
  if (key == "transaction_read_only" || key == "default_transaction_read_only" ||
      key == "synchronous_commit" || key == "omen.plan_cache") {
    return ParseEnum(display_name, value,
                     {{"on", "on"}, {"off", "off"}, {"true", "on"}, {"false", "off"},
                      {"yes", "on"}, {"no", "off"}, {"1", "on"}, {"0", "off"}});
  }
  if (key == "datestyle") return ParseDateStyle(display_name, value, current);
  if (key == "timezone") return ParseTimeZone(display_name, value);
  return std::string(value);
}

int64_t MillisecondsOf(std::string_view shown) {
  IntSetting is{"", true, 0, INT_MAX};
  Result<std::string> r = ParseInt(is, "", shown);
  if (!r.ok()) return 0;
  std::string text(shown);
  char* end = nullptr;
  double val = std::strtod(text.c_str(), &end);
  std::string unit(end);
  for (const Unit& u : kTimeUnits) {
    if (unit == u.name) return static_cast<int64_t>(std::rint(val * u.ms));
  }
  return static_cast<int64_t>(val);
}

}  // namespace omen::settings
