#pragma once
// Error text as psql prints it.

#include <string>

#include "common/status.h"

namespace omen::tools {

// "ERROR:  msg", then (when the error has a position in `sql`) psql's
// "LINE n: ..." excerpt with a caret, then "DETAIL:  ..." and "HINT:  ...".
// Each line ends with '\n'.
std::string FormatPgError(const Status& status, const std::string& sql);

}  // namespace omen::tools
