#include "server/startup.h"

#include <cstring>

namespace omen::server {

namespace {

inline constexpr SqlState kInvalidAuthorizationSpecification{"28000"};

}  // namespace

Result<StartupInfo> ParseStartupMessage(std::string_view body) {
  BodyReader r(body);
  StartupInfo info;
  info.protocol = r.Int32();
  bool have_database = false;
  for (;;) {
    std::string_view name = r.CString();
    if (!r.status(false).ok()) break;
    if (name.empty()) break;
    std::string_view value = r.CString();
    if (name == "user") {
      info.user = value;
    } else if (name == "database") {
      info.database = value;
      have_database = true;
    } else if (name == "application_name") {
      info.application_name = value;
    } else if (name == "options") {
      info.options = value;
    } else if (name == "replication") {
      return Status(sqlstate::kFeatureNotSupported, "replication connections are not supported");
    } else {
      info.params.emplace_back(std::string(name), std::string(value));
    }
  }
  if (!r.status().ok()) {
    return Status(sqlstate::kProtocolViolation, "invalid startup packet layout: expected terminator as last byte");
  }
  if (info.user.empty()) {
    return Status(kInvalidAuthorizationSpecification,
                  "no PostgreSQL user name specified in startup packet");
  }
  if (!have_database || info.database.empty()) info.database = info.user;
  return info;
}

Result<std::vector<std::pair<std::string, std::string>>> ParseOptionsParameter(
    std::string_view options) {
  // Words separated by unescaped spaces; a backslash makes the next byte literal.
  std::vector<std::string> words;
  std::string cur;
  bool in_word = false;
  for (size_t i = 0; i < options.size(); ++i) {
    char c = options[i];
    if (c == ' ' || c == '\t' || c == '\n') {
      if (in_word) words.push_back(std::move(cur));
      cur.clear();
      in_word = false;
      continue;
    }
    if (c == '\\' && i + 1 < options.size()) c = options[++i];
    cur.push_back(c);
    in_word = true;
  }
  if (in_word) words.push_back(std::move(cur));
  std::vector<std::pair<std::string, std::string>> out;
  for (size_t i = 0; i < words.size(); ++i) {
    std::string setting;
    if (words[i] == "-c" && i + 1 < words.size()) {
      setting = words[++i];
    } else if (words[i].rfind("-c", 0) == 0 && words[i].size() > 2) {
      setting = words[i].substr(2);
    } else if (words[i].rfind("--", 0) == 0) {
      setting = words[i].substr(2);
    } else {
      return Status(sqlstate::kSyntaxError,
                    "invalid command-line argument for server process: " + words[i])
          .WithHint("Try \"postgres --help\" for more information.");
    }
    size_t eq = setting.find('=');
    if (eq == std::string::npos) {
      return Status(sqlstate::kSyntaxError, "-c " + setting + " requires a value");
    }
    std::string name = setting.substr(0, eq);
    for (char& ch : name) {
      if (ch == '-') ch = '_';
    }
    out.emplace_back(name, setting.substr(eq + 1));
  }
  return out;
}

}  // namespace omen::server
