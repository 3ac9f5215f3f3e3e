// information_schema.tables, columns, schemata, table_constraints,
// key_column_usage and views over the catalog's user objects (PostgreSQL
// lists only objects the user may see; OmenDB's user owns them all).

#include <string>

#include "catalog/system_row_builder.h"

namespace omen::catalog::internal {

namespace {

Value Yes(bool b) { return TextValue(b ? "YES" : "NO", TypeId::kVarchar); }
Value Str(std::string s) { return TextValue(std::move(s), TypeId::kVarchar); }

// information_schema.columns.data_type: format_type without the typmod.
std::string DataType(Type t) {
  return Type(t.id).ToString() == "bpchar" ? "character" : Type(t.id).ToString();
}

void Columns(const Catalog& catalog, SystemRowBuilder* b) {
  for (const auto& [key, t] : catalog.tables()) {
    int position = 0;
    for (const ColumnDef& c : t->columns) {
      if (c.dropped) continue;
      ++position;
      b->Begin();
      b->Set("table_catalog", NameValue("postgres"));
      b->Set("table_schema", NameValue(t->schema));
      b->Set("table_name", NameValue(t->name));
      b->Set("column_name", NameValue(c.name));
      b->Set("ordinal_position", IntValue(TypeId::kInt32, position));
      if (!c.default_sql.empty()) b->Set("column_default", Str(c.default_sql));
      b->Set("is_nullable", Yes(!c.not_null));
      b->Set("data_type", Str(DataType(c.type)));
      if ((c.type.id == TypeId::kVarchar || c.type.id == TypeId::kChar) && c.type.typmod >= 0) {
        b->Set("character_maximum_length", IntValue(TypeId::kInt32, c.type.typmod));
        b->Set("character_octet_length", IntValue(TypeId::kInt32, c.type.typmod * 4));
      } else if (c.type.id == TypeId::kText || c.type.id == TypeId::kVarchar) {
        b->Set("character_octet_length", IntValue(TypeId::kInt32, 1073741824));
      }
      b->Set("udt_catalog", NameValue("postgres"));
      b->Set("udt_schema", NameValue("pg_catalog"));
      b->Set("udt_name", NameValue(TypeNameOfOid(c.type.Oid())));
      b->Set("dtd_identifier", NameValue(std::to_string(position)));
      b->Set("is_self_referencing", Yes(false));
      b->Set("is_identity", Yes(false));
      b->Set("identity_cycle", Yes(false));
      b->Set("is_generated", Str("NEVER"));
      b->Set("is_updatable", Yes(true));
    }
  }
}

void Constraints(const Catalog& catalog, bool key_columns, SystemRowBuilder* b) {
  for (const auto& [key, t] : catalog.tables()) {
    // PostgreSQL lists NOT NULL columns as CHECK constraints named
    // <schema oid>_<table oid>_<attnum>_not_null.
    for (size_t i = 0; i < t->columns.size() && !key_columns && !t->is_view; ++i) {
      if (t->columns[i].dropped || !t->columns[i].not_null) continue;
      const SchemaDef* s = catalog.FindSchema(t->schema);
      b->Begin();
      b->Set("constraint_catalog", NameValue("postgres"));
      b->Set("constraint_schema", NameValue(t->schema));
      b->Set("constraint_name",
             NameValue(std::to_string(s != nullptr ? s->oid : 0) + "_" + std::to_string(t->oid) +
                       "_" + std::to_string(i + 1) + "_not_null"));
      b->Set("table_catalog", NameValue("postgres"));
      b->Set("table_schema", NameValue(t->schema));
      b->Set("table_name", NameValue(t->name));
      b->Set("constraint_type", Str("CHECK"));
      b->Set("is_deferrable", Yes(false));
      b->Set("initially_deferred", Yes(false));
      b->Set("enforced", Yes(true));
    }
    for (const ConstraintDef& c : t->constraints) {
      const char* type = c.kind == ConstraintKind::kPrimaryKey ? "PRIMARY KEY"
                         : c.kind == ConstraintKind::kUnique   ? "UNIQUE"
                                                               : "CHECK";
      auto common = [&] {
        b->Begin();
        b->Set("constraint_catalog", NameValue("postgres"));
        b->Set("constraint_schema", NameValue(t->schema));
        b->Set("constraint_name", NameValue(c.name));
        b->Set("table_catalog", NameValue("postgres"));
        b->Set("table_schema", NameValue(t->schema));
        b->Set("table_name", NameValue(t->name));
      };
      if (!key_columns) {
        common();
        b->Set("constraint_type", Str(type));
        b->Set("is_deferrable", Yes(false));
        b->Set("initially_deferred", Yes(false));
        b->Set("enforced", Yes(true));
        if (c.kind != ConstraintKind::kCheck) b->Set("nulls_distinct", Yes(true));
        continue;
      }
      if (c.kind == ConstraintKind::kCheck) continue;
      for (size_t k = 0; k < c.columns.size(); ++k) {
        // (below: one row per key column)
        common();
        b->Set("column_name", NameValue(t->columns[c.columns[k]].name));
        b->Set("ordinal_position", IntValue(TypeId::kInt32, static_cast<int>(k + 1)));
        b->Set("position_in_unique_constraint", Value::Null(Type(TypeId::kInt32)));
      }
    }
  }
}

}  // namespace

void InformationSchemaRows(const SystemTableDef& def, const SystemScanContext& ctx,
                           std::vector<std::vector<Value>>* out) {
  SystemRowBuilder b(def, out);
  const Catalog& catalog = *ctx.catalog;
  std::string_view name = def.name;
  if (name == "schemata") {
    for (const auto& [schema, s] : catalog.schemas()) {
      b.Begin();
      b.Set("catalog_name", NameValue("postgres"));
      b.Set("schema_name", NameValue(schema));
      b.Set("schema_owner",
            NameValue(RoleNameOfOid(catalog, schema == "public" ? kPgDatabaseOwnerOid : 10)));
    }
  } else if (name == "tables" || name == "views") {
    for (const auto& [key, t] : catalog.tables()) {
      if (name == "views" && !t->is_view) continue;
      b.Begin();
      b.Set("table_catalog", NameValue("postgres"));
      b.Set("table_schema", NameValue(t->schema));
      b.Set("table_name", NameValue(t->name));
      if (name == "views") {
        b.Set("view_definition", Str(t->view_sql));
        b.Set("check_option", Str("NONE"));
        b.Set("is_updatable", Yes(false));
        b.Set("is_insertable_into", Yes(false));
        b.Set("is_trigger_updatable", Yes(false));
        b.Set("is_trigger_deletable", Yes(false));
        b.Set("is_trigger_insertable_into", Yes(false));
        continue;
      }
      b.Set("table_type", Str(t->is_view ? "VIEW" : "BASE TABLE"));
      b.Set("is_insertable_into", Yes(!t->is_view));
      b.Set("is_typed", Yes(false));
    }
  } else if (name == "columns") {
    Columns(catalog, &b);
  } else if (name == "table_constraints") {
    Constraints(catalog, false, &b);
  } else if (name == "key_column_usage") {
    Constraints(catalog, true, &b);
  }
}

}  // namespace omen::catalog::internal
