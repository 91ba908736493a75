#pragma once
// The distribution kinds, in one table: for each kind its scenario name, its
// parameters as a scenario writes them, the rules they must follow, the values
// it can take, the parameterisation the numerical code works with, and its
// factory. Every part of simroi that knows about kinds reads it from here:
//   the YAML reader (scenario/read.h)    names, parameter shape, rules, factory;
//   validate() (scenario/validate.h)     the support as written;
//   the writer (scenario/write.h)        names, parameters, units;
//   Distribution (distribution.h)        the rules (its factories refuse what
//                                        check_parameters() reports) and the
//                                        numerical parameterisation;
//   NormalScoreMap (normal_score_map.h)  the numerical parameterisation and support.
//
// Adding a kind: a DistKind value (distribution.h), a row of kind_table()
// (kinds.cpp: name, parameters, rules, support, parameterisation, factory), and
// its sample/cdf/quantile/moments in distribution.cpp and its exact quantile in
// normal_score_map.cpp.
//
// Parameters as written (docs/scenario-format.md, section 3):
//   uniform    [min, max]          min < max
//   triangular [min, mode, max]    min <= mode <= max, min < max
//   pert       [min, mode, max]    min <= mode <= max, min < max
//   normal     [mean, sd]          sd > 0
//   lognormal  [p5, p95]           0 < p5 < p95
//   beta       [alpha, beta]       alpha > 0, beta > 0
//   discrete   values, weights     at least one value; one weight >= 0 per value, positive sum
//   fixed      [value]             (a plain number in a scenario)
// Every parameter and weight must be finite.
//
// The numerical parameterisation (internal_parameters(); Distribution::p_ and
// NormalScoreMap::Exact::p hold it):
//   uniform    {a, b}
//   triangular {a, mode, b, (mode - a) / (b - a)}
//   pert       {a, b - a, alpha, beta}   Beta-PERT, lambda = 4 (Vose 2008, "Risk Analysis",
//              alpha = 1 + 4 (mode - a) / (b - a), beta = 1 + 4 (b - mode) / (b - a)
//   normal     {mean, sd}
//   lognormal  {mu, sigma}   mu = (ln p5 + ln p95) / 2, sigma = (ln p95 - ln p5) / (2 z95),
//              z95 = Phi^-1(0.95) = kZ90 (core/constants.h; p5 and p95 are then the 5th
//              and 95th percentiles)
//   beta       {alpha, beta}
//   fixed      {value}
//   discrete   unused (Distribution keeps a table of the values)
#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "simroi/core/text.h"
#include "simroi/dist/distribution.h"
#include "simroi/core/constants.h"

namespace simroi {

/// A distribution as a scenario writes it: what the reader reads, the writer
/// writes and make_distribution() builds. Plain data.
struct DistSpec {
  static constexpr double kInf = std::numeric_limits<double>::infinity();

  DistKind kind = DistKind::fixed;
  /// As written: {min, mode, max} for pert, {p5, p95} for lognormal, {value}
  /// for fixed, the values for discrete.
  std::vector<double> parameters;
  /// discrete only: one weight per value.
  std::vector<double> weights;
  /// Truncation bounds (min: / max: in a scenario); infinite when absent.
  double min = -kInf;
  double max = kInf;

  [[nodiscard]] bool truncated() const noexcept { return min > -kInf || max < kInf; }
};

/// The smallest and largest value a distribution can take (may be infinite).
struct Support {
  double lo;
  double hi;
};

/// Something wrong with a DistSpec, and which part of it is wrong (so the
/// reader can point at the right YAML node).
struct SpecProblem {
  enum class Part : std::uint8_t {
    distribution,  ///< the whole distribution (e.g. its truncation)
    parameters,    ///< the parameter list, e.g. [0.4, 0.1] for min > max
    parameter,     ///< parameters[index]
    weights,       ///< the weight list (discrete)
    weight,        ///< weights[index] (discrete)
  };
  Part part = Part::distribution;
  std::size_t index = 0;
  std::string_view code;  ///< a diag::k* code (core/error.h)
  Text text;              ///< e.g. "min 0.4 is greater than max 0.1; write [0.1, 0.4]"
};

/// One row of the table.
struct KindInfo {
  DistKind kind;
  /// The scenario name ("pert"); "fixed" is written as a plain number.
  std::string_view name;
  /// The names of the parameters as written ({"min", "mode", "max"}); empty
  /// for discrete, whose parameters are a mapping {values: [...], weights: [...]}.
  std::span<const std::string_view> parameter_names;
  /// How the parameters are written, for messages: "[min, mode, max]".
  std::string_view form;
  /// Has a density: may be truncated and correlated through normal scores.
  bool continuous;
  /// The parameters are values of the input (a rate's min and max are rates;
  /// beta's shapes are not): the writer may write them as percentages.
  bool parameters_in_input_units;
  /// The rules of the parameters (and weights), every violation in order.
  std::vector<SpecProblem> (*check)(std::span<const double> parameters,
                                    std::span<const double> weights);
  /// The values the untruncated distribution can take, from its parameters as written.
  Support (*support)(std::span<const double> parameters);
  /// The numerical parameterisation (see the top of this file). Precondition: check() passes.
  std::array<double, 4> (*internal)(std::span<const double> parameters);
  /// The factory (Distribution::pert(...), ...). Throws std::invalid_argument
  /// when check() would report a problem.
  Distribution (*make)(std::span<const double> parameters, std::span<const double> weights);
};

/// Every kind, in DistKind order.
[[nodiscard]] const std::array<KindInfo, kDistKindCount>& kind_table() noexcept;
[[nodiscard]] const KindInfo& kind_info(DistKind kind) noexcept;
/// The kind a scenario names ("uniform", ..., "discrete"); null for other
/// names, including "fixed" (a fixed value is a plain number).
[[nodiscard]] const KindInfo* find_kind(std::string_view name) noexcept;
/// The names a scenario may use, in table order: uniform, triangular, ..., discrete.
[[nodiscard]] std::vector<std::string_view> scenario_kind_names();

/// The rules of the kind's parameters and weights (KindInfo::check), including
/// their count and finiteness.
[[nodiscard]] std::vector<SpecProblem> check_parameters(const DistSpec& spec);
/// The rules of the truncation, for a spec whose parameters pass: only
/// continuous kinds may be truncated, min < max, and [min, max] must hold
/// some of the support and (for this check, like the reader's) some
/// probability: P(min <= X <= max) > 0 computed as F(max) - F(min).
[[nodiscard]] std::vector<SpecProblem> check_truncation(const DistSpec& spec);
/// The spec as a Distribution. Precondition: check_parameters() and
/// check_truncation() pass; throws std::invalid_argument otherwise.
[[nodiscard]] Distribution make_distribution(const DistSpec& spec);
/// What a scenario would write for `dist` (make_distribution(spec_of(d)) is d).
[[nodiscard]] DistSpec spec_of(const Distribution& dist);

/// The support of the spec: the kind's support (as written) cut to [min, max].
[[nodiscard]] Support support_of(const DistSpec& spec);
/// "pert(1200, 1500, 2200)": the kind and its parameters as written (for
/// discrete the values), each the shortest text that reads back as the same
/// double; truncation not included.
[[nodiscard]] std::string describe_parameters(DistKind kind, std::span<const double> parameters);

/// The numerical parameterisation of a kind (KindInfo::internal).
[[nodiscard]] std::array<double, 4> internal_parameters(DistKind kind,
                                                        std::span<const double> parameters);

/// The support of the numerical parameterisation `p` of a continuous or fixed
/// kind: uniform [p0, p1], triangular [p0, p2], pert [p0, p0 + p1], normal
/// (-inf, inf), lognormal [0, inf), beta [0, 1], fixed [p0, p0]. (An inline
/// switch rather than a table entry: Distribution::sample() calls it per draw.)
/// Discrete: (-inf, inf); its support comes from its values.
[[nodiscard, gnu::always_inline]] constexpr Support internal_support(DistKind kind,
                                                                     const double* p) noexcept {
  constexpr double inf = std::numeric_limits<double>::infinity();
  switch (kind) {
    case DistKind::fixed:
      return {p[0], p[0]};
    case DistKind::uniform:
      return {p[0], p[1]};
    case DistKind::triangular:
      return {p[0], p[2]};
    case DistKind::pert:
      return {p[0], p[0] + p[1]};
    case DistKind::normal:
      return {-inf, inf};
    case DistKind::lognormal:
      return {0.0, inf};
    case DistKind::beta:
      return {0.0, 1.0};
    case DistKind::discrete:
      break;
  }
  return {-inf, inf};
}

}  // namespace simroi
