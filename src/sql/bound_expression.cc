#include "sql/bound_expression.h"

#include <cctype>
#include <cstring>

#include "catalog/functions.h"
#include "sql/expression_printer.h"

namespace omen::sql {

std::unique_ptr<BoundExpr> BoundExpr::Copy() const {
  auto out = std::make_unique<BoundExpr>();
  out->kind = kind;
  out->type = type;
  out->children.reserve(children.size());
  for (const auto& c : children) out->children.push_back(c ? c->Copy() : nullptr);
  out->value = value;
  out->index = index;
  out->depth = depth;
  out->function_oid = function_oid;
  out->negated = negated;
  out->has_else = has_else;
  out->cast_context = cast_context;
  out->subquery_kind = subquery_kind;
  out->subquery = subquery;  // plans are shared, never mutated through a copy
  out->correlated = correlated;
  out->alias = alias;
  out->name = name;
  return out;
}

std::string BoundExpr::ToString() const { return ExprToString(*this, nullptr); }

std::string FunctionName(uint32_t oid) {
  const catalog::FunctionSignature* sig = catalog::FindFunctionByOid(oid);
  return sig ? sig->name : std::string();
}

bool IsOperatorName(const std::string& name) {
  if (name.empty()) return false;
  unsigned char c = static_cast<unsigned char>(name[0]);
  return !std::isalnum(c) && c != '_';
}

namespace {

// The type name PostgreSQL's EXPLAIN writes after "::".
std::string TypeLabel(Type t) {
  if (t.id == TypeId::kChar && t.typmod < 0) return "bpchar";
  if (t.id == TypeId::kNull) return "text";
  return t.ToString();
}

std::string QuoteLiteral(const std::string& s) {
  std::string out = "'";
  bool backslash = false;
  for (char c : s) {
    if (c == '\'') out += '\'';
    if (c == '\\') {
      out += '\\';
      backslash = true;
    }
    out += c;
  }
  out += '\'';
  return backslash ? "E" + out : out;
}

bool LooksLikeNumber(const std::string& s) {
  return !s.empty() && std::isdigit(static_cast<unsigned char>(s[0])) &&
         s.find_first_not_of("0123456789+-eE.") == std::string::npos;
}

// PostgreSQL's get_const_expr.
std::string ConstantToString(const Value& v) {
  if (v.is_null) return "NULL::" + TypeLabel(v.type);
  std::string text = v.ToString();
  switch (v.type.id) {
    case TypeId::kInt32:
      if (text[0] != '-') return text;
      break;
    case TypeId::kNumeric:
      if (LooksLikeNumber(text)) {
        bool has_point = text.find_first_of("eE.") != std::string::npos;
        return (has_point && v.type.typmod < 0) ? text : text + "::" + TypeLabel(v.type);
      }
      break;
    case TypeId::kBool:
      return v.AsBool() ? "true" : "false";
    default:
      break;
  }
  return QuoteLiteral(text) + "::" + TypeLabel(v.type);
}

// One array element as array_out writes it.
std::string ArrayElement(const std::string& s) {
  bool quote = s.empty() || s == "NULL" || s == "null";
  for (char c : s) {
    if (c == '"' || c == '\\' || c == '{' || c == '}' || c == ',' ||
        std::isspace(static_cast<unsigned char>(c))) {
      quote = true;
    }
  }
  if (!quote) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

class Printer {
 public:
  explicit Printer(const ExprPrintContext* ctx) : ctx_(ctx) {}

  std::string Print(const BoundExpr& e) const {
    switch (e.kind) {
      case BoundExprKind::kConstant:
        return ConstantToString(e.value);
      case BoundExprKind::kColumnRef:
        return ColumnName(0, e);
      case BoundExprKind::kOuterColumnRef:
        return ColumnName(e.depth, e);
      case BoundExprKind::kParameter:
        return "$" + std::to_string(e.index + 1);
      case BoundExprKind::kFunction:
        return Function(e);
      case BoundExprKind::kCast:
        return "(" + Child(e, 0) + ")::" + TypeLabel(e.type);
      case BoundExprKind::kAnd:
        return Joined(e, " AND ");
      case BoundExprKind::kOr:
        return Joined(e, " OR ");
      case BoundExprKind::kNot:
        return "(NOT " + Child(e, 0) + ")";
      case BoundExprKind::kIsNull:
        return "(" + Child(e, 0) + " IS NULL)";
      case BoundExprKind::kIsNotNull:
        return "(" + Child(e, 0) + " IS NOT NULL)";
      case BoundExprKind::kIsDistinctFrom:
        return std::string(e.negated ? "(NOT (" : "(") + Child(e, 0) + " IS DISTINCT FROM " +
               Child(e, 1) + (e.negated ? "))" : ")");
      case BoundExprKind::kCase:
        return Case(e);
      case BoundExprKind::kCoalesce:
        return Call("COALESCE", e, 0);
      case BoundExprKind::kNullIf:
        return Call("NULLIF", e, 0);
      case BoundExprKind::kGreatest:
        return Call("GREATEST", e, 0);
      case BoundExprKind::kLeast:
        return Call("LEAST", e, 0);
      case BoundExprKind::kWindowRef:
        return "window" + std::to_string(e.index + 1);
      case BoundExprKind::kInList:
        return InList(e);
      case BoundExprKind::kArrayOp:
        return "(" + Child(e, 0) + " " + FunctionName(e.function_oid) + (e.negated ? " ALL (" : " ANY (") +
               Child(e, 1) + "))";
      case BoundExprKind::kSubquery:
        return Subquery(e);
    }
    return "?";
  }

 private:
  std::string Child(const BoundExpr& e, size_t i) const {
    return i < e.children.size() && e.children[i] ? Print(*e.children[i]) : "NULL";
  }

  std::string ColumnName(int depth, const BoundExpr& e) const {
    if (ctx_ && depth >= 0 && static_cast<size_t>(depth) < ctx_->scopes.size()) {
      const std::vector<std::string>* names = ctx_->scopes[depth];
      if (names && e.index >= 0 && static_cast<size_t>(e.index) < names->size()) {
        return (*names)[e.index];
      }
    }
    if (!e.name.empty()) return e.name;
    if (!e.alias.empty() && e.alias != "?column?") return e.alias;
    return (depth > 0 ? "$outer" + std::to_string(depth) + "." : std::string("$c")) +
           std::to_string(e.index);
  }

  std::string Joined(const BoundExpr& e, const char* sep) const {
    std::string out = "(";
    for (size_t i = 0; i < e.children.size(); i++) {
      if (i) out += sep;
      out += Child(e, i);
    }
    return out + ")";
  }

  std::string Call(const std::string& name, const BoundExpr& e, size_t from) const {
    std::string out = name + "(";
    for (size_t i = from; i < e.children.size(); i++) {
      if (i > from) out += ", ";
      out += Child(e, i);
    }
    return out + ")";
  }

  std::string Function(const BoundExpr& e) const {
    if (e.function_oid == catalog::kArrayConstructorOid) {
      std::string out = "ARRAY[";
      for (size_t i = 0; i < e.children.size(); i++) out += (i > 0 ? ", " : "") + Child(e, i);
      return out + "]";
    }
    if (e.function_oid == catalog::kArraySubscriptOid) return Child(e, 0) + "[" + Child(e, 1) + "]";
    if (e.function_oid == catalog::kArraySliceOid) return Child(e, 0) + "[" + Child(e, 1) + ":" + Child(e, 2) + "]";
    std::string name = FunctionName(e.function_oid);
    if (name.empty()) name = "f" + std::to_string(e.function_oid);
    if (!IsOperatorName(name)) return Call(name, e, 0);
    if (e.children.size() == 1) return "(" + name + " " + Child(e, 0) + ")";
    return "(" + Child(e, 0) + " " + name + " " + Child(e, 1) + ")";
  }

  std::string Case(const BoundExpr& e) const {
    std::string out = "CASE";
    size_t pairs = (e.children.size() - (e.has_else ? 1 : 0)) / 2;
    for (size_t i = 0; i < pairs; i++) {
      out += " WHEN " + Child(e, 2 * i) + " THEN " + Child(e, 2 * i + 1);
    }
    if (e.has_else) out += " ELSE " + Child(e, e.children.size() - 1);
    return out + " END";
  }

  std::string InList(const BoundExpr& e) const {
    std::string op = e.negated ? "<>" : "=";
    std::string fn = FunctionName(e.function_oid);
    if (!e.negated && IsOperatorName(fn)) op = fn;
    std::string quantifier = e.negated ? " ALL (" : " ANY (";
    bool all_constant = true;
    for (size_t i = 1; i < e.children.size(); i++) {
      if (!e.children[i] || e.children[i]->kind != BoundExprKind::kConstant) all_constant = false;
    }
    std::string list;
    if (all_constant && e.children.size() > 1) {
      Type elem = e.children[1]->type;
      list = "{";
      for (size_t i = 1; i < e.children.size(); i++) {
        if (i > 1) list += ",";
        const Value& v = e.children[i]->value;
        list += v.is_null ? "NULL" : ArrayElement(v.ToString());
      }
      list = QuoteLiteral(list + "}") + "::" + TypeLabel(elem) + "[]";
    } else {
      list = "ARRAY[";
      for (size_t i = 1; i < e.children.size(); i++) {
        if (i > 1) list += ", ";
        list += Child(e, i);
      }
      list += "]";
    }
    return "(" + Child(e, 0) + " " + op + quantifier + list + "))";
  }

  std::string Subquery(const BoundExpr& e) const {
    std::string label = ctx_ && ctx_->subquery_label ? ctx_->subquery_label(e) : "";
    if (label.empty()) label = "SubPlan";
    std::string op = FunctionName(e.function_oid);
    bool hashed = !e.correlated && ((e.subquery_kind == SubqueryKind::kAny && op == "=") ||
                                    (e.subquery_kind == SubqueryKind::kAll && op == "<>"));
    std::string inner = hashed ? "(hashed " + label + ")" : "(" + label + ")";
    bool negate = (e.subquery_kind == SubqueryKind::kExists && e.negated) ||
                  (e.subquery_kind == SubqueryKind::kAll && hashed);
    return negate ? "(NOT " + inner + ")" : inner;
  }

  const ExprPrintContext* ctx_;
};

}  // namespace

std::string ExprToString(const BoundExpr& e, const ExprPrintContext* ctx) {
  return Printer(ctx).Print(e);
}

}  // namespace omen::sql
