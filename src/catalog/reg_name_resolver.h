#pragma once
// The reg* types' names over one catalog version and search path
// (common/reg_names.h): regclass resolves relations (tables, views, indexes,
// system relations) through the search path with pg_catalog searched first;
// output is schema-qualified when the name alone would not find the object.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "common/reg_names.h"

namespace omen::catalog {

class CatalogRegNameResolver : public RegNameResolver {
 public:
  CatalogRegNameResolver(std::shared_ptr<const Catalog> catalog,
                         std::vector<std::string> search_path);

  std::optional<std::string> Name(TypeId type, uint32_t oid) const override;
  Result<uint32_t> Lookup(TypeId type, std::string_view text) const override;

  // The relation `name` resolves to without a schema (pg_catalog first, then
  // the search path); 0 when none.
  uint32_t VisibleRelation(std::string_view name) const;
  // pg_table_is_visible(oid).
  bool RelationIsVisible(uint32_t oid) const;
  // Whether this resolver is over exactly `catalog` and `search_path`.
  bool Matches(const Catalog* catalog, const std::vector<std::string>& search_path) const {
    return catalog_.get() == catalog && search_path_ == search_path;
  }

 private:
  // (schema, name) of relation `oid`; false when none.
  bool RelationName(uint32_t oid, std::string* schema, std::string* name) const;
  uint32_t RelationIn(std::string_view schema, std::string_view name) const;

  std::shared_ptr<const Catalog> catalog_;
  std::vector<std::string> search_path_;
};

// Installs a resolver over `catalog` for the calling thread (a no-op when
// the installed one is over the same catalog version and search path).
void InstallRegNameResolver(const std::shared_ptr<const Catalog>& catalog,
                            const std::vector<std::string>& search_path);

}  // namespace omen::catalog
