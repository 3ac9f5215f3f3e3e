#pragma once
// CopyOutRows: cuts COPY TO STDOUT output into rows, so each CopyData message
// carries one row (as PostgreSQL sends them; psycopg 3 parses one row per
// message) and CopyOutResponse can state the number of columns (taken from
// the first row).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace omen::server {

class CopyOutRows {
 public:
  // The format as the COPY statement's text states it: FORMAT csv (or the
  // old CSV keyword), DELIMITER 'x', QUOTE 'x'; text format otherwise.
  explicit CopyOutRows(std::string_view copy_sql);

  // Appends output bytes; complete rows become available through TakeRows().
  void Append(std::string_view data);
  // The complete rows appended so far (each with its newline), in order.
  std::vector<std::string> TakeRows();
  // Bytes after the last complete row (the engine only hands out whole rows,
  // so this is empty at the end of a COPY).
  const std::string& pending() const { return pending_; }
  // Number of fields in `row` under this format.
  size_t FieldCount(std::string_view row) const;

  bool csv() const { return csv_; }

 private:
  bool csv_ = false;
  char delimiter_ = '\t';
  char quote_ = '"';
  std::string pending_;
  size_t scan_ = 0;         // bytes of pending_ already scanned
  bool in_quotes_ = false;  // CSV quote state at scan_
  std::vector<std::string> rows_;
};

}  // namespace omen::server
