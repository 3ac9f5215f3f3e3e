#include "common/sqlstate.h"

namespace omen {

bool SqlState::Parse(std::string_view text, SqlState* out) {
  if (text.size() != 5) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))) return false;
  }
  std::memcpy(out->code_, text.data(), 5);
  return true;
}

}  // namespace omen
