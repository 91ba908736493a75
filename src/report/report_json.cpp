// `--format json`: the `simroi.report/2` schema of docs/scenario-format.md,
// extended (additively) with the Monte Carlo uncertainty of every estimate,
// written from the document's results (a comparison: `simroi.compare/2`, one
// report object per scenario).
//
// Key order is fixed (ordered_json); numbers print as the shortest decimal
// that reads back as the same double, so identical results give
// byte-identical output. Non-finite numbers (a payback percentile beyond the
// horizon) are null.
#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>

#include "report_layout.h"
#include "simroi/core/constants.h"
#include "simroi/core/inputs.h"
#include "simroi/report/format.h"

namespace simroi::detail {

namespace {

using Json = nlohmann::ordered_json;

Json num(double v) {
  return std::isfinite(v) ? Json(v) : Json(nullptr);
}

// An unknown value (nullopt: an interval bound no order statistic gives, a
// standard error that does not exist) is null.
Json num(const std::optional<double>& v) {
  return v ? num(*v) : Json(nullptr);
}

void add_percentiles(Json& metric, const std::vector<PercentileEstimate>& estimates) {
  Json values = Json::object();
  Json ci = Json::object();
  Json se = Json::object();
  for (const auto& e : estimates) {
    const std::string key = percentile_key(e.p);
    values[key] = num(e.value);
    ci[key] = Json::array({num(e.ci_low), num(e.ci_high)});
    se[key] = num(e.se);
  }
  metric["percentiles"] = std::move(values);
  metric["percentile_ci95"] = std::move(ci);
  metric["percentile_se"] = std::move(se);
}

// A probability's exact (Clopper-Pearson) 95 % interval.
Json ci95(const Probability& p) {
  return Json::array({num(p.ci_low), num(p.ci_high)});
}

// The schema keys in schema order, then the extensions.
Json ordered_metric(const MetricSummary& m, const Probability* below_zero) {
  Json j = Json::object();
  j["mean"] = num(m.mean);
  j["sd"] = num(m.sd);
  j["min"] = num(m.min);
  j["max"] = num(m.max);
  Json tmp = Json::object();
  add_percentiles(tmp, m.percentiles);
  j["percentiles"] = tmp["percentiles"];
  if (below_zero != nullptr) j["prob_below_zero"] = num(below_zero->value);
  j["mean_se"] = num(m.mean_se);
  j["percentile_ci95"] = tmp["percentile_ci95"];
  j["percentile_se"] = tmp["percentile_se"];
  if (below_zero != nullptr) j["prob_below_zero_se"] = num(below_zero->se);
  if (below_zero != nullptr) j["prob_below_zero_ci95"] = ci95(*below_zero);
  return j;
}

Json payback_json(const SimulationResults& r) {
  Json tmp = Json::object();
  add_percentiles(tmp, r.payback.percentiles);
  // "3", "6", "12" always (null beyond the horizon), then any other threshold
  // the results carry (H when it is not one of those).
  std::vector<int> months{3, 6, 12};
  for (const auto& w : r.payback.within) {
    if (std::find(months.begin(), months.end(), w.months) == months.end()) {
      months.push_back(w.months);
    }
  }
  Json within = Json::object();
  Json within_se = Json::object();
  Json within_ci = Json::object();
  for (const int m : months) {
    const Probability* p = m <= r.horizon_months ? find_payback_within(r.payback, m) : nullptr;
    within[std::to_string(m)] = p ? num(p->value) : Json(nullptr);
    within_se[std::to_string(m)] = p ? num(p->se) : Json(nullptr);
    within_ci[std::to_string(m)] = p ? ci95(*p) : Json(nullptr);
  }
  Json j = Json::object();
  j["percentiles"] = tmp["percentiles"];
  j["prob_within"] = std::move(within);
  j["percentile_ci95"] = tmp["percentile_ci95"];
  j["percentile_se"] = tmp["percentile_se"];
  j["prob_within_se"] = std::move(within_se);
  j["prob_within_ci95"] = std::move(within_ci);
  j["prob_never_within_horizon"] = num(r.payback.never_within_horizon.value);
  j["prob_never_within_horizon_se"] = num(r.payback.never_within_horizon.se);
  j["prob_never_within_horizon_ci95"] = ci95(r.payback.never_within_horizon);
  // The payback curve: P(payback <= t) for every month t = 0..H.
  Json curve = Json::array();
  for (std::size_t t = 0; t < r.payback.by_month.size(); ++t) {
    const Probability& p = r.payback.by_month[t];
    curve.push_back({{"month", t}, {"probability", num(p.value)}, {"ci95", ci95(p)}});
  }
  j["by_month"] = std::move(curve);
  return j;
}

// The first break-even (simroi.report/2): the old payback, which a run may
// lose again, and the share of runs that do.
Json first_break_even_json(const SimulationResults& r) {
  Json tmp = Json::object();
  add_percentiles(tmp, r.payback.first_break_even);
  Json j = Json::object();
  j["percentiles"] = tmp["percentiles"];
  j["percentile_ci95"] = tmp["percentile_ci95"];
  j["percentile_se"] = tmp["percentile_se"];
  j["prob_fall_back"] = num(r.payback.fell_back.value);
  j["prob_fall_back_se"] = num(r.payback.fell_back.se);
  j["prob_fall_back_ci95"] = ci95(r.payback.fell_back);
  return j;
}

Json report_json(const SimulationResults& r) {
  Json j = Json::object();
  j["schema"] = "simroi.report/2";
  j["scenario"] = Json::object();
  j["scenario"]["name"] = r.scenario_name;
  j["scenario"]["business"] = r.business;
  j["scenario"]["file"] = r.file;
  j["runs"] = r.runs;
  j["seed"] = r.seed;
  j["horizon_months"] = r.horizon_months;
  j["currency"] = r.currency;

  Json metrics = Json::object();
  metrics["roi_pct"] = ordered_metric(r.roi_pct, &r.prob_roi_below_zero);
  metrics["net_profit"] = ordered_metric(r.net_profit, nullptr);
  metrics["npv"] = ordered_metric(r.npv, nullptr);
  {
    // The total cost over the horizon: moments only.
    const MetricSummary& c = r.total_cost;
    metrics["total_cost"] = {{"mean", num(c.mean)},
                             {"sd", num(c.sd)},
                             {"min", num(c.min)},
                             {"max", num(c.max)},
                             {"mean_se", num(c.mean_se)}};
    const ExpectedShortfall& es = r.roi_expected_shortfall;
    metrics["roi_expected_shortfall"] = {
        {"share", num(es.share)},
        {"value", num(es.value)},
        {"se", num(es.se)},
        {"ci95", es.se ? Json::array({num(es.value - kZ95 * *es.se), num(es.value + kZ95 * *es.se)})
                       : Json::array({nullptr, nullptr})},
        {"tail_runs", es.tail_runs},
        {"runs", es.runs}};
  }
  metrics["payback_months"] = payback_json(r);
  metrics["first_break_even_months"] = first_break_even_json(r);
  j["metrics"] = std::move(metrics);

  Json monthly = Json::array();
  for (const auto& m : r.monthly) {
    Json month = Json::object();
    Json values = Json::object();
    Json ci = Json::object();
    for (const auto& e : m.cumulative_net) {
      values[percentile_key(e.p)] = num(e.value);
      ci[percentile_key(e.p)] = Json::array({num(e.ci_low), num(e.ci_high)});
    }
    month["month"] = m.month;
    month["cumulative_net"] = std::move(values);
    month["cumulative_net_ci95"] = std::move(ci);
    monthly.push_back(std::move(month));
  }
  j["monthly"] = std::move(monthly);

  Json sensitivity = Json::array();
  for (const auto& s : r.sensitivity) {
    Json e = Json::object();
    e["input"] = std::string(info(s.input).path);
    e["spearman"] = num(s.spearman);
    e["se"] = num(s.se);
    e["tornado"] = {{"roi_pct_low_decile", num(s.roi_low)},
                    {"roi_pct_high_decile", num(s.roi_high)},
                    {"net_profit_low_decile", num(s.net_low)},
                    {"net_profit_high_decile", num(s.net_high)}};
    e["ci95"] = Json::array({num(s.ci_low), num(s.ci_high)});
    sensitivity.push_back(std::move(e));
  }
  j["sensitivity"] = std::move(sensitivity);

  Json histogram = Json::object();
  histogram["start"] = num(r.roi_histogram.start);
  histogram["width"] = num(r.roi_histogram.width);
  histogram["counts"] = r.roi_histogram.counts;
  histogram["runs"] = r.roi_histogram.runs;
  j["roi_histogram"] = std::move(histogram);

  Json inputs = Json::array();
  for (const auto& in : r.inputs) {
    Json e = Json::object();
    e["input"] = std::string(info(in.input).path);
    e["distribution"] = in.written;
    e["default"] = in.is_default;
    e["p5"] = num(in.p5);
    e["p50"] = num(in.p50);
    e["p95"] = num(in.p95);
    inputs.push_back(std::move(e));
  }
  j["inputs"] = std::move(inputs);

  Json correlations = Json::array();
  for (const auto& c : r.correlations) {
    Json e = Json::object();
    e["a"] = std::string(info(c.a).path);
    e["b"] = std::string(info(c.b).path);
    e["requested"] = num(c.requested);
    e["achieved"] = num(c.achieved);
    correlations.push_back(std::move(e));
  }
  j["correlations"] = std::move(correlations);

  Json method = Json::object();
  method["sampling"] = sampling_name(r.method.sampling);
  method["percentiles"] = r.method.percentile_method;
  method["selection"] = r.method.selection;
  method["passes"] = r.method.passes;
  method["sensitivity_runs"] = r.method.sensitivity_runs;
  if (r.method.sampling == Sampling::latin_hypercube) {
    // Replicated Latin hypercube (docs/reports.md): the blocks, the t
    // multiplier of every mean_se, and what it bought over plain Monte Carlo.
    method["lhs_replicates"] = r.method.replicates;
    method["mean_ci_multiplier"] = num(r.roi_pct.mean_ci_multiplier);
    method["lhs_variance_ratio"] = num(r.method.lhs_variance_ratio);
  }
  j["method"] = std::move(method);

  // Version 0.2: where the gain comes from, and the cash view (docs/model.md).
  const GainBySource& g = r.gain_by_source;
  Json sources = Json::object();
  auto source = [&](const char* key, const SourceMean& m, bool part_of_gain) {
    Json e = Json::object();
    e["mean"] = num(m.mean);
    e["mean_se"] = num(m.mean_se);
    e["share"] = part_of_gain && g.total_gain > 0.0 ? num(m.mean / g.total_gain) : Json(nullptr);
    sources[key] = std::move(e);
  };
  source("more_leads", g.more_leads, true);
  source("better_conversion", g.better_conversion, true);
  source("fewer_no_shows", g.fewer_no_shows, true);
  source("repeat_visits", g.repeat_visits, true);
  source("staff_time", g.staff_time, true);
  sources["total_gain"] = num(g.total_gain);
  source("capacity_cut", g.capacity_cut, false);
  j["gain_by_source"] = std::move(sources);
  Json cash = Json::object();
  cash["time_valued"] = r.cash.time_valued;
  auto moments = [](const MetricSummary& m) {
    Json e = Json::object();
    e["mean"] = num(m.mean);
    e["sd"] = num(m.sd);
    e["min"] = num(m.min);
    e["max"] = num(m.max);
    e["mean_se"] = num(m.mean_se);
    return e;
  };
  cash["roi_pct"] = moments(r.cash.roi_pct);
  cash["net_profit"] = moments(r.cash.net_profit);
  cash["prob_roi_below_zero"] = num(r.cash.prob_roi_below_zero.value);
  cash["prob_roi_below_zero_se"] = num(r.cash.prob_roi_below_zero.se);
  j["cash_view"] = std::move(cash);
  // Assumptions that carry the result (scenario_warnings()); [] when none.
  Json warnings = Json::array();
  for (const auto& d : r.warnings) {
    Json w = Json::object();
    w["code"] = d.code;
    w["key"] = d.key;
    w["line"] = d.line;
    w["column"] = d.column;
    w["message"] = d.message();
    warnings.push_back(std::move(w));
  }
  j["warnings"] = std::move(warnings);
  return j;
}

void write(std::ostream& out, const Json& j) {
  // Invalid UTF-8 in a name (the loader rejects it; belt and braces) becomes U+FFFD
  // instead of an exception.
  out << j.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

class JsonReporter final : public Reporter {
 public:
  void render(std::ostream& out, const Document& document) const override {
    if (document.kind == Document::Kind::compare) {
      Json j = Json::object();
      j["schema"] = "simroi.compare/2";
      j["scenarios"] = Json::array();
      for (const auto& r : document.results) j["scenarios"].push_back(report_json(r));
      write(out, j);
    } else if (!document.results.empty()) {
      write(out, report_json(document.results.front()));
    }
  }
};

}  // namespace

std::unique_ptr<Reporter> make_json_reporter() {
  return std::make_unique<JsonReporter>();
}

}  // namespace simroi::detail
