#include "main/settings.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include "common/time_zone.h"
#include "main/setting_values.h"

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
    {"idle_session_timeout", "0"},
    {"integer_datetimes", "on"},
    {"intervalstyle", "postgres"},
    {"is_superuser", "on"},
    {"lock_timeout", "0"},
    {"max_connections", "200"},
    {"omen.plan_cache", "on"},  // the simple protocol's plan cache by statement shape
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
  for (const Default& d : kDefaults) entries_[d.name] = Entry{d.value, d.value};
}

Settings::Entry* Settings::Find(std::string_view name) {
  auto it = entries_.find(Lower(name));
  return it == entries_.end() ? nullptr : &it->second;
}

const Settings::Entry* Settings::Find(std::string_view name) const {
  auto it = entries_.find(Lower(name));
  return it == entries_.end() ? nullptr : &it->second;
}

Status Settings::Assign(const std::string& key, Entry* e, std::string value, bool local) {
  log_.push_back(Change{key, e->value, value, local});
  Write(e, std::move(value));
  return Status::OK();
}

void Settings::Write(Entry* e, std::string value) {
  e->value = std::move(value);
  ++generation_;
  // The connection's thread formats and parses timestamptz in this zone.
  if (e == Find("timezone")) SetThreadTimeZone(e->value);
}

void Settings::InstallThreadTimeZone() const {
  // Every statement calls this: the zone's name comes from the derived
  // values, not a lookup by name.
  SetThreadTimeZone(Derived().timezone);
}

Status Settings::Set(std::string_view name, std::string_view value, bool local) {
  std::string key = Lower(name);
  Entry* e = Find(key);
  if (e == nullptr) {
    if (key.find('.') == std::string::npos || key.front() == '.' || key.back() == '.') {
      return Unrecognized(name);
    }
    e = &entries_[key];  // a custom (placeholder) setting
  }
  if (key == "server_version" || key == "server_version_num" || key == "server_encoding" ||
      key == "integer_datetimes" || key == "max_connections" || key == "is_superuser") {
    return Status(sqlstate::kCantChangeRuntimeParam,
                  "parameter \"" + key + "\" cannot be changed");
  }
  std::string v(value);
  if (key == "client_encoding") {
    std::string u = Lower(v);
    if (u != "utf8" && u != "utf-8" && u != "unicode") {
      return Status(sqlstate::kFeatureNotSupported,
                    "conversion between " + std::string(value) + " and UTF8 is not supported");
    }
    v = "UTF8";
  }
  OMEN_ASSIGN_OR_RETURN(v, settings::Canonicalize(key, settings::DisplayName(key), v, e->value));
  return Assign(key, e, std::move(v), local);
}

Status Settings::Reset(std::string_view name, bool local) {
  if (Lower(name) == "all") {
    for (auto& [k, e] : entries_) {
      if (e.value != e.default_value) OMEN_RETURN_IF_ERROR(Assign(k, &e, e.default_value, local));
    }
    return Status::OK();
  }
  std::string key = Lower(name);
  Entry* e = Find(key);
  if (e == nullptr) return Unrecognized(name);
  return Assign(key, e, e->default_value, local);
}

Result<std::string> Settings::Show(std::string_view name) const {
  const Entry* e = Find(name);
  if (e == nullptr) return Unrecognized(name);
  return e->value;
}

std::vector<std::pair<std::string, std::string>> Settings::All() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [k, e] : entries_) out.emplace_back(settings::DisplayName(k), e.value);
  return out;
}

void Settings::EndTransaction(bool commit) {
  // Per setting: its value before the transaction, then the last plain SET.
  std::map<std::string, std::string> final_value;
  for (const Change& c : log_) final_value.emplace(c.key, c.old_value);
  if (commit) {
    for (const Change& c : log_) {
      if (!c.local) final_value[c.key] = c.new_value;
    }
  }
  for (auto& [k, v] : final_value) {
    Entry* e = Find(k);
    if (e != nullptr) Write(e, v);
  }
  log_.clear();
}

void Settings::RollbackTo(size_t position) {
  while (log_.size() > position) {
    Entry* e = Find(log_.back().key);
    if (e != nullptr) Write(e, log_.back().old_value);
    log_.pop_back();
  }
}

namespace {

std::vector<std::string> ParseSearchPath(const std::string& sp) {
  std::vector<std::string> out;
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

}  // namespace

const Settings::DerivedValues& Settings::Derived() const {
  if (derived_.generation != generation_) {
    derived_.search_path = ParseSearchPath(Find("search_path")->value);
    derived_.statement_timeout_ms = settings::MillisecondsOf(Find("statement_timeout")->value);
    derived_.plan_cache = Find("omen.plan_cache")->value == "on";
    derived_.lock_timeout_ms = settings::MillisecondsOf(Find("lock_timeout")->value);
    derived_.idle_in_transaction_timeout_ms =
        settings::MillisecondsOf(Find("idle_in_transaction_session_timeout")->value);
    derived_.transaction_isolation = Find("transaction_isolation")->value;
    const Entry* tz = Find("timezone");
    derived_.timezone = tz != nullptr ? tz->value : "UTC";
    derived_.generation = generation_;
  }
  return derived_;
}

}  // namespace omen
