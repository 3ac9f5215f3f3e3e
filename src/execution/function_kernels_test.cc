#include "execution/function_catalog.h"
#include "execution/functions.h"
#include "execution/physical_window.h"

#include <gtest/gtest.h>

#include "catalog/functions.h"
#include "common/type_io.h"

namespace omen::execution {
namespace {

Vector Col(Type t, const std::vector<const char*>& texts) {
  Vector v(t);
  for (const char* s : texts) {
    if (s == nullptr) {
      v.Append(Value::Null(t));
    } else {
      Result<Value> r = ParseValue(s, t);
      EXPECT_TRUE(r.ok()) << s;
      v.Append(*r);
    }
  }
  return v;
}

// Runs the resolved operator/function over columns; "ERR <code> <msg>" or the outputs joined by '|'.
std::string Eval(Result<catalog::ResolvedFunction> rf, std::vector<Vector> cols) {
  if (!rf.ok()) return "RESOLVE " + rf.status().message();
  ScalarKernel k = FindScalarKernel(rf->sig->oid);
  if (k == nullptr) return "NO KERNEL";
  std::vector<Vector> cast(cols.size());
  std::vector<const Vector*> args;
  for (size_t i = 0; i < cols.size(); ++i) {
    cast[i] = Vector(rf->arg_types[i]);
    Status s = CastVector(cols[i], rf->arg_types[i], CastContext::kImplicit, &cast[i]);
    if (!s.ok()) return "CAST " + s.message();
    args.push_back(&cast[i]);
  }
  size_t n = cols.empty() ? 1 : cols[0].size();
  Vector out(rf->ret);
  Status s = k(args, n, &out);
  if (!s.ok()) return "ERR " + std::string(s.code().code()) + " " + s.message();
  std::string r;
  for (size_t i = 0; i < n; ++i) {
    if (i > 0) r += "|";
    r += out.IsNull(i) ? "NULL" : FormatValue(out.GetValue(i));
  }
  return r;
}

std::string Op(const char* op, Vector a, Vector b) {
  return Eval(catalog::ResolveOperator(op, a.type(), b.type()), {std::move(a), std::move(b)});
}

std::string Fn(const char* name, std::vector<Vector> cols) {
  std::vector<Type> types;
  for (const Vector& c : cols) types.push_back(c.type());
  return Eval(catalog::ResolveFunction(name, types), std::move(cols));
}

const Type kI2 = TypeId::kInt16, kI4 = TypeId::kInt32, kI8 = TypeId::kInt64, kF8 = TypeId::kFloat64,
           kF4 = TypeId::kFloat32, kNum = TypeId::kNumeric, kText = TypeId::kText, kDate = TypeId::kDate,
           kTs = TypeId::kTimestamp, kBool = TypeId::kBool;

// Expected values from PostgreSQL 15.
TEST(FunctionsKernelTest, IntegerArithmetic) {
  EXPECT_EQ(Op("+", Col(kI4, {"1", "2", nullptr}), Col(kI4, {"10", "20", "30"})), "11|22|NULL");
  EXPECT_EQ(Op("/", Col(kI4, {"7", "-7"}), Col(kI4, {"-2", "2"})), "-3|-3");
  EXPECT_EQ(Op("%", Col(kI4, {"-7", "-2147483647"}), Col(kI4, {"3", "-1"})), "-1|0");
  EXPECT_EQ(Op("/", Col(kI4, {"-2147483648"}), Col(kI4, {"-1"})), "ERR 22003 integer out of range");
  EXPECT_EQ(Op("+", Col(kI2, {"32767"}), Col(kI2, {"1"})), "ERR 22003 smallint out of range");
  EXPECT_EQ(Op("*", Col(kI8, {"9223372036854775807"}), Col(kI8, {"2"})), "ERR 22003 bigint out of range");
  EXPECT_EQ(Op("/", Col(kI4, {"1"}), Col(kI4, {"0"})), "ERR 22012 division by zero");
  EXPECT_EQ(Op("/", Col(kI4, {"1"}), Col(kI4, {nullptr})), "NULL");
  EXPECT_EQ(Op("+", Col(kI2, {"1"}), Col(kI8, {"2"})), "3");
  EXPECT_EQ(Op("+", Col(kI4, {"1"}), Col(kNum, {"1.5"})), "2.5");
  EXPECT_EQ(Eval(catalog::ResolvePrefixOperator("-", kI4), {Col(kI4, {"-2147483648", "5"})}),
            "ERR 22003 integer out of range");
}

TEST(FunctionsKernelTest, BitOperators) {
  EXPECT_EQ(Op("<<", Col(kI4, {"10", "1"}), Col(kI4, {"2", "31"})), "40|-2147483648");
  EXPECT_EQ(Op("&", Col(kI4, {"12"}), Col(kI4, {"10"})), "8");
  EXPECT_EQ(Op("|", Col(kI4, {"12"}), Col(kI4, {"10"})), "14");
  EXPECT_EQ(Op("#", Col(kI4, {"12"}), Col(kI4, {"10"})), "6");
  EXPECT_EQ(Op(">>", Col(kI8, {"-16"}), Col(kI4, {"2"})), "-4");
  EXPECT_EQ(Eval(catalog::ResolvePrefixOperator("~", kI4), {Col(kI4, {"5"})}), "-6");
  EXPECT_EQ(Fn("pg_typeof", {Col(Type(TypeId::kVarchar, 3), {"a"})}), "character varying");
  EXPECT_EQ(Fn("pg_typeof", {Col(kNum, {nullptr})}), "numeric");
}

TEST(FunctionsKernelTest, FloatAndNumeric) {
  EXPECT_EQ(Op("*", Col(kF8, {"1e308"}), Col(kF8, {"10"})), "ERR 22003 value out of range: overflow");
  EXPECT_EQ(Op("*", Col(kF8, {"1e-308"}), Col(kF8, {"1e-10"})), "1e-318");
  EXPECT_EQ(Op("/", Col(kF8, {"1"}), Col(kF8, {"0"})), "ERR 22012 division by zero");
  EXPECT_EQ(Op("*", Col(kF8, {"inf"}), Col(kF8, {"0"})), "NaN");
  EXPECT_EQ(Op("+", Col(kF4, {"0.1"}), Col(kF4, {"0.2"})), "0.3");
  EXPECT_EQ(Op("+", Col(kF8, {"0.1"}), Col(kF8, {"0.2"})), "0.30000000000000004");
  EXPECT_EQ(Op("/", Col(kNum, {"1"}), Col(kNum, {"3"})), "0.33333333333333333333");
  EXPECT_EQ(Op("=", Col(kF8, {"nan"}), Col(kF8, {"nan"})), "t");
  EXPECT_EQ(Op(">", Col(kF8, {"nan"}), Col(kF8, {"inf"})), "t");
  EXPECT_EQ(Op("<", Col(kNum, {"1.10"}), Col(kNum, {"1.2"})), "t");
}

TEST(FunctionsKernelTest, TextAndLike) {
  EXPECT_EQ(Op("||", Col(kText, {"a"}), Col(kText, {"b"})), "ab");
  EXPECT_EQ(Op("||", Col(kText, {"a"}), Col(kBool, {"t"})), "atrue");
  EXPECT_EQ(Op("<", Col(kText, {"B", "a"}), Col(kText, {"a", "ab"})), "t|t");
  EXPECT_EQ(Op("~~", Col(kText, {"abc", "a_c", "hello"}), Col(kText, {"a\\_c", "a\\_c", "h%l_o"})), "f|t|t");
  EXPECT_EQ(Op("~~*", Col(kText, {"HeLLo"}), Col(kText, {"hello%"})), "t");
  EXPECT_EQ(Op("!~~", Col(kText, {"abc"}), Col(kText, {"%b%"})), "f");
  EXPECT_EQ(Op("~", Col(kText, {"abc", "abc"}), Col(kText, {"b", "^b"})), "t|f");
  EXPECT_EQ(Op("~*", Col(kText, {"abc"}), Col(kText, {"B"})), "t");
  EXPECT_EQ(Op("!~", Col(kText, {"abc"}), Col(kText, {"^b"})), "t");
  EXPECT_EQ(Op("~", Col(kText, {"a"}), Col(kText, {"("})).substr(0, 38), "ERR 2201B invalid regular expression: ");
  EXPECT_EQ(Fn("regexp_replace", {Col(kText, {"a1b22c"}), Col(kText, {"[0-9]+"}), Col(kText, {"X"})}), "aXb22c");
  EXPECT_EQ(Fn("regexp_replace",
               {Col(kText, {"a1b22c"}), Col(kText, {"[0-9]+"}), Col(kText, {"X"}), Col(kText, {"g"})}),
            "aXbXc");
  EXPECT_EQ(Fn("regexp_replace", {Col(kText, {"hello"}), Col(kText, {"(l+)"}), Col(kText, {"<\\1>"})}),
            "he<ll>o");
  EXPECT_EQ(Op("=", Col(Type(TypeId::kChar, 3), {"a"}), Col(Type(TypeId::kChar, 5), {"a"})), "t");
  EXPECT_EQ(Op("~~", Col(Type(TypeId::kChar, 3), {"a"}), Col(kText, {"a"})), "f");
}

TEST(FunctionsKernelTest, Dates) {
  EXPECT_EQ(Op("+", Col(kDate, {"2020-02-28"}), Col(kI4, {"2"})), "2020-03-01");
  EXPECT_EQ(Op("-", Col(kDate, {"2020-03-01"}), Col(kDate, {"2020-01-01"})), "60");
  EXPECT_EQ(Op("<", Col(kDate, {"2020-01-01"}), Col(kTs, {"2020-01-01 10:00"})), "t");
  EXPECT_EQ(Fn("date_part", {Col(kText, {"dow", "epoch"}), Col(kTs, {"2020-01-01", "2020-01-01 00:00:01.5"})}),
            "3|1577836801.5");
  EXPECT_EQ(Fn("date_trunc", {Col(kText, {"month"}), Col(kTs, {"2020-05-17 10:00"})}), "2020-05-01 00:00:00");
  EXPECT_EQ(Fn("extract", {Col(kText, {"hour", "second", "milliseconds", "epoch", "julian"}),
                           Col(kTs, {"2021-07-04 10:11:12.5", "2021-07-04 10:11:12.5", "2021-07-04 10:11:12.5",
                                     "1970-01-02 00:00:00.5", "2021-07-04 12:00"})}),
            "10|12.500000|12500.000|86400.500000|2459400.50000000000000000000");
  EXPECT_EQ(Fn("extract", {Col(kText, {"epoch", "julian"}), Col(kDate, {"1970-01-02", "2021-07-04"})}),
            "86400|2459400");
  EXPECT_EQ(Fn("extract", {Col(kText, {"hour"}), Col(kDate, {"2021-07-04"})}),
            "ERR 0A000 unit \"hour\" not supported for type date");
  EXPECT_EQ(Op("^", Col(kF8, {"2"}), Col(kF8, {"10"})), "1024");
  EXPECT_EQ(Fn("date_part", {Col(kText, {"xyz"}), Col(kTs, {"2020-01-01"})}),
            "ERR 22023 unit \"xyz\" not recognized for type timestamp without time zone");
}

TEST(FunctionsKernelTest, ScalarFunctions) {
  EXPECT_EQ(Fn("substr", {Col(kText, {"hello"}), Col(kI4, {"0"}), Col(kI4, {"3"})}), "he");
  EXPECT_EQ(Fn("substr", {Col(kText, {"hello"}), Col(kI4, {"-1"})}), "hello");
  EXPECT_EQ(Fn("left", {Col(kText, {"hello"}), Col(kI4, {"-2"})}), "hel");
  EXPECT_EQ(Fn("right", {Col(kText, {"hello"}), Col(kI4, {"-2"})}), "llo");
  EXPECT_EQ(Fn("lpad", {Col(kText, {"hi"}), Col(kI4, {"5"}), Col(kText, {"xy"})}), "xyxhi");
  EXPECT_EQ(Fn("rpad", {Col(kText, {"hello"}), Col(kI4, {"3"})}), "hel");
  EXPECT_EQ(Fn("split_part", {Col(kText, {"a,b,c"}), Col(kText, {","}), Col(kI4, {"-1"})}), "c");
  EXPECT_EQ(Fn("initcap", {Col(kText, {"hELLO wORLD-foo"})}), "Hello World-Foo");
  EXPECT_EQ(Fn("concat", {Col(kI4, {"1"}), Col(kText, {nullptr}), Col(kBool, {"t"}), Col(kText, {"x"})}), "1tx");
  EXPECT_EQ(Fn("concat_ws", {Col(kText, {"-"}), Col(kI4, {"1"}), Col(kI4, {nullptr}), Col(kI4, {"2"})}), "1-2");
  EXPECT_EQ(Fn("round", {Col(kF8, {"2.5"})}), "2");
  EXPECT_EQ(Fn("round", {Col(kNum, {"2.5"})}), "3");
  EXPECT_EQ(Fn("round", {Col(kNum, {"1234.5678"}), Col(kI4, {"-2"})}), "1200");
  EXPECT_EQ(Fn("trunc", {Col(kF8, {"-2.7"})}), "-2");
  EXPECT_EQ(Fn("sign", {Col(kNum, {"-3"})}), "-1");
  EXPECT_EQ(Fn("ceil", {Col(kNum, {"1.2"})}), "2");
  EXPECT_EQ(Fn("div", {Col(kNum, {"7"}), Col(kNum, {"2"})}), "3");
  EXPECT_EQ(Fn("mod", {Col(kI4, {"-7"}), Col(kI4, {"3"})}), "-1");
  EXPECT_EQ(Fn("power", {Col(kF8, {"2"}), Col(kF8, {"10"})}), "1024");
  EXPECT_EQ(Fn("log", {Col(kF8, {"100"})}), "2");
  EXPECT_EQ(Fn("sqrt", {Col(kNum, {"2"})}), "1.414213562373095");
  EXPECT_EQ(Fn("sqrt", {Col(kI4, {"2"})}), "1.4142135623730951");
  EXPECT_EQ(Fn("abs", {Col(kI2, {"-5"})}), "5");
  EXPECT_EQ(Fn("abs", {Col(kI4, {"-2147483648"})}), "ERR 22003 integer out of range");
  EXPECT_EQ(Fn("sqrt", {Col(kF8, {"-1"})}), "ERR 2201F cannot take square root of a negative number");
  EXPECT_EQ(Fn("ln", {Col(kF8, {"0"})}), "ERR 2201E cannot take logarithm of zero");
  EXPECT_EQ(Fn("substr", {Col(kText, {"abc"}), Col(kI4, {"1"}), Col(kI4, {"-1"})}),
            "ERR 22011 negative substring length not allowed");
  EXPECT_EQ(Fn("split_part", {Col(kText, {"a"}), Col(kText, {","}), Col(kI4, {"0"})}),
            "ERR 22023 field position must not be zero");
  EXPECT_EQ(Fn("chr", {Col(kI4, {"0"})}), "ERR 54000 null character not permitted");
  EXPECT_EQ(Fn("length", {Col(kText, {"héllo"})}), "5");
  EXPECT_EQ(Fn("upper", {Col(kText, {"abc"})}), "ABC");
  EXPECT_EQ(Fn("md5", {Col(kText, {"", "abc"})}), "d41d8cd98f00b204e9800998ecf8427e|900150983cd24fb0d6963f7d28e17f72");
  EXPECT_EQ(Fn("position", {Col(kText, {"hello"}), Col(kText, {"lo"})}), "4");
  EXPECT_EQ(Fn("replace", {Col(kText, {"abcabc"}), Col(kText, {"b"}), Col(kText, {"XY"})}), "aXYcaXYc");
  EXPECT_EQ(Fn("btrim", {Col(kText, {"xxhixx"}), Col(kText, {"x"})}), "hi");
}

TEST(FunctionsKernelTest, NumericMathAndMisc) {
  EXPECT_EQ(Fn("power", {Col(kNum, {"2.5", "2", "0.5", "2"}), Col(kNum, {"2", "-2", "3", "0.5"})}),
            "6.2500000000000000|0.2500000000000000|0.1250000000000000|1.4142135623730950");
  EXPECT_EQ(Fn("exp", {Col(kNum, {"1.0", "2.5"})}), "2.7182818284590452|12.182493960703473");
  EXPECT_EQ(Fn("ln", {Col(kNum, {"2.0", "1.05", "1000"})}), "0.6931471805599453|0.048790164169432003|6.9077552789821371");
  EXPECT_EQ(Fn("log", {Col(kNum, {"2.0"}), Col(kNum, {"8.0"})}), "3.0000000000000000");
  EXPECT_EQ(Fn("log10", {Col(kNum, {"1000"})}), "3.0000000000000000");
  EXPECT_EQ(Fn("power", {Col(kNum, {"0"}), Col(kNum, {"-1"})}),
            "ERR 2201F zero raised to a negative power is undefined");
  EXPECT_EQ(Fn("power", {Col(kNum, {"-2"}), Col(kNum, {"0.5"})}),
            "ERR 2201F a negative number raised to a non-integer power yields a complex result");
  EXPECT_EQ(Fn("ln", {Col(kNum, {"-1"})}), "ERR 2201E cannot take logarithm of a negative number");
  EXPECT_EQ(Fn("power", {Col(kNum, {"10"}), Col(kNum, {"1000000"})}), "ERR 22003 value overflows numeric format");
  EXPECT_EQ(Fn("make_date", {Col(kI4, {"2020"}), Col(kI4, {"2"}), Col(kI4, {"29"})}), "2020-02-29");
  EXPECT_EQ(Fn("make_date", {Col(kI4, {"2020"}), Col(kI4, {"2"}), Col(kI4, {"30"})}),
            "ERR 22008 date field value out of range: 2020-02-30");
  EXPECT_EQ(Fn("to_timestamp", {Col(kF8, {"1.5"})}), "1970-01-01 00:00:01.5+00");
  EXPECT_EQ(Fn("to_hex", {Col(kI4, {"255", "-1"})}), "ff|ffffffff");
  EXPECT_EQ(Fn("scale", {Col(kNum, {"1.230"})}), "3");
  EXPECT_EQ(Fn("format", {Col(kText, {"%s-%s|%L|%I|%%"}), Col(kI4, {"1"}), Col(kText, {nullptr}),
                          Col(kText, {"it's"}), Col(kText, {"A b"})}),
            "1-|'it''s'|\"A b\"|%");
  EXPECT_EQ(Fn("format", {Col(kText, {"%s %s"}), Col(kI4, {"1"})}), "ERR 22023 too few arguments for format()");
  EXPECT_EQ(Fn("format", {Col(kText, {"%x"}), Col(kI4, {"1"})}),
            "ERR 22023 unrecognized format() type specifier \"x\"");
  EXPECT_EQ(Fn("quote_ident", {Col(kText, {"ab", "Ab"})}), "ab|\"Ab\"");
}

std::string Agg(const char* name, std::vector<Vector> cols, bool all = true) {
  std::vector<Type> types;
  std::vector<const Vector*> args;
  for (const Vector& c : cols) {
    types.push_back(c.type());
    args.push_back(&c);
  }
  Result<catalog::ResolvedFunction> rf = catalog::ResolveFunction(name, types);
  if (!rf.ok()) return "RESOLVE " + rf.status().message();
  std::unique_ptr<AggregateState> st = MakeAggregateState(rf->sig->oid, rf->arg_types, rf->ret);
  if (st == nullptr) return "NO STATE";
  size_t n = cols.empty() ? 3 : cols[0].size();
  Status s = all ? st->UpdateAll(args, n) : Status::OK();
  for (size_t i = 0; !all && i < n; ++i) s = st->Update(args, i);
  if (!s.ok()) return "ERR " + s.message();
  Result<Value> v = st->Finalize();
  if (!v.ok()) return "ERR " + v.status().message();
  if (v->is_null) return "NULL";
  return v->type.ToString() + " " + FormatValue(*v);
}

TEST(FunctionsKernelTest, Aggregates) {
  EXPECT_EQ(Agg("avg", {Col(kI4, {"1", "2"})}), "numeric 1.5000000000000000");
  EXPECT_EQ(Agg("avg", {Col(kI4, {"1", "2", "2"})}), "numeric 1.6666666666666667");
  EXPECT_EQ(Agg("sum", {Col(kI4, {"1", nullptr, "2"})}), "bigint 3");
  EXPECT_EQ(Agg("sum", {Col(kI4, {"1", nullptr, "2"})}, false), "bigint 3");
  EXPECT_EQ(Agg("sum", {Col(kI8, {"9223372036854775807", "9223372036854775807"})}),
            "numeric 18446744073709551614");
  EXPECT_EQ(Agg("sum", {Col(kI4, {nullptr})}), "NULL");
  EXPECT_EQ(Agg("count", {Col(kI4, {nullptr, "1"})}), "bigint 1");
  EXPECT_EQ(Agg("count", {}), "bigint 3");
  EXPECT_EQ(Agg("avg", {Col(kF4, {"1", "2"})}), "double precision 1.5");
  EXPECT_EQ(Agg("sum", {Col(kF4, {"0.1", "0.2"})}), "real 0.3");
  EXPECT_EQ(Agg("sum", {Col(kNum, {"1.5", "2.25"})}), "numeric 3.75");
  EXPECT_EQ(Agg("avg", {Col(kNum, {"1.5", "2.5"})}), "numeric 2.0000000000000000");
  EXPECT_EQ(Agg("max", {Col(kText, {"b", "ab", nullptr})}), "text b");
  EXPECT_EQ(Agg("min", {Col(kDate, {"2020-01-02", "2019-12-31"})}), "date 2019-12-31");
  EXPECT_EQ(Agg("max", {Col(kI4, {"-5", nullptr, "-7"})}), "integer -5");
  EXPECT_EQ(Agg("min", {Col(kF8, {"nan", "1"})}), "double precision 1");
  EXPECT_EQ(Agg("bool_and", {Col(kBool, {"t", "f"})}), "boolean f");
  EXPECT_EQ(Agg("bool_or", {Col(kBool, {"t", "f"})}), "boolean t");
  EXPECT_EQ(Agg("string_agg", {Col(kText, {"a", nullptr, "b"}), Col(kText, {",", ",", ";"})}, false), "text a;b");
}

TEST(FunctionsKernelTest, EveryScalarSignatureHasAKernel) {
  for (const catalog::FunctionSignature& sig : catalog::AllFunctions()) {
    if (sig.kind == catalog::FunctionKind::kScalar) {
      // Catalog functions read the statement's catalog (function_catalog.h).
      if (IsCatalogFunction(sig.oid)) continue;
      EXPECT_NE(FindScalarKernel(sig.oid), nullptr) << sig.name << " " << sig.oid;
    } else if (sig.kind == catalog::FunctionKind::kWindow) {
      EXPECT_TRUE(IsWindowFunctionImplemented(sig.oid)) << sig.name << " " << sig.oid;
    } else {
      std::vector<Type> args(sig.args.begin(), sig.args.end());
      if (!args.empty() && args[0].id == TypeId::kNull) args[0] = TypeId::kInt32;
      EXPECT_NE(MakeAggregateState(sig.oid, args, sig.ret), nullptr) << sig.name << " " << sig.oid;
    }
  }
}

}  // namespace
}  // namespace omen::execution
