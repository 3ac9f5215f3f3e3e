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

// What binding with lifted literals found (see BindContext::lifted).
struct LiftedInfo {
  bool cacheable = true;
  // Per lifted literal: the cast context of the coercion that typed it
  // (a string literal is parsed as its type, then cast for a typmod).
  std::vector<uint8_t> cast_contexts;
};

struct BindContext {
  std::shared_ptr<const catalog::Catalog> catalog;
  std::vector<std::string> search_path = {"public"};
  // Known parameter types ($1 is [0]); TypeId::kNull where the client left
  // it open: inferred from context, kText when nothing decides.
  std::vector<Type> parameter_types;
  // Plan cache (sql/statement_shape.h): $1..$lifted_count stand for literals
  // lifted out of the statement text; parameter_types holds their type
  // classes (kNull for string literals). The binder records in *lifted how
  // each was coerced and whether the plan is valid for any literal values.
  size_t lifted_count = 0;
  LiftedInfo* lifted = nullptr;
};

// Errors: PostgreSQL's SQLSTATE and message (42P01 relation "x" does not
// exist, 42703 column "x" does not exist, 42702 ambiguous, 42803 grouping,
// 42883 function, 42804 datatype mismatch, 0A000 for what OmenDB lacks, ...).
Result<BoundStatement> Bind(const PgQuery__Node* statement, const BindContext& ctx);

}  // namespace omen::sql
