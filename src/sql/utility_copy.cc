// COPY: options checked as PostgreSQL's ProcessCopyOptions does; COPY FROM
// binds an INSERT of the data columns (so defaults and CHECKs are bound as
// INSERT binds them); COPY TO binds the query (or SELECT of the columns).

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

#include <string>

#include "sql/parser.h"
#include "sql/utility_internal.h"

namespace omen::sql::utility {

namespace {

std::string QuoteIdent(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

Status Conflicting(int location) {
  return Status(sqlstate::kSyntaxError, "conflicting or redundant options").WithPosition(location + 1);
}

// A DefElem's argument as text ("" when absent).
std::string ArgText(const PgQuery__Node* arg) {
  if (arg == nullptr) return "";
  switch (arg->node_case) {
    case PG_QUERY__NODE__NODE_STRING: return Str(arg->string->sval);
    case PG_QUERY__NODE__NODE_INTEGER: return std::to_string(arg->integer->ival);
    case PG_QUERY__NODE__NODE_BOOLEAN: return arg->boolean->boolval ? "true" : "false";
    default: return "";
  }
}

// defGetBoolean: absent, true/false/on/off/1/0.
Result<bool> ArgBool(const PgQuery__DefElem* d) {
  if (d->arg == nullptr) return true;
  std::string v = ArgText(d->arg);
  for (char& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (v == "true" || v == "on" || v == "1") return true;
  if (v == "false" || v == "off" || v == "0") return false;
  return Status(sqlstate::kSyntaxError, std::string(d->defname) + " requires a Boolean value");
}

// A column-name list option (FORCE_QUOTE etc.): marks `flags`; `*` marks all.
Status ColumnFlags(const PgQuery__DefElem* d, const CopyInfo& copy, std::vector<bool>* flags) {
  flags->assign(copy.column_names.size(), false);
  if (d->arg != nullptr && d->arg->node_case == PG_QUERY__NODE__NODE_A_STAR) {
    flags->assign(copy.column_names.size(), true);
    return Status::OK();
  }
  if (d->arg == nullptr || d->arg->node_case != PG_QUERY__NODE__NODE_LIST) {
    return Status(sqlstate::kSyntaxError,
                  std::string("argument to option \"") + d->defname + "\" must be a list of column names");
  }
  for (size_t i = 0; i < d->arg->list->n_items; ++i) {
    std::string name = NodeString(d->arg->list->items[i]);
    bool found = false;
    for (size_t k = 0; k < copy.column_names.size(); ++k) {
      if (copy.column_names[k] == name) (*flags)[k] = found = true;
    }
    if (!found) {
      return Status(sqlstate::kUndefinedColumn, "column \"" + name + "\" does not exist");
    }
  }
  return Status::OK();
}

struct RawOptions {
  std::string format;
  const PgQuery__DefElem* delimiter = nullptr;
  const PgQuery__DefElem* null_string = nullptr;
  const PgQuery__DefElem* header = nullptr;
  const PgQuery__DefElem* quote = nullptr;
  const PgQuery__DefElem* escape = nullptr;
  const PgQuery__DefElem* force_quote = nullptr;
  const PgQuery__DefElem* force_not_null = nullptr;
  const PgQuery__DefElem* force_null = nullptr;
  const PgQuery__DefElem* freeze = nullptr;
  const PgQuery__DefElem* encoding = nullptr;
};

Status CollectOptions(const PgQuery__CopyStmt* stmt, RawOptions* raw) {
  bool format_seen = false;
  for (size_t i = 0; i < stmt->n_options; ++i) {
    const PgQuery__DefElem* d = stmt->options[i]->def_elem;
    std::string name = Str(d->defname);
    const PgQuery__DefElem** slot = nullptr;
    if (name == "format") {
      if (format_seen) return Conflicting(d->location);
      format_seen = true;
      raw->format = ArgText(d->arg);
      if (raw->format != "text" && raw->format != "csv" && raw->format != "binary") {
        return Status(sqlstate::kInvalidParameterValue,
                      "COPY format \"" + raw->format + "\" not recognized")
            .WithPosition(d->location + 1);
      }
      continue;
    }
    if (name == "delimiter") slot = &raw->delimiter;
    else if (name == "null") slot = &raw->null_string;
    else if (name == "header") slot = &raw->header;
    else if (name == "quote") slot = &raw->quote;
    else if (name == "escape") slot = &raw->escape;
    else if (name == "force_quote") slot = &raw->force_quote;
    else if (name == "force_not_null") slot = &raw->force_not_null;
    else if (name == "force_null") slot = &raw->force_null;
    else if (name == "freeze") slot = &raw->freeze;
    else if (name == "encoding") slot = &raw->encoding;
    if (slot == nullptr) {
      return Status(sqlstate::kSyntaxError, "option \"" + name + "\" not recognized")
          .WithPosition(d->location + 1);
    }
    if (*slot != nullptr) return Conflicting(d->location);
    *slot = d;
  }
  return Status::OK();
}

Status OneByte(const PgQuery__DefElem* d, const char* what, char* out) {
  if (d == nullptr) return Status::OK();
  std::string v = ArgText(d->arg);
  if (v.size() != 1) {
    return Status(sqlstate::kFeatureNotSupported,
                  std::string("COPY ") + what + " must be a single one-byte character");
  }
  *out = v[0];
  return Status::OK();
}

Status ApplyOptions(const RawOptions& raw, CopyInfo* copy) {
  bool csv = copy->format == CopyInfo::Format::kCsv;
  if (csv) {
    copy->delimiter = ',';
    copy->null_string = "";
  }
  OMEN_RETURN_IF_ERROR(OneByte(raw.delimiter, "delimiter", &copy->delimiter));
  if (raw.null_string != nullptr) copy->null_string = ArgText(raw.null_string->arg);
  if (raw.header != nullptr) {
    std::string v = ArgText(raw.header->arg);
    for (char& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (v == "match") {
      if (!copy->is_from) {
        return Status(sqlstate::kFeatureNotSupported,
                      "cannot use \"match\" with HEADER in COPY TO");
      }
      copy->header = copy->header_match = true;
    } else {
      OMEN_ASSIGN_OR_RETURN(copy->header, ArgBool(raw.header));
    }
  }
  if (raw.freeze != nullptr) {
    OMEN_ASSIGN_OR_RETURN(copy->freeze, ArgBool(raw.freeze));
  }
  if (raw.encoding != nullptr) {
    std::string v = ArgText(raw.encoding->arg);
    for (char& c : v) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (v != "UTF8" && v != "UTF-8" && v != "SQL_ASCII") {
      return Status(sqlstate::kFeatureNotSupported,
                    "COPY encoding \"" + ArgText(raw.encoding->arg) + "\" is not supported");
    }
  }
  if (copy->delimiter == '\n' || copy->delimiter == '\r') {
    return Status(sqlstate::kInvalidParameterValue,
                  "COPY delimiter cannot be newline or carriage return");
  }
  if (copy->null_string.find_first_of("\r\n") != std::string::npos) {
    return Status(sqlstate::kInvalidParameterValue,
                  "COPY null representation cannot use newline or carriage return");
  }
  if (!csv && std::string_view("\\.abcdefghijklmnopqrstuvwxyz0123456789").find(copy->delimiter) !=
                  std::string_view::npos) {
    return Status(sqlstate::kInvalidParameterValue,
                  std::string("COPY delimiter cannot be \"") + copy->delimiter + "\"");
  }
  if (!csv && raw.quote != nullptr) {
    return Status(sqlstate::kFeatureNotSupported, "COPY quote available only in CSV mode");
  }
  if (!csv && raw.escape != nullptr) {
    return Status(sqlstate::kFeatureNotSupported, "COPY escape available only in CSV mode");
  }
  OMEN_RETURN_IF_ERROR(OneByte(raw.quote, "quote", &copy->quote));
  copy->escape = copy->quote;
  OMEN_RETURN_IF_ERROR(OneByte(raw.escape, "escape", &copy->escape));
  if (csv && copy->delimiter == copy->quote) {
    return Status(sqlstate::kInvalidParameterValue, "COPY delimiter and quote must be different");
  }
  if (csv && copy->null_string.find(copy->delimiter) != std::string::npos) {
    return Status(sqlstate::kInvalidParameterValue,
                  "COPY delimiter must not appear in the NULL specification");
  }
  struct ForceOpt {
    const PgQuery__DefElem* d;
    const char* what;
    bool for_from;
    std::vector<bool>* flags;
  };
  for (const ForceOpt& f : {ForceOpt{raw.force_quote, "force quote", false, &copy->force_quote},
                            ForceOpt{raw.force_not_null, "force not null", true,
                                     &copy->force_not_null},
                            ForceOpt{raw.force_null, "force null", true, &copy->force_null}}) {
    f.flags->assign(copy->column_names.size(), false);
    if (f.d == nullptr) continue;
    if (!csv) {
      return Status(sqlstate::kFeatureNotSupported,
                    std::string("COPY ") + f.what + " available only in CSV mode");
    }
    if (copy->is_from != f.for_from) {
      return Status(sqlstate::kFeatureNotSupported,
                    std::string("COPY ") + f.what + " only available using COPY " +
                        (f.for_from ? "FROM" : "TO"));
    }
    OMEN_RETURN_IF_ERROR(ColumnFlags(f.d, *copy, f.flags));
  }
  return Status::OK();
}

// Binds `sql` (generated text) as one statement.
Result<BoundStatement> BindText(const std::string& sql, const BindContext& ctx) {
  OMEN_ASSIGN_OR_RETURN(ParsedScript p, Parse(sql));
  if (p.size() != 1) return Status(sqlstate::kInternalError, "bad generated COPY statement");
  return Bind(p.statement(0), ctx);
}

Status BindCopyFrom(const catalog::TableDef& def, const BindContext& ctx, CopyInfo* copy) {
  std::string sql = "INSERT INTO " + QuoteIdent(def.schema) + "." + QuoteIdent(def.name) + " (";
  std::string values;
  BindContext inner = ctx;
  inner.parameter_types.clear();
  for (size_t i = 0; i < copy->columns.size(); ++i) {
    if (i > 0) {
      sql += ", ";
      values += ", ";
    }
    sql += QuoteIdent(copy->column_names[i]);
    values += "$" + std::to_string(i + 1);
    inner.parameter_types.push_back(def.columns[copy->columns[i]].type);
  }
  sql += copy->columns.empty() ? "" : ")";
  if (copy->columns.empty()) sql.resize(sql.size() - 2);
  sql += copy->columns.empty() ? " DEFAULT VALUES" : " VALUES (" + values + ")";
  OMEN_ASSIGN_OR_RETURN(BoundStatement insert, BindText(sql, inner));
  LogicalOperatorPtr plan = insert.plan;
  if (!plan || plan->kind != LogicalOpKind::kInsert || plan->children.size() != 1 ||
      plan->children[0]->kind != LogicalOpKind::kValues ||
      plan->children[0]->values.size() != 1 ||
      plan->children[0]->values[0].size() != def.columns.size()) {
    return Status(sqlstate::kInternalError, "unexpected plan for COPY FROM");
  }
  std::vector<bool> copied(def.columns.size(), false);
  for (int c : copy->columns) copied[c] = true;
  copy->defaults.assign(def.columns.size(), nullptr);
  std::vector<BoundExprPtr>& row = plan->children[0]->values[0];
  for (size_t c = 0; c < row.size(); ++c) {
    if (!copied[c]) copy->defaults[c] = std::shared_ptr<const BoundExpr>(std::move(row[c]));
  }
  plan->children.clear();
  copy->insert_plan = plan;
  return Status::OK();
}

// Table and column list of COPY table ...
Status BindCopyTable(const PgQuery__CopyStmt* stmt, const BindContext& ctx, CopyInfo* copy) {
  OMEN_ASSIGN_OR_RETURN(copy->table, ResolveRelation(stmt->relation, ctx));
  const catalog::TableDef& def = *copy->table;
  if (def.is_view) {
    return Status(sqlstate::kWrongObjectType, std::string("cannot copy ") +
                                                  (copy->is_from ? "to" : "from") + " view \"" +
                                                  def.name + "\"")
        .WithHint(copy->is_from ? "To enable copying to a view, provide an INSTEAD OF INSERT trigger."
                                : "Try the COPY (SELECT ...) TO variant.");
  }
  if (stmt->n_attlist == 0) {
    for (size_t c = 0; c < def.columns.size(); ++c) {
      if (def.columns[c].dropped) continue;
      copy->columns.push_back(static_cast<int>(c));
      copy->column_names.push_back(def.columns[c].name);
    }
    return Status::OK();
  }
  for (size_t i = 0; i < stmt->n_attlist; ++i) {
    std::string name = NodeString(stmt->attlist[i]);
    int col = def.FindColumn(name);
    if (col < 0) {
      return Status(sqlstate::kUndefinedColumn,
                    "column \"" + name + "\" of relation \"" + def.name + "\" does not exist");
    }
    for (int o : copy->columns) {
      if (o == col) {
        return Status(sqlstate::kDuplicateColumn, "column \"" + name + "\" specified more than once");
      }
    }
    copy->columns.push_back(col);
    copy->column_names.push_back(def.columns[col].name);
  }
  return Status::OK();
}

}  // namespace

Result<BoundStatement> BindCopy(const PgQuery__CopyStmt* stmt, const BindContext& ctx) {
  BoundStatement out;
  out.kind = StatementKind::kCopy;
  CopyInfo& copy = out.copy;
  copy.is_from = stmt->is_from;
  copy.filename = Str(stmt->filename);
  if (stmt->is_program) {
    return Status(sqlstate::kFeatureNotSupported, "COPY ... PROGRAM is not supported");
  }
  if (stmt->where_clause != nullptr) {
    return Status(sqlstate::kFeatureNotSupported, "COPY FROM ... WHERE is not supported");
  }
  RawOptions raw;
  OMEN_RETURN_IF_ERROR(CollectOptions(stmt, &raw));
  if (raw.format == "binary") {
    return Status(sqlstate::kFeatureNotSupported, "COPY format \"binary\" is not supported");
  }
  if (raw.format == "csv") copy.format = CopyInfo::Format::kCsv;
  if (!copy.filename.empty() && !copy.is_from && copy.filename[0] != '/') {
    return Status(SqlState("42602"), "relative path not allowed for COPY to file");
  }
  if (stmt->query != nullptr) {
    OMEN_ASSIGN_OR_RETURN(BoundStatement q, Bind(stmt->query, ctx));
    if (q.kind != StatementKind::kSelect) {
      return Status(sqlstate::kFeatureNotSupported,
                    "COPY (INSERT/UPDATE/DELETE ...) TO is not supported");
    }
    copy.query_plan = q.plan;
    copy.column_names = q.names;
  } else {
    OMEN_RETURN_IF_ERROR(BindCopyTable(stmt, ctx, &copy));
  }
  OMEN_RETURN_IF_ERROR(ApplyOptions(raw, &copy));
  if (copy.is_from) {
    OMEN_RETURN_IF_ERROR(BindCopyFrom(*copy.table, ctx, &copy));
  } else if (stmt->query == nullptr) {
    std::string sql = "SELECT ";
    for (size_t i = 0; i < copy.column_names.size(); ++i) {
      sql += (i > 0 ? ", " : "") + QuoteIdent(copy.column_names[i]);
    }
    sql += " FROM " + QuoteIdent(copy.table->schema) + "." + QuoteIdent(copy.table->name);
    OMEN_ASSIGN_OR_RETURN(BoundStatement q, BindText(sql, ctx));
    copy.query_plan = q.plan;
  }
  return out;
}

}  // namespace omen::sql::utility
