#include "bench/index/datasets.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>

namespace omen::bench {
namespace {

constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
constexpr int64_t kMax = std::numeric_limits<int64_t>::max();

// Draws candidate keys until n distinct ones exist, then sorts them.
template <typename Draw>
std::vector<int64_t> Distinct(size_t n, Draw draw) {
  std::vector<int64_t> keys;
  keys.reserve(n + n / 8);
  while (keys.size() < n) {
    while (keys.size() < n + n / 16 + 16) keys.push_back(draw());
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  }
  // Keep n keys spread evenly over the surplus, the smallest and largest included.
  if (keys.size() > n) {
    std::vector<int64_t> out;
    out.reserve(n);
    for (size_t i = 0; i < n; ++i) {
      out.push_back(keys[n == 1 ? 0 : i * (keys.size() - 1) / (n - 1)]);
    }
    return out;
  }
  return keys;
}

int64_t Clamp(double x) {
  if (!(x > -9.2e18)) return kMin + 1;
  if (x > 9.2e18) return kMax - 1;
  return static_cast<int64_t>(x);
}

std::vector<int64_t> Sequential(size_t n, uint64_t seed) {
  std::vector<int64_t> keys(n);
  int64_t start = static_cast<int64_t>(seed % 1000) * 1000000;
  for (size_t i = 0; i < n; ++i) keys[i] = start + static_cast<int64_t>(i);
  return keys;
}

std::vector<int64_t> Lognormal(size_t n, std::mt19937_64& rng) {
  std::lognormal_distribution<double> dist(0.0, 2.0);
  return Distinct(n, [&] { return Clamp(dist(rng) * 1e9); });
}

std::vector<int64_t> Clustered(size_t n, std::mt19937_64& rng) {
  constexpr int kClusters = 100;
  std::vector<double> centre(kClusters), width(kClusters);
  std::uniform_real_distribution<double> where(-4e18, 4e18);
  std::uniform_real_distribution<double> log_width(6.0, 14.0);
  for (int c = 0; c < kClusters; ++c) {
    centre[c] = where(rng);
    width[c] = std::pow(10.0, log_width(rng));
  }
  std::normal_distribution<double> normal(0.0, 1.0);
  return Distinct(n, [&] {
    size_t c = rng() % kClusters;
    return Clamp(centre[c] + normal(rng) * width[c]);
  });
}

std::vector<int64_t> TimeSeries(size_t n, std::mt19937_64& rng) {
  std::vector<int64_t> keys(n);
  int64_t t = 1700000000LL * 1000000;  // microseconds, late 2023
  std::uniform_int_distribution<int> pct(0, 9999);
  size_t burst_left = 0;
  for (size_t i = 0; i < n; ++i) {
    int r = pct(rng);
    if (burst_left > 0) {
      --burst_left;
      t += 1;
    } else if (r < 5) {  // a gap of hours to days
      t += static_cast<int64_t>(3600LL * 1000000 * (1 + rng() % 72));
    } else if (r < 30) {  // a burst of 100 to 10000 events 1 µs apart
      burst_left = 100 + rng() % 9900;
      t += 1;
    } else {  // a tick: 1 ms give or take 20%
      t += 800 + static_cast<int64_t>(rng() % 400);
    }
    keys[i] = t;
  }
  return keys;
}

std::vector<int64_t> Adversarial(size_t n, std::mt19937_64& rng) {
  std::vector<int64_t> keys = {kMin, kMin + 1, kMax - 1, kMax};
  // Runs of consecutive keys at exponentially growing starts, both signs.
  size_t runs = n / 2;
  for (int e = 0; keys.size() < runs; e = (e + 1) % 62) {
    int64_t start = (int64_t{1} << e) + static_cast<int64_t>(rng() % 1024);
    int64_t len = 1 + static_cast<int64_t>(rng() % 2048);
    bool negative = (rng() & 1) != 0;
    for (int64_t i = 0; i < len && keys.size() < runs; ++i)
      keys.push_back(negative ? -start - i : start + i);
  }
  // Sparse keys at exponentially varying distances.
  return Distinct(n, [&, i = size_t{0}]() mutable {
    if (i < keys.size()) return keys[i++];
    int e = static_cast<int>(rng() % 63);
    int64_t magnitude = static_cast<int64_t>(rng() % (uint64_t{1} << e));
    return (rng() & 1) ? magnitude : -magnitude;
  });
}

}  // namespace

const char* DatasetName(Dataset d) {
  switch (d) {
    case Dataset::kSequential:
      return "sequential";
    case Dataset::kUniform:
      return "uniform";
    case Dataset::kLognormal:
      return "lognormal";
    case Dataset::kClustered:
      return "clustered";
    case Dataset::kTimeSeries:
      return "timeseries";
    case Dataset::kAdversarial:
      return "adversarial";
  }
  return "?";
}

bool ParseDataset(const char* name, Dataset* out) {
  for (Dataset d : AllDatasets()) {
    if (std::strcmp(name, DatasetName(d)) == 0) {
      *out = d;
      return true;
    }
  }
  return false;
}

std::vector<Dataset> AllDatasets() {
  return {Dataset::kSequential, Dataset::kUniform,    Dataset::kLognormal,
          Dataset::kClustered,  Dataset::kTimeSeries, Dataset::kAdversarial};
}

std::vector<int64_t> GenerateKeys(Dataset d, size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed * 0x9E3779B97F4A7C15ULL + static_cast<uint64_t>(d));
  switch (d) {
    case Dataset::kSequential:
      return Sequential(n, seed);
    case Dataset::kUniform:
      return Distinct(n, [&] { return static_cast<int64_t>(rng()); });
    case Dataset::kLognormal:
      return Lognormal(n, rng);
    case Dataset::kClustered:
      return Clustered(n, rng);
    case Dataset::kTimeSeries:
      return TimeSeries(n, rng);
    case Dataset::kAdversarial:
      return Adversarial(n, rng);
  }
  return {};
}

}  // namespace omen::bench
