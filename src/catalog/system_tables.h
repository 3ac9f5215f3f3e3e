#pragma once
// System relations: pg_catalog and information_schema as relations whose rows
// are computed from one catalog version (the one a statement binds and runs
// against), so they are as transactional as the catalog itself.
//
// Invariants:
// 1. SystemTableDefs() lists each relation's columns exactly as PostgreSQL 15
//    declares them, in attnum order (types OmenDB lacks are mapped, see
//    system_table_defs.cc).
// 2. SystemTableRows() returns rows with one Value per column, of the
//    column's type; columns OmenDB has no data for hold PostgreSQL's value for
//    "nothing" (false, 0, '' or NULL as PostgreSQL would show for such an object).
// 3. User objects carry the OIDs stored in their catalog entries (>= 16384);
//    built-in objects carry PostgreSQL's OIDs.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "catalog/catalog.h"
#include "common/status.h"
#include "common/types.h"
#include "common/value.h"

namespace omen::catalog {

struct SystemTableDef {
  const char* schema;  // "pg_catalog" or "information_schema"
  const char* name;
  uint32_t oid;  // PostgreSQL 15's pg_class.oid
  char relkind;  // 'r' or 'v' as in PostgreSQL
  std::vector<std::pair<const char*, Type>> columns;
};

// OIDs of built-in schemas and roles as in PostgreSQL.
inline constexpr uint32_t kPgCatalogNamespaceOid = 11;
inline constexpr uint32_t kPgToastNamespaceOid = 99;
inline constexpr uint32_t kPublicNamespaceOid = 2200;
inline constexpr uint32_t kPgDatabaseOwnerOid = 6171;  // owns schema public in PostgreSQL 15
inline constexpr uint32_t kPostgresDatabaseOid = 5;

// What a system scan needs beyond the catalog: the session's view.
struct SystemScanContext {
  const Catalog* catalog = nullptr;
  std::vector<std::string> search_path;                       // as in BindContext
  std::vector<std::pair<std::string, std::string>> settings;  // pg_settings: (name, value)
  // A view's output columns (name, type): binding its query is sql/'s job.
  // Unset or failing: the view lists no columns.
  std::function<Result<std::vector<std::pair<std::string, Type>>>(const TableDef& view)>
      view_columns;
};

// Every system relation (invariant 1).
const std::vector<SystemTableDef>& SystemTableDefs();
// The relation `schema`.`name`; nullptr when there is none.
const SystemTableDef* FindSystemTable(std::string_view schema, std::string_view name);
// The relation with pg_class oid `oid`; nullptr when none.
const SystemTableDef* FindSystemTableByOid(uint32_t oid);

// The relation's rows now (invariant 2).
Result<std::vector<std::vector<Value>>> SystemTableRows(const SystemTableDef& def,
                                                        const SystemScanContext& ctx);

// pg_type facts of a type OmenDB has: typname ("int4", "_int4"), or "" when the
// oid names no type OmenDB has.
std::string TypeNameOfOid(uint32_t oid);
// pg_get_userbyid(): the role's name, "pg_database_owner" for 6171,
// "unknown (OID=n)" otherwise.
std::string RoleNameOfOid(const Catalog& catalog, uint32_t oid);

}  // namespace omen::catalog
