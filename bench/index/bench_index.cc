// bench_index: LearnedIndex against absl::btree_map, std::map and a sorted
// vector, in one process on the same keys. Prints a markdown table per size
// and dataset with each figure's ratio to absl::btree_map, and writes the same
// as JSON. Every contender must return the same answers; a mismatch is
// reported and makes the exit status non-zero (the ctest smoke run relies on
// it). Usage: bench_index [--sizes=1000000,10000000] [--datasets=a,b]
//                         [--ops=2000000] [--json=bench_index.json] [--quick]

#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "bench/index/contenders.h"
#include "bench/index/counting_allocator.h"
#include "bench/index/datasets.h"
#include "bench/index/report.h"

namespace omen::bench {
namespace {

constexpr size_t kScanLength = 100;

struct Options {
  std::vector<size_t> sizes = {1000000, 10000000};
  std::vector<Dataset> datasets = AllDatasets();
  size_t ops = 2000000;
  std::string json = "bench_index.json";
};

// The operations every contender runs, derived once per key set.
struct Workload {
  std::vector<Pair> sorted;       // all keys; value = the key's rank
  std::vector<Pair> half_sorted;  // a random half, sorted: the insert test's bulk load
  std::vector<Pair> other_half;   // the rest, shuffled: the insert test's inserts
  std::vector<int64_t> lookups;   // 90% present keys, 10% absent
  std::vector<int64_t> scan_starts;
  std::vector<int64_t> erases;  // a random half of the keys, shuffled
  size_t latency_steps = 0;
};

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

int64_t AbsentKeyNear(const std::vector<int64_t>& keys, int64_t k, std::mt19937_64& rng) {
  auto present = [&](int64_t x) { return std::binary_search(keys.begin(), keys.end(), x); };
  if (k != INT64_MAX && !present(k + 1)) return k + 1;
  if (k != INT64_MIN && !present(k - 1)) return k - 1;
  for (;;) {
    int64_t x = static_cast<int64_t>(rng());
    if (!present(x)) return x;
  }
}

Workload MakeWorkload(const std::vector<int64_t>& keys, size_t ops, uint64_t seed) {
  std::mt19937_64 rng(seed);
  Workload w;
  size_t n = keys.size();
  w.sorted.resize(n);
  for (size_t i = 0; i < n; ++i) w.sorted[i] = {keys[i], i};
  std::vector<Pair> shuffled = w.sorted;
  std::shuffle(shuffled.begin(), shuffled.end(), rng);
  w.half_sorted.assign(shuffled.begin(), shuffled.begin() + static_cast<std::ptrdiff_t>(n / 2));
  std::sort(w.half_sorted.begin(), w.half_sorted.end());
  w.other_half.assign(shuffled.begin() + static_cast<std::ptrdiff_t>(n / 2), shuffled.end());
  std::shuffle(shuffled.begin(), shuffled.end(), rng);
  for (size_t i = 0; i < n / 2; ++i) w.erases.push_back(shuffled[i].first);
  w.lookups.resize(ops);
  for (size_t i = 0; i < ops; ++i) {
    int64_t k = keys[rng() % n];
    w.lookups[i] = (i % 10 == 9) ? AbsentKeyNear(keys, k, rng) : k;
  }
  std::shuffle(w.lookups.begin(), w.lookups.end(), rng);
  w.scan_starts.resize(std::max<size_t>(ops / 20, 1));
  for (int64_t& s : w.scan_starts) s = keys[rng() % n];
  w.latency_steps = std::max<size_t>(ops / 4, 1);
  return w;
}

template <typename C>
void RunReads(const C& c, const Workload& w, Result* r) {
  auto t = std::chrono::steady_clock::now();
  for (int64_t k : w.lookups) {
    auto v = c.Find(k);
    if (v) r->lookup_sum += *v + 1;
  }
  r->lookup_mops = static_cast<double>(w.lookups.size()) / Seconds(t) / 1e6;

  // Each key depends on the value the previous lookup returned.
  size_t n = w.sorted.size();
  uint64_t pos = 0;
  t = std::chrono::steady_clock::now();
  for (size_t i = 0; i < w.latency_steps; ++i) {
    uint64_t v = c.Find(w.sorted[pos].first).value_or(0);
    pos = ((v + i) * 0x9E3779B97F4A7C15ULL >> 17) % n;
  }
  r->latency_ns = Seconds(t) * 1e9 / static_cast<double>(w.latency_steps);
  r->latency_sum = pos;

  std::vector<Pair> buf(kScanLength);
  t = std::chrono::steady_clock::now();
  for (int64_t s : w.scan_starts) {
    size_t got = c.Scan(s, kScanLength, buf.data());
    r->scan_sum += got + (got ? buf[got - 1].second : 0);
  }
  r->scan_mops = static_cast<double>(w.scan_starts.size()) / Seconds(t) / 1e6;
}

template <typename C>
Result Run(const Workload& w) {
  Result r;
  r.name = C::kName;
  r.writable = C::kWritable;
  double n = static_cast<double>(w.sorted.size());
  {
    size_t before = HeapBytes();
    // One untimed load first, so the timed one reuses memory the allocator
    // already holds instead of paying first-touch page faults (see main).
    std::make_unique<C>()->Load(w.sorted);
    auto c = std::make_unique<C>();
    auto t = std::chrono::steady_clock::now();
    c->Load(w.sorted);
    r.bulk_ms = Seconds(t) * 1e3;
    r.bytes_per_key = static_cast<double>(HeapBytes() - before) / n;
    r.self_bytes_per_key = static_cast<double>(c->SelfReportedBytes()) / n;
    r.depth = c->Depth();
    RunReads(*c, w, &r);
    if constexpr (C::kWritable) {
      t = std::chrono::steady_clock::now();
      for (int64_t k : w.erases) r.erased += c->Erase(k) ? 1 : 0;
      r.erase_mops = static_cast<double>(w.erases.size()) / Seconds(t) / 1e6;
    }
  }
  if constexpr (C::kWritable) {
    auto c = std::make_unique<C>();
    c->Load(w.half_sorted);
    auto t = std::chrono::steady_clock::now();
    for (const Pair& p : w.other_half) r.inserted += c->Insert(p.first, p.second) ? 1 : 0;
    r.insert_mops = static_cast<double>(w.other_half.size()) / Seconds(t) / 1e6;
    for (const Pair& p : w.sorted) r.insert_check += c->Find(p.first).value_or(0);
  }
  return r;
}

bool ParseOptions(int argc, char** argv, Options* o) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&](const char* prefix) {
      return a.rfind(prefix, 0) == 0 ? a.substr(std::strlen(prefix)) : std::string();
    };
    if (a == "--quick") {
      o->sizes = {20000};
      o->ops = 20000;
    } else if (auto v = value("--sizes="); !v.empty()) {
      o->sizes.clear();
      for (const std::string& s : Split(v)) o->sizes.push_back(std::stoull(s));
    } else if (auto d = value("--datasets="); !d.empty()) {
      o->datasets.clear();
      for (const std::string& s : Split(d)) {
        Dataset ds;
        if (!ParseDataset(s.c_str(), &ds)) {
          std::fprintf(stderr, "unknown dataset '%s'\n", s.c_str());
          return false;
        }
        o->datasets.push_back(ds);
      }
    } else if (auto n = value("--ops="); !n.empty()) {
      o->ops = std::stoull(n);
    } else if (auto j = value("--json="); !j.empty()) {
      o->json = j;
    } else {
      std::fprintf(stderr, "unknown option '%s'\n", a.c_str());
      return false;
    }
  }
  return true;
}

int Main(int argc, char** argv) {
  // Freed memory stays in the process for every contender alike: page faults
  // are expensive on these virtual machines and would otherwise be charged to
  // whichever structure happens to touch fresh pages.
  mallopt(M_TRIM_THRESHOLD, std::numeric_limits<int>::max());
  mallopt(M_TOP_PAD, 64 << 20);
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  Options o;
  if (!ParseOptions(argc, argv, &o)) return 2;
  std::vector<Case> cases;
  bool all_agree = true;
  for (size_t size : o.sizes) {
    for (Dataset d : o.datasets) {
      Case c{size, DatasetName(d), {}};
      {
        Workload w = MakeWorkload(GenerateKeys(d, size, 42), o.ops, 7);
        c.results.push_back(Run<LearnedContender>(w));
        c.results.push_back(Run<BtreeContender>(w));
        c.results.push_back(Run<StdMapContender>(w));
        c.results.push_back(Run<SortedVectorContender>(w));
      }
      PrintCase(c);
      all_agree = CheckAgreement(c) && all_agree;
      cases.push_back(std::move(c));
    }
  }
  if (!WriteJson(o.json, cases)) return 2;
  std::printf("JSON written to %s\n", o.json.c_str());
  return all_agree ? 0 : 1;
}

}  // namespace
}  // namespace omen::bench

int main(int argc, char** argv) { return omen::bench::Main(argc, argv); }
