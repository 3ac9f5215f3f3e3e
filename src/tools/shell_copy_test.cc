// \copy: parsing psql's syntax and streaming through the COPY API.

#include "tools/shell_copy.h"

#include <gtest/gtest.h>

#include <sstream>

namespace omen::tools {
namespace {

TEST(ShellCopyTest, ParsesAndRuns) {
  auto db = Database::Open({});
  ASSERT_TRUE(db.ok());
  auto conn = (*db)->Connect();
  ASSERT_TRUE(conn->Execute("CREATE TABLE t(a int, b text)").ok());
  auto parsed = ParseClientCopy(" t (a, b) from '/tmp/x y.csv' with csv header");
  ASSERT_TRUE(parsed.ok());
  EXPECT_TRUE(parsed->from);
  EXPECT_EQ(parsed->file, "/tmp/x y.csv");
  EXPECT_EQ(parsed->sql, "COPY  t (a, b) FROM STDIN with csv header");
  std::istringstream in("1,a\n2,b\n");
  std::ostringstream out, err;
  EXPECT_TRUE(RunClientCopy(conn.get(), " t from stdin csv", in, out, err)) << err.str();
  EXPECT_TRUE(RunClientCopy(conn.get(), " (select * from t order by a) to stdout", in,
                                   out, err));
  EXPECT_EQ(out.str(), "COPY 2\n1\ta\n2\tb\nCOPY 2\n");
  EXPECT_FALSE(RunClientCopy(conn.get(), " t", in, out, err));
}

}  // namespace
}  // namespace omen::tools
