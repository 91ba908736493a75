// validate(): a Scenario against the model (see simroi/scenario/validate.h).
#include "simroi/scenario/validate.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <limits>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include "scenario/messages.h"
#include "simroi/dist/kinds.h"
#include "simroi/model/model.h"
#include "simroi/sampling/correlation.h"

namespace simroi {

namespace {

using namespace scenario_detail;

/// Below this smallest eigenvalue a correlation matrix is not positive
/// semi-definite (rounding of an exactly singular matrix stays above it).
constexpr double kPsdTolerance = -1e-10;

constexpr std::array<std::string_view, 6> kSections = {"baseline",  "assistant", "costs",
                                                       "economics", "retention", "simulation"};

class Validator {
 public:
  Validator(const Scenario& scenario, const SourceMap* source)
      : s_(scenario), src_(source), file_(source != nullptr ? source->file : scenario.file) {}

  std::vector<Diagnostic> run() {
    settings();
    inputs();
    timeline();
    conversion();
    correlations();
    if (cost()) reach();
    return std::move(out_);
  }

 private:
  enum class At : std::uint8_t { key, value };

  const Scenario& s_;
  const SourceMap* src_;
  std::string file_;
  std::vector<Diagnostic> out_;
  std::array<bool, kInputCount> input_ok_{};
  bool horizon_ok_ = true;
  bool timeline_ok_ = true;

  // ------------------------------------------------------------ helpers

  [[nodiscard]] SourcePosition where(std::string_view path, At at) const {
    if (src_ == nullptr) return {};
    const SourceEntry* e = src_->find(path);
    if (e == nullptr) return {};
    return at == At::key ? e->key : e->value;
  }

  void report(SourcePosition p, std::string key, std::string_view code, Text text) {
    out_.push_back(
        Diagnostic{file_, p.line, p.column, std::move(key), std::string(code), std::move(text)});
  }
  void report(std::string_view path, At at, std::string key, Problem problem) {
    report(where(path, at), std::move(key), problem.code, std::move(problem.text));
  }
  void report(std::string_view path, Problem problem) {
    report(path, At::value, std::string(path), std::move(problem));
  }

  [[nodiscard]] bool unread(std::string_view path) const {
    return src_ != nullptr && src_->unread(path);
  }

  /// The value of `path` as the file wrote it ("1e15", "150%"), else `fallback`.
  [[nodiscard]] std::string written(std::string_view path, std::string fallback) const {
    if (src_ != nullptr) {
      if (const SourceEntry* e = src_->find(path); e != nullptr && !e->text.empty()) {
        return e->text;
      }
    }
    return fallback;
  }

  /// A whole-number setting inside `field`; false (and reported) if not.
  bool whole_in(std::string_view path, std::int64_t value, WholeField field) {
    if (unread(path)) return false;
    if (value >= 0 && static_cast<std::uint64_t>(value) >= field.lo &&
        static_cast<std::uint64_t>(value) <= field.hi) {
      return true;
    }
    report(path, whole_out_of_range(written(path, std::to_string(value)), field.lo, field.hi));
    return false;
  }

  // ------------------------------------------------------------ settings

  void settings() {
    horizon_ok_ = whole_in("horizon_months", s_.horizon_months, horizon_field());
    const bool start_ok = whole_in("start_month", s_.start_month, start_month_field());
    timeline_ok_ = horizon_ok_ && start_ok;
    if (!unread("currency") && trim(s_.currency).empty()) {
      report("currency",
             Problem{diag::kEmptyText, tr("the currency label is empty; write e.g. RUB")});
    }
    const std::uint64_t runs = s_.simulation.runs;
    if (!unread("simulation.runs")) {
      if (runs > kMaxRuns) {
        report("simulation.runs",
               too_many_runs(written("simulation.runs", digits(runs)), static_cast<double>(runs)));
      } else if (runs < runs_field().lo) {
        report("simulation.runs", whole_out_of_range(written("simulation.runs", digits(runs)),
                                                     runs_field().lo, runs_field().hi));
      }
    }
  }

  // ------------------------------------------------------------ inputs

  void inputs() {
    for (const auto& in : input_table()) {
      const std::size_t i = index(in.id);
      if (unread(in.path)) continue;  // input_ok_ stays false
      const Distribution& d = s_.inputs[i];
      std::optional<Problem> problem;
      if (d.is_fixed()) {
        std::optional<std::string_view> text;
        const SourceEntry* e = src_ != nullptr ? src_->find(in.path) : nullptr;
        if (e != nullptr && !e->text.empty()) text = e->text;
        problem = fixed_value_problem(in, d.parameters()[0], text);
      } else {
        const DistSpec spec = spec_of(d);
        const Support support = support_of(spec);
        problem = support_problem(in, spec.kind, spec.parameters, support.lo, support.hi);
      }
      if (problem) {
        report(in.path, std::move(*problem));
      } else {
        input_ok_[i] = true;
      }
    }
  }

  // ------------------------------------------------------------ timeline

  void timeline() {
    constexpr std::string_view kRamp = "assistant.ramp_up_months";
    if (!whole_in(kRamp, s_.ramp_up_months, ramp_field())) {
      timeline_ok_ = false;
    } else if (horizon_ok_ && s_.ramp_up_months > s_.horizon_months) {
      report(where(kRamp, At::value), std::string(kRamp), diag::kRampTooLong,
             trn("{} month of ramp-up is longer than horizon_months ({}); expected a whole number "
                 "from 0 to {}",
                 "{} months of ramp-up is longer than horizon_months ({}); expected a whole "
                 "number from 0 to {}",
                 s_.ramp_up_months, s_.ramp_up_months, s_.horizon_months, s_.horizon_months));
      timeline_ok_ = false;
    }
    if (unread("seasonality")) {
      timeline_ok_ = false;
      return;
    }
    for (std::size_t m = 0; m < s_.seasonality.size(); ++m) {
      const std::string key = fmt::format("seasonality[{}]", m);
      if (unread(key)) {
        timeline_ok_ = false;
      } else if (auto problem = multiplier_problem(s_.seasonality[m])) {
        report(key, std::move(*problem));
        timeline_ok_ = false;
      }
    }
  }

  // ------------------------------------------------------------ uplift or absolute conversion

  void conversion() {
    const InputInfo& uplift = info(Input::booking_conversion_uplift);
    const InputInfo& after = info(Input::booking_conversion_after);
    bool both = false;
    if (src_ != nullptr) {
      both = src_->given(uplift.path) && src_->given(after.path);
    } else {
      // In code: the one the model does not use must stay at its default.
      const InputInfo& unused = s_.conversion_after_given ? uplift : after;
      const Distribution& d = s_.input(unused.id);
      both = !(d.is_fixed() && d.parameters()[0] == unused.default_value);
    }
    if (!both) return;
    report(where(after.path, At::key), std::string(after.path), diag::kConflictingKeys,
           tr("give either booking_conversion_uplift (relative: c1 = c0 * (1 + u)) or "
              "booking_conversion_after (absolute c1), not both"));
  }

  // ------------------------------------------------------------ correlations

  struct Usable {
    Correlation c;
    std::size_t item;  // its index in the file's list (or in Scenario::correlations)
  };

  [[nodiscard]] std::size_t item_of(std::size_t i) const {
    if (src_ != nullptr && i < src_->correlation_items.size()) return src_->correlation_items[i];
    return i;
  }

  void correlations() {
    std::vector<Usable> accepted;
    for (std::size_t i = 0; i < s_.correlations.size(); ++i) {
      const Correlation& c = s_.correlations[i];
      const std::size_t item = item_of(i);
      const std::string key = fmt::format("correlations[{}]", item);
      if (index(c.a) >= kInputCount || index(c.b) >= kInputCount) {
        report(where(key, At::value), key, diag::kUnknownInput,
               tr("names an input that does not exist; name an input by key (lead_growth) or "
                  "path (assistant.lead_growth)"));
        continue;
      }
      if (auto problem = rank_correlation_problem(c.rho)) {
        report(fmt::format("{}[2]", key), At::value, key, std::move(*problem));
        continue;
      }
      if (c.a == c.b) {
        report(where(key, At::value), key, diag::kCorrelationWithItself,
               tr("correlates {} with itself; name two different inputs", info(c.a).path));
        continue;
      }
      const auto twice = std::find_if(accepted.begin(), accepted.end(), [&c](const Usable& u) {
        return (u.c.a == c.a && u.c.b == c.b) || (u.c.a == c.b && u.c.b == c.a);
      });
      if (twice != accepted.end()) {
        report(where(key, At::value), key, diag::kCorrelationRepeated,
               tr("{} and {} are already correlated in correlations[{}]; give each pair once",
                  info(c.a).path, info(c.b).path, twice->item));
        continue;
      }
      accepted.push_back(Usable{c, item});
    }

    std::vector<Usable> usable;
    for (const auto& u : accepted) {
      const std::string key = fmt::format("correlations[{}]", u.item);
      bool ok = true;
      for (const auto& [id, k] : {std::pair{u.c.a, 0}, std::pair{u.c.b, 1}}) {
        const InputInfo& in = info(id);
        const std::string name_path = fmt::format("{}[{}]", key, k);
        if (!input_ok_[index(id)]) {
          ok = false;  // already reported where the input is defined
        } else if (src_ != nullptr && !src_->given(in.path)) {
          report(where(name_path, At::value), key, diag::kCorrelationNotUncertain,
                 tr("{} is not given in the scenario, so it is fixed at its default {}; only "
                    "inputs with a distribution can be correlated",
                    in.path, in.default_value));
          ok = false;
        } else if (s_.input(id).is_fixed()) {
          report(where(name_path, At::value), key, diag::kCorrelationNotUncertain,
                 tr("{} is a fixed value; only inputs with a distribution can be correlated "
                    "(give it one, or remove this correlation)",
                    in.path));
          ok = false;
        }
      }
      if (ok) usable.push_back(u);
    }
    positive_semi_definite(usable);
  }

  /// The matrix is block diagonal over connected groups of inputs; check each.
  void positive_semi_definite(const std::vector<Usable>& usable) {
    std::array<std::size_t, kInputCount> group{};
    for (std::size_t i = 0; i < kInputCount; ++i) group[i] = i;
    auto root = [&group](std::size_t i) {
      while (group[i] != i) i = group[i] = group[group[i]];
      return i;
    };
    for (const auto& u : usable) group[root(index(u.c.a))] = root(index(u.c.b));
    std::set<std::size_t> roots;
    for (const auto& u : usable) roots.insert(root(index(u.c.a)));
    for (const auto r : roots) {
      std::vector<std::size_t> members;
      std::vector<const Usable*> pairs;
      for (std::size_t i = 0; i < kInputCount; ++i) {
        if (root(i) == r) members.push_back(i);
      }
      for (const auto& u : usable) {
        if (root(index(u.c.a)) == r) pairs.push_back(&u);
      }
      if (members.size() < 3) continue;  // 2x2 with |rho| <= 1 is always PSD
      const std::size_t n = members.size();
      auto position = [&members](Input id) {
        return static_cast<std::size_t>(std::find(members.begin(), members.end(), index(id)) -
                                        members.begin());
      };
      // The Spearman matrix as written, and the normal-score matrix the
      // sampler factorises (correlation.h): both must be PSD.
      SymmetricMatrix spearman = SymmetricMatrix::identity(n);
      SymmetricMatrix normal = SymmetricMatrix::identity(n);
      for (const auto* u : pairs) {
        const std::size_t i = position(u->c.a);
        const std::size_t j = position(u->c.b);
        spearman(i, j) = spearman(j, i) = u->c.rho;
        normal(i, j) = normal(j, i) = spearman_to_normal_correlation(u->c.rho);
      }
      const double lambda_s = smallest_eigenvalue(spearman);
      const double lambda_n = smallest_eigenvalue(normal);
      if (lambda_s >= kPsdTolerance && lambda_n >= kPsdTolerance) continue;
      std::string list;
      for (const auto* u : pairs) {
        if (!list.empty()) list += ", ";
        list += fmt::format("correlations[{}] [{}, {}, {}]", u->item, info(u->c.a).key,
                            info(u->c.b).key, u->c.rho);
      }
      Text text =
          lambda_s < kPsdTolerance
              ? tr("these correlations contradict each other: {}; their matrix is not positive "
                   "semi-definite (smallest eigenvalue {}); weaken or remove some of them",
                   list, fmt::format("{:.4g}", lambda_s))
              : tr("these correlations are too close to contradicting each other: {}; converted "
                   "to the normal-score correlations the sampler uses (r = 2 sin(pi rho / 6)) "
                   "their matrix is not positive semi-definite (smallest eigenvalue {}); weaken "
                   "some of them",
                   list, fmt::format("{:.4g}", lambda_n));
      report(where(fmt::format("correlations[{}]", pairs.front()->item), At::value), "correlations",
             diag::kCorrelationsNotPsd, std::move(text));
    }
  }

  // ------------------------------------------------------------ the total cost

  /// true when the total cost is always positive (and everything it needs was valid).
  bool cost() {
    if (!timeline_ok_) return false;
    for (const auto section : kSections) {
      if (unread(section)) return false;
    }
    for (const Input id : {Input::implementation, Input::monthly, Input::per_lead,
                           Input::leads_per_month, Input::lead_growth}) {
      if (!input_ok_[index(id)]) return false;
    }
    const auto min_of = [this](Input id) { return s_.input(id).support_min(); };
    const double cost = minimum_total_cost(
        make_timeline(s_), min_of(Input::implementation), min_of(Input::monthly),
        min_of(Input::per_lead), min_of(Input::leads_per_month), min_of(Input::lead_growth));
    if (cost > 0.0) return true;
    SourcePosition p;
    if (src_ != nullptr) p = src_->given("costs") ? where("costs", At::key) : src_->root;
    report(p, "costs", diag::kCostCanBeZero,
           tr("the total cost can be 0 (costs.implementation, costs.monthly and costs.per_lead "
              "times leads can all be 0), so ROI = (gain - cost) / cost would be undefined; make "
              "at least one of them always positive, e.g. monthly: 5000"));
    return false;
  }

  // ------------------------------------------------------------ what a run can reach

  /// One factor of a bound: where it is written and how large it can be.
  struct Factor {
    std::string path;   // "" for a constant
    double log10 = 0;   // log10 of the largest magnitude it can take (-inf: 0)
    std::string shown;  // that magnitude as written in a message
  };
  /// A bound on the magnitude of a quantity a run computes, as log10 (so that
  /// it never overflows itself; -inf for 0), and the inputs behind it.
  struct Bound {
    double log10 = 0;
    std::vector<Factor> factors;
  };

  // Phi(-38) ~ 3e-317: below the smallest tail probability the samplers use (1e-300).
  static constexpr double kReachZ = 38.0;
  /// log10 of the largest |x| an input can take (for an unbounded tail: the
  /// value at normal score kReachZ, beyond any draw the samplers make).
  [[nodiscard]] double magnitude_log10(Input id) const {
    const Distribution& d = s_.input(id);
    if (d.kind() == DistKind::lognormal && !(d.support_max() < Distribution::kInf)) {
      const auto p = internal_parameters(d.kind(), d.parameters());
      return (p[0] + kReachZ * p[1]) / std::log(10.0);  // exp() itself could overflow
    }
    return std::log10(std::max(std::abs(far_end(d, false)), std::abs(far_end(d, true))));
  }
  [[nodiscard]] static double far_end(const Distribution& d, bool upper) {
    const double end = upper ? d.support_max() : d.support_min();
    if (std::isfinite(end)) return end;
    const auto p = internal_parameters(d.kind(), d.parameters());
    if (d.kind() == DistKind::normal) return p[0] + (upper ? kReachZ : -kReachZ) * p[1];
    if (d.kind() == DistKind::lognormal) return upper ? std::exp(p[0] + kReachZ * p[1]) : 0.0;
    return end;
  }
  [[nodiscard]] Factor factor(Input id) const {
    const double l = magnitude_log10(id);
    return Factor{std::string(info(id).path), l, power_text(l)};
  }
  [[nodiscard]] static Factor constant(double x) { return Factor{"", std::log10(x), ""}; }
  static constexpr double kMinusInf = -std::numeric_limits<double>::infinity();
  static Bound times(Bound b, const Factor& f) {
    // An exact 0 makes the product 0 (every value a run draws is finite).
    b.log10 = b.log10 == kMinusInf || f.log10 == kMinusInf ? kMinusInf : b.log10 + f.log10;
    b.factors.push_back(f);
    return b;
  }
  static Bound plus(Bound a, const Bound& b) {
    const double hi = std::max(a.log10, b.log10), lo = std::min(a.log10, b.log10);
    a.log10 = lo == kMinusInf ? hi : hi + std::log10(1.0 + std::pow(10.0, lo - hi));
    for (const Factor& f : b.factors) {
      if (std::none_of(a.factors.begin(), a.factors.end(),
                       [&f](const Factor& g) { return g.path == f.path; })) {
        a.factors.push_back(f);
      }
    }
    return a;
  }
  static Bound of(const Factor& f) { return times(Bound{}, f); }
  /// 10^l written like "3.6e+310" (l may exceed the doubles' range).
  static std::string power_text(double l) {
    if (!std::isfinite(l)) return l > 0 ? "inf" : "0";
    if (std::abs(l) < 300) return fmt::format("{:.3g}", std::pow(10.0, l));
    const double e = std::floor(l);
    return fmt::format("{:.2g}e{:+03.0f}", std::pow(10.0, l - e), e);
  }

  /// Refuses a scenario whose runs could overflow: bounds on every quantity
  /// simulate() computes (docs/model.md), from the largest value each input
  /// can take, must stay below 1e100 -- far below the largest double (1.8e308),
  /// so that sums over 1e10 runs and squared deviations stay finite too.
  void reach() {
    constexpr double kMaxLog10 = 100.0;
    for (std::size_t i = 0; i < kInputCount; ++i) {
      if (!input_ok_[i]) return;
    }
    const Timeline timeline = make_timeline(s_);
    const Factor horizon = constant(static_cast<double>(timeline.horizon()));
    std::size_t peak = 0;
    for (std::size_t m = 1; m < s_.seasonality.size(); ++m) {
      if (s_.seasonality[m] > s_.seasonality[peak]) peak = m;
    }
    const Factor season{fmt::format("seasonality[{}]", peak), std::log10(s_.seasonality[peak]),
                        fmt::format("{:.3g}", s_.seasonality[peak])};
    const double g = far_end(s_.input(Input::lead_growth), true);
    const Factor growth{std::string(info(Input::lead_growth).path),
                        std::log10(1.0 + std::max(0.0, g)), fmt::format("{:.3g}", g)};
    // Leads of a month: L0 (1 + phi g) S_t.
    const Bound leads = times(times(of(factor(Input::leads_per_month)), growth), season);
    // The extra visits' value: |L_t c_t (1 - s_t) - L0 c0 (1 - s0) S_t| A m <= 2 L_t A m,
    // with a new client's first visit at A1 instead of A when the file gives it
    // (model.md 3.6): the larger of the two bounds both.
    Factor check = factor(Input::average_check);
    if (s_.first_visit_check_given) {
      const Factor first = factor(Input::first_visit_check);
      if (!(first.log10 <= check.log10)) check = first;
    }
    const Bound revenue =
        times(times(times(leads, constant(2.0)), check), factor(Input::gross_margin));
    // Retained clients' visits: at most H months of extra visits, q each.
    const Bound retained = times(times(revenue, horizon), factor(Input::repeat_visits_per_month));
    const Bound hours =
        times(of(factor(Input::manager_hours_saved)), factor(Input::manager_hourly_cost));
    const Bound gain = plus(plus(revenue, retained), hours);
    const Bound running = plus(of(factor(Input::monthly)), times(leads, factor(Input::per_lead)));
    const Bound total_gain = times(gain, horizon);
    const Bound total =
        plus(plus(total_gain, times(running, horizon)), of(factor(Input::implementation)));
    struct Reached {
      const Bound* bound;
      Text what;
    };
    const Reached reached[] = {
        {&leads, tr("the leads of a month")},
        {&revenue, tr("the value of a month's extra visits")},
        {&retained, tr("the value of the retained clients' visits")},
        {&hours, tr("the value of the saved hours")},
        {&running, tr("the running cost of a month")},
        {&total, tr("the total gain and cost over the horizon")},
    };
    for (const Reached& r : reached) {
      if (r.bound->log10 <= kMaxLog10) continue;  // false for NaN too
      beyond(*r.bound, r.what, kMaxLog10);
      return;
    }
    // ROI = gain / cost * 100 - 100: the gain over the smallest total cost.
    const auto min_of = [this](Input id) { return s_.input(id).support_min(); };
    const double min_cost = minimum_total_cost(
        timeline, min_of(Input::implementation), min_of(Input::monthly), min_of(Input::per_lead),
        min_of(Input::leads_per_month), min_of(Input::lead_growth));
    const double roi = total_gain.log10 - std::log10(min_cost) + 2.0;  // log10 of the bound
    if (roi <= kMaxLog10) return;
    // The cost inputs whose smallest values make up the smallest total cost.
    std::string costs;
    Input at = Input::implementation;
    double largest = -1.0;
    for (const Input id : {Input::implementation, Input::monthly, Input::per_lead}) {
      const double low = min_of(id);
      if (!(low > 0.0)) continue;
      if (!costs.empty()) costs += ", ";
      costs += fmt::format("{} >= {:.3g}", info(id).path, low);
      if (low > largest) largest = low, at = id;
    }
    if (costs.empty())
      costs =
          fmt::format("{} and {}", info(Input::per_lead).path, info(Input::leads_per_month).path);
    report(std::string_view(info(at).path),
           Problem{diag::kBeyondComputable,
                   tr("ROI can reach about {} %, beyond what the simulation can compute "
                      "(about {}): it divides the gain (up to {}) by the total cost, which "
                      "can be as small as {} ({}); give the costs realistic values",
                      power_text(roi), power_text(kMaxLog10), power_text(total_gain.log10),
                      fmt::format("{:.3g}", min_cost), costs)});
  }

  void beyond(const Bound& b, const Text& what, double max_log10) {
    std::string list;
    const Factor* top = nullptr;
    for (const Factor& f : b.factors) {
      if (f.path.empty() || !(f.log10 > 0.0)) continue;  // a constant, or no larger than 1
      if (!list.empty()) list += ", ";
      list += fmt::format("{} <= {}", f.path, f.shown);
      if (top == nullptr || !(f.log10 <= top->log10)) top = &f;
    }
    const std::string path = top != nullptr ? top->path : std::string();
    report(path, Problem{diag::kBeyondComputable,
                         tr("{} can reach about {}, beyond what the simulation can compute "
                            "(about {}), from {}; give these inputs realistic values",
                            what, power_text(b.log10), power_text(max_log10), list)});
  }
};

}  // namespace

namespace {

/// Where a warning about `path` is: file, line and column.
using Locate = std::function<SourcePosition(std::string_view path)>;

/// The keys whose values each warning (by code) is derived from.
std::vector<std::string_view> warning_keys(std::string_view code) {
  if (code == diag::kWarnGrossMarginOmitted) return {info(Input::gross_margin).path};
  if (code == diag::kWarnSeasonalityMean) return {"seasonality"};
  if (code == diag::kWarnLongRampUp) return {"assistant.ramp_up_months", "horizon_months"};
  return {};
}

/// The warnings of `s`, given whether its gross margin was left out and where
/// each key is (`file` and `locate`).
std::vector<Diagnostic> derive_warnings(const Scenario& s, bool margin_omitted,
                                        std::string_view margin_key, const std::string& file,
                                        const Locate& locate) {
  std::vector<Diagnostic> out;
  auto warn = [&](std::string_view path, std::string_view code, Text text) {
    const SourcePosition p = locate(path);
    out.push_back(
        Diagnostic{file, p.line, p.column, std::string(path), std::string(code), std::move(text)});
  };
  // gross_margin left out: every rouble of extra revenue counted as profit.
  if (margin_omitted) {
    warn(margin_key, diag::kWarnGrossMarginOmitted,
         tr("baseline.gross_margin is not given, so all extra revenue counts as profit (margin "
            "100 %); give the share of revenue that is profit, e.g. gross_margin: 45%"));
  }
  // Seasonality that changes the year's total, not only its timing.
  double sum = 0.0;
  for (const double m : s.seasonality) sum += m;
  const double mean = sum / static_cast<double>(s.seasonality.size());
  if (mean == 0.0) {
    warn("seasonality", diag::kWarnSeasonalityMean,
         tr("every seasonality multiplier is 0, so there are no leads in any month and the "
            "assistant has nothing to work on; a month as usual is 1"));
  } else if (std::abs(mean - 1.0) > 0.05 + 1e-12) {  // 1e-12: the rounding of the sum
    warn("seasonality", diag::kWarnSeasonalityMean,
         tr("the seasonality multipliers average {} rather than 1, so they change the year's "
            "total by {} % and not only its timing; if that is not meant, divide each by {}",
            fmt::format("{:.3g}", mean), fmt::format("{:+.0f}", (mean - 1.0) * 100.0),
            fmt::format("{:.3g}", mean)));
  }
  // A ramp-up that takes most of the horizon.
  if (2 * s.ramp_up_months > s.horizon_months) {
    warn("assistant.ramp_up_months", diag::kWarnLongRampUp,
         trn("the ramp-up of {} month is longer than half the horizon ({} months), so the "
             "assistant reaches its full effect late and the results are mostly the ramp-up's; "
             "check ramp_up_months or lengthen horizon_months",
             "the ramp-up of {} months is longer than half the horizon ({} months), so the "
             "assistant reaches its full effect late and the results are mostly the ramp-up's; "
             "check ramp_up_months or lengthen horizon_months",
             s.ramp_up_months, s.ramp_up_months, s.horizon_months));
  }
  return out;
}

}  // namespace

std::vector<Diagnostic> scenario_warnings(const Scenario& s, const SourceMap* source) {
  const InputInfo& margin = info(Input::gross_margin);
  const bool margin_omitted = source != nullptr ? !source->given(margin.path)
                                                : s.input(Input::gross_margin).is_fixed() &&
                                                      s.input(Input::gross_margin).mean() == 1.0;
  const std::string_view margin_key =
      source != nullptr && source->given("baseline") ? std::string_view("baseline") : margin.path;
  const Locate locate = [source](std::string_view path) {
    if (source == nullptr) return SourcePosition{};
    if (const SourceEntry* e = source->find(path)) return e->value;
    return source->root;
  };
  return derive_warnings(s, margin_omitted, margin_key, source != nullptr ? source->file : s.file,
                         locate);
}

std::vector<Diagnostic> rederived_warnings(
    const Scenario& loaded, const Scenario& changed,
    const std::vector<std::pair<std::string, std::string>>& changed_keys) {
  const auto loaded_warning = [&](std::string_view code) -> const Diagnostic* {
    for (const Diagnostic& w : loaded.warnings) {
      if (w.code == code) return &w;
    }
    return nullptr;
  };
  // The options that changed any of `keys`, comma-separated ("" for none).
  const auto options_of = [&](const std::vector<std::string_view>& keys) {
    std::string options;
    for (const auto& [key, option] : changed_keys) {
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) continue;
      if (options.find(option) != std::string::npos) continue;
      options += (options.empty() ? "" : ", ") + option;
    }
    return options;
  };
  // The margin is left out when the file left it out and no option gives it.
  const Diagnostic* margin_warning = loaded_warning(diag::kWarnGrossMarginOmitted);
  const bool margin_omitted =
      margin_warning != nullptr && options_of(warning_keys(diag::kWarnGrossMarginOmitted)).empty();
  const std::string_view margin_key =
      margin_warning != nullptr ? std::string_view(margin_warning->key) : std::string_view();
  std::vector<Diagnostic> out = derive_warnings(changed, margin_omitted, margin_key, loaded.file,
                                                [](std::string_view) { return SourcePosition{}; });
  for (Diagnostic& w : out) {
    const std::string options = options_of(warning_keys(w.code));
    if (options.empty()) {
      // Derived from keys no option changed: the file's own warning, where it is.
      if (const Diagnostic* before = loaded_warning(w.code)) w = *before;
    } else {
      // Derived from an option: named like the option's problems (apply_overrides()).
      w.file = loaded.file.empty() ? options : loaded.file + ": " + options;
    }
  }
  return out;
}

std::vector<Diagnostic> validate(const Scenario& scenario) {
  return Validator(scenario, nullptr).run();
}

std::vector<Diagnostic> validate(const Scenario& scenario, const SourceMap& source) {
  return Validator(scenario, &source).run();
}

}  // namespace simroi
