#include <gtest/gtest.h>

#include <string>

#include "catalog/scram_verifier.h"
#include "main/embedded_test_fixture.h"

namespace omen {
namespace {

class RoleTest : public EmbeddedDbTest {
 protected:
  std::string Code(Connection* conn, std::string_view sql) {
    auto r = conn->Execute(sql);
    return std::string(r.status().code().code());
  }
  std::string Code(std::string_view sql) { return Code(conn_.get(), sql); }
};

TEST_F(RoleTest, LookupSeesCommittedRolesWithVerifiers) {
  auto postgres = db_->LookupRole("postgres");
  ASSERT_TRUE(postgres.has_value());
  EXPECT_EQ(postgres->oid, 10u);
  EXPECT_TRUE(postgres->can_login);
  EXPECT_TRUE(postgres->superuser);
  EXPECT_TRUE(postgres->password.empty());
  EXPECT_FALSE(db_->LookupRole("alice").has_value());

  Ok("BEGIN");
  Ok("CREATE USER alice PASSWORD 'pencil'");
  EXPECT_FALSE(db_->LookupRole("alice").has_value());  // not committed yet
  Ok("COMMIT");
  auto alice = db_->LookupRole("alice");
  ASSERT_TRUE(alice.has_value());
  EXPECT_TRUE(alice->can_login);
  EXPECT_FALSE(alice->superuser);
  catalog::ScramVerifier v;
  ASSERT_TRUE(catalog::ParseScramVerifier(alice->password, &v)) << alice->password;
  EXPECT_EQ(catalog::MakeScramVerifier("pencil", v.salt, v.iterations), alice->password);

  Ok("ALTER ROLE alice NOLOGIN PASSWORD NULL");
  alice = db_->LookupRole("alice");
  EXPECT_FALSE(alice->can_login);
  EXPECT_TRUE(alice->password.empty());
  EXPECT_FALSE(db_->LookupRole("ALICE").has_value());
}

TEST_F(RoleTest, UnsupportedOptionsFailWith0A000) {
  EXPECT_EQ(Code("CREATE ROLE r IN ROLE postgres"), "0A000");
  EXPECT_EQ(Code("CREATE ROLE r ROLE postgres"), "0A000");
  EXPECT_EQ(Code("CREATE ROLE r CONNECTION LIMIT 5"), "0A000");
  EXPECT_EQ(Code("CREATE ROLE r VALID UNTIL '2030-01-01'"), "0A000");
  EXPECT_EQ(Code("ALTER ROLE postgres SET search_path = x"), "0A000");
  EXPECT_EQ(Code("CREATE ROLE r PASSWORD 'md5aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'"), "0A000");
  EXPECT_EQ(Code("CREATE ROLE r CONNECTION LIMIT -1"), "00000");
}

TEST_F(RoleTest, SessionUserAndPrivileges) {
  Ok("CREATE ROLE plain LOGIN PASSWORD 'a'");
  Ok("CREATE ROLE maker LOGIN CREATEROLE");
  Ok("CREATE ROLE boss LOGIN SUPERUSER");
  auto plain = db_->Connect();
  plain->SetSessionUser("plain");
  auto user = plain->Execute("SELECT current_user, session_user");
  ASSERT_TRUE(user.ok());
  EXPECT_EQ(user->GetText(0, 0), "plain");
  EXPECT_EQ(user->GetText(0, 1), "plain");
  EXPECT_EQ(Code(plain.get(), "CREATE ROLE x"), "42501");
  EXPECT_EQ(Code(plain.get(), "DROP ROLE maker"), "42501");
  EXPECT_EQ(Code(plain.get(), "ALTER ROLE maker LOGIN"), "42501");
  EXPECT_EQ(Code(plain.get(), "ALTER ROLE postgres PASSWORD 'mine'"), "42501");
  EXPECT_EQ(Code(plain.get(), "ALTER ROLE plain PASSWORD 'b'"), "00000");  // its own password
  EXPECT_EQ(Code(plain.get(), "ALTER ROLE CURRENT_USER PASSWORD 'c'"), "00000");
  EXPECT_EQ(Code(plain.get(), "ALTER ROLE plain SUPERUSER"), "42501");
  EXPECT_EQ(Code(plain.get(), "ALTER ROLE plain CREATEDB"), "42501");

  auto maker = db_->Connect();
  maker->SetSessionUser("maker");
  EXPECT_EQ(Code(maker.get(), "CREATE ROLE made"), "00000");
  EXPECT_EQ(Code(maker.get(), "CREATE ROLE made2 SUPERUSER"), "42501");
  EXPECT_EQ(Code(maker.get(), "ALTER ROLE boss PASSWORD 'x'"), "42501");
  EXPECT_EQ(Code(maker.get(), "ALTER ROLE plain RENAME TO plain2"), "00000");
  EXPECT_EQ(Code(maker.get(), "ALTER ROLE boss RENAME TO boss2"), "42501");
  EXPECT_EQ(Code(maker.get(), "ALTER ROLE maker RENAME TO maker2"), "0A000");
  EXPECT_EQ(Code(maker.get(), "DROP ROLE boss"), "42501");
  EXPECT_EQ(Code(maker.get(), "DROP ROLE maker"), "55006");
  EXPECT_EQ(Code(maker.get(), "DROP ROLE made"), "00000");

  auto boss = db_->Connect();
  boss->SetSessionUser("boss");
  EXPECT_EQ(Code(boss.get(), "DROP ROLE postgres"), "2BP01");
  EXPECT_EQ(Code(boss.get(), "ALTER ROLE postgres PASSWORD 'p'"), "00000");
  EXPECT_FALSE(db_->LookupRole("postgres")->password.empty());
}

}  // namespace
}  // namespace omen
