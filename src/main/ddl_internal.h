#pragma once
// Pieces of ExecuteDdl (ddl_executor.h) split by statement family. Private to main/.

#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "common/status.h"
#include "execution/executor.h"
#include "sql/bound_statement.h"
#include "storage/table.h"

namespace omen::ddl {

// True if a table, view or index called `name` exists in `schema`.
bool RelationNameTaken(const catalog::Catalog& catalog, std::string_view schema,
                       std::string_view name);

// CREATE TABLE AS, after ExecuteDdl created the table (and added no
// 'already exists' notice): runs stmt.plan and appends its rows, cast to the
// column types, to the new table in `catalog`. Returns the row count for
// the command tag "SELECT n". REQUIRES: stmt.kind == kCreateTable, stmt.plan.
Result<uint64_t> FillCreatedTable(const sql::BoundStatement& stmt, const catalog::Catalog& catalog,
                                  execution::ExecutionContext& ctx);

// An IndexSpec for storage with the key's column names (for 23505 DETAILs).
storage::IndexSpec MakeIndexSpec(const catalog::TableDef& def, const std::string& name,
                                 const std::vector<int>& columns, bool unique);
// 0A000 when a key column's type has an order storage indexes cannot keep
// (interval compares by span, arrays element by element; keys are bytes).
Status CheckIndexable(const catalog::TableDef& def, const std::vector<int>& columns);

// Table::CreateIndex over existing rows, with PostgreSQL's error for
// duplicates: 23505 'could not create unique index "i"', DETAIL 'Key (a)=(1) is duplicated.'.
Status BuildIndex(storage::Table* table, storage::IndexSpec spec, storage::UndoLog* undo);

// Views whose SELECT reads `target` directly (their texts are parsed again).
std::vector<std::shared_ptr<const catalog::TableDef>> DependentViews(
    const catalog::Catalog& catalog, const catalog::TableDef& target,
    const std::vector<std::string>& search_path);

// DROP TABLE / VIEW / INDEX / SCHEMA.
// Storage index drops are recorded in `undo` (may be null).
Status Drop(const sql::DropInfo& info, const std::vector<std::string>& search_path,
            catalog::Catalog* catalog, storage::UndoLog* undo, std::vector<std::string>* notices);

// CREATE / ALTER / DROP ROLE as `session_user` (ddl_role.cc).
Status ExecuteRole(const sql::RoleInfo& info, std::string_view session_user,
                   catalog::Catalog* catalog, std::vector<std::string>* notices);

// ANALYZE / VACUUM ANALYZE: replaces the stats of stmt.analyze_tables
// (every table when empty) in `catalog` (analyze.cc).
Status Analyze(const sql::BoundStatement& stmt, catalog::Catalog* catalog);

// ALTER TABLE: info's action, then those in info.then, in order (kMissingTable:
// a NOTICE only). On error the caller rolls `undo` back and drops `catalog`.
Status AlterTable(const sql::AlterTableInfo& info, catalog::Catalog* catalog,
                  storage::UndoLog* undo, std::vector<std::string>* notices);

// The value a DEFAULT expression (SQL text) has in a column of `type`, for
// ALTER TABLE ADD COLUMN: literals directly, other expressions evaluated once
// with SELECT against `catalog`; 0A000 for volatile functions (whose value
// would differ per row).
// A literal DEFAULT (SQL text such as 5, -1.5, 'x', 'x'::date, NULL, true)
// read into `type`; 0A000 when the text is not a literal.
Result<Value> EvaluateLiteral(const std::string& default_sql, Type type);

Result<Value> EvaluateDefault(const std::string& default_sql, Type type,
                              const catalog::Catalog& catalog, storage::UndoLog* undo);

}  // namespace omen::ddl
