#include "main/copy.h"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/type_io.h"

namespace omen {

namespace {

using sql::CopyInfo;
using Field = std::optional<std::string>;  // nullopt = NULL

constexpr size_t kBatchRows = 1024;
constexpr size_t kOutputFlush = 64 * 1024;

std::string TableName(const CopyInfo& copy) { return copy.table ? copy.table->name : "?"; }

// Splits the input into records (lines; CSV records may span lines inside
// quotes), pulling pieces from the source as needed.
class RecordReader {
 public:
  RecordReader(const CopyInfo& copy, const CopySource& source) : copy_(copy), source_(source) {}

  // Next record without its line end; false at the end of data or at `\.`.
  Result<bool> Next(std::string* record) {
    for (;;) {
      size_t end = 0;
      bool complete = FindEnd(&end);
      if (!complete && !eof_) {
        OMEN_RETURN_IF_ERROR(Pull());
        continue;
      }
      if (!complete && pos_ >= buffer_.size()) return false;
      if (!complete && quote_open_) {
        return Status(SqlState("22P04"), "unterminated CSV quoted field")
            .WithDetail("COPY " + TableName(copy_) + ", line " + std::to_string(line_ + 1));
      }
      if (!complete) end = buffer_.size();
      record->assign(buffer_, pos_, end - pos_);
      line_ += 1 + static_cast<size_t>(std::count(record->begin(), record->end(), '\n'));
      pos_ = end < buffer_.size() ? end + 1 : end;
      if (!record->empty() && record->back() == '\r') record->pop_back();
      if (*record == "\\.") return false;
      return true;
    }
  }
  size_t line() const { return line_; }

 private:
  // Finds the end of the record starting at pos_ (the '\n' ending it).
  bool FindEnd(size_t* end) {
    quote_open_ = false;
    if (copy_.format == CopyInfo::Format::kText) {
      size_t nl = buffer_.find('\n', pos_);
      if (nl == std::string::npos) return false;
      *end = nl;
      return true;
    }
    bool in_quote = false;
    for (size_t i = pos_; i < buffer_.size(); ++i) {
      char c = buffer_[i];
      if (in_quote) {
        if (c == copy_.escape && copy_.escape != copy_.quote && i + 1 < buffer_.size() &&
            (buffer_[i + 1] == copy_.quote || buffer_[i + 1] == copy_.escape)) {
          ++i;
        } else if (c == copy_.quote) {
          in_quote = false;
        }
      } else if (c == copy_.quote) {
        in_quote = true;
      } else if (c == '\n') {
        *end = i;
        return true;
      }
    }
    quote_open_ = in_quote;
    return false;
  }

  Status Pull() {
    if (pos_ > (1u << 20)) {
      buffer_.erase(0, pos_);
      pos_ = 0;
    }
    std::string piece;
    OMEN_ASSIGN_OR_RETURN(bool more, source_(&piece));
    if (!more) eof_ = true;
    buffer_ += piece;
    return Status::OK();
  }

  const CopyInfo& copy_;
  const CopySource& source_;
  std::string buffer_;
  size_t pos_ = 0;
  size_t line_ = 0;
  bool eof_ = false;
  bool quote_open_ = false;
};

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Text format field: NULL when the raw text is the null string, else de-escaped.
Field TextField(std::string_view raw, const CopyInfo& copy) {
  if (raw == copy.null_string) return std::nullopt;
  std::string out;
  for (size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c != '\\' || i + 1 >= raw.size()) {
      out += c;
      continue;
    }
    c = raw[++i];
    if (c >= '0' && c <= '7') {
      int v = c - '0';
      for (int k = 0; k < 2 && i + 1 < raw.size() && raw[i + 1] >= '0' && raw[i + 1] <= '7'; ++k) {
        v = v * 8 + (raw[++i] - '0');
      }
      out += static_cast<char>(v & 0xff);
      continue;
    }
    if (c == 'x' && i + 1 < raw.size() && HexDigit(raw[i + 1]) >= 0) {
      int v = HexDigit(raw[++i]);
      if (i + 1 < raw.size() && HexDigit(raw[i + 1]) >= 0) v = v * 16 + HexDigit(raw[++i]);
      out += static_cast<char>(v);
      continue;
    }
    switch (c) {
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      default: out += c; break;
    }
  }
  return out;
}

void SplitText(std::string_view line, const CopyInfo& copy, std::vector<Field>* fields) {
  size_t start = 0;
  for (size_t i = 0;; ++i) {
    if (i >= line.size() || line[i] == copy.delimiter) {
      fields->push_back(TextField(line.substr(start, i - start), copy));
      if (i >= line.size()) return;
      start = i + 1;
    } else if (line[i] == '\\') {
      ++i;
    }
  }
}

void SplitCsv(std::string_view line, const CopyInfo& copy, std::vector<Field>* fields) {
  size_t i = 0;
  for (size_t col = 0;; ++col) {
    std::string value;
    bool quoted = false;
    while (i < line.size() && line[i] != copy.delimiter) {
      char c = line[i++];
      if (c != copy.quote) {
        value += c;
        continue;
      }
      quoted = true;
      while (i < line.size()) {
        c = line[i++];
        if (c == copy.escape && i < line.size() &&
            (line[i] == copy.quote || line[i] == copy.escape)) {
          value += line[i++];
        } else if (c == copy.quote) {
          break;
        } else {
          value += c;
        }
      }
    }
    bool force_not_null = col < copy.force_not_null.size() && copy.force_not_null[col];
    bool force_null = col < copy.force_null.size() && copy.force_null[col];
    bool is_null = value == copy.null_string && (quoted ? force_null : !force_not_null);
    fields->push_back(is_null ? Field() : Field(std::move(value)));
    if (i >= line.size()) return;
    ++i;  // delimiter
  }
}

std::string LineContext(const CopyInfo& copy, size_t line, std::string_view text) {
  return "COPY " + TableName(copy) + ", line " + std::to_string(line) + ": \"" +
         std::string(text) + "\"";
}

Status HeaderCheck(const CopyInfo& copy, const std::vector<Field>& fields, size_t line,
                   std::string_view record) {
  if (fields.size() != copy.column_names.size()) {
    return Status(SqlState("22P04"), "wrong number of fields in header line: got " +
                                         std::to_string(fields.size()) + ", expected " +
                                         std::to_string(copy.column_names.size()))
        .WithDetail(LineContext(copy, line, record));
  }
  for (size_t i = 0; i < fields.size(); ++i) {
    if (!fields[i] || *fields[i] != copy.column_names[i]) {
      return Status(SqlState("22P04"), "column name mismatch in header line field " +
                                           std::to_string(i + 1) + ": got \"" +
                                           fields[i].value_or("null") + "\", expected \"" +
                                           copy.column_names[i] + "\"")
          .WithDetail(LineContext(copy, line, record));
    }
  }
  return Status::OK();
}

class CopyFromRunner {
 public:
  CopyFromRunner(const CopyInfo& copy, execution::ExecutionContext& ctx)
      : copy_(copy), ctx_(ctx), def_(*copy.table) {}

  Result<uint64_t> Run(const CopySource& source) {
    RecordReader reader(copy_, source);
    std::string record;
    std::vector<Field> fields;
    bool first = true;
    for (;;) {
      OMEN_ASSIGN_OR_RETURN(bool more, reader.Next(&record));
      if (!more) break;
      fields.clear();
      if (copy_.format == CopyInfo::Format::kCsv) {
        SplitCsv(record, copy_, &fields);
      } else {
        SplitText(record, copy_, &fields);
      }
      if (first && copy_.header) {
        first = false;
        if (copy_.header_match) {
          OMEN_RETURN_IF_ERROR(HeaderCheck(copy_, fields, reader.line(), record));
        }
        continue;
      }
      first = false;
      OMEN_RETURN_IF_ERROR(AddRow(fields, reader.line(), record));
      if (rows_.size() >= kBatchRows) OMEN_RETURN_IF_ERROR(Flush());
    }
    OMEN_RETURN_IF_ERROR(Flush());
    return total_;
  }

 private:
  Status AddRow(const std::vector<Field>& fields, size_t line, std::string_view record) {
    // As PostgreSQL's NextCopyFrom: extra fields first, then column by
    // column (a bad value in column 1 wins over missing column 2).
    size_t n = copy_.columns.size();
    if (fields.size() > n && !(n == 0 && fields.size() == 1 && !fields[0])) {
      return Status(SqlState("22P04"), "extra data after last expected column")
          .WithDetail(LineContext(copy_, line, record));
    }
    std::vector<Value> row(def_.columns.size());
    for (size_t k = 0; k < n; ++k) {
      int col = copy_.columns[k];
      Type type = def_.columns[col].type;
      if (k >= fields.size()) {
        return Status(SqlState("22P04"), "missing data for column \"" + copy_.column_names[k] + "\"")
            .WithDetail(LineContext(copy_, line, record));
      }
      if (!fields[k]) {
        row[col] = Value::Null(type);
        continue;
      }
      Result<Value> v = ParseValue(*fields[k], type);
      if (!v.ok()) {
        Status s = v.status();
        return s.WithDetail("COPY " + def_.name + ", line " + std::to_string(line) + ", column " +
                            copy_.column_names[k] + ": \"" + *fields[k] + "\"");
      }
      row[col] = std::move(*v);
    }
    rows_.push_back(std::move(row));
    return Status::OK();
  }

  // Inserts the buffered rows through the bound INSERT (a kValues child).
  Status Flush() {
    if (rows_.empty()) return Status::OK();
    auto values = std::make_shared<sql::LogicalOperator>();
    values->kind = sql::LogicalOpKind::kValues;
    for (const catalog::ColumnDef& c : def_.columns) {
      values->types.push_back(c.type);
      values->names.push_back(c.name);
    }
    for (std::vector<Value>& row : rows_) {
      std::vector<sql::BoundExprPtr> exprs;
      for (size_t c = 0; c < row.size(); ++c) {
        if (copy_.defaults[c]) {
          exprs.push_back(copy_.defaults[c]->Copy());
          continue;
        }
        auto e = std::make_unique<sql::BoundExpr>();
        e->kind = sql::BoundExprKind::kConstant;
        e->type = def_.columns[c].type;
        e->value = std::move(row[c]);
        exprs.push_back(std::move(e));
      }
      values->values.push_back(std::move(exprs));
    }
    rows_.clear();
    sql::LogicalOperator& insert = *copy_.insert_plan;
    insert.children = {values};
    auto discard = [](DataChunk&) { return Status::OK(); };
    Result<uint64_t> n = execution::Execute(insert, ctx_, discard);
    insert.children.clear();
    if (!n.ok()) return n.status();
    total_ += *n;
    return Status::OK();
  }

  const CopyInfo& copy_;
  execution::ExecutionContext& ctx_;
  const catalog::TableDef& def_;
  std::vector<std::vector<Value>> rows_;
  uint64_t total_ = 0;
};

void TextOut(std::string_view s, const CopyInfo& copy, std::string* out) {
  for (char c : s) {
    switch (c) {
      case '\b': *out += "\\b"; break;
      case '\f': *out += "\\f"; break;
      case '\n': *out += "\\n"; break;
      case '\r': *out += "\\r"; break;
      case '\t': *out += "\\t"; break;
      case '\v': *out += "\\v"; break;
      case '\\': *out += "\\\\"; break;
      default:
        if (c == copy.delimiter) *out += '\\';
        *out += c;
        break;
    }
  }
}

void CsvOut(std::string_view s, const CopyInfo& copy, bool force_quote, std::string* out) {
  bool use_quote = force_quote || s == copy.null_string ||
                   (copy.column_names.size() == 1 && s == "\\.");
  for (char c : s) {
    if (use_quote) break;
    use_quote = c == copy.delimiter || c == copy.quote || c == '\n' || c == '\r';
  }
  if (!use_quote) {
    out->append(s);
    return;
  }
  *out += copy.quote;
  for (char c : s) {
    if (c == copy.quote || c == copy.escape) *out += copy.escape;
    *out += c;
  }
  *out += copy.quote;
}

void FieldOut(std::string_view s, const CopyInfo& copy, size_t col, std::string* out) {
  if (copy.format == CopyInfo::Format::kCsv) {
    CsvOut(s, copy, col < copy.force_quote.size() && copy.force_quote[col], out);
  } else {
    TextOut(s, copy, out);
  }
}

Result<uint64_t> RunCopyTo(const CopyInfo& copy, execution::ExecutionContext& ctx,
                           const CopySink& sink) {
  std::string out;
  if (copy.header) {
    for (size_t i = 0; i < copy.column_names.size(); ++i) {
      if (i > 0) out += copy.delimiter;
      FieldOut(copy.column_names[i], copy, SIZE_MAX, &out);
    }
    out += '\n';
  }
  auto on_chunk = [&](DataChunk& chunk) -> Status {
    for (size_t r = 0; r < chunk.size; ++r) {
      for (size_t c = 0; c < chunk.ColumnCount(); ++c) {
        if (c > 0) out += copy.delimiter;
        Value v = chunk.columns[c].GetValue(r);
        if (v.is_null) {
          out += copy.null_string;
        } else {
          FieldOut(FormatValue(v), copy, c, &out);
        }
      }
      out += '\n';
      if (out.size() >= kOutputFlush) {
        OMEN_RETURN_IF_ERROR(sink(out));
        out.clear();
      }
    }
    return Status::OK();
  };
  OMEN_ASSIGN_OR_RETURN(uint64_t n, execution::Execute(*copy.query_plan, ctx, on_chunk));
  if (!out.empty()) OMEN_RETURN_IF_ERROR(sink(out));
  return n;
}

Status FileError(const std::string& name, const char* mode, int err, bool from) {
  SqlState code = err == ENOENT ? SqlState("58P01") : err == EACCES ? SqlState("42501")
                                                                    : sqlstate::kIoError;
  Status s(code, "could not open file \"" + name + "\" for " + mode + ": " + std::strerror(err));
  return s.WithHint(from ? "COPY FROM instructs the PostgreSQL server process to read a file. You "
                           "may want a client-side facility such as psql's \\copy."
                         : "COPY TO instructs the PostgreSQL server process to write a file. You "
                           "may want a client-side facility such as psql's \\copy.");
}

struct FileCloser {
  void operator()(FILE* f) const { std::fclose(f); }
};

}  // namespace

Result<uint64_t> RunCopy(const CopyInfo& copy, execution::ExecutionContext& ctx,
                         const CopyIo& io) {
  if (copy.is_from && (!copy.table || !copy.insert_plan)) {
    return Status(sqlstate::kInternalError, "COPY FROM without a target table");
  }
  if (copy.filename.empty()) {
    if (copy.is_from) {
      if (io.source == nullptr) {
        return Status(sqlstate::kFeatureNotSupported,
                      "COPY FROM STDIN needs Connection::CopyFrom in the embedded API");
      }
      return CopyFromRunner(copy, ctx).Run(*io.source);
    }
    if (io.sink == nullptr) {
      return Status(sqlstate::kFeatureNotSupported,
                    "COPY TO STDOUT needs Connection::CopyTo in the embedded API");
    }
    return RunCopyTo(copy, ctx, *io.sink);
  }
  std::unique_ptr<FILE, FileCloser> file(
      std::fopen(copy.filename.c_str(), copy.is_from ? "rb" : "wb"));
  if (!file) return FileError(copy.filename, copy.is_from ? "reading" : "writing", errno, copy.is_from);
  if (copy.is_from) {
    CopySource source = [&file](std::string* chunk) -> Result<bool> {
      chunk->resize(64 * 1024);
      size_t n = std::fread(chunk->data(), 1, chunk->size(), file.get());
      chunk->resize(n);
      if (n == 0 && std::ferror(file.get())) {
        return Status(sqlstate::kIoError, "could not read from COPY file");
      }
      return n > 0;
    };
    return CopyFromRunner(copy, ctx).Run(source);
  }
  CopySink sink = [&file](std::string_view data) -> Status {
    if (std::fwrite(data.data(), 1, data.size(), file.get()) != data.size()) {
      return Status(sqlstate::kIoError, "could not write to COPY file");
    }
    return Status::OK();
  };
  OMEN_ASSIGN_OR_RETURN(uint64_t n, RunCopyTo(copy, ctx, sink));
  if (std::fflush(file.get()) != 0) return Status(sqlstate::kIoError, "could not write to COPY file");
  return n;
}

}  // namespace omen
