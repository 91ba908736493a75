// validate(): a Scenario against the model (see simroi/scenario/validate.h).
#include "simroi/scenario/validate.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
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
    cost();
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

  void cost() {
    if (!timeline_ok_) return;
    for (const auto section : kSections) {
      if (unread(section)) return;
    }
    for (const Input id : {Input::implementation, Input::monthly, Input::per_lead,
                           Input::leads_per_month, Input::lead_growth}) {
      if (!input_ok_[index(id)]) return;
    }
    const auto min_of = [this](Input id) { return s_.input(id).support_min(); };
    const double cost = minimum_total_cost(
        make_timeline(s_), min_of(Input::implementation), min_of(Input::monthly),
        min_of(Input::per_lead), min_of(Input::leads_per_month), min_of(Input::lead_growth));
    if (cost > 0.0) return;
    SourcePosition p;
    if (src_ != nullptr) p = src_->given("costs") ? where("costs", At::key) : src_->root;
    report(p, "costs", diag::kCostCanBeZero,
           tr("the total cost can be 0 (costs.implementation, costs.monthly and costs.per_lead "
              "times leads can all be 0), so ROI = (gain - cost) / cost would be undefined; make "
              "at least one of them always positive, e.g. monthly: 5000"));
  }
};

}  // namespace

std::vector<Diagnostic> validate(const Scenario& scenario) {
  return Validator(scenario, nullptr).run();
}

std::vector<Diagnostic> validate(const Scenario& scenario, const SourceMap& source) {
  return Validator(scenario, &source).run();
}

}  // namespace simroi
