// `--format csv`: one tidy long table, `metric,statistic,value,ci_low,ci_high`,
// of the document's results (complete: every estimate, month and input); for
// a comparison one row per scenario with the columns of compare_columns.
//
// Numbers are the shortest decimal that reads back as the same double, with
// '.' as the decimal separator; a value that does not exist (a payback
// percentile beyond the horizon, a threshold beyond the horizon) is an empty
// field. ci_low/ci_high are 95 % confidence bounds where the results carry
// them: order-statistic intervals for percentiles, mean ± 1.96 s.e. for means,
// p ± 1.96 s.e. (clipped to [0, 1]) for probabilities, rho ± 1.96 s.e.
// (clipped to [-1, 1]) for sensitivities. Fields are quoted per RFC 4180.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <ostream>

#include "report_layout.h"
#include "simroi/core/constants.h"
#include "simroi/core/inputs.h"
#include "simroi/report/format.h"

namespace simroi::detail {

namespace {

std::string num(double v) {
  return format_round_trip(v);
}

class Writer {
 public:
  explicit Writer(std::ostream& out) : out_(out) {}
  void row(const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) out_ << ',';
      out_ << csv_field(fields[i]);
    }
    out_ << '\n';
  }

 private:
  std::ostream& out_;
};

void percentile_rows(Writer& w, const std::string& metric,
                     const std::vector<PercentileEstimate>& estimates) {
  for (const auto& e : estimates) {
    w.row({metric, fmt::format("p{}", percentile_key(e.p)), num(e.value), num(e.ci_low),
           num(e.ci_high)});
  }
}

void metric_rows(Writer& w, const std::string& metric, const MetricSummary& m) {
  w.row({metric, "mean", num(m.mean), num(m.mean - kZ95 * m.mean_se),
         num(m.mean + kZ95 * m.mean_se)});
  w.row({metric, "mean_se", num(m.mean_se), "", ""});
  w.row({metric, "sd", num(m.sd), "", ""});
  w.row({metric, "min", num(m.min), "", ""});
  w.row({metric, "max", num(m.max), "", ""});
  percentile_rows(w, metric, m.percentiles);
}

void probability_row(Writer& w, const std::string& metric, const Probability* p) {
  if (p == nullptr) {
    w.row({metric, "value", "", "", ""});
    return;
  }
  w.row({metric, "value", num(p->value), num(std::max(0.0, p->value - kZ95 * p->se)),
         num(std::min(1.0, p->value + kZ95 * p->se))});
}

std::string pair_name(const AchievedCorrelation& c) {
  return fmt::format("{}~{}", info(c.a).path, info(c.b).path);
}

void report_rows(std::ostream& out, const SimulationResults& r) {
  Writer w(out);
  w.row({"metric", "statistic", "value", "ci_low", "ci_high"});
  w.row({"scenario", "name", r.scenario_name, "", ""});
  w.row({"scenario", "business", r.business, "", ""});
  w.row({"scenario", "file", r.file, "", ""});
  w.row({"scenario", "currency", r.currency, "", ""});
  w.row({"simulation", "runs", std::to_string(r.runs), "", ""});
  w.row({"simulation", "seed", std::to_string(r.seed), "", ""});
  w.row({"simulation", "horizon_months", std::to_string(r.horizon_months), "", ""});
  w.row({"simulation", "sampling", sampling_name(r.method.sampling), "", ""});
  w.row({"simulation", "percentile_method", r.method.percentile_method, "", ""});
  w.row({"simulation", "selection", r.method.selection, "", ""});
  w.row({"simulation", "passes", std::to_string(r.method.passes), "", ""});
  w.row({"simulation", "sensitivity_runs", std::to_string(r.method.sensitivity_runs), "", ""});

  metric_rows(w, "roi_pct", r.roi_pct);
  probability_row(w, "prob_roi_below_zero", &r.prob_roi_below_zero);
  metric_rows(w, "net_profit", r.net_profit);
  metric_rows(w, "npv", r.npv);
  percentile_rows(w, "payback_months", r.payback.percentiles);
  std::vector<int> seen;
  for (const auto& within : r.payback.within) {
    if (std::find(seen.begin(), seen.end(), within.months) != seen.end()) continue;
    seen.push_back(within.months);
    probability_row(w, fmt::format("prob_payback_within_{}", within.months),
                    within.probability ? &*within.probability : nullptr);
  }
  probability_row(w, "prob_payback_never_within_horizon", &r.payback.never_within_horizon);
  for (const auto& m : r.monthly) {
    percentile_rows(w, fmt::format("cumulative_net_month_{}", m.month), m.cumulative_net);
  }
  for (const auto& s : r.sensitivity) {
    w.row({"sensitivity", std::string(info(s.input).path), num(s.spearman),
           num(std::max(-1.0, s.spearman - kZ95 * s.se)),
           num(std::min(1.0, s.spearman + kZ95 * s.se))});
  }
  for (const auto& c : r.correlations) {
    w.row({"correlation_requested", pair_name(c), num(c.requested), "", ""});
    w.row({"correlation_achieved", pair_name(c), num(c.achieved), "", ""});
  }
  for (const auto& d : r.warnings) w.row({"warning", d.code, d.message(), "", ""});
}

void compare_rows(std::ostream& out, const std::vector<SimulationResults>& all) {
  Writer w(out);
  const CompareColumns cols = compare_columns(all);
  std::vector<std::string> header{"scenario", "business", "file", "horizon_months", "runs", "seed"};
  for (const double p : cols.roi) header.push_back(fmt::format("roi_p{}", percentile_key(p)));
  header.emplace_back("prob_roi_below_zero");
  if (cols.payback) header.push_back(fmt::format("payback_p{}", percentile_key(*cols.payback)));
  header.emplace_back("prob_payback_within_12");
  w.row(header);
  for (const auto& r : all) {
    std::vector<std::string> row{r.scenario_name,
                                 r.business,
                                 r.file,
                                 std::to_string(r.horizon_months),
                                 std::to_string(r.runs),
                                 std::to_string(r.seed)};
    for (const double p : cols.roi) {
      const PercentileEstimate* e = find_percentile(r.roi_pct.percentiles, p);
      row.push_back(e ? num(e->value) : "");
    }
    row.push_back(num(r.prob_roi_below_zero.value));
    if (cols.payback) {
      const PercentileEstimate* e = find_percentile(r.payback.percentiles, *cols.payback);
      row.push_back(e ? num(e->value) : "");
    }
    const Probability* within12 = find_payback_within(r.payback, 12);
    row.push_back(within12 ? num(within12->value) : "");
    w.row(row);
  }
}

class CsvReporter final : public Reporter {
 public:
  void render(std::ostream& out, const Document& document) const override {
    if (document.kind == Document::Kind::compare) {
      compare_rows(out, document.results);
    } else if (!document.results.empty()) {
      report_rows(out, document.results.front());
    }
  }
};

}  // namespace

std::unique_ptr<Reporter> make_csv_reporter() {
  return std::make_unique<CsvReporter>();
}

}  // namespace simroi::detail
