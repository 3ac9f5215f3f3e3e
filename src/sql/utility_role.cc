// CREATE ROLE / USER / GROUP, ALTER ROLE (attributes, PASSWORD, RENAME) and
// DROP ROLE: bound into RoleInfo (bound_statement.h); main/ddl_role.cc runs them.

#include <pg_query/pg_query.pb-c.h>

#include <algorithm>
#include <optional>
#include <string>
#include <utility>

#include "sql/utility_internal.h"

namespace omen::sql::utility {

namespace {

Status Located(Status st, int32_t location) {
  if (location >= 0) st.WithPosition(location + 1);
  return st;
}

Status Unsupported(const std::string& what, int32_t location) {
  return Located(Status(sqlstate::kFeatureNotSupported, what + " is not supported"), location);
}

bool BoolArg(const PgQuery__Node* arg) {
  if (arg == nullptr) return true;
  if (arg->node_case == PG_QUERY__NODE__NODE_BOOLEAN) return arg->boolean->boolval;
  if (arg->node_case == PG_QUERY__NODE__NODE_INTEGER) return arg->integer->ival != 0;
  return true;
}

std::optional<bool>* BoolTarget(RoleInfo* info, std::string_view name) {
  if (name == "superuser") return &info->superuser;
  if (name == "inherit") return &info->inherit;
  if (name == "createrole") return &info->create_role;
  if (name == "createdb") return &info->create_db;
  if (name == "canlogin") return &info->can_login;
  if (name == "isreplication") return &info->replication;
  if (name == "bypassrls") return &info->bypass_rls;
  return nullptr;
}

// Applies one role option (a DefElem) to `info`.
Status ApplyOption(const PgQuery__DefElem* def, RoleInfo* info) {
  std::string name = Str(def->defname);
  if (std::optional<bool>* target = BoolTarget(info, name)) {
    *target = BoolArg(def->arg);
    return Status::OK();
  }
  if (name == "password") {
    info->password_given = true;
    if (def->arg != nullptr) info->password = NodeString(def->arg);
    return Status::OK();
  }
  if (name == "sysid") {
    info->notices.push_back("SYSID can no longer be specified");
    return Status::OK();
  }
  if (name == "connectionlimit") {
    // -1 is "no limit", the default; a real limit would need enforcement.
    bool unlimited = def->arg != nullptr && def->arg->node_case == PG_QUERY__NODE__NODE_INTEGER &&
                     def->arg->integer->ival == -1;
    if (unlimited) return Status::OK();
    return Unsupported("CONNECTION LIMIT", def->location);
  }
  if (name == "validUntil") {
    if (NodeString(def->arg) == "infinity") return Status::OK();  // never expires: the default
    return Unsupported("VALID UNTIL other than 'infinity'", def->location);
  }
  if (name == "rolemembers" || name == "adminmembers" || name == "addroleto") {
    return Unsupported("role membership", def->location);
  }
  return Located(Status(sqlstate::kSyntaxError, "unrecognized role option \"" + name + "\""),
                 def->location);
}

Status ApplyOptions(PgQuery__Node** options, size_t n, RoleInfo* info) {
  std::vector<std::string> seen;
  for (size_t i = 0; i < n; ++i) {
    if (options[i]->node_case != PG_QUERY__NODE__NODE_DEF_ELEM) continue;
    const PgQuery__DefElem* def = options[i]->def_elem;
    std::string name = Str(def->defname);
    if (std::find(seen.begin(), seen.end(), name) != seen.end()) {
      return Located(Status(sqlstate::kSyntaxError, "conflicting or redundant options"),
                     def->location);
    }
    seen.push_back(name);
    OMEN_RETURN_IF_ERROR(ApplyOption(def, info));
  }
  return Status::OK();
}

Status CheckReservedName(const std::string& name) {
  if (name.compare(0, 3, "pg_") != 0) return Status::OK();
  return std::move(Status(SqlState("42939"), "role name \"" + name + "\" is reserved")
                       .WithDetail("Role names starting with \"pg_\" are reserved."));
}

BoundStatement RoleStatement(RoleInfo::Action action, std::string tag) {
  BoundStatement out;
  out.kind = StatementKind::kRole;
  out.role.action = action;
  out.tag = std::move(tag);
  return out;
}

}  // namespace

Result<BoundStatement> BindCreateRole(const PgQuery__CreateRoleStmt* stmt) {
  BoundStatement out = RoleStatement(RoleInfo::Action::kCreate, "CREATE ROLE");
  std::string name = Str(stmt->role);
  OMEN_RETURN_IF_ERROR(CheckReservedName(name));
  out.role.names.push_back(std::move(name));
  OMEN_RETURN_IF_ERROR(ApplyOptions(stmt->options, stmt->n_options, &out.role));
  // CREATE USER is CREATE ROLE with LOGIN by default.
  if (!out.role.can_login.has_value()) {
    out.role.can_login = stmt->stmt_type == PG_QUERY__ROLE_STMT_TYPE__ROLESTMT_USER;
  }
  return out;
}

Result<BoundStatement> BindAlterRole(const PgQuery__AlterRoleStmt* stmt) {
  BoundStatement out = RoleStatement(RoleInfo::Action::kAlter, "ALTER ROLE");
  const PgQuery__RoleSpec* spec = stmt->role;
  if (spec == nullptr) return Status(sqlstate::kSyntaxError, "ALTER ROLE without a role");
  switch (spec->roletype) {
    case PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_CSTRING:
      out.role.names.push_back(Str(spec->rolename));
      break;
    case PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_PUBLIC:
      return Status(SqlState("42704"), "role \"public\" does not exist");
    default:  // CURRENT_USER, SESSION_USER, CURRENT_ROLE: the session's role
      out.role.current_user = true;
      break;
  }
  OMEN_RETURN_IF_ERROR(ApplyOptions(stmt->options, stmt->n_options, &out.role));
  return out;
}

Result<BoundStatement> BindRenameRole(const PgQuery__RenameStmt* stmt) {
  BoundStatement out = RoleStatement(RoleInfo::Action::kRename, "ALTER ROLE");
  out.role.names.push_back(Str(stmt->subname));
  out.role.new_name = Str(stmt->newname);
  OMEN_RETURN_IF_ERROR(CheckReservedName(out.role.new_name));
  return out;
}

Result<BoundStatement> BindDropRole(const PgQuery__DropRoleStmt* stmt) {
  BoundStatement out = RoleStatement(RoleInfo::Action::kDrop, "DROP ROLE");
  out.role.if_exists = stmt->missing_ok;
  for (size_t i = 0; i < stmt->n_roles; ++i) {
    const PgQuery__Node* n = stmt->roles[i];
    if (n->node_case != PG_QUERY__NODE__NODE_ROLE_SPEC ||
        n->role_spec->roletype != PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_CSTRING) {
      return Status(sqlstate::kInvalidParameterValue,
                    "cannot use special role specifier in DROP ROLE");
    }
    out.role.names.push_back(Str(n->role_spec->rolename));
  }
  return out;
}

}  // namespace omen::sql::utility
