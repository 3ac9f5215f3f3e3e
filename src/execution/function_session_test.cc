// Session functions and statement_timeout's deadline at the executor level,
// with a fake session.

#include "execution/function_session.h"

#include <gtest/gtest.h>

#include <map>

#include "execution/expression_executor.h"

namespace omen::execution {
namespace {

class FakeSession : public SessionHooks {
 public:
  Result<std::string> GetSetting(std::string_view name) override {
    auto it = values_.find(std::string(name));
    if (it == values_.end()) return Status(sqlstate::kUndefinedObject, "unrecognized");
    return it->second;
  }
  Result<std::string> SetSetting(std::string_view name, const std::optional<std::string>& value,
                                 bool) override {
    values_[std::string(name)] = value.value_or("default");
    return values_[std::string(name)];
  }
  std::string SessionUser() override { return "alice"; }
  std::optional<std::string> CurrentSchema() override { return std::nullopt; }
  int32_t BackendPid() override { return 42; }

  std::map<std::string, std::string> values_;
};

sql::BoundExprPtr Call(uint32_t oid, TypeId ret, std::vector<Value> args = {}) {
  auto e = std::make_unique<sql::BoundExpr>();
  e->kind = sql::BoundExprKind::kFunction;
  e->type = Type(ret);
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

TEST(FunctionSessionTest, ReadsTheSession) {
  FakeSession session;
  session.values_["lock_timeout"] = "5s";
  ExecutionContext ctx;
  ctx.session = &session;
  ctx.transaction_timestamp = 1000;
  ctx.statement_timestamp = 2000;
  ExecState st;
  st.ctx = &ctx;
  auto v = EvaluateScalar(st, *Call(2077, TypeId::kText, {Value::Text("lock_timeout")}));
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->s, "5s");
  auto missing = EvaluateScalar(st, *Call(2077, TypeId::kText, {Value::Text("nope")}));
  EXPECT_EQ(missing.status().code(), sqlstate::kUndefinedObject);
  auto ok_missing = EvaluateScalar(
      st, *Call(3294, TypeId::kText, {Value::Text("nope"), Value::Bool(true)}));
  ASSERT_TRUE(ok_missing.ok());
  EXPECT_TRUE(ok_missing->is_null);
  auto set = EvaluateScalar(st, *Call(2078, TypeId::kText, {Value::Text("a.b"), Value::Text("x"),
                                                           Value::Bool(false)}));
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(session.values_["a.b"], "x");
  EXPECT_EQ(EvaluateScalar(st, *Call(745, TypeId::kText))->s, "alice");
  EXPECT_TRUE(EvaluateScalar(st, *Call(1402, TypeId::kText))->is_null);
  EXPECT_EQ(EvaluateScalar(st, *Call(2026, TypeId::kInt32))->i, 42);
  EXPECT_EQ(EvaluateScalar(st, *Call(1299, TypeId::kTimestampTz))->i, 1000);
  EXPECT_EQ(EvaluateScalar(st, *Call(2648, TypeId::kTimestampTz))->i, 2000);
  EXPECT_GT(EvaluateScalar(st, *Call(2649, TypeId::kTimestampTz))->i, 2000);
}

TEST(FunctionSessionTest, WithoutSessionDefaults) {
  ExecState st;
  auto v = EvaluateScalar(st, *Call(89, TypeId::kText));
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->s.rfind("PostgreSQL 15", 0), 0u);
  EXPECT_EQ(EvaluateScalar(st, *Call(745, TypeId::kText))->s, "postgres");
  auto call = Call(1403, TypeId::kArray, {Value::Bool(true)});
  call->type = Type::ArrayOf(Type(TypeId::kName));
  auto schemas = EvaluateScalar(st, *call);
  ASSERT_TRUE(schemas.ok());
  EXPECT_EQ(schemas->ToString(), "{pg_catalog,public}");
}

TEST(FunctionSessionTest, DeadlineCancels) {
  ExecutionContext ctx;
  ExecState st;
  st.ctx = &ctx;
  EXPECT_TRUE(st.CheckCancel().ok());
  ctx.deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(30);
  auto sleep = EvaluateScalar(st, *Call(2626, TypeId::kText, {Value::Float64(5)}));
  EXPECT_EQ(sleep.status().code(), sqlstate::kQueryCanceled);
  EXPECT_EQ(sleep.status().message(), "canceling statement due to statement timeout");
  EXPECT_EQ(st.CheckCancel().code(), sqlstate::kQueryCanceled);
}

}  // namespace
}  // namespace omen::execution
