#pragma once
// Private to catalog/system_*: builds system-relation rows column by name,
// starting every row from the column types' "nothing" values
// (system_tables.h invariant 2).

#include <string>
#include <string_view>
#include <vector>

#include "catalog/system_tables.h"

namespace omen::catalog::internal {

Value OidValue(uint32_t oid, TypeId type = TypeId::kOid);
Value NameValue(std::string s);
Value CharValue(char c);  // "char"; '\0' is the empty value
Value IntValue(TypeId type, int64_t i);
Value TextValue(std::string s, TypeId type = TypeId::kText);
Value BoolValue(bool b);

class SystemRowBuilder {
 public:
  SystemRowBuilder(const SystemTableDef& def, std::vector<std::vector<Value>>* out);
  // Starts a new row of default values.
  void Begin();
  // Sets column `name` of the current row (REQUIRES: the column exists).
  void Set(std::string_view name, Value v);

 private:
  const SystemTableDef& def_;
  std::vector<std::vector<Value>>* out_;
};

// information_schema rows (system_rows_info.cc).
void InformationSchemaRows(const SystemTableDef& def, const SystemScanContext& ctx,
                           std::vector<std::vector<Value>>* out);
// pg_type / pg_proc / pg_settings / pg_am / pg_database / roles
// (system_rows_builtin.cc); false when `def` is none of them.
bool BuiltinRows(const SystemTableDef& def, const SystemScanContext& ctx,
                 std::vector<std::vector<Value>>* out);

}  // namespace omen::catalog::internal
