// System relations in FROM: pg_catalog.* and information_schema.* resolve to
// catalog::SystemTableDefs(), scanned as a kValues with `system_table` set.
// Name resolution follows PostgreSQL: an unqualified name searches
// pg_catalog first unless search_path names pg_catalog explicitly (then in
// its place); information_schema only when qualified or on the search path.

#include <pg_query/pg_query.pb-c.h>

#include "sql/binder_internal.h"

namespace omen::sql {

const catalog::SystemTableDef* Binder::LookupSystemTable(const PgQuery__RangeVar* rv) const {
  if (rv->schemaname != nullptr && rv->schemaname[0] != '\0') {
    return catalog::FindSystemTable(rv->schemaname, rv->relname);
  }
  bool pg_catalog_listed = false;
  for (const std::string& s : ctx_.search_path)
    pg_catalog_listed = pg_catalog_listed || s == "pg_catalog";
  if (!pg_catalog_listed) return catalog::FindSystemTable("pg_catalog", rv->relname);
  for (const std::string& s : ctx_.search_path) {
    if (s == "pg_catalog" || s == "information_schema") {
      if (const catalog::SystemTableDef* d = catalog::FindSystemTable(s, rv->relname)) return d;
      continue;
    }
    // A user relation in an earlier schema of the path wins.
    if (ctx_.catalog->FindTable(s, rv->relname, {}) != nullptr) return nullptr;
  }
  return nullptr;
}

LogicalOperatorPtr Binder::BindSystemTable(const catalog::SystemTableDef* def,
                                           const std::string& alias, Scope* scope) {
  auto op = BinderOp(LogicalOpKind::kValues);
  op->system_table = def;
  op->table_function = def->name;
  op->alias = alias;
  for (const auto& [name, type] : def->columns) {
    op->types.push_back(type);
    op->names.push_back(name);
    scope->columns.push_back({alias, name, type});
  }
  return op;
}

}  // namespace omen::sql
