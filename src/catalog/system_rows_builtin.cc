// Rows of the system relations describing built-in objects and the
// session: pg_type, pg_proc, pg_am, pg_database, pg_roles / pg_authid /
// pg_user, pg_settings, and the views pg_tables / pg_views / pg_indexes.

#include <string>

#include "catalog/functions.h"
#include "catalog/system_row_builder.h"
#include "common/array.h"

namespace omen::catalog {

namespace internal {

namespace {

struct TypeFacts {
  TypeId id;
  const char* typname;
  char category;
  bool preferred;
};

// PostgreSQL's typname / typcategory / typispreferred for OmenDB's types.
constexpr TypeFacts kTypes[] = {
    {TypeId::kBool, "bool", 'B', true},
    {TypeId::kInt16, "int2", 'N', false},
    {TypeId::kInt32, "int4", 'N', false},
    {TypeId::kInt64, "int8", 'N', false},
    {TypeId::kFloat32, "float4", 'N', false},
    {TypeId::kFloat64, "float8", 'N', true},
    {TypeId::kNumeric, "numeric", 'N', false},
    {TypeId::kText, "text", 'S', true},
    {TypeId::kVarchar, "varchar", 'S', false},
    {TypeId::kChar, "bpchar", 'S', false},
    {TypeId::kDate, "date", 'D', false},
    {TypeId::kTimestamp, "timestamp", 'D', false},
    {TypeId::kTimestampTz, "timestamptz", 'D', true},
    {TypeId::kInterval, "interval", 'T', true},
    {TypeId::kOid, "oid", 'N', true},
    {TypeId::kName, "name", 'S', false},
    {TypeId::kSingleChar, "char", 'Z', false},
    {TypeId::kRegclass, "regclass", 'N', false},
    {TypeId::kRegtype, "regtype", 'N', false},
    {TypeId::kRegnamespace, "regnamespace", 'N', false},
    {TypeId::kRegproc, "regproc", 'N', false},
    {TypeId::kPgNodeTree, "pg_node_tree", 'Z', false},
    {TypeId::kUnknown, "unknown", 'X', false},
};

uint32_t Collation(TypeId id) {
  if (id == TypeId::kName) return 950;
  if (id == TypeId::kText || id == TypeId::kVarchar || id == TypeId::kChar) return 100;
  return 0;
}

void TypeRow(SystemRowBuilder* b, uint32_t oid, const std::string& name, int len, char category,
             bool preferred, uint32_t elem, uint32_t array, uint32_t collation) {
  b->Begin();
  b->Set("oid", OidValue(oid));
  b->Set("typname", NameValue(name));
  b->Set("typnamespace", OidValue(kPgCatalogNamespaceOid));
  b->Set("typowner", OidValue(10));
  b->Set("typlen", IntValue(TypeId::kInt16, len));
  b->Set("typbyval", BoolValue(len > 0 && len <= 8));
  b->Set("typtype", CharValue(name == "unknown" ? 'p' : 'b'));
  b->Set("typcategory", CharValue(category));
  b->Set("typispreferred", BoolValue(preferred));
  b->Set("typisdefined", BoolValue(true));
  b->Set("typdelim", CharValue(','));
  b->Set("typelem", OidValue(elem));
  b->Set("typarray", OidValue(array));
  b->Set("typalign", CharValue(len == 8 ? 'd' : len == 2 ? 's' : len == 1 ? 'c' : 'i'));
  b->Set("typstorage", CharValue(len > 0 ? 'p' : 'x'));
  b->Set("typtypmod", IntValue(TypeId::kInt32, -1));
  b->Set("typcollation", OidValue(collation));
  if (elem != 0) {  // an array type: PostgreSQL's array I/O functions
    const char* columns[] = {"typinput", "typoutput", "typreceive", "typsend"};
    for (size_t i = 0; i < 4; ++i) {
      b->Set(columns[i], OidValue(kArrayIoFunctions[i].oid, TypeId::kRegproc));
    }
  }
}

void TypeRows(SystemRowBuilder* b) {
  for (const TypeFacts& f : kTypes) {
    Type t(f.id);
    uint32_t array = ArrayTypeOid(f.id);
    TypeRow(b, t.Oid(), f.typname, t.Length(), f.category, f.preferred, 0, array, Collation(f.id));
    if (array != 0) {
      TypeRow(b, array, std::string("_") + f.typname, -1, 'A', false, t.Oid(), 0, Collation(f.id));
    }
  }
}

void ProcRows(SystemRowBuilder* b) {
  for (const FunctionSignature& f : AllFunctions()) {
    b->Begin();
    b->Set("oid", OidValue(f.oid));
    b->Set("proname", NameValue(f.name));
    b->Set("pronamespace", OidValue(kPgCatalogNamespaceOid));
    b->Set("proowner", OidValue(10));
    b->Set("prolang", OidValue(12));
    b->Set("procost", Value::Float32(1));
    b->Set("prokind", CharValue(f.kind == FunctionKind::kAggregate ? 'a'
                                : f.kind == FunctionKind::kWindow  ? 'w'
                                                                   : 'f'));
    b->Set("proisstrict", BoolValue(f.strict));
    b->Set("provolatile", CharValue('i'));
    b->Set("proparallel", CharValue('s'));
    b->Set("pronargs", IntValue(TypeId::kInt16, static_cast<int>(f.args.size())));
    b->Set("prorettype", OidValue(f.ret.Oid()));
    std::vector<Value> argtypes;
    for (TypeId t : f.args) argtypes.push_back(OidValue(Type(t).Oid()));
    b->Set("proargtypes", MakeArrayValue(Type::ArrayOf(Type(TypeId::kOid)), argtypes, 0));
    b->Set("prosrc", TextValue(f.name));
  }
}

void RoleRows(const SystemTableDef& def, const Catalog& catalog, SystemRowBuilder* b) {
  std::string_view rel = def.name;
  bool user_view = rel == "pg_user";
  for (const auto& [name, r] : catalog.roles()) {
    if (user_view && !r.can_login) continue;
    b->Begin();
    if (user_view) {
      b->Set("usename", NameValue(r.name));
      b->Set("usesysid", OidValue(r.oid));
      b->Set("usecreatedb", BoolValue(r.create_db));
      b->Set("usesuper", BoolValue(r.superuser));
      b->Set("userepl", BoolValue(r.replication));
      b->Set("usebypassrls", BoolValue(r.bypass_rls));
      b->Set("passwd", TextValue("********"));
      continue;
    }
    b->Set("oid", OidValue(r.oid));
    b->Set("rolname", NameValue(r.name));
    b->Set("rolsuper", BoolValue(r.superuser));
    b->Set("rolinherit", BoolValue(r.inherit));
    b->Set("rolcreaterole", BoolValue(r.create_role));
    b->Set("rolcreatedb", BoolValue(r.create_db));
    b->Set("rolcanlogin", BoolValue(r.can_login));
    b->Set("rolreplication", BoolValue(r.replication));
    b->Set("rolbypassrls", BoolValue(r.bypass_rls));
    b->Set("rolconnlimit", IntValue(TypeId::kInt32, -1));
    if (rel == "pg_authid") {
      if (!r.password.empty()) b->Set("rolpassword", TextValue(r.password));
    } else {
      b->Set("rolpassword", TextValue("********"));
    }
  }
}

// pg_settings metadata PostgreSQL shows for the settings OmenDB has.
struct SettingFacts {
  const char* name;  // as PostgreSQL spells it
  const char* unit;
  const char* vartype;
  const char* context;
};
constexpr SettingFacts kSettingFacts[] = {
    {"DateStyle", "", "string", "user"},
    {"IntervalStyle", "", "enum", "user"},
    {"TimeZone", "", "string", "user"},
    {"statement_timeout", "ms", "integer", "user"},
    {"lock_timeout", "ms", "integer", "user"},
    {"idle_in_transaction_session_timeout", "ms", "integer", "user"},
    {"idle_session_timeout", "ms", "integer", "user"},
    {"extra_float_digits", "", "integer", "user"},
    {"max_connections", "", "integer", "postmaster"},
    {"server_version", "", "string", "internal"},
    {"server_version_num", "", "integer", "internal"},
    {"server_encoding", "", "string", "internal"},
    {"integer_datetimes", "", "bool", "internal"},
    {"is_superuser", "", "bool", "internal"},
    {"standard_conforming_strings", "", "bool", "user"},
    {"transaction_read_only", "", "bool", "user"},
    {"default_transaction_read_only", "", "bool", "user"},
    {"synchronous_commit", "", "enum", "user"},
    {"client_min_messages", "", "enum", "user"},
    {"transaction_isolation", "", "enum", "user"},
    {"default_transaction_isolation", "", "enum", "user"},
};

bool EqualsNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

void SettingRows(const SystemScanContext& ctx, SystemRowBuilder* b) {
  for (const auto& [key, value] : ctx.settings) {
    const SettingFacts* facts = nullptr;
    for (const SettingFacts& f : kSettingFacts) {
      if (EqualsNoCase(f.name, key)) facts = &f;
    }
    std::string setting = value;
    // pg_settings shows statement_timeout & co. in their unit without it.
    if (facts != nullptr && std::string_view(facts->unit) == "ms") {
      size_t n = 0;
      while (n < setting.size() && std::isdigit(static_cast<unsigned char>(setting[n]))) ++n;
      std::string unit = setting.substr(n);
      int64_t num = n > 0 ? std::stoll(setting.substr(0, n)) : 0;
      if (unit == "s")
        num *= 1000;
      else if (unit == "min")
        num *= 60000;
      else if (unit == "h")
        num *= 3600000;
      setting = std::to_string(num);
    }
    b->Begin();
    b->Set("name", TextValue(facts != nullptr ? facts->name : key));
    b->Set("setting", TextValue(setting));
    if (facts != nullptr && facts->unit[0] != '\0') b->Set("unit", TextValue(facts->unit));
    b->Set("category",
           TextValue(key.find('.') != std::string::npos ? "Customized Options" : "Ungrouped"));
    b->Set("context", TextValue(facts != nullptr ? facts->context : "user"));
    b->Set("vartype", TextValue(facts != nullptr ? facts->vartype : "string"));
    b->Set("source", TextValue("default"));
    b->Set("pending_restart", BoolValue(false));
  }
}

void DatabaseRows(SystemRowBuilder* b) {
  b->Begin();
  b->Set("oid", OidValue(kPostgresDatabaseOid));
  b->Set("datname", NameValue("postgres"));
  b->Set("datdba", OidValue(10));
  b->Set("encoding", IntValue(TypeId::kInt32, 6));
  b->Set("datlocprovider", CharValue('c'));
  b->Set("datallowconn", BoolValue(true));
  b->Set("datconnlimit", IntValue(TypeId::kInt32, -1));
  b->Set("dattablespace", OidValue(1663));
  b->Set("datcollate", TextValue("C"));
  b->Set("datctype", TextValue("C"));
}

void AmRows(SystemRowBuilder* b) {
  const struct {
    uint32_t oid;
    const char* name;
    uint32_t handler;
    char type;
  } kAms[] = {{2, "heap", 3, 't'}, {403, "btree", 330, 'i'}, {405, "hash", 331, 'i'}};
  for (const auto& am : kAms) {
    b->Begin();
    b->Set("oid", OidValue(am.oid));
    b->Set("amname", NameValue(am.name));
    b->Set("amhandler", OidValue(am.handler, TypeId::kRegproc));
    b->Set("amtype", CharValue(am.type));
  }
}

void TablespaceRows(SystemRowBuilder* b) {
  const std::pair<uint32_t, const char*> kSpaces[] = {{1663, "pg_default"}, {1664, "pg_global"}};
  for (const auto& [oid, name] : kSpaces) {
    b->Begin();
    b->Set("oid", OidValue(oid));
    b->Set("spcname", NameValue(name));
    b->Set("spcowner", OidValue(10));
  }
}

void CollationRows(SystemRowBuilder* b) {
  const struct {
    uint32_t oid;
    const char* name;
    char provider;
  } kColls[] = {{100, "default", 'd'}, {950, "C", 'c'}, {951, "POSIX", 'c'}};
  for (const auto& c : kColls) {
    b->Begin();
    b->Set("oid", OidValue(c.oid));
    b->Set("collname", NameValue(c.name));
    b->Set("collnamespace", OidValue(kPgCatalogNamespaceOid));
    b->Set("collowner", OidValue(10));
    b->Set("collprovider", CharValue(c.provider));
    b->Set("collisdeterministic", BoolValue(true));
    b->Set("collencoding", IntValue(TypeId::kInt32, -1));
    if (c.provider == 'c') {
      b->Set("collcollate", TextValue(c.name));
      b->Set("collctype", TextValue(c.name));
    }
  }
}

// pg_tables, pg_views and pg_indexes over the catalog's user relations.
void RelationViewRows(std::string_view rel, const Catalog& catalog, SystemRowBuilder* b) {
  for (const auto& [key, t] : catalog.tables()) {
    if (rel == "pg_tables" && !t->is_view) {
      b->Begin();
      b->Set("schemaname", NameValue(t->schema));
      b->Set("tablename", NameValue(t->name));
      b->Set("tableowner", NameValue(RoleNameOfOid(catalog, 10)));
      b->Set("hasindexes", BoolValue(!t->indexes.empty()));
    } else if (rel == "pg_views" && t->is_view) {
      b->Begin();
      b->Set("schemaname", NameValue(t->schema));
      b->Set("viewname", NameValue(t->name));
      b->Set("viewowner", NameValue(RoleNameOfOid(catalog, 10)));
      b->Set("definition", TextValue(t->view_sql));
    } else if (rel == "pg_indexes") {
      for (const IndexDef& index : t->indexes) {
        b->Begin();
        b->Set("schemaname", NameValue(t->schema));
        b->Set("tablename", NameValue(t->name));
        b->Set("indexname", NameValue(index.name));
      }
    }
  }
}

}  // namespace

bool BuiltinRows(const SystemTableDef& def, const SystemScanContext& ctx,
                 std::vector<std::vector<Value>>* out) {
  SystemRowBuilder b(def, out);
  std::string_view name = def.name;
  if (name == "pg_type")
    TypeRows(&b);
  else if (name == "pg_proc")
    ProcRows(&b);
  else if (name == "pg_roles" || name == "pg_authid" || name == "pg_user")
    RoleRows(def, *ctx.catalog, &b);
  else if (name == "pg_settings")
    SettingRows(ctx, &b);
  else if (name == "pg_database")
    DatabaseRows(&b);
  else if (name == "pg_am")
    AmRows(&b);
  else if (name == "pg_tablespace")
    TablespaceRows(&b);
  else if (name == "pg_collation")
    CollationRows(&b);
  else if (name == "pg_tables" || name == "pg_views" || name == "pg_indexes")
    RelationViewRows(name, *ctx.catalog, &b);
  else
    return false;
  return true;
}

}  // namespace internal

std::string TypeNameOfOid(uint32_t oid) {
  for (const internal::TypeFacts& f : internal::kTypes) {
    if (Type(f.id).Oid() == oid) return f.typname;
    if (ArrayTypeOid(f.id) == oid && oid != 0) return std::string("_") + f.typname;
  }
  return "";
}

std::string RoleNameOfOid(const Catalog& catalog, uint32_t oid) {
  if (oid == kPgDatabaseOwnerOid) return "pg_database_owner";
  for (const auto& [name, r] : catalog.roles()) {
    if (r.oid == oid) return name;
  }
  return "unknown (OID=" + std::to_string(oid) + ")";
}

}  // namespace omen::catalog
