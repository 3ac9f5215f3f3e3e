#include "catalog/reg_name_resolver.h"

#include <gtest/gtest.h>

#include "catalog/system_tables.h"
#include "common/type_io.h"

namespace omen::catalog {
namespace {

TEST(RegNameResolverTest, RegclassThroughTheSearchPath) {
  auto c = Catalog::Bootstrap()->Clone();
  ASSERT_TRUE(c->CreateSchema("s").ok());
  auto t = std::make_shared<TableDef>();
  t->schema = "s";
  t->name = "tab";
  t->columns.resize(1);
  t->columns[0].name = "a";
  t->columns[0].type = Type(TypeId::kInt32);
  ASSERT_TRUE(c->AddTable(t).ok());
  InstallRegNameResolver(c, {"public"});
  auto v = ParseValue("s.tab", Type(TypeId::kRegclass));
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(static_cast<uint32_t>(v->i), t->oid);
  EXPECT_EQ(FormatValue(*v), "s.tab");  // not on the path: qualified
  EXPECT_EQ(ParseValue("tab", Type(TypeId::kRegclass)).status().code(), sqlstate::kUndefinedTable);
  InstallRegNameResolver(c, {"s", "public"});
  EXPECT_EQ(FormatValue(*v), "tab");
  EXPECT_EQ(static_cast<uint32_t>(ParseValue("PG_CLASS", Type(TypeId::kRegclass))->i), 1259u);
  EXPECT_EQ(static_cast<uint32_t>(ParseValue("\"tab\"", Type(TypeId::kRegclass))->i), t->oid);
  EXPECT_EQ(ParseValue("12345", Type(TypeId::kRegclass))->i, 12345);
  EXPECT_EQ(FormatValue(*ParseValue("12345", Type(TypeId::kRegclass))), "12345");
  EXPECT_EQ(FormatValue(*ParseValue("23", Type(TypeId::kRegtype))), "integer");
  EXPECT_EQ(ParseValue("public", Type(TypeId::kRegnamespace))->i, kPublicNamespaceOid);
  SetThreadRegNameResolver(nullptr);
  EXPECT_EQ(ParseValue("tab", Type(TypeId::kRegclass)).status().code(), SqlState("42704"));
}

TEST(SystemTablesTest, RowsMatchTheirColumns) {
  auto c = Catalog::Bootstrap();
  SystemScanContext ctx;
  ctx.catalog = c.get();
  for (const SystemTableDef& def : SystemTableDefs()) {
    auto rows = SystemTableRows(def, ctx);
    ASSERT_TRUE(rows.ok()) << def.name;
    for (const auto& row : *rows) {
      ASSERT_EQ(row.size(), def.columns.size()) << def.name;
      for (size_t i = 0; i < row.size(); ++i)
        EXPECT_EQ(row[i].type, def.columns[i].second) << def.name;
    }
  }
  EXPECT_EQ(FindSystemTable("pg_catalog", "pg_class")->oid, 1259u);
  EXPECT_EQ(FindSystemTable("public", "pg_class"), nullptr);
}

}  // namespace
}  // namespace omen::catalog
