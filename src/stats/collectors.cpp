#include "simroi/stats/collectors.h"

#include <tbb/enumerable_thread_specific.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "simroi/core/parallel.h"

namespace simroi {

// ----- RunMoments --------------------------------------------------------------

RunMoments::RunMoments(std::vector<Quantity> quantities) : quantities_(std::move(quantities)) {}

void RunMoments::add(const RunChunk& chunk) {
  // A partial of one block: its entries are the last ones (the only ones).
  if (blocks_.empty()) blocks_.resize(quantities_.size());
  Moments* block = blocks_.data() + (blocks_.size() - quantities_.size());
  for (std::size_t i = 0; i < quantities_.size(); ++i) {
    block[i].merge(Moments::of(chunk.column(quantities_[i])));
  }
}

void RunMoments::merge(RunMoments& later) {
  if (later.quantities_ != quantities_) {
    throw std::invalid_argument("RunMoments: merge of different quantities");
  }
  blocks_.insert(blocks_.end(), later.blocks_.begin(), later.blocks_.end());
}

Moments RunMoments::moments(std::size_t i) const {
  if (i >= quantities_.size()) throw std::out_of_range("RunMoments: no such quantity");
  Moments total;
  for (std::size_t b = i; b < blocks_.size(); b += quantities_.size()) total.merge(blocks_[b]);
  return total;
}

// ----- EventCounts -------------------------------------------------------------

EventCounts::EventCounts(std::vector<RunEvent> events)
    : events_(std::move(events)), counts_(events_.size(), 0) {}

void EventCounts::add(const RunChunk& chunk) {
  runs_ += chunk.runs;
  for (std::size_t e = 0; e < events_.size(); ++e) {
    const RunEvent& event = events_[e];
    const double t = event.threshold;
    std::uint64_t n = 0;
    // One loop per test, without a branch on the value.
    switch (event.test) {
      case RunEvent::Test::below:
        for (const double v : chunk.column(event.quantity)) n += v < t ? 1 : 0;
        break;
      case RunEvent::Test::at_most:
        for (const double v : chunk.column(event.quantity)) n += v <= t ? 1 : 0;
        break;
      case RunEvent::Test::at_least:
        for (const double v : chunk.column(event.quantity)) n += v >= t ? 1 : 0;
        break;
    }
    counts_[e] += n;
  }
}

void EventCounts::merge(EventCounts& other) {
  if (other.events_.size() != events_.size()) {
    throw std::invalid_argument("EventCounts: merge of different events");
  }
  for (std::size_t e = 0; e < counts_.size(); ++e) counts_[e] += other.counts_[e];
  runs_ += other.runs_;
}

// ----- ReplicateSums -----------------------------------------------------------

namespace {

bool meets(const RunEvent& event, double v) noexcept {
  switch (event.test) {
    case RunEvent::Test::below:
      return v < event.threshold;
    case RunEvent::Test::at_most:
      return v <= event.threshold;
    case RunEvent::Test::at_least:
      return v >= event.threshold;
  }
  return false;
}

}  // namespace

ReplicateSums::ReplicateSums(std::vector<std::uint64_t> bounds, std::vector<Quantity> quantities,
                             std::vector<RunEvent> events)
    : bounds_(std::move(bounds)), quantities_(std::move(quantities)), events_(std::move(events)) {
  if (bounds_.size() < 2 || !std::is_sorted(bounds_.begin(), bounds_.end())) {
    throw std::invalid_argument("ReplicateSums: needs ascending block bounds");
  }
}

void ReplicateSums::hold(std::size_t b) {
  if (runs_.empty()) {
    first_ = b;
  } else if (b < first_) {
    const std::size_t extra = first_ - b;
    sums_.insert(sums_.begin(), extra * quantities_.size(), 0.0);
    counts_.insert(counts_.begin(), extra * events_.size(), 0);
    runs_.insert(runs_.begin(), extra, 0);
    first_ = b;
  }
  const std::size_t held = b - first_ + 1;
  if (held > runs_.size()) {
    sums_.resize(held * quantities_.size(), 0.0);
    counts_.resize(held * events_.size(), 0);
    runs_.resize(held, 0);
  }
}

std::size_t ReplicateSums::slot(std::size_t b) const {
  if (b >= replicates()) throw std::out_of_range("ReplicateSums: no such block");
  if (runs_.empty() || b < first_ || b - first_ >= runs_.size()) return runs_.size();
  return b - first_;
}

void ReplicateSums::add(const RunChunk& chunk) {
  std::uint64_t run = chunk.first_run;
  const std::uint64_t end = chunk.first_run + chunk.runs;
  if (run < bounds_.front() || end > bounds_.back()) {
    throw std::out_of_range("ReplicateSums: runs outside the design");
  }
  while (run < end) {
    // The design block of `run` and the part of the chunk inside it.
    const auto after = std::upper_bound(bounds_.begin(), bounds_.end(), run);
    const auto b = static_cast<std::size_t>(after - bounds_.begin()) - 1;
    const std::uint64_t stop = std::min(end, bounds_[b + 1]);
    hold(b);
    const std::size_t at = b - first_;
    const auto i0 = static_cast<std::size_t>(run - chunk.first_run);
    const auto i1 = static_cast<std::size_t>(stop - chunk.first_run);
    for (std::size_t q = 0; q < quantities_.size(); ++q) {
      const auto column = chunk.column(quantities_[q]);
      double sum = 0.0;
      for (std::size_t i = i0; i < i1; ++i) sum += column[i];
      sums_[at * quantities_.size() + q] += sum;
    }
    for (std::size_t e = 0; e < events_.size(); ++e) {
      const auto column = chunk.column(events_[e].quantity);
      std::uint64_t n = 0;
      for (std::size_t i = i0; i < i1; ++i) n += meets(events_[e], column[i]) ? 1 : 0;
      counts_[at * events_.size() + e] += n;
    }
    runs_[at] += stop - run;
    run = stop;
  }
}

void ReplicateSums::merge(ReplicateSums& later) {
  if (later.bounds_ != bounds_ || later.quantities_ != quantities_ ||
      later.events_.size() != events_.size()) {
    throw std::invalid_argument("ReplicateSums: merge of different designs");
  }
  if (later.runs_.empty()) return;
  hold(later.first_);
  hold(later.first_ + later.runs_.size() - 1);
  for (std::size_t k = 0; k < later.runs_.size(); ++k) {
    const std::size_t at = later.first_ + k - first_;
    for (std::size_t q = 0; q < quantities_.size(); ++q) {
      sums_[at * quantities_.size() + q] += later.sums_[k * quantities_.size() + q];
    }
    for (std::size_t e = 0; e < events_.size(); ++e) {
      counts_[at * events_.size() + e] += later.counts_[k * events_.size() + e];
    }
    runs_[at] += later.runs_[k];
  }
}

std::uint64_t ReplicateSums::runs(std::size_t b) const {
  const std::size_t at = slot(b);
  return at < runs_.size() ? runs_[at] : 0;
}

double ReplicateSums::mean(std::size_t b, std::size_t q) const {
  if (q >= quantities_.size()) throw std::out_of_range("ReplicateSums: no such quantity");
  const std::size_t at = slot(b);
  if (at >= runs_.size() || runs_[at] == 0) return std::nan("");
  return sums_[at * quantities_.size() + q] / static_cast<double>(runs_[at]);
}

double ReplicateSums::share(std::size_t b, std::size_t e) const {
  if (e >= events_.size()) throw std::out_of_range("ReplicateSums: no such event");
  const std::size_t at = slot(b);
  if (at >= runs_.size() || runs_[at] == 0) return std::nan("");
  return static_cast<double>(counts_[at * events_.size() + e]) / static_cast<double>(runs_[at]);
}

// ----- CountsAtMost --------------------------------------------------------------

CountsAtMost::CountsAtMost(Quantity quantity, int max_t)
    : quantity_(quantity),
      max_t_(std::max(max_t, 0)),
      tally_(static_cast<std::size_t>(std::max(max_t, 0)) + 1, 0) {}

void CountsAtMost::add(const RunChunk& chunk) {
  runs_ += chunk.runs;
  const double top = static_cast<double>(max_t_);
  for (const double v : chunk.column(quantity_)) {
    if (!(v <= top)) continue;  // beyond max_t, +inf (not within the horizon), NaN
    const double t = std::max(std::ceil(v), 0.0);
    ++tally_[static_cast<std::size_t>(t)];
  }
}

void CountsAtMost::merge(CountsAtMost& other) {
  if (other.quantity_ != quantity_ || other.max_t_ != max_t_) {
    throw std::invalid_argument("CountsAtMost: merge of different tallies");
  }
  for (std::size_t t = 0; t < tally_.size(); ++t) tally_[t] += other.tally_[t];
  runs_ += other.runs_;
}

std::uint64_t CountsAtMost::at_most(int t) const {
  if (t < 0 || t > max_t_) throw std::out_of_range("CountsAtMost: no such t");
  std::uint64_t n = 0;
  for (int i = 0; i <= t; ++i) n += tally_[static_cast<std::size_t>(i)];
  return n;
}

// ----- LowestValues --------------------------------------------------------------

LowestValues::LowestValues(Quantity quantity, std::uint64_t count, RunRange window)
    : quantity_(quantity),
      count_(std::max<std::uint64_t>(count, 1)),
      window_(window),
      cut_(std::numeric_limits<double>::infinity()) {}

void LowestValues::cut_back() {
  const auto k = static_cast<std::size_t>(count_);
  if (kept_.size() <= k) return;
  std::nth_element(kept_.begin(), kept_.begin() + static_cast<std::ptrdiff_t>(k - 1), kept_.end());
  kept_.resize(k);
  cut_ = kept_[k - 1];  // the largest kept: nth_element put every smaller one before it
}

void LowestValues::add(const RunChunk& chunk) {
  const std::uint64_t begin = std::max(chunk.first_run, window_.begin);
  const std::uint64_t end = std::min(chunk.first_run + chunk.runs, window_.end);
  if (begin >= end) return;
  runs_ += end - begin;
  const auto column = chunk.column(quantity_);
  const auto k = static_cast<std::size_t>(count_);
  for (std::uint64_t run = begin; run < end; ++run) {
    const double v = column[static_cast<std::size_t>(run - chunk.first_run)];
    // A value equal to the cut changes nothing: the multiset of the k
    // smallest values is the same whichever of the equal values is kept.
    if (kept_.size() >= k && !(v < cut_)) continue;
    kept_.push_back(v);
    if (kept_.size() >= 2 * k) cut_back();
  }
}

void LowestValues::merge(LowestValues& other) {
  if (other.quantity_ != quantity_ || other.count_ != count_ || other.window_ != window_) {
    throw std::invalid_argument("LowestValues: merge of different collectors");
  }
  kept_.insert(kept_.end(), other.kept_.begin(), other.kept_.end());
  runs_ += other.runs_;
  cut_back();
  if (kept_.size() >= static_cast<std::size_t>(count_)) {
    cut_ = *std::max_element(kept_.begin(), kept_.end());
  }
}

std::vector<double> LowestValues::values() const {
  std::vector<double> v = kept_;
  std::sort(v.begin(), v.end());
  if (v.size() > static_cast<std::size_t>(count_)) v.resize(static_cast<std::size_t>(count_));
  return v;
}

ExpectedShortfall LowestValues::expected_shortfall(double share) const {
  const std::vector<double> tail = values();
  ExpectedShortfall es;
  es.share = share;
  es.runs = runs_;
  es.tail_runs = tail.size();
  if (tail.empty()) return es;
  double sum = 0;
  for (const double v : tail) sum += v;
  const auto k = static_cast<double>(tail.size());
  es.value = sum / k;
  if (tail.size() > 1) {
    // The influence function of the tail mean (Manistre & Hancock 2005):
    // Var = (s^2 + (1 - a)(ES - q)^2) / (a n), a n = k.
    double m2 = 0;
    for (const double v : tail) m2 += (v - es.value) * (v - es.value);
    const double var = m2 / (k - 1);
    const double a = k / static_cast<double>(runs_);
    const double gap = es.value - tail.back();
    es.se = std::sqrt((var + (1 - a) * gap * gap) / k);
  }
  return es;
}

// ----- SensitivitySample ---------------------------------------------------------

SensitivitySample::SensitivitySample(std::vector<Input> inputs, RunRange sample, Quantity quantity)
    : inputs_(std::move(inputs)),
      sample_(sample),
      quantity_(quantity),
      values_((inputs_.size() + 1) * static_cast<std::size_t>(sample.size())),
      have_(static_cast<std::size_t>(sample.size()), 0) {}

std::span<double> SensitivitySample::column(std::size_t j) noexcept {
  const auto m = static_cast<std::size_t>(sample_.size());
  return {values_.data() + j * m, m};
}

void SensitivitySample::add(const RunChunk& chunk) {
  if (ranked_) throw std::logic_error("SensitivitySample: runs added after ranking");
  const std::uint64_t begin = std::max(chunk.first_run, sample_.begin);
  const std::uint64_t end = std::min(chunk.first_run + chunk.runs, sample_.end);
  if (begin >= end) return;
  if (chunk.inputs == nullptr) throw std::logic_error("SensitivitySample: chunk without inputs");
  const auto q = chunk.column(quantity_);
  const auto m = static_cast<std::size_t>(sample_.size());
  const std::size_t k = inputs_.size();
  for (std::uint64_t run = begin; run < end; ++run) {
    const auto i = static_cast<std::size_t>(run - chunk.first_run);
    const auto r = static_cast<std::size_t>(run - sample_.begin);
    for (std::size_t j = 0; j < k; ++j) values_[j * m + r] = chunk.inputs[i][index(inputs_[j])];
    values_[k * m + r] = q[i];
    have_[r] = 1;
  }
}

void SensitivitySample::merge(SensitivitySample& other) {
  if (other.inputs_ != inputs_ || other.sample_ != sample_ || other.quantity_ != quantity_) {
    throw std::invalid_argument("SensitivitySample: merge of different samples");
  }
  if (ranked_ || other.ranked_) throw std::logic_error("SensitivitySample: merge after ranking");
  const auto m = static_cast<std::size_t>(sample_.size());
  for (std::size_t r = 0; r < m; ++r) {
    if (have_[r] != 0 || other.have_[r] == 0) continue;
    for (std::size_t j = 0; j <= inputs_.size(); ++j) values_[j * m + r] = other.values_[j * m + r];
    have_[r] = 1;
  }
}

bool SensitivitySample::complete() const noexcept {
  return std::all_of(have_.begin(), have_.end(), [](std::uint8_t h) { return h != 0; });
}

void SensitivitySample::rank() {
  if (ranked_) return;
  if (!complete()) throw std::logic_error("SensitivitySample: the window is not complete");
  // Every column by its average ranks, in place.
  tbb::enumerable_thread_specific<RankScratch> scratch;
  parallel_for_index(std::size_t{0}, inputs_.size() + 1,
                     [&](std::size_t j) { average_ranks(column(j), column(j), scratch.local()); });
  ranked_ = true;
}

double SensitivitySample::spearman(std::size_t j) {
  if (j >= inputs_.size()) throw std::out_of_range("SensitivitySample: no such input");
  rank();
  return pearson(column(j), column(inputs_.size()));
}

double SensitivitySample::conditional_median(std::size_t j, double share, bool high) const {
  if (j >= inputs_.size()) throw std::out_of_range("SensitivitySample: no such input");
  if (ranked_) throw std::logic_error("SensitivitySample: conditional_median after ranking");
  if (!complete()) throw std::logic_error("SensitivitySample: the window is not complete");
  const auto m = static_cast<std::size_t>(sample_.size());
  if (m == 0) return std::numeric_limits<double>::quiet_NaN();
  const std::size_t k = std::clamp<std::size_t>(
      static_cast<std::size_t>(std::ceil(share * static_cast<double>(m))), 1, m);
  const double* x = values_.data() + j * m;
  const double* y = values_.data() + inputs_.size() * m;
  std::vector<std::size_t> order(m);
  std::iota(order.begin(), order.end(), std::size_t{0});
  // The k runs of the lowest (highest) input values; a tie goes to the earlier run.
  const auto before = [&](std::size_t a, std::size_t b) {
    if (x[a] != x[b]) return high ? x[a] > x[b] : x[a] < x[b];
    return a < b;
  };
  std::nth_element(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k - 1), order.end(),
                   before);
  std::vector<double> picked(k);
  for (std::size_t i = 0; i < k; ++i) picked[i] = y[order[i]];
  const std::size_t mid = (k - 1) / 2;
  std::nth_element(picked.begin(), picked.begin() + static_cast<std::ptrdiff_t>(mid), picked.end());
  const double lower = picked[mid];
  if (k % 2 == 1) return lower;
  const double upper =
      *std::min_element(picked.begin() + static_cast<std::ptrdiff_t>(mid) + 1, picked.end());
  return lower + 0.5 * (upper - lower);
}

std::vector<double> SensitivitySample::quantity_values() const {
  if (ranked_) throw std::logic_error("SensitivitySample: quantity_values after ranking");
  if (!complete()) throw std::logic_error("SensitivitySample: the window is not complete");
  const auto m = static_cast<std::size_t>(sample_.size());
  const double* y = values_.data() + inputs_.size() * m;
  return {y, y + m};
}

bool SensitivitySample::varies(std::size_t j) {
  if (j > inputs_.size()) throw std::out_of_range("SensitivitySample: no such column");
  rank();
  const auto c = column(j);
  return std::any_of(c.begin(), c.end(), [&](double r) { return r != c.front(); });
}

double SensitivitySample::rank_correlation(std::size_t a, std::size_t b) {
  if (a >= inputs_.size() || b >= inputs_.size()) {
    throw std::out_of_range("SensitivitySample: no such input");
  }
  rank();
  return pearson(column(a), column(b));
}

}  // namespace simroi
