#include "simroi/stats/slot_locator.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace simroi {

SlotLocator::SlotLocator(std::vector<Bound> bounds, std::span<const std::uint8_t> unguided) {
  for (const Bound& b : bounds) {
    values_.push_back(b.value);
    inclusive_.push_back(b.inclusive ? 1 : 0);
  }
  guide_.fill(kUnguided);
  if (values_.size() >= kUnguided) return;  // slots would not fit a guide entry: always count

  // The grid spans the finite bounds with two spare cells at each end, so
  // that values beyond the outermost finite bounds are guided too.
  double lo = std::numeric_limits<double>::infinity();
  double hi = -lo;
  for (const double v : values_) {
    if (std::isfinite(v)) {
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
  }
  if (!(lo <= hi)) return;  // no finite bound: always count
  const double span = hi > lo ? hi - lo : std::max(1.0, std::abs(lo));
  const double width = span / static_cast<double>(kCells - 4);
  origin_ = lo - 2.0 * width;
  inv_width_ = 1.0 / width;
  if (!std::isfinite(origin_) || !std::isfinite(inv_width_) || !(inv_width_ > 0.0)) {
    origin_ = 0.0;
    inv_width_ = 0.0;
    return;
  }

  // Bounds ascend, so their cells do too (cell() is non-decreasing).
  std::size_t below = 0;  // bounds in cells before c
  std::size_t next = 0;
  for (std::size_t c = 0; c < kCells; ++c) {
    while (next < values_.size() && cell(values_[next]) < c) {
      ++below;
      ++next;
    }
    const bool holds_bound = next < values_.size() && cell(values_[next]) == c;
    const bool left_out = below < unguided.size() && unguided[below] != 0;
    guide_[c] = holds_bound || left_out ? kUnguided : static_cast<std::uint8_t>(below);
  }
}

}  // namespace simroi
