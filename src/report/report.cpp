// Format names, the reporter factory, and the content of the human-readable
// reports (table and markdown render the same Document).
#include "simroi/report/report.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "report_layout.h"
#include "simroi/core/inputs.h"
#include "simroi/report/format.h"

namespace simroi {

std::optional<Format> parse_format(std::string_view name) noexcept {
  if (name == "table") return Format::table;
  if (name == "markdown" || name == "md") return Format::markdown;
  if (name == "csv") return Format::csv;
  if (name == "json") return Format::json;
  return std::nullopt;
}

const char* to_string(Format format) noexcept {
  switch (format) {
    case Format::table:
      return "table";
    case Format::markdown:
      return "markdown";
    case Format::csv:
      return "csv";
    case Format::json:
      return "json";
  }
  return "unknown";
}

const char* file_extension(Format format) noexcept {
  switch (format) {
    case Format::table:
      return "txt";
    case Format::markdown:
      return "md";
    case Format::csv:
      return "csv";
    case Format::json:
      return "json";
  }
  return "txt";
}

std::unique_ptr<Reporter> make_reporter(Format format, Locale locale) {
  switch (format) {
    case Format::table:
      return detail::make_table_reporter(std::move(locale));
    case Format::markdown:
      return detail::make_markdown_reporter(std::move(locale));
    case Format::csv:
      return detail::make_csv_reporter();
    case Format::json:
      return detail::make_json_reporter();
  }
  return detail::make_table_reporter(std::move(locale));
}

const PercentileEstimate* find_percentile(const std::vector<PercentileEstimate>& estimates,
                                          double p) noexcept {
  for (const auto& e : estimates) {
    if (e.p == p) return &e;
  }
  return nullptr;
}

const Probability* find_payback_within(const PaybackSummary& payback, int months) noexcept {
  for (const auto& w : payback.within) {
    if (w.months == months && w.probability) return &*w.probability;
  }
  return nullptr;
}

namespace detail {

namespace {

using Align = TextTable::Align;

constexpr std::size_t kMaxSensitivityRows = 8;
constexpr int kBarWidth = 20;               // columns of ▇ for |rho| = 1
constexpr double kZ95 = 1.959963984540054;  // two-sided 95 % normal quantile

std::string months_text(int months) {
  return fmt::format("{} {}", months, months == 1 ? "month" : "months");
}

std::string sampling_text(Sampling s) {
  return s == Sampling::latin_hypercube ? "Latin hypercube" : "Monte Carlo";
}

std::string payback_text(double months, int horizon, const Locale& L) {
  if (!std::isfinite(months)) return fmt::format(">{}{}", kUnitSpace, horizon);
  return format_fixed(months, 1, L);
}

std::string input_path(Input id) {
  return std::string(info(id).path);
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

Block outcome_block(const SimulationResults& r, const Locale& L) {
  Block b;
  b.heading = fmt::format("Results over {}, percentiles across {} runs",
                          months_text(r.horizon_months), format_grouped(double(r.runs), 0, L));
  std::vector<std::string> header{""};
  std::vector<Align> align{Align::left};
  for (const auto& e : r.roi_pct.percentiles) {
    header.push_back(percentile_label(e.p));
    align.push_back(Align::right);
  }
  header.emplace_back("mean");
  align.push_back(Align::right);
  TextTable t(header, align);

  auto metric_row = [&](std::string label, const MetricSummary& m, auto&& format) {
    std::vector<std::string> row{std::move(label)};
    for (const auto& e : m.percentiles) row.push_back(format(e.value));
    row.resize(header.size() - 1);
    row.push_back(format(m.mean));
    t.add_row(std::move(row));
  };
  auto money = [&](double v) { return format_money(v, r.currency, L); };
  metric_row("ROI", r.roi_pct, [&](double v) { return format_percent(v, 1, L); });
  metric_row("Net profit", r.net_profit, money);
  metric_row("NPV", r.npv, money);

  std::vector<std::string> payback{"Payback, months"};
  bool censored = false;
  for (const auto& e : r.payback.percentiles) {
    payback.push_back(payback_text(e.value, r.horizon_months, L));
    censored = censored || !std::isfinite(e.value);
  }
  payback.resize(header.size() - 1);
  payback.emplace_back(kNotAvailable);
  t.add_row(std::move(payback));
  b.table = std::move(t);

  if (censored) {
    b.notes.push_back(fmt::format(
        "Payback \">{}{}\": in that share of runs the assistant has not paid for itself "
        "within the {}-month horizon.",
        kUnitSpace, r.horizon_months, r.horizon_months));
  }
  b.notes.push_back("Payback has no mean: runs that never pay back have no payback month.");
  return b;
}

Block risk_block(const SimulationResults& r, const Locale& L) {
  Block b;
  b.heading = "Chances";
  TextTable t({"", "chance", "MC s.e."}, {Align::left, Align::right, Align::right});
  auto se = [&](const Probability& p) { return "±" + format_probability(p.se, 2, L); };
  t.add_row({"Losing money, P(ROI < 0)", format_probability(r.prob_roi_below_zero.value, 1, L),
             se(r.prob_roi_below_zero)});
  std::set<int> seen;
  for (const auto& w : r.payback.within) {
    if (!w.probability || !seen.insert(w.months).second) continue;
    t.add_row({fmt::format("Payback within {}", months_text(w.months)),
               format_probability(w.probability->value, 1, L), se(*w.probability)});
  }
  t.add_row({fmt::format("Not paid back within {}", months_text(r.horizon_months)),
             format_probability(r.payback.never_within_horizon.value, 1, L),
             se(r.payback.never_within_horizon)});
  b.table = std::move(t);
  return b;
}

Block fan_block(const SimulationResults& r, const Locale& L) {
  Block b;
  b.heading = fmt::format("Cumulative net by month ({}), percentiles across runs",
                          currency_symbol(r.currency));
  if (r.monthly.empty()) {
    b.lines.emplace_back("No months simulated.");
    return b;
  }
  // P5, P50, P95 when present; otherwise every percentile the fan carries.
  std::vector<double> ps;
  for (const double p : {5.0, 50.0, 95.0}) {
    if (find_percentile(r.monthly.front().cumulative_net, p)) ps.push_back(p);
  }
  if (ps.empty()) {
    for (const auto& e : r.monthly.front().cumulative_net) ps.push_back(e.p);
  }
  std::vector<std::string> header{"month"};
  std::vector<Align> align{Align::right};
  for (const double p : ps) {
    header.push_back(percentile_label(p));
    align.push_back(Align::right);
  }
  TextTable t(header, align);
  // Up to 24 months: every month; beyond: month 1, every step-th month, the last.
  const std::size_t n = r.monthly.size();
  const std::size_t step = n <= 24 ? 1 : (n + 11) / 12;
  for (std::size_t i = 0; i < n; ++i) {
    const bool shown = step == 1 || i == 0 || (i + 1) % step == 0 || i + 1 == n;
    if (!shown) continue;
    const MonthFan& m = r.monthly[i];
    std::vector<std::string> row{std::to_string(m.month)};
    for (const double p : ps) {
      const PercentileEstimate* e = find_percentile(m.cumulative_net, p);
      row.push_back(e ? format_money(e->value, r.currency, L) : std::string(kNotAvailable));
    }
    t.add_row(std::move(row));
  }
  b.table = std::move(t);
  if (step > 1) {
    b.notes.push_back(
        fmt::format("Month 1, every month divisible by {} and the last are shown; --format csv or "
                    "json lists all {}.",
                    step, n));
  }
  return b;
}

Block sensitivity_block(const SimulationResults& r, const Locale& L) {
  Block b;
  b.heading = "What drives ROI (Spearman rank correlation with ROI)";
  if (r.sensitivity.empty()) {
    b.lines.emplace_back("No uncertain inputs: every run gives the same result.");
    return b;
  }
  TextTable t({"input", "Spearman", "MC s.e.", ""},
              {Align::left, Align::right, Align::right, Align::left});
  const std::size_t shown = std::min(r.sensitivity.size(), kMaxSensitivityRows);
  for (std::size_t i = 0; i < shown; ++i) {
    const Sensitivity& s = r.sensitivity[i];
    const double magnitude = std::isfinite(s.spearman) ? std::min(std::abs(s.spearman), 1.0) : 0;
    const auto cells = static_cast<int>(std::lround(magnitude * kBarWidth));
    std::string bar;
    for (int k = 0; k < cells; ++k) bar.append("▇");
    t.add_row({input_path(s.input),
               std::isfinite(s.spearman) ? fmt::format("{:+.2f}", s.spearman)
                                         : std::string(kNotAvailable),
               "±" + format_fixed(s.se, 3, L), bar});
  }
  b.table = std::move(t);
  if (r.sensitivity.size() > shown) {
    b.notes.push_back(
        fmt::format("{} more inputs with smaller effect; --format csv or json "
                    "lists them all.",
                    r.sensitivity.size() - shown));
  }
  b.notes.emplace_back(
      "+ means ROI tends to rise with the input, - that it falls; the bar shows |rho|.");
  if (r.method.sensitivity_runs > 0 && r.method.sensitivity_runs < r.runs) {
    b.notes.push_back(fmt::format("Computed on {} of the runs.",
                                  format_grouped(double(r.method.sensitivity_runs), 0, L)));
  }
  return b;
}

Block correlation_block(const SimulationResults& r, const Locale& L) {
  Block b;
  b.heading = "Correlated inputs (Spearman rank correlation)";
  TextTable t({"inputs", "requested", "achieved"}, {Align::left, Align::right, Align::right});
  for (const auto& c : r.correlations) {
    t.add_row({input_path(c.a) + " ~ " + input_path(c.b), format_fixed(c.requested, 2, L),
               format_fixed(c.achieved, 3, L)});
  }
  b.table = std::move(t);
  return b;
}

Block precision_block(const SimulationResults& r, const Locale& L) {
  Block b;
  b.heading = "Monte Carlo precision";
  const Widest roi = widest_ci(r.roi_pct.percentiles);
  const Widest net = widest_ci(r.net_profit.percentiles);
  if (roi.half_width >= 0) {
    b.lines.push_back(fmt::format(
        "ROI percentiles are within ±{} percentage points (widest 95 % confidence interval, "
        "at {}); mean ROI ±{} points.",
        format_fixed(roi.half_width, 2, L), percentile_label(roi.p),
        format_fixed(kZ95 * r.roi_pct.mean_se, 2, L)));
  }
  if (net.half_width >= 0) {
    b.lines.push_back(fmt::format("Net profit percentiles are within ±{} (at {}).",
                                  format_money(net.half_width, r.currency, L),
                                  percentile_label(net.p)));
  }
  b.lines.push_back(
      "Four times the runs (--runs) halves these intervals; if they matter for the decision, "
      "run more.");
  if (r.method.percentile_method != "exact") {
    b.lines.push_back("Percentiles: " + r.method.percentile_method + ".");
  }
  return b;
}

}  // namespace

std::string selection_text(const MethodNotes& m) {
  std::string how = m.selection == "all_kept"   ? "every run kept"
                    : m.selection == "one_pass" ? "one pass, values near each percentile kept"
                                                : "two passes, counted then kept (bounded memory)";
  return m.percentile_method + " (" + how + ")";
}

std::string display_name(const SimulationResults& results) {
  if (!results.scenario_name.empty()) return results.scenario_name;
  if (!results.file.empty()) return results.file;
  return "scenario";
}

Document describe_report(const SimulationResults& r, const Locale& L) {
  Document d;
  d.title = display_name(r);
  d.facts.emplace_back("Scenario", display_name(r));
  d.facts.emplace_back("Business", r.business.empty() ? std::string(kNotAvailable) : r.business);
  if (!r.file.empty()) d.facts.emplace_back("File", r.file);
  d.facts.emplace_back("Runs", format_grouped(double(r.runs), 0, L));
  d.facts.emplace_back("Seed", std::to_string(r.seed));
  d.facts.emplace_back("Horizon", months_text(r.horizon_months));
  d.facts.emplace_back("Sampling", sampling_text(r.method.sampling));
  d.facts.emplace_back("Percentiles", selection_text(r.method));
  d.facts.emplace_back("Currency",
                       r.currency == currency_symbol(r.currency)
                           ? r.currency
                           : fmt::format("{} ({})", r.currency, currency_symbol(r.currency)));
  d.blocks.push_back(outcome_block(r, L));
  d.blocks.push_back(risk_block(r, L));
  d.blocks.push_back(fan_block(r, L));
  d.blocks.push_back(sensitivity_block(r, L));
  if (!r.correlations.empty()) d.blocks.push_back(correlation_block(r, L));
  d.blocks.push_back(precision_block(r, L));
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

Document describe_compare(const std::vector<SimulationResults>& all, const Locale& L) {
  Document d;
  d.title = fmt::format("Comparison of {} scenarios", all.size());
  if (!all.empty()) {
    const auto& first = all.front();
    const bool same_runs =
        std::all_of(all.begin(), all.end(), [&](const auto& r) { return r.runs == first.runs; });
    const bool same_seed =
        std::all_of(all.begin(), all.end(), [&](const auto& r) { return r.seed == first.seed; });
    d.facts.emplace_back("Runs", same_runs ? format_grouped(double(first.runs), 0, L)
                                           : std::string("differ, see each report"));
    d.facts.emplace_back(
        "Seed", same_seed ? std::to_string(first.seed) : std::string("differ, see each report"));
  }
  const CompareColumns cols = compare_columns(all);
  std::vector<std::string> header{"scenario", "business", "horizon"};
  std::vector<Align> align{Align::left, Align::left, Align::right};
  for (const double p : cols.roi) {
    header.push_back("ROI " + percentile_label(p));
    align.push_back(Align::right);
  }
  header.emplace_back("P(ROI < 0)");
  align.push_back(Align::right);
  if (cols.payback) {
    header.push_back("payback " + percentile_label(*cols.payback));
    align.push_back(Align::right);
  }
  header.emplace_back("P(payback ≤ 12)");
  align.push_back(Align::right);
  TextTable t(header, align);
  for (const auto& r : all) {
    std::vector<std::string> row{display_name(r), r.business, months_text(r.horizon_months)};
    for (const double p : cols.roi) {
      const PercentileEstimate* e = find_percentile(r.roi_pct.percentiles, p);
      row.push_back(e ? format_percent(e->value, 1, L) : std::string(kNotAvailable));
    }
    row.push_back(format_probability(r.prob_roi_below_zero.value, 1, L));
    if (cols.payback) {
      const PercentileEstimate* e = find_percentile(r.payback.percentiles, *cols.payback);
      row.push_back(e ? payback_text(e->value, r.horizon_months, L) : std::string(kNotAvailable));
    }
    const Probability* within12 = find_payback_within(r.payback, 12);
    row.push_back(within12 ? format_probability(within12->value, 1, L)
                           : std::string(kNotAvailable));
    t.add_row(std::move(row));
  }
  Block b;
  b.table = std::move(t);
  b.notes.emplace_back(
      "Payback in months; \"—\" for P(payback ≤ 12) means a horizon shorter than 12 months.");
  d.blocks.push_back(std::move(b));
  return d;
}

std::string render_text(const Document& d) {
  std::string out = d.title + "\n";
  out.append(std::string(display_width(d.title), '=')).append("\n");
  std::size_t key_width = 0;
  for (const auto& [key, value] : d.facts) key_width = std::max(key_width, display_width(key));
  for (const auto& [key, value] : d.facts) {
    out.append("  ").append(pad_right(key, key_width)).append("  ").append(value).append("\n");
  }
  for (const Block& b : d.blocks) {
    out.append("\n");
    if (!b.heading.empty()) out.append(b.heading).append("\n");
    for (const auto& line : b.lines) out.append("  ").append(line).append("\n");
    if (b.table) out.append(b.table->render_text("  "));
    for (const auto& note : b.notes) out.append("  ").append(note).append("\n");
  }
  return out;
}

std::string render_markdown(const Document& d) {
  std::string out = "# " + markdown_escape(d.title) + "\n";
  if (!d.facts.empty()) out.append("\n");
  for (const auto& [key, value] : d.facts) {
    out.append("- **").append(markdown_escape(key)).append(":** ");
    out.append(markdown_escape(value)).append("\n");
  }
  for (const Block& b : d.blocks) {
    if (!b.heading.empty()) out.append("\n## ").append(markdown_escape(b.heading)).append("\n");
    for (const auto& line : b.lines) out.append("\n").append(markdown_escape(line)).append("\n");
    if (b.table) out.append("\n").append(b.table->render_markdown());
    for (const auto& note : b.notes) out.append("\n").append(markdown_escape(note)).append("\n");
  }
  return out;
}

}  // namespace detail

}  // namespace simroi
