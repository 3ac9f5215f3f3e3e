// VACUUM / ANALYZE: ANALYZE [VERBOSE] [table [(cols)], ...] and VACUUM
// [ANALYZE] [table, ...]. ANALYZE gathers statistics for the planner; VACUUM
// (with or without table names) reclaims versions, dead rows' slots and
// replaced strings in every table (main/connection.cc, storage Table::Vacuum).

#include "sql/utility_internal.h"

namespace omen::sql::utility {

namespace {

bool HasAnalyzeOption(const PgQuery__VacuumStmt* stmt) {
  for (size_t i = 0; i < stmt->n_options; ++i) {
    const PgQuery__Node* n = stmt->options[i];
    if (n->node_case == PG_QUERY__NODE__NODE_DEF_ELEM && Str(n->def_elem->defname) == "analyze") {
      return true;
    }
  }
  return false;
}

}  // namespace

Result<BoundStatement> BindVacuum(const PgQuery__VacuumStmt* stmt, const BindContext& ctx) {
  BoundStatement out;
  out.tag = stmt->is_vacuumcmd ? "VACUUM" : "ANALYZE";
  bool analyze = !stmt->is_vacuumcmd || HasAnalyzeOption(stmt);
  out.kind = analyze ? StatementKind::kAnalyze : StatementKind::kNoOp;
  for (size_t i = 0; i < stmt->n_rels; ++i) {
    const PgQuery__Node* n = stmt->rels[i];
    if (n->node_case != PG_QUERY__NODE__NODE_VACUUM_RELATION ||
        n->vacuum_relation->relation == nullptr) {
      continue;
    }
    OMEN_ASSIGN_OR_RETURN(auto def, ResolveRelation(n->vacuum_relation->relation, ctx));
    const PgQuery__VacuumRelation* rel = n->vacuum_relation;
    for (size_t c = 0; c < rel->n_va_cols; ++c) {
      std::string column = NodeString(rel->va_cols[c]);
      if (def->FindColumn(column) < 0) {
        return Status(SqlState("42703"), "column \"" + column + "\" of relation \"" + def->name +
                                             "\" does not exist");
      }
    }
    // PostgreSQL skips views with a WARNING; there is nothing to gather.
    if (def->is_view) continue;
    out.analyze_tables.push_back(std::move(def));
  }
  return out;
}

}  // namespace omen::sql::utility
