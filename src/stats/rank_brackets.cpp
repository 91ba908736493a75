#include "simroi/stats/rank_brackets.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "simroi/stats/statistics.h"

namespace simroi {

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
}  // namespace

RankBrackets RankBrackets::everything() {
  RankBrackets b;
  b.intervals_.push_back({-kInf, kInf, 1.0, {}});
  return b;
}

RankBrackets RankBrackets::whole_range(std::span<const double> sorted_pilot) {
  RankBrackets b = everything();
  b.add_bins(sorted_pilot);
  return b;
}

void RankBrackets::add_bins(std::span<const double> sorted_pilot) {
  for (auto& iv : intervals_) {
    // Bin upper edges: the distinct pilot values in [lo, hi], then hi itself.
    const auto first = std::lower_bound(sorted_pilot.begin(), sorted_pilot.end(), iv.lo);
    const auto last = std::upper_bound(first, sorted_pilot.end(), iv.hi);
    iv.edges.assign(first, last);
    iv.edges.erase(std::unique(iv.edges.begin(), iv.edges.end()), iv.edges.end());
    if (iv.edges.empty() || iv.edges.back() != iv.hi) iv.edges.push_back(iv.hi);
  }
}

double RankBrackets::kept_fraction() const noexcept {
  double total = 0.0;
  for (const auto& iv : intervals_) total += iv.pilot_fraction;
  return std::min(1.0, total);
}

namespace {

// The pilot ranks bounding each wanted rank of n values, for a pilot of m
// values; -1 and m stand for an open end.
using PilotRange = RankBrackets::PilotRange;

std::vector<PilotRange> pilot_ranges(std::uint64_t m, std::uint64_t n,
                                     std::span<const std::uint64_t> wanted, double sigmas) {
  const double last = static_cast<double>(m - 1);
  std::vector<PilotRange> ranges;
  for (const std::uint64_t r : wanted) {
    const double q = static_cast<double>(r) / static_cast<double>(n - 1);
    const double slack = sigmas * std::sqrt(std::max(q * (1.0 - q), 1.0 / static_cast<double>(m)) /
                                            static_cast<double>(m)) +
                         2.0 / static_cast<double>(m);
    const double lo = std::floor((q - slack) * last);
    const double hi = std::ceil((q + slack) * last);
    ranges.push_back({lo < 0 ? -1 : static_cast<std::int64_t>(lo),
                      hi > last ? static_cast<std::int64_t>(m) : static_cast<std::int64_t>(hi)});
  }
  return ranges;
}

/// The finite ends of `ranges`, ascending and unique: the pilot order
/// statistics the brackets need.
std::vector<std::uint64_t> range_ends(std::span<const PilotRange> ranges, std::uint64_t m) {
  std::vector<std::uint64_t> ends;
  for (const auto& pr : ranges) {
    if (pr.lo >= 0) ends.push_back(static_cast<std::uint64_t>(pr.lo));
    if (pr.hi < static_cast<std::int64_t>(m)) ends.push_back(static_cast<std::uint64_t>(pr.hi));
  }
  std::sort(ends.begin(), ends.end());
  ends.erase(std::unique(ends.begin(), ends.end()), ends.end());
  return ends;
}

}  // namespace

RankBrackets RankBrackets::from_ranges(std::span<const PilotRange> ranges, std::uint64_t m,
                                       std::span<const std::uint64_t> ends,
                                       std::span<const double> values) {
  auto at = [&](std::int64_t rank) {
    const auto it = std::lower_bound(ends.begin(), ends.end(), static_cast<std::uint64_t>(rank));
    return values[static_cast<std::size_t>(it - ends.begin())];
  };
  RankBrackets b;
  std::int64_t merged_lo = 0;  // pilot ranks spanned by the last interval
  std::int64_t merged_hi = -1;
  for (const auto& pr : ranges) {
    const auto lo_rank = std::max<std::int64_t>(pr.lo, 0);
    const auto hi_rank = std::min<std::int64_t>(pr.hi, static_cast<std::int64_t>(m) - 1);
    Interval iv{pr.lo < 0 ? -kInf : at(pr.lo),
                pr.hi >= static_cast<std::int64_t>(m) ? kInf : at(pr.hi),
                0.0,
                {}};
    // Wanted ranks ascend, so intervals arrive sorted by lo; merge overlaps.
    if (!b.intervals_.empty() && iv.lo <= b.intervals_.back().hi) {
      b.intervals_.back().hi = std::max(b.intervals_.back().hi, iv.hi);
      merged_hi = std::max(merged_hi, hi_rank);
    } else {
      b.intervals_.push_back(std::move(iv));
      merged_lo = lo_rank;
      merged_hi = hi_rank;
    }
    b.intervals_.back().pilot_fraction =
        static_cast<double>(merged_hi - merged_lo + 1) / static_cast<double>(m);
  }
  return b;
}

RankBrackets RankBrackets::from_pilot(std::span<double> pilot, std::uint64_t n,
                                      std::span<const std::uint64_t> wanted, double sigmas) {
  if (pilot.empty() || n < 2 || wanted.empty()) return everything();
  const auto m = static_cast<std::uint64_t>(pilot.size());
  const auto ranges = pilot_ranges(m, n, wanted, sigmas);
  const auto ends = range_ends(ranges, m);
  select_ranks(pilot, ends);
  std::vector<double> values;
  for (const auto r : ends) values.push_back(pilot[static_cast<std::size_t>(r)]);
  return from_ranges(ranges, m, ends, values);
}

std::optional<RankBrackets> RankBrackets::from_tally(BracketTally& tally, std::uint64_t m,
                                                     std::uint64_t n,
                                                     std::span<const std::uint64_t> wanted,
                                                     double sigmas) {
  if (m < 2 || n < 2 || wanted.empty()) return std::nullopt;
  const auto ranges = pilot_ranges(m, n, wanted, sigmas);
  const auto ends = range_ends(ranges, m);
  const auto values = tally.resolve(ends);
  if (!values) return std::nullopt;
  return from_ranges(ranges, m, ends, *values);
}

namespace {
// Slot 2b: the gap below bracket b; slot 2b + 1: inside it. Values in a
// bracket with lo < hi are kept, so those slots are left out of the guide.
std::vector<std::uint8_t> kept_slots(const RankBrackets& brackets) {
  const auto& iv = brackets.intervals();
  std::vector<std::uint8_t> keeps(2 * iv.size() + 1, 0);
  for (std::size_t b = 0; b < iv.size(); ++b) keeps[2 * b + 1] = iv[b].lo != iv[b].hi ? 1 : 0;
  return keeps;
}

SlotLocator bracket_locator(const RankBrackets& brackets, std::span<const std::uint8_t> keeps) {
  std::vector<SlotLocator::Bound> bounds;
  for (const auto& iv : brackets.intervals()) {
    bounds.push_back({iv.lo, true});   // past it from lo on: inside
    bounds.push_back({iv.hi, false});  // past it beyond hi: the next gap
  }
  return SlotLocator(std::move(bounds), keeps);
}
}  // namespace

BracketTally::BracketTally(const RankBrackets& brackets)
    : brackets_(&brackets),
      counts_(2 * brackets.intervals().size() + 1, 0),
      keeps_(kept_slots(brackets)),
      locator_(bracket_locator(brackets, keeps_)),
      kept_(brackets.intervals().size()),
      merged_(brackets.intervals().size()) {}

void BracketTally::merge(BracketTally&& other) {
  for (std::size_t j = 0; j < counts_.size(); ++j) counts_[j] += other.counts_[j];
  for (std::size_t b = 0; b < kept_.size(); ++b) {
    if (!other.kept_[b].empty()) merged_[b].push_back(std::move(other.kept_[b]));
    for (auto& segment : other.merged_[b]) merged_[b].push_back(std::move(segment));
  }
}

std::optional<BracketTally> BracketTally::rebracket(const RankBrackets& narrower) const {
  BracketTally out(narrower);
  const auto& iv = brackets_->intervals();
  const std::size_t k = iv.size();
  for (std::size_t b = 0; b <= k; ++b) {
    // Gap b (below bracket b; b == k: above all) moves whole into one slot of
    // the new brackets, which must be a gap too: its values were not kept.
    if (const std::uint64_t count = counts_[2 * b]; count > 0) {
      const double first = b == 0 ? -kInf : std::nextafter(iv[b - 1].hi, kInf);
      const double last = b == k ? kInf : std::nextafter(iv[b].lo, -kInf);
      const std::size_t slot = out.locator_.slot(first);
      if (slot != out.locator_.slot(last) || out.keeps_[slot] != 0) return std::nullopt;
      out.counts_[slot] += count;
    }
    if (b == k) break;
    // A single-value bracket's values, counted here, are kept there if they must be.
    if (const std::uint64_t ties = counts_[2 * b + 1]; ties > 0) {
      const std::size_t slot = out.locator_.slot(iv[b].lo);
      if (out.keeps_[slot] != 0) {
        out.kept_[slot >> 1].insert(out.kept_[slot >> 1].end(), ties, iv[b].lo);
      } else {
        out.counts_[slot] += ties;
      }
    }
    out.add(kept_[b]);
    for (const auto& segment : merged_[b]) out.add(segment);
  }
  return out;
}

std::optional<std::vector<double>> BracketTally::resolve(std::span<const std::uint64_t> wanted) {
  std::vector<double> out(wanted.size());
  const auto& iv = brackets_->intervals();
  std::uint64_t before = 0;  // values below the current bracket
  std::size_t w = 0;
  for (std::size_t b = 0; b < kept_.size() && w < wanted.size(); ++b) {
    before += counts_[2 * b];
    const std::uint64_t ties = counts_[2 * b + 1];  // a single-value bracket's values
    const std::uint64_t first = before;
    std::size_t kept = kept_[b].size();
    for (const auto& segment : merged_[b]) kept += segment.size();
    const std::uint64_t end = before + kept + ties;
    std::vector<std::uint64_t> local;
    const std::size_t w_begin = w;
    while (w < wanted.size() && wanted[w] < end) {
      if (wanted[w] < first) return std::nullopt;  // fell in a gap
      local.push_back(wanted[w] - first);
      ++w;
    }
    if (!local.empty() && ties > 0) {
      // A single-value bracket: every rank inside it is that value.
      for (std::size_t i = 0; i < local.size(); ++i) out[w_begin + i] = iv[b].lo;
    } else if (!local.empty()) {
      std::vector<std::span<double>> parts{kept_[b]};
      for (auto& segment : merged_[b]) parts.emplace_back(segment);
      const auto values = order_statistics(parts, local);
      std::copy(values.begin(), values.end(), out.begin() + static_cast<std::ptrdiff_t>(w_begin));
    }
    before = end;
  }
  if (w < wanted.size()) return std::nullopt;
  return out;
}

std::size_t BracketTally::reserve_count(std::size_t bracket, double values) const noexcept {
  return static_cast<std::size_t>(1.1 * brackets_->intervals()[bracket].pilot_fraction * values) +
         16;
}

void BracketTally::reserve(double values, const std::shared_ptr<BumpArena>& arena) {
  for (std::size_t b = 0; b < kept_.size(); ++b) {
    if (kept_[b].empty()) kept_[b] = KeptBuffer(ArenaAllocator<double>(arena));
    kept_[b].reserve(reserve_count(b, values));
  }
}

void BracketTally::reserve_together(std::span<BracketTally> tallies, double values) {
  std::size_t bytes = 0;
  for (const BracketTally& t : tallies) {
    for (std::size_t b = 0; b < t.kept_.size(); ++b) {
      bytes += t.reserve_count(b, values) * sizeof(double) + BumpArena::kAlignment;
    }
  }
  const auto arena = std::make_shared<BumpArena>(bytes);
  for (BracketTally& t : tallies) t.reserve(values, arena);
}

std::size_t BracketTally::kept_count() const noexcept {
  std::size_t total = 0;
  for (const auto& k : kept_) total += k.size();
  for (const auto& segments : merged_) {
    for (const auto& k : segments) total += k.size();
  }
  return total;
}

BinCounter::BinCounter(const RankBrackets& brackets)
    : brackets_(&brackets), below_(brackets.intervals().size(), 0) {
  open_.reserve(brackets.intervals().size());
  at_edge_.reserve(brackets.intervals().size());
  for (const auto& iv : brackets.intervals()) {
    open_.emplace_back(iv.edges.size(), 0);
    at_edge_.emplace_back(iv.edges.size(), 0);
  }
}

void BinCounter::add(double value) noexcept {
  const auto& iv = brackets_->intervals_;
  for (std::size_t b = 0; b < iv.size(); ++b) {
    if (value <= iv[b].hi) {
      if (value < iv[b].lo) {
        ++below_[b];
      } else {
        // Bin j: the first edge >= value; the value either is that edge or
        // lies strictly between it and the edge before.
        const auto& e = iv[b].edges;
        const auto j =
            static_cast<std::size_t>(std::lower_bound(e.begin(), e.end(), value) - e.begin());
        ++(value == e[j] ? at_edge_ : open_)[b][j];
      }
      return;
    }
  }
}

void BinCounter::merge(const BinCounter& other) noexcept {
  for (std::size_t b = 0; b < below_.size(); ++b) {
    below_[b] += other.below_[b];
    for (std::size_t j = 0; j < open_[b].size(); ++j) {
      open_[b][j] += other.open_[b][j];
      at_edge_[b][j] += other.at_edge_[b][j];
    }
  }
}

std::optional<RankBrackets> BinCounter::narrow(std::span<const std::uint64_t> wanted) const {
  RankBrackets out;
  const auto& iv = brackets_->intervals_;
  auto keep = [&out](double lo, double hi) {
    if (!out.intervals_.empty() && out.intervals_.back().lo == lo) return;  // already kept
    out.intervals_.push_back({lo, hi, 0.0, {}});
  };
  std::uint64_t before = 0;  // values below the current bin
  std::size_t w = 0;
  for (std::size_t b = 0; b < iv.size() && w < wanted.size(); ++b) {
    before += below_[b];
    if (wanted[w] < before) return std::nullopt;  // in the gap below bracket b
    const auto& e = iv[b].edges;
    for (std::size_t j = 0; j < e.size() && w < wanted.size(); ++j) {
      // The open part (edges[j - 1], edges[j]) as a closed interval of doubles,
      // then the point edges[j]: pass two keeps the first, only counts the second.
      const std::uint64_t open_end = before + open_[b][j];
      if (wanted[w] < open_end) {
        keep(j == 0 ? iv[b].lo : std::nextafter(e[j - 1], kInf), std::nextafter(e[j], -kInf));
        while (w < wanted.size() && wanted[w] < open_end) ++w;
      }
      const std::uint64_t edge_end = open_end + at_edge_[b][j];
      if (w < wanted.size() && wanted[w] < edge_end) {
        keep(e[j], e[j]);
        while (w < wanted.size() && wanted[w] < edge_end) ++w;
      }
      before = edge_end;
    }
  }
  if (w < wanted.size()) return std::nullopt;
  return out;
}

}  // namespace simroi
