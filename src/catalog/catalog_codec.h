#pragma once
// CatalogCodec: the catalog as bytes for persist/ (format kCatalogFormat).
// Two kinds of record:
// - the header: schemas (oid, name), roles (every RoleDef field) and the
//   OID counter;
// - one record per table or view: every TableDef field except `data` and
//   `stats` (columns with their numbers, dropped ones included; defaults;
//   constraints; indexes; view text), plus what storage needs to rebuild the
//   table: its storage_id, its storage column types and its index specs in
//   index-id order.
// OIDs are stored, so they are stable across restarts. Types are stored as
// (PostgreSQL type OID, typmod), independent of TypeId's numbering.
// A record of another format version, or malformed, decodes to XX001.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "common/status.h"
#include "storage/table.h"

namespace omen::catalog {

inline constexpr uint8_t kCatalogFormat = 1;

class CatalogCodec {
 public:
  static std::string EncodeHeader(const Catalog& catalog);

  // A table's record. `def.data` (if set) supplies the storage column types
  // and index specs; views have neither.
  static std::string EncodeTable(const TableDef& def, uint64_t storage_id);

  struct DecodedTable {
    std::shared_ptr<TableDef> def;  // data unset
    uint64_t storage_id = 0;
    std::vector<Type> storage_types;
    std::vector<storage::IndexSpec> index_specs;
  };
  static Result<DecodedTable> DecodeTable(std::string_view bytes);

  // A catalog from a header and table definitions (with `data` set by the
  // caller for tables). Bootstraps when `header` is empty.
  static Result<std::shared_ptr<Catalog>> Build(std::string_view header,
                                                std::vector<std::shared_ptr<TableDef>> tables);
};

}  // namespace omen::catalog
