#include "simroi/engine/engine.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <span>
#include <stdexcept>

#include "simroi/sampling/sampler.h"
#include "simroi/stats/collectors.h"
#include "simroi/stats/intervals.h"
#include "simroi/stats/statistics.h"

// The full report as one request to a Simulator: which collectors it asks for
// (the statistics of SimulationResults) and how their values become the
// results. A new output of the report adds its collector here and its field
// in results.h (docs/architecture.md).

namespace simroi {

namespace {

// Spearman sensitivities use the first runs only (their error is reported).
constexpr std::uint64_t kSensitivityRuns = std::uint64_t{1} << 17;
// The tornado conditions on an input's lowest and highest decile.
constexpr double kTornadoShare = 0.1;
// The expected shortfall: the worst 5 % of the first (at most) 2^24 runs.
constexpr double kShortfallShare = 0.05;
constexpr std::uint64_t kShortfallRuns = std::uint64_t{1} << 24;

// ceil(5 % x runs) in integers (0.05 x 100 000 is not 5000 in doubles).
std::uint64_t tail_count(std::uint64_t runs) {
  return std::max<std::uint64_t>(1, (runs + 19) / 20);
}

MetricSummary summarise(const Moments& m, std::vector<PercentileEstimate> percentiles) {
  MetricSummary s;
  s.mean = m.mean;
  s.sd = std::sqrt(m.variance());
  if (m.n > 1) s.mean_se = s.sd / std::sqrt(static_cast<double>(m.n));
  s.min = m.min;
  s.max = m.max;
  s.percentiles = std::move(percentiles);
  return s;
}

// About kHistogramBins bins of a round width (1, 2, 2.5 or 5 x 10^k) over
// the P1..P99 range of `roi`, with 0 on an edge.
constexpr int kHistogramBins = 12;
RoiHistogram histogram(std::vector<double> roi) {
  RoiHistogram h;
  h.runs = roi.size();
  if (roi.empty()) return h;
  std::sort(roi.begin(), roi.end());
  const auto at = [&](double p) {
    return roi[static_cast<std::size_t>(p * static_cast<double>(roi.size() - 1))];
  };
  const double lo = at(0.01), hi = at(0.99);
  const double raw = std::max((hi - lo) / kHistogramBins, 1e-9);
  const double decade = std::pow(10.0, std::floor(std::log10(raw)));
  double width = 10 * decade;
  for (const double m : {1.0, 2.0, 2.5, 5.0}) {
    if (m * decade >= raw) {
      width = m * decade;
      break;
    }
  }
  h.width = width;
  h.start = std::floor(lo / width) * width;
  const auto bins = static_cast<std::size_t>(std::max(1.0, std::ceil((hi - h.start) / width)));
  h.counts.assign(bins, 0);
  for (const double v : roi) {
    const double b = std::floor((v - h.start) / width);
    const auto i = b < 0 ? std::size_t{0} : std::min(static_cast<std::size_t>(b), bins - 1);
    ++h.counts[i];
  }
  return h;
}

/// The collectors behind SimulationResults, for runs [0, n) of a simulator.
class FullReport {
 public:
  FullReport(const Simulator& sim, const ReportOptions& options)
      : sim_(sim),
        n_(sim.runs()),
        horizon_(sim.horizon_months()),
        thresholds_{3, 6, 12, horizon_},
        moments_({Quantity::roi_pct, Quantity::net_profit, Quantity::npv}),
        counts_(events(thresholds_)),
        sensitivity_(sim.uncertain(), {0, std::min(n_, kSensitivityRuns)}),
        net_sample_(sim.uncertain(), {0, std::min(n_, kSensitivityRuns)}, Quantity::net_profit),
        quantiles_(requests(options.percentiles, horizon_), options.quantiles),
        sources_({Quantity::gain_leads, Quantity::gain_conversion, Quantity::gain_no_shows,
                  Quantity::gain_repeat, Quantity::gain_time, Quantity::capacity_cut,
                  Quantity::cash_roi_pct, Quantity::cash_net_profit}),
        cash_loss_({{Quantity::cash_roi_pct, RunEvent::Test::below, 0.0}}),
        cost_({Quantity::total_cost}),
        payback_curve_(Quantity::payback, horizon_),
        tail_(Quantity::roi_pct, tail_count(std::min(n_, kShortfallRuns)),
              {0, std::min(n_, kShortfallRuns)}) {
    if (sim.scenario().simulation.sampling == Sampling::latin_hypercube &&
        lhs_replicates(n_) >= 2) {
      // The same means and events, per block of the replicated design.
      std::vector<Quantity> q = moments_.quantities();
      q.insert(q.end(), sources_.quantities().begin(), sources_.quantities().end());
      q.insert(q.end(), cost_.quantities().begin(), cost_.quantities().end());
      std::vector<RunEvent> e = events(thresholds_);
      e.push_back({Quantity::cash_roi_pct, RunEvent::Test::below, 0.0});
      replicates_.emplace(lhs_replicate_bounds(n_), std::move(q), std::move(e));
    }
  }

  void run(Simulator& sim, const RunControl& control) {
    std::vector<Collector*> collectors{&moments_,    &counts_,        &sensitivity_,
                                       &net_sample_, &sources_,       &cash_loss_,
                                       &cost_,       &payback_curve_, &tail_};
    if (replicates_) collectors.push_back(&*replicates_);
    sim.run(sim.all_runs(), collectors, &quantiles_, control);
  }
  SimulationResults assemble(const std::vector<double>& percentiles);

 private:
  // Order of the events of counts_ (and of replicates_, which adds the cash
  // loss after them).
  enum Event : std::size_t { kRoiBelowZero, kCensored, kFellBack, kWithin };
  /// Latin hypercube: the errors of every mean and probability of `r` from
  /// the spread between the replicated blocks.
  void replicate_errors(SimulationResults& r) const;
  // Order of the requests of quantiles_.
  enum Request : std::size_t { kRoi, kNet, kNpv, kPayback, kFirstBreakEven, kFirstMonth };

  static std::vector<RunEvent> events(const std::array<int, 4>& thresholds) {
    std::vector<RunEvent> e{
        {Quantity::roi_pct, RunEvent::Test::below, 0.0},
        {Quantity::payback, RunEvent::Test::at_least, RunOutcome::kNotWithinHorizon},
        {Quantity::fell_back, RunEvent::Test::at_least, 1.0}};
    for (const int months : thresholds) {
      e.push_back({Quantity::payback, RunEvent::Test::at_most, static_cast<double>(months)});
    }
    return e;
  }
  static std::vector<QuantileRequest> requests(const std::vector<double>& ps, int horizon) {
    std::vector<QuantileRequest> r;
    for (const Quantity q : {Quantity::roi_pct, Quantity::net_profit, Quantity::npv,
                             Quantity::payback, Quantity::first_break_even}) {
      r.push_back({q, ps});
    }
    const std::vector<double> fan(std::begin(kFanPercentiles), std::end(kFanPercentiles));
    for (int t = 1; t <= horizon; ++t) r.push_back({cumulative_net(t), fan});
    return r;
  }

  const Simulator& sim_;
  std::uint64_t n_;
  int horizon_;
  std::array<int, 4> thresholds_;
  RunMoments moments_;
  EventCounts counts_;
  SensitivitySample sensitivity_;
  SensitivitySample net_sample_;  // the same window, net profit: the tornado in money
  ExactQuantiles quantiles_;
  RunMoments sources_;     // the gain by source and the cash view (version 0.2)
  EventCounts cash_loss_;  // P(cash ROI < 0)
  RunMoments cost_;        // the total cost C
  CountsAtMost payback_curve_;
  LowestValues tail_;  // the worst 5 % of ROI: the expected shortfall
  // Latin hypercube with B >= 2 blocks: moments_', sources_' and cost_'s
  // quantities, counts_' events and the cash loss, per block.
  std::optional<ReplicateSums> replicates_;
};

void FullReport::replicate_errors(SimulationResults& r) const {
  const bool lhs = sim_.scenario().simulation.sampling == Sampling::latin_hypercube;
  r.method.replicates = lhs ? lhs_replicates(n_) : 0;
  if (!lhs) return;
  std::vector<MetricSummary*> metrics{&r.roi_pct, &r.net_profit, &r.npv};
  GainBySource& g = r.gain_by_source;
  std::vector<SourceMean*> sources{&g.more_leads,    &g.better_conversion, &g.fewer_no_shows,
                                   &g.repeat_visits, &g.staff_time,        &g.capacity_cut};
  if (!replicates_) {
    // A single block: no spread to measure the error by; unknown, not the
    // Monte Carlo formula (probabilities keep Clopper-Pearson: conservative).
    for (MetricSummary* m : metrics) m->mean_se.reset();
    for (SourceMean* m : sources) m->mean_se.reset();
    r.cash.roi_pct.mean_se.reset();
    r.cash.net_profit.mean_se.reset();
    r.total_cost.mean_se.reset();
    return;
  }
  const ReplicateSums& reps = *replicates_;
  const std::size_t blocks = reps.replicates();
  const double t = student_t_quantile(static_cast<double>(blocks - 1));
  std::uint64_t smallest = n_;
  for (std::size_t b = 0; b < blocks; ++b) smallest = std::min(smallest, reps.runs(b));
  auto mean_se = [&](std::size_t q) {
    std::vector<double> means(blocks);
    for (std::size_t b = 0; b < blocks; ++b) means[b] = reps.mean(b, q);
    return replicate_se(means);
  };
  // A chance's interval from its blocks' shares (statistics.h, replicate_proportion).
  auto chance = [&](Probability& p, std::size_t e) {
    std::vector<double> shares(blocks);
    for (std::size_t b = 0; b < blocks; ++b) shares[b] = reps.share(b, e);
    p = replicate_proportion(p.count, p.runs, shares, smallest);
  };
  // Quantities: moments_' three, then sources_' eight (six sources, cash ROI,
  // cash net), then cost_'s total cost.
  for (std::size_t q = 0; q < metrics.size(); ++q) {
    metrics[q]->mean_se = mean_se(q);
    metrics[q]->mean_ci_multiplier = t;
  }
  for (std::size_t q = 0; q < sources.size(); ++q) {
    sources[q]->mean_se = mean_se(metrics.size() + q);
    sources[q]->mean_ci_multiplier = t;
  }
  r.cash.roi_pct.mean_se = mean_se(metrics.size() + 6);
  r.cash.roi_pct.mean_ci_multiplier = t;
  r.cash.net_profit.mean_se = mean_se(metrics.size() + 7);
  r.cash.net_profit.mean_ci_multiplier = t;
  r.total_cost.mean_se = mean_se(metrics.size() + 8);
  r.total_cost.mean_ci_multiplier = t;

  chance(r.prob_roi_below_zero, kRoiBelowZero);
  chance(r.payback.never_within_horizon, kCensored);
  chance(r.payback.fell_back, kFellBack);
  for (std::size_t i = 0; i < thresholds_.size(); ++i) {
    for (auto& w : r.payback.within) {
      if (w.months == thresholds_[i] && w.probability) chance(*w.probability, kWithin + i);
    }
  }
  chance(r.cash.prob_roi_below_zero, kWithin + thresholds_.size());

  // What Latin hypercube bought: the plain Monte Carlo variance of the mean
  // ROI (sd^2 / n) over the blocks' (se^2).
  const double mc = r.roi_pct.sd * r.roi_pct.sd / static_cast<double>(n_);
  const double lhs_var = r.roi_pct.mean_se ? *r.roi_pct.mean_se * *r.roi_pct.mean_se : 0.0;
  if (mc > 0.0 && lhs_var > 0.0 && std::isfinite(mc / lhs_var)) {
    r.method.lhs_variance_ratio = mc / lhs_var;
  }
}

SimulationResults FullReport::assemble(const std::vector<double>& percentiles) {
  const Scenario& scenario = sim_.scenario();
  SimulationResults r;
  r.scenario_name = scenario.name;
  r.business = scenario.business;
  r.file = scenario.file;
  r.currency = scenario.currency;
  r.runs = n_;
  r.seed = sim_.seed();
  r.horizon_months = horizon_;
  r.percentiles = percentiles;

  r.roi_pct = summarise(moments_.moments(0), quantiles_.percentiles(kRoi));
  r.net_profit = summarise(moments_.moments(1), quantiles_.percentiles(kNet));
  r.npv = summarise(moments_.moments(2), quantiles_.percentiles(kNpv));
  r.prob_roi_below_zero = counts_.probability(kRoiBelowZero);
  r.total_cost = summarise(cost_.moments(0), {});
  r.roi_expected_shortfall = tail_.expected_shortfall(kShortfallShare);

  r.payback.percentiles = quantiles_.percentiles(kPayback);
  for (std::size_t i = 0; i < thresholds_.size(); ++i) {
    const int months = thresholds_[i];
    const bool seen = std::any_of(r.payback.within.begin(), r.payback.within.end(),
                                  [&](const auto& w) { return w.months == months; });
    if (seen) continue;
    PaybackSummary::Within w;
    w.months = months;
    if (months <= horizon_) w.probability = counts_.probability(kWithin + i);
    r.payback.within.push_back(w);
  }
  r.payback.never_within_horizon = counts_.probability(kCensored);
  r.payback.first_break_even = quantiles_.percentiles(kFirstBreakEven);
  r.payback.fell_back = counts_.probability(kFellBack);
  for (int t = 0; t <= horizon_; ++t) {
    r.payback.by_month.push_back(proportion(payback_curve_.at_most(t), payback_curve_.runs()));
  }

  for (int t = 1; t <= horizon_; ++t) {
    r.monthly.push_back({t, quantiles_.percentiles(kFirstMonth + static_cast<std::size_t>(t - 1))});
  }

  // Sensitivity: Spearman of each uncertain input with ROI on the first runs.
  const auto& uncertain = sensitivity_.inputs();
  r.roi_histogram = histogram(sensitivity_.quantity_values());
  for (std::size_t j = 0; j < uncertain.size(); ++j) {
    Sensitivity sens;
    sens.input = uncertain[j];
    // The tornado first: spearman() replaces the values by their ranks.
    sens.roi_low = sensitivity_.conditional_median(j, kTornadoShare, false);
    sens.roi_high = sensitivity_.conditional_median(j, kTornadoShare, true);
    sens.net_low = net_sample_.conditional_median(j, kTornadoShare, false);
    sens.net_high = net_sample_.conditional_median(j, kTornadoShare, true);
    r.sensitivity.push_back(sens);
  }
  for (std::size_t j = 0; j < uncertain.size(); ++j) {
    Sensitivity& sens = r.sensitivity[j];
    const bool defined = sensitivity_.varies(j) && sensitivity_.varies(uncertain.size());
    if (defined) sens.spearman = sensitivity_.spearman(j);
    const double rho = sens.spearman.value_or(std::nan(""));
    if (const auto ci = spearman_interval(rho, sensitivity_.window().size())) {
      sens.se = ci->se;
      sens.ci_low = ci->low;
      sens.ci_high = ci->high;
    }
  }
  // Largest |rho| first; undefined ones last.
  std::stable_sort(r.sensitivity.begin(), r.sensitivity.end(), [](const auto& a, const auto& b) {
    return std::abs(a.spearman.value_or(-1.0)) > std::abs(b.spearman.value_or(-1.0));
  });
  auto position = [&](Input id) {
    return static_cast<std::size_t>(std::find(uncertain.begin(), uncertain.end(), id) -
                                    uncertain.begin());
  };
  for (const auto& c : scenario.correlations) {
    r.correlations.push_back(
        {c.a, c.b, c.rho, sensitivity_.rank_correlation(position(c.a), position(c.b))});
  }

  for (std::size_t i = 0; i < kInputCount; ++i) {
    const auto id = static_cast<Input>(i);
    if (id == (scenario.conversion_after_given ? Input::booking_conversion_uplift
                                               : Input::booking_conversion_after)) {
      continue;
    }
    const Distribution& dist = scenario.input(id);
    InputSummary in;
    in.input = id;
    in.written = dist.describe();
    in.description = dist.description();
    in.p5 = dist.quantile(0.05);
    in.p50 = dist.quantile(0.5);
    in.p95 = dist.quantile(0.95);
    in.p25 = dist.quantile(0.25);
    in.p75 = dist.quantile(0.75);
    in.is_default = dist.is_fixed() && in.p50 == info(id).default_value;
    r.inputs.push_back(std::move(in));
  }

  r.warnings = scenario.warnings;
  r.method.sampling = scenario.simulation.sampling;
  r.method.percentile_method = "exact";
  r.method.selection = selection_name(quantiles_.selection());
  r.method.passes = quantiles_.passes();
  r.method.sensitivity_runs = sensitivity_.window().size();

  // Where the gain comes from, and the cash view (model.md, version 0.2).
  auto source = [&](std::size_t i) {
    const MetricSummary m = summarise(sources_.moments(i), {});
    return SourceMean{m.mean, m.mean_se};
  };
  GainBySource& g = r.gain_by_source;
  g.more_leads = source(0);
  g.better_conversion = source(1);
  g.fewer_no_shows = source(2);
  g.repeat_visits = source(3);
  g.staff_time = source(4);
  g.capacity_cut = source(5);
  g.total_gain = g.more_leads.mean + g.better_conversion.mean + g.fewer_no_shows.mean +
                 g.repeat_visits.mean + g.staff_time.mean;
  g.capacity_given = scenario.capacity_given;
  r.cash.time_valued = sources_.moments(4).max > 0.0;
  r.cash.roi_pct = summarise(sources_.moments(6), {});
  r.cash.net_profit = summarise(sources_.moments(7), {});
  r.cash.prob_roi_below_zero = cash_loss_.probability(0);
  replicate_errors(r);
  return r;
}

}  // namespace

SimulationResults run_simulation(Simulator& simulator, const ReportOptions& options) {
  FullReport report(simulator, options);
  report.run(simulator, options.control);
  // Ranking the sensitivity sample runs in parallel: on the simulator's threads.
  return simulator.execute([&] { return report.assemble(options.percentiles); });
}

SimulationResults run_simulation(const Scenario& scenario, const RunOptions& options) {
  SimulatorOptions prepare;
  prepare.runs = options.runs;
  prepare.seed = options.seed;
  prepare.threads = options.threads;
  ReportOptions report;
  report.percentiles = options.percentiles;
  report.quantiles = {options.selection, options.pilot_sigmas, options.pilot_runs};
  report.control.cancel = options.cancel;
  report.control.progress = options.progress;
  // The percentiles are checked before the sampler's tables are built.
  for (const double p : options.percentiles) {
    if (!(p >= 0.0 && p <= 100.0)) throw std::invalid_argument("percentiles must lie in [0, 100]");
  }
  Simulator simulator(scenario, prepare);
  return run_simulation(simulator, report);
}

}  // namespace simroi
