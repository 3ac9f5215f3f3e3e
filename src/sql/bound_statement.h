#pragma once
// What the binder produces for one SQL statement. Queries and DML carry a
// logical plan; the other statements carry plain descriptions that main/
// carries out against the catalog and the session.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "sql/logical_plan.h"

namespace omen::sql {

enum class StatementKind : uint8_t {
  kSelect,  // plan; rows out
  kInsert,  // plan (kInsert root); tag "INSERT 0 n"
  kUpdate,
  kDelete,
  kCreateTable,   // create_table (+ create_table_as: plan to fill it)
  kCreateSchema,  // name
  kCreateIndex,   // create_index
  kCreateView,    // create_view
  kDrop,          // drop
  kAlterTable,    // alter
  kTruncate,      // tables
  kTransaction,   // txn
  kSet,           // set_name, set_value (empty + reset = RESET)
  kShow,          // set_name ("all" for SHOW ALL)
  kExplain,       // inner, explain_analyze
  kNoOp,          // accepted and ignored: ANALYZE (statistics come later), VACUUM, ...; tag in `tag`
};

struct CreateTableInfo {
  std::shared_ptr<catalog::TableDef> def;  // columns, constraints (indexes named, not built)
  bool if_not_exists = false;
};

struct CreateIndexInfo {
  std::string schema, table, name;  // name may be generated as PostgreSQL does (t_a_idx)
  std::vector<int> columns;
  bool unique = false;
  bool if_not_exists = false;
};

struct CreateViewInfo {
  std::string schema, name;
  std::string sql;  // the SELECT's text
  std::vector<std::string> column_names;
  bool or_replace = false;
};

struct DropInfo {
  enum class ObjectKind : uint8_t { kTable, kView, kIndex, kSchema } object = ObjectKind::kTable;
  std::vector<std::pair<std::string, std::string>> names;  // (schema or "", name)
  bool if_exists = false;
  bool cascade = false;
};

struct AlterTableInfo {
  enum class Action : uint8_t {
    kAddColumn, kDropColumn, kRenameColumn, kRenameTable, kAddConstraint,
    kSetNotNull, kDropNotNull, kSetDefault, kDropDefault,
  };
  std::string schema, table;
  Action action = Action::kAddColumn;
  catalog::ColumnDef column;           // kAddColumn
  std::string name, new_name;          // column or table names as the action needs
  catalog::ConstraintDef constraint;   // kAddConstraint (kPrimaryKey, kUnique, kCheck)
  bool if_exists = false;              // DROP COLUMN IF EXISTS / ADD COLUMN IF NOT EXISTS
};

struct TransactionInfo {
  enum class Kind : uint8_t { kBegin, kCommit, kRollback, kSavepoint, kRelease, kRollbackTo } kind;
  std::string savepoint;
  std::string isolation;  // "" or "read committed", "repeatable read", "serializable"
};

struct BoundStatement {
  StatementKind kind = StatementKind::kNoOp;
  LogicalOperatorPtr plan;
  std::vector<std::string> names;  // result columns (kSelect, DML RETURNING)
  std::vector<Type> types;
  std::vector<Type> parameter_types;  // inferred $n types ($1 is [0])

  CreateTableInfo create_table;
  CreateIndexInfo create_index;
  CreateViewInfo create_view;
  DropInfo drop;
  AlterTableInfo alter;
  std::vector<std::shared_ptr<const catalog::TableDef>> truncate_tables;
  TransactionInfo txn;
  std::string name;                 // kCreateSchema
  bool if_not_exists = false;       // kCreateSchema
  std::string set_name, set_value;  // kSet / kShow (value already rendered as text)
  bool set_local = false, reset = false;
  std::shared_ptr<BoundStatement> inner;  // kExplain
  bool explain_analyze = false;
  std::string tag;                  // kNoOp command tag, e.g. "VACUUM"
};

}  // namespace omen::sql
