// The table of distribution kinds (see simroi/dist/kinds.h).
#include "simroi/dist/kinds.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "simroi/core/error.h"

namespace simroi {

namespace {

constexpr double kInf = DistSpec::kInf;
constexpr double kBetaShapeMax = 1e6;  // the largest beta alpha or beta
// The most standard deviations from the centre a draw can land: the samplers
// keep tail probabilities >= 1e-300 (sampler.cpp, normal_score_map.cpp), whose
// normal quantile is 37.05. A normal or lognormal whose draws there would
// exceed the largest double (1.8e308) is refused: its draws would be +-inf.
constexpr double kZExtreme = 37.5;
constexpr double kLogDoubleMax = 709.78;  // log(1.797e308)
using Part = SpecProblem::Part;
using Params = std::span<const double>;

SpecProblem problem(Part part, std::size_t index, std::string_view code, Text text) {
  return SpecProblem{part, index, code, std::move(text)};
}

// ---------------------------------------------------------------- rules

/// "min: 2", "max: 5" or "[2, 5]": a truncation as written (no infinite bound shown).
std::string truncation_text(double lo, double hi) {
  if (lo > -kInf && hi < kInf) return fmt::format("[{}, {}]", lo, hi);
  return lo > -kInf ? fmt::format("min: {}", lo) : fmt::format("max: {}", hi);
}

/// min < max for [min, ...max] lists (uniform, triangular, pert).
std::vector<SpecProblem> check_min_max(double a, double b) {
  std::vector<SpecProblem> out;
  if (a > b) {
    out.push_back(problem(Part::parameters, 0, diag::kInvalidParameter,
                          tr("min {} is greater than max {}; write [{}, {}]", a, b, b, a)));
  } else if (a == b) {
    out.push_back(
        problem(Part::parameters, 0, diag::kInvalidParameter,
                tr("min and max are both {}; for a fixed value write just the number", a)));
  } else if (!std::isfinite(b - a)) {
    out.push_back(problem(Part::parameters, 0, diag::kInvalidParameter,
                          tr("the range from {} to {} is too wide: it exceeds 1.8e308, the "
                             "largest number simroi can hold",
                             a, b)));
  }
  return out;
}

std::vector<SpecProblem> check_fixed(Params, Params) {
  return {};
}

std::vector<SpecProblem> check_uniform(Params p, Params) {
  return check_min_max(p[0], p[1]);
}

std::vector<SpecProblem> check_min_mode_max(Params p, Params) {
  auto out = check_min_max(p[0], p[2]);
  if (!out.empty()) return out;
  if (p[1] < p[0] || p[1] > p[2]) {
    out.push_back(problem(Part::parameter, 1, diag::kInvalidParameter,
                          tr("mode {} is outside [min, max] = [{}, {}]; the mode must lie between "
                             "them",
                             p[1], p[0], p[2])));
  }
  return out;
}

std::vector<SpecProblem> check_normal(Params p, Params) {
  if (p[1] > 0.0) {
    if (std::fabs(p[0]) / kZExtreme + p[1] <= std::numeric_limits<double>::max() / kZExtreme) {
      return {};
    }
    return {problem(Part::parameter, 1, diag::kInvalidParameter,
                    tr("the standard deviation {} is too large: its rare draws would exceed "
                       "1.8e308, the largest number simroi can hold",
                       p[1]))};
  }
  return {problem(Part::parameter, 1, diag::kInvalidParameter,
                  tr("the standard deviation {} must be positive (> 0); for a fixed value write "
                     "just the number",
                     p[1]))};
}

std::vector<SpecProblem> check_lognormal(Params p, Params) {
  if (!(p[0] > 0.0)) {
    return {problem(Part::parameter, 0, diag::kInvalidParameter,
                    tr("lognormal p5 {} must be positive: a lognormal takes only positive values "
                       "(use normal for values <= 0)",
                       p[0]))};
  }
  if (p[0] < p[1]) {
    const double l5 = std::log(p[0]), l95 = std::log(p[1]);
    const double mu = 0.5 * (l5 + l95), sigma = (l95 - l5) / (2.0 * kZ90);
    if (mu + kZExtreme * sigma <= kLogDoubleMax) return {};
    return {problem(Part::parameters, 0, diag::kInvalidParameter,
                    tr("lognormal [{}, {}] is too wide: its rare draws would exceed 1.8e308, "
                       "the largest number simroi can hold; make p95 / p5 smaller",
                       p[0], p[1]))};
  }
  if (p[0] == p[1]) {
    return {problem(Part::parameters, 0, diag::kInvalidParameter,
                    tr("lognormal p5 and p95 are both {}; p5 must be less than p95 (for a fixed "
                       "value write just the number)",
                       p[0]))};
  }
  return {problem(
      Part::parameters, 0, diag::kInvalidParameter,
      tr("lognormal p5 {} must be less than p95 {}; write [{}, {}]", p[0], p[1], p[1], p[0]))};
}

std::vector<SpecProblem> check_beta(Params p, Params) {
  for (std::size_t i = 0; i < 2; ++i) {
    if (!(p[i] > 0.0)) {
      return {problem(Part::parameter, i, diag::kInvalidParameter,
                      tr("beta parameter {} = {} must be positive (> 0), e.g. {{beta: [2, 8]}} "
                         "centres on 0.2 (mean alpha / (alpha + beta))",
                         i == 0 ? "alpha" : "beta", p[i]))};
    }
    // Above a million its quantile (used by correlations and Latin
    // hypercube) costs over 10 us a call and, near 1e50, is not a number; a
    // rate that sure is a fixed value: its sd is below 1 / (2 sqrt(alpha +
    // beta + 1)) < 0.0005.
    if (p[i] > kBetaShapeMax) {
      return {problem(Part::parameter, i, diag::kInvalidParameter,
                      tr("beta parameter {} = {} is too large (at most {}): a beta that sure is "
                         "a fixed value; write the rate itself, {}",
                         i == 0 ? "alpha" : "beta", p[i], kBetaShapeMax, p[0] / (p[0] + p[1])))};
    }
  }
  return {};
}

std::vector<SpecProblem> check_discrete(Params values, Params weights) {
  std::vector<SpecProblem> out;
  if (values.empty()) {
    out.push_back(problem(Part::parameters, 0, diag::kParameterCount,
                          tr("discrete needs at least one value")));
    return out;
  }
  if (weights.size() != values.size()) {
    out.push_back(problem(Part::weights, 0, diag::kInvalidWeights,
                          tr("discrete has {} values but {} weights; give one weight per value",
                             values.size(), weights.size())));
    return out;
  }
  double sum = 0.0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (weights[i] < 0.0) {
      out.push_back(problem(Part::weight, i, diag::kInvalidWeights,
                            tr("weight {} is negative; weights must be >= 0", weights[i])));
    }
    sum += weights[i];
  }
  if (out.empty() && !(sum > 0.0 && std::isfinite(sum))) {
    out.push_back(problem(Part::weights, 0, diag::kInvalidWeights,
                          tr("the weights sum to {}; they must sum to a positive number (give at "
                             "least one value a weight > 0)",
                             sum)));
  }
  return out;
}

// ---------------------------------------------------------------- supports as written

Support support_fixed(Params p) {
  return {p[0], p[0]};
}
Support support_two(Params p) {
  return {p[0], p[1]};
}
Support support_three(Params p) {
  return {p[0], p[2]};
}
Support support_real_line(Params) {
  return {-kInf, kInf};
}
Support support_positive(Params) {
  return {0.0, kInf};
}
Support support_unit(Params) {
  return {0.0, 1.0};
}
Support support_discrete(Params values) {
  return {*std::min_element(values.begin(), values.end()),
          *std::max_element(values.begin(), values.end())};
}

// ---------------------------------------------------------------- numerical parameterisation

std::array<double, 4> internal_copy(Params p) {
  std::array<double, 4> out{};
  std::copy_n(p.begin(), std::min<std::size_t>(p.size(), 4), out.begin());
  return out;
}

std::array<double, 4> internal_triangular(Params p) {
  const double a = p[0], mode = p[1], b = p[2];
  return {a, mode, b, (mode - a) / (b - a)};
}

std::array<double, 4> internal_pert(Params p) {
  const double a = p[0], mode = p[1], b = p[2];
  return {a, b - a, 1.0 + 4.0 * (mode - a) / (b - a), 1.0 + 4.0 * (b - mode) / (b - a)};
}

std::array<double, 4> internal_lognormal(Params p) {
  const double l5 = std::log(p[0]);
  const double l95 = std::log(p[1]);
  return {0.5 * (l5 + l95), (l95 - l5) / (2.0 * kZ90), 0.0, 0.0};
}

std::array<double, 4> internal_none(Params) {
  return {};
}

// ---------------------------------------------------------------- factories

Distribution make_fixed(Params p, Params) {
  return Distribution::fixed(p[0]);
}
Distribution make_uniform(Params p, Params) {
  return Distribution::uniform(p[0], p[1]);
}
Distribution make_triangular(Params p, Params) {
  return Distribution::triangular(p[0], p[1], p[2]);
}
Distribution make_pert(Params p, Params) {
  return Distribution::pert(p[0], p[1], p[2]);
}
Distribution make_normal(Params p, Params) {
  return Distribution::normal(p[0], p[1]);
}
Distribution make_lognormal(Params p, Params) {
  return Distribution::lognormal_p5_p95(p[0], p[1]);
}
Distribution make_beta(Params p, Params) {
  return Distribution::beta(p[0], p[1]);
}
Distribution make_discrete(Params values, Params weights) {
  return Distribution::discrete({values.begin(), values.end()}, {weights.begin(), weights.end()});
}

constexpr std::string_view kValueName[] = {"value"};
constexpr std::string_view kMinMax[] = {"min", "max"};
constexpr std::string_view kMinModeMax[] = {"min", "mode", "max"};
constexpr std::string_view kMeanSd[] = {"mean", "sd"};
constexpr std::string_view kP5P95[] = {"p5", "p95"};
constexpr std::string_view kAlphaBeta[] = {"alpha", "beta"};

}  // namespace

const std::array<KindInfo, kDistKindCount>& kind_table() noexcept {
  // clang-format off
  static const std::array<KindInfo, kDistKindCount> table{{
    // kind                 name          parameters   form               continuous units  check               support            internal             factory
    {DistKind::fixed,      "fixed",      kValueName,  "value",            false, true,  check_fixed,        support_fixed,     internal_copy,       make_fixed},
    {DistKind::uniform,    "uniform",    kMinMax,     "[min, max]",       true,  true,  check_uniform,      support_two,       internal_copy,       make_uniform},
    {DistKind::triangular, "triangular", kMinModeMax, "[min, mode, max]", true,  true,  check_min_mode_max, support_three,     internal_triangular, make_triangular},
    {DistKind::pert,       "pert",       kMinModeMax, "[min, mode, max]", true,  true,  check_min_mode_max, support_three,     internal_pert,       make_pert},
    {DistKind::normal,     "normal",     kMeanSd,     "[mean, sd]",       true,  true,  check_normal,       support_real_line, internal_copy,       make_normal},
    {DistKind::lognormal,  "lognormal",  kP5P95,      "[p5, p95]",        true,  true,  check_lognormal,    support_positive,  internal_lognormal,  make_lognormal},
    {DistKind::beta,       "beta",       kAlphaBeta,  "[alpha, beta]",    true,  false, check_beta,         support_unit,      internal_copy,       make_beta},
    {DistKind::discrete,   "discrete",   {},          "{values: [...], weights: [...]}", false, true, check_discrete, support_discrete, internal_none, make_discrete},
  }};
  // clang-format on
  return table;
}

const KindInfo& kind_info(DistKind kind) noexcept {
  return kind_table()[static_cast<std::size_t>(kind)];
}

const KindInfo* find_kind(std::string_view name) noexcept {
  for (const auto& k : kind_table()) {
    if (k.kind != DistKind::fixed && k.name == name) return &k;
  }
  return nullptr;
}

std::vector<std::string_view> scenario_kind_names() {
  std::vector<std::string_view> names;
  for (const auto& k : kind_table()) {
    if (k.kind != DistKind::fixed) names.push_back(k.name);
  }
  return names;
}

std::vector<SpecProblem> check_parameters(const DistSpec& spec) {
  const KindInfo& k = kind_info(spec.kind);
  std::vector<SpecProblem> out;
  if (!k.parameter_names.empty() && spec.parameters.size() != k.parameter_names.size()) {
    const auto arity = static_cast<std::int64_t>(k.parameter_names.size());
    out.push_back(problem(Part::parameters, 0, diag::kParameterCount,
                          trn("{} takes a list of {} number {}, found {}",
                              "{} takes a list of {} numbers {}, found {}", arity, k.name, arity,
                              k.form, tr("a list of {}", spec.parameters.size()))));
    return out;
  }
  for (std::size_t i = 0; i < spec.parameters.size(); ++i) {
    if (!std::isfinite(spec.parameters[i])) {
      out.push_back(problem(Part::parameter, i, diag::kNotFinite,
                            tr("{} is not a finite number; write an ordinary number such as 0.15",
                               spec.parameters[i])));
    }
  }
  for (std::size_t i = 0; i < spec.weights.size(); ++i) {
    if (!std::isfinite(spec.weights[i])) {
      out.push_back(problem(
          Part::weight, i, diag::kNotFinite,
          tr("{} is not a finite number; write an ordinary number such as 0.15", spec.weights[i])));
    }
  }
  if (!out.empty()) return out;
  if (spec.kind != DistKind::discrete && !spec.weights.empty()) {
    out.push_back(problem(Part::weights, 0, diag::kInvalidWeights,
                          tr("only a discrete distribution has weights")));
    return out;
  }
  return k.check(spec.parameters, spec.weights);
}

std::vector<SpecProblem> check_truncation(const DistSpec& spec) {
  std::vector<SpecProblem> out;
  if (!spec.truncated()) return out;
  const KindInfo& k = kind_info(spec.kind);
  if (std::isnan(spec.min) || std::isnan(spec.max)) {
    out.push_back(problem(Part::distribution, 0, diag::kNotFinite,
                          tr("a truncation bound is not a number; write min: and max: as "
                             "ordinary numbers")));
    return out;
  }
  if (!k.continuous) {
    out.push_back(problem(
        Part::distribution, 0, diag::kNotTruncatable,
        spec.kind == DistKind::discrete
            ? tr("min:/max: truncate continuous distributions only; remove the discrete values "
                 "you do not want instead")
            : tr("min:/max: truncate continuous distributions only; a fixed value has nothing to "
                 "cut")));
    return out;
  }
  const double lo = spec.min;
  const double hi = spec.max;
  if (lo > -kInf && hi < kInf && !(lo < hi)) {
    out.push_back(problem(Part::distribution, 0, diag::kInvalidTruncation,
                          tr("truncation min: {} must be less than max: {}; swap them", lo, hi)));
    return out;
  }
  const Support s = k.support(spec.parameters);
  if (!(std::max(lo, s.lo) < std::min(hi, s.hi))) {
    out.push_back(problem(
        Part::distribution, 0, diag::kInvalidTruncation,
        tr("truncating {} to {} leaves nothing: its values lie in [{}, {}]",
           describe_parameters(spec.kind, spec.parameters), truncation_text(lo, hi), s.lo, s.hi)));
    return out;
  }
  // The probability left, as the sampler computes it (Distribution::truncated:
  // from the survival function in the upper tail, so that a truncation far in
  // either tail is judged alike).
  const Distribution base = k.make(spec.parameters, spec.weights);
  double mass = 0.0;
  try {
    mass = base.truncated(lo, hi).truncated_mass();
  } catch (const std::invalid_argument&) {
    mass = 0.0;  // no probability left
  } catch (const std::range_error&) {
    // Distribution::truncated(): its moments over- or underflow.
    out.push_back(
        problem(Part::distribution, 0, diag::kInvalidDistribution,
                tr("{} truncated to {} is too concentrated to compute in double "
                   "precision (its mean or variance over- or underflows); use less "
                   "extreme parameters",
                   describe_parameters(spec.kind, spec.parameters), truncation_text(lo, hi))));
    return out;
  }
  if (!(mass > 0.0)) {
    out.push_back(problem(Part::distribution, 0, diag::kNoProbability,
                          tr("truncating {} to [{}, {}] leaves (almost) no probability; widen "
                             "the bounds or move the distribution",
                             describe_parameters(spec.kind, spec.parameters), std::max(lo, s.lo),
                             std::min(hi, s.hi))));
  }
  return out;
}

Distribution make_distribution(const DistSpec& spec) {
  if (const auto problems = check_parameters(spec); !problems.empty()) {
    throw std::invalid_argument(problems.front().text.english());
  }
  const KindInfo& k = kind_info(spec.kind);
  std::vector<double> weights = spec.weights;
  Distribution base = k.make(spec.parameters, weights);
  if (!spec.truncated()) return base;
  if (const auto problems = check_truncation(spec); !problems.empty()) {
    throw std::invalid_argument(problems.front().text.english());
  }
  return base.truncated(spec.min, spec.max);
}

DistSpec spec_of(const Distribution& dist) {
  DistSpec spec;
  spec.kind = dist.kind();
  spec.parameters = dist.parameters();
  if (dist.kind() == DistKind::discrete) spec.weights = dist.weights();
  spec.min = dist.truncation_min();
  spec.max = dist.truncation_max();
  return spec;
}

Support support_of(const DistSpec& spec) {
  const Support s = kind_info(spec.kind).support(spec.parameters);
  return {std::max(spec.min, s.lo), std::min(spec.max, s.hi)};
}

std::string describe_parameters(DistKind kind, std::span<const double> parameters) {
  std::string out = fmt::format("{}(", kind_info(kind).name);
  for (std::size_t i = 0; i < parameters.size(); ++i) {
    if (i > 0) out += ", ";
    out += fmt::format("{}", parameters[i]);
  }
  return out + ")";
}

std::array<double, 4> internal_parameters(DistKind kind, std::span<const double> parameters) {
  return kind_info(kind).internal(parameters);
}

}  // namespace simroi
