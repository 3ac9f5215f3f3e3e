#pragma once
// psql's client-side \copy: the shell reads or writes the file and streams
// the data through Connection::CopyFrom / CopyTo.
//
//   \copy t [(cols)] from 'file' [with] [options]
//   \copy t to 'file' csv header
//   \copy (query) to stdout

#include <iosfwd>
#include <string>

#include "omendb/omendb.h"

namespace omen::tools {

// The COPY statement \copy `args` stands for, and its client-side file.
struct ClientCopy {
  std::string sql;   // COPY ... FROM STDIN / TO STDOUT ...
  std::string file;  // "" for stdin / stdout
  bool from = false;
};

// Parses the text after "\copy": 42601 when there is no FROM / TO and file.
Result<ClientCopy> ParseClientCopy(const std::string& args);

// Runs \copy `args`: prints "COPY n" to `out` (data to `out` for TO STDOUT,
// from `in` for FROM STDIN), errors to `err` as psql does. False on error.
bool RunClientCopy(Connection* conn, const std::string& args, std::istream& in,
                   std::ostream& out, std::ostream& err);

}  // namespace omen::tools
