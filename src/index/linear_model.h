#pragma once
// LinearModel: position = slope * x + intercept, where x is the signed
// distance of an encoded key from `base`, computed exactly in integers before
// the conversion to double so that keys near the top of the 64-bit range keep
// their precision relative to each other. With slope >= 0 every prediction is
// a monotone (non-decreasing) function of the key, which routing relies on.

#include <cstddef>
#include <cstdint>

namespace omen::index_internal {

struct LinearModel {
  uint64_t base = 0;
  double slope = 0.0;
  double intercept = 0.0;

  double X(uint64_t key) const {
    return key >= base ? static_cast<double>(key - base) : -static_cast<double>(base - key);
  }
  double Predict(uint64_t key) const { return slope * X(key) + intercept; }

  // floor(Predict(key)) clamped to [0, n). REQUIRES: n > 0.
  size_t Slot(uint64_t key, size_t n) const {
    double p = Predict(key);
    if (!(p > 0.0)) return 0;  // also catches NaN
    if (p >= static_cast<double>(n - 1)) return n - 1;
    return static_cast<size_t>(p);
  }

  // Least-squares fit of position `first + i * step` for the i-th of n sorted
  // keys, read through get(i). base becomes the first key.
  template <typename GetKey>
  static LinearModel FitRanks(size_t n, GetKey get, double first, double step) {
    LinearModel m;
    if (n == 0) return m;
    m.base = get(0);
    if (n == 1) {
      m.intercept = first;
      return m;
    }
    // Two passes for numerical stability (keys can span 2^64).
    double mean_x = 0, mean_y = 0;
    for (size_t i = 0; i < n; ++i) mean_x += m.X(get(i));
    mean_x /= static_cast<double>(n);
    mean_y = first + step * static_cast<double>(n - 1) / 2.0;
    double sxy = 0, sxx = 0;
    for (size_t i = 0; i < n; ++i) {
      double dx = m.X(get(i)) - mean_x;
      double dy = first + step * static_cast<double>(i) - mean_y;
      sxy += dx * dy;
      sxx += dx * dx;
    }
    m.slope = (sxx > 0 && sxy > 0) ? sxy / sxx : 0.0;
    m.intercept = mean_y - m.slope * mean_x;
    return m;
  }

  // Maps [lo, hi] linearly onto [0, n): lo to slot 0 and hi to a slot >= 1
  // when n >= 2 and lo < hi, so a partition by it always splits a key set.
  static LinearModel MinMax(uint64_t lo, uint64_t hi, size_t n) {
    LinearModel m;
    m.base = lo;
    double width = static_cast<double>(hi - lo) + 1.0;
    m.slope = static_cast<double>(n) / width;
    return m;
  }
};

}  // namespace omen::index_internal
