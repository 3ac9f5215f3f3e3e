#pragma once
// Helpers shared by the utility_*.cc files (the utility binder). Private to sql/.

#include <pg_query/pg_query.pb-c.h>

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "common/status.h"
#include "common/types.h"
#include "sql/binder.h"
#include "sql/bound_statement.h"

namespace omen::sql::utility {

// PostgreSQL's NAMEDATALEN - 1: the longest identifier.
inline constexpr size_t kMaxIdentifierLength = 63;

// The text of a String node ("" for anything else).
std::string NodeString(const PgQuery__Node* node);
// A protobuf-c string field as std::string (nullptr -> "").
inline std::string Str(const char* s) { return s == nullptr ? std::string() : std::string(s); }

// Maps a parse-tree TypeName to an OmenDB Type: 42704 unknown type, 0A000
// for PostgreSQL types OmenDB lacks, 22023 bad type modifiers.
Result<Type> TypeFromTypeName(const PgQuery__TypeName* type_name);

// The schema a new relation named by `rv` goes to: its explicit schema
// (3F000 if absent) or the creation schema of the search path.
Result<std::string> CreationSchemaFor(const PgQuery__RangeVar* rv, const BindContext& ctx);

// Finds an existing relation (table or view): 42P01 'relation "x" does not exist'.
Result<std::shared_ptr<const catalog::TableDef>> ResolveRelation(const PgQuery__RangeVar* rv,
                                                                 const BindContext& ctx);

// PostgreSQL's makeObjectName: name1[_name2][_label], each part clipped so
// the result fits in 63 bytes. name2 / label may be empty.
std::string MakeObjectName(std::string_view name1, std::string_view name2, std::string_view label);

// ChooseRelationName / ChooseConstraintName: MakeObjectName, then label1,
// label2, ... until the name is not in `used`. Adds the result to `used`.
std::string ChooseName(std::string_view name1, std::string_view name2, std::string_view label,
                       std::set<std::string>* used);

// Every relation, index and constraint name in `schema` (for ChooseName).
std::set<std::string> UsedNamesInSchema(const catalog::Catalog& catalog, std::string_view schema);

// Column names of `def` joined by "_" for generated names (PostgreSQL's
// ChooseIndexNameAddition / ChooseForeignKeyConstraintNameAddition).
std::string JoinColumnNames(const catalog::TableDef& def, const std::vector<int>& columns);

// SQL text of a whole statement node (views: the SELECT) via pg_query's deparser.
Result<std::string> DeparseStatement(const PgQuery__Node* stmt);

// Names of the columns an expression refers to, distinct, in order of appearance.
void CollectColumnRefs(const PgQuery__Node* node, std::vector<std::string>* out);

// Roles (utility_role.cc): CREATE ROLE/USER/GROUP, ALTER ROLE, ALTER ROLE
// ... RENAME TO, DROP ROLE. 42601 for unrecognized or repeated options,
// 42939 for names starting with "pg_", 0A000 for role membership,
// CONNECTION LIMIT and VALID UNTIL (other than their defaults).
Result<BoundStatement> BindCreateRole(const PgQuery__CreateRoleStmt* stmt);
Result<BoundStatement> BindAlterRole(const PgQuery__AlterRoleStmt* stmt);
Result<BoundStatement> BindRenameRole(const PgQuery__RenameStmt* stmt);
Result<BoundStatement> BindDropRole(const PgQuery__DropRoleStmt* stmt);

// Fills `out` from a PRIMARY KEY / UNIQUE / CHECK Constraint node against
// the columns of `def` (name left empty when the constraint has none). 42703
// for unknown key columns, 0A000 for other constraint kinds.
Status BindConstraint(const PgQuery__Constraint* c, const catalog::TableDef& def,
                      catalog::ConstraintDef* out);

// Gives unnamed constraints of def (from index `first` on) PostgreSQL's
// generated names (CHECKs first, then the primary key, then UNIQUEs), and
// appends an IndexDef for each PRIMARY KEY / UNIQUE constraint. 42P16 on a
// second primary key; 42P07 for an explicit name that is taken.
Status NameConstraintsAndIndexes(catalog::TableDef* def, size_t first, std::set<std::string>* used);

Result<BoundStatement> BindCreateTable(const PgQuery__CreateStmt* stmt, const BindContext& ctx);
// CREATE TABLE AS: the table's columns from the bound query, whose plan
// fills it (main/ runs it after ExecuteDdl created the table).
Result<BoundStatement> BindCreateTableAs(const PgQuery__CreateTableAsStmt* stmt,
                                         const BindContext& ctx);
Result<BoundStatement> BindAlterTable(const PgQuery__AlterTableStmt* stmt, const BindContext& ctx);
Result<BoundStatement> BindRename(const PgQuery__RenameStmt* stmt, const BindContext& ctx);
Result<BoundStatement> BindCreateIndex(const PgQuery__IndexStmt* stmt, const BindContext& ctx);
Result<BoundStatement> BindCreateView(const PgQuery__ViewStmt* stmt, const BindContext& ctx);
Result<BoundStatement> BindDrop(const PgQuery__DropStmt* stmt, const BindContext& ctx);
Result<BoundStatement> BindSessionStatement(const PgQuery__Node* node);
// COPY (utility_copy.cc): options, columns, the INSERT (FROM) or query (TO).
Result<BoundStatement> BindCopy(const PgQuery__CopyStmt* stmt, const BindContext& ctx);

// VACUUM / ANALYZE: kAnalyze with the named tables (views skipped; none
// named: every table), plain VACUUM kNoOp. 42P01 / 42703 for unknown names.
Result<BoundStatement> BindVacuum(const PgQuery__VacuumStmt* stmt, const BindContext& ctx);

}  // namespace omen::sql::utility
