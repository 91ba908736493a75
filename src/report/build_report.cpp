// The content of the reports (include/simroi/report/document.h): which
// tables, rows, notes and figures a report and a comparison have, built once
// from SimulationResults. Nothing here formats a number: every value is a
// typed Cell or a Text argument, written later for a reader's Locale.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "report_layout.h"
#include "simroi/core/constants.h"
#include "simroi/core/inputs.h"
#include "simroi/report/document.h"
#include "simroi/report/report.h"

namespace simroi {

namespace {

constexpr std::size_t kMaxSensitivityRows = 8;

Text months_text(int months) {
  return trn("{} month", "{} months", months, months);
}

Text percentile_text(double p) {
  // TRANSLATORS: a percentile's short name: P5, P50, P2.5
  return trc("percentile", "P{}", percentile_key(p));
}

Text sampling_text(Sampling s) {
  return s == Sampling::latin_hypercube ? tr("Latin hypercube") : tr("Monte Carlo");
}

Text selection_text(const MethodNotes& m) {
  const Text how = m.selection == "all_kept" ? tr("every run kept")
                   : m.selection == "one_pass"
                       ? tr("one pass, values near each percentile kept")
                       : tr("two passes, counted then kept (bounded memory)");
  if (m.percentile_method == "exact") return tr("exact ({})", how);
  // A sketch names itself (and its rank error) in English.
  return tr("{} ({})", m.percentile_method, how);
}

// ">" U+00A0 H: how a censored payback is written (render_cell of censored).
std::string censored_text(int horizon) {
  return render_cell(Cell::censored(horizon), Locale::english());
}

Text input_text(Input id) {
  return Text::verbatim(std::string(info(id).path));
}

Column label_column(std::string key = {}, Text label = {}) {
  return Column{std::move(key), std::move(label), Align::left};
}

Column value_column(std::string key, Text label) {
  return Column{std::move(key), std::move(label), Align::right};
}

std::string percentile_column_key(double p) {
  return "p" + percentile_key(p);
}

// Half-width of the widest 95 % CI among finite percentile estimates.
struct Widest {
  double half_width = -1;
  double p = 0;
};
Widest widest_ci(const std::vector<PercentileEstimate>& estimates) {
  Widest w;
  for (const auto& e : estimates) {
    const double h = (e.ci_high - e.ci_low) / 2.0;
    if (std::isfinite(h) && h > w.half_width) w = {h, e.p};
  }
  return w;
}

// The name a chart's title carries: the scenario's name, else its file.
Text chart_name(const SimulationResults& r) {
  return Text::verbatim(r.scenario_name.empty() ? r.file : r.scenario_name);
}

// ROI percentiles as horizontal bars, top to bottom, with their 95 %
// confidence intervals as whiskers.
Figure percentile_figure(const SimulationResults& r) {
  Figure f;
  f.key = "percentiles";
  f.title = tr("ROI percentiles — {}", chart_name(r));
  f.x.label =
      trn("ROI over {} month, % (bars: percentile; whiskers: 95 % confidence interval; dashed: "
          "break-even)",
          "ROI over {} months, % (bars: percentile; whiskers: 95 % confidence interval; dashed: "
          "break-even)",
          r.horizon_months, r.horizon_months);
  f.x.unit = CellKind::percent;
  f.x.decimals = 0;
  Series bars;
  bars.key = "roi";
  bars.kind = SeriesKind::bars;
  bars.role = SeriesRole::values;
  bars.value_labels = 1;
  const auto& ps = r.roi_pct.percentiles;
  for (std::size_t i = 0; i < ps.size(); ++i) {
    f.y.categories.push_back(percentile_text(ps[i].p));
    bars.points.push_back({ps[i].value, static_cast<double>(i), ps[i].ci_low, ps[i].ci_high});
  }
  f.series.push_back(std::move(bars));
  f.references.push_back({AxisId::x, 0.0, {}});
  return f;
}

// Cumulative net by month: the P5-P95 and P25-P75 bands and the median.
Figure fan_figure(const SimulationResults& r) {
  Figure f;
  f.key = "fan";
  f.title = tr("Cumulative net by month — {}", chart_name(r));
  f.x.label = tr("Month");
  f.x.unit = CellKind::count;
  f.y.label = tr("Cumulative net, {}", currency_symbol(r.currency));
  f.y.unit = CellKind::money;
  f.y.currency = r.currency;
  auto value = [](const MonthFan& m, double p) {
    const PercentileEstimate* e = find_percentile(m.cumulative_net, p);
    return e != nullptr && std::isfinite(e->value) ? e->value : kNoValue;
  };
  auto band = [&](std::string key, SeriesRole role, double lo, double hi) {
    Series s;
    s.key = std::move(key);
    s.kind = SeriesKind::band;
    s.role = role;
    s.label = trc("percentile range", "{}–{}", percentile_text(lo), percentile_text(hi));
    for (const MonthFan& m : r.monthly) {
      s.points.push_back({static_cast<double>(m.month), kNoValue, value(m, lo), value(m, hi)});
    }
    return s;
  };
  f.series.push_back(band("p5_p95", SeriesRole::outer_band, 5, 95));
  f.series.push_back(band("p25_p75", SeriesRole::inner_band, 25, 75));
  Series median;
  median.key = "median";
  median.kind = SeriesKind::line;
  median.role = SeriesRole::central;
  median.label = tr("median");
  for (const MonthFan& m : r.monthly) {
    median.points.push_back({static_cast<double>(m.month), value(m, 50)});
  }
  f.series.push_back(std::move(median));
  f.references.push_back({AxisId::y, 0.0, tr("break-even")});
  return f;
}

Section outcome_section(const SimulationResults& r) {
  Section s;
  s.key = "outcomes";
  s.heading = trn("Results over {}, percentiles across {} run",
                  "Results over {}, percentiles across {} runs", static_cast<std::int64_t>(r.runs),
                  months_text(r.horizon_months), Count{static_cast<std::int64_t>(r.runs)});
  Table t;
  t.key = "outcomes";
  t.columns.push_back(label_column());
  for (const auto& e : r.roi_pct.percentiles) {
    t.columns.push_back(value_column(percentile_column_key(e.p), percentile_text(e.p)));
  }
  t.columns.push_back(value_column("mean", trc("table header", "mean")));
  const std::size_t width = t.columns.size();

  // A metric's row: its label, its percentiles (as many as the ROI row has
  // columns for; missing ones empty), its mean.
  auto metric_row = [&](std::string key, Text label, const MetricSummary& m, auto&& cell) {
    Row row{std::move(key), {Cell::of_text(std::move(label))}, false};
    for (const auto& e : m.percentiles) row.cells.push_back(cell(e.value));
    row.cells.resize(width - 1);
    row.cells.push_back(cell(m.mean));
    t.rows.push_back(std::move(row));
  };
  const auto money = [&](double v) { return Cell::money(v, r.currency); };
  metric_row("roi_pct", tr("ROI"), r.roi_pct, [](double v) { return Cell::percent(v, 1); });
  metric_row("net_profit", tr("Net profit"), r.net_profit, money);
  metric_row("npv", tr("NPV"), r.npv, money);

  Row payback{"payback_months", {Cell::of_text(tr("Payback, months"))}, false};
  bool censored = false;
  for (const auto& e : r.payback.percentiles) {
    payback.cells.push_back(Cell::payback(e.value, r.horizon_months));
    censored = censored || !std::isfinite(e.value);
  }
  payback.cells.resize(width - 1);
  payback.cells.push_back(Cell::not_available());
  t.rows.push_back(std::move(payback));
  s.table = std::move(t);

  if (censored) {
    s.notes.push_back(
        tr("Payback \"{}\": in that share of runs the assistant has not paid for itself "
           "within the {}-month horizon.",
           censored_text(r.horizon_months), r.horizon_months));
  }
  s.notes.push_back(tr("Payback has no mean: runs that never pay back have no payback month."));
  s.figures.push_back(percentile_figure(r));
  return s;
}

Section chances_section(const SimulationResults& r) {
  Section s;
  s.key = "chances";
  s.heading = tr("Chances");
  Table t;
  t.key = "chances";
  t.columns = {label_column(),
               // TRANSLATORS: a column header: the share of runs
               value_column("chance", trc("table header", "chance")),
               // TRANSLATORS: a column header: the Monte Carlo standard error
               value_column("se", trc("table header", "MC s.e."))};
  auto row = [&](std::string key, Text label, const Probability& p) {
    t.rows.push_back({std::move(key),
                      {Cell::of_text(std::move(label)), Cell::probability(p.value, 1),
                       Cell::probability(p.se, 2, Sign::plus_minus)},
                      false});
  };
  row("prob_roi_below_zero", tr("Losing money, P(ROI < 0)"), r.prob_roi_below_zero);
  std::set<int> seen;
  for (const auto& w : r.payback.within) {
    if (!w.probability || !seen.insert(w.months).second) continue;
    row(fmt::format("prob_payback_within_{}", w.months),
        trn("Payback within {} month", "Payback within {} months", w.months, w.months),
        *w.probability);
  }
  row("prob_payback_never_within_horizon",
      trn("Not paid back within {} month", "Not paid back within {} months", r.horizon_months,
          r.horizon_months),
      r.payback.never_within_horizon);
  s.table = std::move(t);
  return s;
}

Section fan_section(const SimulationResults& r) {
  Section s;
  s.key = "fan";
  s.heading =
      tr("Cumulative net by month ({}), percentiles across runs", currency_symbol(r.currency));
  s.figures.push_back(fan_figure(r));
  if (r.monthly.empty()) {
    s.paragraphs.push_back(tr("No months simulated."));
    return s;
  }
  // P5, P50, P95 when present; otherwise every percentile the fan carries.
  std::vector<double> ps;
  for (const double p : {5.0, 50.0, 95.0}) {
    if (find_percentile(r.monthly.front().cumulative_net, p)) ps.push_back(p);
  }
  if (ps.empty()) {
    for (const auto& e : r.monthly.front().cumulative_net) ps.push_back(e.p);
  }
  Table t;
  t.key = "fan";
  t.columns.push_back(value_column("month", trc("table header", "month")));
  for (const double p : ps)
    t.columns.push_back(value_column(percentile_column_key(p), percentile_text(p)));
  // Every month; a short report shows up to 24 months all, beyond that month
  // 1, every step-th month and the last.
  const std::size_t n = r.monthly.size();
  const std::size_t step = n <= 24 ? 1 : (n + 11) / 12;
  for (std::size_t i = 0; i < n; ++i) {
    const bool shown = step == 1 || i == 0 || (i + 1) % step == 0 || i + 1 == n;
    const MonthFan& m = r.monthly[i];
    Row row{fmt::format("month_{}", m.month), {Cell::count(m.month)}, !shown};
    for (const double p : ps) {
      const PercentileEstimate* e = find_percentile(m.cumulative_net, p);
      row.cells.push_back(e ? Cell::money(e->value, r.currency) : Cell::not_available());
    }
    t.rows.push_back(std::move(row));
  }
  s.table = std::move(t);
  if (step > 1) {
    s.notes.push_back(
        tr("Month 1, every month divisible by {} and the last are shown; --format csv or json "
           "lists all {}.",
           step, n));
  }
  return s;
}

Section sensitivity_section(const SimulationResults& r) {
  Section s;
  s.key = "sensitivity";
  s.heading = tr("What drives ROI (Spearman rank correlation with ROI)");
  if (r.sensitivity.empty()) {
    s.paragraphs.push_back(tr("No uncertain inputs: every run gives the same result."));
    return s;
  }
  Table t;
  t.key = "sensitivity";
  t.columns = {label_column("input", trc("table header", "input")),
               value_column("spearman", trc("table header", "Spearman")),
               value_column("se", trc("table header", "MC s.e.")), label_column("bar")};
  for (std::size_t i = 0; i < r.sensitivity.size(); ++i) {
    const Sensitivity& e = r.sensitivity[i];
    t.rows.push_back(
        {std::string(info(e.input).path),
         {Cell::of_text(input_text(e.input)), Cell::number(e.spearman, 2, Sign::always),
          Cell::number(e.se, 3, Sign::plus_minus), Cell::bar(e.spearman)},
         i >= kMaxSensitivityRows});
  }
  s.table = std::move(t);
  const std::size_t shown = std::min(r.sensitivity.size(), kMaxSensitivityRows);
  if (r.sensitivity.size() > shown) {
    const auto more = static_cast<std::int64_t>(r.sensitivity.size() - shown);
    s.notes.push_back(trn(
        "{} more input with smaller effect; --format csv or json lists them all.",
        "{} more inputs with smaller effect; --format csv or json lists them all.", more, more));
  }
  s.notes.push_back(
      tr("+ means ROI tends to rise with the input, - that it falls; the bar shows |rho|."));
  if (r.method.sensitivity_runs > 0 && r.method.sensitivity_runs < r.runs) {
    s.notes.push_back(tr("Computed on {} of the runs.",
                         Count{static_cast<std::int64_t>(r.method.sensitivity_runs)}));
  }
  return s;
}

Section correlation_section(const SimulationResults& r) {
  Section s;
  s.key = "correlations";
  s.heading = tr("Correlated inputs (Spearman rank correlation)");
  Table t;
  t.key = "correlations";
  t.columns = {label_column("inputs", trc("table header", "inputs")),
               value_column("requested", trc("table header", "requested")),
               value_column("achieved", trc("table header", "achieved"))};
  for (const auto& c : r.correlations) {
    const std::string pair = fmt::format("{} ~ {}", info(c.a).path, info(c.b).path);
    t.rows.push_back({pair,
                      {Cell::of_text(Text::verbatim(pair)), Cell::number(c.requested, 2),
                       Cell::number(c.achieved, 3)},
                      false});
  }
  s.table = std::move(t);
  return s;
}

Section precision_section(const SimulationResults& r) {
  Section s;
  s.key = "precision";
  s.heading = tr("Monte Carlo precision");
  const Widest roi = widest_ci(r.roi_pct.percentiles);
  const Widest net = widest_ci(r.net_profit.percentiles);
  if (roi.half_width >= 0) {
    s.paragraphs.push_back(
        tr("ROI percentiles are within ±{} percentage points (widest 95 % confidence interval, "
           "at {}); mean ROI ±{} points.",
           Number{roi.half_width, 2, false}, percentile_text(roi.p),
           Number{kZ95 * r.roi_pct.mean_se, 2, false}));
  }
  if (net.half_width >= 0) {
    s.paragraphs.push_back(tr("Net profit percentiles are within ±{} (at {}).",
                              Money{net.half_width, r.currency}, percentile_text(net.p)));
  }
  s.paragraphs.push_back(
      tr("Four times the runs (--runs) halves these intervals; if they matter for the decision, "
         "run more."));
  if (r.method.percentile_method != "exact") {
    s.paragraphs.push_back(tr("Percentiles: {}.", r.method.percentile_method));
  }
  return s;
}

}  // namespace

Text display_name(const SimulationResults& results) {
  if (!results.scenario_name.empty()) return Text::verbatim(results.scenario_name);
  if (!results.file.empty()) return Text::verbatim(results.file);
  return tr("scenario");
}

Document build_report(const SimulationResults& r) {
  Document d;
  d.kind = Document::Kind::report;
  d.title = display_name(r);
  auto fact = [&](std::string key, Text label, Cell value) {
    d.facts.push_back({std::move(key), std::move(label), std::move(value)});
  };
  fact("scenario", tr("Scenario"), Cell::of_text(display_name(r)));
  fact("business", tr("Business"),
       r.business.empty() ? Cell::not_available() : Cell::of_text(Text::verbatim(r.business)));
  if (!r.file.empty()) fact("file", tr("File"), Cell::of_text(Text::verbatim(r.file)));
  fact("runs", tr("Runs"), Cell::count(static_cast<double>(r.runs)));
  fact("seed", tr("Seed"), Cell::of_text(Text::verbatim(std::to_string(r.seed))));
  fact("horizon", tr("Horizon"), Cell::of_text(months_text(r.horizon_months)));
  fact("sampling", tr("Sampling"), Cell::of_text(sampling_text(r.method.sampling)));
  fact("percentiles", tr("Percentiles"), Cell::of_text(selection_text(r.method)));
  const std::string symbol = currency_symbol(r.currency);
  fact("currency", tr("Currency"),
       Cell::of_text(Text::verbatim(
           r.currency == symbol ? r.currency : fmt::format("{} ({})", r.currency, symbol))));
  if (!r.warnings.empty()) {
    // Assumptions that carry the result: before the numbers they affect.
    Section s;
    s.key = "warnings";
    s.heading = tr("Warnings");
    for (const auto& w : r.warnings) s.paragraphs.push_back(w.text);
    d.sections.push_back(std::move(s));
  }
  d.sections.push_back(outcome_section(r));
  d.sections.push_back(chances_section(r));
  d.sections.push_back(fan_section(r));
  d.sections.push_back(sensitivity_section(r));
  if (!r.correlations.empty()) d.sections.push_back(correlation_section(r));
  d.sections.push_back(precision_section(r));
  d.results = {r};
  return d;
}

CompareColumns compare_columns(const std::vector<SimulationResults>& all) {
  CompareColumns c;
  if (all.empty()) return c;
  std::vector<double> requested;
  for (const auto& e : all.front().roi_pct.percentiles) requested.push_back(e.p);
  for (const double p : {5.0, 50.0, 95.0}) {
    if (std::find(requested.begin(), requested.end(), p) != requested.end()) c.roi.push_back(p);
  }
  if (c.roi.empty()) c.roi = requested;
  if (std::find(requested.begin(), requested.end(), 50.0) != requested.end()) {
    c.payback = 50.0;
  } else if (!requested.empty()) {
    c.payback = requested[requested.size() / 2];
  }
  return c;
}

Document build_compare(const std::vector<SimulationResults>& all) {
  Document d;
  d.kind = Document::Kind::compare;
  d.title = trn("Comparison of {} scenario", "Comparison of {} scenarios",
                static_cast<std::int64_t>(all.size()), all.size());
  if (!all.empty()) {
    const auto& first = all.front();
    const bool same_runs =
        std::all_of(all.begin(), all.end(), [&](const auto& r) { return r.runs == first.runs; });
    const bool same_seed =
        std::all_of(all.begin(), all.end(), [&](const auto& r) { return r.seed == first.seed; });
    d.facts.push_back({"runs", tr("Runs"),
                       same_runs ? Cell::count(static_cast<double>(first.runs))
                                 : Cell::of_text(tr("differ, see each report"))});
    d.facts.push_back({"seed", tr("Seed"),
                       same_seed ? Cell::of_text(Text::verbatim(std::to_string(first.seed)))
                                 : Cell::of_text(tr("differ, see each report"))});
  }
  const CompareColumns cols = compare_columns(all);
  Table t;
  t.key = "comparison";
  t.columns = {label_column("scenario", trc("table header", "scenario")),
               label_column("business", trc("table header", "business")),
               value_column("horizon", trc("table header", "horizon"))};
  for (const double p : cols.roi) {
    t.columns.push_back(value_column("roi_" + percentile_column_key(p),
                                     trc("table header", "ROI {}", percentile_text(p))));
  }
  t.columns.push_back(value_column("prob_roi_below_zero", trc("table header", "P(ROI < 0)")));
  if (cols.payback) {
    t.columns.push_back(
        value_column("payback_" + percentile_column_key(*cols.payback),
                     trc("table header", "payback {}", percentile_text(*cols.payback))));
  }
  t.columns.push_back(
      value_column("prob_payback_within_12", trc("table header", "P(payback ≤ {})", 12)));
  for (std::size_t i = 0; i < all.size(); ++i) {
    const SimulationResults& r = all[i];
    Row row{std::to_string(i),
            {Cell::of_text(display_name(r)), Cell::of_text(Text::verbatim(r.business)),
             Cell::of_text(months_text(r.horizon_months))},
            false};
    for (const double p : cols.roi) {
      const PercentileEstimate* e = find_percentile(r.roi_pct.percentiles, p);
      row.cells.push_back(e ? Cell::percent(e->value, 1) : Cell::not_available());
    }
    row.cells.push_back(Cell::probability(r.prob_roi_below_zero.value, 1));
    if (cols.payback) {
      const PercentileEstimate* e = find_percentile(r.payback.percentiles, *cols.payback);
      row.cells.push_back(e ? Cell::payback(e->value, r.horizon_months) : Cell::not_available());
    }
    const Probability* within12 = find_payback_within(r.payback, 12);
    row.cells.push_back(within12 ? Cell::probability(within12->value, 1) : Cell::not_available());
    t.rows.push_back(std::move(row));
  }
  Section s;
  s.key = "comparison";
  s.table = std::move(t);
  s.notes.push_back(
      tr("Payback in months; \"—\" for P(payback ≤ 12) means a horizon shorter than 12 months."));
  d.sections.push_back(std::move(s));
  d.results = all;
  return d;
}

}  // namespace simroi
