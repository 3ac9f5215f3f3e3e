#include "execution/function_catalog.h"

#include "catalog/functions.h"
#include "catalog/reg_name_resolver.h"
#include "catalog/system_tables.h"
#include "sql/catalog_expr_text.h"

namespace omen::execution {

namespace {

enum Oid : uint32_t {
  kFormatType = 1081,
  kPgGetExpr = 1716,
  kPgGetExprPretty = 2509,
  kPgGetIndexdef = 1643,
  kPgGetIndexdefColumn = 2507,
  kPgGetConstraintdef = 1387,
  kPgGetConstraintdefPretty = 2508,
  kPgGetViewdef = 1641,
  kPgGetViewdefPretty = 2506,
  kTableIsVisible = 2079,
  kTypeIsVisible = 2080,
  kFunctionIsVisible = 2081,
  kGetUserById = 1642,
  kEncodingToChar = 1597,
  kRelationIsPublishable = 6121,
  kFunctionArguments = 2162,
  kFunctionResult = 2165,
  kStatisticsObjColumns = 6174,
  kObjDescription2 = 1215,
  kObjDescription1 = 1348,
  kColDescription = 1216,
  kShobjDescription = 1993,
};

bool IsPrivilegeCheck(uint32_t oid) {
  return (oid >= 1922 && oid <= 1927) || (oid >= 2268 && oid <= 2273) ||
         (oid >= 2250 && oid <= 2255);
}

// Quotes an identifier when PostgreSQL's quote_identifier would.
std::string QuoteIdent(const std::string& s) {
  bool plain = !s.empty() && (std::islower(static_cast<unsigned char>(s[0])) || s[0] == '_');
  for (char c : s) {
    plain = plain && (std::islower(static_cast<unsigned char>(c)) ||
                      std::isdigit(static_cast<unsigned char>(c)) || c == '_');
  }
  if (plain) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string ColumnList(const catalog::TableDef& t, const std::vector<int>& cols) {
  std::string s;
  for (size_t i = 0; i < cols.size(); ++i)
    s += (i ? ", " : "") + QuoteIdent(t.columns[cols[i]].name);
  return s;
}

// ruleutils' pretty mode (PRETTYFLAG_PAREN) for the shapes OmenDB stores:
// no parentheses around the whole expression, none around a non-negative
// numeric constant before a cast ("(0)::numeric" -> "0::numeric").
std::string Prettify(std::string s) {
  if (s.size() >= 2 && s.front() == '(' && s.back() == ')') {
    int depth = 0;
    bool quoted = false;
    size_t close = 0;
    for (size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '\'') quoted = !quoted;
      if (quoted) continue;
      depth += s[i] == '(' ? 1 : s[i] == ')' ? -1 : 0;
      if (depth == 0) {
        close = i;
        break;
      }
    }
    if (close == s.size() - 1) s = s.substr(1, s.size() - 2);
  }
  std::string out;
  bool quoted = false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\'') quoted = !quoted;
    if (!quoted && s[i] == '(') {
      size_t j = i + 1;
      while (j < s.size() && (std::isdigit(static_cast<unsigned char>(s[j])) || s[j] == '.')) ++j;
      if (j > i + 1 && j + 2 < s.size() && s[j] == ')' && s[j + 1] == ':' && s[j + 2] == ':') {
        out.append(s, i + 1, j - i - 1);
        i = j;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

struct Ctx {
  const catalog::Catalog& catalog;
  sql::BindContext bind;
  catalog::CatalogRegNameResolver names;
};

Result<std::optional<std::string>> FormatType(const std::vector<Value>& a) {
  if (a[0].is_null) return std::optional<std::string>();
  int32_t typmod = a.size() > 1 && !a[1].is_null ? static_cast<int32_t>(a[1].i) : -1;
  uint32_t oid = static_cast<uint32_t>(a[0].i);
  Type t;
  if (TypeFromOid(oid, &t)) {
    // PostgreSQL's varchar(n)/char(n) typmod counts the 4-byte header.
    if (t.id == TypeId::kVarchar || t.id == TypeId::kChar) typmod = typmod >= 4 ? typmod - 4 : -1;
    return std::optional<std::string>(Type(t.id, typmod).ToString());
  }
  return std::optional<std::string>("???");
}

Result<std::optional<std::string>> GetExpr(const Ctx& c, const std::vector<Value>& a) {
  uint32_t rel = static_cast<uint32_t>(a[1].i);
  for (const auto& [key, t] : c.catalog.tables()) {
    if (t->oid != rel) continue;
    std::optional<Type> target;
    for (const catalog::ColumnDef& col : t->columns) {
      if (!col.dropped && col.default_sql == a[0].s) target = col.type;
    }
    OMEN_ASSIGN_OR_RETURN(std::string text, sql::StoredExpressionText(c.bind, *t, a[0].s, target));
    return std::optional<std::string>(a.size() > 2 && a[2].i != 0 ? Prettify(text) : text);
  }
  return std::optional<std::string>();
}

// pretty: the table unqualified when the search path finds it (ruleutils'
// generate_relation_name); otherwise always schema-qualified.
Result<std::optional<std::string>> IndexDef(const Ctx& c, uint32_t oid, bool pretty) {
  for (const auto& [key, t] : c.catalog.tables()) {
    for (const catalog::IndexDef& index : t->indexes) {
      if (index.oid != oid) continue;
      std::string table = pretty && c.names.RelationIsVisible(t->oid)
                              ? QuoteIdent(t->name)
                              : QuoteIdent(t->schema) + "." + QuoteIdent(t->name);
      return std::optional<std::string>(std::string("CREATE ") + (index.unique ? "UNIQUE " : "") +
                                        "INDEX " + QuoteIdent(index.name) + " ON " + table +
                                        " USING btree (" + ColumnList(*t, index.columns) + ")");
    }
  }
  return std::optional<std::string>();
}

Result<std::optional<std::string>> ConstraintDef(const Ctx& c, uint32_t oid, bool pretty) {
  for (const auto& [key, t] : c.catalog.tables()) {
    for (const catalog::ConstraintDef& k : t->constraints) {
      if (k.oid != oid) continue;
      switch (k.kind) {
        case catalog::ConstraintKind::kPrimaryKey:
          return std::optional<std::string>("PRIMARY KEY (" + ColumnList(*t, k.columns) + ")");
        case catalog::ConstraintKind::kUnique:
          return std::optional<std::string>("UNIQUE (" + ColumnList(*t, k.columns) + ")");
        case catalog::ConstraintKind::kCheck: {
          OMEN_ASSIGN_OR_RETURN(std::string e,
                                sql::StoredExpressionText(c.bind, *t, k.check_sql, std::nullopt));
          return std::optional<std::string>("CHECK (" + (pretty ? Prettify(e) : e) + ")");
        }
      }
    }
  }
  return std::optional<std::string>();
}

Result<std::optional<std::string>> ViewDef(const Ctx& c, uint32_t oid) {
  for (const auto& [key, t] : c.catalog.tables()) {
    if (t->oid == oid && t->is_view) return std::optional<std::string>(" " + t->view_sql + ";");
  }
  return std::optional<std::string>();
}

std::string FunctionArguments(const catalog::FunctionSignature& f) {
  std::string s;
  for (size_t i = 0; i < f.args.size(); ++i) {
    s += (i ? ", " : "") +
         (f.args[i] == TypeId::kNull ? std::string("\"any\"") : Type(f.args[i]).ToString());
  }
  if (f.variadic != TypeId::kNull) {
    s += std::string(f.args.empty() ? "" : ", ") + "VARIADIC " +
         (f.variadic == TypeId::kUnknown ? "\"any\"" : Type(f.variadic).ToString() + "[]");
  }
  return s;
}

// One row: the function's value, or NULL (nullopt for text results; bools in *b).
Status EvalRow(const Ctx& c, uint32_t fn, const std::vector<Value>& a, Value* out) {
  auto text = [&](Result<std::optional<std::string>> r) -> Status {
    OMEN_RETURN_IF_ERROR(r.status());
    if (!r->has_value()) return Status::OK();
    out->is_null = false;
    out->s = **r;
    return Status::OK();
  };
  auto boolean = [&](bool b) {
    out->is_null = false;
    out->i = b ? 1 : 0;
    return Status::OK();
  };
  uint32_t oid = a.empty() || a[0].is_null ? 0 : static_cast<uint32_t>(a[0].i);
  switch (fn) {
    case kFormatType:
      return text(FormatType(a));
    case kPgGetExpr:
    case kPgGetExprPretty:
      return text(GetExpr(c, a));
    case kPgGetIndexdef:
    case kPgGetIndexdefColumn:
      return text(IndexDef(c, oid, fn == kPgGetIndexdefColumn && a[2].i != 0));
    case kPgGetConstraintdef:
    case kPgGetConstraintdefPretty:
      return text(ConstraintDef(c, oid, fn == kPgGetConstraintdefPretty && a[1].i != 0));
    case kPgGetViewdef:
    case kPgGetViewdefPretty:
      return text(ViewDef(c, oid));
    case kTableIsVisible:
      return boolean(c.names.RelationIsVisible(oid));
    case kTypeIsVisible: {
      Type t;
      return boolean(TypeFromOid(oid, &t));
    }
    case kFunctionIsVisible:
      return boolean(catalog::FindFunctionByOid(oid) != nullptr);
    case kGetUserById:
      return text(std::optional<std::string>(catalog::RoleNameOfOid(c.catalog, oid)));
    case kEncodingToChar:
      return text(std::optional<std::string>(a[0].i == 6   ? "UTF8"
                                             : a[0].i == 0 ? "SQL_ASCII"
                                                           : ""));
    case kRelationIsPublishable: {
      for (const auto& [key, t] : c.catalog.tables()) {
        if (t->oid == oid) return boolean(!t->is_view);
      }
      return boolean(false);
    }
    case kFunctionArguments:
    case kFunctionResult: {
      const catalog::FunctionSignature* f = catalog::FindFunctionByOid(oid);
      if (f == nullptr) return Status::OK();
      return text(std::optional<std::string>(fn == kFunctionResult ? f->ret.ToString()
                                                                   : FunctionArguments(*f)));
    }
    case kStatisticsObjColumns:
    case kObjDescription1:
    case kObjDescription2:
    case kColDescription:
    case kShobjDescription:
      return Status::OK();  // NULL: no statistics objects, no comments
    default:
      if (IsPrivilegeCheck(fn)) return boolean(true);
      return Status(sqlstate::kInternalError, "not a catalog function");
  }
}

}  // namespace

bool IsCatalogFunction(uint32_t oid) {
  switch (oid) {
    case kFormatType:
    case kPgGetExpr:
    case kPgGetExprPretty:
    case kPgGetIndexdef:
    case kPgGetIndexdefColumn:
    case kPgGetConstraintdef:
    case kPgGetConstraintdefPretty:
    case kPgGetViewdef:
    case kPgGetViewdefPretty:
    case kTableIsVisible:
    case kTypeIsVisible:
    case kFunctionIsVisible:
    case kGetUserById:
    case kEncodingToChar:
    case kRelationIsPublishable:
    case kFunctionArguments:
    case kFunctionResult:
    case kStatisticsObjColumns:
    case kObjDescription1:
    case kObjDescription2:
    case kColDescription:
    case kShobjDescription:
      return true;
    default:
      return IsPrivilegeCheck(oid);
  }
}

Status EvaluateCatalogFunction(ExecState& state, const sql::BoundExpr& e,
                               const std::vector<const Vector*>& args, size_t n, Vector* out) {
  const ExecutionContext* ectx = state.ctx;
  if (ectx == nullptr || ectx->catalog == nullptr) {
    return Status(sqlstate::kInternalError, "catalog functions need the statement's catalog");
  }
  sql::BindContext bind;
  bind.catalog = ectx->catalog;
  bind.search_path = ectx->SearchPath();
  Ctx c{*ectx->catalog, bind, catalog::CatalogRegNameResolver(ectx->catalog, ectx->SearchPath())};
  const catalog::FunctionSignature* sig = catalog::FindFunctionByOid(e.function_oid);
  bool strict = sig == nullptr || sig->strict;
  out->Resize(n, true);
  std::vector<Value> vals(args.size());
  for (size_t i = 0; i < n; ++i) {
    bool any_null = false;
    for (size_t k = 0; k < args.size(); ++k) {
      vals[k] = args[k]->GetValue(i);
      any_null = any_null || vals[k].is_null;
    }
    if (strict && any_null) continue;
    Value v = Value::Null(e.type);
    OMEN_RETURN_IF_ERROR(EvalRow(c, e.function_oid, vals, &v));
    v.type = e.type;
    if (!v.is_null) out->SetValue(i, v);
  }
  return Status::OK();
}

}  // namespace omen::execution
