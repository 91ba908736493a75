#include "simroi/stats/statistics.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <limits>
#include <numeric>
#include <optional>
#include <stdexcept>
#include <utility>

#include "simroi/stats/intervals.h"

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

PercentileRanks percentile_ranks(std::uint64_t n, double p) {
  PercentileRanks r;
  if (n == 0) return r;
  const double last = static_cast<double>(n - 1);
  const double h = last * p / 100.0;
  const double floor_h = std::min(std::floor(h), last);
  r.below = static_cast<std::uint64_t>(floor_h);
  r.above = std::min(r.below + 1, n - 1);
  r.fraction = h - floor_h;

  const RankInterval ci = percentile_rank_interval(n, p);
  r.ci_low = ci.lower;
  r.ci_high = ci.upper;
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
                                   double x_above, std::optional<double> x_ci_low,
                                   std::optional<double> x_ci_high) noexcept {
  PercentileEstimate e;
  e.p = p;
  e.value = interpolate(x_below, x_above, ranks.fraction);
  e.ci_low = x_ci_low;
  e.ci_high = x_ci_high;
  // Unknown unless both bounds are known and finite (a censored payback bound
  // is +inf: the percentile's error is then not a number of months).
  if (x_ci_low && x_ci_high && std::isfinite(*x_ci_low) && std::isfinite(*x_ci_high)) {
    e.se = (*x_ci_high - *x_ci_low) / (2.0 * kZ95);
  }
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

/// The values at `ranks` (ascending, close together) of the n values of
/// `parts`, by one pass that counts the values below `lo` and keeps those in
/// [lo, hi]; nullopt when [lo, hi] does not enclose the ranks, or holds more
/// than `capacity` values.
std::optional<std::vector<double>> window_select(std::span<const std::span<double>> parts,
                                                 double lo, double hi, std::size_t capacity,
                                                 std::span<const std::uint64_t> ranks) {
  // The window is written unconditionally and advanced by the test: no
  // branch to mispredict on which side of lo and hi a value falls.
  std::vector<double> window(capacity + 1);
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
  if (below > ranks.front() || ranks.back() >= below + kept) return std::nullopt;
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

  // Ranks in clusters: a gap of more than n / 4 starts a new one. A cluster
  // narrower than n / 4 is selected through a window located with an evenly
  // spaced sample (Floyd & Rivest); the others, and any window that misses,
  // by select_ranks over all values.
  struct Cluster {
    std::size_t begin, end;               // into ranks
    std::int64_t lo_at = -1, hi_at = -1;  // sample ranks of the window ends
  };
  std::vector<Cluster> clusters;
  for (std::size_t i = 0; i < ranks.size(); ++i) {
    if (clusters.empty() || ranks[i] - ranks[i - 1] > n / 4) clusters.push_back({i, i + 1});
    clusters.back().end = i + 1;
  }

  // The sample's order statistics around each cluster's share of it,
  // widened by 4 binomial standard deviations of a sample share (sqrt(s / 4))
  // enclose the cluster unless the order is adversarial -- the counts check.
  constexpr std::size_t kMinValues = std::size_t{1} << 12;
  constexpr std::size_t kSample = 2048;
  const double margin = 4.0 * std::sqrt(kSample / 4.0) + 2.0;
  std::vector<double> sample;
  std::vector<std::uint64_t> sample_ranks;
  const double scale = static_cast<double>(kSample) / static_cast<double>(n);
  if (n >= kMinValues) {
    for (auto& c : clusters) {
      const std::uint64_t first = ranks[c.begin];
      const std::uint64_t last = ranks[c.end - 1];
      if (last - first >= n / 4) continue;
      c.lo_at = static_cast<std::int64_t>(std::floor(static_cast<double>(first) * scale - margin));
      c.hi_at = static_cast<std::int64_t>(std::ceil(static_cast<double>(last) * scale + margin));
      if (c.lo_at >= 0) sample_ranks.push_back(static_cast<std::uint64_t>(c.lo_at));
      if (c.hi_at < static_cast<std::int64_t>(kSample))
        sample_ranks.push_back(static_cast<std::uint64_t>(c.hi_at));
      if (c.lo_at < -1) c.lo_at = -1;
    }
  }
  if (!sample_ranks.empty()) {
    sample.resize(kSample);
    const std::size_t stride = n / kSample;
    std::size_t part = 0;
    std::size_t part_begin = 0;
    for (std::size_t i = 0; i < kSample; ++i) {
      const std::size_t at = i * stride + stride / 2;
      while (at >= part_begin + parts[part].size()) part_begin += parts[part++].size();
      sample[i] = parts[part][at - part_begin];
    }
    std::sort(sample_ranks.begin(), sample_ranks.end());
    sample_ranks.erase(std::unique(sample_ranks.begin(), sample_ranks.end()), sample_ranks.end());
    select_ranks(sample, sample_ranks);  // only the window ends, not a sort
  }

  std::vector<double> joined;  // all values in one place, made when first needed
  std::span<double> all;
  const double inf = std::numeric_limits<double>::infinity();
  for (const auto& c : clusters) {
    const auto cluster = ranks.subspan(c.begin, c.end - c.begin);
    std::optional<std::vector<double>> found;
    if (c.hi_at >= 0) {
      const double lo = c.lo_at < 0 ? -inf : sample[static_cast<std::size_t>(c.lo_at)];
      const double hi = c.hi_at >= static_cast<std::int64_t>(kSample)
                            ? inf
                            : sample[static_cast<std::size_t>(c.hi_at)];
      // Room for twice the expected window: more means the sample was unlucky.
      const auto expected = static_cast<double>(c.hi_at - c.lo_at) / scale;
      found = window_select(parts, lo, hi,
                            std::min(n, 2 * static_cast<std::size_t>(expected) + 1024), cluster);
    }
    if (!found) {
      if (all.empty()) {
        all = parts.front();
        if (parts.size() > 1) {
          joined.reserve(n);
          for (const auto& p : parts) joined.insert(joined.end(), p.begin(), p.end());
          all = joined;
        }
      }
      select_ranks(all, cluster);
      found.emplace();
      for (const auto r : cluster) found->push_back(all[static_cast<std::size_t>(r)]);
    }
    out.insert(out.end(), found->begin(), found->end());
  }
  return out;
}

std::vector<std::uint64_t> wanted_ranks(std::uint64_t n, std::span<const double> ps) {
  std::vector<std::uint64_t> wanted;
  for (const double p : ps) {
    const auto r = percentile_ranks(n, p);
    wanted.insert(wanted.end(), {r.below, r.above});
    if (r.ci_low) wanted.push_back(*r.ci_low);
    if (r.ci_high) wanted.push_back(*r.ci_high);
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
    auto at = [&](std::optional<std::uint64_t> rank) -> std::optional<double> {
      if (!rank) return std::nullopt;
      return data[static_cast<std::size_t>(*rank)];
    };
    out.push_back(make_percentile(p, r, data[r.below], data[r.above], at(r.ci_low), at(r.ci_high)));
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

Probability proportion(std::uint64_t k, std::uint64_t n) {
  Probability out;
  if (n == 0) return out;
  out.value = static_cast<double>(k) / static_cast<double>(n);
  out.count = k;
  out.runs = n;
  if (k > 0 && k < n) out.se = std::sqrt(out.value * (1.0 - out.value) / static_cast<double>(n));
  const Interval ci = clopper_pearson(k, n);
  out.ci_low = *ci.low;
  out.ci_high = *ci.high;
  return out;
}

double replicate_se(std::span<const double> estimates) {
  if (estimates.size() < 2) throw std::invalid_argument("replicate_se: needs two blocks or more");
  Moments m;
  for (const double e : estimates) m.add(e);
  return std::sqrt(m.variance() / static_cast<double>(estimates.size()));
}

Probability replicate_proportion(std::uint64_t k, std::uint64_t n,
                                 std::span<const double> block_shares,
                                 std::uint64_t smallest_block) {
  Probability p = proportion(k, n);
  if (k < kMinReplicateEventRuns || n - k < kMinReplicateEventRuns) return p;
  const double t = student_t_quantile(static_cast<double>(block_shares.size() - 1));
  const double step = 0.25 / static_cast<double>(std::max<std::uint64_t>(smallest_block, 1));
  const double half = std::max(t * replicate_se(block_shares), step);
  p.se = half / t;
  p.ci_low = std::max(0.0, p.value - half);
  p.ci_high = std::min(1.0, p.value + half);
  return p;
}

}  // namespace simroi
