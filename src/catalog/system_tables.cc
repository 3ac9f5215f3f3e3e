// System relations over one catalog version: lookup, the row builder, and
// the rows of pg_namespace, pg_class, pg_attribute, pg_attrdef, pg_index and
// pg_constraint (the relations describing tables).

#include "catalog/system_tables.h"

#include <unordered_map>

#include "catalog/system_row_builder.h"
#include "common/array.h"

namespace omen::catalog {

namespace internal {

Value OidValue(uint32_t oid, TypeId type) {
  Value v = Value::Null(Type(type));
  v.is_null = false;
  v.i = oid;
  return v;
}

Value NameValue(std::string s) { return TextValue(std::move(s), TypeId::kName); }

Value CharValue(char c) {
  return TextValue(c == '\0' ? std::string() : std::string(1, c), TypeId::kSingleChar);
}

Value IntValue(TypeId type, int64_t i) {
  Value v = Value::Null(Type(type));
  v.is_null = false;
  v.i = i;
  return v;
}

Value TextValue(std::string s, TypeId type) {
  Value v = Value::Null(Type(type));
  v.is_null = false;
  v.s = std::move(s);
  return v;
}

Value BoolValue(bool b) { return Value::Bool(b); }

namespace {

Value DefaultFor(Type t) {
  switch (t.id) {
    case TypeId::kBool:
      return BoolValue(false);
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64:
      return IntValue(t.id, 0);
    case TypeId::kFloat32:
      return Value::Float32(0);
    case TypeId::kName:
    case TypeId::kSingleChar:
      return TextValue("", t.id);
    default:
      if (t.IsOidLike()) return OidValue(0, t.id);
      return Value::Null(t);
  }
}

}  // namespace

SystemRowBuilder::SystemRowBuilder(const SystemTableDef& def, std::vector<std::vector<Value>>* out)
    : def_(def), out_(out) {}

void SystemRowBuilder::Begin() {
  std::vector<Value> row;
  row.reserve(def_.columns.size());
  for (const auto& [name, type] : def_.columns) row.push_back(DefaultFor(type));
  out_->push_back(std::move(row));
}

void SystemRowBuilder::Set(std::string_view name, Value v) {
  for (size_t i = 0; i < def_.columns.size(); ++i) {
    if (name == def_.columns[i].first) {
      Type t = def_.columns[i].second;
      v.type = t;
      out_->back()[i] = std::move(v);
      return;
    }
  }
}

}  // namespace internal

using internal::BoolValue;
using internal::CharValue;
using internal::IntValue;
using internal::NameValue;
using internal::OidValue;
using internal::SystemRowBuilder;
using internal::TextValue;

namespace {

// PostgreSQL's collation of a column of this type: 100 (default) for the
// collatable string types, 950 (C) for name, 0 otherwise.
uint32_t CollationOf(TypeId id) {
  if (id == TypeId::kName) return 950;
  if (id == TypeId::kText || id == TypeId::kVarchar || id == TypeId::kChar) return 100;
  return 0;
}

// An int2 array of attnums (column id + 1); lower bound 0 for the
// int2vector columns (indkey), 1 for int2[] (conkey).
Value AttnumArray(const std::vector<int>& cols, int32_t lower_bound) {
  std::vector<Value> elems;
  for (int c : cols) elems.push_back(Value::Int16(static_cast<int16_t>(c + 1)));
  return MakeArrayValue(Type::ArrayOf(Type(TypeId::kInt16)), elems, lower_bound);
}

Value OidVector(size_t n, uint32_t oid) {
  std::vector<Value> elems(n, OidValue(oid));
  return MakeArrayValue(Type::ArrayOf(Type(TypeId::kOid)), elems, 0);
}

uint32_t NamespaceOid(const Catalog& catalog, const std::string& schema) {
  const SchemaDef* s = catalog.FindSchema(schema);
  return s == nullptr ? 0 : s->oid;
}

// The view's columns numbered from 0 (none when they cannot be computed).
std::vector<std::pair<int, std::pair<std::string, Type>>> ViewColumns(const SystemScanContext& ctx,
                                                                      const TableDef& view) {
  std::vector<std::pair<int, std::pair<std::string, Type>>> out;
  if (!ctx.view_columns) return out;
  auto cols = ctx.view_columns(view);
  if (!cols.ok()) return out;
  for (size_t i = 0; i < cols->size(); ++i) out.push_back({static_cast<int>(i), (*cols)[i]});
  return out;
}

void NamespaceRows(const SystemScanContext& ctx, SystemRowBuilder* b) {
  auto add = [&](uint32_t oid, const std::string& name) {
    b->Begin();
    b->Set("oid", OidValue(oid));
    b->Set("nspname", NameValue(name));
    b->Set("nspowner", OidValue(oid == kPublicNamespaceOid ? kPgDatabaseOwnerOid : 10));
  };
  add(kPgToastNamespaceOid, "pg_toast");
  for (const auto& [name, schema] : ctx.catalog->schemas()) add(schema.oid, name);
}

// One pg_class row; `t` null for system relations and indexes.
void ClassRow(SystemRowBuilder* b, uint32_t oid, const std::string& name, uint32_t nsp, char kind,
              int natts) {
  b->Begin();
  b->Set("oid", OidValue(oid));
  b->Set("relname", NameValue(name));
  b->Set("relnamespace", OidValue(nsp));
  b->Set("relowner", OidValue(10));
  b->Set("relam", OidValue(kind == 'r' ? 2 : kind == 'i' ? 403 : 0));
  b->Set("relfilenode", OidValue(kind == 'v' ? 0 : oid));
  b->Set("reltuples", Value::Float32(-1));
  b->Set("relpersistence", CharValue('p'));
  b->Set("relkind", CharValue(kind));
  b->Set("relnatts", IntValue(TypeId::kInt16, natts));
  b->Set("relhasrules", BoolValue(kind == 'v'));
  b->Set("relispopulated", BoolValue(true));
  b->Set("relreplident", CharValue(kind == 'r' ? 'd' : 'n'));
}

void ClassRows(const SystemScanContext& ctx, SystemRowBuilder* b) {
  for (const SystemTableDef& def : SystemTableDefs()) {
    uint32_t nsp = NamespaceOid(*ctx.catalog, def.schema);
    ClassRow(b, def.oid, def.name, nsp, def.relkind, static_cast<int>(def.columns.size()));
  }
  for (const auto& [key, t] : ctx.catalog->tables()) {
    uint32_t nsp = NamespaceOid(*ctx.catalog, t->schema);
    char kind = t->is_view ? 'v' : 'r';
    int natts = static_cast<int>(t->is_view ? ViewColumns(ctx, *t).size() : t->columns.size());
    ClassRow(b, t->oid, t->name, nsp, kind, natts);
    b->Set("relhasindex", BoolValue(!t->indexes.empty()));
    int checks = 0;
    for (const ConstraintDef& c : t->constraints) checks += c.kind == ConstraintKind::kCheck;
    b->Set("relchecks", IntValue(TypeId::kInt16, checks));
    if (t->stats != nullptr)
      b->Set("reltuples", Value::Float32(static_cast<float>(t->stats->row_count)));
    for (const IndexDef& index : t->indexes) {
      ClassRow(b, index.oid, index.name, nsp, 'i', static_cast<int>(index.columns.size()));
    }
  }
}

void AttributeRow(SystemRowBuilder* b, uint32_t rel, const std::string& name, Type type, int attnum,
                  bool not_null, bool has_default, bool dropped) {
  b->Begin();
  b->Set("attrelid", OidValue(rel));
  b->Set("attname",
         NameValue(dropped ? "........pg.dropped." + std::to_string(attnum) + "........" : name));
  b->Set("atttypid", OidValue(dropped ? 0 : type.Oid()));
  b->Set("attstattarget", IntValue(TypeId::kInt32, -1));
  b->Set("attlen", IntValue(TypeId::kInt16, type.Length()));
  b->Set("attnum", IntValue(TypeId::kInt16, attnum));
  b->Set("attcacheoff", IntValue(TypeId::kInt32, -1));
  // PostgreSQL's varchar(n)/char(n) typmod counts the 4-byte header.
  bool chars = (type.id == TypeId::kVarchar || type.id == TypeId::kChar) && type.typmod >= 0;
  b->Set("atttypmod", IntValue(TypeId::kInt32, chars ? type.typmod + 4 : type.typmod));
  b->Set("attbyval", BoolValue(type.Length() > 0 && type.Length() <= 8));
  b->Set("attalign", CharValue(type.Length() == 8   ? 'd'
                               : type.Length() == 2 ? 's'
                               : type.Length() == 1 ? 'c'
                                                    : 'i'));
  b->Set("attstorage", CharValue(type.Length() > 0             ? 'p'
                                 : type.id == TypeId::kNumeric ? 'm'
                                                               : 'x'));
  b->Set("attnotnull", BoolValue(not_null));
  b->Set("atthasdef", BoolValue(has_default));
  b->Set("attisdropped", BoolValue(dropped));
  b->Set("attislocal", BoolValue(true));
  b->Set("attcollation", OidValue(dropped ? 0 : CollationOf(type.id)));
}

// The system columns every table has (attnum < 0), as PostgreSQL lists them.
void SystemColumnRows(SystemRowBuilder* b, uint32_t rel) {
  static const struct {
    const char* name;
    uint32_t type_oid;
    int len;
  } kCols[] = {{"tableoid", 26, 4}, {"cmax", 29, 4}, {"xmax", 28, 4},
               {"cmin", 29, 4},     {"xmin", 28, 4}, {"ctid", 27, 6}};
  for (int i = 0; i < 6; ++i) {
    AttributeRow(b, rel, kCols[i].name, Type(TypeId::kInt32), -6 + i, true, false, false);
    b->Set("atttypid", OidValue(kCols[i].type_oid));
    b->Set("attlen", IntValue(TypeId::kInt16, kCols[i].len));
    b->Set("attalign", CharValue(i == 5 ? 's' : 'i'));
    b->Set("attbyval", BoolValue(i != 5));
  }
}

void AttributeRows(const SystemScanContext& ctx, SystemRowBuilder* b) {
  for (const SystemTableDef& def : SystemTableDefs()) {
    for (size_t i = 0; i < def.columns.size(); ++i) {
      AttributeRow(b, def.oid, def.columns[i].first, def.columns[i].second, static_cast<int>(i + 1),
                   def.relkind == 'r', false, false);
    }
  }
  for (const auto& [key, t] : ctx.catalog->tables()) {
    if (!t->is_view) SystemColumnRows(b, t->oid);
    if (t->is_view) {
      for (const auto& [i, col] : ViewColumns(ctx, *t)) {
        AttributeRow(b, t->oid, col.first, col.second, i + 1, false, false, false);
      }
      continue;
    }
    for (size_t i = 0; i < t->columns.size(); ++i) {
      const ColumnDef& c = t->columns[i];
      AttributeRow(b, t->oid, c.name, c.type, static_cast<int>(i + 1), c.not_null,
                   !c.default_sql.empty(), c.dropped);
    }
    for (const IndexDef& index : t->indexes) {
      for (size_t k = 0; k < index.columns.size(); ++k) {
        const ColumnDef& c = t->columns[index.columns[k]];
        AttributeRow(b, index.oid, c.name, c.type, static_cast<int>(k + 1), false, false, false);
      }
    }
  }
}

void AttrdefRows(const SystemScanContext& ctx, SystemRowBuilder* b) {
  for (const auto& [key, t] : ctx.catalog->tables()) {
    for (size_t i = 0; i < t->columns.size(); ++i) {
      const ColumnDef& c = t->columns[i];
      if (c.dropped || c.default_sql.empty()) continue;
      b->Begin();
      b->Set("oid", OidValue(c.default_oid));
      b->Set("adrelid", OidValue(t->oid));
      b->Set("adnum", IntValue(TypeId::kInt16, static_cast<int>(i + 1)));
      // adbin holds the expression's SQL text; pg_get_expr prints it as
      // PostgreSQL does (execution/function_catalog.cc).
      b->Set("adbin", TextValue(c.default_sql, TypeId::kPgNodeTree));
    }
  }
}

void IndexRows(const SystemScanContext& ctx, SystemRowBuilder* b) {
  for (const auto& [key, t] : ctx.catalog->tables()) {
    for (const IndexDef& index : t->indexes) {
      b->Begin();
      b->Set("indexrelid", OidValue(index.oid));
      b->Set("indrelid", OidValue(t->oid));
      b->Set("indnatts", IntValue(TypeId::kInt16, static_cast<int>(index.columns.size())));
      b->Set("indnkeyatts", IntValue(TypeId::kInt16, static_cast<int>(index.columns.size())));
      b->Set("indisunique", BoolValue(index.unique));
      b->Set("indisprimary", BoolValue(index.primary));
      b->Set("indimmediate", BoolValue(true));
      b->Set("indisvalid", BoolValue(true));
      b->Set("indisready", BoolValue(true));
      b->Set("indislive", BoolValue(true));
      b->Set("indkey", AttnumArray(index.columns, 0));
      std::vector<Value> collations, options(index.columns.size(), Value::Int16(0));
      for (int c : index.columns)
        collations.push_back(OidValue(CollationOf(t->columns[c].type.id)));
      b->Set("indcollation", MakeArrayValue(Type::ArrayOf(Type(TypeId::kOid)), collations, 0));
      b->Set("indclass", OidVector(index.columns.size(), 0));
      b->Set("indoption", MakeArrayValue(Type::ArrayOf(Type(TypeId::kInt16)), options, 0));
    }
  }
}

void ConstraintRows(const SystemScanContext& ctx, SystemRowBuilder* b) {
  for (const auto& [key, t] : ctx.catalog->tables()) {
    for (const ConstraintDef& c : t->constraints) {
      b->Begin();
      b->Set("oid", OidValue(c.oid));
      b->Set("conname", NameValue(c.name));
      b->Set("connamespace", OidValue(NamespaceOid(*ctx.catalog, t->schema)));
      char type = c.kind == ConstraintKind::kPrimaryKey ? 'p'
                  : c.kind == ConstraintKind::kUnique   ? 'u'
                                                        : 'c';
      b->Set("contype", CharValue(type));
      b->Set("convalidated", BoolValue(true));
      b->Set("conrelid", OidValue(t->oid));
      for (const IndexDef& index : t->indexes) {
        if (!c.index_name.empty() && index.name == c.index_name)
          b->Set("conindid", OidValue(index.oid));
      }
      b->Set("confupdtype", CharValue(' '));
      b->Set("confdeltype", CharValue(' '));
      b->Set("confmatchtype", CharValue(' '));
      b->Set("conislocal", BoolValue(true));
      b->Set("connoinherit", BoolValue(c.kind == ConstraintKind::kCheck ? false : true));
      b->Set("conkey", AttnumArray(c.columns, 1));
      if (c.kind == ConstraintKind::kCheck)
        b->Set("conbin", TextValue(c.check_sql, TypeId::kPgNodeTree));
    }
  }
}

}  // namespace

const SystemTableDef* FindSystemTable(std::string_view schema, std::string_view name) {
  static const auto* index = [] {
    auto* m = new std::unordered_map<std::string, const SystemTableDef*>();
    for (const SystemTableDef& d : SystemTableDefs())
      (*m)[std::string(d.schema) + "." + d.name] = &d;
    return m;
  }();
  auto it = index->find(std::string(schema) + "." + std::string(name));
  return it == index->end() ? nullptr : it->second;
}

const SystemTableDef* FindSystemTableByOid(uint32_t oid) {
  for (const SystemTableDef& d : SystemTableDefs()) {
    if (d.oid == oid) return &d;
  }
  return nullptr;
}

Result<std::vector<std::vector<Value>>> SystemTableRows(const SystemTableDef& def,
                                                        const SystemScanContext& ctx) {
  std::vector<std::vector<Value>> rows;
  SystemRowBuilder b(def, &rows);
  std::string_view name = def.name;
  if (std::string_view(def.schema) == "information_schema") {
    internal::InformationSchemaRows(def, ctx, &rows);
  } else if (name == "pg_namespace") {
    NamespaceRows(ctx, &b);
  } else if (name == "pg_class") {
    ClassRows(ctx, &b);
  } else if (name == "pg_attribute") {
    AttributeRows(ctx, &b);
  } else if (name == "pg_attrdef") {
    AttrdefRows(ctx, &b);
  } else if (name == "pg_index") {
    IndexRows(ctx, &b);
  } else if (name == "pg_constraint") {
    ConstraintRows(ctx, &b);
  } else {
    // Everything else is built in, or a kind of object OmenDB does not have (no rows).
    internal::BuiltinRows(def, ctx, &rows);
  }
  return rows;
}

}  // namespace omen::catalog
