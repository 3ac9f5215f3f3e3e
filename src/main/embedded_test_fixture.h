#pragma once
// EmbeddedDbTest: the GoogleTest fixture shared by the embedded-API tests:
// a fresh in-memory Database per test with one Connection. Test-only.

#include <gtest/gtest.h>

#include <memory>
#include <string_view>
#include <utility>

#include "omendb/omendb.h"

namespace omen {

class EmbeddedDbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = Database::Open({});
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(*db);
    conn_ = db_->Connect();
  }

  // Executes `sql`, failing the test when it fails (then the result is empty).
  QueryResult Ok(std::string_view sql) {
    auto r = conn_->Execute(sql);
    EXPECT_TRUE(r.ok()) << sql << ": " << r.status().ToString();
    return r.ok() ? std::move(*r) : QueryResult();
  }

  std::unique_ptr<Database> db_;
  std::unique_ptr<Connection> conn_;
};

}  // namespace omen
