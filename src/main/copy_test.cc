// COPY through the embedded API: text and CSV in both directions, options,
// errors and atomicity. Expected texts were produced by PostgreSQL 15.

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <unistd.h>

#include "main/embedded_test_fixture.h"
#include "omendb/omendb.h"

namespace omen {
namespace {

constexpr const char* kTypesTable =
    "CREATE TABLE ty(i int, b bigint, s smallint, f float8, n numeric(10,2), t text, "
    "v varchar(5), bo bool, d date, ts timestamp)";
constexpr const char* kTypesRows =
    "INSERT INTO ty VALUES (1, 9000000000, -3, 1.5, 12.34, E'tab\\there\\nnl back\\\\slash', "
    "'q\"x,', true, '2024-02-29', '2024-01-02 03:04:05.5'), "
    "(null,null,null,null,null,null,null,null,null,null), "
    "(0,0,0,-0.25,0,'',' ',false,'1999-12-31','2000-01-01 00:00:00')";
// PostgreSQL 15: COPY ty TO STDOUT / COPY ty TO STDOUT CSV HEADER.
constexpr const char* kTypesText =
    "1\t9000000000\t-3\t1.5\t12.34\ttab\\there\\nnl back\\\\slash\tq\"x,\tt\t2024-02-29\t"
    "2024-01-02 03:04:05.5\n"
    "\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\n"
    "0\t0\t0\t-0.25\t0.00\t\t \tf\t1999-12-31\t2000-01-01 00:00:00\n";
constexpr const char* kTypesCsv =
    "i,b,s,f,n,t,v,bo,d,ts\n"
    "1,9000000000,-3,1.5,12.34,\"tab\there\nnl back\\slash\",\"q\"\"x,\",t,2024-02-29,"
    "2024-01-02 03:04:05.5\n"
    ",,,,,,,,,\n"
    "0,0,0,-0.25,0.00,\"\", ,f,1999-12-31,2000-01-01 00:00:00\n";

class CopyTest : public EmbeddedDbTest {
 protected:
  std::string To(std::string_view sql) {
    std::string out;
    auto r = conn_->CopyTo(sql, [&out](std::string_view d) {
      out.append(d);
      return Status::OK();
    });
    EXPECT_TRUE(r.ok()) << sql << ": " << r.status().ToString();
    return out;
  }
  // "COPY n" or the SQLSTATE.
  std::string From(std::string_view sql, std::string_view data) {
    auto r = conn_->CopyFrom(sql, data);
    if (!r.ok()) {
      last_error_ = r.status();
      return std::string(r.status().code().code());
    }
    return r->tag();
  }
  std::string One(std::string_view sql) {
    auto r = conn_->Execute(sql);
    if (!r.ok()) return r.status().ToString();
    return r->IsNull(0, 0) ? "NULL" : r->GetText(0, 0);
  }

  Status last_error_;
};

TEST_F(CopyTest, TextAndCsvOutputOfEveryType) {
  Ok(kTypesTable);
  Ok(kTypesRows);
  EXPECT_EQ(To("COPY ty TO STDOUT"), kTypesText);
  EXPECT_EQ(To("COPY ty TO STDOUT CSV HEADER"), kTypesCsv);
  EXPECT_EQ(To("COPY (SELECT i, t FROM ty WHERE i = 0) TO STDOUT (FORMAT csv, FORCE_QUOTE *)"),
            "\"0\",\"\"\n");
  EXPECT_EQ(To("COPY (SELECT E'\\\\.') TO STDOUT CSV"), "\"\\.\"\n");
}

TEST_F(CopyTest, RoundTripsTextAndCsv) {
  Ok(kTypesTable);
  Ok(kTypesRows);
  Ok("CREATE TABLE ty3 AS SELECT * FROM ty WHERE false");
  EXPECT_EQ(From("COPY ty3 FROM STDIN", kTypesText), "COPY 3");
  EXPECT_EQ(To("COPY ty3 TO STDOUT"), kTypesText);
  Ok("DELETE FROM ty3");
  EXPECT_EQ(From("COPY ty3 FROM STDIN (FORMAT csv, HEADER true)", kTypesCsv), "COPY 3");
  EXPECT_EQ(To("COPY ty3 TO STDOUT"), kTypesText);
}

TEST_F(CopyTest, TextEscapesAndEndMarker) {
  Ok("CREATE TABLE t(a text, b text)");
  EXPECT_EQ(From("COPY t FROM STDIN", "\\101\\x41\\x4\\b\\f\\v\\q\tx\\\ty\n\\.\nignored\n"),
            "COPY 1");
  EXPECT_EQ(One("SELECT a || '|' || b FROM t"), "AA\x04\b\f\vq|x\ty");
  EXPECT_EQ(From("COPY t FROM STDIN (DELIMITER '|', NULL 'nil')", "nil|\\N\r\n"), "COPY 1");
  EXPECT_EQ(One("SELECT count(*) FROM t WHERE a IS NULL AND b = 'N'"), "1");
}

TEST_F(CopyTest, CsvQuotingAndNulls) {
  Ok("CREATE TABLE t(a int, b text, c text)");
  EXPECT_EQ(From("COPY t FROM STDIN CSV",
                 "1,\"x,\"\"y\"\"\nz\",\"\"\n2,,\n3,ab\"c,d\"e,\"\\N\"\n"),
            "COPY 3");
  EXPECT_EQ(To("COPY t TO STDOUT"), "1\tx,\"y\"\\nz\t\n2\t\\N\t\\N\n3\tabc,de\t\\\\N\n");
  EXPECT_EQ(From("COPY t FROM STDIN (FORMAT csv, FORCE_NOT_NULL (b), FORCE_NULL (c))",
                 "4,,\"\"\n"),
            "COPY 1");
  EXPECT_EQ(One("SELECT (b = '')::text || (c IS NULL)::text FROM t WHERE a = 4"), "truetrue");
  EXPECT_EQ(From("COPY t FROM STDIN (FORMAT csv, QUOTE '''', ESCAPE '\\')", "5,'a\\'b',x\n"),
            "COPY 1");
  EXPECT_EQ(One("SELECT b FROM t WHERE a = 5"), "a'b");
  EXPECT_EQ(From("COPY t FROM STDIN CSV", "6,\"open\n"), "22P04");
}

TEST_F(CopyTest, ColumnListUsesDefaultsAndChecks) {
  Ok("CREATE TABLE t(a int NOT NULL, b text DEFAULT 'dflt', c int CHECK (c > 0))");
  EXPECT_EQ(From("COPY t(c, a) FROM STDIN", "5\t1\n"), "COPY 1");
  EXPECT_EQ(One("SELECT a || b || c FROM t"), "1dflt5");
  EXPECT_EQ(From("COPY t(a) FROM STDIN", "\\N\n"), "23502");
  EXPECT_EQ(From("COPY t(a, c) FROM STDIN", "1\t0\n"), "23514");
}

TEST_F(CopyTest, ErrorsAsPostgres) {
  Ok("CREATE TABLE t(a int, b text)");
  EXPECT_EQ(From("COPY t FROM STDIN", "1\n"), "22P04");
  EXPECT_EQ(last_error_.message(), "missing data for column \"b\"");
  EXPECT_EQ(From("COPY t FROM STDIN", "1\ta\textra\n"), "22P04");
  EXPECT_EQ(last_error_.message(), "extra data after last expected column");
  EXPECT_EQ(From("COPY t FROM STDIN", "1\ta\n2\tb\nx\tc\n"), "22P02");
  EXPECT_EQ(last_error_.message(), "invalid input syntax for type integer: \"x\"");
  EXPECT_EQ(last_error_.detail(), "COPY t, line 3, column a: \"x\"");
  EXPECT_EQ(From("COPY t FROM STDIN (FORMAT binary)", ""), "0A000");
  EXPECT_EQ(From("COPY t FROM STDIN (FORMAT xml)", ""), "22023");
  EXPECT_EQ(From("COPY t FROM STDIN (bogus 1)", ""), "42601");
  EXPECT_EQ(From("COPY t FROM STDIN (DELIMITER ',', DELIMITER ',')", ""), "42601");
  EXPECT_EQ(From("COPY t FROM STDIN (DELIMITER 'ab')", ""), "0A000");
  EXPECT_EQ(From("COPY t FROM STDIN (DELIMITER '\\')", ""), "22023");
  EXPECT_EQ(From("COPY t FROM STDIN (QUOTE 'x')", ""), "0A000");
  EXPECT_EQ(From("COPY t FROM STDIN (FORMAT csv, QUOTE ',')", ""), "22023");
  EXPECT_EQ(From("COPY t(a, a) FROM STDIN", ""), "42701");
  EXPECT_EQ(From("COPY t(zz) FROM STDIN", ""), "42703");
  EXPECT_EQ(From("COPY nosuch FROM STDIN", ""), "42P01");
  EXPECT_EQ(From("COPY t FROM STDIN (FORMAT csv, HEADER match)", "a,c\n"), "22P04");
  EXPECT_EQ(From("COPY t FROM STDIN (FORMAT csv, HEADER match)", "a,b\n1,x\n"), "COPY 1");
  EXPECT_EQ(From("COPY t FROM STDIN (ENCODING 'UTF8', FREEZE)", "2\ty\n"), "COPY 1");
  auto r = conn_->Execute("COPY t FROM STDIN");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(std::string(r.status().code().code()), "0A000");
  r = conn_->Execute("COPY t FROM '/nonexistent/omendb_copy'");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(std::string(r.status().code().code()), "58P01");
  r = conn_->Execute("COPY t TO 'relative.csv'");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(std::string(r.status().code().code()), "42602");
  EXPECT_EQ(From("COPY t TO STDOUT", ""), "0A000");  // wrong direction for CopyFrom
}

TEST_F(CopyTest, FailedCopyLeavesNoRows) {
  Ok("CREATE TABLE t(a int PRIMARY KEY)");
  std::string data;
  for (int i = 0; i < 3000; ++i) data += std::to_string(i) + "\n";
  data += "5\n";  // duplicate after several batches
  EXPECT_EQ(From("COPY t FROM STDIN", data), "23505");
  EXPECT_EQ(One("SELECT count(*) FROM t"), "0");
  Ok("BEGIN");
  EXPECT_EQ(From("COPY t FROM STDIN", "1\n2\n"), "COPY 2");
  EXPECT_EQ(From("COPY t FROM STDIN", "x\n"), "22P02");
  EXPECT_EQ(conn_->TransactionStatus(), 'E');
  Ok("ROLLBACK");
  EXPECT_EQ(One("SELECT count(*) FROM t"), "0");
}

TEST_F(CopyTest, StreamingSourceSplitsAnywhere) {
  Ok("CREATE TABLE t(a int, b text)");
  std::string data = "1,\"multi\nline\"\n2,plain\n";
  size_t pos = 0;
  CopySource source = [&](std::string* chunk) -> Result<bool> {
    if (pos >= data.size()) return false;
    chunk->assign(data, pos, 3);
    pos += 3;
    return true;
  };
  auto r = conn_->CopyFrom("COPY t FROM STDIN CSV", source);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->tag(), "COPY 2");
  EXPECT_EQ(To("COPY t TO STDOUT"), "1\tmulti\\nline\n2\tplain\n");
}

TEST_F(CopyTest, ServerSideFiles) {
  Ok("CREATE TABLE t(a int, b text)");
  Ok("INSERT INTO t VALUES (1, 'x'), (2, NULL)");
  std::string path = "/tmp/omendb_copy_test_" + std::to_string(::getpid()) + ".csv";
  auto r = conn_->Execute("COPY t TO '" + path + "' CSV HEADER");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->tag(), "COPY 2");
  Ok("CREATE TABLE u(a int, b text)");
  r = conn_->Execute("COPY u FROM '" + path + "' WITH (FORMAT csv, HEADER)");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->tag(), "COPY 2");
  EXPECT_EQ(To("COPY u TO STDOUT"), "1\tx\n2\t\\N\n");
  std::remove(path.c_str());
}

}  // namespace
}  // namespace omen
