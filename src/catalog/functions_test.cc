#include "catalog/functions.h"

#include <gtest/gtest.h>

namespace omen::catalog {
namespace {

std::string Ret(Result<ResolvedFunction> r) {
  if (!r.ok()) return "ERR " + std::string(r.status().code().code()) + " " + r.status().message();
  return r->ret.ToString();
}

std::string Op(const char* op, TypeId l, TypeId r) { return Ret(ResolveOperator(op, l, r)); }
std::string Fn(const char* name, std::vector<Type> args) { return Ret(ResolveFunction(name, args)); }

// Result types (pg_typeof) and messages from PostgreSQL 15.
TEST(FunctionsTest, OperatorResolution) {
  EXPECT_EQ(Op("+", TypeId::kInt32, TypeId::kNumeric), "numeric");
  EXPECT_EQ(Op("+", TypeId::kInt16, TypeId::kInt16), "smallint");
  EXPECT_EQ(Op("+", TypeId::kUnknown, TypeId::kInt32), "integer");
  EXPECT_EQ(Op("+", TypeId::kInt32, TypeId::kFloat32), "double precision");
  EXPECT_EQ(Op("+", TypeId::kInt16, TypeId::kInt64), "bigint");
  EXPECT_EQ(Op("=", TypeId::kVarchar, TypeId::kVarchar), "boolean");
  EXPECT_EQ(Op("-", TypeId::kDate, TypeId::kInt32), "date");
  EXPECT_EQ(Op("-", TypeId::kDate, TypeId::kDate), "integer");
  EXPECT_EQ(Op("<", TypeId::kDate, TypeId::kTimestamp), "boolean");
  EXPECT_EQ(Op("||", TypeId::kText, TypeId::kInt32), "text");
  EXPECT_EQ(Op("+", TypeId::kInt32, TypeId::kText), "ERR 42883 operator does not exist: integer + text");
  EXPECT_EQ(Op("+", TypeId::kUnknown, TypeId::kUnknown), "ERR 42725 operator is not unique: unknown + unknown");
  Result<ResolvedFunction> r = ResolveOperator("+", TypeId::kInt32, TypeId::kText);
  EXPECT_EQ(r.status().hint(),
            "No operator matches the given name and argument types. You might need to add explicit type casts.");
  Result<ResolvedFunction> p = ResolvePrefixOperator("-", TypeId::kText);
  EXPECT_EQ(p.status().message(), "operator does not exist: - text");
  EXPECT_EQ(ResolvePrefixOperator("-", TypeId::kInt32)->ret.ToString(), "integer");
  Result<ResolvedFunction> mixed = ResolveOperator("+", TypeId::kInt32, TypeId::kNumeric);
  ASSERT_TRUE(mixed.ok());
  EXPECT_EQ(mixed->arg_types[0].id, TypeId::kNumeric);
}

TEST(FunctionsTest, FunctionResolution) {
  EXPECT_EQ(Fn("round", {TypeId::kInt32}), "double precision");
  EXPECT_EQ(Fn("abs", {TypeId::kUnknown}), "double precision");
  EXPECT_EQ(Fn("sqrt", {TypeId::kInt32}), "double precision");
  EXPECT_EQ(Fn("length", {TypeId::kUnknown}), "integer");
  EXPECT_EQ(Fn("upper", {TypeId::kVarchar}), "text");
  EXPECT_EQ(Fn("round", {TypeId::kNumeric, TypeId::kInt32}), "numeric");
  EXPECT_EQ(Fn("concat", {TypeId::kInt32, TypeId::kText, TypeId::kDate}), "text");
  EXPECT_EQ(Fn("count", {}), "bigint");
  EXPECT_EQ(Fn("count", {TypeId::kDate}), "bigint");
  EXPECT_EQ(Fn("sum", {TypeId::kInt32}), "bigint");
  EXPECT_EQ(Fn("sum", {TypeId::kInt64}), "numeric");
  EXPECT_EQ(Fn("sum", {TypeId::kFloat32}), "real");
  EXPECT_EQ(Fn("avg", {TypeId::kInt16}), "numeric");
  EXPECT_EQ(Fn("avg", {TypeId::kFloat32}), "double precision");
  EXPECT_EQ(Fn("max", {TypeId::kVarchar}), "text");
  EXPECT_EQ(Fn("min", {TypeId::kDate}), "date");
  EXPECT_EQ(Fn("foo", {TypeId::kInt32}), "ERR 42883 function foo(integer) does not exist");
  EXPECT_EQ(Fn("lower", {TypeId::kInt32}), "ERR 42883 function lower(integer) does not exist");
  EXPECT_EQ(ResolveFunction("foo", {}).status().hint(),
            "No function matches the given name and argument types. You might need to add explicit type casts.");
}

TEST(FunctionsTest, CastsAndCommonType) {
  EXPECT_TRUE(CanCast(TypeId::kInt32, TypeId::kInt64, CastContext::kImplicit));
  EXPECT_FALSE(CanCast(TypeId::kInt64, TypeId::kInt32, CastContext::kImplicit));
  EXPECT_TRUE(CanCast(TypeId::kInt64, TypeId::kInt32, CastContext::kAssignment));
  EXPECT_FALSE(CanCast(TypeId::kText, TypeId::kInt32, CastContext::kAssignment));
  EXPECT_TRUE(CanCast(TypeId::kText, TypeId::kInt32, CastContext::kExplicit));
  EXPECT_TRUE(CanCast(TypeId::kBool, TypeId::kInt32, CastContext::kExplicit));
  EXPECT_FALSE(CanCast(TypeId::kBool, TypeId::kInt64, CastContext::kExplicit));
  EXPECT_EQ(CommonType({TypeId::kInt32, TypeId::kNumeric}, "UNION")->ToString(), "numeric");
  EXPECT_EQ(CommonType({TypeId::kUnknown, TypeId::kUnknown}, "CASE")->ToString(), "text");
  EXPECT_EQ(CommonType({TypeId::kUnknown, TypeId::kInt64}, "CASE")->ToString(), "bigint");
  EXPECT_EQ(CommonType({TypeId::kFloat64, TypeId::kNumeric}, "CASE")->ToString(), "double precision");
  Result<Type> bad = CommonType({TypeId::kInt32, TypeId::kText}, "CASE");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), sqlstate::kDatatypeMismatch);
  EXPECT_EQ(bad.status().message(), "CASE types integer and text cannot be matched");
  EXPECT_EQ(FindFunctionByOid(177)->name, "+");  // int4pl
  EXPECT_EQ(FindFunctionByOid(2108)->name, "sum");
}

}  // namespace
}  // namespace omen::catalog
