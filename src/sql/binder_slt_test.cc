// Binds every statement of the shared sqllogictest files select1..5
// (CREATE TABLE through the utility binder into a test catalog) and checks
// that each query binds with the expected column count.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "sql/binder.h"
#include "sql/parser.h"
#include "sql/utility_binder.h"

namespace omen::sql {
namespace {

struct Record {
  std::string kind;  // "statement ok", "statement error", "query"
  size_t columns = 0;
  std::string sql;
  int line = 0;
};

std::vector<Record> ReadRecords(const std::string& path) {
  std::vector<Record> out;
  std::ifstream in(path);
  std::string line;
  int lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    Record r;
    r.line = lineno;
    if (line.rfind("statement ok", 0) == 0) {
      r.kind = "statement ok";
    } else if (line.rfind("statement error", 0) == 0) {
      r.kind = "statement error";
    } else if (line.rfind("query ", 0) == 0) {
      r.kind = "query";
      std::string types = line.substr(6, line.find(' ', 6) - 6);
      r.columns = types.size();
    } else {
      continue;
    }
    std::string sql;
    while (std::getline(in, line)) {
      ++lineno;
      if (line.empty() || line == "----") break;
      sql += line + "\n";
    }
    r.sql = sql;
    out.push_back(r);
  }
  return out;
}

class SltBindTest : public ::testing::TestWithParam<const char*> {};

TEST_P(SltBindTest, BindsEveryStatement) {
  std::string path = std::string("/work/shared/sqllogictest/") + GetParam();
  std::vector<Record> records = ReadRecords(path);
  if (records.empty()) GTEST_SKIP() << "no file " << path;
  BindContext ctx;
  ctx.catalog = catalog::Catalog::Bootstrap();
  int failures = 0;
  for (const Record& r : records) {
    Result<ParsedScript> p = Parse(r.sql);
    ASSERT_TRUE(p.ok()) << r.line << ": " << p.status().ToString();
    ASSERT_EQ(p->size(), 1u);
    Result<BoundStatement> b = Bind(p->statement(0), ctx);
    if (r.kind == "statement error") continue;
    if (!b.ok()) {
      if (++failures < 20)
        ADD_FAILURE() << path << ":" << r.line << ": " << r.sql << b.status().ToString();
      continue;
    }
    if (b->kind == StatementKind::kCreateTable) {
      auto cat = ctx.catalog->Clone();
      ASSERT_TRUE(cat->AddTable(b->create_table.def).ok());
      ctx.catalog = cat;
    } else if (b->kind == StatementKind::kCreateView) {
      auto cat = ctx.catalog->Clone();
      auto def = std::make_shared<catalog::TableDef>();
      def->schema = "public";
      def->name = b->create_view.name;
      def->is_view = true;
      def->view_sql = b->create_view.sql;
      def->view_column_names = b->create_view.column_names;
      ASSERT_TRUE(cat->AddTable(def).ok());
      ctx.catalog = cat;
    }
    if (r.kind == "query") {
      EXPECT_EQ(b->types.size(), r.columns) << path << ":" << r.line << ": " << r.sql;
    }
  }
  EXPECT_EQ(failures, 0);
}

INSTANTIATE_TEST_SUITE_P(Select, SltBindTest,
                         ::testing::Values("select1.test", "select2.test", "select3.test",
                                           "select4.test", "select5.test"));

}  // namespace
}  // namespace omen::sql
