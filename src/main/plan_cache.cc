#include "main/plan_cache.h"

#include <utility>

#include "common/type_io.h"
#include "main/database_impl.h"
#include "sql/binder.h"
#include "sql/statement_shape.h"

namespace omen {

const PlanCache::Entry* PlanCache::Find(const std::string& key) {
  auto it = index_.find(key);
  if (it == index_.end()) return nullptr;
  lru_.splice(lru_.begin(), lru_, it->second);
  return &it->second->second;
}

void PlanCache::Insert(const std::string& key, Entry entry) {
  auto it = index_.find(key);
  if (it != index_.end()) {
    it->second->second = std::move(entry);
    lru_.splice(lru_.begin(), lru_, it->second);
    return;
  }
  lru_.emplace_front(key, std::move(entry));
  index_[key] = lru_.begin();
  while (lru_.size() > capacity_) {
    index_.erase(lru_.back().first);
    lru_.pop_back();
  }
}

namespace {

bool IsCachedKind(sql::StatementKind k) {
  return k == sql::StatementKind::kSelect || k == sql::StatementKind::kInsert ||
         k == sql::StatementKind::kUpdate || k == sql::StatementKind::kDelete;
}

// The lifted literals as values of the types the plan gave their parameters,
// converted as the binder converts a literal: a string literal is read by the
// type's input function (22P02 positioned at the literal), then cast for a
// typmod in the coercion's context. False (no error) when a literal is not
// of its parameter's type: the caller takes the ordinary path.
Result<bool> LiteralParameters(const sql::StatementShape& shape, const PlanCache::Entry& entry,
                               std::vector<Value>* out) {
  const std::vector<Type>& types = entry.bound->parameter_types;
  out->reserve(shape.literals.size());
  for (size_t i = 0; i < shape.literals.size(); ++i) {
    const Value& lit = shape.literals[i];
    Type t = types[i];
    if (lit.type.id != TypeId::kUnknown) {
      if (!(lit.type == t)) return false;
      out->push_back(lit);
      continue;
    }
    if (t.id == TypeId::kUnknown) {
      out->push_back(lit);
      continue;
    }
    Type parse_type = t.id == TypeId::kArray ? Type::ArrayOf(Type(t.elem)) : Type(t.id);
    Result<Value> v = ParseValue(lit.s, parse_type);
    if (!v.ok()) {
      Status st = v.status();
      if (st.position() == 0) st.WithPosition(shape.locations[i] + 1);
      return st;
    }
    auto cc = static_cast<CastContext>(entry.cast_contexts[i]);
    if (t.typmod != -1 && cc != CastContext::kImplicit) {
      v = CastValue(*v, t, cc);
      if (!v.ok()) return v.status();
    }
    v->type = t;
    out->push_back(std::move(v).value());
  }
  return true;
}

// Binds the shape's normalized text with the literals as typed parameters.
PlanCache::Entry BindShape(const Connection::Impl& conn, const sql::StatementShape& shape,
                           std::shared_ptr<const catalog::Catalog> catalog) {
  PlanCache::Entry entry;
  entry.catalog = std::move(catalog);
  entry.bind_tried = true;
  auto parsed = sql::Parse(shape.normalized);
  if (!parsed.ok() || parsed->size() != 1) return entry;
  auto script = std::make_shared<sql::ParsedScript>(std::move(parsed).value());
  std::vector<Type> types;
  types.reserve(shape.literals.size());
  for (const Value& v : shape.literals) {
    types.push_back(v.type.id == TypeId::kUnknown ? Type(TypeId::kNull) : v.type);
  }
  sql::LiftedInfo info;
  sql::BindContext ctx = conn.MakeBindContext(std::move(types));
  ctx.catalog = entry.catalog;
  ctx.lifted_count = shape.literals.size();
  ctx.lifted = &info;
  auto bound = sql::Bind(script->statement(0), ctx);
  if (!bound.ok() || !info.cacheable || !IsCachedKind(bound->kind) ||
      bound->parameter_types.size() != shape.literals.size()) {
    return entry;
  }
  info.cast_contexts.resize(shape.literals.size(), 0);
  entry.parsed = std::move(script);
  entry.bound = std::make_shared<const sql::BoundStatement>(std::move(bound).value());
  entry.cast_contexts = std::move(info.cast_contexts);
  return entry;
}

}  // namespace

bool Connection::Impl::RunCached(std::string_view sql, std::vector<Result<QueryResult>>* results) {
  // An aborted block refuses statements before analysing them: ordinary path.
  if (state == TxnState::kFailed) return false;
  if (!settings.PlanCacheEnabled()) return false;
  sql::StatementShape shape = sql::ShapeOf(sql);
  if (!shape.cacheable) return false;
  std::string key = std::move(shape.key);
  for (const std::string& schema : settings.SearchPath()) {
    key.push_back('\0');
    key += schema;
  }
  // Literals bound as timestamptz constants were read in the session zone.
  key.push_back('\0');
  Result<std::string> zone = settings.Show("timezone");
  if (zone.ok()) key += *zone;
  std::shared_ptr<const catalog::Catalog> current = Catalog();
  const PlanCache::Entry* entry = plan_cache.Find(key);
  if (entry == nullptr || entry->catalog != current) {
    PlanCache::Entry seen;
    seen.catalog = std::move(current);
    plan_cache.Insert(key, std::move(seen));
    return false;
  }
  if (entry->bound == nullptr) {
    // Lifted-bind errors are positioned in the normalized text: a shape
    // that fails to bind takes the ordinary path, which reports them.
    if (entry->bind_tried) return false;
    plan_cache.Insert(key, BindShape(*this, shape, std::move(current)));
    entry = plan_cache.Find(key);
    if (entry == nullptr || entry->bound == nullptr) return false;
  }
  std::shared_ptr<const sql::BoundStatement> bound = entry->bound;
  std::vector<Value> params;
  Result<bool> converted = LiteralParameters(shape, *entry, &params);
  if (converted.ok() && !*converted) return false;
  plan_cache.CountHit();
  if (!converted.ok()) {
    // As a literal that fails to parse while binding.
    if (state == TxnState::kBlock) state = TxnState::kFailed;
    results->emplace_back(converted.status());
    return true;
  }
  QueryResult out;
  Status s = Run(*bound, params, &out);
  if (!s.ok()) {
    results->emplace_back(std::move(s));
  } else {
    results->emplace_back(std::move(out));
  }
  return true;
}

}  // namespace omen
