#include "catalog/catalog.h"

#include <atomic>
#include <utility>

#include "common/sqlstate.h"

namespace omen::catalog {

namespace {

// Versions come from one process-wide counter, so two clones of one version
// (one rolled back, one published) never share a version number.
std::atomic<uint64_t> g_last_version{0};

constexpr uint32_t kPgCatalogOid = 11;
constexpr uint32_t kPublicOid = 2200;
constexpr uint32_t kInformationSchemaOid = 13000;

Status NoSuchSchema(std::string_view name) {
  return Status(sqlstate::kInvalidSchemaName,
                "schema \"" + std::string(name) + "\" does not exist");
}

bool OwnsIndex(const TableDef& t, std::string_view name) {
  for (const IndexDef& index : t.indexes) {
    if (index.name == name) return true;
  }
  return false;
}

}  // namespace

int TableDef::FindColumn(std::string_view name) const {
  for (size_t i = 0; i < columns.size(); ++i) {
    if (!columns[i].dropped && columns[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

std::vector<int> TableDef::PrimaryKey() const {
  for (const ConstraintDef& c : constraints) {
    if (c.kind == ConstraintKind::kPrimaryKey) return c.columns;
  }
  return {};
}

std::shared_ptr<Catalog> Catalog::Bootstrap() {
  auto c = std::make_shared<Catalog>();
  c->version_ = ++g_last_version;
  c->schemas_["pg_catalog"] = SchemaDef{kPgCatalogOid, "pg_catalog"};
  c->schemas_["public"] = SchemaDef{kPublicOid, "public"};
  c->schemas_["information_schema"] = SchemaDef{kInformationSchemaOid, "information_schema"};
  c->roles_["postgres"] = BootstrapSuperuser();
  return c;
}

std::shared_ptr<Catalog> Catalog::Clone() const {
  auto c = std::make_shared<Catalog>(*this);
  c->version_ = ++g_last_version;
  return c;
}

std::shared_ptr<const TableDef> Catalog::FindTable(
    std::string_view schema, std::string_view name,
    const std::vector<std::string>& search_path) const {
  auto find_in = [&](std::string_view s) -> std::shared_ptr<const TableDef> {
    auto it = tables_.find(std::make_pair(std::string(s), std::string(name)));
    return it == tables_.end() ? nullptr : it->second;
  };
  if (!schema.empty()) return find_in(schema);
  // pg_catalog is searched first unless the path names it explicitly.
  bool explicit_catalog = false;
  for (const std::string& s : search_path) explicit_catalog |= s == "pg_catalog";
  if (!explicit_catalog) {
    if (auto t = find_in("pg_catalog")) return t;
  }
  for (const std::string& s : search_path) {
    if (s == "$user") continue;  // no per-user schemas
    if (auto t = find_in(s)) return t;
  }
  return nullptr;
}

const SchemaDef* Catalog::FindSchema(std::string_view name) const {
  auto it = schemas_.find(std::string(name));
  return it == schemas_.end() ? nullptr : &it->second;
}

Result<std::string> Catalog::CreationSchema(const std::vector<std::string>& search_path) const {
  for (const std::string& s : search_path) {
    if (s == "$user") continue;
    if (FindSchema(s) != nullptr) return s;
  }
  return Status(sqlstate::kInvalidSchemaName, "no schema has been selected to create in");
}

// An empty `schema` matches any schema.
std::shared_ptr<const TableDef> Catalog::FindIndexOwner(std::string_view schema,
                                                        std::string_view name) const {
  for (const auto& [key, table] : tables_) {
    if (!schema.empty() && key.first != schema) continue;
    if (OwnsIndex(*table, name)) return table;
  }
  return nullptr;
}

Status Catalog::CreateSchema(std::string name) {
  if (schemas_.count(name) != 0) {
    return Status(sqlstate::kDuplicateSchema, "schema \"" + name + "\" already exists");
  }
  uint32_t oid = NextOid();
  schemas_[name] = SchemaDef{oid, name};
  return Status::OK();
}

// Drops the schema and every relation in it; RESTRICT checks are the caller's.
Status Catalog::DropSchema(std::string_view name) {
  auto it = schemas_.find(std::string(name));
  if (it == schemas_.end()) return NoSuchSchema(name);
  schemas_.erase(it);
  for (auto t = tables_.begin(); t != tables_.end();) {
    t = t->first.first == name ? tables_.erase(t) : std::next(t);
  }
  return Status::OK();
}

Status Catalog::AddTable(std::shared_ptr<TableDef> table) {
  if (FindSchema(table->schema) == nullptr) return NoSuchSchema(table->schema);
  if (tables_.count({table->schema, table->name}) != 0 ||
      FindIndexOwner(table->schema, table->name) != nullptr) {
    return Status(sqlstate::kDuplicateTable, "relation \"" + table->name + "\" already exists");
  }
  table->oid = NextOid();
  AssignObjectOids(table.get());
  tables_[{table->schema, table->name}] = std::move(table);
  return Status::OK();
}

Status Catalog::ReplaceTable(std::shared_ptr<TableDef> table) {
  auto old = tables_.end();
  for (auto it = tables_.begin(); it != tables_.end(); ++it) {
    if (it->second->oid == table->oid) {
      old = it;
      break;
    }
  }
  if (old == tables_.end()) {
    return Status(sqlstate::kUndefinedTable, "relation \"" + table->name + "\" does not exist");
  }
  std::pair<std::string, std::string> key{table->schema, table->name};
  if (old->first != key) {
    if (FindSchema(table->schema) == nullptr) return NoSuchSchema(table->schema);
    if (tables_.count(key) != 0) {
      return Status(sqlstate::kDuplicateTable, "relation \"" + table->name + "\" already exists");
    }
    tables_.erase(old);
  }
  for (IndexDef& index : table->indexes) {
    if (index.oid == 0) index.oid = NextOid();
  }
  AssignObjectOids(table.get());
  tables_[key] = std::move(table);
  return Status::OK();
}

Status Catalog::DropTable(std::string_view schema, std::string_view name) {
  auto it = tables_.find({std::string(schema), std::string(name)});
  if (it == tables_.end()) {
    return Status(sqlstate::kUndefinedTable,
                  "relation \"" + std::string(name) + "\" does not exist");
  }
  tables_.erase(it);
  return Status::OK();
}

uint32_t Catalog::NextOid() { return next_oid_++; }

void Catalog::AssignObjectOids(TableDef* table) {
  for (IndexDef& index : table->indexes) {
    if (index.oid == 0) index.oid = NextOid();
  }
  for (ConstraintDef& c : table->constraints) {
    if (c.oid == 0) c.oid = NextOid();
  }
  for (ColumnDef& col : table->columns) {
    if (col.default_sql.empty()) col.default_oid = 0;
    else if (col.default_oid == 0) col.default_oid = NextOid();
  }
}

}  // namespace omen::catalog
