#include "catalog/catalog.h"

#include <gtest/gtest.h>

#include "common/sqlstate.h"

namespace omen::catalog {
namespace {

std::shared_ptr<TableDef> MakeTable(std::string schema, std::string name) {
  auto t = std::make_shared<TableDef>();
  t->schema = std::move(schema);
  t->name = std::move(name);
  t->columns = {ColumnDef{"id", Type(TypeId::kInt32), true, false, ""},
                ColumnDef{"gone", Type(TypeId::kText), false, true, ""},
                ColumnDef{"v", Type(TypeId::kText), false, false, ""}};
  t->constraints = {ConstraintDef{"t_pkey", ConstraintKind::kPrimaryKey, {0}, "", "t_pkey"}};
  t->indexes = {IndexDef{0, "t_pkey", {0}, true, true}};
  return t;
}

TEST(CatalogTest, BootstrapSchemas) {
  auto c = Catalog::Bootstrap();
  ASSERT_NE(c->FindSchema("pg_catalog"), nullptr);
  EXPECT_EQ(c->FindSchema("pg_catalog")->oid, 11u);
  ASSERT_NE(c->FindSchema("public"), nullptr);
  EXPECT_EQ(c->FindSchema("public")->oid, 2200u);
  EXPECT_NE(c->FindSchema("information_schema"), nullptr);
  EXPECT_EQ(c->FindSchema("nope"), nullptr);
  EXPECT_EQ(c->schemas().size(), 3u);
}

TEST(CatalogTest, CloneSharesEntriesAndBumpsVersion) {
  auto base = Catalog::Bootstrap();
  auto c = base->Clone();
  EXPECT_GT(c->version(), base->version());
  ASSERT_TRUE(c->AddTable(MakeTable("public", "t")).ok());
  EXPECT_GE(c->tables().at({"public", "t"})->oid, 16384u);
  EXPECT_NE(c->tables().at({"public", "t"})->indexes[0].oid, 0u);
  EXPECT_TRUE(base->tables().empty());  // the original is untouched
  auto d = c->Clone();
  EXPECT_GT(d->version(), c->version());
  EXPECT_EQ(d->tables().at({"public", "t"}).get(), c->tables().at({"public", "t"}).get());
  auto e = c->Clone();
  EXPECT_NE(e->version(), d->version());
}

TEST(CatalogTest, FindTableUsesSearchPath) {
  auto c = Catalog::Bootstrap()->Clone();
  ASSERT_TRUE(c->CreateSchema("s1").ok());
  ASSERT_TRUE(c->AddTable(MakeTable("public", "t")).ok());
  ASSERT_TRUE(c->AddTable(MakeTable("s1", "t")).ok());
  ASSERT_TRUE(c->AddTable(MakeTable("pg_catalog", "pg_class")).ok());
  ASSERT_TRUE(c->AddTable(MakeTable("public", "pg_class")).ok());
  std::vector<std::string> path = {"$user", "public"};
  auto t = c->FindTable("", "t", path);
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->schema, "public");
  t = c->FindTable("", "t", {"s1", "public"});
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->schema, "s1");
  t = c->FindTable("s1", "t", path);
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->schema, "s1");
  EXPECT_EQ(c->FindTable("nope", "t", path), nullptr);
  EXPECT_EQ(c->FindTable("", "t", {"$user"}), nullptr);
  // pg_catalog first, implicitly; explicitly listed, at its position.
  t = c->FindTable("", "pg_class", path);
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->schema, "pg_catalog");
  t = c->FindTable("", "pg_class", {"public", "pg_catalog"});
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->schema, "public");
}

TEST(CatalogTest, CreationSchema) {
  auto c = Catalog::Bootstrap();
  auto s = c->CreationSchema({"$user", "public"});
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(*s, "public");
  s = c->CreationSchema({"$user", "nope"});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), sqlstate::kInvalidSchemaName);
  EXPECT_EQ(s.status().message(), "no schema has been selected to create in");
  s = c->CreationSchema({});
  EXPECT_FALSE(s.ok());
}

TEST(CatalogTest, Errors) {
  auto c = Catalog::Bootstrap()->Clone();
  Status st = c->CreateSchema("public");
  EXPECT_EQ(st.code(), sqlstate::kDuplicateSchema);
  EXPECT_EQ(st.message(), "schema \"public\" already exists");
  ASSERT_TRUE(c->AddTable(MakeTable("public", "t")).ok());
  st = c->AddTable(MakeTable("public", "t"));
  EXPECT_EQ(st.code(), sqlstate::kDuplicateTable);
  EXPECT_EQ(st.message(), "relation \"t\" already exists");
  // Indexes share the relation namespace.
  st = c->AddTable(MakeTable("public", "t_pkey"));
  EXPECT_EQ(st.code(), sqlstate::kDuplicateTable);
  st = c->AddTable(MakeTable("nope", "t"));
  EXPECT_EQ(st.code(), sqlstate::kInvalidSchemaName);
  st = c->DropTable("public", "missing");
  EXPECT_EQ(st.code(), sqlstate::kUndefinedTable);
  EXPECT_EQ(st.message(), "relation \"missing\" does not exist");
  st = c->DropSchema("missing");
  EXPECT_EQ(st.code(), sqlstate::kInvalidSchemaName);
}

TEST(CatalogTest, ReplaceDropAndIndexOwner) {
  auto c = Catalog::Bootstrap()->Clone();
  ASSERT_TRUE(c->CreateSchema("s1").ok());
  ASSERT_TRUE(c->AddTable(MakeTable("public", "t")).ok());
  auto owner = c->FindIndexOwner("public", "t_pkey");
  ASSERT_NE(owner, nullptr);
  EXPECT_EQ(owner->name, "t");
  EXPECT_EQ(c->FindIndexOwner("s1", "t_pkey"), nullptr);
  // Rename through ReplaceTable keeps the oid.
  auto renamed = std::make_shared<TableDef>(*owner);
  renamed->name = "u";
  ASSERT_TRUE(c->ReplaceTable(renamed).ok());
  EXPECT_EQ(c->FindTable("public", "t", {}), nullptr);
  ASSERT_NE(c->FindTable("public", "u", {}), nullptr);
  EXPECT_EQ(c->FindTable("public", "u", {})->oid, owner->oid);
  auto ghost = MakeTable("public", "ghost");
  ghost->oid = 1;
  EXPECT_EQ(c->ReplaceTable(ghost).code(), sqlstate::kUndefinedTable);
  ASSERT_TRUE(c->AddTable(MakeTable("s1", "x")).ok());
  ASSERT_TRUE(c->DropSchema("s1").ok());
  EXPECT_EQ(c->FindTable("s1", "x", {}), nullptr);
  ASSERT_TRUE(c->DropTable("public", "u").ok());
  EXPECT_TRUE(c->tables().empty());
}

TEST(CatalogTest, TableDefHelpers) {
  auto t = MakeTable("public", "t");
  EXPECT_EQ(t->FindColumn("id"), 0);
  EXPECT_EQ(t->FindColumn("v"), 2);
  EXPECT_EQ(t->FindColumn("gone"), -1);  // dropped
  EXPECT_EQ(t->FindColumn("x"), -1);
  EXPECT_EQ(t->PrimaryKey(), std::vector<int>{0});
  t->constraints.clear();
  EXPECT_TRUE(t->PrimaryKey().empty());
}

TEST(CatalogTest, NextOidIncreases) {
  auto c = Catalog::Bootstrap();
  uint32_t a = c->NextOid();
  uint32_t b = c->NextOid();
  EXPECT_EQ(a, 16384u);
  EXPECT_EQ(b, a + 1);
}

}  // namespace
}  // namespace omen::catalog
