#include "execution/function_catalog.h"

#include <gtest/gtest.h>

#include "catalog/catalog.h"
#include "execution/expression_executor.h"

namespace omen::execution {
namespace {

sql::BoundExprPtr Call(uint32_t oid, Type ret, std::vector<Value> args) {
  auto e = std::make_unique<sql::BoundExpr>();
  e->kind = sql::BoundExprKind::kFunction;
  e->type = ret;
  e->function_oid = oid;
  for (Value& v : args) {
    auto c = std::make_unique<sql::BoundExpr>();
    c->kind = sql::BoundExprKind::kConstant;
    c->type = v.type;
    c->value = v;
    e->children.push_back(std::move(c));
  }
  return e;
}

Value Oid(uint32_t oid) {
  Value v = Value::Null(Type(TypeId::kOid));
  v.is_null = false;
  v.i = oid;
  return v;
}

class FunctionCatalogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto c = catalog::Catalog::Bootstrap()->Clone();
    ASSERT_TRUE(c->CreateSchema("other").ok());
    for (const char* schema : {"public", "other"}) {
      auto t = std::make_shared<catalog::TableDef>();
      t->schema = schema;
      t->name = "t";
      t->columns.resize(2);
      t->columns[0].name = "id";
      t->columns[0].type = Type(TypeId::kInt32);
      t->columns[0].not_null = true;
      t->columns[1].name = "Name";
      t->columns[1].type = Type(TypeId::kVarchar, 5);
      catalog::IndexDef index;
      index.name = "t_pkey";
      index.columns = {0};
      index.unique = index.primary = true;
      t->indexes.push_back(index);
      ASSERT_TRUE(c->AddTable(t).ok());
    }
    catalog_ = c;
    ctx_.catalog = catalog_;
    ctx_.search_path = &search_path_;
    state_.ctx = &ctx_;
  }
  Result<Value> Eval(uint32_t oid, Type ret, std::vector<Value> args) {
    return EvaluateScalar(state_, *Call(oid, ret, std::move(args)));
  }
  uint32_t TableOid(const char* schema) { return catalog_->FindTable(schema, "t", {})->oid; }

  std::shared_ptr<const catalog::Catalog> catalog_;
  std::vector<std::string> search_path_ = {"public"};
  ExecutionContext ctx_;
  ExecState state_;
};

TEST_F(FunctionCatalogTest, Visibility) {
  EXPECT_TRUE(Eval(2079, TypeId::kBool, {Oid(TableOid("public"))})->AsBool());
  EXPECT_FALSE(Eval(2079, TypeId::kBool, {Oid(TableOid("other"))})->AsBool());
  EXPECT_TRUE(Eval(2079, TypeId::kBool, {Oid(1259)})->AsBool());  // pg_class
  EXPECT_FALSE(Eval(2079, TypeId::kBool, {Oid(999999)})->AsBool());
}

TEST_F(FunctionCatalogTest, FormatTypeAndNames) {
  EXPECT_EQ(Eval(1081, TypeId::kText, {Oid(1043), Value::Int32(9)})->s, "character varying(5)");
  EXPECT_EQ(Eval(1081, TypeId::kText, {Oid(23), Value::Null(Type(TypeId::kInt32))})->s, "integer");
  EXPECT_TRUE(
      Eval(1081, TypeId::kText, {Value::Null(Type(TypeId::kOid)), Value::Int32(1)})->is_null);
  EXPECT_EQ(Eval(1642, TypeId::kName, {Oid(10)})->s, "postgres");
  EXPECT_EQ(Eval(1642, TypeId::kName, {Oid(6171)})->s, "pg_database_owner");
  EXPECT_EQ(Eval(1597, TypeId::kName, {Value::Int32(6)})->s, "UTF8");
}

TEST_F(FunctionCatalogTest, IndexDefQualifiesWhenNotVisible) {
  auto other = catalog_->FindTable("other", "t", {});
  Value pretty = Value::Bool(true);
  EXPECT_EQ(Eval(2507, TypeId::kText, {Oid(other->indexes[0].oid), Value::Int32(0), pretty})->s,
            "CREATE UNIQUE INDEX t_pkey ON other.t USING btree (id)");
  auto pub = catalog_->FindTable("public", "t", {});
  EXPECT_EQ(Eval(2507, TypeId::kText, {Oid(pub->indexes[0].oid), Value::Int32(0), pretty})->s,
            "CREATE UNIQUE INDEX t_pkey ON t USING btree (id)");
  EXPECT_EQ(Eval(1643, TypeId::kText, {Oid(pub->indexes[0].oid)})->s,
            "CREATE UNIQUE INDEX t_pkey ON public.t USING btree (id)");
}

TEST_F(FunctionCatalogTest, NeedsACatalog) {
  ExecState bare;
  EXPECT_EQ(EvaluateScalar(bare, *Call(2079, TypeId::kBool, {Oid(1)})).status().code(),
            sqlstate::kInternalError);
}

}  // namespace
}  // namespace omen::execution
