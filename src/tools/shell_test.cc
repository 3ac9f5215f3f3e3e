#include <gtest/gtest.h>

#include "tools/error_printer.h"
#include "tools/statement_splitter.h"
#include "tools/table_printer.h"

namespace omen::tools {
namespace {

TEST(TablePrinterTest, MatchesPsqlAligned) {
  // Expected text captured from psql 15.
  std::string got =
      FormatAlignedTable({{"a", true}, {"b", false}, {"numcol", true}, {"n", true}, {"t", false}},
                         {{std::string("1"), std::string("xy"), std::string("2.5"), std::nullopt,
                           std::string("longer text value")},
                          {std::string("100000"), std::string("a"), std::string("3"),
                           std::string("4"), std::string("")}});
  EXPECT_EQ(got,
            "   a    | b  | numcol | n |         t         \n"
            "--------+----+--------+---+-------------------\n"
            "      1 | xy |    2.5 |   | longer text value\n"
            " 100000 | a  |      3 | 4 | \n"
            "(2 rows)\n\n");
}

TEST(TablePrinterTest, MultiLineAndUtf8) {
  EXPECT_EQ(FormatAlignedTable({{"n", true}, {"x", false}},
                               {{std::string("1"), std::string("a\nbcdef")}}),
            " n |   x   \n"
            "---+-------\n"
            " 1 | a    +\n"
            "   | bcdef\n"
            "(1 row)\n\n");
  EXPECT_EQ(FormatAlignedTable({{"x", false}, {"f", true}, {"b", false}, {"u", false}},
                               {{std::string("a\nbcd"), std::string("1.5"), std::string("t"),
                                 std::string("\xc3\xa9")}}),
            "  x  |  f  | b | u \n"
            "-----+-----+---+---\n"
            " a  +| 1.5 | t | \xc3\xa9\n"
            " bcd |     |   | \n"
            "(1 row)\n\n");
  EXPECT_EQ(FormatAlignedTable({{"a", false}}, {}), " a \n---\n(0 rows)\n\n");
  EXPECT_EQ(FormatAlignedTable({}, {{}}), "--\n(1 row)\n\n");
}

std::vector<std::string> Split(const std::string& text) {
  StatementSplitter s;
  s.Feed(text);
  std::vector<std::string> out = s.TakeStatements();
  std::string rest = s.TakeRemainder();
  if (!rest.empty()) out.push_back("REST:" + rest);
  return out;
}

TEST(StatementSplitterTest, QuotesCommentsAndDollars) {
  EXPECT_EQ(Split("select 1; select 2;"), (std::vector<std::string>{"select 1;", "select 2;"}));
  EXPECT_EQ(Split("select 'a;b''c;'; select \"x;y\";"),
            (std::vector<std::string>{"select 'a;b''c;';", "select \"x;y\";"}));
  EXPECT_EQ(Split("select E'\\';' ;"), (std::vector<std::string>{"select E'\\';' ;"}));
  EXPECT_EQ(
      Split("select $$a;b$$, $q$;$q$; -- c;\nselect /* ; /* ; */ ; */ 1;"),
      (std::vector<std::string>{"select $$a;b$$, $q$;$q$;", "-- c;\nselect /* ; /* ; */ ; */ 1;"}));
  EXPECT_EQ(Split(";; -- only a comment\n"), std::vector<std::string>{});
  EXPECT_EQ(Split("select $1; select 2"),
            (std::vector<std::string>{"select $1;", "REST:select 2"}));
}

TEST(StatementSplitterTest, PromptState) {
  StatementSplitter s;
  EXPECT_EQ(s.PromptState(), '=');
  s.Feed("select 'abc\n");
  EXPECT_EQ(s.PromptState(), '\'');
  s.Feed("'\n");
  EXPECT_EQ(s.PromptState(), '-');
  s.Feed(";\n");
  EXPECT_EQ(s.PromptState(), '=');
  EXPECT_EQ(s.TakeStatements(), (std::vector<std::string>{"select 'abc\n'\n;"}));
}

TEST(ShellTest, ErrorFormatting) {
  Status s(sqlstate::kUndefinedColumn, "column \"nosuch\" does not exist");
  s.WithPosition(14);
  EXPECT_EQ(FormatPgError(s, "select 1 +\n  nosuch"),
            "ERROR:  column \"nosuch\" does not exist\n"
            "LINE 2:   nosuch\n"
            "          ^\n");
  Status d(sqlstate::kUniqueViolation, "duplicate key value violates unique constraint \"t_pkey\"");
  d.WithDetail("Key (a)=(1) already exists.").WithHint("h");
  EXPECT_EQ(FormatPgError(d, "x"),
            "ERROR:  duplicate key value violates unique constraint \"t_pkey\"\n"
            "DETAIL:  Key (a)=(1) already exists.\nHINT:  h\n");
}

}  // namespace
}  // namespace omen::tools
