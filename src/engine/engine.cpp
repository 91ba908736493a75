#include "simroi/engine/engine.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <span>
#include <stdexcept>

#include "simroi/stats/collectors.h"
#include "simroi/stats/statistics.h"

// The full report as one request to a Simulator: which collectors it asks for
// (the statistics of SimulationResults) and how their values become the
// results. A new output of the report adds its collector here and its field
// in results.h (docs/architecture.md).

namespace simroi {

namespace {

// Spearman sensitivities use the first runs only (their error is reported).
constexpr std::uint64_t kSensitivityRuns = std::uint64_t{1} << 17;

MetricSummary summarise(const Moments& m, std::vector<PercentileEstimate> percentiles) {
  MetricSummary s;
  s.mean = m.mean;
  s.sd = std::sqrt(m.variance());
  s.mean_se = m.n > 0 ? s.sd / std::sqrt(static_cast<double>(m.n)) : 0.0;
  s.min = m.min;
  s.max = m.max;
  s.percentiles = std::move(percentiles);
  return s;
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
        quantiles_(requests(options.percentiles, horizon_), options.quantiles) {}

  void run(Simulator& sim, const RunControl& control) {
    sim.run(sim.all_runs(), {&moments_, &counts_, &sensitivity_}, quantiles_, control);
  }
  SimulationResults assemble(const std::vector<double>& percentiles);

 private:
  // Order of the events of counts_.
  enum Event : std::size_t { kRoiBelowZero, kCensored, kWithin };
  // Order of the requests of quantiles_.
  enum Request : std::size_t { kRoi, kNet, kNpv, kPayback, kFirstMonth };

  static std::vector<RunEvent> events(const std::array<int, 4>& thresholds) {
    std::vector<RunEvent> e{
        {Quantity::roi_pct, RunEvent::Test::below, 0.0},
        {Quantity::payback, RunEvent::Test::at_least, RunOutcome::kNotWithinHorizon}};
    for (const int months : thresholds) {
      e.push_back({Quantity::payback, RunEvent::Test::at_most, static_cast<double>(months)});
    }
    return e;
  }
  static std::vector<QuantileRequest> requests(const std::vector<double>& ps, int horizon) {
    std::vector<QuantileRequest> r;
    for (const Quantity q :
         {Quantity::roi_pct, Quantity::net_profit, Quantity::npv, Quantity::payback}) {
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
  ExactQuantiles quantiles_;
};

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

  for (int t = 1; t <= horizon_; ++t) {
    r.monthly.push_back({t, quantiles_.percentiles(kFirstMonth + static_cast<std::size_t>(t - 1))});
  }

  // Sensitivity: Spearman of each uncertain input with ROI on the first runs.
  const auto& uncertain = sensitivity_.inputs();
  const double m = static_cast<double>(sensitivity_.window().size());
  for (std::size_t j = 0; j < uncertain.size(); ++j) {
    Sensitivity sens;
    sens.input = uncertain[j];
    sens.spearman = sensitivity_.spearman(j);
    sens.se = m > 3 ? (1.0 - sens.spearman * sens.spearman) / std::sqrt(m - 3.0) : 0.0;
    r.sensitivity.push_back(sens);
  }
  std::stable_sort(r.sensitivity.begin(), r.sensitivity.end(), [](const auto& a, const auto& b) {
    return std::abs(a.spearman) > std::abs(b.spearman);
  });
  auto position = [&](Input id) {
    return static_cast<std::size_t>(std::find(uncertain.begin(), uncertain.end(), id) -
                                    uncertain.begin());
  };
  for (const auto& c : scenario.correlations) {
    r.correlations.push_back(
        {c.a, c.b, c.rho, sensitivity_.rank_correlation(position(c.a), position(c.b))});
  }

  r.warnings = scenario.warnings;
  r.method.sampling = scenario.simulation.sampling;
  r.method.percentile_method = "exact";
  r.method.selection = selection_name(quantiles_.selection());
  r.method.passes = quantiles_.passes();
  r.method.sensitivity_runs = sensitivity_.window().size();
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
