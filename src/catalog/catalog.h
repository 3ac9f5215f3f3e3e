#pragma once
// The catalog: schemas, tables, views, columns, constraints, indexes,
// sequences. A Catalog object is one immutable version; DDL copies it
// (copy-on-write: unchanged entries are shared through shared_ptr), edits the
// copy, and the transaction publishes the copy at commit (main/). A
// statement binds against one version. Objects are found by lower-cased
// name (quoted identifiers keep their case) within a schema; the search path
// decides unqualified names.

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "catalog/role.h"
#include "catalog/table_stats.h"
#include "common/types.h"
#include "storage/table.h"

namespace omen::catalog {

struct ColumnDef {
  std::string name;
  Type type;
  bool not_null = false;
  bool dropped = false;      // dropped columns keep their slot (attnum)
  std::string default_sql;   // SQL text of the DEFAULT expression; empty: none
  uint32_t default_oid = 0;  // pg_attrdef.oid of the default (assigned by Add/ReplaceTable)
};

enum class ConstraintKind : uint8_t { kPrimaryKey, kUnique, kCheck };

struct ConstraintDef {
  std::string name;           // e.g. t_pkey, t_a_key, t_a_check
  ConstraintKind kind;
  std::vector<int> columns;   // column ids (kPrimaryKey, kUnique; kCheck: referenced)
  std::string check_sql;      // kCheck: the expression's SQL text
  std::string index_name;     // kPrimaryKey/kUnique: its backing index
  uint32_t oid = 0;           // pg_constraint.oid (assigned by Add/ReplaceTable)
};

struct IndexDef {
  uint32_t oid = 0;
  std::string name;
  std::vector<int> columns;  // column ids
  bool unique = false;
  bool primary = false;
};

struct TableDef {
  uint32_t oid = 0;
  std::string schema;  // "public", ...
  std::string name;
  std::vector<ColumnDef> columns;  // indexed by column id
  std::vector<ConstraintDef> constraints;
  std::vector<IndexDef> indexes;
  bool is_view = false;
  std::string view_sql;  // views: the defining SELECT
  std::vector<std::string> view_column_names;  // views: explicit column names, if given
  std::shared_ptr<storage::Table> data;  // tables only
  std::shared_ptr<const TableStats> stats;  // from the last ANALYZE; nullptr before

  // Column id by name (not dropped); -1 if none.
  int FindColumn(std::string_view name) const;
  // The primary key's column ids; empty if none.
  std::vector<int> PrimaryKey() const;
};

struct SchemaDef {
  uint32_t oid = 0;
  std::string name;
};

class Catalog {
 public:
  // The initial version: schemas pg_catalog, information_schema and public.
  static std::shared_ptr<Catalog> Bootstrap();
  // A copy to edit (entries shared; replace, don't mutate, shared entries).
  std::shared_ptr<Catalog> Clone() const;

  uint64_t version() const { return version_; }

  // Lookup. schema empty: search `search_path` in order (pg_catalog first,
  // implicitly, as PostgreSQL does). nullptr when absent.
  std::shared_ptr<const TableDef> FindTable(std::string_view schema, std::string_view name,
                                            const std::vector<std::string>& search_path) const;
  const SchemaDef* FindSchema(std::string_view name) const;
  // The schema a CREATE without schema goes to: the first existing schema of
  // the search path; 3F000 "no schema has been selected to create in".
  Result<std::string> CreationSchema(const std::vector<std::string>& search_path) const;
  // Which table owns index `name` in `schema`; nullptr if none.
  std::shared_ptr<const TableDef> FindIndexOwner(std::string_view schema, std::string_view name) const;

  // Edits (on a Clone()). Errors: 42P07 duplicate relation, 42P06 duplicate
  // schema, 3F000 unknown schema, 42P01 unknown table.
  Status CreateSchema(std::string name);
  Status DropSchema(std::string_view name);
  // Both assign oids to new indexes, constraints and column defaults
  // (those with oid 0); existing ones keep theirs.
  Status AddTable(std::shared_ptr<TableDef> table);     // assigns oid
  Status ReplaceTable(std::shared_ptr<TableDef> table); // same oid
  Status DropTable(std::string_view schema, std::string_view name);
  uint32_t NextOid();

  // Roles (catalog_roles.cc). Names are exact (already case-folded by the
  // parser). nullptr when absent.
  const RoleDef* FindRole(std::string_view name) const;
  const RoleDef* FindRoleByOid(uint32_t oid) const;
  // Adds `role` with a new OID (returned). 42710 'role "x" already exists'.
  Result<uint32_t> CreateRole(RoleDef role);
  // Replaces the role with role.oid (which may rename it). 42704 when no role
  // has that OID, 42710 when the new name is taken.
  Status ReplaceRole(RoleDef role);
  // 42704 'role "x" does not exist'.
  Status DropRole(std::string_view name);
  // Every role by name (pg_roles, pg_authid).
  const std::map<std::string, RoleDef>& roles() const { return roles_; }

  const std::map<std::string, SchemaDef>& schemas() const { return schemas_; }
  // Every table and view, by (schema, name).
  const std::map<std::pair<std::string, std::string>, std::shared_ptr<const TableDef>>& tables() const {
    return tables_;
  }

 private:
  friend class CatalogCodec;  // catalog_codec.cc: restores OIDs and entries as stored
  void AssignObjectOids(TableDef* table);

  uint64_t version_ = 0;
  uint32_t next_oid_ = 16384;  // PostgreSQL's FirstNormalObjectId
  std::map<std::string, SchemaDef> schemas_;
  std::map<std::string, RoleDef> roles_;
  std::map<std::pair<std::string, std::string>, std::shared_ptr<const TableDef>> tables_;
};

}  // namespace omen::catalog
