#pragma once
// DdlTest: the GoogleTest fixture shared by the DDL executor tests: a private
// catalog clone against which single utility statements are bound and run
// (no Database, no Connection). Test-only.

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "main/ddl_executor.h"
#include "sql/binder.h"
#include "sql/parser.h"
#include "sql/utility_binder.h"

namespace omen {

class DdlTest : public ::testing::Test {
 protected:
  // Binds and executes one DDL statement against catalog_; fills tag_,
  // notices_ and kind_.
  Status Run(std::string_view text) {
    notices_.clear();
    tag_.clear();
    auto parsed = sql::Parse(text);
    if (!parsed.ok()) return parsed.status();
    sql::BindContext ctx;
    ctx.catalog = catalog_;
    auto bound = sql::BindUtility(parsed->statement(0), ctx);
    if (!bound.ok()) return bound.status();
    kind_ = bound->kind;
    return ExecuteDdl(*bound, ctx.search_path, catalog_.get(), &undo_, &tag_, &notices_);
  }
  // The table `name` in `schema` (or on the search path), or null.
  std::shared_ptr<const catalog::TableDef> Table(std::string_view name,
                                                 std::string_view schema = "") {
    return catalog_->FindTable(schema, name, {"public"});
  }

  std::shared_ptr<catalog::Catalog> catalog_ = catalog::Catalog::Bootstrap()->Clone();
  storage::UndoLog undo_;
  std::string tag_;
  std::vector<std::string> notices_;
  sql::StatementKind kind_ = sql::StatementKind::kNoOp;
};

}  // namespace omen
