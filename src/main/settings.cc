#include "main/settings.h"

#include <algorithm>
#include <cctype>

namespace omen {

namespace {

struct Default {
  const char* name;
  const char* value;
};

// PostgreSQL 15's defaults for the settings clients read and write.
constexpr Default kDefaults[] = {
    {"application_name", ""},
    {"client_encoding", "UTF8"},
    {"client_min_messages", "notice"},
    {"datestyle", "ISO, MDY"},
    {"default_transaction_isolation", "read committed"},
    {"default_transaction_read_only", "off"},
    {"extra_float_digits", "1"},
    {"idle_in_transaction_session_timeout", "0"},
    {"integer_datetimes", "on"},
    {"intervalstyle", "postgres"},
    {"is_superuser", "on"},
    {"lock_timeout", "0"},
    {"max_connections", "200"},
    {"search_path", "\"$user\", public"},
    {"server_encoding", "UTF8"},
    {"server_version", "15.0"},
    {"server_version_num", "150000"},
    {"standard_conforming_strings", "on"},
    {"statement_timeout", "0"},
    {"synchronous_commit", "on"},
    {"timezone", "UTC"},
    {"transaction_isolation", "read committed"},
    {"transaction_read_only", "off"},
};

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

Status Unrecognized(std::string_view name) {
  return Status(sqlstate::kUndefinedObject,
                "unrecognized configuration parameter \"" + std::string(name) + "\"");
}

}  // namespace

Settings::Settings() {
  for (const Default& d : kDefaults) entries_[d.name] = Entry{d.value, d.value, "", false};
}

Settings::Entry* Settings::Find(std::string_view name) {
  auto it = entries_.find(Lower(name));
  return it == entries_.end() ? nullptr : &it->second;
}

const Settings::Entry* Settings::Find(std::string_view name) const {
  auto it = entries_.find(Lower(name));
  return it == entries_.end() ? nullptr : &it->second;
}

Status Settings::Set(std::string_view name, std::string_view value, bool local) {
  std::string key = Lower(name);
  Entry* e = Find(key);
  if (e == nullptr) return Unrecognized(name);
  if (key == "server_version" || key == "server_version_num" || key == "server_encoding" ||
      key == "integer_datetimes" || key == "max_connections" || key == "is_superuser") {
    return Status(sqlstate::kCantChangeRuntimeParam,
                  "parameter \"" + key + "\" cannot be changed");
  }
  std::string v(value);
  if (key == "transaction_isolation" || key == "default_transaction_isolation") {
    v = Lower(v);
    if (v != "read committed" && v != "repeatable read" && v != "serializable" &&
        v != "read uncommitted") {
      return Status(sqlstate::kInvalidParameterValue,
                    "invalid value for parameter \"" + key + "\": \"" + std::string(value) + "\"");
    }
  }
  if (key == "client_encoding") {
    std::string u = Lower(v);
    if (u != "utf8" && u != "utf-8" && u != "unicode") {
      return Status(sqlstate::kFeatureNotSupported,
                    "conversion between " + std::string(value) + " and UTF8 is not supported");
    }
    v = "UTF8";
  }
  if (key == "extra_float_digits" || key == "statement_timeout" || key == "lock_timeout" ||
      key == "idle_in_transaction_session_timeout") {
    bool digits = !v.empty() && std::all_of(v.begin(), v.end(), [](char c) {
      return std::isdigit(static_cast<unsigned char>(c)) || c == '-';
    });
    if (!digits) {
      return Status(sqlstate::kInvalidParameterValue,
                    "invalid value for parameter \"" + key + "\": \"" + std::string(value) + "\"");
    }
  }
  if (local) {
    if (!e->has_local) e->local_saved = e->value;
    e->has_local = true;
  }
  e->value = v;
  return Status::OK();
}

Status Settings::Reset(std::string_view name) {
  if (Lower(name) == "all") {
    for (auto& [k, e] : entries_) e.value = e.default_value;
    return Status::OK();
  }
  Entry* e = Find(name);
  if (e == nullptr) return Unrecognized(name);
  e->value = e->default_value;
  return Status::OK();
}

Result<std::string> Settings::Show(std::string_view name) const {
  const Entry* e = Find(name);
  if (e == nullptr) return Unrecognized(name);
  return e->value;
}

std::vector<std::pair<std::string, std::string>> Settings::All() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [k, e] : entries_) out.emplace_back(k, e.value);
  return out;
}

void Settings::EndTransaction() {
  for (auto& [k, e] : entries_) {
    if (e.has_local) {
      e.value = e.local_saved;
      e.has_local = false;
    }
  }
}

std::vector<std::string> Settings::SearchPath() const {
  std::vector<std::string> out;
  const std::string& sp = Find("search_path")->value;
  size_t i = 0;
  while (i <= sp.size()) {
    size_t j = sp.find(',', i);
    if (j == std::string::npos) j = sp.size();
    std::string item = sp.substr(i, j - i);
    size_t b = item.find_first_not_of(" \t");
    size_t e = item.find_last_not_of(" \t");
    item = b == std::string::npos ? "" : item.substr(b, e - b + 1);
    if (item.size() >= 2 && item.front() == '"' && item.back() == '"') {
      item = item.substr(1, item.size() - 2);
    } else {
      item = Lower(item);
    }
    if (!item.empty() && item != "$user") out.push_back(item);
    i = j + 1;
  }
  return out;
}

}  // namespace omen
