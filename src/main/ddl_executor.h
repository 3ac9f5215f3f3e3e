#pragma once
// Carries out DDL statements (kCreateTable, kCreateSchema, kCreateIndex,
// kCreateView, kDrop, kAlterTable, kTruncate) on an editable catalog version
// (a Clone() owned by the running transaction) and on table storage, with
// PostgreSQL 15's errors and notices ('relation "t" does not exist, skipping'
// for IF EXISTS, ...). Storage changes are recorded in `undo`, so a rollback
// to an earlier undo position plus discarding the catalog copy undoes the
// statement.

#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "common/status.h"
#include "sql/bound_statement.h"
#include "storage/table.h"

namespace omen {

// `tag` receives the command tag ("CREATE TABLE", "DROP TABLE", ...).
// kCreateTable with a plan (CREATE TABLE AS) is not handled here: main/ runs
// the plan after the table exists.
Status ExecuteDdl(const sql::BoundStatement& stmt, const std::vector<std::string>& search_path,
                  catalog::Catalog* catalog, storage::UndoLog* undo, std::string* tag,
                  std::vector<std::string>* notices);

}  // namespace omen
