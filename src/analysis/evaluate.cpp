#include "simroi/analysis/evaluate.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "simroi/core/constants.h"
#include "simroi/sampling/sampler.h"
#include "simroi/stats/collector.h"
#include "simroi/stats/intervals.h"
#include "simroi/stats/statistics.h"

namespace simroi {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

/// Writes each run's outcomes into the run's own slot (shared: no merge).
class KeepRuns final : public CollectorOf<KeepRuns, Collector::Sharing::shared> {
 public:
  KeepRuns(RunSample& sample, RunRange range, bool inputs)
      : sample_(&sample), range_(range), inputs_(inputs) {}
  [[nodiscard]] KeepRuns empty() const { return *this; }
  void merge(KeepRuns& /*later*/) {}
  [[nodiscard]] bool wants_inputs(std::uint64_t /*begin*/,
                                  std::uint64_t /*end*/) const noexcept override {
    return inputs_;
  }
  void add(const RunChunk& chunk) override {
    const auto at = static_cast<std::size_t>(chunk.first_run - range_.begin);
    const auto copy = [&](Quantity q, std::vector<double>& to) {
      const auto col = chunk.column(q);
      std::copy(col.begin(), col.end(), to.begin() + static_cast<std::ptrdiff_t>(at));
    };
    copy(Quantity::roi_pct, sample_->roi);
    copy(Quantity::net_profit, sample_->net);
    copy(Quantity::npv, sample_->npv);
    copy(Quantity::payback, sample_->payback);
    if (inputs_ && chunk.inputs != nullptr) {
      std::copy(chunk.inputs, chunk.inputs + chunk.runs,
                sample_->inputs.begin() + static_cast<std::ptrdiff_t>(at));
    }
  }

 private:
  RunSample* sample_;
  RunRange range_;
  bool inputs_;
};

/// numpy's linear percentile of sorted-on-demand values (nth_element twice).
double percentile_of(std::vector<double>& v, double p) {
  const std::size_t n = v.size();
  const double h = static_cast<double>(n - 1) * p / 100.0;
  const auto j = static_cast<std::size_t>(std::floor(h));
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(j), v.end());
  const double lo = v[j];
  if (j + 1 >= n) return lo;
  const double hi = *std::min_element(v.begin() + static_cast<std::ptrdiff_t>(j + 1), v.end());
  if (hi == lo) return lo;
  return lo + (h - static_cast<double>(j)) * (hi - lo);
}

double order_statistic(std::vector<double>& v, std::uint64_t k) {
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
  return v[k];
}

bool event(double x, Compare c, double t) {
  return holds(x, c, t);
}

}  // namespace

const std::vector<double>& RunSample::metric(Metric m) const noexcept {
  switch (m) {
    case Metric::roi:
      return roi;
    case Metric::net:
      return net;
    case Metric::npv:
      return npv;
    case Metric::payback:
      return payback;
  }
  return roi;
}

void simulate_sample_into(Simulator& sim, RunRange runs, RunSample& s, bool with_inputs,
                          const RunControl& control) {
  const auto n = static_cast<std::size_t>(runs.size());
  s.roi.resize(n);
  s.net.resize(n);
  s.npv.resize(n);
  s.payback.resize(n);
  s.inputs.resize(with_inputs ? n : 0);
  KeepRuns keep(s, runs, with_inputs);
  sim.run(runs, {&keep}, control);
  s.replicates.clear();
  if (sim.scenario().simulation.sampling == Sampling::latin_hypercube && runs == sim.all_runs() &&
      lhs_replicates(runs.size()) >= 2) {
    s.replicates = lhs_replicate_bounds(runs.size());
  }
}

RunSample simulate_sample(Simulator& sim, RunRange runs, bool with_inputs,
                          const RunControl& control) {
  RunSample s;
  simulate_sample_into(sim, runs, s, with_inputs, control);
  return s;
}

Evaluation evaluate(const Statistic& statistic, const RunSample& sample) {
  const std::vector<double>& x = sample.metric(statistic.metric);
  const std::size_t n = x.size();
  if (n < 2) throw std::invalid_argument("evaluate: need at least 2 runs");
  Evaluation e;
  // Replicated Latin hypercube: f over each block's runs, for the blocks' spread.
  const std::vector<std::uint64_t>& bounds = sample.replicates;
  const bool blocks = bounds.size() >= 3 && bounds.back() == n;
  auto per_block = [&](auto&& f) {
    std::vector<double> out;
    for (std::size_t b = 0; b + 1 < bounds.size(); ++b) {
      out.push_back(f(x.begin() + static_cast<std::ptrdiff_t>(bounds[b]),
                      x.begin() + static_cast<std::ptrdiff_t>(bounds[b + 1])));
    }
    return out;
  };
  switch (statistic.kind) {
    case Statistic::Kind::mean: {
      if (blocks) {
        const double mean = std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(n);
        const auto means = per_block([](auto first, auto last) {
          return std::accumulate(first, last, 0.0) / static_cast<double>(last - first);
        });
        const double se = replicate_se(means);
        const double t = student_t_quantile(static_cast<double>(means.size() - 1));
        e.value = mean;
        if (std::isfinite(se)) {
          e.low = mean - t * se;
          e.high = mean + t * se;
        }
        return e;
      }
      const double mean = std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(n);
      double ss = 0;
      for (const double v : x) ss += (v - mean) * (v - mean);
      const double se = std::sqrt(ss / static_cast<double>(n - 1) / static_cast<double>(n));
      e.value = mean;
      if (std::isfinite(se)) {
        e.low = mean - kZ95 * se;
        e.high = mean + kZ95 * se;
      }
      return e;
    }
    case Statistic::Kind::probability: {
      std::uint64_t k = 0;
      for (const double v : x) k += event(v, statistic.compare, statistic.threshold) ? 1 : 0;
      e.value = static_cast<double>(k) / static_cast<double>(n);
      if (blocks) {
        std::uint64_t smallest = n;
        for (std::size_t b = 0; b + 1 < bounds.size(); ++b) {
          smallest = std::min(smallest, bounds[b + 1] - bounds[b]);
        }
        const auto shares = per_block([&](auto first, auto last) {
          const auto hits = std::count_if(first, last, [&](double v) {
            return event(v, statistic.compare, statistic.threshold);
          });
          return static_cast<double>(hits) / static_cast<double>(last - first);
        });
        const Probability p = replicate_proportion(k, n, shares, smallest);
        e.low = p.ci_low;
        e.high = p.ci_high;
        return e;
      }
      const Interval ci = clopper_pearson(k, n);
      e.low = ci.low;
      e.high = ci.high;
      return e;
    }
    case Statistic::Kind::percentile: {
      std::vector<double> v = x;
      e.value = percentile_of(v, statistic.percentile);
      const RankInterval r = percentile_rank_interval(n, statistic.percentile);
      if (r.lower) e.low = order_statistic(v, *r.lower);
      if (r.upper) e.high = order_statistic(v, *r.upper);
      if (e.low && !std::isfinite(*e.low)) e.low.reset();
      if (e.high && !std::isfinite(*e.high)) e.high.reset();
      return e;
    }
    case Statistic::Kind::shortfall: {
      constexpr double kAlpha = 0.05;
      std::vector<double> v = x;
      const auto k = static_cast<std::size_t>(std::ceil(kAlpha * static_cast<double>(n)));
      std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k - 1), v.end());
      const double q = v[k - 1];
      const double es =
          std::accumulate(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), 0.0) /
          static_cast<double>(k);
      double ss = 0;
      for (std::size_t i = 0; i < k; ++i) ss += (v[i] - es) * (v[i] - es);
      const double s2 = k > 1 ? ss / static_cast<double>(k - 1) : 0.0;
      const double se =
          std::sqrt((s2 + (1 - kAlpha) * (q - es) * (q - es)) / (kAlpha * static_cast<double>(n)));
      e.value = es;
      e.low = es - kZ95 * se;
      e.high = es + kZ95 * se;
      return e;
    }
  }
  (void)kInf;
  return e;
}

}  // namespace simroi
