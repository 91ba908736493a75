#include "simroi/statistics.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <limits>
#include <numeric>
#include <optional>
#include <utility>

namespace simroi {

Moments Moments::of(std::span<const double> values) noexcept {
  Moments m;
  if (values.empty()) return m;
  double sum = 0.0;
  for (const double x : values) {
    sum += x;
    m.min = std::min(m.min, x);
    m.max = std::max(m.max, x);
  }
  m.n = values.size();
  m.mean = sum / static_cast<double>(m.n);
  for (const double x : values) m.m2 += (x - m.mean) * (x - m.mean);
  return m;
}

void Moments::merge(const Moments& other) noexcept {
  if (other.n == 0) return;
  if (n == 0) {
    *this = other;
    return;
  }
  const double na = static_cast<double>(n);
  const double nb = static_cast<double>(other.n);
  const double total = na + nb;
  const double delta = other.mean - mean;
  mean += delta * nb / total;
  m2 += other.m2 + delta * delta * na * nb / total;
  n += other.n;
  min = std::min(min, other.min);
  max = std::max(max, other.max);
}

PercentileRanks percentile_ranks(std::uint64_t n, double p) noexcept {
  PercentileRanks r;
  if (n == 0) return r;
  const double last = static_cast<double>(n - 1);
  const double h = last * p / 100.0;
  const double floor_h = std::min(std::floor(h), last);
  r.below = static_cast<std::uint64_t>(floor_h);
  r.above = std::min(r.below + 1, n - 1);
  r.fraction = h - floor_h;

  const double q = p / 100.0;
  const double nd = static_cast<double>(n);
  const double spread = kZ95 * std::sqrt(nd * q * (1.0 - q));
  const double j = std::clamp(std::floor(nd * q - spread), 1.0, nd);  // 1-based
  const double k = std::clamp(std::ceil(nd * q + spread), 1.0, nd);
  r.ci_low = static_cast<std::uint64_t>(j) - 1;
  r.ci_high = static_cast<std::uint64_t>(k) - 1;
  return r;
}

namespace {
double interpolate(double below, double above, double fraction) noexcept {
  if (fraction == 0.0 || below == above) return below;
  if (std::isinf(above) || std::isinf(below)) return above > below ? above : below;
  return below + fraction * (above - below);
}
}  // namespace

PercentileEstimate make_percentile(double p, const PercentileRanks& ranks, double x_below,
                                   double x_above, double x_ci_low, double x_ci_high) noexcept {
  PercentileEstimate e;
  e.p = p;
  e.value = interpolate(x_below, x_above, ranks.fraction);
  e.ci_low = x_ci_low;
  e.ci_high = x_ci_high;
  e.se = (x_ci_high - x_ci_low) / (2.0 * kZ95);  // +inf when the interval reaches +inf
  if (std::isnan(e.se)) e.se = 0.0;              // inf - inf: both bounds censored
  return e;
}

void select_ranks(std::span<double> data, std::span<const std::uint64_t> ranks) {
  // Partition around the middle wanted rank, then recurse on each side with the
  // ranks that fall there; ranks are absolute, `offset` maps them into `data`.
  struct Frame {
    std::size_t begin, end;            // data range
    std::size_t rank_begin, rank_end;  // ranks range
  };
  std::vector<Frame> stack{{0, data.size(), 0, ranks.size()}};
  while (!stack.empty()) {
    const Frame f = stack.back();
    stack.pop_back();
    if (f.rank_begin >= f.rank_end || f.end - f.begin <= 1) continue;
    const std::size_t mid = f.rank_begin + (f.rank_end - f.rank_begin) / 2;
    const auto target = static_cast<std::size_t>(ranks[mid]);
    std::nth_element(data.begin() + static_cast<std::ptrdiff_t>(f.begin),
                     data.begin() + static_cast<std::ptrdiff_t>(target),
                     data.begin() + static_cast<std::ptrdiff_t>(f.end));
    // Ranks equal to target are done; split the others.
    std::size_t left_end = mid;
    while (left_end > f.rank_begin && ranks[left_end - 1] == target) --left_end;
    std::size_t right_begin = mid + 1;
    while (right_begin < f.rank_end && ranks[right_begin] == target) ++right_begin;
    stack.push_back({f.begin, target, f.rank_begin, left_end});
    stack.push_back({target + 1, f.end, right_begin, f.rank_end});
  }
}

namespace {

constexpr std::size_t kWindowSample = 1024;

/// The values at `ranks` (ascending, close together) by one pass that keeps
/// the values between two order statistics of `sample` (sorted, evenly spaced
/// over the n values of `parts`); nullopt when the sample's picks do not
/// enclose the ranks, or the window outgrows twice its expected size.
std::optional<std::vector<double>> window_select(std::span<const std::span<double>> parts,
                                                 std::size_t n,
                                                 const std::array<double, kWindowSample>& sample,
                                                 std::span<const std::uint64_t> ranks) {
  // The sample's order statistics around the ranks' share of it, widened by 4
  // binomial standard deviations of a sample share (sqrt(1024 / 4) = 16).
  const std::uint64_t first = ranks.front();
  const std::uint64_t last = ranks.back();
  const double scale = static_cast<double>(kWindowSample) / static_cast<double>(n);
  constexpr double kMargin = 4.0 * 16.0 + 2.0;
  const double lo_at = std::floor(static_cast<double>(first) * scale - kMargin);
  const double hi_at = std::ceil(static_cast<double>(last) * scale + kMargin);
  const double inf = std::numeric_limits<double>::infinity();
  const double lo = lo_at < 0.0 ? -inf : sample[static_cast<std::size_t>(lo_at)];
  const double hi =
      hi_at >= static_cast<double>(kWindowSample) ? inf : sample[static_cast<std::size_t>(hi_at)];

  // One pass: count the values below lo, keep those in [lo, hi]. The window
  // is written unconditionally and advanced by the test (no branch to
  // mispredict).
  const auto expected = static_cast<std::size_t>((hi_at - lo_at) / scale);
  std::vector<double> window(std::min(n, 2 * expected + 1024));
  const std::size_t capacity = window.size() - 1;
  std::uint64_t below = 0;
  std::size_t kept = 0;
  for (const auto& values : parts) {
    for (const double v : values) {
      below += v < lo ? 1 : 0;
      window[kept] = v;
      kept += (v >= lo && v <= hi) ? 1 : 0;
      if (kept == capacity) return std::nullopt;
    }
  }
  if (below > first || last >= below + kept) return std::nullopt;
  std::vector<std::uint64_t> local(ranks.begin(), ranks.end());
  for (auto& r : local) r -= below;
  select_ranks(std::span<double>(window.data(), kept), local);
  std::vector<double> out;
  for (const auto r : local) out.push_back(window[static_cast<std::size_t>(r)]);
  return out;
}

}  // namespace

std::vector<double> order_statistics(std::span<const std::span<double>> parts,
                                     std::span<const std::uint64_t> ranks) {
  std::vector<double> out;
  if (ranks.empty()) return out;
  std::size_t n = 0;
  for (const auto& part : parts) n += part.size();

  // Ranks in clusters: a gap of more than n / 16 starts a new one. A cluster
  // narrower than n / 16 is selected through a window (Floyd & Rivest), the
  // others (and any window that misses) by select_ranks over all values.
  constexpr std::size_t kMinValues = std::size_t{1} << 15;
  const bool windows = n >= kMinValues;
  std::array<double, kWindowSample> sample{};
  if (windows) {
    const std::size_t stride = n / kWindowSample;
    std::size_t part = 0;
    std::size_t part_begin = 0;
    for (std::size_t i = 0; i < kWindowSample; ++i) {
      const std::size_t at = i * stride + stride / 2;
      while (at >= part_begin + parts[part].size()) part_begin += parts[part++].size();
      sample[i] = parts[part][at - part_begin];
    }
    std::sort(sample.begin(), sample.end());
  }
  std::vector<double> joined;  // all values in one place, made when first needed
  std::span<double> all;
  auto select_all = [&](std::span<const std::uint64_t> cluster) {
    if (all.empty()) {
      all = parts.front();
      if (parts.size() > 1) {
        joined.reserve(n);
        for (const auto& part : parts) joined.insert(joined.end(), part.begin(), part.end());
        all = joined;
      }
    }
    select_ranks(all, cluster);
    for (const auto r : cluster) out.push_back(all[static_cast<std::size_t>(r)]);
  };
  std::size_t begin = 0;
  while (begin < ranks.size()) {
    std::size_t end = begin + 1;
    while (end < ranks.size() && ranks[end] - ranks[end - 1] <= n / 16) ++end;
    const auto cluster = ranks.subspan(begin, end - begin);
    std::optional<std::vector<double>> found;
    if (windows && cluster.back() - cluster.front() < n / 16) {
      found = window_select(parts, n, sample, cluster);
    }
    if (found) {
      out.insert(out.end(), found->begin(), found->end());
    } else {
      select_all(cluster);
    }
    begin = end;
  }
  return out;
}

std::vector<std::uint64_t> wanted_ranks(std::uint64_t n, std::span<const double> ps) {
  std::vector<std::uint64_t> wanted;
  for (const double p : ps) {
    const auto r = percentile_ranks(n, p);
    wanted.insert(wanted.end(), {r.below, r.above, r.ci_low, r.ci_high});
  }
  std::sort(wanted.begin(), wanted.end());
  wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
  return wanted;
}

std::vector<PercentileEstimate> percentiles_of(std::span<double> data, std::span<const double> ps) {
  std::vector<PercentileEstimate> out;
  if (data.empty()) return out;
  const std::uint64_t n = data.size();
  select_ranks(data, wanted_ranks(n, ps));
  for (const double p : ps) {
    const auto r = percentile_ranks(n, p);
    out.push_back(
        make_percentile(p, r, data[r.below], data[r.above], data[r.ci_low], data[r.ci_high]));
  }
  return out;
}

namespace {

// A key whose unsigned order is the order of the doubles (IEEE 754 total
// order, with both zeros one key): flip all bits of negatives, the sign bit
// of the rest.
std::uint64_t order_key(double x) noexcept {
  if (x == 0.0) x = 0.0;  // -0.0 and +0.0 are equal: one key
  std::uint64_t bits = 0;
  std::memcpy(&bits, &x, sizeof bits);
  return (bits & 0x8000000000000000ULL) != 0 ? ~bits : bits | 0x8000000000000000ULL;
}

}  // namespace

void average_ranks(std::span<const double> values, std::span<double> ranks, RankScratch& scratch) {
  // LSD radix sort of (key, position) in six 11-bit digits: linear time, and
  // 2,048 counters per digit stay in L1 (16-bit digits thrashed the cache past
  // ~10^5 values). One read pass counts every digit; a digit that is the same
  // for all keys (the high bits of values in a narrow range) is skipped.
  constexpr int kDigitBits = 11;
  constexpr int kDigits = (64 + kDigitBits - 1) / kDigitBits;
  constexpr std::size_t kBuckets = std::size_t{1} << kDigitBits;
  constexpr std::uint64_t kMask = kBuckets - 1;
  const std::size_t n = values.size();
  auto& a = scratch.a;
  auto& b = scratch.b;
  a.resize(n);
  b.resize(n);
  std::vector<std::array<std::size_t, kBuckets>> count(kDigits);
  for (auto& c : count) c.fill(0);
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t key = order_key(values[i]);
    a[i] = {key, static_cast<std::uint32_t>(i)};
    for (int d = 0; d < kDigits; ++d) ++count[d][(key >> (kDigitBits * d)) & kMask];
  }
  for (int d = 0; d < kDigits && n > 0; ++d) {
    auto& c = count[d];
    const int shift = kDigitBits * d;
    if (c[(a[0].key >> shift) & kMask] == n) continue;  // one bucket holds every key
    std::size_t sum = 0;
    for (auto& bucket : c) sum += std::exchange(bucket, sum);
    for (const auto& item : a) b[c[(item.key >> shift) & kMask]++] = item;
    a.swap(b);
  }
  // Equal keys are equal values (order_key maps -0.0 to +0.0), so ties are
  // found without reading `values` -- which may be `ranks` itself.
  std::size_t i = 0;
  while (i < n) {
    std::size_t j = i + 1;
    while (j < n && a[j].key == a[i].key) ++j;
    const double rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2.0;
    for (std::size_t t = i; t < j; ++t) ranks[a[t].position] = rank;
    i = j;
  }
}

std::vector<double> average_ranks(std::span<const double> values) {
  std::vector<double> ranks(values.size());
  RankScratch scratch;
  average_ranks(values, ranks, scratch);
  return ranks;
}

double pearson(std::span<const double> x, std::span<const double> y) noexcept {
  const std::size_t n = std::min(x.size(), y.size());
  if (n < 2) return 0.0;
  const Moments mx = Moments::of(x.first(n));
  const Moments my = Moments::of(y.first(n));
  double cov = 0.0;
  for (std::size_t i = 0; i < n; ++i) cov += (x[i] - mx.mean) * (y[i] - my.mean);
  if (mx.m2 <= 0.0 || my.m2 <= 0.0) return 0.0;
  return std::clamp(cov / std::sqrt(mx.m2 * my.m2), -1.0, 1.0);
}

double spearman(std::span<const double> x, std::span<const double> y) {
  const auto rx = average_ranks(x);
  const auto ry = average_ranks(y);
  return pearson(rx, ry);
}

Probability proportion(std::uint64_t k, std::uint64_t n) noexcept {
  if (n == 0) return {};
  const double p = static_cast<double>(k) / static_cast<double>(n);
  return {p, std::sqrt(p * (1.0 - p) / static_cast<double>(n))};
}

}  // namespace simroi
