#pragma once
// The parser adapter: the only place libpg_query is called. It turns SQL text
// into libpg_query's protobuf-c parse tree (PgQuery__ParseResult), which is
// OmenDB's parsed AST: the binder reads it directly. (DESIGN.md's separate
// "our AST" layer is folded into this tree; see docs/engine.md.)

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

struct PgQuery__ParseResult;
struct PgQuery__Node;

namespace omen::sql {

// One parsed SQL text: owns the tree. Movable, not copyable.
class ParsedScript {
 public:
  ParsedScript() = default;
  ParsedScript(ParsedScript&&) noexcept;
  ParsedScript& operator=(ParsedScript&&) noexcept;
  ~ParsedScript();

  size_t size() const { return statements_.size(); }
  // The statement node (RawStmt's stmt) and its source text.
  const PgQuery__Node* statement(size_t i) const { return statements_[i]; }
  std::string_view text(size_t i) const { return texts_[i]; }
  const std::string& sql() const { return sql_; }

 private:
  friend Result<ParsedScript> Parse(std::string_view sql);
  std::string sql_;
  PgQuery__ParseResult* tree_ = nullptr;
  std::vector<const PgQuery__Node*> statements_;
  std::vector<std::string_view> texts_;  // views into sql_
};

// Parses `sql` (zero or more statements separated by ';').
// 42601 with PostgreSQL's message ('syntax error at or near "x"') and the
// error position (1-based character offset) as Status::position().
Result<ParsedScript> Parse(std::string_view sql);

}  // namespace omen::sql
