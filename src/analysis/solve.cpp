#include "simroi/analysis/solve.h"

#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>

namespace simroi {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

enum class Which : unsigned char { value, low, high };

class Seeker {
 public:
  Seeker(const std::function<Evaluation(double)>& evaluate, Compare compare, double target,
         const SolveOptions& options)
      : evaluate_(evaluate), compare_(compare), target_(target), options_(options) {}

  const Evaluation& at(double theta) {
    const auto it = cache_.find(theta);
    if (it != cache_.end()) return it->second;
    ++evaluations_;
    return cache_.emplace(theta, evaluate_(theta)).first->second;
  }

  /// The statistic's value or one of its bounds (a missing bound is -+inf).
  static double pick(const Evaluation& e, Which which) {
    switch (which) {
      case Which::value:
        return e.value;
      case Which::low:
        return e.low.value_or(-kInf);
      case Which::high:
        return e.high.value_or(kInf);
    }
    return e.value;
  }

  /// Positive where the target holds, negative where not, its size the
  /// distance from the target (at least a tiny amount, so the sign is clear).
  double signed_distance(double theta, Which which) {
    const double x = pick(at(theta), which);
    const bool ok = holds(x, compare_, target_);
    double d = std::abs(x - target_);
    if (!std::isfinite(d)) d = 1e300;
    d = std::max(d, 1e-300);
    return ok ? d : -d;
  }

  [[nodiscard]] bool budget_left() const { return evaluations_ < options_.max_evaluations; }
  [[nodiscard]] int evaluations() const { return evaluations_; }

  /// The Monte Carlo band's width estimated from [a, b]'s ends (SolveOptions::
  /// band_fraction), infinite when it cannot be estimated.
  double band_width(double a, double b) {
    const Evaluation& ea = at(a);
    const Evaluation& eb = at(b);
    const double slope = std::abs(eb.value - ea.value) / (b - a);
    const double width = 0.5 * ((pick(ea, Which::high) - pick(ea, Which::low)) +
                                (pick(eb, Which::high) - pick(eb, Which::low)));
    const double band = width / slope;
    return slope > 0 && std::isfinite(band) ? band : kInf;
  }

  /// Narrow [a, b] (the sign of `which` differs at its ends) to the
  /// tolerance (and, for the value, to band_fraction of the band, which is
  /// then the tolerance of the band's edges); returns the final bracket.
  std::pair<double, double> narrow(double a, double b, Which which, bool& converged) {
    double fa = signed_distance(a, which);
    double fb = signed_distance(b, which);
    int side = 0;
    const auto resolved = [&] {
      if (b - a <= options_.tolerance) return true;
      if (!(options_.band_fraction > 0)) return false;
      if (which != Which::value) return b - a <= edge_tolerance_;
      const double enough = options_.band_fraction * band_width(a, b);
      if (!std::isfinite(enough) || b - a > enough) return false;
      edge_tolerance_ = enough;
      return true;
    };
    while (!resolved() && budget_left()) {
      double c = b - fb * (b - a) / (fb - fa);
      const double margin = 0.02 * (b - a);
      // Regula falsi can crawl along one end: keep every new point inside,
      // and bisect when an end has been kept twice already.
      if (!std::isfinite(c) || c <= a + margin || c >= b - margin || side == 2 || side == -2) {
        c = 0.5 * (a + b);
        side = 0;
      }
      const double fc = signed_distance(c, which);
      if ((fc > 0) == (fb > 0)) {
        b = c;
        fb = fc;
        fa *= 0.5;  // Illinois: halve the end that stays
        side = side < 0 ? side - 1 : -1;
      } else {
        a = c;
        fa = fc;
        fb *= 0.5;
        side = side > 0 ? side + 1 : 1;
      }
    }
    converged = resolved();
    return {a, b};
  }

  /// The tightest bracket among the evaluated points in which `which`
  /// changes sign, or nullopt when it never does over [lo, hi].
  std::optional<std::pair<double, double>> bracket(double lo, double hi, Which which) {
    std::optional<std::pair<double, double>> best;
    std::optional<double> previous;
    bool previous_ok = false;
    for (const auto& [theta, e] : cache_) {
      if (theta < lo || theta > hi) continue;
      const bool ok = holds(pick(e, which), compare_, target_);
      if (previous && ok != previous_ok) {
        if (!best || theta - *previous < best->second - best->first) best = {{*previous, theta}};
      }
      previous = theta;
      previous_ok = ok;
    }
    return best;
  }

  bool holds_at(double theta, Which which) {
    return holds(pick(at(theta), which), compare_, target_);
  }

 private:
  const std::function<Evaluation(double)>& evaluate_;
  Compare compare_;
  double target_;
  SolveOptions options_;
  std::map<double, Evaluation> cache_;
  int evaluations_ = 0;
  double edge_tolerance_ = 0;  ///< band_fraction of the band, once the value is resolved
};

}  // namespace

SolveResult solve_boundary(const std::function<Evaluation(double)>& evaluate, double lo, double hi,
                           Compare compare, double target, const SolveOptions& options) {
  if (!(lo < hi) || !std::isfinite(lo) || !std::isfinite(hi)) {
    throw std::invalid_argument("solve_boundary: need finite lo < hi");
  }
  if (!(options.tolerance > 0)) throw std::invalid_argument("solve_boundary: tolerance > 0");
  Seeker s(evaluate, compare, target, options);
  SolveResult r;
  const bool at_lo = s.holds_at(lo, Which::value);
  const bool at_hi = s.holds_at(hi, Which::value);
  if (at_lo == at_hi) {
    r.status = at_lo ? SolveResult::Status::always_met : SolveResult::Status::never_met;
    r.evaluations = s.evaluations();
    return r;
  }
  r.status = SolveResult::Status::found;
  r.holds_above = at_hi;
  const auto [a, b] = s.narrow(lo, hi, Which::value, r.converged);
  r.value = r.holds_above ? b : a;
  r.at = s.at(*r.value);

  // The band where the 95 % interval straddles the target: the interval's
  // bound nearer the region where the target fails crosses at one end (the
  // target is surely met beyond it), the other bound at the other end.
  const bool upward = compare == Compare::greater || compare == Compare::greater_equal;
  for (const Which which : {Which::low, Which::high}) {
    std::optional<double> edge;
    if (const auto br = s.bracket(lo, hi, which)) {
      bool ignored = false;
      const auto [ba, bb] = s.narrow(br->first, br->second, which, ignored);
      edge = r.holds_above ? bb : ba;
    } else if (s.holds_at(r.holds_above ? lo : hi, which)) {
      edge = r.holds_above ? lo : hi;  // this bound meets the target over the whole range
    } else {
      edge = r.holds_above ? hi : lo;  // it never does: the band reaches the range's end
    }
    // For ">=", `low` meeting the target is "surely met"; for "<=", `high`.
    const bool sure = upward ? which == Which::low : which == Which::high;
    if (sure == r.holds_above) {
      r.band_high = edge;
    } else {
      r.band_low = edge;
    }
  }
  if (r.band_low && r.band_high && *r.band_low > *r.band_high) std::swap(r.band_low, r.band_high);
  r.evaluations = s.evaluations();
  return r;
}

}  // namespace simroi
