#include "catalog/reg_name_resolver.h"

#include <cctype>

#include "catalog/functions.h"
#include "catalog/system_tables.h"

namespace omen::catalog {

namespace {

// Splits a possibly qualified, possibly quoted name into lower-cased parts.
std::vector<std::string> SplitName(std::string_view text) {
  std::vector<std::string> parts(1);
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        parts.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        parts.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == '.') {
      parts.emplace_back();
    } else if (!std::isspace(static_cast<unsigned char>(c))) {
      parts.back() += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return parts;
}

}  // namespace

CatalogRegNameResolver::CatalogRegNameResolver(std::shared_ptr<const Catalog> catalog,
                                               std::vector<std::string> search_path)
    : catalog_(std::move(catalog)), search_path_(std::move(search_path)) {}

bool CatalogRegNameResolver::RelationName(uint32_t oid, std::string* schema,
                                          std::string* name) const {
  if (const SystemTableDef* d = FindSystemTableByOid(oid)) {
    *schema = d->schema;
    *name = d->name;
    return true;
  }
  for (const auto& [key, t] : catalog_->tables()) {
    if (t->oid == oid) {
      *schema = t->schema;
      *name = t->name;
      return true;
    }
    for (const IndexDef& index : t->indexes) {
      if (index.oid == oid) {
        *schema = t->schema;
        *name = index.name;
        return true;
      }
    }
  }
  return false;
}

uint32_t CatalogRegNameResolver::RelationIn(std::string_view schema, std::string_view name) const {
  if (const SystemTableDef* d = FindSystemTable(schema, name)) return d->oid;
  if (auto t = catalog_->FindTable(schema, name, {})) return t->oid;
  if (auto owner = catalog_->FindIndexOwner(schema, name)) {
    for (const IndexDef& index : owner->indexes) {
      if (index.name == name) return index.oid;
    }
  }
  return 0;
}

uint32_t CatalogRegNameResolver::VisibleRelation(std::string_view name) const {
  bool has_pg_catalog = false;
  for (const std::string& s : search_path_) has_pg_catalog = has_pg_catalog || s == "pg_catalog";
  if (!has_pg_catalog) {
    if (uint32_t oid = RelationIn("pg_catalog", name)) return oid;
  }
  for (const std::string& s : search_path_) {
    if (uint32_t oid = RelationIn(s, name)) return oid;
  }
  return 0;
}

bool CatalogRegNameResolver::RelationIsVisible(uint32_t oid) const {
  std::string schema, name;
  return RelationName(oid, &schema, &name) && VisibleRelation(name) == oid;
}

std::optional<std::string> CatalogRegNameResolver::Name(TypeId type, uint32_t oid) const {
  switch (type) {
    case TypeId::kRegclass: {
      std::string schema, name;
      if (!RelationName(oid, &schema, &name)) return std::nullopt;
      if (VisibleRelation(name) == oid) return name;
      return schema + "." + name;
    }
    case TypeId::kRegnamespace:
      for (const auto& [name, s] : catalog_->schemas()) {
        if (s.oid == oid) return name;
      }
      return std::nullopt;
    case TypeId::kRegproc: {
      const FunctionSignature* f = FindFunctionByOid(oid);
      if (f != nullptr) return f->name;
      for (const TypeIoFunction& io : kArrayIoFunctions) {
        if (io.oid == oid) return std::string(io.name);
      }
      return std::nullopt;
    }
    case TypeId::kRegtype: {
      Type t;
      if (TypeFromOid(oid, &t)) return t.ToString();
      return std::nullopt;
    }
    default:
      return std::nullopt;
  }
}

Result<uint32_t> CatalogRegNameResolver::Lookup(TypeId type, std::string_view text) const {
  std::vector<std::string> parts = SplitName(text);
  const std::string& name = parts.back();
  switch (type) {
    case TypeId::kRegclass: {
      uint32_t oid =
          parts.size() == 1 ? VisibleRelation(name) : RelationIn(parts[parts.size() - 2], name);
      if (oid == 0) {
        return Status(sqlstate::kUndefinedTable,
                      "relation \"" + std::string(text) + "\" does not exist");
      }
      return oid;
    }
    case TypeId::kRegnamespace: {
      const SchemaDef* s = catalog_->FindSchema(name);
      if (s == nullptr)
        return Status(SqlState("42704"), "schema \"" + std::string(text) + "\" does not exist");
      return s->oid;
    }
    case TypeId::kRegproc: {
      uint32_t found = 0;
      int count = 0;
      for (const FunctionSignature& f : AllFunctions()) {
        if (f.name == name) {
          found = f.oid;
          ++count;
        }
      }
      for (const TypeIoFunction& io : kArrayIoFunctions) {
        if (name == io.name) {
          found = io.oid;
          ++count;
        }
      }
      if (count == 0)
        return Status(SqlState("42883"), "function \"" + std::string(text) + "\" does not exist");
      if (count > 1)
        return Status(SqlState("42725"),
                      "more than one function named \"" + std::string(text) + "\"");
      return found;
    }
    default: {
      for (uint32_t oid = 1; oid < 5000; ++oid) {
        Type t;
        if (!TypeFromOid(oid, &t)) continue;
        if (t.ToString() == name || TypeNameOfOid(oid) == name) return oid;
      }
      return Status(SqlState("42704"), "type \"" + std::string(text) + "\" does not exist");
    }
  }
}

void InstallRegNameResolver(const std::shared_ptr<const Catalog>& catalog,
                            const std::vector<std::string>& search_path) {
  // Every statement installs one; most find the one they need in place. The
  // thread's last own install is remembered so that check needs no
  // dynamic_cast; it is only trusted while it is still the installed one
  // (the thread's shared_ptr keeps it alive, so the address cannot be reused).
  thread_local const CatalogRegNameResolver* installed = nullptr;
  if (installed != nullptr && ThreadRegNameResolver() == installed &&
      installed->Matches(catalog.get(), search_path)) {
    return;
  }
  auto made = std::make_shared<CatalogRegNameResolver>(catalog, search_path);
  installed = made.get();
  SetThreadRegNameResolver(std::move(made));
}

}  // namespace omen::catalog
