#include "tools/shell_copy.h"

#include <cctype>
#include <fstream>
#include <iostream>
#include <string_view>

#include "tools/error_printer.h"

namespace omen::tools {

namespace {

bool IsWordAt(const std::string& s, size_t i, std::string_view word) {
  if (i + word.size() > s.size()) return false;
  for (size_t k = 0; k < word.size(); ++k) {
    if (std::tolower(static_cast<unsigned char>(s[i + k])) != word[k]) return false;
  }
  auto boundary = [&](size_t p) {
    return p >= s.size() || !(std::isalnum(static_cast<unsigned char>(s[p])) || s[p] == '_');
  };
  return (i == 0 || boundary(i - 1)) && boundary(i + word.size());
}

// Position of the top-level FROM / TO keyword (outside parentheses and quotes).
size_t FindDirection(const std::string& s, bool* from) {
  int depth = 0;
  char quote = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      --depth;
    } else if (depth == 0 && IsWordAt(s, i, "from")) {
      *from = true;
      return i;
    } else if (depth == 0 && IsWordAt(s, i, "to")) {
      *from = false;
      return i;
    }
  }
  return std::string::npos;
}

}  // namespace

Result<ClientCopy> ParseClientCopy(const std::string& args) {
  ClientCopy out;
  size_t dir = FindDirection(args, &out.from);
  Status syntax(sqlstate::kSyntaxError, "\\copy: parse error at end of line");
  if (dir == std::string::npos) return syntax;
  size_t i = args.find_first_not_of(" \t", dir + (out.from ? 4 : 2));
  if (i == std::string::npos) return syntax;
  size_t end;
  if (args[i] == '\'') {
    end = args.find('\'', i + 1);
    if (end == std::string::npos) return syntax;
    out.file = args.substr(i + 1, end - i - 1);
    ++end;
  } else {
    end = args.find_first_of(" \t", i);
    if (end == std::string::npos) end = args.size();
    out.file = args.substr(i, end - i);
  }
  std::string lower = out.file;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "stdin" || lower == "stdout" || lower == "pstdin" || lower == "pstdout") {
    out.file.clear();
  }
  out.sql = "COPY " + args.substr(0, dir) + (out.from ? "FROM STDIN" : "TO STDOUT") +
            args.substr(end);
  return out;
}

namespace {

// A client-side file error: psql prints just "file: reason".
Status ClientFileError(const std::string& file, const char* reason) {
  return Status(sqlstate::kIoError, file + ": " + reason);
}

Result<QueryResult> CopyFromClient(Connection* conn, const ClientCopy& copy, std::istream& in) {
  std::ifstream file;
  if (!copy.file.empty()) {
    file.open(copy.file, std::ios::binary);
    if (!file) return ClientFileError(copy.file, "No such file or directory");
  }
  std::istream& src = copy.file.empty() ? in : file;
  CopySource source = [&src](std::string* chunk) -> Result<bool> {
    chunk->resize(64 * 1024);
    src.read(chunk->data(), static_cast<std::streamsize>(chunk->size()));
    chunk->resize(static_cast<size_t>(src.gcount()));
    return !chunk->empty();
  };
  return conn->CopyFrom(copy.sql, source);
}

Result<QueryResult> CopyToClient(Connection* conn, const ClientCopy& copy, std::ostream& out) {
  std::ofstream file;
  if (!copy.file.empty()) {
    file.open(copy.file, std::ios::binary | std::ios::trunc);
    if (!file) return ClientFileError(copy.file, "could not open file for writing");
  }
  std::ostream& dst = copy.file.empty() ? out : file;
  CopySink sink = [&dst](std::string_view data) {
    dst.write(data.data(), static_cast<std::streamsize>(data.size()));
    return dst ? Status::OK() : Status(sqlstate::kIoError, "could not write COPY data");
  };
  return conn->CopyTo(copy.sql, sink);
}

}  // namespace

bool RunClientCopy(Connection* conn, const std::string& args, std::istream& in,
                   std::ostream& out, std::ostream& err) {
  Result<ClientCopy> parsed = ParseClientCopy(args);
  if (!parsed.ok()) {
    err << parsed.status().message() << "\n";
    return false;
  }
  Result<QueryResult> r =
      parsed->from ? CopyFromClient(conn, *parsed, in) : CopyToClient(conn, *parsed, out);
  if (!r.ok()) {
    if (r.status().code() == sqlstate::kIoError) {
      err << r.status().message() << "\n";
    } else {
      err << FormatPgError(r.status(), parsed->sql);
    }
    return false;
  }
  out << r->tag() << "\n";
  return true;
}

}  // namespace omen::tools
