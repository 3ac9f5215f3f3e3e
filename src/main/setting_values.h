#pragma once
// Value parsing and display of typed settings, as PostgreSQL's guc.c does it:
// integers with time units ("5s", "1min", "100ms"), enums, DateStyle,
// TimeZone. Each parser takes what SET received and returns the value as
// SHOW prints it, or 22023 "invalid value for parameter ...".

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace omen::settings {

// The canonical, value-checked form of `value` for setting `key` (lower
// case); `display_name` is how messages name the setting ("DateStyle").
// `current` is the setting's value now (DateStyle keeps unspecified parts).
Result<std::string> Canonicalize(const std::string& key, std::string_view display_name,
                                 std::string_view value, std::string_view current);

// A time setting's value in milliseconds (0 when unset or not parsable).
int64_t MillisecondsOf(std::string_view shown);

// How PostgreSQL spells a setting in messages and SHOW ("TimeZone").
std::string DisplayName(const std::string& key);

}  // namespace omen::settings
