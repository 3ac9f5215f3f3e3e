#pragma once
// What the binder produces for one SQL statement. Queries and DML carry a
// logical plan; the other statements carry plain descriptions that main/
// carries out against the catalog and the session.

#include <cstdint>
#include <memory>
#include <optional>
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
  kNoOp,          // accepted and ignored: VACUUM, REINDEX, ...; tag in `tag`
  kAnalyze,       // analyze_tables; tag "ANALYZE" or "VACUUM" (VACUUM ANALYZE)
  kCopy,          // copy (main/copy.h runs it)
  kRole,          // role: CREATE/ALTER/DROP ROLE (main/ddl_role.cc)
  kLockTable,     // lock: LOCK TABLE (main/table_locks.cc)
};

// LOCK [TABLE] name [, ...] [IN mode MODE] [NOWAIT]: names are resolved when
// it runs (PostgreSQL reports 25P01 outside a block before looking them up).
struct LockTableInfo {
  std::vector<std::pair<std::string, std::string>> names;  // (schema or "", name)
  uint8_t mode = 8;  // txn::TableLockMode (PostgreSQL's numbering: 1 ACCESS SHARE .. 8 ACCESS EXCLUSIVE)
  bool nowait = false;
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
    kDropConstraint,  // name; if_exists; cascade
    kMissingTable,    // ALTER TABLE IF EXISTS on a missing table: a NOTICE only
    kAlterType,       // name; column.type (a table rewrite with assignment casts)
  };
  std::string schema, table;
  Action action = Action::kAddColumn;
  catalog::ColumnDef column;           // kAddColumn
  std::string name, new_name;          // column or table names as the action needs
  catalog::ConstraintDef constraint;   // kAddConstraint (kPrimaryKey, kUnique, kCheck)
  bool if_exists = false;              // DROP COLUMN IF EXISTS / ADD COLUMN IF NOT EXISTS
  bool cascade = false;                // DROP COLUMN / DROP CONSTRAINT ... CASCADE
  // Further actions of the same ALTER TABLE, applied in order after this one
  // within the statement (ALTER TABLE t ADD COLUMN a int, DROP COLUMN b).
  std::vector<AlterTableInfo> then;
};

// COPY table [(cols)] FROM/TO file|STDIN|STDOUT, COPY (query) TO ...
struct CopyInfo {
  enum class Format : uint8_t { kText, kCsv };
  std::shared_ptr<const catalog::TableDef> table;  // null for COPY (query) TO
  std::vector<int> columns;     // table column ids in data order (COPY table)
  std::vector<std::string> column_names;  // data columns (HEADER)
  bool is_from = false;
  std::string filename;         // server-side file; empty for STDIN / STDOUT
  Format format = Format::kText;
  char delimiter = '\t';
  std::string null_string = "\\N";
  bool header = false, header_match = false;
  char quote = '"', escape = '"';
  bool freeze = false;
  std::vector<bool> force_quote;     // per data column (CSV TO)
  std::vector<bool> force_not_null;  // per data column (CSV FROM)
  std::vector<bool> force_null;      // per data column (CSV FROM)
  // FROM: kInsert whose child is replaced per batch by a kValues of parsed
  // rows; `defaults[c]` is the bound default of table column c not in
  // `columns` (null for copied columns).
  LogicalOperatorPtr insert_plan;
  std::vector<std::shared_ptr<const BoundExpr>> defaults;
  // TO: the query (COPY table TO reads all `columns`); its result columns.
  LogicalOperatorPtr query_plan;
};

// CREATE ROLE/USER/GROUP, ALTER ROLE (options, RENAME), DROP ROLE.
struct RoleInfo {
  enum class Action : uint8_t { kCreate, kAlter, kRename, kDrop };
  Action action = Action::kCreate;
  std::vector<std::string> names;  // the role(s); kDrop may name several
  bool current_user = false;       // ALTER ROLE CURRENT_USER / SESSION_USER / CURRENT_ROLE
  std::string new_name;            // kRename
  bool if_exists = false;          // kDrop
  // Attributes given in the statement (absent: default for kCreate, unchanged for kAlter).
  std::optional<bool> superuser, inherit, create_role, create_db, can_login, replication,
      bypass_rls;
  bool password_given = false;
  std::optional<std::string> password;  // PASSWORD NULL: nullopt; as written (not yet hashed)
  std::vector<std::string> notices;     // e.g. "SYSID can no longer be specified"
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
  std::vector<std::shared_ptr<const catalog::TableDef>> analyze_tables;  // empty: every table
  TransactionInfo txn;
  std::string name;                 // kCreateSchema
  bool if_not_exists = false;       // kCreateSchema
  std::string set_name, set_value;  // kSet / kShow (value already rendered as text)
  bool set_local = false, reset = false;
  std::shared_ptr<BoundStatement> inner;  // kExplain
  bool explain_analyze = false;
  std::string tag;                  // kNoOp command tag, e.g. "VACUUM"
  CopyInfo copy;                    // kCopy
  RoleInfo role;                    // kRole; command tag in `tag`
  LockTableInfo lock;               // kLockTable
};

}  // namespace omen::sql
