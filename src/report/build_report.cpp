// The content of the reports (include/simroi/report/document.h): which
// tables, rows, notes and figures a report and a comparison have, built once
// from SimulationResults. Nothing here formats a number: every value is a
// typed Cell or a Text argument, written later for a reader's Locale.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
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

// The business label as a person reads it: the kinds of the shipped
// scenarios are translated (in English they print as written, so the
// English reports do not change), any other label verbatim.
Text business_text(const std::string& business) {
  // TRANSLATORS: business kinds as written in a scenario file (business: salon)
  if (business == "salon") return trc("business", "salon");
  if (business == "clinic") return trc("business", "clinic");
  if (business == "dental") return trc("business", "dental");
  if (business == "fitness") return trc("business", "fitness");
  if (business == "home_services") return trc("business", "home_services");
  if (business == "tutor") return trc("business", "tutor");
  if (business == "seed") return trc("business", "seed");
  return Text::verbatim(business);
}

// An input as a person names it ("Lead growth"); the machine formats keep
// its path (assistant.lead_growth). Terms: /work/shared/glossary-ru.md.
Text input_text(Input id) {
  // TRANSLATORS: the short name of a scenario input in reports and charts
  switch (id) {
    case Input::leads_per_month:
      return trc("input", "Leads per month");
    case Input::booking_conversion:
      return trc("input", "Booking conversion");
    case Input::no_show_rate:
      return trc("input", "No-show rate");
    case Input::average_check:
      return trc("input", "Average check");
    case Input::gross_margin:
      return trc("input", "Gross margin");
    case Input::lead_growth:
      return trc("input", "Lead growth");
    case Input::booking_conversion_uplift:
      return trc("input", "Conversion uplift");
    case Input::booking_conversion_after:
      return trc("input", "Conversion with the assistant");
    case Input::no_show_reduction:
      return trc("input", "No-show reduction");
    case Input::manager_hours_saved:
      return trc("input", "Manager hours saved");
    case Input::implementation:
      return trc("input", "Implementation cost (one-time)");
    case Input::monthly:
      return trc("input", "Monthly fee");
    case Input::per_lead:
      return trc("input", "Cost per lead");
    case Input::manager_hourly_cost:
      return trc("input", "Value of a saved hour");
    case Input::discount_rate_annual:
      return trc("input", "Discount rate");
    case Input::repeat_visits_per_month:
      return trc("input", "Repeat visits per month");
    case Input::monthly_churn:
      return trc("input", "Monthly churn");
    case Input::first_visit_check:
      return trc("input", "First-visit check");
    case Input::spare_visits_per_month:
      return trc("input", "Spare visits per month");
  }
  return Text::verbatim(std::string(info(id).path));
}

// The same name inside a sentence ("the smallest lead growth with ..."):
// English lowercases it; a translation may quote it instead.
Text input_text_in_sentence(Input id) {
  // TRANSLATORS: the name of a scenario input inside a sentence, e.g. "The
  // smallest {} with P(ROI < 0 %) <= 10 % is ..." (English: lowercase)
  switch (id) {
    case Input::leads_per_month:
      return trc("input, in a sentence", "leads per month");
    case Input::booking_conversion:
      return trc("input, in a sentence", "booking conversion");
    case Input::no_show_rate:
      return trc("input, in a sentence", "no-show rate");
    case Input::average_check:
      return trc("input, in a sentence", "average check");
    case Input::gross_margin:
      return trc("input, in a sentence", "gross margin");
    case Input::lead_growth:
      return trc("input, in a sentence", "lead growth");
    case Input::booking_conversion_uplift:
      return trc("input, in a sentence", "conversion uplift");
    case Input::booking_conversion_after:
      return trc("input, in a sentence", "conversion with the assistant");
    case Input::no_show_reduction:
      return trc("input, in a sentence", "no-show reduction");
    case Input::manager_hours_saved:
      return trc("input, in a sentence", "manager hours saved");
    case Input::implementation:
      return trc("input, in a sentence", "implementation cost (one-time)");
    case Input::monthly:
      return trc("input, in a sentence", "monthly fee");
    case Input::per_lead:
      return trc("input, in a sentence", "cost per lead");
    case Input::manager_hourly_cost:
      return trc("input, in a sentence", "value of a saved hour");
    case Input::discount_rate_annual:
      return trc("input, in a sentence", "discount rate");
    case Input::repeat_visits_per_month:
      return trc("input, in a sentence", "repeat visits per month");
    case Input::monthly_churn:
      return trc("input, in a sentence", "monthly churn");
    case Input::first_visit_check:
      return trc("input, in a sentence", "first-visit check");
    case Input::spare_visits_per_month:
      return trc("input, in a sentence", "spare visits per month");
  }
  return Text::verbatim(std::string(info(id).path));
}

Text input_path_text(Input id) {
  return Text::verbatim(std::string(info(id).path));
}

// The rows a short rendering leaves out of a table of inputs (marked detail
// beyond the first kMaxSensitivityRows): the note that says so, if any.
void more_inputs_note(Section& s, std::size_t rows) {
  if (rows <= kMaxSensitivityRows) return;
  const auto more = static_cast<std::int64_t>(rows - kMaxSensitivityRows);
  s.notes.push_back(trn("{} more input with smaller effect; --format csv or json lists them all.",
                        "{} more inputs with smaller effect; --format csv or json lists them all.",
                        more, more));
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
    if (!e.ci_low || !e.ci_high) continue;  // P0, P100, or a bound the runs cannot give
    const double h = (*e.ci_high - *e.ci_low) / 2.0;
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
    bars.points.push_back({ps[i].value, static_cast<double>(i), ps[i].ci_low.value_or(kNoValue),
                           ps[i].ci_high.value_or(kNoValue)});
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
  // Month 0: the outlay, K_0 = -I (docs/model.md). Its percentiles are the
  // implementation cost's own, negated and mirrored (P5 of -I is -P95 of I,
  // P25 of -I is -P75 of I): both bands start at month 0, a point when the
  // cost is fixed, a band when it is uncertain.
  const InputSummary* outlay = nullptr;
  for (const InputSummary& in : r.inputs) {
    if (in.input == Input::implementation) outlay = &in;
  }
  Series outer = band("p5_p95", SeriesRole::outer_band, 5, 95);
  Series inner = band("p25_p75", SeriesRole::inner_band, 25, 75);
  Series median;
  median.key = "median";
  median.kind = SeriesKind::line;
  median.role = SeriesRole::central;
  median.label = tr("median");
  if (outlay != nullptr && !r.monthly.empty()) {
    outer.points.insert(outer.points.begin(), {0.0, kNoValue, -outlay->p95, -outlay->p5});
    inner.points.insert(inner.points.begin(), {0.0, kNoValue, -outlay->p75, -outlay->p25});
    median.points.push_back({0.0, -outlay->p50});
  }
  f.series.push_back(std::move(outer));
  f.series.push_back(std::move(inner));
  for (const MonthFan& m : r.monthly) {
    median.points.push_back({static_cast<double>(m.month), value(m, 50)});
  }
  f.series.push_back(std::move(median));
  f.references.push_back({AxisId::y, 0.0, tr("break-even")});
  return f;
}

// ROI histogram (the sensitivity sample's bins, as shares of runs): the loss
// bins in their own colour, P5 / P50 / P95 of all runs marked.
Figure histogram_figure(const SimulationResults& r) {
  Figure f;
  f.key = "roi_histogram";
  f.title = tr("How ROI is spread — {}", chart_name(r));
  f.x.label =
      trn("ROI over {} month, %", "ROI over {} months, %", r.horizon_months, r.horizon_months);
  f.x.unit = CellKind::percent;
  f.y.label = tr("Share of runs");
  f.y.unit = CellKind::probability;
  Series loss, gain;
  loss.key = "loss";
  loss.kind = gain.kind = SeriesKind::columns;
  loss.role = SeriesRole::loss;
  loss.label = tr("losing money (ROI < 0)");
  gain.key = "gain";
  gain.role = SeriesRole::gain;
  gain.label = tr("making money");
  const RoiHistogram& h = r.roi_histogram;
  for (std::size_t i = 0; h.runs > 0 && i < h.counts.size(); ++i) {
    const double a = h.start + h.width * static_cast<double>(i);
    const double share = static_cast<double>(h.counts[i]) / static_cast<double>(h.runs);
    (a + h.width <= 0 ? loss : gain).points.push_back({a + h.width / 2, share, a, a + h.width});
  }
  f.series.push_back(std::move(loss));
  f.series.push_back(std::move(gain));
  f.references.push_back({AxisId::x, 0.0, {}});
  for (const double p : {5.0, 50.0, 95.0}) {
    const PercentileEstimate* e = find_percentile(r.roi_pct.percentiles, p);
    if (e != nullptr && std::isfinite(e->value)) {
      f.references.push_back({AxisId::x, e->value, percentile_text(p)});
    }
  }
  return f;
}

// The chance of having paid back by month t, P(payback <= t) for every
// month t = 0..H (exact counts of the runs); the rest never pays back within
// the horizon, a band above the curve.
Figure payback_figure(const SimulationResults& r) {
  Figure f;
  f.key = "payback";
  f.title = tr("Chance of having paid back by month t — {}", chart_name(r));
  f.x.label = tr("Month t");
  f.x.unit = CellKind::count;
  f.y.label = tr("Chance paid back by month t");
  f.y.unit = CellKind::probability;
  Series line;
  line.key = "paid_back";
  line.kind = SeriesKind::line;
  line.role = SeriesRole::central;
  line.label = tr("paid back");
  for (std::size_t t = 0; t < r.payback.by_month.size(); ++t) {
    line.points.push_back({static_cast<double>(t), r.payback.by_month[t].value});
  }
  f.series.push_back(std::move(line));
  const double never = r.payback.never_within_horizon.value;
  Series rest;
  rest.key = "never";
  rest.kind = SeriesKind::band;
  rest.role = SeriesRole::loss;
  rest.label = trn("not paid back within {} month: {}", "not paid back within {} months: {}",
                   r.horizon_months, r.horizon_months, Percent{100 * never, 1});
  for (const double m : {0.0, static_cast<double>(r.horizon_months)}) {
    rest.points.push_back({m, kNoValue, 1 - never, 1.0});
  }
  f.series.push_back(std::move(rest));
  return f;
}

// The tornado in money: per uncertain input (largest swing on top) the
// median net profit with it in its lowest and highest decile, as bars from
// the median net profit of all runs.
Figure tornado_figure(const SimulationResults& r, const std::vector<Sensitivity>& rows) {
  Figure f;
  f.key = "tornado";
  f.title = tr("What moves net profit most — {}", chart_name(r));
  f.x.label = tr("Median net profit over {}, {} (input in its lowest / highest 10 % of runs)",
                 months_text(r.horizon_months), currency_symbol(r.currency));
  f.x.unit = CellKind::money;
  f.x.currency = r.currency;
  const PercentileEstimate* median = find_percentile(r.net_profit.percentiles, 50);
  const double base = median != nullptr ? median->value : 0.0;
  Series low, high;
  low.key = "low";
  low.kind = high.kind = SeriesKind::bars;
  low.role = SeriesRole::low;
  low.label = tr("input low (lowest 10 %)");
  high.key = "high";
  high.role = SeriesRole::high;
  high.label = tr("input high (highest 10 %)");
  low.base = high.base = base;
  for (std::size_t i = 0; i < rows.size() && i < kMaxSensitivityRows; ++i) {
    f.y.categories.push_back(input_text(rows[i].input));
    low.points.push_back({rows[i].net_low, static_cast<double>(i)});
    high.points.push_back({rows[i].net_high, static_cast<double>(i)});
  }
  f.series.push_back(std::move(low));
  f.series.push_back(std::move(high));
  f.references.push_back({AxisId::x, base, tr("median")});
  return f;
}

// A probability as a person reads it in a sentence: whole percent, one
// decimal near 0 and 1 (so 99.6 % is not read as a certainty).
Percent chance(double p) {
  const double pct = 100.0 * p;
  return Percent{pct, (pct > 0 && pct < 1) || (pct > 99 && pct < 100) ? 1 : 0};
}

// The verdict: one or two plain sentences for the top of a human report.
std::vector<Text> verdict(const SimulationResults& r) {
  std::vector<Text> out;
  // Within a year when the horizon allows, else within the horizon.
  const int months = std::min(r.horizon_months, 12);
  const Probability* within = find_payback_within(r.payback, months);
  const double p_paid = within != nullptr            ? within->value
                        : months == r.horizon_months ? 1.0 - r.payback.never_within_horizon.value
                                                     : std::numeric_limits<double>::quiet_NaN();
  const PercentileEstimate* median = find_percentile(r.payback.percentiles, 50);
  if (std::isfinite(p_paid)) {
    if (median != nullptr && std::isfinite(median->value)) {
      out.push_back(
          tr("With {} probability the assistant pays for itself within {}; median "
             "payback {} months.",
             chance(p_paid), months_text(months), Number{median->value, 1}));
    } else if (median != nullptr) {
      out.push_back(
          tr("With {} probability the assistant pays for itself within {}; in more "
             "than half of the runs it does not pay back within {}.",
             chance(p_paid), months_text(months), months_text(r.horizon_months)));
    } else {
      out.push_back(tr("With {} probability the assistant pays for itself within {}.",
                       chance(p_paid), months_text(months)));
    }
  }
  const PercentileEstimate* net = find_percentile(r.net_profit.percentiles, 50);
  if (net != nullptr && std::isfinite(net->value)) {
    out.push_back(tr("{} chance of losing money over {}; median net profit {}.",
                     chance(r.prob_roi_below_zero.value), months_text(r.horizon_months),
                     Money{net->value, r.currency}));
  } else {
    out.push_back(tr("{} chance of losing money over {}.", chance(r.prob_roi_below_zero.value),
                     months_text(r.horizon_months)));
  }
  return out;
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

  // Low percentiles are the bad case of ROI, net profit and NPV; of payback
  // (a longer wait) the high ones: the label says so.
  Row payback{"payback_months",
              {Cell::of_text(r.payback.percentiles.size() > 1
                                 ? tr("Payback, months ({} = slowest)",
                                      percentile_text(r.payback.percentiles.back().p))
                                 : tr("Payback, months"))},
              false};
  bool censored = false;
  for (const auto& e : r.payback.percentiles) {
    payback.cells.push_back(Cell::payback(e.value, r.horizon_months));
    censored = censored || !std::isfinite(e.value);
  }
  payback.cells.resize(width - 1);
  payback.cells.push_back(Cell::not_available());
  t.rows.push_back(std::move(payback));
  Row first{"first_break_even_months", {Cell::of_text(tr("First break-even, months"))}, false};
  for (const auto& e : r.payback.first_break_even) {
    first.cells.push_back(Cell::payback(e.value, r.horizon_months));
  }
  first.cells.resize(width - 1);
  first.cells.push_back(Cell::not_available());
  t.rows.push_back(std::move(first));
  s.table = std::move(t);

  if (censored) {
    s.notes.push_back(
        tr("Payback \"{}\": in that share of runs the assistant has not paid for itself "
           "within the {}-month horizon.",
           censored_text(r.horizon_months), r.horizon_months));
  }
  if (r.roi_pct.percentiles.size() > 1) {
    s.notes.push_back(
        tr("The bad case is on the left for ROI, net profit and NPV ({}) and on the right for "
           "payback ({}, the longest wait).",
           percentile_text(r.roi_pct.percentiles.front().p),
           percentile_text(r.roi_pct.percentiles.back().p)));
  }
  s.notes.push_back(tr("Payback has no mean: runs that never pay back have no payback month."));
  s.notes.push_back(
      tr("Payback is sustained: from then on the cumulative net stays at or above zero to the "
         "horizon. The first break-even may be lost again."));
  s.figures.push_back(percentile_figure(r));
  return s;
}

// A small ROI histogram for the terminal: one row per bin, its share of
// runs as a bar; the loss bins (below 0) say so.
Section histogram_section(const SimulationResults& r) {
  Section s;
  s.key = "histogram";
  s.heading = tr("How ROI is spread (share of runs per range)");
  const RoiHistogram& h = r.roi_histogram;
  if (h.counts.empty() || h.runs == 0) return s;
  const double peak = static_cast<double>(*std::max_element(h.counts.begin(), h.counts.end()));
  Table t;
  t.key = "histogram";
  t.columns = {label_column("range", trc("table header", "ROI range")),
               value_column("share", trc("table header", "share")), label_column("bar", Text()),
               label_column("loss", Text())};
  for (std::size_t i = 0; i < h.counts.size(); ++i) {
    const double a = h.start + h.width * static_cast<double>(i);
    const double b = a + h.width;
    const bool first = i == 0, last = i + 1 == h.counts.size();
    const Text range = first && last ? tr("all")
                       : first       ? tr("below {}", Percent{b, 0})
                       : last        ? tr("{} and above", Percent{a, 0})
                              : trc("percentile range", "{}–{}", Percent{a, 0}, Percent{b, 0});
    const double share = static_cast<double>(h.counts[i]) / static_cast<double>(h.runs);
    t.rows.push_back({fmt::format("bin_{}", i),
                      {Cell::of_text(range), Cell::probability(share, 1),
                       Cell::bar(static_cast<double>(h.counts[i]) / peak),
                       Cell::of_text(b <= 0 ? tr("loss") : Text())},
                      false});
  }
  s.table = std::move(t);
  s.notes.push_back(tr("Over the first {} runs (the sensitivity sample).",
                       Count{static_cast<std::int64_t>(h.runs)}));
  s.figures.push_back(histogram_figure(r));
  return s;
}

// `value` percent units rounded outwards at `decimals` (up, or down when
// `down`): a bound printed shorter must not claim more than the interval.
double round_outwards(double value, int decimals, bool down) {
  const double scale = std::pow(10.0, decimals);
  const double scaled = value * scale;
  return (down ? std::floor(scaled + 1e-9) : std::ceil(scaled - 1e-9)) / scale;
}

// Two decimals for bounds under 1 %, else one.
int bound_decimals(const Probability& p) {
  return p.ci_high < 0.01 || p.ci_low > 0.99 ? 2 : 1;
}

// A share of runs: "12.3 %"; at 0 or n of n runs, which a percentage would
// print as a certain "0.0 %" / "100.0 %", the count and the exact 95 %
// bound: "0 of 1 000 runs (< 0.37 %)".
Cell chance_cell(const Probability& p) {
  const auto runs = static_cast<std::int64_t>(p.runs);
  const int d = bound_decimals(p);
  if (p.runs > 0 && p.count == 0) {
    return Cell::of_text(trn("0 of {} run (< {})", "0 of {} runs (< {})", runs, Count{runs},
                             Percent{round_outwards(100.0 * p.ci_high, d, false), d}));
  }
  if (p.runs > 0 && p.count == p.runs) {
    return Cell::of_text(trn("{} of {} run (> {})", "{} of {} runs (> {})", runs, Count{runs},
                             Count{runs}, Percent{round_outwards(100.0 * p.ci_low, d, true), d}));
  }
  return Cell::probability(p.value, 1);
}

Section chances_section(const SimulationResults& r) {
  Section s;
  s.key = "chances";
  s.heading = tr("Chances");
  Table t;
  t.key = "chances";
  t.columns = {label_column(),
               // TRANSLATORS: a column header: the share of runs
               value_column("chance", trc("table header", "chance"))};
  auto row = [&](std::string key, Text label, const Probability& p) {
    t.rows.push_back({std::move(key), {Cell::of_text(std::move(label)), chance_cell(p)}, false});
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
  row("prob_break_even_then_fall_back", tr("Broke even, then fell back below zero"),
      r.payback.fell_back);
  s.table = std::move(t);
  return s;
}

// The payback curve as a table: P(payback <= t) for every month t = 0..H; a
// short report shows up to 24 months all, beyond that every step-th month
// (the same rule as the fan).
Section payback_curve_section(const SimulationResults& r) {
  Section s;
  s.key = "payback_curve";
  s.heading = tr("Chance of having paid back by month t");
  const std::size_t n = r.payback.by_month.size();
  if (n == 0) return s;
  Table t;
  t.key = "payback_curve";
  t.columns = {value_column("month", trc("table header", "month")),
               value_column("probability", trc("table header", "chance"))};
  const std::size_t months = n - 1;
  const std::size_t step = months <= 24 ? 1 : (months + 11) / 12;
  for (std::size_t m = 0; m < n; ++m) {
    const bool shown = step == 1 || m == 0 || m % step == 0 || m == months;
    t.rows.push_back(
        {fmt::format("month_{}", m),
         {Cell::count(static_cast<double>(m)), Cell::probability(r.payback.by_month[m].value, 1)},
         !shown});
  }
  s.table = std::move(t);
  if (step > 1) {
    s.notes.push_back(
        tr("Month 0, every month divisible by {} and the last are shown; --format csv or json "
           "lists all {}.",
           step, n));
  }
  s.notes.push_back(trn("The rest, {}, has not paid back within {} month.",
                        "The rest, {}, has not paid back within {} months.", r.horizon_months,
                        Percent{100 * r.payback.never_within_horizon.value, 1}, r.horizon_months));
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
         {Cell::of_text(input_text(e.input)),
          e.spearman ? Cell::number(*e.spearman, 2, Sign::always) : Cell::not_available(),
          e.se ? Cell::number(*e.se, 3, Sign::plus_minus) : Cell::not_available(),
          Cell::bar(e.spearman.value_or(0.0))},
         i >= kMaxSensitivityRows});
  }
  s.table = std::move(t);
  more_inputs_note(s, r.sensitivity.size());
  s.notes.push_back(
      tr("The sign + means ROI tends to rise with the input, - that it falls; the bar shows "
         "|rho|."));
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
    t.rows.push_back(
        {pair,
         {Cell::of_text(trc("correlated inputs", "{} ~ {}", input_text(c.a), input_text(c.b))),
          Cell::number(c.requested, 2), Cell::number(c.achieved, 3)},
         false});
  }
  s.table = std::move(t);
  return s;
}

// The tornado in money: per uncertain input, the median ROI and net profit
// among the runs where it is in its lowest / highest decile, sorted by the
// swing of the median net profit; the Spearman coefficient beside it.
Section tornado_section(const SimulationResults& r) {
  Section s;
  s.key = "tornado";
  s.heading =
      tr("Tornado: median ROI and net profit when an input is in its lowest or highest "
         "10 % of runs");
  if (r.sensitivity.empty()) {
    s.paragraphs.push_back(tr("No uncertain inputs: every run gives the same result."));
    return s;
  }
  std::vector<Sensitivity> rows = r.sensitivity;
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    return std::abs(a.net_high - a.net_low) > std::abs(b.net_high - b.net_low);
  });
  Table t;
  t.key = "tornado";
  t.columns = {label_column("input", trc("table header", "input")),
               value_column("roi_low", trc("table header", "ROI, input low")),
               value_column("roi_high", trc("table header", "ROI, input high")),
               value_column("net_low", trc("table header", "net, input low")),
               value_column("net_high", trc("table header", "net, input high")),
               value_column("swing", trc("table header", "net swing")),
               value_column("spearman", trc("table header", "Spearman"))};
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Sensitivity& x = rows[i];
    t.rows.push_back(
        {std::string(info(x.input).path),
         {Cell::of_text(input_text(x.input)), Cell::percent(x.roi_low, 1),
          Cell::percent(x.roi_high, 1), Cell::money(x.net_low, r.currency),
          Cell::money(x.net_high, r.currency),
          Cell::money(std::abs(x.net_high - x.net_low), r.currency),
          x.spearman ? Cell::number(*x.spearman, 2, Sign::always) : Cell::not_available()},
         i >= kMaxSensitivityRows});
  }
  s.table = std::move(t);
  s.figures.push_back(tornado_figure(r, rows));
  more_inputs_note(s, rows.size());
  s.notes.push_back(
      tr("Low / high: the runs where the input is in its lowest / highest 10 %, every other "
         "input as drawn; computed on {} runs.",
         Count{static_cast<std::int64_t>(r.method.sensitivity_runs)}));
  return s;
}

// What the numbers rest on: every input as written, its own P5 / P50 / P95,
// and whether it is the default.
Section inputs_section(const SimulationResults& r) {
  Section s;
  s.key = "inputs";
  s.heading = tr("What the numbers rest on: the inputs");
  Table t;
  t.key = "inputs";
  t.columns = {label_column("input", trc("table header", "input")),
               label_column("key", trc("table header", "key")),
               label_column("written", trc("table header", "as written")),
               value_column("p5", percentile_text(5)),
               value_column("p50", percentile_text(50)),
               value_column("p95", percentile_text(95)),
               label_column("default", trc("table header", "source"))};
  bool defaults = false;
  for (const InputSummary& in : r.inputs) {
    const InputInfo& i = info(in.input);
    const auto cell = [&](double v) {
      if (i.is_money) return Cell::money(v, r.currency);
      if (i.is_rate) return Cell::percent(100.0 * v, 1);
      return Cell::number(v, v == std::floor(v) ? 0 : 2);
    };
    defaults = defaults || in.is_default;
    t.rows.push_back(
        {std::string(i.path),
         {Cell::of_text(input_text(in.input)), Cell::of_text(input_path_text(in.input)),
          Cell::of_text(in.description.empty() ? Text::verbatim(in.written) : in.description),
          cell(in.p5), cell(in.p50), cell(in.p95),
          Cell::of_text(in.is_default ? tr("default") : tr("scenario"))},
         false});
  }
  s.table = std::move(t);
  if (defaults) {
    s.notes.push_back(
        tr("\"default\": the scenario does not set this input (or sets it to the "
           "default), so it is fixed at simroi's default value (docs/"
           "scenario-format.md)."));
  }
  return s;
}

// What replicated Latin hypercube bought (docs/model.md): the error of the
// mean ROI against plain Monte Carlo's at the same runs.
Text lhs_text(const MethodNotes& m) {
  const auto blocks = static_cast<std::int64_t>(m.replicates);
  if (m.replicates < 2) {
    return tr(
        "Latin hypercube with fewer than 20 runs is a single block: the error of the means "
        "is unknown (run at least 20).");
  }
  if (!m.lhs_variance_ratio) {
    return trn(
        "Latin hypercube in {} independent block: the errors of means and chances are the spread "
        "between the blocks.",
        "Latin hypercube in {} independent blocks: the errors of means and chances are the spread "
        "between the blocks.",
        blocks, Count{blocks});
  }
  const double ratio = *m.lhs_variance_ratio;
  if (ratio < 1.1) {
    return trn(
        "Latin hypercube: here the error of the mean ROI is no smaller than plain Monte Carlo's "
        "at the same runs (variance ratio {}; the errors are the spread between {} independent "
        "block).",
        "Latin hypercube: here the error of the mean ROI is no smaller than plain Monte Carlo's "
        "at the same runs (variance ratio {}; the errors are the spread between {} independent "
        "blocks).",
        blocks, Number{ratio, 2, false}, Count{blocks});
  }
  return trn(
      "Latin hypercube: error of the mean ROI {}× smaller than plain Monte Carlo at the same "
      "runs (variance {}× smaller; the errors of means and chances are the spread between {} "
      "independent block).",
      "Latin hypercube: error of the mean ROI {}× smaller than plain Monte Carlo at the same "
      "runs (variance {}× smaller; the errors of means and chances are the spread between {} "
      "independent blocks).",
      blocks, Number{std::sqrt(ratio), 1, false}, Number{ratio, 1, true}, Count{blocks});
}

Section precision_section(const SimulationResults& r) {
  Section s;
  s.key = "precision";
  // A footnote: the error of the simulation (finite runs), not the
  // uncertainty of the forecast, which the percentiles are.
  s.heading = tr("Note: simulation error");
  s.paragraphs.push_back(
      tr("The figures above come from a finite number of runs, so they carry a small simulation "
         "(Monte Carlo) error. It is not the uncertainty of the forecast: that is the spread of "
         "the percentiles."));
  const Widest roi = widest_ci(r.roi_pct.percentiles);
  const Widest net = widest_ci(r.net_profit.percentiles);
  if (roi.half_width >= 0 && r.roi_pct.mean_se) {
    s.paragraphs.push_back(
        tr("ROI percentiles are within ±{} percentage points (widest 95 % confidence interval, "
           "at {}); mean ROI ±{} points.",
           Number{roi.half_width, 2, false}, percentile_text(roi.p),
           Number{r.roi_pct.mean_ci_multiplier * *r.roi_pct.mean_se, 2, false}));
  }
  if (net.half_width >= 0) {
    s.paragraphs.push_back(tr("Net profit percentiles are within ±{} (at {}).",
                              Money{net.half_width, r.currency}, percentile_text(net.p)));
  }
  s.paragraphs.push_back(
      tr("Four times the runs (--runs) halves these intervals; if they matter for the decision, "
         "run more."));
  if (r.method.sampling == Sampling::latin_hypercube) s.paragraphs.push_back(lhs_text(r.method));
  // The chances' exact (Clopper-Pearson) 95 % intervals: the farthest bound
  // from its estimate, so a chance at 0 or n of n runs is covered too.
  double widest_chance = -1;
  auto widen = [&](const Probability& p) {
    if (p.runs == 0) return;
    widest_chance = std::max({widest_chance, p.value - p.ci_low, p.ci_high - p.value});
  };
  for (const auto& w : r.payback.within) {
    if (w.probability) widen(*w.probability);
  }
  widen(r.prob_roi_below_zero);
  widen(r.payback.never_within_horizon);
  if (widest_chance >= 0 && r.method.sampling == Sampling::latin_hypercube) {
    s.paragraphs.push_back(
        tr("Chances are within {} percentage points of their estimates (95 % interval).",
           Number{100.0 * widest_chance, 2, false}));
  } else if (widest_chance >= 0) {
    s.paragraphs.push_back(
        tr("Chances are within {} percentage points of their estimates (exact 95 % interval).",
           Number{100.0 * widest_chance, 2, false}));
  }
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

Text input_name(Input id) {
  return input_text(id);
}

Text input_name_in_sentence(Input id) {
  return input_text_in_sentence(id);
}

Document build_report(const SimulationResults& r) {
  Document d;
  d.kind = Document::Kind::report;
  d.title = display_name(r);
  d.verdict = verdict(r);
  auto fact = [&](std::string key, Text label, Cell value) {
    d.facts.push_back({std::move(key), std::move(label), std::move(value)});
  };
  fact("scenario", tr("Scenario"), Cell::of_text(display_name(r)));
  fact("business", tr("Business"),
       r.business.empty() ? Cell::not_available() : Cell::of_text(business_text(r.business)));
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
  d.sections.push_back(histogram_section(r));
  d.sections.push_back(chances_section(r));
  {
    Section curve = payback_curve_section(r);
    curve.figures.insert(curve.figures.begin(), payback_figure(r));
    d.sections.push_back(std::move(curve));
  }
  d.sections.push_back(detail::gain_by_source_section(r));
  if (r.cash.time_valued) d.sections.push_back(detail::cash_view_section(r));
  d.sections.push_back(fan_section(r));
  d.sections.push_back(sensitivity_section(r));
  d.sections.push_back(tornado_section(r));
  if (!r.correlations.empty()) d.sections.push_back(correlation_section(r));
  d.sections.push_back(inputs_section(r));
  d.sections.push_back(precision_section(r));
  d.results = {r};
  return d;
}

CompareColumns compare_columns(const std::vector<SimulationResults>& all) {
  CompareColumns c;
  if (all.empty()) return c;
  std::vector<double> requested;
  for (const auto& e : all.front().roi_pct.percentiles) requested.push_back(e.p);
  const auto has = [&](double p) {
    return std::find(requested.begin(), requested.end(), p) != requested.end();
  };
  // P5 / P50 / P95 when all three were requested (the default list), else
  // every requested one: --percentiles 10,50,90 gives P10 / P50 / P90.
  if (has(5) && has(50) && has(95)) {
    c.roi = {5.0, 50.0, 95.0};
  } else {
    c.roi = requested;
  }
  // The median, else the middle requested percentile.
  if (has(50)) {
    c.median = 50.0;
  } else if (!requested.empty()) {
    c.median = requested[requested.size() / 2];
  }
  // Payback: the median and the slow case, the highest ROI column above it.
  if (c.median) {
    c.payback.push_back(*c.median);
    if (!c.roi.empty() && c.roi.back() > *c.median) c.payback.push_back(c.roi.back());
  }
  return c;
}

// The ROI curves of a comparison: P(ROI <= x) through each scenario's ROI
// percentiles.
Figure roi_cdf_figure(const std::vector<SimulationResults>& all) {
  Figure f;
  f.key = "roi_cdf";
  f.title = tr("Chance ROI is at most x, by scenario");
  f.x.label = tr("ROI, %");
  f.x.unit = CellKind::percent;
  f.y.label = tr("Chance ROI ≤ x");
  f.y.unit = CellKind::probability;
  for (std::size_t i = 0; i < all.size(); ++i) {
    Series s;
    s.key = fmt::format("scenario_{}", i);
    s.kind = SeriesKind::line;
    s.role = SeriesRole::scenario;
    s.colour = static_cast<int>(i);
    s.label = display_name(all[i]);
    for (const PercentileEstimate& e : all[i].roi_pct.percentiles) {
      s.points.push_back({e.value, e.p / 100.0});
    }
    f.series.push_back(std::move(s));
  }
  f.references.push_back({AxisId::x, 0.0, {}});
  return f;
}

// Risk against return: P(ROI < 0) over median ROI, a disc per scenario
// whose area grows with its median net profit.
Figure risk_return_figure(const std::vector<SimulationResults>& all) {
  Figure f;
  f.key = "risk_return";
  f.title = tr("Risk and return by scenario (disc area: median net profit)");
  f.x.label = tr("Median ROI, %");
  f.x.unit = CellKind::percent;
  f.y.label = tr("Chance of losing money, P(ROI < 0)");
  f.y.unit = CellKind::probability;
  for (std::size_t i = 0; i < all.size(); ++i) {
    const PercentileEstimate* roi = find_percentile(all[i].roi_pct.percentiles, 50);
    const PercentileEstimate* net = find_percentile(all[i].net_profit.percentiles, 50);
    Series s;
    s.key = fmt::format("scenario_{}", i);
    s.kind = SeriesKind::markers;
    s.role = SeriesRole::scenario;
    s.colour = static_cast<int>(i);
    s.label = display_name(all[i]);
    s.points.push_back({roi != nullptr ? roi->value : kNoValue, all[i].prob_roi_below_zero.value,
                        net != nullptr ? net->value : kNoValue});
    f.series.push_back(std::move(s));
  }
  f.references.push_back({AxisId::x, 0.0, {}});
  f.references.push_back({AxisId::y, 0.0, {}});
  return f;
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
  const auto [shortest, longest] = std::minmax_element(
      all.begin(), all.end(),
      [](const auto& a, const auto& b) { return a.horizon_months < b.horizon_months; });
  const bool horizons_differ = !all.empty() && shortest->horizon_months != longest->horizon_months;
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
  // TRANSLATORS: the expected shortfall: the mean ROI of the worst 5 % of runs
  t.columns.push_back(
      value_column("roi_expected_shortfall_5", trc("table header", "ROI, mean of worst 5 %")));
  if (cols.median) {
    const std::string key = percentile_column_key(*cols.median);
    t.columns.push_back(value_column(
        "net_profit_" + key, trc("table header", "net profit {}", percentile_text(*cols.median))));
    t.columns.push_back(
        value_column("npv_" + key, trc("table header", "NPV {}", percentile_text(*cols.median))));
  }
  t.columns.push_back(value_column("total_cost_mean", trc("table header", "total cost, mean")));
  for (const double p : cols.payback) {
    t.columns.push_back(value_column("payback_" + percentile_column_key(p),
                                     trc("table header", "payback {}", percentile_text(p))));
  }
  for (const int months : {6, 12}) {
    t.columns.push_back(value_column(fmt::format("prob_payback_within_{}", months),
                                     trc("table header", "P(payback ≤ {})", months)));
  }
  for (std::size_t i = 0; i < all.size(); ++i) {
    const SimulationResults& r = all[i];
    Row row{std::to_string(i),
            {Cell::of_text(display_name(r)), Cell::of_text(business_text(r.business)),
             Cell::of_text(months_text(r.horizon_months))},
            false};
    for (const double p : cols.roi) {
      const PercentileEstimate* e = find_percentile(r.roi_pct.percentiles, p);
      row.cells.push_back(e ? Cell::percent(e->value, 1) : Cell::not_available());
    }
    row.cells.push_back(chance_cell(r.prob_roi_below_zero));
    row.cells.push_back(r.roi_expected_shortfall.tail_runs > 0
                            ? Cell::percent(r.roi_expected_shortfall.value, 1)
                            : Cell::not_available());
    if (cols.median) {
      for (const MetricSummary* m : {&r.net_profit, &r.npv}) {
        const PercentileEstimate* e = find_percentile(m->percentiles, *cols.median);
        row.cells.push_back(e ? Cell::money(e->value, r.currency) : Cell::not_available());
      }
    }
    row.cells.push_back(Cell::money(r.total_cost.mean, r.currency));
    for (const double p : cols.payback) {
      const PercentileEstimate* e = find_percentile(r.payback.percentiles, p);
      row.cells.push_back(e ? Cell::payback(e->value, r.horizon_months) : Cell::not_available());
    }
    for (const int months : {6, 12}) {
      const Probability* within = find_payback_within(r.payback, months);
      row.cells.push_back(within ? chance_cell(*within) : Cell::not_available());
    }
    t.rows.push_back(std::move(row));
  }
  Section s;
  s.key = "comparison";
  s.table = std::move(t);
  s.notes.push_back(
      tr("Payback in months; \"—\" for P(payback ≤ 12) means a horizon shorter than 12 months."));
  s.notes.push_back(
      tr("ROI, mean of worst 5 %: the expected shortfall, the average ROI of the 5 % of runs "
         "that end worst. Total cost: the mean over the runs of every cost over the horizon "
         "(implementation, monthly fee, cost per lead; uncertain when the leads or the costs "
         "are)."));
  double es_error = -1;
  for (const SimulationResults& r : all) {
    if (r.roi_expected_shortfall.se)
      es_error = std::max(es_error, kZ95 * *r.roi_expected_shortfall.se);
  }
  if (es_error >= 0) {
    s.notes.push_back(
        tr("Simulation error: the mean of the worst 5 % is within ±{} percentage points (95 %, "
           "asymptotic interval).",
           Number{es_error, 2, false}));
  }
  if (horizons_differ) {
    s.notes.push_back(
        tr("Warning: the horizons differ ({} to {}), so ROI, net profit and the "
           "chances cover different periods; compare them with care.",
           months_text(shortest->horizon_months), months_text(longest->horizon_months)));
  }
  if (!all.empty()) {
    s.figures.push_back(roi_cdf_figure(all));
    s.figures.push_back(risk_return_figure(all));
  }
  d.sections.push_back(std::move(s));
  d.results = all;
  return d;
}

}  // namespace simroi
