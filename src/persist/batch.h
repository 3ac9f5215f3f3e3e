#pragma once
// Batch: one commit's changes as opaque key/value operations, applied
// atomically by Store::Commit. Not thread-safe; moved into the Store.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace omen::persist {

class Batch {
 public:
  enum class Op : uint8_t { kPut, kDelete, kDeleteRange };
  struct Entry {
    Op op;
    std::string key;    // kDeleteRange: the first key
    std::string value;  // kDeleteRange: the end key (exclusive)
  };

  void Put(std::string key, std::string value) {
    bytes_ += key.size() + value.size();
    entries_.push_back(Entry{Op::kPut, std::move(key), std::move(value)});
  }
  void Delete(std::string key) {
    bytes_ += key.size();
    entries_.push_back(Entry{Op::kDelete, std::move(key), {}});
  }
  // Deletes every key in [begin, end). Contract: no key in the range is
  // written again afterwards (OmenDB's storage_ids are never reused), so the
  // Store may drop whole files inside it once the delete is durable.
  void DeleteRange(std::string begin, std::string end) {
    bytes_ += begin.size() + end.size();
    entries_.push_back(Entry{Op::kDeleteRange, std::move(begin), std::move(end)});
  }
  bool empty() const { return entries_.empty(); }
  size_t count() const { return entries_.size(); }
  size_t bytes() const { return bytes_; }
  const std::vector<Entry>& entries() const { return entries_; }

 private:
  std::vector<Entry> entries_;
  size_t bytes_ = 0;
};

}  // namespace omen::persist
