// CREATE / ALTER / DROP ROLE (sql::RoleInfo) on a transaction's catalog copy,
// with PostgreSQL 15's privilege rules and errors; and the role lookups the
// server makes at login (Database::LookupRole, Connection::SetSessionUser).

#include <string>
#include <utility>

#include "catalog/scram_verifier.h"
#include "main/database_impl.h"
#include "main/ddl_internal.h"

namespace omen {

namespace {

using catalog::RoleDef;
using sql::RoleInfo;

constexpr uint32_t kFirstNormalObjectId = 16384;

Status Denied(std::string message) { return Status(SqlState("42501"), std::move(message)); }

Status NoSuchRole(std::string_view name) {
  return Status(SqlState("42704"), "role \"" + std::string(name) + "\" does not exist");
}

// The session role's attributes; a role dropped under a session has none.
RoleDef SessionRole(const catalog::Catalog& catalog, std::string_view session_user) {
  const RoleDef* role = catalog.FindRole(session_user);
  return role != nullptr ? *role : RoleDef{};
}

Status ApplyPassword(const RoleInfo& info, RoleDef* role, std::vector<std::string>* notices) {
  if (!info.password_given) return Status::OK();
  if (!info.password.has_value() || info.password->empty()) {
    if (info.password.has_value()) {
      notices->push_back("empty string is not a valid password, clearing password");
    }
    role->password.clear();
    return Status::OK();
  }
  OMEN_ASSIGN_OR_RETURN(role->password, catalog::EncryptPassword(*info.password));
  return Status::OK();
}

void ApplyAttributes(const RoleInfo& info, RoleDef* role) {
  auto set = [](const std::optional<bool>& given, bool* field) {
    if (given.has_value()) *field = *given;
  };
  set(info.superuser, &role->superuser);
  set(info.inherit, &role->inherit);
  set(info.create_role, &role->create_role);
  set(info.create_db, &role->create_db);
  set(info.can_login, &role->can_login);
  set(info.replication, &role->replication);
  set(info.bypass_rls, &role->bypass_rls);
}

Status CreateRole(const RoleInfo& info, const RoleDef& me, catalog::Catalog* catalog,
                  std::vector<std::string>* notices) {
  if (info.superuser.value_or(false) && !me.superuser) {
    return Denied("must be superuser to create superusers");
  }
  if (info.replication.value_or(false) && !me.superuser) {
    return Denied("must be superuser to create replication users");
  }
  if (info.bypass_rls.value_or(false) && !me.superuser) {
    return Denied("must be superuser to create bypassrls users");
  }
  if (!me.superuser && !me.create_role) return Denied("permission denied to create role");
  RoleDef role;
  role.name = info.names[0];
  ApplyAttributes(info, &role);
  OMEN_RETURN_IF_ERROR(ApplyPassword(info, &role, notices));
  return catalog->CreateRole(std::move(role)).status();
}

// PostgreSQL 15's AlterRole checks: superuser and replication need a
// superuser; others need CREATEROLE, except a role changing its own password.
Status CheckAlter(const RoleInfo& info, const RoleDef& me, const RoleDef& target) {
  if (me.superuser) return Status::OK();
  if (target.superuser || info.superuser.has_value()) {
    return Denied("must be superuser to alter superuser roles or change superuser attribute");
  }
  if (target.replication || info.replication.has_value()) {
    return Denied("must be superuser to alter replication roles or change replication attribute");
  }
  if (info.bypass_rls.has_value()) return Denied("must be superuser to change bypassrls attribute");
  if (me.create_role) return Status::OK();
  bool only_password = !info.inherit && !info.create_role && !info.create_db && !info.can_login;
  if (me.oid == target.oid && only_password) return Status::OK();
  return Denied("permission denied");
}

Status AlterRole(const RoleInfo& info, const RoleDef& me, catalog::Catalog* catalog,
                 std::vector<std::string>* notices) {
  std::string name = info.current_user ? me.name : info.names[0];
  const RoleDef* found = catalog->FindRole(name);
  if (found == nullptr) return NoSuchRole(name);
  RoleDef role = *found;
  OMEN_RETURN_IF_ERROR(CheckAlter(info, me, role));
  ApplyAttributes(info, &role);
  OMEN_RETURN_IF_ERROR(ApplyPassword(info, &role, notices));
  return catalog->ReplaceRole(std::move(role));
}

Status RenameRole(const RoleInfo& info, const RoleDef& me, catalog::Catalog* catalog) {
  const RoleDef* found = catalog->FindRole(info.names[0]);
  if (found == nullptr) return NoSuchRole(info.names[0]);
  if (found->oid == me.oid) {
    return Status(sqlstate::kFeatureNotSupported, "session user cannot be renamed");
  }
  if (catalog->FindRole(info.new_name) != nullptr) {
    return Status(SqlState("42710"), "role \"" + info.new_name + "\" already exists");
  }
  if (found->superuser && !me.superuser) return Denied("must be superuser to rename superusers");
  if (!me.superuser && !me.create_role) return Denied("permission denied to rename role");
  RoleDef role = *found;
  role.name = info.new_name;
  return catalog->ReplaceRole(std::move(role));
}

Status DropRoles(const RoleInfo& info, const RoleDef& me, catalog::Catalog* catalog,
                 std::vector<std::string>* notices) {
  if (!me.superuser && !me.create_role) return Denied("permission denied to drop role");
  for (const std::string& name : info.names) {
    const RoleDef* role = catalog->FindRole(name);
    if (role == nullptr) {
      if (!info.if_exists) return NoSuchRole(name);
      notices->push_back("role \"" + name + "\" does not exist, skipping");
      continue;
    }
    if (role->oid == me.oid) {
      return Status(SqlState("55006"), "current user cannot be dropped");
    }
    if (role->oid < kFirstNormalObjectId) {
      return Status(sqlstate::kDependentObjectsStillExist,
                    "cannot drop role " + name + " because it is required by the database system");
    }
    if (role->superuser && !me.superuser) return Denied("must be superuser to drop superusers");
    OMEN_RETURN_IF_ERROR(catalog->DropRole(name));
  }
  return Status::OK();
}

}  // namespace

namespace ddl {

Status ExecuteRole(const RoleInfo& info, std::string_view session_user, catalog::Catalog* catalog,
                   std::vector<std::string>* notices) {
  RoleDef me = SessionRole(*catalog, session_user);
  for (const std::string& n : info.notices) notices->push_back(n);
  switch (info.action) {
    case RoleInfo::Action::kCreate:
      return CreateRole(info, me, catalog, notices);
    case RoleInfo::Action::kAlter:
      return AlterRole(info, me, catalog, notices);
    case RoleInfo::Action::kRename:
      return RenameRole(info, me, catalog);
    case RoleInfo::Action::kDrop:
      return DropRoles(info, me, catalog, notices);
  }
  return Status(sqlstate::kInternalError, "unknown role action");
}

}  // namespace ddl

std::optional<RoleLogin> Database::LookupRole(std::string_view name) {
  std::shared_ptr<const catalog::Catalog> catalog = impl_->CurrentCatalog();
  const RoleDef* role = catalog->FindRole(name);
  if (role == nullptr) return std::nullopt;
  return RoleLogin{role->oid, role->can_login, role->superuser, role->password};
}

void Connection::SetSessionUser(std::string_view role) { impl_->session_user = std::string(role); }

}  // namespace omen
