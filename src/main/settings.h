#pragma once
// Session settings (GUCs) a PostgreSQL client touches: their defaults,
// SET/RESET/SHOW, and SET LOCAL's transaction-scoped values.
// Not thread-safe: one per Connection.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace omen {

class Settings {
 public:
  Settings();

  // 42704 'unrecognized configuration parameter "x"' for unknown names;
  // 22023 for values a setting does not accept.
  Status Set(std::string_view name, std::string_view value, bool local);
  Status Reset(std::string_view name);  // "all" resets every setting
  Result<std::string> Show(std::string_view name) const;
  // Every setting, in name order (SHOW ALL).
  std::vector<std::pair<std::string, std::string>> All() const;

  // Transaction end: SET LOCAL values are dropped.
  void EndTransaction();

  // The schemas of search_path, in order, "$user" removed.
  std::vector<std::string> SearchPath() const;

 private:
  struct Entry {
    std::string value;
    std::string default_value;
    std::string local_saved;  // value before SET LOCAL
    bool has_local = false;
  };
  Entry* Find(std::string_view name);
  const Entry* Find(std::string_view name) const;
  std::map<std::string, Entry> entries_;  // by lower-case name
};

}  // namespace omen
