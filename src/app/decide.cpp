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
#include <map>
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
#include "simroi/scenario/validate.h"

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

/// The fewest runs a decision command computes from: voi's EVPPI regression
/// takes 4 runs a term of its basis (up to 231 terms, analysis/voi.h); the
/// others estimate a statistic and its standard error (2).
constexpr std::uint64_t kVoiLeastRuns = 1000;

/// solve: doublings of an open end's distance from the other end before the
/// search takes the range it has as the range (docs/decisions.md).
constexpr int kSolveDoublings = 10;

Prepared prepare(const Request& request, const Locale& locale, Console console) {
  Prepared p{load_scenarios(request, locale, console).front(), {}};
  p.options.seed = request.options.seed;
  p.options.runs = request.options.runs;
  p.options.threads = request.options.threads;
  const std::uint64_t least = request.command == Command::voi ? kVoiLeastRuns : 2;
  const char* command = command_name(request.command);
  if (request.options.runs && *request.options.runs < least) {
    throw UsageError(tr("--runs {}: {} needs at least {} runs",
                        Count{static_cast<std::int64_t>(*request.options.runs)}, command,
                        Count{static_cast<std::int64_t>(least)}));
  }
  // Without --runs the file's runs are used (pilot and --precision have their own).
  if (!request.options.runs && request.command != Command::pilot &&
      request.decide.precision.empty() && p.scenario.simulation.runs < least) {
    throw UsageError(tr("{}: simulation.runs is {}, and {} needs at least {} runs (give --runs)",
                        p.scenario.file,
                        Count{static_cast<std::int64_t>(p.scenario.simulation.runs)}, command,
                        Count{static_cast<std::int64_t>(least)}));
  }
  if (request.out_dir) prepare_output_dir(*request.out_dir);  // fail now, not after the runs
  return p;
}

/// What stdout shows: the document in --format, `--csv excel` honoured.
std::string decision_stdout(const Document& d, const Request& request, const Locale& locale) {
  if (request.format == Format::csv && request.csv == CsvFlavor::excel) {
    return render_decision_csv_excel(d);
  }
  return render_decision(d, request.format, locale);
}

/// --out DIR: the decision as STEM.md, STEM.csv and STEM.json beside `files`
/// (sweep's chart), written atomically (write_files).
void write_decision(const Request& request, const Document& d, std::string_view stem,
                    std::vector<OutputFile> files, const Locale& locale, Console console) {
  if (!request.out_dir) return;
  files.push_back({fmt::format("{}.json", stem), render_decision(d, Format::json, locale)});
  files.push_back({fmt::format("{}.csv", stem), render_decision(d, Format::csv, locale)});
  files.push_back({fmt::format("{}.md", stem), render_decision(d, Format::markdown, locale)});
  // As the report's --out: the Excel flavour too when asked for, or under Russian.
  if (request.csv ? *request.csv == CsvFlavor::excel : request.language == Language::ru) {
    files.push_back({fmt::format("{}-excel.csv", stem), render_decision_csv_excel(d)});
  }
  report_written(write_files(*request.out_dir, files).size(), *request.out_dir, locale, console);
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
    // An unbounded side stays unbounded (inf - inf would be NaN).
    const double below = mean - m.original.support_min();
    const double above = m.original.support_max() - mean;
    m.lo = std::isfinite(below) ? in.min + below : -std::numeric_limits<double>::infinity();
    m.hi = std::isfinite(above) ? in.max - above : std::numeric_limits<double>::infinity();
  } else {
    if (!m.original.is_fixed()) {
      notes.push_back(tr("{}: {} ({}) is set to one known value at a time", why, in.path,
                         m.original.description()));
    }
    replace_input(s, id, Distribution::fixed(m.original.mean()), notes, why);
    m.lo = in.min;
    m.hi = in.max;
  }
  return m;
}

/// sim.set_input(id, d), its problems (validate()) named after the option
/// that asked for the value: "salon.yaml: --vary costs.implementation at
/// 0 ₽: costs: the total cost can be 0 ...", rather than blaming the file.
void set_point(Simulator& sim, Input id, const Distribution& d, const std::string& file,
               const std::string& option) {
  try {
    sim.set_input(id, d);
  } catch (const ScenarioError& e) {
    std::vector<Diagnostic> problems = e.diagnostics();
    for (Diagnostic& problem : problems) blame_option(problem, file, option);
    throw ScenarioError(std::move(problems));
  }
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
      {"seed", tr("Seed"), Cell::whole(sim.seed())},
  };
}

std::string format_theta(Input id, double v, const std::string& currency, const Locale& locale) {
  if (std::isinf(v)) return v > 0 ? "+∞" : "−∞";
  return render_cell(input_cell(id, v, currency), locale);
}

// ----- names a person reads ------------------------------------------------------
// The human formats name inputs and statistics as the main report does
// ("Implementation cost (one-time)", "P(payback ≤ 6 months)"); the machine
// formats keep the keys (column and row keys, json) and the diagnostics keep
// what the user typed (--vary costs.implementation).

Text input_label(Input id) {
  return input_name(id);
}

Text input_in_sentence(Input id) {
  return input_name_in_sentence(id);
}

/// true when `st` asks about a payback month after the horizon: a run that
/// has not paid back by month H may pay back at any later month, so
/// P(payback <= 6) on a 3-month horizon is not known (the report shows "—").
bool beyond_horizon(const Statistic& st, int horizon) {
  return st.kind == Statistic::Kind::probability && st.metric == Metric::payback &&
         st.threshold > horizon;
}

/// Why a statistic beyond_horizon() is refused.
Text beyond_horizon_why(int horizon) {
  return tr(
      "the horizon is {} months, so a payback after month {} is not simulated; use a threshold "
      "of at most {} months",
      horizon, horizon, horizon);
}

/// The fewest decimals (up to 6) that write `v` exactly: 6 -> 0, 2.5 -> 1.
int decimals_of(double v) {
  for (int d = 0; d < 6; ++d) {
    if (std::abs(v * std::pow(10.0, d) - std::round(v * std::pow(10.0, d))) < 1e-9) return d;
  }
  return 6;
}

Text metric_text(Metric m) {
  // TRANSLATORS: the quantity a statistic is of (solve, sweep): "mean {}", "P({} < {})"
  switch (m) {
    case Metric::roi:
      return trc("metric", "ROI");
    case Metric::net:
      return trc("metric", "net profit");
    case Metric::npv:
      return trc("metric", "NPV");
    case Metric::payback:
      return trc("metric", "payback");
  }
  return trc("metric", "ROI");
}

/// A value of `m` in its unit: ROI in percent, money in the currency, payback in months.
Text metric_value_text(Metric m, double v, const std::string& currency) {
  switch (m) {
    case Metric::roi:
      return Text({}, "{}", {}, std::nullopt, {Percent{v, decimals_of(v)}});
    case Metric::net:
    case Metric::npv:
      return Text({}, "{}", {}, std::nullopt, {Money{v, currency}});
    case Metric::payback:
      if (v == std::round(v) && std::abs(v) < 1e9) {
        const auto n = static_cast<std::int64_t>(v);
        return trn("{} month", "{} months", n, n);
      }
      return trc("months", "{} mo.", Number{v, decimals_of(v), false});
  }
  return Text::verbatim(fmt::format("{}", v));
}

const char* compare_sign(Compare c) {
  switch (c) {
    case Compare::less:
      return "<";
    case Compare::less_equal:
      return "≤";
    case Compare::greater:
      return ">";
    case Compare::greater_equal:
      return "≥";
  }
  return "<";
}

/// A statistic as the reports name it: "mean ROI", "P90 of payback",
/// "P(payback ≤ 6 months)"; `heading`: capitalised, to open a title ("Mean ROI").
Text statistic_text(const Statistic& s, const std::string& currency, bool heading = false) {
  const Text metric = metric_text(s.metric);
  switch (s.kind) {
    case Statistic::Kind::mean:
      return heading ? trc("statistic, heading", "Mean {}", metric)
                     : trc("statistic", "mean {}", metric);
    case Statistic::Kind::percentile:
      if (s.percentile == 50) {
        return heading ? trc("statistic, heading", "Median {}", metric)
                       : trc("statistic", "median {}", metric);
      }
      return trc("statistic", "P{} of {}", Number{s.percentile, decimals_of(s.percentile), false},
                 metric);
    case Statistic::Kind::shortfall:
      return heading ? trc("statistic, heading", "Mean {} of the worst 5 % of runs", metric)
                     : trc("statistic", "mean {} of the worst 5 % of runs", metric);
    case Statistic::Kind::probability:
      return trc("statistic", "P({} {} {})", metric, compare_sign(s.compare),
                 metric_value_text(s.metric, s.threshold, currency));
  }
  return Text::verbatim(to_string(s));
}

/// A target as a sentence's object: "P(payback ≤ 6 months) ≥ 90 %".
Text target_text(const Target& t, const std::string& currency) {
  const Text value = t.statistic.kind == Statistic::Kind::probability
                         ? Text({}, "{}", {}, std::nullopt,
                                {Percent{100.0 * t.value, decimals_of(100.0 * t.value)}})
                         : metric_value_text(t.statistic.metric, t.value, currency);
  return trc("target", "{} {} {}", statistic_text(t.statistic, currency), compare_sign(t.compare),
             value);
}

}  // namespace

// ----- precision and progress ---------------------------------------------------

namespace {

/// Every precision loop starts at this many runs (or simulated pilots) and
/// doubles (docs/decisions.md, "Precision on demand").
constexpr std::uint64_t kPrecisionStart = 10'000;
constexpr std::uint64_t kPrecisionCap = 10'000'000;  ///< run, solve, sweep: the cap without --runs
constexpr std::uint64_t kVoiPrecisionCap = 1'000'000;  ///< voi keeps every run's inputs
constexpr std::uint64_t kPilotPrecisionStart = 1'000;  ///< simulated pilots
constexpr const char* kDefaultPrecision = "median(roi)=1,P(roi<0)=0.5%,P(payback<=6)=0.5%";
constexpr double kDefaultValuePrecision = 0.02;  ///< voi, pilot: 2 % of EVPI

/// A statistic and the half-width its 95 % interval may have.
struct Want {
  Statistic statistic;
  double half = 0;
};

double half_width(const Evaluation& e) {
  return e.low && e.high ? 0.5 * (*e.high - *e.low) : kInf;
}

/// Whether a number as typed ends in "%" (trailing spaces ignored), as
/// parse_number() reads it.
bool written_as_percent(std::string_view text) {
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return !text.empty() && text.back() == '%';
}

/// A half-width in the statistic's units: "0.5%" is 0.005 of a probability
/// and 0.5 percentage points of ROI.
std::optional<double> parse_half(const Statistic& st, std::string_view text) {
  auto half = parse_number(text);
  if (half && st.kind != Statistic::Kind::probability && written_as_percent(text)) {
    *half *= 100;
  }
  if (!half || !(*half > 0)) return std::nullopt;
  return half;
}

/// "STAT=HALF,STAT=HALF", or "default" for `fallback`.
/// `horizon`: a payback probability past it is left out of the default and
/// refused when named (beyond_horizon()).
std::vector<Want> parse_precision(const std::string& given, const std::string& fallback,
                                  int horizon) {
  const std::string spec = given == "default" ? fallback : given;
  std::vector<Want> wants;
  std::size_t start = 0;
  while (start <= spec.size()) {
    const std::size_t comma = spec.find(',', start);
    const std::string item =
        spec.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    const std::size_t eq = item.rfind('=');
    if (item.find_first_not_of(' ') == std::string::npos) {
      throw UsageError(tr("--precision {}: an empty item (two commas, or one at an end)", spec));
    }
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
    const auto half = parse_half(*st, item.substr(eq + 1));
    if (!half) throw bad(tr("the half-width must be a number above 0"));
    // A probability's 95 % interval is never wider than [0, 1]: a half-width
    // of 50 % or more is met by any run count and is a mistyped value.
    if (st->kind == Statistic::Kind::probability && *half >= 0.5) {
      throw bad(tr("the half-width of a probability must be below 50 % (e.g. 0.5%)"));
    }
    if (beyond_horizon(*st, horizon)) {
      if (given != "default") {
        throw bad(beyond_horizon_why(horizon));
      }
    } else {
      wants.push_back({*st, *half});
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return wants;
}

bool wants_met(const std::vector<Want>& wants, const RunSample& sample) {
  return std::all_of(wants.begin(), wants.end(), [&](const Want& w) {
    return half_width(evaluate(w.statistic, sample)) <= w.half;
  });
}

void require_monte_carlo(const Scenario& scenario) {
  if (scenario.simulation.sampling == Sampling::latin_hypercube) {
    throw UsageError(
        tr("--precision: needs simulation.sampling: monte_carlo (a Latin hypercube "
           "design cannot grow run by run)"));
  }
}

/// The precision loop: simulate runs [0, 10 000), then up to 20 000,
/// 40 000, ... (at most `cap`), appending to `sample`, until `met(sample)`.
/// Run i is the same run whatever the count, so the loop is deterministic.
/// Returns whether `met` was reached (else the sample holds `cap` runs).
template <class Met>
bool grow_until(Simulator& sim, RunSample& sample, std::uint64_t cap, bool with_inputs,
                const Request& request, const RunControl& control, Met&& met) {
  std::uint64_t n = std::min(kPrecisionStart, cap);
  for (;;) {
    check_cancel(request.options);
    RunSample more = simulate_sample(sim, {sample.size(), n}, with_inputs, control);
    for (auto [to, from] : {std::pair{&sample.roi, &more.roi},
                            {&sample.net, &more.net},
                            {&sample.npv, &more.npv},
                            {&sample.payback, &more.payback}}) {
      to->insert(to->end(), from->begin(), from->end());
    }
    sample.inputs.insert(sample.inputs.end(), more.inputs.begin(), more.inputs.end());
    if (met(sample)) return true;
    if (n >= cap) return false;
    n = std::min(cap, 2 * n);
  }
}

/// voi's and pilot's --precision: an amount in the currency, or "N%" of EVPI.
struct ValuePrecision {
  double amount = 0;
  bool of_evpi = false;
  [[nodiscard]] double half(double evpi_value) const {
    return of_evpi ? amount * evpi_value : amount;
  }
};

ValuePrecision parse_value_precision(const std::string& given, std::string_view command) {
  if (given == "default") return {kDefaultValuePrecision, true};
  const auto v = parse_number(given);
  if (!v || !(*v > 0)) {
    throw UsageError(
        tr("--precision {}: {} takes the half-width of its 95 % intervals as an amount "
           "(e.g. 500) or a share of EVPI (e.g. 2%), or default (2% of EVPI)",
           given, command));
  }
  return {*v, written_as_percent(given)};
}

/// solve's --precision: the half-width of the target's statistic ("default",
/// a bare half-width, or STAT=HALF naming that statistic).
double solve_precision(const std::string& given, const Target& target) {
  const Statistic& st = target.statistic;
  if (given == "default") {
    if (st.kind == Statistic::Kind::probability) return 0.005;
    switch (st.metric) {
      case Metric::roi:
        return 1.0;
      case Metric::payback:
        return 0.1;
      case Metric::net:
      case Metric::npv:
        break;
    }
    throw UsageError(
        tr("--precision default: {} is an amount of money; give its half-width, e.g. "
           "--precision 5000",
           to_string(st)));
  }
  if (given.find('=') == std::string::npos) {
    if (const auto half = parse_half(st, given)) return *half;
    throw UsageError(
        tr("--precision {}: expected the half-width of {} (a number above 0) "
           "or {}=HALF-WIDTH",
           given, to_string(st), to_string(st)));
  }
  const std::vector<Want> wants =
      parse_precision(given, "", std::numeric_limits<int>::max());  // the target is checked
  if (wants.size() != 1 || to_string(wants.front().statistic) != to_string(st)) {
    throw UsageError(
        tr("--precision {}: solve resolves its target's statistic only; give "
           "{}=HALF-WIDTH or just the half-width",
           given, to_string(st)));
  }
  return wants.front().half;
}

std::string describe(const ValuePrecision& vp, const std::string& currency, const Locale& locale) {
  return vp.of_evpi ? fmt::format("{:g}% EVPI", 100 * vp.amount)
                    : render_cell(Cell::money(vp.amount, currency), locale);
}

}  // namespace

std::uint64_t runs_for_precision(const Scenario& scenario, const Request& request,
                                 const Locale& locale, Console console) {
  const std::string spec = request.decide.precision == "default" ? std::string(kDefaultPrecision)
                                                                 : request.decide.precision;
  const std::vector<Want> wants =
      parse_precision(request.decide.precision, kDefaultPrecision, scenario.horizon_months);
  require_monte_carlo(scenario);
  const std::uint64_t cap = request.options.runs.value_or(kPrecisionCap);
  if (cap < 2) {
    throw UsageError(tr("--runs {}: --precision needs at least {} runs (the cap)",
                        Count{static_cast<std::int64_t>(cap)}, Count{2}));
  }
  SimulatorOptions so;
  so.seed = request.options.seed;
  so.threads = request.options.threads;
  so.runs = cap;
  const auto allow = allow_threads(so.threads);
  Simulator sim(scenario, so);
  RunSample sample;
  RunControl control;
  control.cancel = request.options.cancel;
  control.progress = progress_line(console);
  const bool reached = grow_until(sim, sample, cap, false, request, control,
                                  [&](const RunSample& s) { return wants_met(wants, s); });
  const std::uint64_t n = sample.size();
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
  if (const auto eq = o.vary.front().find('='); eq != std::string::npos) {
    throw UsageError(
        tr("--vary {}: solve finds the value itself; give the input alone "
           "(--vary {}), or list values with simroi sweep",
           o.vary.front(), o.vary.front().substr(0, eq)));
  }
  const Input id = parse_input_key("--vary", o.vary.front());
  Prepared p = prepare(request, locale, console);
  std::vector<Text> notes;
  const Mover mover = make_mover(p.scenario, id, notes, "--vary " + std::string(info(id).path));
  print_notes(console.err, notes, locale);
  // --precision: the runs per evaluation are chosen first (docs/decisions.md):
  // a scouting search at 10 000 runs an evaluation locates the boundary (or,
  // when the target holds at neither or both ends, those ends); there the
  // runs double until the target's statistic's interval is within the
  // half-width (at an end: or excludes the target); the search then runs at
  // that count, every evaluation on the same runs (common random numbers).
  std::optional<double> wanted_half;
  std::uint64_t cap = 0;
  if (!o.precision.empty()) {
    require_monte_carlo(p.scenario);
    wanted_half = solve_precision(o.precision, *target);
    cap = request.options.runs.value_or(kPrecisionCap);
    p.options.runs = cap;
  }
  const auto allow = allow_threads(p.options.threads);
  Simulator sim(p.scenario, p.options);
  const std::string& cur = p.scenario.currency;
  const int horizon = sim.horizon_months();
  if (beyond_horizon(target->statistic, horizon)) {
    throw UsageError(tr("--target {}: {}", o.target, beyond_horizon_why(horizon)));
  }

  // Progress: evaluations out of the budget (the search usually stops earlier).
  const auto progress = progress_line(console);
  int evaluated = 0;
  std::uint64_t per_evaluation = wanted_half ? std::min(kPrecisionStart, cap) : sim.runs();
  std::uint64_t runs_total = 0;
  // Each (value, runs) is simulated once: the range's ends found below are
  // the search's first two evaluations.
  std::map<std::pair<double, std::uint64_t>, Evaluation> done;
  RunSample sample;  // reused: its columns are refilled, not reallocated
  const auto evaluate_at = [&](double theta) {
    const auto key = std::pair{theta, per_evaluation};
    if (const auto it = done.find(key); it != done.end()) return it->second;
    check_cancel(request.options);
    if (progress) progress(std::min(0.99, evaluated / 60.0));
    ++evaluated;
    set_point(sim, id, mover.at(theta), p.scenario.file,
              fmt::format("--vary {} at {}", info(id).path, theta));
    runs_total += per_evaluation;
    simulate_sample_into(sim, {0, per_evaluation}, sample);
    return done[key] = evaluate(target->statistic, sample);
  };
  // The valid range: an infinite end is found by doubling until the target
  // changes, at most kSolveDoublings times (out to 2 048 x the input's mean):
  // a target that holds (or fails) that far out is reported over the range
  // searched, not at 1e16 rubles.
  double lo = mover.lo;
  double hi = mover.hi;
  // A finite end may itself be invalid, the range being open there (a setup
  // cost of 0 with no other cost): the search starts a hair inside it.
  for (double* end : {&lo, &hi}) {
    if (!std::isfinite(*end) || sim.problems_with(id, mover.at(*end)).empty()) continue;
    const double inward = end == &lo ? 1.0 : -1.0;
    const double other = end == &lo ? hi : lo;
    const double scale = std::isfinite(other)
                             ? std::abs(other - *end)
                             : std::max({1.0, std::abs(*end), std::abs(mover.original.mean())});
    *end += inward * scale * 1e-9;
  }
  // An infinite end the search stopped short of, the statistic having moved
  // away from the target: the answer covers the range up to it.
  bool open_lo = false, open_hi = false;
  bool reach_capped = false;  // the open end (lo or hi) taken at the search's reach
  if (!std::isfinite(lo) || !std::isfinite(hi)) {
    bool open_end = false;
    const double start = std::max(1.0, std::abs(mover.original.mean()));
    const bool finite_lo = std::isfinite(lo);
    double end = finite_lo ? std::max(lo + start, 2 * start) : std::min(hi - start, -2 * start);
    const double fixed_end = finite_lo ? lo : hi;
    const Evaluation at_fixed_end = evaluate_at(fixed_end);
    const bool at_fixed = holds(at_fixed_end.value, target->compare, target->value);
    // +1 when the statistic must rise to reach the target's threshold.
    const double toward = target->value > at_fixed_end.value ? 1.0 : -1.0;
    for (int i = 0; i <= kSolveDoublings; ++i) {
      const Evaluation e = evaluate_at(end);
      if (holds(e.value, target->compare, target->value) != at_fixed) break;
      // Moved away from the threshold, beyond both values' 95 % intervals:
      // as the statistic is taken to be monotone in the input (the report
      // says so), no farther value crosses it, and doubling on (to 1e16 ₽
      // and more) would only cost time and print absurd values.
      const double end_near = toward > 0 ? e.high.value_or(e.value) : e.low.value_or(e.value);
      const double fixed_far = toward > 0 ? at_fixed_end.low.value_or(at_fixed_end.value)
                                          : at_fixed_end.high.value_or(at_fixed_end.value);
      if ((end_near - fixed_far) * toward < 0) {
        open_end = true;
        break;
      }
      if (i == kSolveDoublings) {
        reach_capped = true;
        break;
      }
      end = fixed_end + 2 * (end - fixed_end);
    }
    (finite_lo ? hi : lo) = end;
    open_lo = open_end && !finite_lo;
    open_hi = open_end && finite_lo;
  }
  SolveOptions so;
  so.tolerance = std::max((hi - lo) * 1e-4, 1e-12);
  // The boundary and the band's edges to 5 % of the band: finer would only
  // place them more closely than the runs can tell them apart.
  so.band_fraction = 0.05;
  so.max_evaluations = 60;
  int scout_evaluations = 0;
  std::uint64_t boundary_runs = 0;  // --precision: the runs grown at the boundary (or the ends)
  const std::uint64_t scout_runs = per_evaluation;
  bool precision_reached = true;
  if (wanted_half) {
    const SolveResult scout =
        solve_boundary(evaluate_at, lo, hi, target->compare, target->value, so);
    scout_evaluations = evaluated;  // the range's search and the scouting, at 10 000 runs
    const bool found = scout.status == SolveResult::Status::found;
    std::uint64_t most = per_evaluation;
    for (const double theta : found ? std::vector<double>{*scout.value} : std::vector{lo, hi}) {
      check_cancel(request.options);
      set_point(sim, id, mover.at(theta), p.scenario.file,
                fmt::format("--vary {} at {}", info(id).path, theta));
      RunSample sample;
      precision_reached =
          grow_until(sim, sample, cap, false, request, {},
                     [&](const RunSample& r) {
                       const Evaluation e = evaluate(target->statistic, r);
                       const bool resolved =
                           e.low && e.high && (*e.high < target->value || *e.low > target->value);
                       return half_width(e) <= *wanted_half || (!found && resolved);
                     }) &&
          precision_reached;
      runs_total += sample.size();
      boundary_runs += sample.size();
      most = std::max<std::uint64_t>(most, sample.size());
    }
    per_evaluation = most;
  }
  const SolveResult r = solve_boundary(evaluate_at, lo, hi, target->compare, target->value, so);

  Document d;
  const Text goal = target_text(*target, cur);
  d.title = tr("Goal seek: {} for {}", input_label(id), goal);
  d.facts = common_facts(p.scenario, sim);
  // Evaluations simulated at the runs an evaluation (the range's search too;
  // a value the search asks for twice is simulated once). When --precision
  // needed no more runs than the scouting's, the scouting is the search.
  const bool scouted_apart = wanted_half && per_evaluation != scout_runs;
  d.facts.push_back({"evaluations", tr("Evaluations"),
                     Cell::count(scouted_apart ? evaluated - scout_evaluations : evaluated)});
  d.facts[1].value = Cell::count(static_cast<double>(per_evaluation));
  if (wanted_half) {
    d.facts.push_back(
        {"precision", tr("Precision (95 % half-width)"),
         Cell::of_text(Text::verbatim(
             fmt::format("{} = {}", statistic_text(target->statistic, cur).render(locale),
                         render_cell(statistic_cell(target->statistic, *wanted_half, horizon, cur),
                                     locale))))});
    if (scouted_apart) {
      d.facts.push_back({"scout_evaluations", tr("Scouting evaluations (10 000 runs each)"),
                         Cell::count(scout_evaluations)});
    }
    d.facts.push_back({"precision_runs", tr("Runs grown at the boundary for the precision"),
                       Cell::count(static_cast<double>(boundary_runs))});
  }
  d.facts.push_back(
      {"moved_as", tr("The input moves as"),
       Cell::of_text(mover.shift ? tr("its distribution shifted; the value is its mean")
                                 : tr("one known value"))});
  Section s;
  s.key = "answer";
  s.heading = tr("Answer");
  const Text what = input_in_sentence(id);
  const double inf = std::numeric_limits<double>::infinity();
  const std::string lo_text = format_theta(id, open_lo ? -inf : lo, cur, locale);
  const std::string hi_text = format_theta(id, open_hi ? inf : hi, cur, locale);
  Table t;
  t.key = "answer";
  t.columns = {{"", Text(), Align::left},
               {"value", tr("value")},
               {"low", tr("95 % low")},
               {"high", tr("95 % high")}};
  switch (r.status) {
    case SolveResult::Status::found: {
      const std::string v = format_theta(id, *r.value, cur, locale);
      s.paragraphs.push_back(
          r.holds_above
              ? tr("The smallest {} with {} is {}: the target holds above it.", what, goal, v)
              : tr("The largest {} with {} is {}: the target holds below it.", what, goal, v));
      if (r.band_low && r.band_high) {
        s.paragraphs.push_back(
            tr("Monte Carlo uncertainty: between {} and {} the statistic's 95 % interval "
               "contains the target, so the boundary lies there.",
               format_theta(id, *r.band_low, cur, locale),
               format_theta(id, *r.band_high, cur, locale)));
      }
      t.rows.push_back(
          {"value",
           {Cell::of_text(tr("{} at the boundary", input_label(id))), input_cell(id, *r.value, cur),
            r.band_low ? input_cell(id, *r.band_low, cur) : Cell::not_available(),
            r.band_high ? input_cell(id, *r.band_high, cur) : Cell::not_available()}});
      t.rows.push_back({"statistic",
                        {Cell::of_text(tr("{} there", statistic_text(target->statistic, cur))),
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
          reach_capped ? tr("{} holds for every value of {} searched ({} to {}): any value "
                            "will do.",
                            goal, what, lo_text, hi_text)
                       : tr("{} holds over the whole valid range of {} ({} to {}): any "
                            "value will do.",
                            goal, what, lo_text, hi_text));
      break;
    case SolveResult::Status::never_met:
      s.paragraphs.push_back(tr("Not reachable: no value of {} from {} to {} gives {}.", what,
                                lo_text, hi_text, goal));
      break;
  }
  if (reach_capped && r.status != SolveResult::Status::found) {
    s.notes.push_back(
        tr("The valid range of {} has no end on one side; the search doubled its "
           "distance {} times without the target changing and stopped at {}.",
           what, kSolveDoublings, std::isfinite(mover.lo) ? hi_text : lo_text));
  }
  if (r.status != SolveResult::Status::found) {
    for (const double theta : {lo, hi}) {
      const Evaluation e = evaluate_at(theta);
      t.rows.push_back({theta == lo ? "at_low_end" : "at_high_end",
                        {Cell::of_text(tr("{} at {} = {}", statistic_text(target->statistic, cur),
                                          what, format_theta(id, theta, cur, locale))),
                         statistic_cell(target->statistic, e.value, horizon, cur),
                         optional_statistic_cell(target->statistic, e.low, horizon, cur),
                         optional_statistic_cell(target->statistic, e.high, horizon, cur)}});
    }
  }
  s.table = std::move(t);
  if (wanted_half) {
    s.notes.push_back(
        precision_reached
            ? tr("--precision: {} runs an evaluation put the statistic's 95 % interval at the "
                 "boundary within the half-width (found by a scouting search at 10 000 runs).",
                 Count{static_cast<std::int64_t>(per_evaluation)})
            : tr("--precision was not reached within the cap of {} runs an evaluation (raise it "
                 "with --runs).",
                 Count{static_cast<std::int64_t>(cap)}));
  }
  s.notes.push_back(
      tr("Every evaluation uses the same random draws of the other inputs (common random "
         "numbers), so the statistic moves only with {}; the answer assumes it is monotone "
         "in {} over {} to {}.",
         what, what, lo_text, hi_text));
  d.sections.push_back(std::move(s));
  d.facts.push_back(
      {"runs_total", tr("Runs in all"), Cell::count(static_cast<double>(runs_total))});
  check_cancel(request.options);
  if (progress) progress(1.0);
  print(console.out, decision_stdout(d, request, locale), locale);
  write_decision(request, d, "solve", {}, locale, console);
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
  if (info(v.input).is_money && list.find('%') != std::string_view::npos) {
    throw UsageError(
        tr("--vary {}: {} is an amount of money, not a percentage: write it in "
           "roubles, e.g. {}=10000,20000",
           text, info(v.input).path, info(v.input).path));
  }
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
    if (std::find(v.values.begin(), v.values.end(), *x) != v.values.end()) {
      throw bad(tr("'{}' is given twice", item));
    }
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
  // --precision: each point grows its runs until every named interval is
  // within its half-width.
  std::vector<Want> wants;
  std::uint64_t cap = 0;
  if (!o.precision.empty()) {
    require_monte_carlo(p.scenario);
    wants = parse_precision(o.precision, kDefaultPrecision, p.scenario.horizon_months);
    cap = request.options.runs.value_or(kPrecisionCap);
    p.options.runs = cap;
  }
  const auto allow = allow_threads(p.options.threads);
  Simulator sim(p.scenario, p.options);
  const std::string& cur = p.scenario.currency;
  const int horizon = sim.horizon_months();
  // The default list leaves out a payback probability past the horizon;
  // one asked for is refused.
  for (auto it = stats.begin(); it != stats.end();) {
    if (!beyond_horizon(*it, horizon)) {
      ++it;
    } else if (o.stats.empty()) {
      it = stats.erase(it);
    } else {
      throw UsageError(tr("--stat {}: {}", to_string(*it), beyond_horizon_why(horizon)));
    }
  }

  Table t;
  t.key = "sweep";
  for (const VaryList& v : vary) {
    t.columns.push_back({std::string(info(v.input).path), input_label(v.input)});
  }
  if (!wants.empty()) t.columns.push_back({"runs", tr("runs")});
  for (const Statistic& st : stats) {
    const std::string key = to_string(st);
    t.columns.push_back({key, statistic_text(st, cur)});
    t.columns.push_back({key + " ±", tr("± (95 %)")});
  }
  Figure fig;
  fig.key = "sweep";
  // TRANSLATORS: the sweep chart's title: "Mean ROI by implementation cost (one-time)"
  fig.title = trc("chart title", "{} by {}", statistic_text(stats.front(), cur, true),
                  input_in_sentence(vary[0].input));
  fig.x.label = input_label(vary[0].input);
  fig.x.unit = info(vary[0].input).is_money  ? CellKind::money
               : info(vary[0].input).is_rate ? CellKind::probability
                                             : CellKind::number;
  fig.x.currency = cur;
  fig.y.label = statistic_text(stats.front(), cur);
  fig.y.unit = statistic_cell(stats.front(), 0, horizon, cur).kind;
  fig.y.currency = cur;
  fig.y.decimals = fig.y.unit == CellKind::probability || fig.y.unit == CellKind::percent ? 0 : 0;

  // The Monte Carlo error of the charted statistic: its 95 % interval as a
  // band behind each line (with two inputs, one band per line in its colour,
  // and one legend entry for them all: a band with no points, not drawn).
  const Text band_label = tr("95 % interval (Monte Carlo error)");
  if (vary.size() == 2) {
    Series legend_only;
    legend_only.key = "interval_legend";
    legend_only.kind = SeriesKind::band;
    legend_only.role = SeriesRole::scenario;
    legend_only.colour = 6;  // black in the palette, so a grey swatch: the bands' shading
    legend_only.label = band_label;
    fig.series.push_back(std::move(legend_only));
  }

  const std::size_t outer = vary.size() == 2 ? vary[1].values.size() : 1;
  const auto progress = progress_line(console);
  bool reached = true;     // --precision: at every point
  std::uint64_t most = 0;  // --precision: the most runs a point took
  RunSample sample;        // reused from point to point
  std::uint64_t runs_total = 0;
  for (std::size_t k = 0; k < outer; ++k) {
    Series series;
    series.key = vary.size() == 2 ? fmt::format("series_{}", k) : "values";
    series.kind = SeriesKind::line;
    series.role = vary.size() == 2 ? SeriesRole::scenario : SeriesRole::central;
    series.colour = static_cast<int>(k);
    if (vary.size() == 1) series.label = statistic_text(stats.front(), cur);
    if (vary.size() == 2) {
      series.label = tr("{} = {}", input_label(vary[1].input),
                        format_theta(vary[1].input, vary[1].values[k], cur, locale));
      set_point(sim, vary[1].input, movers[1].at(vary[1].values[k]), p.scenario.file,
                fmt::format("--vary {} at {}", info(vary[1].input).path, vary[1].values[k]));
    }
    for (const double x : vary[0].values) {
      check_cancel(request.options);
      if (progress) {
        progress(static_cast<double>(t.rows.size()) /
                 static_cast<double>(outer * vary[0].values.size()));
      }
      set_point(sim, vary[0].input, movers[0].at(x), p.scenario.file,
                vary.size() == 2
                    ? fmt::format("--vary {} at {}, --vary {} at {}", info(vary[0].input).path, x,
                                  info(vary[1].input).path, vary[1].values[k])
                    : fmt::format("--vary {} at {}", info(vary[0].input).path, x));
      if (wants.empty()) {
        simulate_sample_into(sim, sim.all_runs(), sample);
      } else {
        sample = RunSample{};
        reached = grow_until(sim, sample, cap, false, request, {},
                             [&](const RunSample& r) { return wants_met(wants, r); }) &&
                  reached;
        most = std::max<std::uint64_t>(most, sample.size());
      }
      runs_total += sample.size();
      Row row;
      row.key = fmt::format("{}", x);
      row.cells.push_back(input_cell(vary[0].input, x, cur));
      if (vary.size() == 2) {
        row.key += fmt::format(",{}", vary[1].values[k]);
        row.cells.push_back(input_cell(vary[1].input, vary[1].values[k], cur));
      }
      if (!wants.empty()) row.cells.push_back(Cell::count(static_cast<double>(sample.size())));
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
    Series band;
    band.key = vary.size() == 2 ? fmt::format("interval_{}", k) : "interval";
    band.kind = SeriesKind::band;
    band.role = vary.size() == 2 ? SeriesRole::scenario : SeriesRole::outer_band;
    band.colour = series.colour;
    if (vary.size() == 1) band.label = band_label;
    band.points = series.points;
    fig.series.push_back(std::move(band));
    fig.series.push_back(std::move(series));
  }
  Document d;
  d.title = vary.size() == 1 ? tr("Sweep of {}", input_in_sentence(vary[0].input))
                             : tr("Sweep of {} and {}", input_in_sentence(vary[0].input),
                                  input_in_sentence(vary[1].input));
  d.facts = common_facts(p.scenario, sim);
  if (!wants.empty()) {
    d.facts[1] = {"runs", tr("Runs per point (most)"), Cell::count(static_cast<double>(most))};
    d.facts.push_back({"precision", tr("Precision (95 % half-width)"),
                       Cell::of_text(Text::verbatim(o.precision == "default" ? kDefaultPrecision
                                                                             : o.precision))});
  }
  d.facts.push_back(
      {"runs_total", tr("Runs in all"), Cell::count(static_cast<double>(runs_total))});
  Section s;
  s.key = "sweep";
  s.heading = tr("Decision table");
  s.table = std::move(t);
  if (!wants.empty()) {
    s.notes.push_back(
        reached ? tr("--precision: each row ran until every named 95 % interval was within its "
                     "half-width (runs column); row i's runs are the first runs of every "
                     "longer row, so the rows still share their draws.")
                : tr("--precision was not reached at every row within the cap of {} runs "
                     "(raise it with --runs).",
                     Count{static_cast<std::int64_t>(cap)}));
  }
  s.notes.push_back(
      tr("Every row uses the same random draws of the other inputs (common random numbers): "
         "a difference between rows is the change of the varied input, not noise. ± is half "
         "the 95 % interval of each statistic on its own."));
  s.figures.push_back(fig);
  d.sections.push_back(std::move(s));
  check_cancel(request.options);
  if (progress) progress(1.0);
  print(console.out, decision_stdout(d, request, locale), locale);
  if (request.out_dir) {
    std::vector<OutputFile> files;
    for (const ChartFormat format : {ChartFormat::svg, ChartFormat::png, ChartFormat::pdf}) {
      files.push_back(
          {fmt::format("sweep.{}", chart_extension(format)), render_chart(fig, locale, format)});
    }
    write_decision(request, d, "sweep", std::move(files), locale, console);
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

/// A Monte Carlo standard error in money, printed "±".
Cell plus_minus_money(double se, const std::string& currency) {
  Cell c = Cell::money(se, currency);
  c.sign = Sign::plus_minus;
  return c;
}

/// A row of the value-of-information tables: its label, the value and its
/// standard error (the EVPPI table adds its bias and R²).
Row value_row(std::string key, Text label, double value, double se, const std::string& currency) {
  return {std::move(key),
          {Cell::of_text(std::move(label)), Cell::money(value, currency),
           plus_minus_money(se, currency)}};
}

std::vector<double> input_column(const RunSample& sample, Input id) {
  std::vector<double> c(sample.size());
  for (std::size_t i = 0; i < c.size(); ++i) c[i] = sample.inputs[i][index(id)];
  return c;
}

}  // namespace

int run_voi(const Request& request, const Locale& locale, Console console) {
  Prepared p = prepare(request, locale, console);
  // --precision: runs until EVPI's 95 % interval is within the half-width.
  std::optional<ValuePrecision> precision;
  std::uint64_t cap = 0;
  if (!request.decide.precision.empty()) {
    require_monte_carlo(p.scenario);
    precision = parse_value_precision(request.decide.precision, "voi");
    cap = request.options.runs.value_or(kVoiPrecisionCap);
    p.options.runs = cap;
  }
  const auto allow = allow_threads(p.options.threads);
  Simulator sim(p.scenario, p.options);
  const std::string& cur = p.scenario.currency;
  RunSample sample;
  bool reached = true;
  if (precision) {
    reached = grow_until(sim, sample, cap, true, request, {}, [&](const RunSample& s) {
      const McEstimate e = evpi(s.npv);
      return kZ95 * e.se <= precision->half(e.value);
    });
  } else {
    sample = simulate_sample(sim, sim.all_runs(), true);
  }
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
        items[i] = {std::string(info(uncertain[i]).path), input_label(uncertain[i]),
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
  d.facts[1].value = Cell::count(static_cast<double>(sample.size()));
  if (precision) {
    d.facts.push_back({"precision", tr("Precision (95 % half-width of EVPI)"),
                       Cell::of_text(Text::verbatim(describe(*precision, cur, locale)))});
  }
  d.facts.push_back({"mean_npv", tr("Expected NPV (adopt now)"), Cell::money(mean_npv, cur)});
  d.facts.push_back({"decision", tr("Best decision without more information"),
                     Cell::of_text(mean_npv > 0 ? tr("adopt") : tr("do not adopt"))});
  Section head;
  head.key = "evpi";
  head.heading = tr("Perfect information");
  Table ht;
  ht.key = "evpi";
  ht.columns = {{"", Text(), Align::left}, {"value", tr("value")}, {"se", tr("MC s.e.")}};
  ht.rows.push_back(
      value_row("evpi", tr("EVPI: knowing every input before deciding"), pi.value, pi.se, cur));
  head.table = std::move(ht);
  head.notes.push_back(
      tr("The most it could be worth to find out anything before adopting: E[max(NPV, 0)] - "
         "max(E[NPV], 0)."));
  if (precision) {
    head.notes.push_back(
        reached
            ? tr("--precision: {} runs put EVPI's 95 % interval within {}.",
                 Count{static_cast<std::int64_t>(sample.size())}, describe(*precision, cur, locale))
            : tr("--precision {} was not reached at the cap of {} runs (raise it with "
                 "--runs).",
                 describe(*precision, cur, locale), Count{static_cast<std::int64_t>(cap)}));
  }
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
    Row r = value_row(it.key, it.label, it.r.value, it.r.se, cur);
    r.cells.push_back(Cell::money(it.r.bias, cur));
    r.cells.push_back(Cell::number(it.r.r_squared, 3));
    t.rows.push_back(std::move(r));
  }
  s.table = std::move(t);
  s.notes.push_back(
      tr("EVPPI: what knowing that input alone (or the group) would be worth, from a "
         "regression of NPV on it (a cubic spline; 10 or 20 cubic terms for the group). Noise "
         "in the fit biases it up by about 'bias' (included); a fit too coarse biases it "
         "down. R² is the share of NPV's variance the input explains."));
  d.sections.push_back(std::move(s));
  check_cancel(request.options);
  print(console.out, decision_stdout(d, request, locale), locale);
  write_decision(request, d, "voi", {}, locale, console);
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
      if (std::find(weeks.begin(), weeks.end(), *w) != weeks.end()) {
        throw UsageError(tr("--weeks {}: {} weeks is given twice", o.weeks, item));
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
      const double mean = d.mean();
      notes.push_back(tr("pilot: {} is taken as known from the CRM: fixed at its mean {}",
                         info(b).path, Number{mean, std::min(decimals_of(mean), 4), true}));
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
  // The simulated pilots per length: 4 000, or with --precision from 1 000
  // doubling (up to the prior's runs) until the length's EVSI is within the
  // half-width.
  std::optional<ValuePrecision> precision;
  if (!o.precision.empty()) precision = parse_value_precision(o.precision, "pilot");
  const double wanted_half = precision ? precision->half(evpi(sample.npv).value) : 0.0;
  const std::size_t outer = std::min<std::size_t>(n, 4000);
  std::size_t most = 0;
  bool reached = true;
  const std::uint64_t seed = sim.seed();

  struct Length {
    double weeks = 0;
    EvsiResult r;
    double delay = 0;
    std::optional<double> threshold;  ///< adopt when the pilot's conversion is at least this
    bool always = false;              ///< no threshold beats "adopt whatever the pilot shows"
    bool never = false;               ///< no threshold beats "do not adopt, whatever it shows"
    std::size_t rejecting = 0;        ///< simulated pilots after which not adopting is right
    std::size_t pilots = 0;           ///< simulated pilots
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
    if (!precision) {
      L.r = sim.execute([&] { return evsi_pilot(prior, outer, seed, &outcomes); });
    } else {
      for (std::size_t k = std::min<std::size_t>(n, kPilotPrecisionStart);;
           k = std::min(n, 2 * k)) {
        check_cancel(request.options);
        sim.execute([&] { simulate_pilots(prior, k, seed, outcomes); });
        L.r = evsi_of(prior, outcomes);
        if (kZ95 * L.r.se <= wanted_half) break;
        if (k >= n) {
          reached = false;
          break;
        }
      }
    }
    L.pilots = outcomes.size();
    most = std::max(most, L.pilots);
    // The decision rule: the observed conversion (bookings / leads) that best
    // separates the data sets after which adopting is right.
    std::vector<std::pair<double, bool>> seen(outcomes.size());
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
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
    L.rejecting = reject_above;
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
      L.always = true;  // adopt whatever the pilot shows
    } else {
      L.never = true;  // the cut above every pilot: never adopt
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
      {"data_sets",
       precision ? tr("Simulated pilots per length (most)") : tr("Simulated pilots per length"),
       Cell::count(static_cast<double>(precision ? most : outer))});
  if (precision) {
    d.facts.push_back({"precision", tr("Precision (95 % half-width of EVSI)"),
                       Cell::of_text(Text::verbatim(describe(*precision, cur, locale)))});
  }
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
  if (precision) t.columns.push_back({"pilots", tr("pilots")});
  for (const Length& L : lengths) {
    const double net = L.r.value - L.delay - fee;
    const bool sure = net - kZ95 * L.r.se > 0;
    const bool sure_not = net + kZ95 * L.r.se < 0;
    t.rows.push_back({fmt::format("{}", L.weeks),
                      {Cell::number(L.weeks, L.weeks == std::floor(L.weeks) ? 0 : 1),
                       Cell::money(L.r.value, cur), plus_minus_money(L.r.se, cur),
                       Cell::money(L.delay, cur), Cell::money(net, cur),
                       Cell::of_text(sure       ? tr("yes")
                                     : sure_not ? tr("no")
                                                : tr("uncertain")),
                       L.threshold ? Cell::probability(*L.threshold, 1)
                       : L.always  ? Cell::of_text(tr("(always adopt)"))
                       : L.never   ? Cell::of_text(tr("(never adopt)"))
                                   : Cell::not_available(),
                       Cell::count(std::floor(L.r.min_ess))}});
    if (precision) t.rows.back().cells.push_back(Cell::count(static_cast<double>(L.pilots)));
  }
  s.table = std::move(t);
  if (precision) {
    s.notes.push_back(
        reached ? tr("--precision: each length simulated pilots (pilots column) until its "
                     "EVSI's 95 % interval was within {} ({}).",
                     render_cell(Cell::money(wanted_half, cur), locale),
                     describe(*precision, cur, locale))
                : tr("--precision {} was not reached for every length with all {} runs of the "
                     "prior as pilots (raise --runs).",
                     describe(*precision, cur, locale), Count{static_cast<std::int64_t>(n)}));
  }
  const Length& B = lengths[best];
  const double best_net = B.r.value - B.delay - fee;
  // Weeks by the locale ("0,5" in Russian), whole weeks without decimals.
  const Number best_weeks{B.weeks, B.weeks == std::floor(B.weeks) ? 0 : 1, false};
  s.paragraphs.push_back(tr("Best length: {} weeks (EVSI {} ± {}).", best_weeks,
                            render_cell(Cell::money(B.r.value, cur), locale),
                            render_cell(Cell::money(B.r.se, cur), locale)));
  s.paragraphs.push_back(best_net > 0
                             ? tr("It beats its cost (fee and delay) by {}.",
                                  render_cell(Cell::money(best_net, cur), locale))
                             : tr("It does not beat its cost (fee and delay): decide now ({}).",
                                  mean_npv > 0 ? tr("adopt") : tr("do not adopt")));
  const Count pilots{static_cast<std::int64_t>(B.pilots)};
  const Count rejecting{static_cast<std::int64_t>(B.rejecting)};
  const Count adopting{static_cast<std::int64_t>(B.pilots - B.rejecting)};
  if (B.always && B.rejecting == 0) {
    s.paragraphs.push_back(
        tr("After the {}-week pilot: adopt whatever it shows (no simulated "
           "pilot changes the decision).",
           best_weeks));
  } else if (B.always) {
    // EVSI > 0 comes from the few pilots after which the full update (leads,
    // bookings and no-shows) says no; the conversion alone cannot find them.
    s.paragraphs.push_back(
        tr("After the {}-week pilot: adopt unless the full update says otherwise: after {} of {} "
           "simulated pilots the updated expected NPV is negative, but no threshold on the "
           "booking conversion alone singles them out.",
           best_weeks, rejecting, pilots));
  } else if (B.never && B.rejecting == B.pilots) {
    s.paragraphs.push_back(
        tr("After the {}-week pilot: do not adopt, whatever it shows (no simulated "
           "pilot changes the decision).",
           best_weeks));
  } else if (B.never) {
    s.paragraphs.push_back(
        tr("After the {}-week pilot: do not adopt unless the full update says otherwise: after {} "
           "of {} simulated pilots the updated expected NPV is positive, but no threshold on the "
           "booking conversion alone singles them out.",
           best_weeks, adopting, pilots));
  } else if (B.threshold) {
    s.paragraphs.push_back(
        tr("Decision rule after the {}-week pilot: adopt if the pilot's booking conversion "
           "(bookings / leads) is at least {}; otherwise do not.",
           best_weeks, render_cell(Cell::probability(*B.threshold, 1), locale)));
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
  print(console.out, decision_stdout(d, request, locale), locale);
  write_decision(request, d, "pilot", {}, locale, console);
  return kExitOk;
}

}  // namespace simroi::app
