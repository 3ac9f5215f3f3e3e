// Session: the simple query protocol and the COPY sub-protocols.

#include <cctype>

#include "server/copy_out_rows.h"
#include "server/row_writer.h"
#include "server/server.h"
#include "server/session.h"
#include "sql/parser.h"

namespace omen::server {

namespace {

enum class StdioCopy : uint8_t { kNone, kFromStdin, kToStdout };

// Lower-cased top-level words of `sql` (outside parentheses, quotes and
// comments), enough to recognise COPY ... FROM STDIN / TO STDOUT.
std::vector<std::string> TopLevelWords(std::string_view sql) {
  std::vector<std::string> words;
  int depth = 0;
  size_t i = 0;
  while (i < sql.size()) {
    char c = sql[i];
    if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      while (i < sql.size() && sql[i] != '\n') ++i;
    } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      size_t end = sql.find("*/", i + 2);
      i = end == std::string_view::npos ? sql.size() : end + 2;
    } else if (c == '\'' || c == '"') {
      size_t end = sql.find(c, i + 1);
      i = end == std::string_view::npos ? sql.size() : end + 1;
    } else if (c == '(') {
      ++depth, ++i;
    } else if (c == ')') {
      --depth, ++i;
    } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      size_t start = i;
      while (i < sql.size() && (std::isalnum(static_cast<unsigned char>(sql[i])) || sql[i] == '_'))
        ++i;
      if (depth == 0) {
        std::string w(sql.substr(start, i - start));
        for (char& ch : w) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        words.push_back(std::move(w));
      }
    } else {
      ++i;
    }
  }
  return words;
}

StdioCopy ClassifyCopy(std::string_view sql) {
  std::vector<std::string> w = TopLevelWords(sql);
  if (w.empty() || w[0] != "copy") return StdioCopy::kNone;
  for (size_t i = 1; i + 1 < w.size(); ++i) {
    if (w[i] == "from" && w[i + 1] == "stdin") return StdioCopy::kFromStdin;
    if (w[i] == "to" && w[i + 1] == "stdout") return StdioCopy::kToStdout;
  }
  return StdioCopy::kNone;
}

bool MentionsCopy(std::string_view sql) {
  for (size_t i = 0; i + 4 <= sql.size(); ++i) {
    if ((sql[i] | 0x20) == 'c' && (sql[i + 1] | 0x20) == 'o' && (sql[i + 2] | 0x20) == 'p' &&
        (sql[i + 3] | 0x20) == 'y') {
      return true;
    }
  }
  return false;
}

}  // namespace

// `sql` is one DEALLOCATE [PREPARE] { name | ALL } statement (which
// drivers such as psycopg 3 send to drop protocol-level prepared
// statements): true, with *name ("" for ALL, folded to lower case unless
// quoted).
bool Session::ParseDeallocate(std::string_view sql, std::string* name) {
  std::vector<std::string> w = TopLevelWords(sql);
  if (w.empty() || w[0] != "deallocate") return false;
  size_t pos = sql.find_first_not_of(" \t\r\n");
  pos += std::string("deallocate").size();
  std::string_view rest = sql.substr(pos);
  auto trim = [](std::string_view s) {
    size_t b = s.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos) return std::string_view();
    size_t e = s.find_last_not_of(" \t\r\n;");
    return e == std::string_view::npos || e < b ? std::string_view() : s.substr(b, e - b + 1);
  };
  rest = trim(rest);
  if (w.size() >= 2 && w[1] == "prepare" && rest.size() > 7) rest = trim(rest.substr(7));
  if (rest.empty() || rest.find(';') != std::string_view::npos) return false;
  if (rest.front() == '"') {
    if (rest.size() < 2 || rest.back() != '"') return false;
    *name = std::string(rest.substr(1, rest.size() - 2));
    return !name->empty() && name->find('"') == std::string::npos;
  }
  for (char c : rest) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '$') return false;
  }
  *name = std::string(rest);
  for (char& c : *name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (*name == "all") name->clear();
  return true;
}

Status Session::RunDeallocate(const std::string& name) {
  if (conn_->TransactionStatus() == 'E') {
    return Status(sqlstate::kInFailedSqlTransaction,
                  "current transaction is aborted, commands ignored until end of transaction "
                  "block");
  }
  if (name.empty()) {
    for (auto it = statements_.begin(); it != statements_.end();) {
      it = it->first.empty() ? std::next(it) : statements_.erase(it);
    }
    WriteCommandComplete(&writer_, "DEALLOCATE ALL");
    return Status::OK();
  }
  if (statements_.erase(name) == 0) {
    return Status(sqlstate::kInvalidSqlStatementName,
                  "prepared statement \"" + name + "\" does not exist");
  }
  WriteCommandComplete(&writer_, "DEALLOCATE");
  return Status::OK();
}

Status Session::SendResult(const QueryResult& r) {
  SendNotices(r);
  if (r.ColumnCount() > 0) {
    std::vector<int16_t> text(r.ColumnCount(), 0);
    WriteRowDescription(&writer_, r.names(), r.types(), text);
    OMEN_ASSIGN_OR_RETURN(size_t n, WriteDataRows(&writer_, r, 0, r.RowCount(), text));
    (void)n;
  }
  WriteCommandComplete(&writer_, r.tag());
  return writer_.FlushIfLarge();
}

Status Session::SimpleQuery(const Message& m) {
  BodyReader body(m.body);
  std::string sql(body.CString());
  if (!body.status().ok()) {
    SendError(body.status());
    return Status::OK();
  }
  std::string deallocate;
  if (ParseDeallocate(sql, &deallocate)) {
    Status s = RunDeallocate(deallocate);
    if (!s.ok()) SendError(s);
    return Status::OK();
  }
  if (!MentionsCopy(sql)) {
    std::vector<Result<QueryResult>> results = conn_->ExecuteAll(sql);
    if (results.empty()) {
      writer_.Begin('I');
      writer_.End();
    }
    for (Result<QueryResult>& r : results) {
      if (!r.ok()) {
        SendError(r.status());
        break;
      }
      OMEN_RETURN_IF_ERROR(SendResult(*r));
    }
    return Status::OK();
  }
  // COPY FROM STDIN / TO STDOUT need the sub-protocol: run statement by statement.
  Result<sql::ParsedScript> parsed = sql::Parse(sql);
  if (!parsed.ok()) {
    SendError(parsed.status());
    return Status::OK();
  }
  if (parsed->size() == 0) {
    writer_.Begin('I');
    writer_.End();
    return Status::OK();
  }
  for (size_t i = 0; i < parsed->size(); ++i) {
    std::string_view text = parsed->text(i);
    Status s;
    switch (ClassifyCopy(text)) {
      case StdioCopy::kFromStdin:
        s = RunCopyFrom(text);
        break;
      case StdioCopy::kToStdout:
        s = RunCopyTo(text);
        break;
      case StdioCopy::kNone: {
        Result<QueryResult> r = conn_->Execute(text);
        s = r.ok() ? SendResult(*r) : r.status();
        break;
      }
    }
    if (!fatal_.ok()) return Status::OK();  // Dispatch ends the connection
    if (s.code() == kConnectionFailure) return s;
    if (!s.ok()) {
      SendError(s);
      break;
    }
  }
  return Status::OK();
}

Status Session::RunCopyFrom(std::string_view sql) {
  bool started = false;
  bool finished = false;  // CopyDone or CopyFail seen
  CopySource source = [&](std::string* chunk) -> Result<bool> {
    if (finished) return false;
    if (!started) {
      started = true;
      writer_.Begin('G');
      writer_.Byte(0);  // text format (text and CSV)
      writer_.Int16(0);
      writer_.End();
      Status s = writer_.Flush();
      if (!s.ok()) {
        fatal_ = s;
        return s;
      }
    }
    for (;;) {
      Message m;
      Result<bool> got = reader_.ReadMessage(&m);
      if (!got.ok() || !*got) {
        fatal_ = got.ok() ? Status(kConnectionFailure,
                                   "unexpected EOF on client connection with an open transaction")
                          : got.status();
        return fatal_;
      }
      switch (m.type) {
        case 'd':
          *chunk = std::move(m.body);
          return true;
        case 'c':
          finished = true;
          return false;
        case 'f': {
          finished = true;
          BodyReader r(m.body);
          return Status(sqlstate::kQueryCanceled,
                        "COPY from stdin failed: " + std::string(r.CString()));
        }
        case 'H':
        case 'S':
          continue;  // ignored during COPY, as PostgreSQL does
        default:
          finished = true;
          return Status(sqlstate::kProtocolViolation,
                        "unexpected message type 0x" +
                            std::string(1, "0123456789ABCDEF"[(m.type >> 4) & 0xf]) +
                            std::string(1, "0123456789ABCDEF"[m.type & 0xf]) +
                            " during COPY from stdin");
      }
    }
  };
  Result<QueryResult> r = conn_->CopyFrom(sql, source);
  if (!fatal_.ok()) return fatal_;
  if (!r.ok()) return r.status();
  return SendResult(*r);
}

Status Session::RunCopyTo(std::string_view sql) {
  // One CopyData per row, and CopyOutResponse states the first row's field count.
  CopyOutRows rows(sql);
  bool started = false;
  auto start = [&](size_t columns) {
    started = true;
    writer_.Begin('H');
    writer_.Byte(0);  // text format (text and CSV)
    writer_.Int16(static_cast<int16_t>(columns));
    for (size_t i = 0; i < columns; ++i) writer_.Int16(0);
    writer_.End();
  };
  auto send_rows = [&]() -> Status {
    for (const std::string& row : rows.TakeRows()) {
      if (!started) start(rows.FieldCount(row));
      writer_.Begin('d');
      writer_.Bytes(row);
      writer_.End();
      OMEN_RETURN_IF_ERROR(writer_.FlushIfLarge());
    }
    return Status::OK();
  };
  CopySink sink = [&](std::string_view data) -> Status {
    rows.Append(data);
    Status s = send_rows();
    if (!s.ok()) fatal_ = s;
    return s;
  };
  Result<QueryResult> r = conn_->CopyTo(sql, sink);
  if (!fatal_.ok()) return fatal_;
  if (!r.ok()) return r.status();
  if (!rows.pending().empty()) rows.Append("\n");  // never expected: the engine sends whole rows
  OMEN_RETURN_IF_ERROR(send_rows());
  if (!started) start(0);
  writer_.Begin('c');
  writer_.End();
  return SendResult(*r);
}

}  // namespace omen::server
