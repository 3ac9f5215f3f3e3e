#include "server/copy_out_rows.h"

#include <gtest/gtest.h>

namespace omen::server {
namespace {

TEST(CopyOutRowsTest, TextRowsAndFields) {
  CopyOutRows rows("COPY t TO STDOUT");
  EXPECT_FALSE(rows.csv());
  rows.Append("1\ta\\tb\n2\t");
  EXPECT_EQ(rows.TakeRows(), std::vector<std::string>({"1\ta\\tb\n"}));
  rows.Append("\\N\n");
  EXPECT_EQ(rows.TakeRows(), std::vector<std::string>({"2\t\\N\n"}));
  EXPECT_EQ(rows.FieldCount("1\ta\\tb\n"), 2u);
  EXPECT_EQ(rows.pending(), "");
}

TEST(CopyOutRowsTest, CsvQuotedNewlinesAndDelimiters) {
  CopyOutRows rows("copy (select a from \"STDOUT\") to stdout with (format CSV, quote '\"')");
  EXPECT_TRUE(rows.csv());
  rows.Append("1,\"x,\n\"\"y\"\"\",3\n4,,\n");
  std::vector<std::string> got = rows.TakeRows();
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0], "1,\"x,\n\"\"y\"\"\",3\n");
  EXPECT_EQ(rows.FieldCount(got[0]), 3u);
  EXPECT_EQ(rows.FieldCount(got[1]), 3u);
}

TEST(CopyOutRowsTest, DelimiterOption) {
  CopyOutRows text("COPY t TO STDOUT (DELIMITER '|')");
  EXPECT_EQ(text.FieldCount("a|b\\|c|d\n"), 3u);
  CopyOutRows csv("COPY t TO STDOUT CSV DELIMITER ';'");
  EXPECT_EQ(csv.FieldCount("a;\"b;c\";d\n"), 3u);
}

}  // namespace
}  // namespace omen::server
