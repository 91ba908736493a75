#pragma once
// Where a value falls among a few sorted bounds, in constant time for almost
// every value: the inner loop of the exact-percentile tallies (rank_brackets.h),
// which place every value of every run.
//
// The bounds b_0 <= b_1 <= ... each say when a value is past them: an
// inclusive bound when value >= b (a bracket's lower end), an exclusive one
// when value > b (its upper end). slot(v) is the number of bounds v is past,
// 0..size(). A linear count over the bounds costs a compare per bound; instead
// a guide table cuts the range of the finite bounds into kCells equal cells
// and stores, for every cell that no bound falls in, the slot all of its
// values share. Only values in the few cells holding a bound (and values
// beyond a bound at +-infinity) fall back to the count.
//
// Why the guide is exact although cell() rounds: cell(v) = floor((v - origin)
// / width), clamped, is non-decreasing in v, and so is slot(v). If two values
// of one cell had different slots, some bound b would lie between them, so
// cell(b) would be that same cell -- and the cell would be marked for the
// count. A value in an unmarked cell c is past exactly the bounds with
// cell(b) < c (v > b strictly there) and none with cell(b) > c.
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace simroi {

class SlotLocator {
 public:
  struct Bound {
    double value;
    bool inclusive;  ///< past it when v >= value (else when v > value)
  };

  SlotLocator() = default;
  /// `bounds` ascending by value. Cells whose slot has `unguided[slot] != 0`
  /// are left out of the guide as well (guided() gives kUnguided there), so
  /// that a caller's fast path only ever sees the slots it handles alike.
  explicit SlotLocator(std::vector<Bound> bounds, std::span<const std::uint8_t> unguided = {});

  /// The number of bounds `v` is past (0..size()).
  [[nodiscard]] std::size_t slot(double v) const noexcept {
    const std::size_t guided = this->guided(v);
    return guided != kUnguided ? guided : count(v);
  }
  /// The slot of `v` from the guide alone, or kUnguided: call count(v).
  [[nodiscard]] std::size_t guided(double v) const noexcept { return guide_[cell(v)]; }
  /// guided() of every value, written to `out` (values.size() entries): two
  /// values at a time with SSE2.
  void guided(std::span<const double> values, std::uint8_t* out) const noexcept {
    std::size_t i = 0;
#if defined(__SSE2__)
    const __m128d origin = _mm_set1_pd(origin_);
    const __m128d inv_width = _mm_set1_pd(inv_width_);
    const __m128d first = _mm_setzero_pd();
    const __m128d last = _mm_set1_pd(kLastCell);
    for (; i + 2 <= values.size(); i += 2) {
      const __m128d t = _mm_mul_pd(_mm_sub_pd(_mm_loadu_pd(&values[i]), origin), inv_width);
      const __m128i cells = _mm_cvttpd_epi32(_mm_min_pd(_mm_max_pd(t, first), last));
      out[i] = guide_[static_cast<std::size_t>(_mm_cvtsi128_si32(cells))];
      out[i + 1] = guide_[static_cast<std::size_t>(_mm_cvtsi128_si32(_mm_srli_si128(cells, 4)))];
    }
#endif
    for (; i < values.size(); ++i) out[i] = guide_[cell(values[i])];
  }
  /// The slot of `v` by comparing it with every bound.
  [[nodiscard]] std::size_t count(double v) const noexcept {
    std::size_t past = 0;
    for (std::size_t i = 0; i < values_.size(); ++i) {
      past += (inclusive_[i] != 0 ? v >= values_[i] : v > values_[i]) ? 1 : 0;
    }
    return past;
  }
  static constexpr std::size_t kUnguided = 255;

  [[nodiscard]] std::size_t size() const noexcept {
    return values_.size();
  }

  /// Cells of the guide: 1 KiB a locator, so a run's 16 tallies stay in L1.
  static constexpr std::size_t kCells = 1024;

 private:
  [[nodiscard]] std::size_t cell(double v) const noexcept {
    // Clamped into the grid: below it (also -inf and NaN) to cell 0, above it
    // (also +inf) to the last. A few percent of the values lie beyond either
    // end in no predictable order, so the clamp must not branch: x86-64's
    // scalar min/max instructions, else the same comparisons in C++.
#if defined(__SSE2__)
    const __m128d t =
        _mm_mul_sd(_mm_sub_sd(_mm_set_sd(v), _mm_set_sd(origin_)), _mm_set_sd(inv_width_));
    const __m128d clamped = _mm_min_sd(_mm_max_sd(t, _mm_setzero_pd()), _mm_set_sd(kLastCell));
    return static_cast<std::size_t>(_mm_cvttsd_si64(clamped));
#else
    double t = (v - origin_) * inv_width_;
    t = t > 0.0 ? t : 0.0;
    t = t < kLastCell ? t : kLastCell;
    return static_cast<std::size_t>(t);
#endif
  }
  static constexpr double kLastCell = static_cast<double>(kCells - 1);
  std::vector<double> values_;
  std::vector<std::uint8_t> inclusive_;
  double origin_ = 0.0;
  double inv_width_ = 0.0;  // 0: no usable grid, every value in cell 0
  std::array<std::uint8_t, kCells> guide_{};
};

}  // namespace simroi
