// solve, sweep, voi, pilot (src/app/decide.h; docs/decisions.md).
#include "app/decide.h"

#include <fmt/format.h>
#include <tbb/global_control.h>
#include <tbb/info.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <iostream>
#include <limits>
#include <memory>
#include <numeric>
#include <optional>
#include <ostream>
#include <stdexcept>

#include "app/decide_output.h"
#include "app/overrides.h"
#include "simroi/analysis/evaluate.h"
#include "simroi/analysis/solve.h"
#include "simroi/analysis/statistic.h"
#include "simroi/analysis/voi.h"
#include "simroi/core/constants.h"
#include "simroi/core/error.h"
#include "simroi/core/parallel.h"
#include "simroi/engine/simulator.h"
#include "simroi/report/charts.h"
#include "simroi/report/output_dir.h"

namespace simroi::app {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

std::optional<double> parse_number(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  bool percent = false;
  if (!text.empty() && text.back() == '%') {
    percent = true;
    text.remove_suffix(1);
  }
  double v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v)) {
    return std::nullopt;
  }
  return percent ? v / 100.0 : v;
}

Input parse_input_key(std::string_view option, std::string_view key) {
  const auto id = find_input(key);
  if (!id) {
    std::string paths;
    for (const InputInfo& in : input_table())
      paths += (paths.empty() ? "" : ", ") + std::string(in.path);
    throw UsageError(tr("{} {}: unknown input; the inputs are: {}", option, key, paths));
  }
  return *id;
}

/// One scenario with --set applied, and the simulator's settings.
struct Prepared {
  Scenario scenario;
  SimulatorOptions options;
};

Prepared prepare(const Request& request, const Locale& locale, Console console) {
  Prepared p{load_scenarios(request, locale, console).front(), {}};
  p.options.seed = request.options.seed;
  p.options.runs = request.options.runs;
  p.options.threads = request.options.threads;
  return p;
}

/// The simulator's arena cannot exceed oneTBB's process limit; -j may.
std::optional<tbb::global_control> allow_threads(int threads) {
  std::optional<tbb::global_control> allow;
  if (threads > tbb::info::default_concurrency()) {
    allow.emplace(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  }
  return allow;
}

// ----- moving one input --------------------------------------------------------

/// How a varied input takes the value theta: a fixed value, or (for an
/// uncertain input of a location family) its distribution shifted so that
/// its mean is theta.
struct Mover {
  Input id{};
  Distribution original;
  bool shift = false;
  double lo = 0, hi = 0;  ///< the valid range of theta

  [[nodiscard]] Distribution at(double theta) const {
    if (!shift) return Distribution::fixed(theta);
    const double d = theta - original.mean();
    const auto& w = original.parameters();
    Distribution out;
    switch (original.kind()) {
      case DistKind::uniform:
        out = Distribution::uniform(w[0] + d, w[1] + d);
        break;
      case DistKind::triangular:
        out = Distribution::triangular(w[0] + d, w[1] + d, w[2] + d);
        break;
      case DistKind::pert:
        out = Distribution::pert(w[0] + d, w[1] + d, w[2] + d);
        break;
      default:  // normal
        out = Distribution::normal(w[0] + d, w[1]);
        break;
    }
    if (original.is_truncated()) {
      out = out.truncated(original.truncation_min() + d, original.truncation_max() + d);
    }
    return out;
  }
};

bool shiftable(const Distribution& d) {
  switch (d.kind()) {
    case DistKind::uniform:
    case DistKind::triangular:
    case DistKind::pert:
      return true;
    case DistKind::normal:
      return d.is_truncated();
    default:
      return false;
  }
}

/// Prepare `s` for varying `id`: a fixed value (its correlations dropped with
/// a note) unless the input is uncertain and shiftable.
Mover make_mover(Scenario& s, Input id, std::vector<Text>& notes, const std::string& why) {
  Mover m;
  m.id = id;
  m.original = s.input(id);
  const InputInfo& in = info(id);
  m.shift = !m.original.is_fixed() && shiftable(m.original);
  if (m.shift) {
    const double mean = m.original.mean();
    m.lo = in.min + (mean - m.original.support_min());
    m.hi = in.max - (m.original.support_max() - mean);
  } else {
    if (!m.original.is_fixed()) {
      notes.push_back(tr("{}: {} ({}) is set to one known value at a time", why, in.path,
                         m.original.describe()));
    }
    replace_input(s, id, Distribution::fixed(m.original.mean()), notes, why);
    m.lo = in.min;
    m.hi = in.max;
  }
  return m;
}

// ----- cells ---------------------------------------------------------------------

Cell input_cell(Input id, double v, const std::string& currency) {
  const InputInfo& in = info(id);
  if (in.is_money) return Cell::money(v, currency);
  if (in.is_rate) return Cell::probability(v, 2);
  return Cell::number(v, std::abs(v) >= 100 ? 0 : 2);
}

Cell statistic_cell(const Statistic& s, double v, int horizon, const std::string& currency) {
  if (!std::isfinite(v)) {
    return s.metric == Metric::payback && v > 0 ? Cell::censored(horizon) : Cell::not_available();
  }
  if (s.kind == Statistic::Kind::probability) return Cell::probability(v, 1);
  switch (s.metric) {
    case Metric::roi:
      return Cell::percent(v, 1);
    case Metric::net:
    case Metric::npv:
      return Cell::money(v, currency);
    case Metric::payback:
      return Cell::payback(v, horizon);
  }
  return Cell::number(v, 2);
}

Cell optional_statistic_cell(const Statistic& s, const std::optional<double>& v, int horizon,
                             const std::string& currency) {
  return v ? statistic_cell(s, *v, horizon, currency) : Cell::not_available();
}

std::vector<Fact> common_facts(const Scenario& s, const Simulator& sim) {
  return {
      {"scenario", tr("Scenario"), Cell::of_text(Text::verbatim(s.name))},
      {"runs", tr("Runs per evaluation"), Cell::count(static_cast<double>(sim.runs()))},
      {"seed", tr("Seed"), Cell::count(static_cast<double>(sim.seed()))},
  };
}

std::string format_theta(Input id, double v, const std::string& currency, const Locale& locale) {
  if (std::isinf(v)) return v > 0 ? "+∞" : "−∞";
  return render_cell(input_cell(id, v, currency), locale);
}

}  // namespace

// ----- precision and progress ---------------------------------------------------

std::uint64_t runs_for_precision(const Scenario& scenario, const Request& request,
                                 const Locale& locale, Console console) {
  const std::string spec = request.decide.precision == "default"
                               ? std::string("median(roi)=1,P(roi<0)=0.5%,P(payback<=6)=0.5%")
                               : request.decide.precision;
  struct Want {
    Statistic statistic;
    double half = 0;
  };
  std::vector<Want> wants;
  std::size_t start = 0;
  while (start <= spec.size()) {
    const std::size_t comma = spec.find(',', start);
    const std::string item =
        spec.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    const std::size_t eq = item.rfind('=');
    const auto bad = [&](const Text& why) {
      return UsageError(tr("--precision {}: {}", item, why));
    };
    if (eq == std::string::npos) {
      throw bad(
          tr("expected STATISTIC=HALF-WIDTH, e.g. --precision \"median(roi)=1,P(roi<0)=0.5%\" "
             "or --precision default"));
    }
    Text error;
    const auto st = parse_statistic(item.substr(0, eq), error);
    if (!st) throw bad(error);
    auto half = parse_number(item.substr(eq + 1));
    if (half && st->kind != Statistic::Kind::probability && item.back() == '%') *half *= 100;
    if (!half || !(*half > 0)) throw bad(tr("the half-width must be a number above 0"));
    wants.push_back({*st, *half});
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  if (scenario.simulation.sampling == Sampling::latin_hypercube) {
    throw UsageError(
        tr("--precision: needs simulation.sampling: monte_carlo (a Latin hypercube "
           "design cannot grow run by run)"));
  }
  const std::uint64_t cap = request.options.runs.value_or(10'000'000);
  SimulatorOptions so;
  so.seed = request.options.seed;
  so.threads = request.options.threads;
  so.runs = cap;
  const auto allow = allow_threads(so.threads);
  Simulator sim(scenario, so);
  RunSample sample;
  std::uint64_t n = std::min<std::uint64_t>(10'000, cap);
  std::uint64_t done = 0;
  RunControl control;
  control.cancel = request.options.cancel;
  control.progress = progress_line(console);
  for (;;) {
    check_cancel(request.options);
    const RunSample more = simulate_sample(sim, {done, n}, false, control);
    for (auto [to, from] : {std::pair{&sample.roi, &more.roi},
                            {&sample.net, &more.net},
                            {&sample.npv, &more.npv},
                            {&sample.payback, &more.payback}}) {
      to->insert(to->end(), from->begin(), from->end());
    }
    done = n;
    bool met = true;
    for (const Want& w : wants) {
      const Evaluation e = evaluate(w.statistic, sample);
      const double half = e.low && e.high ? 0.5 * (*e.high - *e.low) : kInf;
      met = met && half <= w.half;
    }
    if (met || n >= cap) break;
    n = std::min(cap, 2 * n);
  }
  const bool reached = [&] {
    for (const Want& w : wants) {
      const Evaluation e = evaluate(w.statistic, sample);
      if (!(e.low && e.high && 0.5 * (*e.high - *e.low) <= w.half)) return false;
    }
    return true;
  }();
  console.err << (reached ? tr("simroi: --precision {} reached with {} runs", spec,
                               Count{static_cast<std::int64_t>(n)})
                          : tr("simroi: --precision {} not reached at the cap of {} runs (raise it "
                               "with --runs)",
                               spec, Count{static_cast<std::int64_t>(n)}))
                     .render(locale)
              << '\n';
  return n;
}

std::function<void(double)> progress_line(Console console) {
  if (&console.err != &std::cerr || ::isatty(STDERR_FILENO) == 0) return {};
  const auto start = std::chrono::steady_clock::now();
  auto shown = std::make_shared<bool>(false);
  return [start, shown](double fraction) {
    if (std::chrono::steady_clock::now() - start < std::chrono::seconds(1)) return;
    if (fraction >= 1.0) {
      if (*shown) std::cerr << "\r\033[K" << std::flush;
      return;
    }
    *shown = true;
    std::cerr << fmt::format("\rsimroi: {:3.0f} %", 100 * fraction) << std::flush;
  };
}

// ----- solve ---------------------------------------------------------------------

int run_solve(const Request& request, const Locale& locale, Console console) {
  const DecideOptions& o = request.decide;
  if (o.vary.size() != 1) {
    throw UsageError(
        tr("solve: give one --vary KEY, e.g. simroi solve salon.yaml --vary "
           "costs.implementation --target \"P(payback<=6) >= 90%\""));
  }
  if (o.target.empty()) {
    throw UsageError(
        tr("solve: give --target \"STATISTIC OP VALUE\", e.g. --target "
           "\"P(payback<=6) >= 90%\" or --target \"median(roi) >= 0\""));
  }
  Text error;
  const auto target = parse_target(o.target, error);
  if (!target) throw UsageError(tr("--target {}: {}", o.target, error));
  const Input id = parse_input_key("--vary", o.vary.front());
  Prepared p = prepare(request, locale, console);
  std::vector<Text> notes;
  const Mover mover = make_mover(p.scenario, id, notes, "--vary " + std::string(info(id).path));
  print_notes(console.err, notes, locale);
  const auto allow = allow_threads(p.options.threads);
  Simulator sim(p.scenario, p.options);
  const std::string& cur = p.scenario.currency;
  const int horizon = sim.horizon_months();

  // Progress: evaluations out of the budget (the search usually stops earlier).
  const auto progress = progress_line(console);
  int evaluated = 0;
  const auto evaluate_at = [&](double theta) {
    check_cancel(request.options);
    if (progress) progress(std::min(0.99, evaluated++ / 60.0));
    sim.set_input(id, mover.at(theta));
    return evaluate(target->statistic, simulate_sample(sim, sim.all_runs()));
  };
  // The valid range: an infinite end is found by doubling until the target
  // changes (or 40 doublings).
  double lo = mover.lo;
  double hi = mover.hi;
  if (!std::isfinite(lo) || !std::isfinite(hi)) {
    const double start = std::max(1.0, std::abs(mover.original.mean()));
    const bool finite_lo = std::isfinite(lo);
    double end = finite_lo ? std::max(lo + start, 2 * start) : std::min(hi - start, -2 * start);
    const double fixed_end = finite_lo ? lo : hi;
    const bool at_fixed = holds(evaluate_at(fixed_end).value, target->compare, target->value);
    for (int i = 0; i < 40; ++i) {
      if (holds(evaluate_at(end).value, target->compare, target->value) != at_fixed) break;
      end = fixed_end + 2 * (end - fixed_end);
    }
    (finite_lo ? hi : lo) = end;
  }
  SolveOptions so;
  so.tolerance = std::max((hi - lo) * 1e-4, 1e-12);  // far below the MC band
  so.max_evaluations = 60;
  const SolveResult r = solve_boundary(evaluate_at, lo, hi, target->compare, target->value, so);

  Document d;
  d.title = tr("Goal seek: {} for {}", info(id).path, to_string(*target));
  d.facts = common_facts(p.scenario, sim);
  d.facts.push_back({"evaluations", tr("Evaluations"), Cell::count(r.evaluations)});
  d.facts.push_back(
      {"moved_as", tr("The input moves as"),
       Cell::of_text(mover.shift ? tr("its distribution shifted; the value is its mean")
                                 : tr("one known value"))});
  Section s;
  s.key = "answer";
  s.heading = tr("Answer");
  const std::string what = std::string(info(id).path);
  const std::string lo_text = format_theta(id, lo, cur, locale);
  const std::string hi_text = format_theta(id, hi, cur, locale);
  Table t;
  t.key = "answer";
  t.columns = {{"", Text(), Align::left},
               {"value", tr("value")},
               {"low", tr("95 % low")},
               {"high", tr("95 % high")}};
  switch (r.status) {
    case SolveResult::Status::found: {
      const std::string v = format_theta(id, *r.value, cur, locale);
      s.paragraphs.push_back(r.holds_above
                                 ? tr("The smallest {} with {} is {}: the target holds above it.",
                                      what, to_string(*target), v)
                                 : tr("The largest {} with {} is {}: the target holds below it.",
                                      what, to_string(*target), v));
      if (r.band_low && r.band_high) {
        s.paragraphs.push_back(
            tr("Monte Carlo uncertainty: between {} and {} the statistic's 95 % interval "
               "contains the target, so the boundary lies there.",
               format_theta(id, *r.band_low, cur, locale),
               format_theta(id, *r.band_high, cur, locale)));
      }
      t.rows.push_back(
          {"value",
           {Cell::of_text(tr("{} at the boundary", what)), input_cell(id, *r.value, cur),
            r.band_low ? input_cell(id, *r.band_low, cur) : Cell::not_available(),
            r.band_high ? input_cell(id, *r.band_high, cur) : Cell::not_available()}});
      t.rows.push_back({"statistic",
                        {Cell::of_text(tr("{} there", to_string(target->statistic))),
                         statistic_cell(target->statistic, r.at.value, horizon, cur),
                         optional_statistic_cell(target->statistic, r.at.low, horizon, cur),
                         optional_statistic_cell(target->statistic, r.at.high, horizon, cur)}});
      if (!r.converged) {
        s.notes.push_back(
            tr("The search stopped at its budget of {} evaluations before the "
               "bracket reached the tolerance.",
               so.max_evaluations));
      }
      break;
    }
    case SolveResult::Status::always_met:
      s.paragraphs.push_back(
          tr("{} holds over the whole valid range of {} ({} to {}): any "
             "value will do.",
             to_string(*target), what, lo_text, hi_text));
      break;
    case SolveResult::Status::never_met:
      s.paragraphs.push_back(tr("Not reachable: no value of {} from {} to {} gives {}.", what,
                                lo_text, hi_text, to_string(*target)));
      break;
  }
  if (r.status != SolveResult::Status::found) {
    for (const double theta : {lo, hi}) {
      const Evaluation e = evaluate_at(theta);
      t.rows.push_back({theta == lo ? "at_low_end" : "at_high_end",
                        {Cell::of_text(tr("{} at {} = {}", to_string(target->statistic), what,
                                          format_theta(id, theta, cur, locale))),
                         statistic_cell(target->statistic, e.value, horizon, cur),
                         optional_statistic_cell(target->statistic, e.low, horizon, cur),
                         optional_statistic_cell(target->statistic, e.high, horizon, cur)}});
    }
  }
  s.table = std::move(t);
  s.notes.push_back(
      tr("Every evaluation uses the same random draws of the other inputs (common random "
         "numbers), so the statistic moves only with {}; the answer assumes it is monotone "
         "in {} over {} to {}.",
         what, what, lo_text, hi_text));
  d.sections.push_back(std::move(s));
  check_cancel(request.options);
  if (progress) progress(1.0);
  print(console.out, render_decision(d, request.format, locale), locale);
  return kExitOk;
}

// ----- sweep ---------------------------------------------------------------------

VaryList parse_vary_list(std::string_view text) {
  const auto bad = [&](const Text& why) { return UsageError(tr("--vary {}: {}", text, why)); };
  const std::size_t eq = text.find('=');
  if (eq == std::string_view::npos) {
    throw bad(
        tr("expected KEY=LIST or KEY=A:B:N, e.g. --vary costs.implementation="
           "40000,80000,120000 or --vary costs.implementation=20000:200000:10"));
  }
  VaryList v;
  v.input = parse_input_key("--vary", text.substr(0, eq));
  const std::string_view list = text.substr(eq + 1);
  if (list.find(':') != std::string_view::npos) {
    const std::size_t c1 = list.find(':');
    const std::size_t c2 = list.find(':', c1 + 1);
    const auto a = parse_number(list.substr(0, c1));
    const auto b = c2 == std::string_view::npos ? std::nullopt
                                                : parse_number(list.substr(c1 + 1, c2 - c1 - 1));
    const auto n = c2 == std::string_view::npos ? std::nullopt : parse_number(list.substr(c2 + 1));
    if (!a || !b || !n || *n != std::floor(*n) || *n < 2 || *n > 1000 || !(*a < *b)) {
      throw bad(
          tr("expected A:B:N with A < B and N a whole number from 2 to 1000, e.g. "
             "20000:200000:10"));
    }
    const auto count = static_cast<int>(*n);
    for (int i = 0; i < count; ++i) v.values.push_back(*a + (*b - *a) * i / (count - 1));
    return v;
  }
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t comma = list.find(',', start);
    const std::string_view item = list.substr(
        start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    const auto x = parse_number(item);
    if (!x) throw bad(tr("'{}' is not a number; write e.g. 80000 or 15%", item));
    v.values.push_back(*x);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  if (v.values.size() > 1000) throw bad(tr("at most 1000 values"));
  return v;
}

int run_sweep(const Request& request, const Locale& locale, Console console) {
  const DecideOptions& o = request.decide;
  if (o.vary.empty() || o.vary.size() > 2) {
    throw UsageError(
        tr("sweep: give one or two --vary KEY=LIST|A:B:N, e.g. simroi sweep "
           "salon.yaml --vary costs.implementation=40000:160000:7"));
  }
  std::vector<VaryList> vary;
  for (const auto& v : o.vary) vary.push_back(parse_vary_list(v));
  if (vary.size() == 2 && vary[0].input == vary[1].input) {
    throw UsageError(tr("sweep: the two --vary name the same input {}", info(vary[0].input).path));
  }
  // The statistics.
  const std::string list =
      o.stats.empty() ? "mean(roi),median(roi),P(roi<0),P(payback<=6),mean(npv)" : o.stats;
  std::vector<Statistic> stats;
  {
    std::size_t start = 0;
    while (start <= list.size()) {
      const std::size_t comma = list.find(',', start);
      const std::string item(
          list.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
      Text error;
      const auto st = parse_statistic(item, error);
      if (!st) throw UsageError(tr("--stat {}: {}", item, error));
      stats.push_back(*st);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  Prepared p = prepare(request, locale, console);
  if (request.out_dir) prepare_output_dir(*request.out_dir);
  std::vector<Text> notes;
  std::vector<Mover> movers;
  for (const VaryList& v : vary) {
    movers.push_back(
        make_mover(p.scenario, v.input, notes, "--vary " + std::string(info(v.input).path)));
  }
  print_notes(console.err, notes, locale);
  for (std::size_t i = 0; i < vary.size(); ++i) {
    for (const double x : vary[i].values) {
      if (x >= movers[i].lo && x <= movers[i].hi) continue;
      const std::string& cur = p.scenario.currency;
      throw UsageError(
          movers[i].shift
              ? tr("--vary {}: {} is outside {} to {}, the means that keep the shifted "
                   "distribution of {} inside its valid range",
                   o.vary[i], format_theta(vary[i].input, x, cur, locale),
                   format_theta(vary[i].input, movers[i].lo, cur, locale),
                   format_theta(vary[i].input, movers[i].hi, cur, locale), info(vary[i].input).path)
              : tr("--vary {}: {} is outside the valid range of {}", o.vary[i],
                   format_theta(vary[i].input, x, cur, locale), info(vary[i].input).path));
    }
  }
  const auto allow = allow_threads(p.options.threads);
  Simulator sim(p.scenario, p.options);
  const std::string& cur = p.scenario.currency;
  const int horizon = sim.horizon_months();

  Table t;
  t.key = "sweep";
  for (const VaryList& v : vary) {
    t.columns.push_back(
        {std::string(info(v.input).path), Text::verbatim(std::string(info(v.input).path))});
  }
  for (const Statistic& st : stats) {
    const std::string key = to_string(st);
    t.columns.push_back({key, Text::verbatim(key)});
    t.columns.push_back({key + " ±", tr("± (95 %)")});
  }
  Figure fig;
  fig.key = "sweep";
  fig.title = tr("{} by {}", to_string(stats.front()), info(vary[0].input).path);
  fig.x.label = Text::verbatim(std::string(info(vary[0].input).path));
  fig.x.unit = info(vary[0].input).is_money  ? CellKind::money
               : info(vary[0].input).is_rate ? CellKind::probability
                                             : CellKind::number;
  fig.x.currency = cur;
  fig.y.label = Text::verbatim(to_string(stats.front()));
  fig.y.unit = statistic_cell(stats.front(), 0, horizon, cur).kind;
  fig.y.currency = cur;
  fig.y.decimals = fig.y.unit == CellKind::probability || fig.y.unit == CellKind::percent ? 0 : 0;

  const std::size_t outer = vary.size() == 2 ? vary[1].values.size() : 1;
  const auto progress = progress_line(console);
  for (std::size_t k = 0; k < outer; ++k) {
    Series series;
    series.key = vary.size() == 2 ? fmt::format("series_{}", k) : "values";
    series.kind = SeriesKind::line;
    series.role = SeriesRole::central;
    if (vary.size() == 2) {
      series.label =
          Text::verbatim(fmt::format("{} = {}", info(vary[1].input).path,
                                     format_theta(vary[1].input, vary[1].values[k], cur, locale)));
      sim.set_input(vary[1].input, movers[1].at(vary[1].values[k]));
    }
    for (const double x : vary[0].values) {
      check_cancel(request.options);
      if (progress) {
        progress(static_cast<double>(t.rows.size()) /
                 static_cast<double>(outer * vary[0].values.size()));
      }
      sim.set_input(vary[0].input, movers[0].at(x));
      const RunSample sample = simulate_sample(sim, sim.all_runs());
      Row row;
      row.key = fmt::format("{}", x);
      row.cells.push_back(input_cell(vary[0].input, x, cur));
      if (vary.size() == 2) {
        row.key += fmt::format(",{}", vary[1].values[k]);
        row.cells.push_back(input_cell(vary[1].input, vary[1].values[k], cur));
      }
      for (std::size_t i = 0; i < stats.size(); ++i) {
        const Evaluation e = evaluate(stats[i], sample);
        row.cells.push_back(statistic_cell(stats[i], e.value, horizon, cur));
        const double half = e.low && e.high ? 0.5 * (*e.high - *e.low) : kInf;
        Cell pm = std::isfinite(half) ? statistic_cell(stats[i], half, horizon, cur)
                                      : Cell::not_available();
        pm.sign = Sign::plus_minus;
        row.cells.push_back(pm);
        if (i == 0) {
          series.points.push_back(
              {x, e.value, e.low.value_or(kNoValue), e.high.value_or(kNoValue)});
        }
      }
      t.rows.push_back(std::move(row));
    }
    fig.series.push_back(std::move(series));
  }
  Document d;
  d.title = tr("Sweep of {}", vary.size() == 1 ? std::string(info(vary[0].input).path)
                                               : fmt::format("{} and {}", info(vary[0].input).path,
                                                             info(vary[1].input).path));
  d.facts = common_facts(p.scenario, sim);
  Section s;
  s.key = "sweep";
  s.heading = tr("Decision table");
  s.table = std::move(t);
  s.notes.push_back(
      tr("Every row uses the same random draws of the other inputs (common random numbers): "
         "a difference between rows is the change of the varied input, not noise. ± is half "
         "the 95 % interval of each statistic on its own."));
  s.figures.push_back(fig);
  d.sections.push_back(std::move(s));
  check_cancel(request.options);
  if (progress) progress(1.0);
  print(console.out, render_decision(d, request.format, locale), locale);
  if (request.out_dir) {
    std::vector<OutputFile> files;
    files.push_back({"sweep.svg", render_svg(fig, locale)});
    files.push_back({"sweep.json", render_decision(d, Format::json, locale)});
    files.push_back({"sweep.csv", render_decision(d, Format::csv, locale)});
    files.push_back({"sweep.md", render_decision(d, Format::markdown, locale)});
    const auto written = write_files(*request.out_dir, files);
    const auto n = static_cast<std::int64_t>(written.size());
    console.err << trn("simroi: wrote {} file to {}", "simroi: wrote {} files to {}", n, n,
                       *request.out_dir)
                       .render(locale)
                << '\n';
  }
  return kExitOk;
}

// ----- voi -----------------------------------------------------------------------

namespace {

/// The three funnel effects of the assistant (the conversion as given).
std::vector<Input> assistant_effects(const Scenario& s) {
  return {
      Input::lead_growth,
      s.conversion_after_given ? Input::booking_conversion_after : Input::booking_conversion_uplift,
      Input::no_show_reduction};
}

std::vector<double> input_column(const RunSample& sample, Input id) {
  std::vector<double> c(sample.size());
  for (std::size_t i = 0; i < c.size(); ++i) c[i] = sample.inputs[i][index(id)];
  return c;
}

}  // namespace

int run_voi(const Request& request, const Locale& locale, Console console) {
  Prepared p = prepare(request, locale, console);
  const auto allow = allow_threads(p.options.threads);
  Simulator sim(p.scenario, p.options);
  const std::string& cur = p.scenario.currency;
  const RunSample sample = simulate_sample(sim, sim.all_runs(), true);
  check_cancel(request.options);
  const McEstimate pi = evpi(sample.npv);
  const double mean_npv = std::accumulate(sample.npv.begin(), sample.npv.end(), 0.0) /
                          static_cast<double>(sample.size());

  struct Item {
    std::string key;
    Text label;
    EvppiResult r;
  };
  std::vector<Item> items;
  const std::vector<Input>& uncertain = sim.uncertain();
  std::vector<std::vector<double>> columns(uncertain.size());
  sim.execute([&] {
    parallel_for_index(std::size_t{0}, uncertain.size(),
                       [&](std::size_t i) { columns[i] = input_column(sample, uncertain[i]); });
  });
  items.resize(uncertain.size() + 1);
  std::vector<Input> group;
  for (const Input g : assistant_effects(p.scenario)) {
    if (!p.scenario.input(g).is_fixed()) group.push_back(g);
  }
  sim.execute([&] {
    parallel_for_index(std::size_t{0}, uncertain.size() + 1, [&](std::size_t i) {
      if (i < uncertain.size()) {
        const std::span<const double> col(columns[i]);
        items[i] = {std::string(info(uncertain[i]).path),
                    Text::verbatim(std::string(info(uncertain[i]).path)),
                    evppi(std::span<const std::span<const double>>(&col, 1), sample.npv, 11 + i)};
        return;
      }
      std::vector<std::span<const double>> cols;
      for (const Input g : group) {
        const auto at = std::find(uncertain.begin(), uncertain.end(), g) - uncertain.begin();
        cols.emplace_back(columns[static_cast<std::size_t>(at)]);
      }
      items[i] = {"assistant_effects", tr("the assistant's three funnel effects together"),
                  cols.empty() ? EvppiResult{} : evppi(cols, sample.npv, 7)};
    });
  });
  std::stable_sort(items.begin(), items.end(),
                   [](const Item& a, const Item& b) { return a.r.value > b.r.value; });

  Document d;
  d.title = tr("Value of information: {}", p.scenario.name);
  d.facts = common_facts(p.scenario, sim);
  d.facts[1].label = tr("Runs");
  d.facts.push_back({"mean_npv", tr("Expected NPV (adopt now)"), Cell::money(mean_npv, cur)});
  d.facts.push_back({"decision", tr("Best decision without more information"),
                     Cell::of_text(mean_npv > 0 ? tr("adopt") : tr("do not adopt"))});
  Section head;
  head.key = "evpi";
  head.heading = tr("Perfect information");
  Table ht;
  ht.key = "evpi";
  ht.columns = {{"", Text(), Align::left}, {"value", tr("value")}, {"se", tr("MC s.e.")}};
  Cell se = Cell::money(pi.se, cur);
  se.sign = Sign::plus_minus;
  ht.rows.push_back({"evpi",
                     {Cell::of_text(tr("EVPI: knowing every input before deciding")),
                      Cell::money(pi.value, cur), se}});
  head.table = std::move(ht);
  head.notes.push_back(
      tr("The most it could be worth to find out anything before adopting: E[max(NPV, 0)] - "
         "max(E[NPV], 0)."));
  d.sections.push_back(std::move(head));

  Section s;
  s.key = "evppi";
  s.heading = tr("What is worth finding out first (EVPPI, ranked)");
  Table t;
  t.key = "evppi";
  t.columns = {{"", tr("input"), Align::left},
               {"value", tr("EVPPI")},
               {"se", tr("MC s.e.")},
               {"bias", tr("bias")},
               {"r2", tr("R²")}};
  for (const Item& it : items) {
    Cell e = Cell::money(it.r.se, cur);
    e.sign = Sign::plus_minus;
    t.rows.push_back({it.key,
                      {Cell::of_text(it.label), Cell::money(it.r.value, cur), e,
                       Cell::money(it.r.bias, cur), Cell::number(it.r.r_squared, 3)}});
  }
  s.table = std::move(t);
  s.notes.push_back(
      tr("EVPPI: what knowing that input alone (or the group) would be worth, from a "
         "regression of NPV on it (a cubic spline; 10 or 20 cubic terms for the group). Noise "
         "in the fit biases it up by about 'bias' (included); a fit too coarse biases it "
         "down. R² is the share of NPV's variance the input explains."));
  d.sections.push_back(std::move(s));
  check_cancel(request.options);
  print(console.out, render_decision(d, request.format, locale), locale);
  return kExitOk;
}

// ----- pilot ---------------------------------------------------------------------

int run_pilot(const Request& request, const Locale& locale, Console console) {
  const DecideOptions& o = request.decide;
  std::vector<double> weeks;
  {
    std::size_t start = 0;
    while (start <= o.weeks.size()) {
      const std::size_t comma = o.weeks.find(',', start);
      const std::string item =
          o.weeks.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      const auto w = parse_number(item);
      if (!w || *w <= 0 || *w > 52) {
        throw UsageError(
            tr("--weeks {}: expected comma-separated pilot lengths in weeks, each "
               "above 0 and at most 52, e.g. --weeks 2,4,8",
               o.weeks));
      }
      weeks.push_back(*w);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  if (o.cost && !(*o.cost >= 0)) throw UsageError(tr("--cost: expected an amount of at least 0"));
  Prepared p = prepare(request, locale, console);
  // The baseline funnel (L0, c0, s0) is known from the CRM before a pilot
  // (docs/decisions.md): fixed at its mean, so the pilot's data speak about
  // the assistant's effects only.
  {
    std::vector<Text> notes;
    for (const Input b : {Input::leads_per_month, Input::booking_conversion, Input::no_show_rate}) {
      const Distribution& d = p.scenario.input(b);
      if (d.is_fixed()) continue;
      notes.push_back(tr("pilot: {} is taken as known from the CRM: fixed at its mean {}",
                         info(b).path, d.mean()));
      replace_input(p.scenario, b, Distribution::fixed(d.mean()), notes, "pilot");
    }
    print_notes(console.err, notes, locale);
  }
  // The prior sample: 20,000 runs unless --runs says otherwise (each data set
  // weighs every run of the prior, so the work grows with runs x data sets).
  if (!p.options.runs) p.options.runs = 20'000;
  const auto allow = allow_threads(p.options.threads);
  Simulator sim(p.scenario, p.options);
  const std::string& cur = p.scenario.currency;
  const RunSample sample = simulate_sample(sim, sim.all_runs(), true);
  check_cancel(request.options);
  const std::size_t n = sample.size();
  const double mean_npv =
      std::accumulate(sample.npv.begin(), sample.npv.end(), 0.0) / static_cast<double>(n);
  std::vector<double> base_rate(n), conversion(n), no_show(n);
  double mean_rate = 0;
  for (std::size_t j = 0; j < n; ++j) {
    const InputValues& x = sample.inputs[j];
    const double c0 = x[index(Input::booking_conversion)];
    base_rate[j] = x[index(Input::leads_per_month)] * (1.0 + x[index(Input::lead_growth)]);
    conversion[j] = std::clamp(p.scenario.conversion_after_given
                                   ? x[index(Input::booking_conversion_after)]
                                   : c0 * (1.0 + x[index(Input::booking_conversion_uplift)]),
                               0.0, 1.0);
    no_show[j] = std::clamp(
        x[index(Input::no_show_rate)] * (1.0 - x[index(Input::no_show_reduction)]), 0.0, 1.0);
    mean_rate += x[index(Input::discount_rate_annual)] / static_cast<double>(n);
  }
  const std::size_t outer = std::min<std::size_t>(n, 4000);
  const std::uint64_t seed = sim.seed();

  struct Length {
    double weeks = 0;
    EvsiResult r;
    double delay = 0;
    std::optional<double> threshold;  ///< adopt when the pilot's conversion is at least this
  };
  std::vector<Length> lengths;
  const auto progress = progress_line(console);
  for (const double w : weeks) {
    check_cancel(request.options);
    if (progress) progress(static_cast<double>(lengths.size()) / static_cast<double>(weeks.size()));
    std::vector<double> rate(n);
    for (std::size_t j = 0; j < n; ++j) rate[j] = base_rate[j] * w / 4.345;
    const PilotPrior prior{sample.npv, rate, conversion, no_show};
    Length L;
    L.weeks = w;
    std::vector<PilotOutcome> outcomes;
    L.r = sim.execute([&] { return evsi_pilot(prior, outer, seed, &outcomes); });
    // The decision rule: the observed conversion (bookings / leads) that best
    // separates the data sets after which adopting is right.
    std::vector<std::pair<double, bool>> seen(outer);
    for (std::size_t i = 0; i < outer; ++i) {
      const PilotData& data = outcomes[i].data;
      seen[i] = {data.leads > 0
                     ? static_cast<double>(data.bookings) / static_cast<double>(data.leads)
                     : 0.0,
                 outcomes[i].posterior_mean > 0};
    }
    std::sort(seen.begin(), seen.end());
    // Misclassified with threshold between seen[k-1] and seen[k]: adopters below + rejecters above.
    std::size_t adopt_below = 0;
    std::size_t reject_above = 0;
    for (const auto& e : seen) reject_above += e.second ? 0 : 1;
    std::size_t best = reject_above;  // threshold below everything: adopt always
    std::optional<std::size_t> best_k = 0;
    for (std::size_t k = 0; k < seen.size(); ++k) {
      if (seen[k].second) {
        ++adopt_below;
      } else {
        --reject_above;
      }
      const bool boundary = k + 1 == seen.size() || seen[k + 1].first != seen[k].first;
      if (boundary && adopt_below + reject_above < best) {
        best = adopt_below + reject_above;
        best_k = k + 1;
      }
    }
    if (best_k && *best_k > 0 && *best_k < seen.size()) {
      L.threshold = 0.5 * (seen[*best_k - 1].first + seen[*best_k].first);
    } else if (best_k && *best_k == 0) {
      L.threshold = 0.0;  // adopt whatever the pilot shows
    }
    // The delay: the adoption (worth max(E[NPV], 0) now) comes w weeks later.
    L.delay = std::max(mean_npv, 0.0) * (1.0 - std::pow(1.0 + mean_rate, -w / 52.0));
    lengths.push_back(L);
  }
  const double fee = o.cost.value_or(0.0);
  std::size_t best = 0;
  for (std::size_t i = 1; i < lengths.size(); ++i) {
    const auto net = [&](const Length& L) { return L.r.value - L.delay - fee; };
    if (net(lengths[i]) > net(lengths[best])) best = i;
  }

  Document d;
  d.title = tr("Is a pilot worth it? {}", p.scenario.name);
  d.facts = common_facts(p.scenario, sim);
  d.facts[1].label = tr("Runs of the prior sample");
  d.facts.push_back(
      {"data_sets", tr("Simulated pilots per length"), Cell::count(static_cast<double>(outer))});
  d.facts.push_back({"mean_npv", tr("Expected NPV (adopt now)"), Cell::money(mean_npv, cur)});
  if (o.cost) d.facts.push_back({"cost", tr("Pilot fee"), Cell::money(fee, cur)});
  Section s;
  s.key = "evsi";
  s.heading = tr("Expected value of a pilot (EVSI) by length");
  Table t;
  t.key = "evsi";
  t.columns = {{"", tr("weeks"), Align::left},
               {"evsi", tr("EVSI")},
               {"se", tr("MC s.e.")},
               {"delay", tr("delay cost")},
               {"net", tr("EVSI - delay - fee")},
               {"worth", tr("worth it?")},
               {"rule", tr("adopt if conversion ≥")},
               {"ess", tr("min ESS")}};
  for (const Length& L : lengths) {
    Cell e = Cell::money(L.r.se, cur);
    e.sign = Sign::plus_minus;
    const double net = L.r.value - L.delay - fee;
    const bool sure = net - kZ95 * L.r.se > 0;
    const bool sure_not = net + kZ95 * L.r.se < 0;
    t.rows.push_back(
        {fmt::format("{}", L.weeks),
         {Cell::number(L.weeks, L.weeks == std::floor(L.weeks) ? 0 : 1),
          Cell::money(L.r.value, cur), e, Cell::money(L.delay, cur), Cell::money(net, cur),
          Cell::of_text(sure       ? tr("yes")
                        : sure_not ? tr("no")
                                   : tr("uncertain")),
          L.threshold ? Cell::probability(*L.threshold, 1) : Cell::not_available(),
          Cell::count(std::floor(L.r.min_ess))}});
  }
  s.table = std::move(t);
  const Length& B = lengths[best];
  const double best_net = B.r.value - B.delay - fee;
  s.paragraphs.push_back(tr("Best length: {} weeks (EVSI {} ± {}).", B.weeks,
                            render_cell(Cell::money(B.r.value, cur), locale),
                            render_cell(Cell::money(B.r.se, cur), locale)));
  s.paragraphs.push_back(best_net > 0
                             ? tr("It beats its cost (fee and delay) by {}.",
                                  render_cell(Cell::money(best_net, cur), locale))
                             : tr("It does not beat its cost (fee and delay): decide now ({}).",
                                  mean_npv > 0 ? tr("adopt") : tr("do not adopt")));
  if (B.threshold && *B.threshold == 0.0) {
    s.paragraphs.push_back(
        tr("After a {}-week pilot: adopt whatever it shows (no simulated "
           "pilot changes the decision).",
           B.weeks));
  } else if (B.threshold) {
    s.paragraphs.push_back(
        tr("Decision rule after a {}-week pilot: adopt if the pilot's booking conversion "
           "(bookings / leads) is at least {}; otherwise do not.",
           B.weeks, render_cell(Cell::probability(*B.threshold, 1), locale)));
  }
  s.notes.push_back(
      tr("A pilot of w weeks shows Poisson(L0 (1 + g) w / 4.345) leads, Binomial(leads, c1) "
         "bookings and Binomial(bookings, s1) no-shows; the owner then updates the effects by "
         "Bayes' rule (importance weights of the prior sample) and adopts only if the updated "
         "expected NPV is positive. Delay cost: the adoption's expected NPV discounted by w "
         "weeks at the mean discount rate. A small ESS (effective sample size of the weights) "
         "means a noisy posterior and an EVSI biased upwards."));
  d.sections.push_back(std::move(s));
  check_cancel(request.options);
  if (progress) progress(1.0);
  print(console.out, render_decision(d, request.format, locale), locale);
  return kExitOk;
}

}  // namespace simroi::app
