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
  // keys, read through get(i); base becomes the first key. Above kSampleAbove
  // keys the fit reads an evenly spaced sample, which is as good for a linear
  // model and keeps builds of large nodes cheap.
  template <typename GetKey>
  static LinearModel FitRanks(size_t n, GetKey get, double first, double step) {
    constexpr size_t kSampleAbove = 1024;
    LinearModel m;
    if (n == 0) return m;
    m.base = get(0);
    if (n == 1) {
      m.intercept = first;
      return m;
    }
    size_t stride = n > kSampleAbove ? n / kSampleAbove : 1;
    // Shifted sums (x from base, y from first) keep the one pass stable.
    double sx = 0, sy = 0, sxx = 0, sxy = 0, count = 0;
    for (size_t i = 0; i < n; i += stride) {
      double x = m.X(get(i));
      double y = step * static_cast<double>(i);
      sx += x;
      sy += y;
      sxx += x * x;
      sxy += x * y;
      count += 1;
    }
    double var = sxx - sx * sx / count;
    double cov = sxy - sx * sy / count;
    m.slope = (var > 0 && cov > 0) ? cov / var : 0.0;
    m.intercept = first + (sy - m.slope * sx) / count;
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
