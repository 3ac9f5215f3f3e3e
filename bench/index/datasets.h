#pragma once
// Key sets for the learned-index benchmark and tests. Deterministic for
// (dataset, n, seed); every set holds n distinct keys sorted ascending.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace omen::bench {

enum class Dataset { kSequential, kUniform, kLognormal, kClustered, kTimeSeries, kAdversarial };

// "sequential", "uniform", "lognormal", "clustered", "timeseries", "adversarial".
const char* DatasetName(Dataset d);
// Parses a name above; false if unknown.
bool ParseDataset(const char* name, Dataset* out);
std::vector<Dataset> AllDatasets();

// n distinct keys sorted ascending.
//  sequential: consecutive integers.
//  uniform: uniform over the whole int64 range.
//  lognormal: lognormal(0, 2) scaled by 1e9.
//  clustered: a mixture of 100 Gaussians with random centres and widths.
//  timeseries: microsecond timestamps, regular ticks with bursts and long gaps.
//  adversarial: runs of consecutive keys starting at exponentially growing
//    points, sparse keys at exponentially varying distances, and the int64
//    extremes — the shapes linear models fit worst.
std::vector<int64_t> GenerateKeys(Dataset d, size_t n, uint64_t seed);

}  // namespace omen::bench
