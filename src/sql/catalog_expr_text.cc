#include "sql/catalog_expr_text.h"

#include <pg_query/pg_query.pb-c.h>

#include "sql/bind_dml_helper.h"
#include "sql/binder_internal.h"
#include "sql/expression_printer.h"
#include "sql/parser.h"

namespace omen::sql {

Result<std::string> StoredExpressionText(const BindContext& ctx, const catalog::TableDef& table,
                                         const std::string& sql, std::optional<Type> target) {
  OMEN_ASSIGN_OR_RETURN(ParsedScript p, ParseExpression(sql));
  const PgQuery__Node* node = FirstTarget(p);
  Binder binder(ctx);
  Scope scope;
  std::vector<std::string> names;
  for (const catalog::ColumnDef& c : table.columns) {
    scope.columns.push_back({table.name, c.dropped ? std::string() : c.name, c.type, c.dropped});
    names.push_back(c.name);
  }
  ExprContext ec{&scope, target ? "DEFAULT expressions" : "CHECK", nullptr};
  BoundExprPtr e;
  if (target) {
    OMEN_ASSIGN_OR_RETURN(e, binder.BindExpr(node, ec));
    // As PostgreSQL stores a default: an untyped literal becomes a constant
    // of the column's type ('x'::text); any other expression keeps its own
    // type under an implicit cast, which is not printed (0, 1.5, (1 + 2)).
    if (e->type.id == TypeId::kUnknown && !(e->type == *target)) {
      Type constant = *target;  // the length/precision coercion is implicit too
      constant.typmod = -1;
      OMEN_ASSIGN_OR_RETURN(e, binder.Coerce(std::move(e), constant, CastContext::kAssignment));
    }
  } else {
    OMEN_ASSIGN_OR_RETURN(e, binder.BindCondition(node, ec));
  }
  ExprPrintContext pc;
  pc.scopes.push_back(&names);
  return ExprToString(*e, &pc);
}

Result<std::vector<std::pair<std::string, Type>>> ViewColumns(const BindContext& ctx,
                                                              const catalog::TableDef& view) {
  OMEN_ASSIGN_OR_RETURN(ParsedScript p, Parse(view.view_sql));
  if (p.size() != 1) return Status(sqlstate::kInternalError, "bad view definition");
  OMEN_ASSIGN_OR_RETURN(BoundStatement st, Bind(p.statement(0), ctx));
  std::vector<std::pair<std::string, Type>> out;
  for (size_t i = 0; i < st.names.size() && i < st.types.size(); ++i) {
    std::string name = i < view.view_column_names.size() ? view.view_column_names[i] : st.names[i];
    out.emplace_back(name, st.types[i]);
  }
  return out;
}

}  // namespace omen::sql
