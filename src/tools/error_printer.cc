#include "tools/error_printer.h"

#include "tools/table_printer.h"

namespace omen::tools {

std::string FormatPgError(const Status& status, const std::string& sql) {
  std::string out = "ERROR:  " + status.message() + "\n";
  int pos = status.position();
  if (pos > 0) {
    // The byte where character `pos` (1-based) starts, and the line holding it.
    size_t byte = 0;
    int chars = 0;
    for (; byte < sql.size(); ++byte) {
      if ((static_cast<unsigned char>(sql[byte]) & 0xC0) != 0x80 && ++chars == pos) break;
    }
    size_t nl = byte == 0 ? std::string::npos : sql.rfind('\n', byte - 1);
    size_t line_start = nl == std::string::npos ? 0 : nl + 1;
    size_t line_end = sql.find('\n', line_start);
    if (line_end == std::string::npos) line_end = sql.size();
    int line_no = 1;
    for (size_t i = 0; i < line_start; ++i) line_no += sql[i] == '\n';
    std::string prefix = "LINE " + std::to_string(line_no) + ": ";
    out += prefix + sql.substr(line_start, line_end - line_start) + "\n";
    out +=
        std::string(prefix.size() + DisplayWidth(sql.substr(line_start, byte - line_start)), ' ') +
        "^\n";
  }
  if (!status.detail().empty()) out += "DETAIL:  " + status.detail() + "\n";
  if (!status.hint().empty()) out += "HINT:  " + status.hint() + "\n";
  return out;
}

}  // namespace omen::tools
