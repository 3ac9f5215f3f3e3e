#include <gtest/gtest.h>

#include "catalog/catalog.h"

namespace omen::catalog {
namespace {

TEST(CatalogRolesTest, BootstrapHasPostgresSuperuser) {
  auto c = Catalog::Bootstrap();
  const RoleDef* r = c->FindRole("postgres");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->oid, kBootstrapSuperuserOid);
  EXPECT_TRUE(r->superuser);
  EXPECT_TRUE(r->can_login);
  EXPECT_TRUE(r->password.empty());
  EXPECT_EQ(c->FindRoleByOid(10), r);
  EXPECT_EQ(c->FindRole("Postgres"), nullptr);
}

TEST(CatalogRolesTest, CreateRenameDropAreCopyOnWrite) {
  auto base = Catalog::Bootstrap();
  auto edit = base->Clone();
  RoleDef alice;
  alice.name = "alice";
  auto oid = edit->CreateRole(alice);
  ASSERT_TRUE(oid.ok());
  EXPECT_GE(*oid, 16384u);
  EXPECT_EQ(edit->CreateRole(alice).status().code().code(), "42710");
  EXPECT_EQ(base->FindRole("alice"), nullptr);  // the old version is untouched

  RoleDef renamed = *edit->FindRole("alice");
  renamed.name = "postgres";
  EXPECT_EQ(edit->ReplaceRole(renamed).code().code(), "42710");
  renamed.name = "bob";
  renamed.can_login = true;
  ASSERT_TRUE(edit->ReplaceRole(renamed).ok());
  EXPECT_EQ(edit->FindRole("alice"), nullptr);
  ASSERT_NE(edit->FindRole("bob"), nullptr);
  EXPECT_EQ(edit->FindRole("bob")->oid, *oid);
  EXPECT_TRUE(edit->FindRole("bob")->can_login);

  EXPECT_EQ(edit->DropRole("alice").code().code(), "42704");
  ASSERT_TRUE(edit->DropRole("bob").ok());
  EXPECT_EQ(edit->roles().size(), 1u);
}

}  // namespace
}  // namespace omen::catalog
