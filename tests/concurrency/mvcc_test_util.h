#pragma once
// Helpers shared by the concurrency tests: a Database with several
// Connections and small accessors. Test-only.

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <future>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "omendb/omendb.h"

namespace omen::test {

// True when OMEN_SOAK is set: run at full size.
inline bool Soak() {
  const char* s = std::getenv("OMEN_SOAK");
  return s != nullptr && *s != '\0' && std::string(s) != "0";
}

// The SQLSTATE of `r` ("" when it succeeded).
template <typename R>
std::string StateOf(const R& r) {
  return r.ok() ? std::string() : std::string(r.status().code().code());
}

class MultiSessionTest : public ::testing::Test {
 public:
  void SetUp() override {
    auto db = Database::Open({});
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(*db);
  }
  std::unique_ptr<Connection> Connect() { return db_->Connect(); }

  // Runs `sql` on `c`, failing the test on an error.
  static QueryResult Ok(Connection& c, std::string_view sql) {
    auto r = c.Execute(sql);
    EXPECT_TRUE(r.ok()) << sql << ": " << r.status().ToString();
    return r.ok() ? std::move(*r) : QueryResult();
  }
  // The first column of the first row as int64 (from its text: sum() is numeric) (the test fails on error / no row).
  static int64_t Int(Connection& c, std::string_view sql) {
    QueryResult r = Ok(c, sql);
    EXPECT_EQ(r.RowCount(), 1u) << sql;
    return r.RowCount() == 0 || r.IsNull(0, 0) ? -1 : std::stoll(r.GetText(0, 0));
  }
  // Runs `sql` on `c` in another thread.
  static std::future<Result<QueryResult>> Async(Connection& c, std::string sql) {
    return std::async(std::launch::async, [&c, sql] { return c.Execute(sql); });
  }
  // True when `f` is still running after `ms` (it is waiting for a lock).
  template <typename F>
  static bool Blocked(F& f, int ms = 150) {
    return f.wait_for(std::chrono::milliseconds(ms)) == std::future_status::timeout;
  }

  std::unique_ptr<Database> db_;
};

}  // namespace omen::test
