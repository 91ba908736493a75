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
#include <optional>
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

// An unknown bound (nullopt) is an empty field, like a non-finite one.
std::string num(const std::optional<double>& v) {
  return v ? num(*v) : std::string();
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
  if (m.mean_se) {
    w.row({metric, "mean", num(m.mean), num(m.mean - m.mean_ci_multiplier * *m.mean_se),
           num(m.mean + m.mean_ci_multiplier * *m.mean_se)});
  } else {
    w.row({metric, "mean", num(m.mean), "", ""});  // one run: no error estimate
  }
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
  // The exact (Clopper-Pearson) 95 % interval: never [0, 0] at 0 of n runs.
  w.row({metric, "value", num(p->value), num(p->ci_low), num(p->ci_high)});
}

// The expected shortfall (CVaR) of ROI with ES +- 1.96 s.e. (its asymptotic
// error, results.h): "roi_pct,expected_shortfall_5,...".
std::string shortfall_statistic(const ExpectedShortfall& es) {
  return fmt::format("expected_shortfall_{}", percentile_key(100 * es.share));
}
void shortfall_row(Writer& w, const ExpectedShortfall& es) {
  w.row({"roi_pct", shortfall_statistic(es), num(es.value),
         es.se ? num(es.value - kZ95 * *es.se) : "", es.se ? num(es.value + kZ95 * *es.se) : ""});
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
  if (r.method.sampling == Sampling::latin_hypercube) {
    w.row({"simulation", "lhs_replicates", std::to_string(r.method.replicates), "", ""});
    w.row({"simulation", "lhs_variance_ratio", num(r.method.lhs_variance_ratio), "", ""});
  }
  w.row({"simulation", "sensitivity_runs", std::to_string(r.method.sensitivity_runs), "", ""});

  metric_rows(w, "roi_pct", r.roi_pct);
  probability_row(w, "prob_roi_below_zero", &r.prob_roi_below_zero);
  metric_rows(w, "net_profit", r.net_profit);
  metric_rows(w, "npv", r.npv);
  metric_rows(w, "total_cost", r.total_cost);
  shortfall_row(w, r.roi_expected_shortfall);
  percentile_rows(w, "payback_months", r.payback.percentiles);
  std::vector<int> seen;
  for (const auto& within : r.payback.within) {
    if (std::find(seen.begin(), seen.end(), within.months) != seen.end()) continue;
    seen.push_back(within.months);
    probability_row(w, fmt::format("prob_payback_within_{}", within.months),
                    within.probability ? &*within.probability : nullptr);
  }
  probability_row(w, "prob_payback_never_within_horizon", &r.payback.never_within_horizon);
  // The payback curve: P(payback <= t) for every month t = 0..H.
  for (std::size_t t = 0; t < r.payback.by_month.size(); ++t) {
    const Probability& p = r.payback.by_month[t];
    w.row(
        {"prob_payback_by_month", std::to_string(t), num(p.value), num(p.ci_low), num(p.ci_high)});
  }
  percentile_rows(w, "first_break_even_months", r.payback.first_break_even);
  probability_row(w, "prob_break_even_then_fall_back", &r.payback.fell_back);
  for (const auto& m : r.monthly) {
    percentile_rows(w, fmt::format("cumulative_net_month_{}", m.month), m.cumulative_net);
  }
  for (const auto& s : r.sensitivity) {
    // Fisher's z interval with the Bonett-Wright variance (results.h).
    w.row({"sensitivity", std::string(info(s.input).path), num(s.spearman), num(s.ci_low),
           num(s.ci_high)});
  }
  for (const auto& s : r.sensitivity) {
    const std::string path(info(s.input).path);
    w.row({"tornado_roi_pct_low_decile", path, num(s.roi_low), "", ""});
    w.row({"tornado_roi_pct_high_decile", path, num(s.roi_high), "", ""});
    w.row({"tornado_net_profit_low_decile", path, num(s.net_low), "", ""});
    w.row({"tornado_net_profit_high_decile", path, num(s.net_high), "", ""});
  }
  for (const auto& in : r.inputs) {
    const std::string path(info(in.input).path);
    w.row({"input_distribution", path, in.written, "", ""});
    w.row({"input_p5", path, num(in.p5), "", ""});
    w.row({"input_p50", path, num(in.p50), "", ""});
    w.row({"input_p95", path, num(in.p95), "", ""});
  }
  for (const auto& c : r.correlations) {
    w.row({"correlation_requested", pair_name(c), num(c.requested), "", ""});
    w.row({"correlation_achieved", pair_name(c), num(c.achieved), "", ""});
  }
  // Version 0.2: the gain by source (means with mean +- 1.96 s.e.) and the cash view.
  const GainBySource& g = r.gain_by_source;
  for (const auto& [name, m] : {std::pair{"more_leads", g.more_leads},
                                {"better_conversion", g.better_conversion},
                                {"fewer_no_shows", g.fewer_no_shows},
                                {"repeat_visits", g.repeat_visits},
                                {"staff_time", g.staff_time},
                                {"capacity_cut", g.capacity_cut}}) {
    if (m.mean_se) {
      w.row({"gain_by_source", name, num(m.mean), num(m.mean - m.mean_ci_multiplier * *m.mean_se),
             num(m.mean + m.mean_ci_multiplier * *m.mean_se)});
    } else {
      w.row({"gain_by_source", name, num(m.mean), "", ""});
    }
  }
  w.row({"gain_by_source", "total_gain", num(g.total_gain), "", ""});
  w.row({"cash_view", "time_valued", r.cash.time_valued ? "true" : "false", "", ""});
  metric_rows(w, "cash_roi_pct", r.cash.roi_pct);
  probability_row(w, "cash_prob_roi_below_zero", &r.cash.prob_roi_below_zero);
  metric_rows(w, "cash_net_profit", r.cash.net_profit);
  for (const auto& d : r.warnings) w.row({"warning", d.code, d.message(), "", ""});
}

void compare_rows(std::ostream& out, const std::vector<SimulationResults>& all) {
  Writer w(out);
  const CompareColumns cols = compare_columns(all);
  std::vector<std::string> header{"scenario", "business", "file", "horizon_months", "runs", "seed"};
  for (const double p : cols.roi) header.push_back(fmt::format("roi_p{}", percentile_key(p)));
  header.emplace_back("prob_roi_below_zero");
  header.emplace_back("roi_expected_shortfall_5");
  header.emplace_back("roi_expected_shortfall_5_se");
  if (cols.median) {
    header.push_back(fmt::format("net_profit_p{}", percentile_key(*cols.median)));
    header.push_back(fmt::format("npv_p{}", percentile_key(*cols.median)));
  }
  header.emplace_back("total_cost_mean");
  for (const double p : cols.payback)
    header.push_back(fmt::format("payback_p{}", percentile_key(p)));
  header.emplace_back("prob_payback_within_6");
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
    row.push_back(num(r.roi_expected_shortfall.value));
    row.push_back(num(r.roi_expected_shortfall.se));
    if (cols.median) {
      for (const MetricSummary* m : {&r.net_profit, &r.npv}) {
        const PercentileEstimate* e = find_percentile(m->percentiles, *cols.median);
        row.push_back(e ? num(e->value) : "");
      }
    }
    row.push_back(num(r.total_cost.mean));
    for (const double p : cols.payback) {
      const PercentileEstimate* e = find_percentile(r.payback.percentiles, p);
      row.push_back(e ? num(e->value) : "");
    }
    for (const int months : {6, 12}) {
      const Probability* within = find_payback_within(r.payback, months);
      row.push_back(within ? num(within->value) : "");
    }
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

namespace simroi::detail {

namespace {

// --csv excel (include/simroi/report/report.h: render_csv_excel).
class ExcelWriter {
 public:
  explicit ExcelWriter(std::string& out) : out_(out) {}
  void row(const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) out_.push_back(';');
      out_.append(field(fields[i]));
    }
    out_.append("\r\n");
  }

 private:
  static std::string field(std::string_view text) { return csv_field(text, ';'); }
  std::string& out_;
};

/// `v` with `decimals` places, a decimal comma, no grouping, no "-0"; "" when
/// not finite.
std::string comma(double v, int decimals) {
  if (!std::isfinite(v)) return {};
  std::string text = fmt::format("{:.{}f}", v, decimals);
  if (text.find_first_not_of("-0.") == std::string::npos && text.front() == '-') text.erase(0, 1);
  std::replace(text.begin(), text.end(), '.', ',');
  return text;
}

/// A value of unknown scale (an input's percentiles): six significant digits.
std::string comma_g(double v) {
  if (!std::isfinite(v)) return {};
  std::string text = fmt::format("{:.6g}", v);
  std::replace(text.begin(), text.end(), '.', ',');
  return text;
}

// Units, one per kind of value: money in whole units of the currency, ROI
// and every probability in percent (one decimal), months with two decimals,
// correlations with three.
struct Units {
  std::string currency;
  [[nodiscard]] std::vector<std::string> money(double v, double lo = kNoValue,
                                               double hi = kNoValue) const {
    return {comma(v, 0), comma(lo, 0), comma(hi, 0), currency};
  }
  static std::vector<std::string> percent(double v, double lo = kNoValue, double hi = kNoValue) {
    return {comma(v, 1), comma(lo, 1), comma(hi, 1), "%"};
  }
  static std::vector<std::string> probability(double v, double lo = kNoValue,
                                              double hi = kNoValue) {
    return percent(100 * v, 100 * lo, 100 * hi);
  }
  static std::vector<std::string> months(double v, double lo = kNoValue, double hi = kNoValue) {
    return {comma(v, 2), comma(lo, 2), comma(hi, 2), "months"};
  }
};

void excel_report(std::string& out, const SimulationResults& r) {
  ExcelWriter w(out);
  const Units u{r.currency};
  // metric; statistic; month; input; value; ci_low; ci_high; unit
  auto put = [&](const std::string& metric, const std::string& statistic, const std::string& month,
                 const std::string& input, std::vector<std::string> value) {
    std::vector<std::string> row{metric, statistic, month, input};
    value.resize(4);
    row.insert(row.end(), value.begin(), value.end());
    w.row(row);
  };
  auto text = [](std::string v) { return std::vector<std::string>{std::move(v), "", "", ""}; };
  w.row({"metric", "statistic", "month", "input", "value", "ci_low", "ci_high", "unit"});
  put("scenario", "name", "", "", text(r.scenario_name));
  put("scenario", "business", "", "", text(r.business));
  put("scenario", "file", "", "", text(r.file));
  put("simulation", "runs", "", "", text(std::to_string(r.runs)));
  put("simulation", "seed", "", "", text(std::to_string(r.seed)));
  put("simulation", "horizon_months", "", "", text(std::to_string(r.horizon_months)));

  auto percentiles = [&](const std::string& metric, const std::vector<PercentileEstimate>& es,
                         const std::string& month, auto&& unit) {
    for (const auto& e : es) {
      put(metric, fmt::format("p{}", percentile_key(e.p)), month, "",
          unit(e.value, e.ci_low.value_or(kNoValue), e.ci_high.value_or(kNoValue)));
    }
  };
  auto metric = [&](const std::string& name, const MetricSummary& m, auto&& unit) {
    put(name, "mean", "", "",
        m.mean_se ? unit(m.mean, m.mean - m.mean_ci_multiplier * *m.mean_se,
                         m.mean + m.mean_ci_multiplier * *m.mean_se)
                  : unit(m.mean, kNoValue, kNoValue));
    put(name, "sd", "", "", unit(m.sd, kNoValue, kNoValue));
    put(name, "min", "", "", unit(m.min, kNoValue, kNoValue));
    put(name, "max", "", "", unit(m.max, kNoValue, kNoValue));
    percentiles(name, m.percentiles, "", unit);
  };
  const auto money = [&](double v, double lo, double hi) { return u.money(v, lo, hi); };
  auto probability = [&](const std::string& name, const std::string& month, const Probability* p) {
    if (p == nullptr) {
      put(name, "value", month, "", {"", "", "", "%"});
      return;
    }
    put(name, "value", month, "",
        // The exact (Clopper-Pearson) 95 % interval, as in every other output.
        p->runs > 0 ? Units::probability(p->value, p->ci_low, p->ci_high)
                    : Units::probability(p->value));
  };
  metric("roi", r.roi_pct, Units::percent);
  probability("prob_roi_below_zero", "", &r.prob_roi_below_zero);
  metric("net_profit", r.net_profit, money);
  metric("npv", r.npv, money);
  metric("total_cost", r.total_cost, money);
  {
    const ExpectedShortfall& es = r.roi_expected_shortfall;
    put("roi", fmt::format("expected_shortfall_{}", percentile_key(100 * es.share)), "", "",
        es.se ? Units::percent(es.value, es.value - kZ95 * *es.se, es.value + kZ95 * *es.se)
              : Units::percent(es.value));
  }
  percentiles("payback", r.payback.percentiles, "", Units::months);
  std::vector<int> seen;
  for (const auto& within : r.payback.within) {
    if (std::find(seen.begin(), seen.end(), within.months) != seen.end()) continue;
    seen.push_back(within.months);
    probability("prob_payback_within", std::to_string(within.months),
                within.probability ? &*within.probability : nullptr);
  }
  probability("prob_payback_never_within_horizon", "", &r.payback.never_within_horizon);
  for (std::size_t t = 0; t < r.payback.by_month.size(); ++t) {
    probability("prob_payback_by_month", std::to_string(t), &r.payback.by_month[t]);
  }
  for (const auto& m : r.monthly) {
    percentiles("cumulative_net", m.cumulative_net, std::to_string(m.month), money);
  }
  for (const auto& s : r.sensitivity) {
    const std::string path(info(s.input).path);
    put("spearman_with_roi", "value", "", path,
        // rho is null when ROI or the input is constant; its interval is
        // Fisher's z with the Bonett-Wright variance (intervals.h).
        {comma(s.spearman.value_or(kNoValue), 3), comma(s.ci_low.value_or(kNoValue), 3),
         comma(s.ci_high.value_or(kNoValue), 3), ""});
  }
  for (const auto& s : r.sensitivity) {
    const std::string path(info(s.input).path);
    put("tornado_roi", "low_decile", "", path, Units::percent(s.roi_low));
    put("tornado_roi", "high_decile", "", path, Units::percent(s.roi_high));
    put("tornado_net_profit", "low_decile", "", path, u.money(s.net_low));
    put("tornado_net_profit", "high_decile", "", path, u.money(s.net_high));
  }
  for (const auto& in : r.inputs) {
    const InputInfo& i = info(in.input);
    const std::string path(i.path);
    const std::string unit = i.is_money ? r.currency : "";
    put("input", "distribution", "", path, text(in.written));
    put("input", "p5", "", path, {comma_g(in.p5), "", "", unit});
    put("input", "p50", "", path, {comma_g(in.p50), "", "", unit});
    put("input", "p95", "", path, {comma_g(in.p95), "", "", unit});
  }
}

void excel_compare(std::string& out, const std::vector<SimulationResults>& all) {
  ExcelWriter w(out);
  const CompareColumns cols = compare_columns(all);
  std::vector<std::string> header{"scenario", "horizon_months", "runs", "seed", "currency"};
  for (const double p : cols.roi) header.push_back(fmt::format("roi_p{}_pct", percentile_key(p)));
  header.emplace_back("prob_roi_below_zero_pct");
  header.emplace_back("roi_expected_shortfall_5_pct");
  if (cols.median) {
    header.push_back(fmt::format("net_profit_p{}", percentile_key(*cols.median)));
    header.push_back(fmt::format("npv_p{}", percentile_key(*cols.median)));
  }
  header.emplace_back("total_cost_mean");
  for (const double p : cols.payback)
    header.push_back(fmt::format("payback_p{}_months", percentile_key(p)));
  header.emplace_back("prob_payback_within_6_pct");
  header.emplace_back("prob_payback_within_12_pct");
  w.row(header);
  for (const auto& r : all) {
    std::vector<std::string> row{r.scenario_name, std::to_string(r.horizon_months),
                                 std::to_string(r.runs), std::to_string(r.seed), r.currency};
    for (const double p : cols.roi) {
      const PercentileEstimate* e = find_percentile(r.roi_pct.percentiles, p);
      row.push_back(e ? comma(e->value, 1) : "");
    }
    row.push_back(comma(100 * r.prob_roi_below_zero.value, 1));
    row.push_back(comma(r.roi_expected_shortfall.value, 1));
    if (cols.median) {
      for (const MetricSummary* m : {&r.net_profit, &r.npv}) {
        const PercentileEstimate* e = find_percentile(m->percentiles, *cols.median);
        row.push_back(e ? comma(e->value, 0) : "");
      }
    }
    row.push_back(comma(r.total_cost.mean, 0));
    for (const double p : cols.payback) {
      const PercentileEstimate* e = find_percentile(r.payback.percentiles, p);
      row.push_back(e ? comma(e->value, 2) : "");
    }
    for (const int months : {6, 12}) {
      const Probability* within = find_payback_within(r.payback, months);
      row.push_back(within ? comma(100 * within->value, 1) : "");
    }
    w.row(row);
  }
}

}  // namespace

}  // namespace simroi::detail

namespace simroi {

std::string render_csv_excel(const Document& document) {
  std::string out = "\xEF\xBB\xBF";  // UTF-8 BOM: Excel reads the file as UTF-8
  if (document.kind == Document::Kind::compare) {
    detail::excel_compare(out, document.results);
  } else if (!document.results.empty()) {
    detail::excel_report(out, document.results.front());
  }
  return out;
}

std::optional<CsvFlavor> parse_csv_flavor(std::string_view name) noexcept {
  if (name == "excel") return CsvFlavor::excel;
  if (name == "rfc") return CsvFlavor::rfc;
  return std::nullopt;
}

}  // namespace simroi
