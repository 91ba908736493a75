// `--format json`: the `simroi.report/1` schema of docs/scenario-format.md,
// extended (additively) with the Monte Carlo uncertainty of every estimate,
// written from the document's results (a comparison: `simroi.compare/1`, one
// report object per scenario).
//
// Key order is fixed (ordered_json); numbers print as the shortest decimal
// that reads back as the same double, so identical results give
// byte-identical output. Non-finite numbers (a payback percentile beyond the
// horizon) are null.
#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <ostream>

#include "report_layout.h"
#include "simroi/core/inputs.h"
#include "simroi/report/format.h"

namespace simroi::detail {

namespace {

using Json = nlohmann::ordered_json;

Json num(double v) {
  return std::isfinite(v) ? Json(v) : Json(nullptr);
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
  for (const int m : months) {
    const Probability* p = m <= r.horizon_months ? find_payback_within(r.payback, m) : nullptr;
    within[std::to_string(m)] = p ? num(p->value) : Json(nullptr);
    within_se[std::to_string(m)] = p ? num(p->se) : Json(nullptr);
  }
  Json j = Json::object();
  j["percentiles"] = tmp["percentiles"];
  j["prob_within"] = std::move(within);
  j["percentile_ci95"] = tmp["percentile_ci95"];
  j["percentile_se"] = tmp["percentile_se"];
  j["prob_within_se"] = std::move(within_se);
  j["prob_never_within_horizon"] = num(r.payback.never_within_horizon.value);
  j["prob_never_within_horizon_se"] = num(r.payback.never_within_horizon.se);
  return j;
}

Json report_json(const SimulationResults& r) {
  Json j = Json::object();
  j["schema"] = "simroi.report/1";
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
  metrics["payback_months"] = payback_json(r);
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
    sensitivity.push_back(std::move(e));
  }
  j["sensitivity"] = std::move(sensitivity);

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
  j["method"] = std::move(method);
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
      j["schema"] = "simroi.compare/1";
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
