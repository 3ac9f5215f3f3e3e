// Catalog's role entries (catalog.h, role.h).

#include <string>
#include <utility>

#include "catalog/catalog.h"
#include "common/sqlstate.h"

namespace omen::catalog {

namespace {

Status DuplicateRole(std::string_view name) {
  return Status(SqlState("42710"), "role \"" + std::string(name) + "\" already exists");
}

Status NoSuchRole(std::string_view name) {
  return Status(SqlState("42704"), "role \"" + std::string(name) + "\" does not exist");
}

}  // namespace

RoleDef BootstrapSuperuser() {
  RoleDef r;
  r.oid = kBootstrapSuperuserOid;
  r.name = "postgres";
  r.superuser = r.inherit = r.create_role = r.create_db = r.can_login = true;
  r.replication = r.bypass_rls = true;
  return r;
}

const RoleDef* Catalog::FindRole(std::string_view name) const {
  auto it = roles_.find(std::string(name));
  return it == roles_.end() ? nullptr : &it->second;
}

const RoleDef* Catalog::FindRoleByOid(uint32_t oid) const {
  for (const auto& [name, role] : roles_) {
    if (role.oid == oid) return &role;
  }
  return nullptr;
}

Result<uint32_t> Catalog::CreateRole(RoleDef role) {
  if (roles_.count(role.name) != 0) return DuplicateRole(role.name);
  role.oid = NextOid();
  uint32_t oid = role.oid;
  std::string name = role.name;
  roles_.emplace(std::move(name), std::move(role));
  return oid;
}

Status Catalog::ReplaceRole(RoleDef role) {
  auto old = roles_.end();
  for (auto it = roles_.begin(); it != roles_.end(); ++it) {
    if (it->second.oid == role.oid) old = it;
  }
  if (old == roles_.end()) return NoSuchRole(role.name);
  if (old->first != role.name) {
    if (roles_.count(role.name) != 0) return DuplicateRole(role.name);
    roles_.erase(old);
    std::string name = role.name;
    roles_.emplace(std::move(name), std::move(role));
    return Status::OK();
  }
  old->second = std::move(role);
  return Status::OK();
}

Status Catalog::DropRole(std::string_view name) {
  auto it = roles_.find(std::string(name));
  if (it == roles_.end()) return NoSuchRole(name);
  roles_.erase(it);
  return Status::OK();
}

}  // namespace omen::catalog
