// CREATE TABLE binding: column types, column and table constraints, and
// PostgreSQL's generated constraint / index names.

#include <pg_query/pg_query.pb-c.h>

#include <algorithm>
#include <string>

#include "sql/utility_binder.h"
#include "sql/utility_internal.h"

namespace omen::sql::utility {

namespace {

using catalog::ConstraintDef;
using catalog::ConstraintKind;
using catalog::TableDef;

Status InvalidParameter(std::string message) {
  return Status(sqlstate::kInvalidParameterValue, std::move(message));
}

// Integer type modifiers (varchar(10), numeric(10,2)).
Result<std::vector<int32_t>> TypeModifiers(const PgQuery__TypeName* t) {
  std::vector<int32_t> mods;
  for (size_t i = 0; i < t->n_typmods; ++i) {
    const PgQuery__Node* n = t->typmods[i];
    if (n->node_case != PG_QUERY__NODE__NODE_A_CONST ||
        n->a_const->val_case != PG_QUERY__A__CONST__VAL_IVAL) {
      return Status(sqlstate::kSyntaxError,
                    "type modifiers must be simple constants or identifiers");
    }
    mods.push_back(n->a_const->ival->ival);
  }
  return mods;
}

Result<Type> CharacterType(TypeId id, const char* pg_name, const std::vector<int32_t>& mods) {
  if (mods.empty()) return Type(id, id == TypeId::kChar ? 1 : -1);
  if (mods.size() > 1) return Status(sqlstate::kSyntaxError, "invalid type modifier");
  if (mods[0] < 1) {
    return InvalidParameter(std::string("length for type ") + pg_name + " must be at least 1");
  }
  if (mods[0] > 10485760) {
    return InvalidParameter(std::string("length for type ") + pg_name + " cannot exceed 10485760");
  }
  return Type(id, mods[0]);
}

Result<Type> NumericType(const std::vector<int32_t>& mods) {
  if (mods.empty()) return Type(TypeId::kNumeric);
  if (mods.size() > 2) return Status(sqlstate::kSyntaxError, "invalid NUMERIC type modifier");
  int32_t precision = mods[0];
  int32_t scale = mods.size() == 2 ? mods[1] : 0;
  if (precision < 1 || precision > 1000) {
    return InvalidParameter("NUMERIC precision " + std::to_string(precision) +
                            " must be between 1 and 1000");
  }
  if (scale < -1000 || scale > 1000) {
    return InvalidParameter("NUMERIC scale " + std::to_string(scale) +
                            " must be between -1000 and 1000");
  }
  return Type(TypeId::kNumeric, ((precision << 16) | (scale & 0x7ff)) + 4);
}

bool IsKnownUnsupportedType(const std::string& name) {
  static const char* const kNames[] = {
      "time",        "timetz",  "bytea",    "uuid",   "json",    "jsonb",
      "inet",     "cidr",        "macaddr", "money",    "bit",    "varbit",  "xml",
      "point",    "oid",         "name",    "char",     "serial", "serial4", "bigserial",
      "serial8",  "smallserial", "serial2", "tsvector",
  };
  return std::find(std::begin(kNames), std::end(kNames), name) != std::end(kNames);
}

std::string ColumnName(const PgQuery__Node* key) { return NodeString(key); }

int LookupColumn(const TableDef& def, const std::string& name) {
  for (size_t i = 0; i < def.columns.size(); ++i) {
    if (!def.columns[i].dropped && def.columns[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

Status BindColumnConstraint(const PgQuery__Constraint* c, int col, TableDef* def,
                            std::vector<ConstraintDef>* constraints, bool* saw_null) {
  catalog::ColumnDef& column = def->columns[static_cast<size_t>(col)];
  auto conflict = [&] {
    return Status(sqlstate::kSyntaxError, "conflicting NULL/NOT NULL declarations for column \"" +
                                              column.name + "\" of table \"" + def->name + "\"");
  };
  switch (c->contype) {
    case PG_QUERY__CONSTR_TYPE__CONSTR_NOTNULL:
      if (*saw_null) return conflict();
      column.not_null = true;
      return Status::OK();
    case PG_QUERY__CONSTR_TYPE__CONSTR_NULL:
      if (column.not_null) return conflict();
      *saw_null = true;
      return Status::OK();
    case PG_QUERY__CONSTR_TYPE__CONSTR_DEFAULT: {
      if (!column.default_sql.empty()) {
        return Status(sqlstate::kSyntaxError, "multiple default values specified for column \"" +
                                                  column.name + "\" of table \"" + def->name +
                                                  "\"");
      }
      OMEN_ASSIGN_OR_RETURN(column.default_sql, DeparseExpression(c->raw_expr));
      return Status::OK();
    }
    case PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_NOT_DEFERRABLE:
    case PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_IMMEDIATE:
      return Status::OK();
    case PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY:
    case PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE:
    case PG_QUERY__CONSTR_TYPE__CONSTR_CHECK: {
      ConstraintDef out;
      OMEN_RETURN_IF_ERROR(BindConstraint(c, *def, &out));
      if (out.kind != ConstraintKind::kCheck) out.columns = {col};
      constraints->push_back(std::move(out));
      return Status::OK();
    }
    default:
      return BindConstraint(c, *def, nullptr);
  }
}

Status BindColumn(const PgQuery__ColumnDef* cd, TableDef* def,
                  std::vector<ConstraintDef>* constraints) {
  std::string name = Str(cd->colname);
  if (LookupColumn(*def, name) >= 0) {
    return Status(SqlState("42701"), "column \"" + name + "\" specified more than once");
  }
  catalog::ColumnDef column;
  column.name = name;
  OMEN_ASSIGN_OR_RETURN(column.type, TypeFromTypeName(cd->type_name));
  column.not_null = cd->is_not_null;
  if (cd->raw_default != nullptr) {
    OMEN_ASSIGN_OR_RETURN(column.default_sql, DeparseExpression(cd->raw_default));
  }
  def->columns.push_back(std::move(column));
  int col = static_cast<int>(def->columns.size() - 1);
  bool saw_null = false;
  for (size_t i = 0; i < cd->n_constraints; ++i) {
    const PgQuery__Node* n = cd->constraints[i];
    if (n->node_case != PG_QUERY__NODE__NODE_CONSTRAINT) continue;
    OMEN_RETURN_IF_ERROR(BindColumnConstraint(n->constraint, col, def, constraints, &saw_null));
  }
  return Status::OK();
}

}  // namespace

Result<Type> TypeFromTypeName(const PgQuery__TypeName* t) {
  if (t == nullptr || t->n_names == 0) return Status(sqlstate::kSyntaxError, "missing type name");
  std::string name = NodeString(t->names[t->n_names - 1]);
  std::string schema = t->n_names > 1 ? NodeString(t->names[t->n_names - 2]) : "";
  std::string shown = schema.empty() || schema == "pg_catalog" ? name : schema + "." + name;
  if (t->setof || t->pct_type) {
    return Status(sqlstate::kFeatureNotSupported, "type \"" + shown + "\" is not supported");
  }
  if (t->n_array_bounds > 0) {
    // int[] and int[][] alike name the array of the element type (PostgreSQL
    // does not enforce declared dimensions).
    PgQuery__TypeName element = *t;
    element.n_array_bounds = 0;
    OMEN_ASSIGN_OR_RETURN(Type e, TypeFromTypeName(&element));
    if (ArrayTypeOid(e.id) == 0) {
      return Status(sqlstate::kFeatureNotSupported, "arrays of type " + e.ToString() + " are not supported");
    }
    return Type::ArrayOf(e);
  }
  if (!schema.empty() && schema != "pg_catalog") {
    return Status(SqlState("42704"), "type \"" + shown + "\" does not exist");
  }
  if (name == "interval") {
    // interval's fields and precision modifiers (interval day, interval(3)) are not supported.
    if (t->n_typmods > 0) {
      return Status(sqlstate::kFeatureNotSupported, "interval fields and precision are not supported");
    }
    return Type(TypeId::kInterval);
  }
  OMEN_ASSIGN_OR_RETURN(std::vector<int32_t> mods, TypeModifiers(t));
  static const char* const kTakesModifiers[] = {"numeric", "decimal",   "varchar",
                                                "bpchar",  "timestamp", "timestamptz"};
  if (!mods.empty() && std::find(std::begin(kTakesModifiers), std::end(kTakesModifiers), name) ==
                           std::end(kTakesModifiers)) {
    if (IsKnownUnsupportedType(name)) {
      return Status(sqlstate::kFeatureNotSupported, "type \"" + shown + "\" is not supported");
    }
    return Status(sqlstate::kSyntaxError,
                  "type modifier is not allowed for type \"" + shown + "\"");
  }
  if (name == "int4" || name == "integer" || name == "int") return Type(TypeId::kInt32);
  if (name == "int2" || name == "smallint") return Type(TypeId::kInt16);
  if (name == "int8" || name == "bigint") return Type(TypeId::kInt64);
  if (name == "bool" || name == "boolean") return Type(TypeId::kBool);
  if (name == "float4" || name == "real") return Type(TypeId::kFloat32);
  if (name == "float8") return Type(TypeId::kFloat64);
  if (name == "numeric" || name == "decimal") return NumericType(mods);
  if (name == "text") return Type(TypeId::kText);
  if (name == "varchar") return CharacterType(TypeId::kVarchar, "varchar", mods);
  if (name == "bpchar") {
    // A user's bare "bpchar" is unbounded; CHAR without length arrives with (1).
    if (mods.empty()) return Type(TypeId::kChar, -1);
    return CharacterType(TypeId::kChar, "char", mods);
  }
  if (name == "date") return Type(TypeId::kDate);
  if (name == "timestamp") return Type(TypeId::kTimestamp);
  if (name == "timestamptz") return Type(TypeId::kTimestampTz);
  if (IsKnownUnsupportedType(name)) {
    return Status(sqlstate::kFeatureNotSupported, "type \"" + shown + "\" is not supported");
  }
  return Status(SqlState("42704"), "type \"" + shown + "\" does not exist");
}

Status BindConstraint(const PgQuery__Constraint* c, const TableDef& def, ConstraintDef* out) {
  const char* what = nullptr;
  switch (c->contype) {
    case PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY:
      what = "primary key";
      break;
    case PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE:
      what = "unique";
      break;
    case PG_QUERY__CONSTR_TYPE__CONSTR_CHECK:
      break;
    case PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN:
      return Status(sqlstate::kFeatureNotSupported, "FOREIGN KEY constraints are not supported");
    case PG_QUERY__CONSTR_TYPE__CONSTR_EXCLUSION:
      return Status(sqlstate::kFeatureNotSupported, "EXCLUDE constraints are not supported");
    case PG_QUERY__CONSTR_TYPE__CONSTR_IDENTITY:
      return Status(sqlstate::kFeatureNotSupported, "identity columns are not supported");
    case PG_QUERY__CONSTR_TYPE__CONSTR_GENERATED:
      return Status(sqlstate::kFeatureNotSupported, "generated columns are not supported");
    default:
      return Status(sqlstate::kFeatureNotSupported, "deferrable constraints are not supported");
  }
  if (out == nullptr) return Status::OK();
  out->name = Str(c->conname);
  if (what == nullptr) {
    out->kind = ConstraintKind::kCheck;
    OMEN_ASSIGN_OR_RETURN(out->check_sql, DeparseExpression(c->raw_expr));
    std::vector<std::string> refs;
    CollectColumnRefs(c->raw_expr, &refs);
    for (const auto& ref : refs) {
      int col = LookupColumn(def, ref);
      if (col < 0)
        return Status(sqlstate::kUndefinedColumn, "column \"" + ref + "\" does not exist");
      out->columns.push_back(col);
    }
    return Status::OK();
  }
  out->kind = c->contype == PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY ? ConstraintKind::kPrimaryKey
                                                                  : ConstraintKind::kUnique;
  if (c->n_including > 0) {
    return Status(sqlstate::kFeatureNotSupported, "INCLUDE columns are not supported");
  }
  for (size_t i = 0; i < c->n_keys; ++i) {
    std::string name = ColumnName(c->keys[i]);
    int col = LookupColumn(def, name);
    if (col < 0) {
      return Status(sqlstate::kUndefinedColumn,
                    "column \"" + name + "\" named in key does not exist");
    }
    if (std::find(out->columns.begin(), out->columns.end(), col) != out->columns.end()) {
      return Status(SqlState("42701"),
                    "column \"" + name + "\" appears twice in " + what + " constraint");
    }
    out->columns.push_back(col);
  }
  return Status::OK();
}

namespace {

// Explicit names are claimed before any name is generated.
Status ClaimExplicitNames(const TableDef& def, size_t first, std::set<std::string>* used) {
  for (size_t i = first; i < def.constraints.size(); ++i) {
    const ConstraintDef& c = def.constraints[i];
    if (c.name.empty()) continue;
    if (used->count(c.name) > 0) {
      if (c.kind == ConstraintKind::kCheck) {
        return Status(SqlState("42710"), "constraint \"" + c.name + "\" for relation \"" +
                                             def.name + "\" already exists");
      }
      return Status(sqlstate::kDuplicateTable, "relation \"" + c.name + "\" already exists");
    }
    used->insert(c.name);
  }
  return Status::OK();
}

// The constraints that get an index, in PostgreSQL's order: the primary key
// first, then UNIQUEs as written. 42P16 for a second primary key.
Result<std::vector<size_t>> KeyConstraintOrder(const TableDef& def, size_t first) {
  const auto& cons = def.constraints;
  std::vector<size_t> order;
  bool has_primary_key = false;
  for (size_t i = 0; i < first; ++i) has_primary_key |= cons[i].kind == ConstraintKind::kPrimaryKey;
  for (size_t i = first; i < cons.size(); ++i) {
    if (cons[i].kind != ConstraintKind::kPrimaryKey) continue;
    if (!order.empty() || has_primary_key) {
      return Status(SqlState("42P16"),
                    "multiple primary keys for table \"" + def.name + "\" are not allowed");
    }
    order.push_back(i);
  }
  for (size_t i = first; i < cons.size(); ++i) {
    if (cons[i].kind == ConstraintKind::kUnique) order.push_back(i);
  }
  return order;
}

}  // namespace

Status NameConstraintsAndIndexes(TableDef* def, size_t first, std::set<std::string>* used) {
  OMEN_RETURN_IF_ERROR(ClaimExplicitNames(*def, first, used));
  auto& cons = def->constraints;
  for (size_t i = first; i < cons.size(); ++i) {
    if (cons[i].kind != ConstraintKind::kCheck || !cons[i].name.empty()) continue;
    std::string col = cons[i].columns.size() == 1 ? JoinColumnNames(*def, cons[i].columns) : "";
    cons[i].name = ChooseName(def->name, col, "check", used);
  }
  OMEN_ASSIGN_OR_RETURN(std::vector<size_t> order, KeyConstraintOrder(*def, first));
  // In CREATE TABLE, an unnamed key on the same columns as an earlier one
  // is redundant (PostgreSQL drops it).
  std::vector<bool> redundant(cons.size(), false);
  std::vector<std::vector<int>> keys;
  for (size_t i : order) {
    ConstraintDef& c = cons[i];
    if (first == 0 && c.name.empty() &&
        std::find(keys.begin(), keys.end(), c.columns) != keys.end()) {
      redundant[i] = true;
      continue;
    }
    keys.push_back(c.columns);
    if (c.kind == ConstraintKind::kPrimaryKey) {
      for (int col : c.columns) def->columns[static_cast<size_t>(col)].not_null = true;
      if (c.name.empty()) c.name = ChooseName(def->name, "", "pkey", used);
    } else if (c.name.empty()) {
      c.name = ChooseName(def->name, JoinColumnNames(*def, c.columns), "key", used);
    }
    c.index_name = c.name;
    catalog::IndexDef index;
    index.name = c.name;
    index.columns = c.columns;
    index.unique = true;
    index.primary = c.kind == ConstraintKind::kPrimaryKey;
    def->indexes.push_back(std::move(index));
  }
  std::vector<ConstraintDef> kept(cons.begin(), cons.begin() + static_cast<ptrdiff_t>(first));
  for (size_t i = first; i < cons.size(); ++i) {
    if (!redundant[i]) kept.push_back(std::move(cons[i]));
  }
  cons = std::move(kept);
  return Status::OK();
}

Result<BoundStatement> BindCreateTable(const PgQuery__CreateStmt* stmt, const BindContext& ctx) {
  if (stmt->n_inh_relations > 0) {
    return Status(sqlstate::kFeatureNotSupported, "INHERITS is not supported");
  }
  if (stmt->partspec != nullptr || stmt->partbound != nullptr) {
    return Status(sqlstate::kFeatureNotSupported, "partitioned tables are not supported");
  }
  if (stmt->of_typename != nullptr) {
    return Status(sqlstate::kFeatureNotSupported, "typed tables are not supported");
  }
  auto def = std::make_shared<TableDef>();
  OMEN_ASSIGN_OR_RETURN(def->schema, CreationSchemaFor(stmt->relation, ctx));
  def->name = Str(stmt->relation->relname);
  BoundStatement out;
  out.kind = StatementKind::kCreateTable;
  out.create_table.if_not_exists = stmt->if_not_exists;
  if (ctx.catalog->FindTable(def->schema, def->name, ctx.search_path) != nullptr) {
    if (!stmt->if_not_exists) {
      return Status(sqlstate::kDuplicateTable, "relation \"" + def->name + "\" already exists");
    }
    out.create_table.def = def;
    return out;
  }
  std::vector<ConstraintDef> constraints;
  std::vector<const PgQuery__Constraint*> table_constraints;
  for (size_t i = 0; i < stmt->n_table_elts; ++i) {
    const PgQuery__Node* n = stmt->table_elts[i];
    if (n->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF) {
      OMEN_RETURN_IF_ERROR(BindColumn(n->column_def, def.get(), &constraints));
    } else if (n->node_case == PG_QUERY__NODE__NODE_CONSTRAINT) {
      table_constraints.push_back(n->constraint);
    } else {
      return Status(sqlstate::kFeatureNotSupported, "CREATE TABLE ... LIKE is not supported");
    }
  }
  for (const PgQuery__Constraint* c : table_constraints) {
    ConstraintDef bound;
    OMEN_RETURN_IF_ERROR(BindConstraint(c, *def, &bound));
    constraints.push_back(std::move(bound));
  }
  def->constraints = std::move(constraints);
  std::set<std::string> used = UsedNamesInSchema(*ctx.catalog, def->schema);
  used.insert(def->name);
  OMEN_RETURN_IF_ERROR(NameConstraintsAndIndexes(def.get(), 0, &used));
  out.create_table.def = std::move(def);
  return out;
}

Result<BoundStatement> BindCreateTableAs(const PgQuery__CreateTableAsStmt* stmt,
                                         const BindContext& ctx) {
  if (stmt->objtype != PG_QUERY__OBJECT_TYPE__OBJECT_TABLE) {
    return Status(sqlstate::kFeatureNotSupported, "CREATE MATERIALIZED VIEW is not supported");
  }
  const PgQuery__IntoClause* into = stmt->into;
  if (into == nullptr || into->rel == nullptr || stmt->query == nullptr) {
    return Status(sqlstate::kSyntaxError, "CREATE TABLE AS without a target");
  }
  auto def = std::make_shared<TableDef>();
  OMEN_ASSIGN_OR_RETURN(def->schema, CreationSchemaFor(into->rel, ctx));
  def->name = Str(into->rel->relname);
  BoundStatement out;
  out.kind = StatementKind::kCreateTable;
  out.tag = "CREATE TABLE AS";  // PostgreSQL's tag unless rows are inserted ("SELECT n")
  out.create_table.if_not_exists = stmt->if_not_exists;
  out.create_table.def = def;
  if (ctx.catalog->FindTable(def->schema, def->name, ctx.search_path) != nullptr) {
    if (!stmt->if_not_exists) {
      return Status(sqlstate::kDuplicateTable, "relation \"" + def->name + "\" already exists");
    }
    return out;
  }
  OMEN_ASSIGN_OR_RETURN(BoundStatement query, Bind(stmt->query, ctx));
  if (into->n_col_names > query.names.size()) {
    return Status(sqlstate::kSyntaxError, "too many column names were specified");
  }
  for (size_t i = 0; i < query.names.size(); ++i) {
    catalog::ColumnDef column;
    column.name = i < into->n_col_names ? NodeString(into->col_names[i]) : query.names[i];
    if (LookupColumn(*def, column.name) >= 0) {
      return Status(SqlState("42701"), "column \"" + column.name + "\" specified more than once");
    }
    // PostgreSQL resolves unknown-typed output columns to text.
    Type type = query.types[i];
    column.type =
        type.id == TypeId::kUnknown || type.id == TypeId::kNull ? Type(TypeId::kText) : type;
    def->columns.push_back(std::move(column));
  }
  if (!into->skip_data) out.plan = std::move(query.plan);
  out.parameter_types = std::move(query.parameter_types);
  return out;
}

}  // namespace omen::sql::utility
