#include "sql/utility_binder.h"

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <utility>

#include "sql/parse_tree_walk.h"
#include "sql/utility_internal.h"

namespace omen::sql {

namespace {

using utility::Str;

// Deparses one statement node through a synthetic ParseResult.
Result<std::string> DeparseStatementNode(PgQuery__Node* stmt) {
  PgQuery__RawStmt raw = PG_QUERY__RAW_STMT__INIT;
  raw.stmt = stmt;
  PgQuery__RawStmt* stmts[1] = {&raw};
  PgQuery__ParseResult result = PG_QUERY__PARSE_RESULT__INIT;
  result.version = PG_VERSION_NUM;
  result.n_stmts = 1;
  result.stmts = stmts;
  std::string buffer(pg_query__parse_result__get_packed_size(&result), '\0');
  pg_query__parse_result__pack(&result, reinterpret_cast<uint8_t*>(buffer.data()));
  PgQueryProtobuf protobuf;
  protobuf.len = buffer.size();
  protobuf.data = buffer.data();
  PgQueryDeparseResult deparsed = pg_query_deparse_protobuf(protobuf);
  if (deparsed.error != nullptr) {
    std::string message = Str(deparsed.error->message);
    pg_query_free_deparse_result(deparsed);
    return Status(sqlstate::kFeatureNotSupported, "cannot deparse expression: " + message);
  }
  std::string text = Str(deparsed.query);
  pg_query_free_deparse_result(deparsed);
  return text;
}

Result<BoundStatement> BindCreateSchema(const PgQuery__CreateSchemaStmt* stmt) {
  if (stmt->n_schema_elts > 0) {
    return Status(sqlstate::kFeatureNotSupported, "CREATE SCHEMA with elements is not supported");
  }
  if (stmt->schemaname == nullptr || stmt->schemaname[0] == '\0') {
    return Status(sqlstate::kFeatureNotSupported, "CREATE SCHEMA without a name is not supported");
  }
  BoundStatement out;
  out.kind = StatementKind::kCreateSchema;
  out.name = stmt->schemaname;
  out.if_not_exists = stmt->if_not_exists;
  return out;
}

Result<BoundStatement> BindTruncate(const PgQuery__TruncateStmt* stmt, const BindContext& ctx) {
  BoundStatement out;
  out.kind = StatementKind::kTruncate;
  for (size_t i = 0; i < stmt->n_relations; ++i) {
    const PgQuery__Node* n = stmt->relations[i];
    if (n->node_case != PG_QUERY__NODE__NODE_RANGE_VAR) continue;
    OMEN_ASSIGN_OR_RETURN(auto def, utility::ResolveRelation(n->range_var, ctx));
    if (def->is_view) {
      return Status(SqlState("42809"), "\"" + def->name + "\" is not a table");
    }
    out.truncate_tables.push_back(std::move(def));
  }
  return out;
}

// The statement's name in 0A000 messages, as PostgreSQL's command tags.
std::string UnsupportedName(const PgQuery__Node* node) {
  switch (node->node_case) {
    case PG_QUERY__NODE__NODE_CREATE_TRIG_STMT:
      return "CREATE TRIGGER";
    case PG_QUERY__NODE__NODE_CREATE_FUNCTION_STMT:
      return "CREATE FUNCTION";
    case PG_QUERY__NODE__NODE_CREATE_SEQ_STMT:
      return "CREATE SEQUENCE";
    case PG_QUERY__NODE__NODE_GRANT_STMT:
      return "GRANT";
    case PG_QUERY__NODE__NODE_COPY_STMT:
      return "COPY";
    case PG_QUERY__NODE__NODE_CREATEDB_STMT:
      return "CREATE DATABASE";
    case PG_QUERY__NODE__NODE_CREATE_ROLE_STMT:
      return "CREATE ROLE";
    case PG_QUERY__NODE__NODE_COMMENT_STMT:
      return "COMMENT";
    case PG_QUERY__NODE__NODE_LOCK_STMT:
      return "LOCK";
    case PG_QUERY__NODE__NODE_PREPARE_STMT:
      return "PREPARE";
    case PG_QUERY__NODE__NODE_EXECUTE_STMT:
      return "EXECUTE";
    case PG_QUERY__NODE__NODE_DEALLOCATE_STMT:
      return "DEALLOCATE";
    case PG_QUERY__NODE__NODE_DO_STMT:
      return "DO";
    case PG_QUERY__NODE__NODE_CREATE_EXTENSION_STMT:
      return "CREATE EXTENSION";
    default:
      break;
  }
  const ProtobufCFieldDescriptor* field = protobuf_c_message_descriptor_get_field(
      &pg_query__node__descriptor, static_cast<unsigned>(node->node_case));
  if (field == nullptr) return "this statement";
  // "alter_domain_stmt" -> "ALTER DOMAIN"
  std::string name = field->name;
  if (name.size() > 5 && name.compare(name.size() - 5, 5, "_stmt") == 0)
    name.resize(name.size() - 5);
  for (char& c : name)
    c = c == '_' ? ' ' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return name;
}

}  // namespace

bool IsUtilityStatement(const PgQuery__Node* statement) {
  if (statement == nullptr) return false;
  switch (statement->node_case) {
    case PG_QUERY__NODE__NODE_SELECT_STMT:
    case PG_QUERY__NODE__NODE_INSERT_STMT:
    case PG_QUERY__NODE__NODE_UPDATE_STMT:
    case PG_QUERY__NODE__NODE_DELETE_STMT:
    case PG_QUERY__NODE__NODE_EXPLAIN_STMT:
      return false;
    default:
      return true;
  }
}

Result<BoundStatement> BindUtility(const PgQuery__Node* statement, const BindContext& ctx) {
  switch (statement->node_case) {
    case PG_QUERY__NODE__NODE_CREATE_STMT:
      return utility::BindCreateTable(statement->create_stmt, ctx);
    case PG_QUERY__NODE__NODE_CREATE_TABLE_AS_STMT:
      return utility::BindCreateTableAs(statement->create_table_as_stmt, ctx);
    case PG_QUERY__NODE__NODE_CREATE_SCHEMA_STMT:
      return BindCreateSchema(statement->create_schema_stmt);
    case PG_QUERY__NODE__NODE_INDEX_STMT:
      return utility::BindCreateIndex(statement->index_stmt, ctx);
    case PG_QUERY__NODE__NODE_VIEW_STMT:
      return utility::BindCreateView(statement->view_stmt, ctx);
    case PG_QUERY__NODE__NODE_DROP_STMT:
      return utility::BindDrop(statement->drop_stmt, ctx);
    case PG_QUERY__NODE__NODE_ALTER_TABLE_STMT:
      return utility::BindAlterTable(statement->alter_table_stmt, ctx);
    case PG_QUERY__NODE__NODE_CREATE_ROLE_STMT:
      return utility::BindCreateRole(statement->create_role_stmt);
    case PG_QUERY__NODE__NODE_ALTER_ROLE_STMT:
      return utility::BindAlterRole(statement->alter_role_stmt);
    case PG_QUERY__NODE__NODE_DROP_ROLE_STMT:
      return utility::BindDropRole(statement->drop_role_stmt);
    case PG_QUERY__NODE__NODE_RENAME_STMT:
      if (statement->rename_stmt->rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_ROLE) {
        return utility::BindRenameRole(statement->rename_stmt);
      }
      return utility::BindRename(statement->rename_stmt, ctx);
    case PG_QUERY__NODE__NODE_TRUNCATE_STMT:
      return BindTruncate(statement->truncate_stmt, ctx);
    case PG_QUERY__NODE__NODE_COPY_STMT:
      return utility::BindCopy(statement->copy_stmt, ctx);
    case PG_QUERY__NODE__NODE_TRANSACTION_STMT:
    case PG_QUERY__NODE__NODE_VARIABLE_SET_STMT:
    case PG_QUERY__NODE__NODE_VARIABLE_SHOW_STMT:
      return utility::BindSessionStatement(statement);
    case PG_QUERY__NODE__NODE_VACUUM_STMT:
      return utility::BindVacuum(statement->vacuum_stmt, ctx);
    case PG_QUERY__NODE__NODE_LOCK_STMT: {
      BoundStatement out;
      out.kind = StatementKind::kLockTable;
      out.tag = "LOCK TABLE";
      const PgQuery__LockStmt* lock = statement->lock_stmt;
      for (size_t i = 0; i < lock->n_relations; ++i) {
        const PgQuery__Node* n = lock->relations[i];
        if (n == nullptr || n->node_case != PG_QUERY__NODE__NODE_RANGE_VAR) continue;
        const PgQuery__RangeVar* rv = n->range_var;
        out.lock.names.emplace_back(rv->schemaname != nullptr ? rv->schemaname : "", rv->relname);
      }
      out.lock.mode = static_cast<uint8_t>(lock->mode >= 1 && lock->mode <= 8 ? lock->mode : 8);
      out.lock.nowait = lock->nowait;
      return out;
    }
    case PG_QUERY__NODE__NODE_REINDEX_STMT: {
      BoundStatement out;
      out.kind = StatementKind::kNoOp;
      out.tag = "REINDEX";
      return out;
    }
    default:
      return Status(sqlstate::kFeatureNotSupported,
                    UnsupportedName(statement) + " is not supported");
  }
}

Result<std::string> DeparseExpression(const PgQuery__Node* expr) {
  PgQuery__ResTarget target = PG_QUERY__RES_TARGET__INIT;
  target.val = const_cast<PgQuery__Node*>(expr);
  PgQuery__Node target_node = PG_QUERY__NODE__INIT;
  target_node.node_case = PG_QUERY__NODE__NODE_RES_TARGET;
  target_node.res_target = &target;
  PgQuery__Node* targets[1] = {&target_node};
  PgQuery__SelectStmt select = PG_QUERY__SELECT_STMT__INIT;
  select.n_target_list = 1;
  select.target_list = targets;
  select.limit_option = PG_QUERY__LIMIT_OPTION__LIMIT_OPTION_DEFAULT;
  select.op = PG_QUERY__SET_OPERATION__SETOP_NONE;
  PgQuery__Node select_node = PG_QUERY__NODE__INIT;
  select_node.node_case = PG_QUERY__NODE__NODE_SELECT_STMT;
  select_node.select_stmt = &select;
  OMEN_ASSIGN_OR_RETURN(std::string text, DeparseStatementNode(&select_node));
  constexpr std::string_view kPrefix = "SELECT ";
  if (text.compare(0, kPrefix.size(), kPrefix) == 0) text.erase(0, kPrefix.size());
  return text;
}

namespace utility {

Result<std::string> DeparseStatement(const PgQuery__Node* stmt) {
  return DeparseStatementNode(const_cast<PgQuery__Node*>(stmt));
}

std::string NodeString(const PgQuery__Node* node) {
  if (node == nullptr || node->node_case != PG_QUERY__NODE__NODE_STRING) return "";
  return Str(node->string->sval);
}

Result<std::string> CreationSchemaFor(const PgQuery__RangeVar* rv, const BindContext& ctx) {
  // Temporary relations need a per-session schema that vanishes with the
  // session; creating an ordinary one instead would be a silent lie.
  if (Str(rv->relpersistence) == "t") {
    return Status(sqlstate::kFeatureNotSupported, "temporary tables and views are not supported");
  }
  std::string schema = Str(rv->schemaname);
  if (schema.empty()) {
    OMEN_ASSIGN_OR_RETURN(schema, ctx.catalog->CreationSchema(ctx.search_path));
  } else if (ctx.catalog->FindSchema(schema) == nullptr) {
    return Status(SqlState("3F000"), "schema \"" + schema + "\" does not exist");
  }
  if (schema == "pg_catalog") {
    return std::move(Status(SqlState("42501"),
                            "permission denied to create \"pg_catalog." + Str(rv->relname) + "\"")
                         .WithDetail("System catalog modifications are currently disallowed."));
  }
  return schema;
}

Result<std::shared_ptr<const catalog::TableDef>> ResolveRelation(const PgQuery__RangeVar* rv,
                                                                 const BindContext& ctx) {
  std::string schema = Str(rv->schemaname);
  std::string name = Str(rv->relname);
  auto def = ctx.catalog->FindTable(schema, name, ctx.search_path);
  if (def == nullptr) {
    std::string shown = schema.empty() ? name : schema + "." + name;
    return Status(sqlstate::kUndefinedTable, "relation \"" + shown + "\" does not exist");
  }
  return def;
}

std::string MakeObjectName(std::string_view name1, std::string_view name2, std::string_view label) {
  size_t overhead = 0;
  if (!name2.empty()) overhead += 1;
  if (!label.empty()) overhead += label.size() + 1;
  size_t avail = kMaxIdentifierLength > overhead ? kMaxIdentifierLength - overhead : 0;
  size_t n1 = name1.size(), n2 = name2.size();
  while (n1 + n2 > avail) {
    if (n1 > n2) {
      --n1;
    } else {
      --n2;
    }
  }
  // Don't cut a UTF-8 character in half (pg_mbcliplen).
  auto clip = [](std::string_view s, size_t n) {
    while (n > 0 && n < s.size() && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    return std::string(s.substr(0, n));
  };
  std::string out = clip(name1, n1);
  if (!name2.empty()) out += "_" + clip(name2, n2);
  if (!label.empty()) out += "_" + std::string(label);
  return out;
}

std::string ChooseName(std::string_view name1, std::string_view name2, std::string_view label,
                       std::set<std::string>* used) {
  std::string name = MakeObjectName(name1, name2, label);
  for (int pass = 1; used->count(name) > 0; ++pass) {
    name = MakeObjectName(name1, name2, std::string(label) + std::to_string(pass));
  }
  used->insert(name);
  return name;
}

std::set<std::string> UsedNamesInSchema(const catalog::Catalog& catalog, std::string_view schema) {
  std::set<std::string> used;
  for (const auto& [key, def] : catalog.tables()) {
    if (key.first != schema) continue;
    used.insert(def->name);
    for (const auto& index : def->indexes) used.insert(index.name);
    for (const auto& c : def->constraints) used.insert(c.name);
  }
  return used;
}

std::string JoinColumnNames(const catalog::TableDef& def, const std::vector<int>& columns) {
  std::string out;
  for (int col : columns) {
    if (!out.empty()) out += "_";
    out += def.columns[static_cast<size_t>(col)].name;
  }
  return out;
}

void CollectColumnRefs(const PgQuery__Node* node, std::vector<std::string>* out) {
  if (node == nullptr) return;
  // The last name of every ColumnRef, each once.
  WalkParseTree(node->base, [out](const ProtobufCMessage& msg) {
    if (msg.descriptor != &pg_query__column_ref__descriptor) return true;
    const auto& ref = reinterpret_cast<const PgQuery__ColumnRef&>(msg);
    if (ref.n_fields == 0) return false;
    std::string name = NodeString(ref.fields[ref.n_fields - 1]);
    if (!name.empty() && std::find(out->begin(), out->end(), name) == out->end()) {
      out->push_back(std::move(name));
    }
    return false;
  });
}

}  // namespace utility

}  // namespace omen::sql
