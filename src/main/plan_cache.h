#pragma once
// The simple protocol's plan cache: bound statements by statement shape
// (sql/statement_shape.h: text with literals lifted out as $n, their type
// classes, plus search_path and TimeZone). One per connection; not thread-safe.
//
// Invariants:
//  1. An entry is valid only for the catalog version it was bound against;
//     a lookup under another version is a miss (DDL invalidates).
//  2. A shape is bound with lifted literals on its second sighting (one-off
//     statements pay no extra bind). An entry with bind_tried and a null
//     `bound` remembers a shape that cannot be cached (the binder found a
//     literal whose value matters at bind time).
//  3. At most `capacity` entries; the least recently used is evicted.

#include <cstdint>
#include <list>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "catalog/catalog.h"
#include "sql/bound_statement.h"
#include "sql/parser.h"

namespace omen {

class PlanCache {
 public:
  struct Entry {
    std::shared_ptr<const catalog::Catalog> catalog;
    std::shared_ptr<const sql::ParsedScript> parsed;  // the normalized text's tree
    std::shared_ptr<const sql::BoundStatement> bound;  // null: not cacheable
    std::vector<uint8_t> cast_contexts;                // per lifted literal (CastContext)
    bool bind_tried = false;  // false: seen once, not bound yet
  };

  explicit PlanCache(size_t capacity = 256) : capacity_(capacity) {}

  // The entry for `key` (made most recently used), or null.
  const Entry* Find(const std::string& key);
  // Adds or replaces the entry for `key`, evicting the least recently used.
  void Insert(const std::string& key, Entry entry);

  size_t size() const { return lru_.size(); }
  uint64_t hits() const { return hits_; }
  void CountHit() { ++hits_; }

 private:
  using List = std::list<std::pair<std::string, Entry>>;
  size_t capacity_;
  List lru_;  // most recently used first
  std::unordered_map<std::string, List::iterator> index_;
  uint64_t hits_ = 0;
};

}  // namespace omen
