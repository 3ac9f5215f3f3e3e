#pragma once
// psql's "aligned" output format (border 1), byte for byte:
//
//    a  | name
//   ----+------
//    1  | x
//   (1 row)
//   <blank line>
//
// Headers are centered; right-aligned columns (numbers) pad on the left;
// the last column of a data line is not padded on the right; a value with
// newlines continues on following lines with '+' marking the wrap.

#include <optional>
#include <string>
#include <vector>

namespace omen::tools {

struct PrintColumn {
  std::string name;
  bool right_align = false;
};

// A cell's text; nullopt (NULL) prints as empty.
using PrintCell = std::optional<std::string>;

// Renders a whole result: header, separator, rows, "(N rows)" footer and a blank line.
std::string FormatAlignedTable(const std::vector<PrintColumn>& columns,
                               const std::vector<std::vector<PrintCell>>& rows);

// Display width of UTF-8 text in terminal columns (one per code point).
size_t DisplayWidth(const std::string& text);

}  // namespace omen::tools
