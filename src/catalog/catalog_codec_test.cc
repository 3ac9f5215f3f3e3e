#include "catalog/catalog_codec.h"

#include <gtest/gtest.h>

namespace omen::catalog {
namespace {

TEST(CatalogCodecTest, TableRecordRoundTrips) {
  TableDef def;
  def.oid = 16390;
  def.schema = "public";
  def.name = "accounts";
  def.columns.push_back(ColumnDef{"id", Type(TypeId::kInt32), true, false, "", 0});
  def.columns.push_back(ColumnDef{"gone", Type(TypeId::kText), false, true, "", 0});
  def.columns.push_back(
      ColumnDef{"balance", Type(TypeId::kNumeric, (12 << 16 | 2) + 4), false, false, "0", 16400});
  ConstraintDef pk;
  pk.oid = 16401;
  pk.name = "accounts_pkey";
  pk.kind = ConstraintKind::kPrimaryKey;
  pk.columns = {0};
  pk.index_name = "accounts_pkey";
  def.constraints.push_back(pk);
  def.indexes.push_back(IndexDef{16402, "accounts_pkey", {0}, true, true});
  def.data = std::make_shared<storage::Table>(
      std::vector<Type>{Type(TypeId::kInt32), Type(TypeId::kText), def.columns[2].type});
  ASSERT_TRUE(
      def.data->CreateIndex(storage::IndexSpec{"accounts_pkey", {0}, true, {"id"}}, nullptr).ok());

  auto back = CatalogCodec::DecodeTable(CatalogCodec::EncodeTable(def, 42));
  ASSERT_TRUE(back.ok()) << back.status().message();
  const TableDef& d = *back->def;
  EXPECT_EQ(back->storage_id, 42u);
  EXPECT_EQ(d.oid, 16390u);
  EXPECT_EQ(d.name, "accounts");
  ASSERT_EQ(d.columns.size(), 3u);
  EXPECT_TRUE(d.columns[1].dropped);
  EXPECT_EQ(d.columns[2].type, def.columns[2].type);
  EXPECT_EQ(d.columns[2].default_sql, "0");
  EXPECT_EQ(d.columns[2].default_oid, 16400u);
  ASSERT_EQ(d.constraints.size(), 1u);
  EXPECT_EQ(d.constraints[0].kind, ConstraintKind::kPrimaryKey);
  EXPECT_EQ(d.constraints[0].oid, 16401u);
  ASSERT_EQ(d.indexes.size(), 1u);
  EXPECT_TRUE(d.indexes[0].primary);
  EXPECT_EQ(back->storage_types, def.data->ColumnTypes());
  ASSERT_EQ(back->index_specs.size(), 1u);
  EXPECT_EQ(back->index_specs[0].column_names, std::vector<std::string>{"id"});
}

TEST(CatalogCodecTest, HeaderKeepsSchemasRolesAndOidCounter) {
  auto catalog = Catalog::Bootstrap()->Clone();
  ASSERT_TRUE(catalog->CreateSchema("app").ok());
  uint32_t next = catalog->NextOid();
  std::string header = CatalogCodec::EncodeHeader(*catalog);
  auto view = std::make_shared<TableDef>();
  view->oid = 20000;
  view->schema = "app";
  view->name = "v";
  view->is_view = true;
  view->view_sql = "SELECT 1";
  auto built = CatalogCodec::Build(header, {view});
  ASSERT_TRUE(built.ok());
  EXPECT_NE((*built)->FindSchema("app"), nullptr);
  EXPECT_NE((*built)->FindRole("postgres"), nullptr);
  EXPECT_EQ((*built)->NextOid(), next + 1);
  EXPECT_NE((*built)->FindTable("app", "v", {}), nullptr);
}

TEST(CatalogCodecTest, GarbageIsDataCorrupted) {
  EXPECT_EQ(CatalogCodec::DecodeTable("").status().code(), sqlstate::kDataCorrupted);
  EXPECT_EQ(CatalogCodec::DecodeTable("\x01\x05").status().code(), sqlstate::kDataCorrupted);
  EXPECT_EQ(CatalogCodec::Build("\x07", {}).status().code(), sqlstate::kDataCorrupted);
}

}  // namespace
}  // namespace omen::catalog
