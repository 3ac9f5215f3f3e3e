// ALTER TABLE, ALTER TABLE RENAME, CREATE INDEX, CREATE VIEW and DROP binding.

#include <pg_query/pg_query.pb-c.h>

#include <algorithm>
#include <string>

#include "catalog/functions.h"
#include "sql/utility_binder.h"
#include "sql/utility_internal.h"

namespace omen::sql::utility {

namespace {

using catalog::TableDef;
using Action = AlterTableInfo::Action;

Status NotSupported(const std::string& what, const char* verb = "is") {
  return Status(sqlstate::kFeatureNotSupported, what + " " + verb + " not supported");
}

int LookupColumn(const TableDef& def, const std::string& name) {
  for (size_t i = 0; i < def.columns.size(); ++i) {
    if (!def.columns[i].dropped && def.columns[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

Status NoSuchColumn(const std::string& column, const TableDef& def) {
  return Status(sqlstate::kUndefinedColumn,
                "column \"" + column + "\" of relation \"" + def.name + "\" does not exist");
}

Status ColumnExists(const std::string& column, const TableDef& def) {
  return Status(SqlState("42701"),
                "column \"" + column + "\" of relation \"" + def.name + "\" already exists");
}

// A table (not a view) to alter: 42P01 / 42809.
Result<std::shared_ptr<const TableDef>> ResolveTable(const PgQuery__RangeVar* rv,
                                                     const BindContext& ctx) {
  OMEN_ASSIGN_OR_RETURN(auto def, ResolveRelation(rv, ctx));
  if (def->is_view) return Status(SqlState("42809"), "\"" + def->name + "\" is not a table");
  return def;
}

// ALTER TABLE IF EXISTS on a missing table: the executor's NOTICE only.
BoundStatement AlterMissingTable(const PgQuery__RangeVar* rv) {
  BoundStatement out;
  out.kind = StatementKind::kAlterTable;
  out.alter.action = Action::kMissingTable;
  out.alter.table = Str(rv->relname);
  return out;
}

// A PRIMARY KEY / UNIQUE / CHECK on the column being added: named as
// PostgreSQL names it and carried in alter->constraint.
Status BindAddColumnConstraint(const PgQuery__Constraint* c, const TableDef& def,
                               const BindContext& ctx, AlterTableInfo* alter) {
  if (!alter->constraint.name.empty()) {
    return NotSupported("more than one constraint in ALTER TABLE ... ADD COLUMN");
  }
  TableDef copy = def;
  copy.columns.push_back(alter->column);
  size_t first = copy.constraints.size();
  catalog::ConstraintDef bound;
  OMEN_RETURN_IF_ERROR(BindConstraint(c, copy, &bound));
  if (bound.kind != catalog::ConstraintKind::kCheck) {
    bound.columns = {static_cast<int>(copy.columns.size() - 1)};
  }
  copy.constraints.push_back(std::move(bound));
  std::set<std::string> used = UsedNamesInSchema(*ctx.catalog, def.schema);
  for (const auto& c : def.constraints) used.insert(c.name);
  OMEN_RETURN_IF_ERROR(NameConstraintsAndIndexes(&copy, first, &used));
  alter->constraint = copy.constraints.back();
  alter->column.not_null = copy.columns.back().not_null;
  return Status::OK();
}

Status BindAddColumn(const PgQuery__ColumnDef* cd, const TableDef& def, const BindContext& ctx,
                     AlterTableInfo* alter) {
  alter->column.name = Str(cd->colname);
  if (LookupColumn(def, alter->column.name) >= 0 && !alter->if_exists) {
    return ColumnExists(alter->column.name, def);
  }
  OMEN_ASSIGN_OR_RETURN(alter->column.type, TypeFromTypeName(cd->type_name));
  alter->column.not_null = cd->is_not_null;
  for (size_t i = 0; i < cd->n_constraints; ++i) {
    const PgQuery__Node* n = cd->constraints[i];
    if (n->node_case != PG_QUERY__NODE__NODE_CONSTRAINT) continue;
    const PgQuery__Constraint* c = n->constraint;
    switch (c->contype) {
      case PG_QUERY__CONSTR_TYPE__CONSTR_NOTNULL:
        alter->column.not_null = true;
        break;
      case PG_QUERY__CONSTR_TYPE__CONSTR_NULL:
        break;
      case PG_QUERY__CONSTR_TYPE__CONSTR_DEFAULT: {
        OMEN_ASSIGN_OR_RETURN(alter->column.default_sql, DeparseExpression(c->raw_expr));
        break;
      }
      case PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY:
      case PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE:
      case PG_QUERY__CONSTR_TYPE__CONSTR_CHECK:
        OMEN_RETURN_IF_ERROR(BindAddColumnConstraint(c, def, ctx, alter));
        break;
      default:
        return BindConstraint(c, def, nullptr);
    }
  }
  return Status::OK();
}

Status BindAddConstraint(const PgQuery__Constraint* c, const TableDef& def, const BindContext& ctx,
                         AlterTableInfo* alter) {
  TableDef copy = def;
  size_t first = copy.constraints.size();
  catalog::ConstraintDef bound;
  OMEN_RETURN_IF_ERROR(BindConstraint(c, copy, &bound));
  copy.constraints.push_back(std::move(bound));
  std::set<std::string> used = UsedNamesInSchema(*ctx.catalog, def.schema);
  // Constraints added by earlier actions of the same statement are not in the catalog yet.
  for (const auto& other : def.constraints) used.insert(other.name);
  // A table's own constraint names only conflict within the schema set above.
  OMEN_RETURN_IF_ERROR(NameConstraintsAndIndexes(&copy, first, &used));
  alter->constraint = copy.constraints.back();
  return Status::OK();
}

// ALTER COLUMN c TYPE t: 42804 when no assignment cast exists (USING is not supported yet).
Status BindAlterType(const PgQuery__AlterTableCmd* cmd, const TableDef& def,
                     AlterTableInfo* alter) {
  alter->action = Action::kAlterType;
  int col = LookupColumn(def, alter->name);
  if (col < 0) return NoSuchColumn(alter->name, def);
  if (cmd->def == nullptr || cmd->def->node_case != PG_QUERY__NODE__NODE_COLUMN_DEF) {
    return NotSupported("this ALTER COLUMN TYPE");
  }
  const PgQuery__ColumnDef* cd = cmd->def->column_def;
  if (cd->raw_default != nullptr) return NotSupported("ALTER COLUMN TYPE ... USING");
  OMEN_ASSIGN_OR_RETURN(alter->column.type, TypeFromTypeName(cd->type_name));
  const Type& from = def.columns[static_cast<size_t>(col)].type;
  if (!catalog::CanCast(from, alter->column.type, CastContext::kAssignment)) {
    std::string type = alter->column.type.ToString();
    return std::move(Status(sqlstate::kDatatypeMismatch, "column \"" + alter->name +
                                                             "\" cannot be cast automatically to type " +
                                                             type)
                         .WithHint("You might need to specify \"USING " + alter->name +
                                   "::" + type + "\"."));
  }
  return Status::OK();
}

Status BindAlterCommand(const PgQuery__AlterTableCmd* cmd, const TableDef& def,
                        const BindContext& ctx, AlterTableInfo* alter) {
  alter->name = Str(cmd->name);
  alter->if_exists = cmd->missing_ok;
  switch (cmd->subtype) {
    case PG_QUERY__ALTER_TABLE_TYPE__AT_AddColumn:
      alter->action = Action::kAddColumn;
      if (cmd->def == nullptr || cmd->def->node_case != PG_QUERY__NODE__NODE_COLUMN_DEF) break;
      return BindAddColumn(cmd->def->column_def, def, ctx, alter);
    case PG_QUERY__ALTER_TABLE_TYPE__AT_AlterColumnType:
      return BindAlterType(cmd, def, alter);
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DropConstraint:
      alter->action = Action::kDropConstraint;
      alter->cascade = cmd->behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
      return Status::OK();
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DropColumn:
      alter->action = Action::kDropColumn;
      alter->cascade = cmd->behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
      if (LookupColumn(def, alter->name) < 0 && !alter->if_exists)
        return NoSuchColumn(alter->name, def);
      return Status::OK();
    case PG_QUERY__ALTER_TABLE_TYPE__AT_AddConstraint:
      alter->action = Action::kAddConstraint;
      if (cmd->def == nullptr || cmd->def->node_case != PG_QUERY__NODE__NODE_CONSTRAINT) break;
      return BindAddConstraint(cmd->def->constraint, def, ctx, alter);
    case PG_QUERY__ALTER_TABLE_TYPE__AT_SetNotNull:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DropNotNull:
      alter->action = cmd->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_SetNotNull
                          ? Action::kSetNotNull
                          : Action::kDropNotNull;
      if (LookupColumn(def, alter->name) < 0) return NoSuchColumn(alter->name, def);
      return Status::OK();
    case PG_QUERY__ALTER_TABLE_TYPE__AT_ColumnDefault:
      if (LookupColumn(def, alter->name) < 0) return NoSuchColumn(alter->name, def);
      if (cmd->def == nullptr) {
        alter->action = Action::kDropDefault;
        return Status::OK();
      }
      alter->action = Action::kSetDefault;
      { OMEN_ASSIGN_OR_RETURN(alter->column.default_sql, DeparseExpression(cmd->def)); }
      return Status::OK();
    default:
      break;
  }
  return NotSupported("this ALTER TABLE action");
}

// What the later actions of one ALTER TABLE see of the earlier ones: their
// columns and constraint names (storage is the executor's business).
void ApplyToWorkingDef(const AlterTableInfo& a, TableDef* def) {
  switch (a.action) {
    case Action::kAddColumn:
      if (LookupColumn(*def, a.column.name) >= 0) return;
      def->columns.push_back(a.column);
      if (!a.constraint.name.empty()) def->constraints.push_back(a.constraint);
      return;
    case Action::kDropColumn: {
      int col = LookupColumn(*def, a.name);
      if (col >= 0) def->columns[static_cast<size_t>(col)].dropped = true;
      return;
    }
    case Action::kAddConstraint:
      def->constraints.push_back(a.constraint);
      return;
    case Action::kAlterType: {
      int col = LookupColumn(*def, a.name);
      if (col >= 0) def->columns[static_cast<size_t>(col)].type = a.column.type;
      return;
    }
    case Action::kDropConstraint:
      std::erase_if(def->constraints,
                    [&](const catalog::ConstraintDef& c) { return c.name == a.name; });
      return;
    default:
      return;
  }
}

}  // namespace

Result<BoundStatement> BindAlterTable(const PgQuery__AlterTableStmt* stmt, const BindContext& ctx) {
  if (stmt->objtype != PG_QUERY__OBJECT_TYPE__OBJECT_TABLE)
    return NotSupported("ALTER VIEW / ALTER INDEX", "are");
  if (stmt->n_cmds == 0) return NotSupported("ALTER TABLE without an action");
  if (stmt->missing_ok &&
      ctx.catalog->FindTable(Str(stmt->relation->schemaname), Str(stmt->relation->relname),
                             ctx.search_path) == nullptr) {
    return AlterMissingTable(stmt->relation);
  }
  OMEN_ASSIGN_OR_RETURN(auto def, ResolveTable(stmt->relation, ctx));
  // Each action binds against the table as the earlier ones left it.
  BoundStatement out;
  out.kind = StatementKind::kAlterTable;
  TableDef working = *def;
  for (size_t i = 0; i < stmt->n_cmds; ++i) {
    const PgQuery__Node* cmd = stmt->cmds[i];
    if (cmd->node_case != PG_QUERY__NODE__NODE_ALTER_TABLE_CMD) return NotSupported("ALTER TABLE");
    AlterTableInfo action;
    action.schema = def->schema;
    action.table = def->name;
    OMEN_RETURN_IF_ERROR(BindAlterCommand(cmd->alter_table_cmd, working, ctx, &action));
    ApplyToWorkingDef(action, &working);
    if (i == 0) {
      out.alter = std::move(action);
    } else {
      out.alter.then.push_back(std::move(action));
    }
  }
  return out;
}

Result<BoundStatement> BindRename(const PgQuery__RenameStmt* stmt, const BindContext& ctx) {
  bool table = stmt->rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_TABLE ||
               stmt->rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_VIEW;
  bool column = stmt->rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_COLUMN;
  if ((!table && !column) || stmt->relation == nullptr) return NotSupported("this RENAME");
  if (stmt->missing_ok &&
      ctx.catalog->FindTable(Str(stmt->relation->schemaname), Str(stmt->relation->relname),
                             ctx.search_path) == nullptr) {
    return AlterMissingTable(stmt->relation);
  }
  OMEN_ASSIGN_OR_RETURN(auto def, ResolveRelation(stmt->relation, ctx));
  BoundStatement out;
  out.kind = StatementKind::kAlterTable;
  out.alter.schema = def->schema;
  out.alter.table = def->name;
  out.alter.new_name = Str(stmt->newname);
  if (table) {
    out.alter.action = Action::kRenameTable;
    out.alter.name = def->name;
    if (ctx.catalog->FindTable(def->schema, out.alter.new_name, {}) != nullptr) {
      return Status(sqlstate::kDuplicateTable,
                    "relation \"" + out.alter.new_name + "\" already exists");
    }
    return out;
  }
  out.alter.action = Action::kRenameColumn;
  out.alter.name = Str(stmt->subname);
  if (LookupColumn(*def, out.alter.name) < 0) {
    return Status(sqlstate::kUndefinedColumn, "column \"" + out.alter.name + "\" does not exist");
  }
  if (LookupColumn(*def, out.alter.new_name) >= 0) return ColumnExists(out.alter.new_name, *def);
  return out;
}

Result<BoundStatement> BindCreateIndex(const PgQuery__IndexStmt* stmt, const BindContext& ctx) {
  OMEN_ASSIGN_OR_RETURN(auto def, ResolveRelation(stmt->relation, ctx));
  if (def->is_view) {
    return std::move(
        Status(SqlState("42809"), "cannot create index on relation \"" + def->name + "\"")
            .WithDetail("This operation is not supported for views."));
  }
  if (stmt->where_clause != nullptr) return NotSupported("partial indexes", "are");
  if (stmt->n_index_including_params > 0) return NotSupported("INCLUDE columns", "are");
  std::string method = Str(stmt->access_method);
  if (!method.empty() && method != "btree" && method != "hash") {
    return NotSupported("access method \"" + method + "\"");
  }
  BoundStatement out;
  out.kind = StatementKind::kCreateIndex;
  CreateIndexInfo& info = out.create_index;
  info.schema = def->schema;
  info.table = def->name;
  info.unique = stmt->unique;
  info.if_not_exists = stmt->if_not_exists;
  for (size_t i = 0; i < stmt->n_index_params; ++i) {
    const PgQuery__Node* n = stmt->index_params[i];
    if (n->node_case != PG_QUERY__NODE__NODE_INDEX_ELEM || n->index_elem->expr != nullptr ||
        n->index_elem->name == nullptr) {
      return NotSupported("expression indexes", "are");
    }
    std::string column = n->index_elem->name;
    int col = LookupColumn(*def, column);
    if (col < 0)
      return Status(sqlstate::kUndefinedColumn, "column \"" + column + "\" does not exist");
    info.columns.push_back(col);
  }
  info.name = Str(stmt->idxname);
  if (info.name.empty()) {
    std::set<std::string> used = UsedNamesInSchema(*ctx.catalog, def->schema);
    info.name = ChooseName(def->name, JoinColumnNames(*def, info.columns), "idx", &used);
  }
  return out;
}

Result<BoundStatement> BindCreateView(const PgQuery__ViewStmt* stmt, const BindContext& ctx) {
  if (stmt->query == nullptr) return Status(sqlstate::kSyntaxError, "CREATE VIEW without a query");
  BoundStatement out;
  out.kind = StatementKind::kCreateView;
  CreateViewInfo& info = out.create_view;
  OMEN_ASSIGN_OR_RETURN(info.schema, CreationSchemaFor(stmt->view, ctx));
  info.name = Str(stmt->view->relname);
  info.or_replace = stmt->replace;
  for (size_t i = 0; i < stmt->n_aliases; ++i)
    info.column_names.push_back(NodeString(stmt->aliases[i]));
  // The query must bind now (PostgreSQL checks views at creation).
  OMEN_ASSIGN_OR_RETURN(BoundStatement query, Bind(stmt->query, ctx));
  if (info.column_names.size() > query.names.size()) {
    return Status(sqlstate::kSyntaxError, "CREATE VIEW specifies more column names than columns");
  }
  std::vector<std::string> names = query.names;
  std::copy(info.column_names.begin(), info.column_names.end(), names.begin());
  for (size_t i = 0; i < names.size(); ++i) {
    if (std::find(names.begin(), names.begin() + static_cast<ptrdiff_t>(i), names[i]) !=
        names.begin() + static_cast<ptrdiff_t>(i)) {
      return Status(SqlState("42701"), "column \"" + names[i] + "\" specified more than once");
    }
  }
  OMEN_ASSIGN_OR_RETURN(info.sql, DeparseStatement(stmt->query));
  return out;
}

Result<BoundStatement> BindDrop(const PgQuery__DropStmt* stmt, const BindContext& ctx) {
  (void)ctx;
  BoundStatement out;
  out.kind = StatementKind::kDrop;
  DropInfo& info = out.drop;
  using Kind = DropInfo::ObjectKind;
  switch (stmt->remove_type) {
    case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE:
      info.object = Kind::kTable;
      break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW:
      info.object = Kind::kView;
      break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_INDEX:
      info.object = Kind::kIndex;
      break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA:
      info.object = Kind::kSchema;
      break;
    default: {
      const ProtobufCEnumValue* v = protobuf_c_enum_descriptor_get_value(
          &pg_query__object_type__descriptor, stmt->remove_type);
      std::string what = v != nullptr ? std::string(v->name) : "object";
      if (what.rfind("OBJECT_", 0) == 0) what = what.substr(7);
      return NotSupported("DROP " + what);
    }
  }
  info.if_exists = stmt->missing_ok;
  info.cascade = stmt->behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
  for (size_t i = 0; i < stmt->n_objects; ++i) {
    const PgQuery__Node* n = stmt->objects[i];
    if (n->node_case == PG_QUERY__NODE__NODE_STRING) {
      info.names.emplace_back("", NodeString(n));
      continue;
    }
    if (n->node_case != PG_QUERY__NODE__NODE_LIST || n->list->n_items == 0) {
      return Status(sqlstate::kSyntaxError, "improper qualified name");
    }
    const PgQuery__List* l = n->list;
    if (l->n_items > 3)
      return Status(sqlstate::kSyntaxError, "improper qualified name (too many dotted names)");
    if (l->n_items == 3) return NotSupported("cross-database references", "are");
    std::string name = NodeString(l->items[l->n_items - 1]);
    std::string schema = l->n_items == 2 ? NodeString(l->items[0]) : "";
    info.names.emplace_back(schema, name);
  }
  return out;
}

}  // namespace omen::sql::utility
