#include "tools/table_printer.h"

#include <algorithm>

namespace omen::tools {
namespace {

std::vector<std::string> SplitNewlines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (true) {
    size_t nl = text.find('\n', start);
    if (nl == std::string::npos) {
      lines.push_back(text.substr(start));
      return lines;
    }
    lines.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
}

void AppendPadded(std::string* out, const std::string& text, size_t width, bool right,
                  bool pad_right) {
  size_t w = DisplayWidth(text);
  size_t pad = width > w ? width - w : 0;
  if (right) out->append(pad, ' ');
  out->append(text);
  if (!right && pad_right) out->append(pad, ' ');
}

}  // namespace

size_t DisplayWidth(const std::string& text) {
  size_t width = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++width;
  }
  return width;
}

std::string FormatAlignedTable(const std::vector<PrintColumn>& columns,
                               const std::vector<std::vector<PrintCell>>& rows) {
  const size_t ncols = columns.size();
  std::string out;
  // Split every cell into its lines and measure the columns.
  std::vector<std::vector<std::vector<std::string>>> cells(rows.size());
  std::vector<size_t> widths(ncols);
  for (size_t c = 0; c < ncols; ++c) widths[c] = DisplayWidth(columns[c].name);
  for (size_t r = 0; r < rows.size(); ++r) {
    cells[r].resize(ncols);
    for (size_t c = 0; c < ncols; ++c) {
      const PrintCell& cell = c < rows[r].size() ? rows[r][c] : PrintCell();
      cells[r][c] = SplitNewlines(cell.value_or(""));
      for (const std::string& line : cells[r][c])
        widths[c] = std::max(widths[c], DisplayWidth(line));
    }
  }
  if (ncols == 0) {
    out += "--\n";
  } else {
    for (size_t c = 0; c < ncols; ++c) {
      if (c > 0) out += '|';
      size_t w = DisplayWidth(columns[c].name);
      size_t before = (widths[c] - w) / 2;
      out.append(before + 1, ' ');
      out += columns[c].name;
      out.append(widths[c] - w - before + 1, ' ');
    }
    out += '\n';
    for (size_t c = 0; c < ncols; ++c) {
      if (c > 0) out += '+';
      out.append(widths[c] + 2, '-');
    }
    out += '\n';
  }
  for (const auto& row : cells) {
    if (ncols == 0) break;
    size_t height = 1;
    for (const auto& lines : row) height = std::max(height, lines.size());
    for (size_t k = 0; k < height; ++k) {
      for (size_t c = 0; c < ncols; ++c) {
        const bool last = c + 1 == ncols;
        const bool more = k + 1 < row[c].size();
        if (c > 0) out += '|';
        out += ' ';
        AppendPadded(&out, k < row[c].size() ? row[c][k] : "", widths[c], columns[c].right_align,
                     !last || more);
        if (more) {
          out += '+';
        } else if (!last) {
          out += ' ';
        }
      }
      out += '\n';
    }
  }
  out += rows.size() == 1 ? "(1 row)\n" : "(" + std::to_string(rows.size()) + " rows)\n";
  out += '\n';
  return out;
}

}  // namespace omen::tools
