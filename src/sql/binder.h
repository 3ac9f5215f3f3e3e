#pragma once
// The binder and planner: turns one parsed statement into a BoundStatement
// against one catalog version: names resolved (search_path), types resolved
// with PostgreSQL's coercion rules (explicit kCast nodes), aggregates and
// GROUP BY checked (42803), subqueries bound (correlated ones with
// kOuterColumnRef), then planned: predicates pushed into scans and joins,
// equi-join keys extracted, joins ordered so that connected tables join by
// hash, index access chosen for equality / IN / range predicates and ORDER BY
// ... LIMIT on an index key. Views are expanded by re-parsing their SQL.
// Stateless apart from its arguments; thread-compatible.

#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "common/status.h"
#include "sql/bound_statement.h"

struct PgQuery__Node;

namespace omen::sql {

struct BindContext {
  std::shared_ptr<const catalog::Catalog> catalog;
  std::vector<std::string> search_path = {"public"};
  // Known parameter types ($1 is [0]); TypeId::kNull where the client left
  // it open: inferred from context, kText when nothing decides.
  std::vector<Type> parameter_types;
};

// Errors: PostgreSQL's SQLSTATE and message (42P01 relation "x" does not
// exist, 42703 column "x" does not exist, 42702 ambiguous, 42803 grouping,
// 42883 function, 42804 datatype mismatch, 0A000 for what OmenDB lacks, ...).
Result<BoundStatement> Bind(const PgQuery__Node* statement, const BindContext& ctx);

}  // namespace omen::sql
