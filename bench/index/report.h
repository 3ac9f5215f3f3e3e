#pragma once
// Results of bench_index and their presentation: markdown tables with ratios
// to absl::btree_map, a JSON file, and the cross-contender answer check.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace omen::bench {

struct Result {
  std::string name;
  bool writable = true;
  double bulk_ms = 0;
  double insert_mops = 0;
  double lookup_mops = 0;
  double latency_ns = 0;
  double scan_mops = 0;
  double erase_mops = 0;
  double bytes_per_key = 0;       // from the shared counting allocator
  double self_bytes_per_key = 0;  // LearnedIndex::MemoryBytes() / n (0 for others)
  int depth = 0;
  // Answer checksums, equal across contenders when all are correct.
  uint64_t lookup_sum = 0;
  uint64_t latency_sum = 0;
  uint64_t scan_sum = 0;
  uint64_t insert_check = 0;
  size_t inserted = 0;
  size_t erased = 0;
};

struct Case {
  size_t size;
  std::string dataset;
  std::vector<Result> results;  // results[1] is absl::btree_map, the baseline
};

std::vector<std::string> Split(const std::string& csv);
void PrintCase(const Case& c);
// True when every contender gave the same answers; prints each mismatch.
bool CheckAgreement(const Case& c);
bool WriteJson(const std::string& path, const std::vector<Case>& cases);

}  // namespace omen::bench
