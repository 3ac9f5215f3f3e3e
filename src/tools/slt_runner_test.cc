#include "tools/slt_runner.h"

#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "common/md5.h"
#include "tools/slt_parser.h"
#include "tools/slt_result.h"

namespace omen::tools {
namespace {

TEST(SltParserTest, RecordsConditionsAndResults) {
  const char* text =
      "# comment\n"
      "hash-threshold 8\n"
      "\n"
      "statement ok\n"
      "CREATE TABLE t1(a INTEGER,\n b INTEGER)\n"
      "\n"
      "skipif postgresql\n"
      "statement ok\n"
      "SELECT 1\n"
      "\n"
      "onlyif mysql\n"
      "statement ok\n"
      "SELECT 2\n"
      "\n"
      "onlyif postgresql\n"
      "query IT rowsort label-1\n"
      "SELECT a, b FROM t1\n"
      "----\n"
      "1\n"
      "(empty)\n"
      "\n"
      "statement error SQLSTATE 22012\n"
      "SELECT 1/0\n"
      "\n"
      "statement error division\n"
      "SELECT 1/0\n"
      "\n"
      "query I nosort\n"
      "SELECT 1 WHERE false\n"
      "----\n"
      "\n"
      "halt\n";
  std::vector<SltRecord> recs = ParseSlt(text, "postgresql");
  ASSERT_EQ(recs.size(), 9u);
  EXPECT_EQ(recs[0].kind, SltRecordKind::kHashThreshold);
  EXPECT_EQ(recs[0].hash_threshold, 8);
  EXPECT_EQ(recs[1].kind, SltRecordKind::kStatementOk);
  EXPECT_EQ(recs[1].sql, "CREATE TABLE t1(a INTEGER,\n b INTEGER)");
  EXPECT_EQ(recs[1].line, 4);
  EXPECT_TRUE(recs[2].skip);
  EXPECT_TRUE(recs[3].skip);
  EXPECT_FALSE(recs[4].skip);
  EXPECT_EQ(recs[4].kind, SltRecordKind::kQuery);
  EXPECT_EQ(recs[4].types, "IT");
  EXPECT_EQ(recs[4].sort, SltSortMode::kRowSort);
  EXPECT_EQ(recs[4].label, "label-1");
  EXPECT_EQ(recs[4].expected, (std::vector<std::string>{"1", "(empty)"}));
  EXPECT_EQ(recs[5].expected_sqlstate, "22012");
  EXPECT_EQ(recs[6].error_pattern, "division");
  EXPECT_TRUE(recs[7].has_results);
  EXPECT_TRUE(recs[7].expected.empty());
  EXPECT_EQ(recs[8].kind, SltRecordKind::kHalt);
}

TEST(SltParserTest, UnknownRecordIsInvalid) {
  std::vector<SltRecord> recs = ParseSlt("frobnicate\nSELECT 1\n", "postgresql");
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].kind, SltRecordKind::kInvalid);
  recs = ParseSlt("query I sideways\nSELECT 1\n", "postgresql");
  EXPECT_EQ(recs[0].kind, SltRecordKind::kInvalid);
}

TEST(SltResultTest, FormatsLikeTheCRunner) {
  EXPECT_EQ(FormatSltValue('I', TypeId::kInt32, std::string("42")), "42");
  EXPECT_EQ(FormatSltValue('I', TypeId::kInt32, std::nullopt), "NULL");
  EXPECT_EQ(FormatSltValue('T', TypeId::kText, std::nullopt), "NULL");
  EXPECT_EQ(FormatSltValue('I', TypeId::kFloat64, std::string("-2.7")), "-2");
  EXPECT_EQ(FormatSltValue('I', TypeId::kNumeric, std::string("-0.5")), "0");
  EXPECT_EQ(FormatSltValue('I', TypeId::kNumeric, std::string("123456789012345678901.9")),
            "123456789012345678901");
  EXPECT_EQ(FormatSltValue('I', TypeId::kBool, std::string("t")), "1");
  EXPECT_EQ(FormatSltValue('I', TypeId::kText, std::string("12abc")), "12");
  EXPECT_EQ(FormatSltValue('R', TypeId::kInt64, std::string("3")), "3.000");
  EXPECT_EQ(FormatSltValue('R', TypeId::kNumeric, std::string("2.0005")), "2.001");
  EXPECT_EQ(FormatSltValue('T', TypeId::kText, std::string("")), "(empty)");
  EXPECT_EQ(FormatSltValue('T', TypeId::kText, std::string("a\tb\xc3\xa9")), "a@b@@");
}

TEST(SltResultTest, SortsAndHashes) {
  std::vector<std::vector<SltCell>> rows = {{std::string("2"), std::string("b")},
                                            {std::string("10"), std::string("a")}};
  std::vector<TypeId> types = {TypeId::kInt32, TypeId::kText};
  EXPECT_EQ(FormatSltResult("IT", types, rows, SltSortMode::kNoSort),
            (std::vector<std::string>{"2", "b", "10", "a"}));
  // strcmp order: "10" < "2".
  EXPECT_EQ(FormatSltResult("IT", types, rows, SltSortMode::kRowSort),
            (std::vector<std::string>{"10", "a", "2", "b"}));
  EXPECT_EQ(FormatSltResult("IT", types, rows, SltSortMode::kValueSort),
            (std::vector<std::string>{"10", "2", "a", "b"}));
  std::vector<std::string> values = {"1", "2"};
  EXPECT_EQ(HashSltValues(values), "2 values hashing to " + Md5Hex("1\n2\n"));
  EXPECT_TRUE(SltResultMatches({"1", "2"}, values, 1, 8));
  EXPECT_FALSE(SltResultMatches({"1", "3"}, values, 1, 8));
  EXPECT_TRUE(SltResultMatches({HashSltValues(values)}, values, 1, 1));
  EXPECT_FALSE(SltResultMatches({"1", "2"}, values, 1, 1));
  EXPECT_TRUE(SltResultMatches({"1\t2"}, values, 2, 0));
  EXPECT_TRUE(SltResultMatches({"1 2"}, values, 2, 0));
}

// An engine answering from a fixed table of SQL -> output.
class FakeEngine : public SltEngine {
 public:
  std::map<std::string, SltOutput> answers;
  SltOutput Run(const std::string& sql) override {
    auto it = answers.find(sql);
    if (it != answers.end()) return it->second;
    SltOutput out;
    out.status = Status(sqlstate::kSyntaxError, "syntax error at or near \"" + sql + "\"");
    return out;
  }
};

SltOutput Rows(std::vector<TypeId> types, std::vector<std::vector<SltCell>> rows) {
  SltOutput out;
  out.types = std::move(types);
  out.rows = std::move(rows);
  return out;
}

TEST(SltRunnerTest, CountsPassFailSkipAndExpectedFailures) {
  FakeEngine engine;
  engine.answers["CREATE TABLE t(a int)"] = SltOutput{};
  engine.answers["SELECT a FROM t"] = Rows({TypeId::kInt32}, {{std::string("1")}, {std::nullopt}});
  SltOutput div;
  div.status = Status(sqlstate::kDivisionByZero, "division by zero");
  engine.answers["SELECT 1/0"] = div;
  const char* text =
      "statement ok\nCREATE TABLE t(a int)\n\n"
      "query I rowsort\nSELECT a FROM t\n----\n1\nNULL\n\n"
      "query I nosort\nSELECT a FROM t\n----\n1\n2\n\n"
      "statement error SQLSTATE 22012\nSELECT 1/0\n\n"
      "statement error SQLSTATE 22003\nSELECT 1/0\n\n"
      "statement error\nCREATE TABLE t(a int)\n\n"
      "skipif postgresql\nstatement ok\nnonsense\n\n"
      "statement ok\nnonsense\n\n"
      "query II\nSELECT a FROM t\n----\n1\n";
  SltOptions options;
  options.expected_failures.insert("x.test:29");
  std::ostringstream out;
  SltCounts c = RunSltRecords(ParseSlt(text, "postgresql"), "dir/x.test", options, &engine, out);
  EXPECT_EQ(c.passed, 3);
  // nosort mismatch, wrong SQLSTATE, error expected but ok, wrong column count.
  EXPECT_EQ(c.failed, 4);
  EXPECT_EQ(c.skipped, 2);  // skipif, and the expected failure at line 29
  EXPECT_NE(out.str().find("FAIL dir/x.test:10"), std::string::npos);
  EXPECT_NE(out.str().find("wrong number of columns"), std::string::npos);
}

TEST(SltRunnerTest, HashThresholdAndLabels) {
  FakeEngine engine;
  engine.answers["SELECT 1"] =
      Rows({TypeId::kInt32, TypeId::kInt32}, {{std::string("1"), std::string("2")}});
  engine.answers["SELECT 2"] =
      Rows({TypeId::kInt32, TypeId::kInt32}, {{std::string("1"), std::string("3")}});
  std::string hash = HashSltValues({"1", "2"});
  std::string text = "hash-threshold 1\n\nquery II nosort lbl\nSELECT 1\n----\n" + hash +
                     "\n\nquery II nosort lbl\nSELECT 2\n\nhalt\n\nstatement ok\nnever\n";
  std::ostringstream out;
  SltCounts c = RunSltRecords(ParseSlt(text, "postgresql"), "y.test", SltOptions{}, &engine, out);
  EXPECT_EQ(c.passed, 1);
  EXPECT_EQ(c.failed, 1);
  EXPECT_NE(out.str().find("labelled lbl"), std::string::npos);
}

}  // namespace
}  // namespace omen::tools
