#pragma once
// A role (PostgreSQL's pg_authid row): login and attribute flags and the
// password, stored only as a SCRAM-SHA-256 verifier. Roles are cluster-wide
// catalog entries, versioned and transactional like every other entry
// (Catalog::CreateRole / ReplaceRole / DropRole on a Clone()).
//
// OIDs: the bootstrap superuser "postgres" has OID 10 (kBootstrapSuperuserOid)
// as in PostgreSQL; other roles take OIDs from the catalog's counter. For
// pg_roles / pg_authid: Catalog::roles() lists every role by name, and
// FindRoleByOid() serves pg_get_userbyid().

#include <cstdint>
#include <string>

namespace omen::catalog {

inline constexpr uint32_t kBootstrapSuperuserOid = 10;

struct RoleDef {
  uint32_t oid = 0;
  std::string name;
  bool superuser = false;    // rolsuper
  bool inherit = true;       // rolinherit
  bool create_role = false;  // rolcreaterole
  bool create_db = false;    // rolcreatedb
  bool can_login = false;    // rolcanlogin (CREATE USER: true)
  bool replication = false;  // rolreplication
  bool bypass_rls = false;   // rolbypassrls
  // rolpassword: "SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>"
  // (base64), or empty when the role has no password.
  std::string password;
};

// "postgres": OID 10, every attribute, LOGIN, no password.
RoleDef BootstrapSuperuser();

}  // namespace omen::catalog
