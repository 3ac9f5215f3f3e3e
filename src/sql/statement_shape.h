#pragma once
// The plan cache's lexer pass: lifts literals out of one statement's text so
// that statements differing only in literals share a shape (as
// pg_stat_statements normalises), and the cached plan runs with the literals
// as parameter values.
//
// Invariants:
//  1. Only single SELECT/INSERT/UPDATE/DELETE statements without $n are
//     shaped; everything else is `cacheable == false`.
//  2. A literal is lifted only where its value cannot change the plan or the
//     output column names: never an ORDER BY / GROUP BY / DISTINCT ON item,
//     a typmod, a type-name literal (DATE '...'), a cast operand ('x'::int,
//     CAST('x' AS ...)), a negated number (-5 is folded by the grammar), or
//     inside brackets/parentheses opened by a keyword (CAST, EXTRACT, ANY,
//     numeric(...), ARRAY[...]).
//  3. literals[i] is $i+1: int4 when the token fits int4, then int8, else
//     numeric (as the grammar types them); strings are Value::Unknown.
// Stateless; thread-safe.

#include <string>
#include <string_view>
#include <vector>

#include "common/value.h"

namespace omen::sql {

struct StatementShape {
  bool cacheable = false;
  std::string normalized;        // text with lifted literals replaced by $1..$n
  std::string key;               // normalized + each literal's type class
  std::vector<Value> literals;   // $1 is [0]
  std::vector<int> locations;    // 0-based byte offset of each literal in the text
};

// Shapes `sql`. Never fails: text the lexer rejects is simply not cacheable.
StatementShape ShapeOf(std::string_view sql);

}  // namespace omen::sql
