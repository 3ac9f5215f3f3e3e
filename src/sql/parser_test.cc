#include "sql/parser.h"

#include <gtest/gtest.h>
#include <pg_query/pg_query.pb-c.h>

namespace omen::sql {
namespace {

TEST(ParserTest, SplitsStatements) {
  Result<ParsedScript> p = Parse("SELECT 1;  select 2 ;");
  ASSERT_TRUE(p.ok());
  ASSERT_EQ(p->size(), 2u);
  EXPECT_EQ(p->text(0), "SELECT 1");
  EXPECT_EQ(p->text(1), "select 2 ");
  EXPECT_EQ(p->statement(0)->node_case, PG_QUERY__NODE__NODE_SELECT_STMT);
}

TEST(ParserTest, EmptyScript) {
  Result<ParsedScript> p = Parse("  ;; ");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->size(), 0u);
}

TEST(ParserTest, SyntaxErrorHasPosition) {
  Result<ParsedScript> p = Parse("SELECT FROM WHERE");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().code(), sqlstate::kSyntaxError);
  EXPECT_EQ(p.status().message(), "syntax error at or near \"WHERE\"");
  EXPECT_EQ(p.status().position(), 13);
}

TEST(ParserTest, PositionCountsCharacters) {
  // 'é' is two bytes but one character, as PostgreSQL counts.
  Result<ParsedScript> p = Parse("SELECT 'é' FROM WHERE");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().position(), 17);
}

TEST(ParserTest, MoveKeepsTree) {
  Result<ParsedScript> p = Parse("SELECT 1; SELECT 2");
  ASSERT_TRUE(p.ok());
  ParsedScript a = std::move(p).value();
  ParsedScript b;
  b = std::move(a);
  ASSERT_EQ(b.size(), 2u);
  EXPECT_EQ(b.text(1), "SELECT 2");
  EXPECT_EQ(b.sql(), "SELECT 1; SELECT 2");
}

TEST(ParserTest, ShortScriptSurvivesMoves) {
  Result<ParsedScript> p = Parse("SELECT 1");
  ASSERT_TRUE(p.ok());
  ParsedScript a = std::move(p).value();
  ParsedScript b = std::move(a);
  EXPECT_EQ(b.text(0), "SELECT 1");
  EXPECT_EQ(b.text(0).data(), b.sql().data());
}

TEST(ParserTest, UnterminatedString) {
  Result<ParsedScript> p = Parse("SELECT 'abc");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().code(), sqlstate::kSyntaxError);
  EXPECT_EQ(p.status().message(), "unterminated quoted string at or near \"'abc\"");
}

}  // namespace
}  // namespace omen::sql
