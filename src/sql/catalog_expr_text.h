#pragma once
// Stored expressions (column defaults, CHECK constraints) printed as
// PostgreSQL's pg_get_expr / pg_get_constraintdef print them: bound against
// the table's columns (a default coerced to its column's type, as
// PostgreSQL stores it) and printed in ruleutils' style (sql/expression_printer.h).

#include <optional>
#include <string>

#include "catalog/catalog.h"
#include "common/status.h"
#include "sql/binder.h"

namespace omen::sql {

// `sql` over `table`'s columns; `target`: a default's column type, nullopt
// for a condition. Errors: the binder's, for text that no longer binds.
Result<std::string> StoredExpressionText(const BindContext& ctx, const catalog::TableDef& table,
                                         const std::string& sql, std::optional<Type> target);

// A view's output columns (name, type) as its query binds now.
Result<std::vector<std::pair<std::string, Type>>> ViewColumns(const BindContext& ctx,
                                                              const catalog::TableDef& view);

}  // namespace omen::sql
