#pragma once
// Binding of statements that carry no query plan: CREATE/DROP/ALTER TABLE,
// CREATE SCHEMA, CREATE/DROP INDEX, CREATE/DROP VIEW, TRUNCATE,
// BEGIN/START TRANSACTION/COMMIT/END/ROLLBACK/SAVEPOINT/RELEASE/ROLLBACK TO,
// SET/SET LOCAL/RESET/SHOW, ANALYZE/VACUUM (kNoOp), and anything else
// (0A000 'feature not supported'). Called by Bind() for those node types.

#include "common/status.h"
#include "sql/binder.h"
#include "sql/bound_statement.h"

struct PgQuery__Node;

namespace omen::sql {

// True if `statement` is one of the node types BindUtility handles.
bool IsUtilityStatement(const PgQuery__Node* statement);
Result<BoundStatement> BindUtility(const PgQuery__Node* statement, const BindContext& ctx);

// SQL text of a parse-tree expression node (for DEFAULT / CHECK / views),
// through pg_query's deparser.
Result<std::string> DeparseExpression(const PgQuery__Node* expr);

}  // namespace omen::sql
