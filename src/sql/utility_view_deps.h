#pragma once
// Which relations a view's stored SELECT reads: for DROP TABLE / DROP VIEW
// dependency checks (PostgreSQL's 2BP01 'cannot drop table t because other
// objects depend on it'). Views are stored as SQL text, so the text is
// parsed again here.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"

namespace omen::sql {

// (schema or "", name) of every relation named in FROM clauses of `select_sql`
// at any depth, without names that only refer to the query's own WITH items.
Result<std::vector<std::pair<std::string, std::string>>> ReferencedRelations(
    std::string_view select_sql);

// `select_sql` with every FROM-clause reference to relation `old_name` (unqualified
// or qualified by `schema`) renamed to `new_name`, for ALTER TABLE ... RENAME TO
// (PostgreSQL's views follow a renamed table). The text comes back deparsed.
Result<std::string> RenameRelationInQuery(std::string_view select_sql, std::string_view schema,
                                          std::string_view old_name, std::string_view new_name);

}  // namespace omen::sql
