#include "sql/parser.h"

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

#include <string>
#include <utility>

namespace omen::sql {

namespace {

// Statement texts are views into sql_; a short sql_ lives inside the object
// (small-string optimisation), so moves re-point the views at the new buffer.
std::vector<std::string_view> Rebase(const std::vector<std::string_view>& views,
                                     const std::string& from, const std::string& to) {
  std::vector<std::string_view> out;
  out.reserve(views.size());
  for (std::string_view v : views) {
    out.emplace_back(to.data() + (v.data() - from.data()), v.size());
  }
  return out;
}

}  // namespace

ParsedScript::ParsedScript(ParsedScript&& o) noexcept
    : sql_(o.sql_),
      tree_(std::exchange(o.tree_, nullptr)),
      statements_(std::move(o.statements_)),
      texts_(Rebase(o.texts_, o.sql_, sql_)) {
  o.texts_.clear();
}

ParsedScript& ParsedScript::operator=(ParsedScript&& o) noexcept {
  if (this != &o) {
    if (tree_ != nullptr) pg_query__parse_result__free_unpacked(tree_, nullptr);
    sql_ = o.sql_;
    tree_ = std::exchange(o.tree_, nullptr);
    statements_ = std::move(o.statements_);
    texts_ = Rebase(o.texts_, o.sql_, sql_);
    o.texts_.clear();
  }
  return *this;
}

ParsedScript::~ParsedScript() {
  if (tree_ != nullptr) pg_query__parse_result__free_unpacked(tree_, nullptr);
}

namespace {

// A few gram.y errors carry their own SQLSTATE, which libpg_query does not
// report: the role-name checks (42939) and UNENCRYPTED PASSWORD (0A000).
Status GrammarError(std::string message) {
  auto ends_with = [&](std::string_view end) {
    return message.size() >= end.size() &&
           message.compare(message.size() - end.size(), end.size(), end) == 0;
  };
  if ((message.rfind("role name \"", 0) == 0 && ends_with("\" is reserved")) ||
      ends_with(" cannot be used as a role name here")) {
    return Status(SqlState("42939"), std::move(message));
  }
  if (message == "UNENCRYPTED PASSWORD is no longer supported") {
    return std::move(Status(sqlstate::kFeatureNotSupported, std::move(message))
                         .WithHint("Remove UNENCRYPTED to store the password in encrypted form "
                                   "instead."));
  }
  return Status(sqlstate::kSyntaxError, std::move(message));
}

}  // namespace

Result<ParsedScript> Parse(std::string_view sql) {
  ParsedScript script;
  script.sql_ = std::string(sql);
  PgQueryProtobufParseResult parsed = pg_query_parse_protobuf(script.sql_.c_str());
  if (parsed.error != nullptr) {
    Status st = GrammarError(parsed.error->message != nullptr ? parsed.error->message
                                                               : "syntax error");
    // libpg_query's cursorpos is already PostgreSQL's 1-based character position.
    if (parsed.error->cursorpos > 0) st.WithPosition(parsed.error->cursorpos);
    pg_query_free_protobuf_parse_result(parsed);
    return st;
  }
  script.tree_ = pg_query__parse_result__unpack(
      nullptr, parsed.parse_tree.len, reinterpret_cast<const uint8_t*>(parsed.parse_tree.data));
  pg_query_free_protobuf_parse_result(parsed);
  if (script.tree_ == nullptr)
    return Status(sqlstate::kInternalError, "could not decode parse tree");
  std::string_view all(script.sql_);
  for (size_t i = 0; i < script.tree_->n_stmts; ++i) {
    const PgQuery__RawStmt* raw = script.tree_->stmts[i];
    if (raw->stmt == nullptr) continue;
    size_t loc = static_cast<size_t>(raw->stmt_location);
    size_t len = raw->stmt_len > 0 ? static_cast<size_t>(raw->stmt_len) : all.size() - loc;
    if (loc > all.size()) loc = all.size();
    if (loc + len > all.size()) len = all.size() - loc;
    std::string_view text = all.substr(loc, len);
    while (!text.empty() && (text.front() == ' ' || text.front() == '\n' || text.front() == '\t' ||
                             text.front() == '\r')) {
      text.remove_prefix(1);
    }
    script.statements_.push_back(raw->stmt);
    script.texts_.push_back(text);
  }
  return script;
}

}  // namespace omen::sql
