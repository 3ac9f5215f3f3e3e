// Session: the extended query protocol (Parse, Bind, Describe, Execute, Close).

#include "common/type_io.h"
#include "server/pg_binary.h"
#include "server/row_writer.h"
#include "server/session.h"

namespace omen::server {

namespace {

inline constexpr SqlState kDuplicatePreparedStatement{"42P05"};
inline constexpr SqlState kDuplicateCursor{"42P03"};

// True when `sql` holds no statement: only blanks, semicolons and comments.
bool IsBlankQuery(std::string_view sql) {
  size_t i = 0;
  while (i < sql.size()) {
    char c = sql[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == ';') {
      ++i;
    } else if (sql.substr(i, 2) == "--") {
      while (i < sql.size() && sql[i] != '\n') ++i;
    } else if (sql.substr(i, 2) == "/*") {
      size_t end = sql.find("*/", i + 2);
      if (end == std::string_view::npos) return false;  // let the parser report it
      i = end + 2;
    } else {
      return false;
    }
  }
  return true;
}

Status ResultTypeChanged() {
  return Status(sqlstate::kFeatureNotSupported, "cached plan must not change result type");
}

void WriteEmpty(MessageWriter* w, char type) {
  w->Begin(type);
  w->End();
}

}  // namespace

Status Session::Parse(const Message& m) {
  BodyReader r(m.body);
  std::string name(r.CString());
  std::string sql(r.CString());
  int16_t nparams = r.Int16();
  std::vector<Type> types;
  for (int i = 0; i < nparams && r.status(false).ok(); ++i) {
    uint32_t oid = static_cast<uint32_t>(r.Int32());
    Type t(TypeId::kNull);
    if (oid != 0 && !TypeFromOid(oid, &t)) {
      return Status(sqlstate::kUndefinedObject,
                    "type with OID " + std::to_string(oid) + " does not exist");
    }
    types.push_back(t);
  }
  OMEN_RETURN_IF_ERROR(r.status());
  if (nparams < 0) return Status(sqlstate::kProtocolViolation, "invalid message format");
  if (!name.empty() && statements_.count(name) > 0) {
    return Status(kDuplicatePreparedStatement,
                  "prepared statement \"" + name + "\" already exists");
  }
  auto st = std::make_shared<Statement>();
  st->sql = sql;
  if (ParseDeallocate(sql, &st->deallocate_name)) {
    st->deallocate = true;
  } else if (!IsBlankQuery(sql)) {
    OMEN_ASSIGN_OR_RETURN(st->stmt, conn_->Prepare(sql, types));
    st->column_names = st->stmt->column_names();
    st->column_types = st->stmt->column_types();
  }
  statements_[name] = std::move(st);
  WriteEmpty(&writer_, '1');
  return Status::OK();
}

Status Session::DecodeParameters(BodyReader* r, const Statement& st, const std::string& name,
                                 std::vector<Value>* out) {
  int16_t nformats = r->Int16();
  std::vector<int16_t> formats;
  for (int i = 0; i < nformats && r->status(false).ok(); ++i) formats.push_back(r->Int16());
  int16_t nparams = r->Int16();
  OMEN_RETURN_IF_ERROR(r->status(false));
  size_t expected = st.stmt ? st.stmt->parameter_types().size() : 0;
  if (nparams < 0 || static_cast<size_t>(nparams) != expected) {
    return Status(sqlstate::kProtocolViolation, "bind message supplies " + std::to_string(nparams) +
                                                    " parameters, but prepared statement \"" +
                                                    name + "\" requires " +
                                                    std::to_string(expected));
  }
  if (nformats > 1 && nformats != nparams) {
    return Status(sqlstate::kProtocolViolation, "bind message has " + std::to_string(nformats) +
                                                    " parameter formats but " +
                                                    std::to_string(nparams) + " parameters");
  }
  for (int i = 0; i < nparams; ++i) {
    int32_t len = r->Int32();
    OMEN_RETURN_IF_ERROR(r->status(false));
    Type type = st.stmt->parameter_types()[i];
    if (len == -1) {
      out->push_back(Value::Null(type));
      continue;
    }
    if (len < 0) return Status(sqlstate::kProtocolViolation, "invalid message format");
    std::string_view bytes = r->Bytes(static_cast<size_t>(len));
    OMEN_RETURN_IF_ERROR(r->status(false));
    int16_t format = formats.empty() ? 0 : formats[nformats == 1 ? 0 : i];
    if (format != 0 && format != 1) {
      return Status(sqlstate::kInvalidParameterValue,
                    "unsupported format code: " + std::to_string(format));
    }
    if (type.id == TypeId::kNull || type.id == TypeId::kUnknown) {
      // A parameter whose type nothing decided: its text is an untyped literal.
      out->push_back(Value::Unknown(std::string(bytes)));
      continue;
    }
    Result<Value> v = format == 1 ? DecodeBinary(bytes, type) : ParseValue(bytes, type);
    if (!v.ok()) {
      Status s = v.status();
      if (format == 1 && s.code() == kInvalidBinaryRepresentation) {
        s = Status(kInvalidBinaryRepresentation,
                   "incorrect binary data format in bind parameter " + std::to_string(i + 1));
      }
      return s;
    }
    out->push_back(std::move(*v));
  }
  return Status::OK();
}

Status Session::CheckResultUnchanged(const Statement& st) {
  if (st.stmt == nullptr) return Status::OK();
  OMEN_RETURN_IF_ERROR(st.stmt->Revalidate());
  if (st.stmt->column_names() != st.column_names || st.stmt->column_types() != st.column_types) {
    return ResultTypeChanged();
  }
  return Status::OK();
}

Status Session::Bind(const Message& m) {
  BodyReader r(m.body);
  std::string portal_name(r.CString());
  std::string stmt_name(r.CString());
  OMEN_RETURN_IF_ERROR(r.status(false));
  auto it = statements_.find(stmt_name);
  if (it == statements_.end()) {
    return Status(sqlstate::kInvalidSqlStatementName,
                  "prepared statement \"" + stmt_name + "\" does not exist");
  }
  Portal portal;
  portal.statement = it->second;
  OMEN_RETURN_IF_ERROR(CheckResultUnchanged(*portal.statement));
  OMEN_RETURN_IF_ERROR(DecodeParameters(&r, *portal.statement, stmt_name, &portal.params));
  int16_t nresult = r.Int16();
  std::vector<int16_t> codes;
  for (int i = 0; i < nresult && r.status(false).ok(); ++i) codes.push_back(r.Int16());
  OMEN_RETURN_IF_ERROR(r.status());
  OMEN_ASSIGN_OR_RETURN(portal.formats,
                        ResultFormats(codes, portal.statement->column_types.size()));
  if (!portal_name.empty() && portals_.count(portal_name) > 0) {
    return Status(kDuplicateCursor, "cursor \"" + portal_name + "\" already exists");
  }
  portals_[portal_name] = std::move(portal);
  WriteEmpty(&writer_, '2');
  return Status::OK();
}

Status Session::Describe(const Message& m) {
  BodyReader r(m.body);
  uint8_t kind = r.Byte();
  std::string name(r.CString());
  OMEN_RETURN_IF_ERROR(r.status());
  const Statement* st = nullptr;
  std::vector<int16_t> formats;
  if (kind == 'S') {
    auto it = statements_.find(name);
    if (it == statements_.end()) {
      return Status(sqlstate::kInvalidSqlStatementName,
                    "prepared statement \"" + name + "\" does not exist");
    }
    st = it->second.get();
    writer_.Begin('t');
    const std::vector<Type> none;
    const std::vector<Type>& params = st->stmt ? st->stmt->parameter_types() : none;
    writer_.Int16(static_cast<int16_t>(params.size()));
    for (const Type& t : params) writer_.Int32(static_cast<int32_t>(t.Oid()));
    writer_.End();
    formats.assign(st->column_types.size(), 0);
  } else if (kind == 'P') {
    auto it = portals_.find(name);
    if (it == portals_.end()) {
      return Status(sqlstate::kInvalidCursorName, "portal \"" + name + "\" does not exist");
    }
    st = it->second.statement.get();
    formats = it->second.formats;
  } else {
    return Status(sqlstate::kProtocolViolation,
                  "invalid DESCRIBE message subtype " + std::to_string(kind));
  }
  if (st->column_types.empty()) {
    WriteEmpty(&writer_, 'n');
  } else {
    WriteRowDescription(&writer_, st->column_names, st->column_types, formats);
  }
  return Status::OK();
}

Status Session::Execute(const Message& m) {
  BodyReader r(m.body);
  std::string name(r.CString());
  int32_t max_rows = r.Int32();
  OMEN_RETURN_IF_ERROR(r.status());
  auto it = portals_.find(name);
  if (it == portals_.end()) {
    return Status(sqlstate::kInvalidCursorName, "portal \"" + name + "\" does not exist");
  }
  Portal& p = it->second;
  if (p.statement->stmt == nullptr) {
    if (p.statement->deallocate) {
      if (p.executed) {  // a finished portal completes again with no effect
        WriteCommandComplete(&writer_,
                             p.statement->deallocate_name.empty() ? "DEALLOCATE ALL" : "DEALLOCATE");
        return Status::OK();
      }
      p.executed = true;
      return RunDeallocate(p.statement->deallocate_name);
    }
    WriteEmpty(&writer_, 'I');
    return Status::OK();
  }
  if (!p.executed) {
    OMEN_ASSIGN_OR_RETURN(p.result, p.statement->stmt->Execute(p.params));
    p.executed = true;
    // DDL committed between Bind and Execute: never send rows the client's
    // RowDescription does not describe.
    if (p.result.ColumnCount() != p.formats.size()) return ResultTypeChanged();
    SendNotices(p.result);
  }
  size_t limit = max_rows <= 0 ? SIZE_MAX : static_cast<size_t>(max_rows);
  size_t sent = 0;
  if (p.result.ColumnCount() > 0) {
    OMEN_ASSIGN_OR_RETURN(sent, WriteDataRows(&writer_, p.result, p.next_row, limit, p.formats));
    p.next_row += sent;
  }
  // PostgreSQL suspends whenever the row limit was reached, even by the last
  // row: the next Execute then completes with no rows.
  if (max_rows > 0 && sent == limit) {
    WriteEmpty(&writer_, 's');  // PortalSuspended
    return writer_.FlushIfLarge();
  }
  // A row-returning statement's tag counts the rows this Execute returned, as
  // PostgreSQL's does ("SELECT 0", even "INSERT 0 0", after a suspension).
  std::string tag = p.result.tag();
  if (p.result.ColumnCount() > 0) {
    size_t space = tag.rfind(' ');
    if (space != std::string::npos) tag = tag.substr(0, space + 1) + std::to_string(sent);
  }
  WriteCommandComplete(&writer_, tag);
  return writer_.FlushIfLarge();
}

Status Session::Close(const Message& m) {
  BodyReader r(m.body);
  uint8_t kind = r.Byte();
  std::string name(r.CString());
  OMEN_RETURN_IF_ERROR(r.status());
  if (kind == 'S') {
    statements_.erase(name);
  } else if (kind == 'P') {
    portals_.erase(name);
  } else {
    return Status(sqlstate::kProtocolViolation,
                  "invalid CLOSE message subtype " + std::to_string(kind));
  }
  WriteEmpty(&writer_, '3');
  return Status::OK();
}

}  // namespace omen::server
