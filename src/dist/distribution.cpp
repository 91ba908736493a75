// Probability distributions of uncertain inputs (see simroi/distribution.h).
//
// Distribution::p_ holds the numerical parameterisation of the kinds table
// (internal_parameters(), simroi/dist/kinds.h):
//   fixed       {value}
//   uniform     {a, b}
//   triangular  {a, mode, b, (mode - a) / (b - a)}
//   pert        {a, b - a, alpha, beta}          (mode is in written_)
//   normal      {mean, sd}
//   lognormal   {mu, sigma}                      (p5, p95 are in written_)
//   beta        {alpha, beta}
//   discrete    unused; the table is in discrete_
// g_ holds the Marsaglia-Tsang constants of the two gamma variates of beta and
// pert: {d1, c1, 1/alpha or 0, d2, c2, 1/beta or 0} (see gamma_draw()).
//
// Sampling:
//   uniform     a + (b - a) U
//   triangular  closed-form inverse CDF of one uniform
//   normal      the 256-layer ziggurat of simroi/normal.h on the Rng engine
//   lognormal   exp(mu + sigma Z)
//   beta, pert  X / (X + Y) with X ~ Gamma(alpha), Y ~ Gamma(beta) by
//               Marsaglia & Tsang (2000); shapes < 1 use G(a) = G(a + 1) U^(1/a),
//               formed directly for shapes >= 1/13 (U^(1/a) = exp(-E / a), E
//               from the exponential ziggurat of simroi/exponential.h) and
//               otherwise combined in log space so tiny variates cannot
//               underflow to 0/0. Boost
//               1.74's gamma_distribution is several times slower.
//   discrete    binary search of one uniform in the cumulative probabilities
//               of the ascending values (the same table as quantile()).
// Truncated kinds: when the untruncated probability of [lo, hi] is at least 0.5
// the untruncated sampler is repeated until a draw lands in [lo, hi] (expected
// draws <= 2, and cheap). Otherwise a truncated normal (or lognormal: the
// normal of its log) is drawn as a standard normal truncated to [a, b]
// (standardised bounds, mirrored so that a >= 0 or a < 0 < b) by the better
// of two exact rejection samplers of Robert (1995), "Simulation of truncated
// normal variables", Stat. Comput. 5:121-125, chosen in truncated() by their
// acceptance rates (both computed from the exact mass of [a, b]):
//   normal_uniform      x uniform on [a, b] (finite), accepted with
//                       probability exp((m^2 - x^2) / 2), m = max(a, 0):
//                       good for narrow intervals;
//   normal_exponential  a >= 0: x = a + E / lambda, E ~ Exp(1),
//                       lambda = (a + sqrt(a^2 + 4)) / 2, rejected above b,
//                       accepted with probability exp(-(x - lambda)^2 / 2):
//                       good for tails (acceptance >= 0.76 one-sided).
// Both accept tests first try the squeeze exp(-t) >= 1 - t, so most draws
// need no exp or second log. When neither reaches an acceptance of 0.25 --
// and for the other kinds -- one uniform goes through the exact truncated
// inverse CDF (quantile()), whose cost does not depend on the acceptance rate.
//
// Exact functions use Boost.Math with a policy that returns +-inf / NaN instead
// of throwing at the extreme ends and that evaluates doubles in double precision
// (the default promotes to long double: much slower, no better than 1e-15
// relative for these distributions).
//
// Truncated mean and variance: closed forms for uniform and normal; for the
// other kinds by tanh-sinh quadrature of the density (in standardised
// coordinates: y = (x - a) / (b - a) for beta/pert, z = (ln x - mu) / sigma
// for lognormal), split at interior quantiles, centred so the variance does not
// suffer the cancellation of E[X^2] - E[X]^2. Computed once in truncated().
#include "simroi/dist/distribution.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/quadrature/tanh_sinh.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <cmath>
#include <numbers>
#include <numeric>
#include <stdexcept>
#include <utility>

#include "dist/boost_math_policy.h"
#include "simroi/dist/kinds.h"
#include "simroi/random/exponential.h"
#include "simroi/random/normal.h"

namespace simroi {

/// Discrete distribution: distinct values with positive probability, ascending.
struct DiscreteTable {
  std::vector<double> values;   // ascending, distinct, positive probability
  std::vector<double> cum;      // cum[i] = P(X <= values[i]); cum.back() == 1
  std::vector<double> weights;  // as written (parallel to the written values)
};

namespace {

namespace bm = boost::math;
using math::beta_quantile;
using math::BetaDist;
using math::LognormalDist;
using math::NormalDist;
using math::Policy;

[[noreturn]] void fail(const std::string& what) {
  throw std::invalid_argument(what);
}

std::string num(double x) {
  return fmt::format("{:g}", x);
}

inline double std_normal(Rng& rng) {
  return standard_normal(rng);
}

/// Marsaglia & Tsang (2000) gamma variate of shape d + 1/3 >= 1 (c = 1/sqrt(9d)).
inline double gamma_mt(Rng& rng, double d, double c) {
  for (;;) {
    double x = 0.0;
    double v = 0.0;
    do {
      x = std_normal(rng);
      v = 1.0 + c * x;
    } while (v <= 0.0);
    v = v * v * v;
    const double u = rng.uniform01();
    const double x2 = x * x;
    if (u < 1.0 - 0.0331 * x2 * x2) return d * v;
    if (std::log(u) < 0.5 * x2 + d * (1.0 - v + std::log(v))) return d * v;
  }
}

/// Constants for gamma_mt of shape `shape`; shapes < 1 are drawn as
/// G(shape + 1) * U^(1/shape).
void gamma_constants(double shape, double* g) {
  const double boosted = shape < 1.0 ? shape + 1.0 : shape;
  g[0] = boosted - 1.0 / 3.0;
  g[1] = 1.0 / std::sqrt(9.0 * g[0]);
  g[2] = shape < 1.0 ? 1.0 / shape : 0.0;
}

/// Largest 1/shape for which U^(1/shape) is formed directly, as exp(-E /
/// shape) with E a standard exponential (exponential.h): E <= 45.1, so the
/// power is >= e^(-45.1 * 13) ~ 1e-255, far from underflow even after the
/// product with a gamma variate and the sum x + y.
constexpr double kDirectPowerMax = 13.0;

/// Beta(alpha, beta) on [0, 1] from two gamma variates.
inline double beta_draw(Rng& rng, const double* g) {
  double x = gamma_mt(rng, g[0], g[1]);
  if (g[2] == 0.0 && g[5] == 0.0) {
    const double y = gamma_mt(rng, g[3], g[4]);
    return x / (x + y);
  }
  if (g[2] <= kDirectPowerMax && g[5] <= kDirectPowerMax) {
    // Shapes >= 1/13: G(a) = G(a + 1) U^(1/a) cannot underflow, so form it
    // directly -- U^(1/a) = exp(-E / a) with an exponential E from the
    // ziggurat: one exp per shape below 1 instead of three logs and an exp.
    // U^2 (shape 1/2, common) is exact as a product.
    auto power = [&rng](double inv) {
      if (inv == 2.0) {
        const double u = rng.uniform01();
        return u * u;
      }
      return std::exp(-standard_exponential(rng) * inv);
    };
    if (g[2] != 0.0) x *= power(g[2]);
    double y = gamma_mt(rng, g[3], g[4]);
    if (g[5] != 0.0) y *= power(g[5]);
    return x / (x + y);
  }
  double log_x = std::log(x);
  if (g[2] != 0.0) log_x += std::log(rng.uniform01()) * g[2];
  double log_y = std::log(gamma_mt(rng, g[3], g[4]));
  if (g[5] != 0.0) log_y += std::log(rng.uniform01()) * g[5];
  return 1.0 / (1.0 + std::exp(log_y - log_x));
}

/// Robert (1995), uniform proposal: a standard normal truncated to [a, b]
/// (finite), m = max(a, 0) the point of [a, b] where the density peaks.
/// (Kept out of line, like the other rejection loops' callers: inlined into
/// sample() they slowed its common untruncated path.)
[[gnu::noinline]] double truncated_normal_uniform(Rng& rng, double a, double b, double m) {
  for (;;) {
    const double x = a + (b - a) * rng.uniform01();
    const double t = 0.5 * (x - m) * (x + m);  // >= 0; accept with probability exp(-t)
    const double u = rng.uniform01();
    if (u <= 1.0 - t || u < std::exp(-t)) return x;
  }
}

/// Robert (1995), exponential proposal: a standard normal truncated to
/// [a, b], a >= 0 (b may be +inf), rate lambda.
[[gnu::noinline]] double truncated_normal_exponential(Rng& rng, double a, double b, double lambda) {
  for (;;) {
    const double x = a - std::log(rng.uniform01()) / lambda;
    if (x > b) continue;
    const double t = 0.5 * (x - lambda) * (x - lambda);  // accept with probability exp(-t)
    const double u = rng.uniform01();
    if (u <= 1.0 - t || std::log(u) < -t) return x;
  }
}

struct Moments {
  double mean;
  double variance;
};

/// Mean and variance of x(t) under the (unnormalised) weight w(t, tc) on the
/// consecutive intervals [cuts[i], cuts[i+1]] (ends may be infinite), by
/// tanh-sinh quadrature. tc is the distance to the nearest end of the current
/// interval (Boost's convention: negative on the left half), for accuracy at
/// singular ends.
template <class Weight, class Map>
Moments quadrature_moments(const Weight& w, const Map& x, const std::vector<double>& cuts,
                           double centre) {
  bm::quadrature::tanh_sinh<double> integrator;  // integrate() is not const
  constexpr double kTol = 1e-14;
  auto sum = [&](auto&& g) {
    double total = 0.0;
    for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
      const double a = cuts[i];
      const double b = cuts[i + 1];
      if (!(a < b)) continue;
      auto f = [&](double t, double tc) {
        const double wt = w(t, tc, a, b);
        return wt == 0.0 ? 0.0 : g(x(t)) * wt;
      };
      if (std::isfinite(a) && std::isfinite(b)) {
        total += integrator.integrate(f, a, b, kTol);
      } else {
        total += integrator.integrate([&](double t) { return f(t, 0.0); }, a, b, kTol);
      }
    }
    return total;
  };
  // A density too concentrated for doubles (a beta with alpha = 0.001 puts half
  // its mass below 1e-308) overflows at the abscissae nearest an end, where
  // Boost refuses to go on: said as a range_error, which the loader turns into
  // a diagnostic (kinds.cpp, check_truncation()).
  try {
    const double z = sum([](double) { return 1.0; });
    const double mean = centre + sum([&](double v) { return v - centre; }) / z;
    const double variance = sum([&](double v) { return (v - mean) * (v - mean); }) / z;
    if (std::isfinite(mean) && std::isfinite(variance) && variance >= 0.0) return {mean, variance};
  } catch (const std::exception&) {
  }
  throw std::range_error("the truncated distribution's mean and variance cannot be computed");
}

}  // namespace

const char* to_string(DistKind kind) noexcept {
  const auto i = static_cast<std::size_t>(kind);
  return i < kind_table().size() ? kind_table()[i].name.data() : "unknown";
}

// ---------------------------------------------------------------- factories

namespace {

/// Throws std::invalid_argument (the first problem's English text, prefixed by
/// the kind's name) when the parameters break the kind's rules (kinds.h).
void require_valid(DistKind kind, std::initializer_list<double> parameters) {
  DistSpec spec;
  spec.kind = kind;
  spec.parameters.assign(parameters.begin(), parameters.end());
  if (const auto problems = check_parameters(spec); !problems.empty()) {
    fail(std::string(to_string(kind)) + ": " + problems.front().text.english());
  }
}

}  // namespace

/// A continuous (or fixed) kind from its parameters as written: the rules and
/// the numerical parameterisation come from the table (kinds.h).
Distribution Distribution::make(DistKind kind, std::initializer_list<double> written) {
  Distribution d;
  d.kind_ = kind;
  const auto p =
      internal_parameters(kind, std::span<const double>(written.begin(), written.size()));
  std::copy(p.begin(), p.end(), d.p_);
  d.written_ = std::make_shared<const std::vector<double>>(written);
  return d;
}

Distribution Distribution::fixed(double value) {
  require_valid(DistKind::fixed, {value});
  Distribution d = make(DistKind::fixed, {value});
  d.set_raw_moments();
  return d;
}

Distribution Distribution::uniform(double a, double b) {
  require_valid(DistKind::uniform, {a, b});
  Distribution d = make(DistKind::uniform, {a, b});
  d.set_raw_moments();
  return d;
}

Distribution Distribution::triangular(double a, double mode, double b) {
  require_valid(DistKind::triangular, {a, mode, b});
  Distribution d = make(DistKind::triangular, {a, mode, b});
  d.set_raw_moments();
  return d;
}

Distribution Distribution::pert(double a, double mode, double b) {
  require_valid(DistKind::pert, {a, mode, b});
  Distribution d = make(DistKind::pert, {a, mode, b});
  gamma_constants(d.p_[2], d.g_);
  gamma_constants(d.p_[3], d.g_ + 3);
  d.set_raw_moments();
  return d;
}

Distribution Distribution::normal(double mean, double sd) {
  require_valid(DistKind::normal, {mean, sd});
  Distribution d = make(DistKind::normal, {mean, sd});
  d.set_raw_moments();
  return d;
}

Distribution Distribution::lognormal_p5_p95(double p5, double p95) {
  require_valid(DistKind::lognormal, {p5, p95});
  Distribution d = make(DistKind::lognormal, {p5, p95});
  if (!(d.p_[1] > 0.0)) fail("lognormal: p5 and p95 are too close");
  d.set_raw_moments();
  return d;
}

Distribution Distribution::beta(double alpha, double beta) {
  require_valid(DistKind::beta, {alpha, beta});
  Distribution d = make(DistKind::beta, {alpha, beta});
  gamma_constants(alpha, d.g_);
  gamma_constants(beta, d.g_ + 3);
  d.set_raw_moments();
  return d;
}

Distribution Distribution::discrete(std::vector<double> values, std::vector<double> weights) {
  {
    DistSpec spec;
    spec.kind = DistKind::discrete;
    spec.parameters = values;
    spec.weights = weights;
    if (const auto problems = check_parameters(spec); !problems.empty()) {
      fail("discrete: " + problems.front().text.english());
    }
  }
  double total = 0.0;
  for (const double w : weights) total += w;

  // Sort (value, weight) ascending, merge duplicates, drop zero weights.
  std::vector<std::pair<double, double>> pairs;
  pairs.reserve(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (weights[i] > 0.0) pairs.emplace_back(values[i], weights[i]);
  }
  std::sort(pairs.begin(), pairs.end());
  auto table = std::make_shared<DiscreteTable>();
  double running = 0.0;
  for (const auto& [v, w] : pairs) {
    running += w;
    if (!table->values.empty() && table->values.back() == v) {
      table->cum.back() = running / total;
    } else {
      table->values.push_back(v);
      table->cum.push_back(running / total);
    }
  }
  table->cum.back() = 1.0;
  table->weights = std::move(weights);

  Distribution d;
  d.kind_ = DistKind::discrete;
  d.discrete_ = std::move(table);
  d.written_ = std::make_shared<const std::vector<double>>(std::move(values));
  d.set_raw_moments();
  return d;
}

Distribution Distribution::truncated(double lo, double hi) const {
  if (kind_ == DistKind::fixed || kind_ == DistKind::discrete) {
    fail(std::string("truncation applies to continuous distributions only, not ") +
         to_string(kind_));
  }
  if (std::isnan(lo) || std::isnan(hi) || !(lo <= hi)) {
    fail("truncation: need min <= max, got [" + num(lo) + ", " + num(hi) + "]");
  }
  Distribution d = *this;
  d.lo_ = std::max(lo_, lo);
  d.hi_ = std::min(hi_, hi);
  if (!(d.support_min() < d.support_max())) {
    fail("truncation to [" + num(lo) + ", " + num(hi) + "] leaves zero probability for " +
         describe());
  }
  d.cdf_lo_ = raw_cdf(d.lo_);
  d.cdf_hi_ = raw_cdf(d.hi_);
  d.sf_lo_ = raw_ccdf(d.lo_);
  d.sf_hi_ = raw_ccdf(d.hi_);
  d.upper_tail_ = d.cdf_lo_ > 0.5;
  d.mass_ = d.upper_tail_ ? d.sf_lo_ - d.sf_hi_ : d.cdf_hi_ - d.cdf_lo_;
  if (!(d.mass_ > 0.0)) {
    fail("truncation to [" + num(lo) + ", " + num(hi) + "] leaves zero probability for " +
         describe());
  }
  d.trunc_sampler_ = d.mass_ >= 0.5 ? TruncSampler::reject : TruncSampler::inverse;
  if (d.trunc_sampler_ == TruncSampler::inverse &&
      (kind_ == DistKind::normal || kind_ == DistKind::lognormal)) {
    // Standardised bounds of the normal (of the log, for a lognormal).
    const double mu = p_[0], sd = p_[1];
    auto standard = [&](double x) {
      if (kind_ == DistKind::lognormal) x = x > 0.0 ? std::log(x) : -kInf;
      return (x - mu) / sd;
    };
    double a = standard(d.support_min());
    double b = standard(d.support_max());
    double sign = 1.0;
    if (b <= 0.0) {  // mirror into a >= 0 (or a < 0 < b)
      std::swap(a, b);
      a = -a;
      b = -b;
      sign = -1.0;
    }
    // Acceptance rates: mass_ times sqrt(2 pi) is the integral of exp(-x^2/2)
    // over [a, b]; the proposals' envelopes are (b - a) exp(-m^2/2) and
    // exp(lambda^2/2 - lambda a) / lambda.
    const double area = std::sqrt(2.0 * std::numbers::pi) * d.mass_;
    const double m = std::max(a, 0.0);
    const double lambda = 0.5 * (a + std::sqrt(a * a + 4.0));
    const double acc_uniform =
        std::isfinite(a) && std::isfinite(b) ? area * std::exp(0.5 * m * m) / (b - a) : 0.0;
    const double acc_exponential =
        a >= 0.0 ? area * lambda * std::exp(lambda * a - 0.5 * lambda * lambda) : 0.0;
    constexpr double kMinAcceptance = 0.25;
    if (acc_uniform >= acc_exponential && acc_uniform >= kMinAcceptance) {
      d.trunc_sampler_ = TruncSampler::normal_uniform;
      d.tn_[2] = m;
    } else if (acc_exponential >= kMinAcceptance) {
      d.trunc_sampler_ = TruncSampler::normal_exponential;
      d.tn_[2] = lambda;
    }
    d.tn_[0] = a;
    d.tn_[1] = b;
    d.tn_[3] = sign;
  }
  d.set_truncated_moments();
  return d;
}

// ---------------------------------------------------------------- queries

bool Distribution::is_truncated() const noexcept {
  return lo_ > -kInf || hi_ < kInf;
}

const std::vector<double>& Distribution::parameters() const {
  static const std::vector<double> kDefault{0.0};
  return written_ ? *written_ : kDefault;
}

const std::vector<double>& Distribution::weights() const {
  static const std::vector<double> kNone;
  return discrete_ ? discrete_->weights : kNone;
}

double Distribution::support_min() const noexcept {
  return std::max(raw_support_min(), lo_);
}
double Distribution::support_max() const noexcept {
  return std::min(raw_support_max(), hi_);
}

double Distribution::mean() const {
  return mean_;
}
double Distribution::variance() const {
  return variance_;
}

std::string Distribution::describe() const {
  std::string out = to_string(kind_);
  out += '(';
  const auto& ps = parameters();
  if (kind_ == DistKind::discrete) {
    out += "values [";
    for (std::size_t i = 0; i < ps.size(); ++i) out += (i ? ", " : "") + num(ps[i]);
    out += "], weights [";
    const auto& ws = discrete_->weights;
    for (std::size_t i = 0; i < ws.size(); ++i) out += (i ? ", " : "") + num(ws[i]);
    out += ']';
  } else {
    for (std::size_t i = 0; i < ps.size(); ++i) out += (i ? ", " : "") + num(ps[i]);
  }
  out += ')';
  if (is_truncated()) {
    // The true range (a lognormal cut at max: 25000 lives in [0, 25000]); an
    // unbounded side is left out rather than printed as "inf".
    const double lo = support_min(), hi = support_max();
    if (std::isfinite(lo) && std::isfinite(hi)) {
      out += " truncated to [" + num(lo) + ", " + num(hi) + "]";
    } else if (std::isfinite(lo)) {
      out += " truncated to min " + num(lo);
    } else {
      out += " truncated to max " + num(hi);
    }
  }
  return out;
}

namespace {

/// A parameter as a person reads it: the fewest decimals (up to 6) that
/// write it, thousands grouped, the locale's separators. Not a catalogue id.
Text number_text(double x) {
  int decimals = 6;
  for (int d = 0; d < 6; ++d) {
    const double scaled = x * std::pow(10.0, d);
    if (std::abs(scaled - std::round(scaled)) < 1e-9 * std::max(1.0, std::abs(scaled))) {
      decimals = d;
      break;
    }
  }
  return Text({}, "{}", {}, std::nullopt, {Number{x, decimals, true}});
}

/// "1, 2, 3" (ru "1; 2; 3": its decimal comma would make ", " ambiguous).
Text list_text(const std::vector<double>& xs) {
  Text out = xs.empty() ? Text::verbatim("") : number_text(xs.front());
  for (std::size_t i = 1; i < xs.size(); ++i) {
    // TRANSLATORS: two items of a list of numbers; Russian uses "; " (decimal comma)
    out = trc("list of numbers", "{}, {}", out, number_text(xs[i]));
  }
  return out;
}

Text kind_text(DistKind kind) {
  // TRANSLATORS: a distribution's name in the inputs table: "normal(0.25, 0.1)"
  switch (kind) {
    case DistKind::fixed:
      return trc("distribution", "fixed");
    case DistKind::uniform:
      return trc("distribution", "uniform");
    case DistKind::triangular:
      return trc("distribution", "triangular");
    case DistKind::pert:
      return trc("distribution", "pert");
    case DistKind::normal:
      return trc("distribution", "normal");
    case DistKind::lognormal:
      return trc("distribution", "lognormal");
    case DistKind::beta:
      return trc("distribution", "beta");
    case DistKind::discrete:
      return trc("distribution", "discrete");
  }
  return Text::verbatim(to_string(kind));
}

}  // namespace

Text Distribution::description() const {
  Text out = kind_ == DistKind::discrete
                 ? trc("distribution", "{}(values [{}], weights [{}])", kind_text(kind_),
                       list_text(parameters()), list_text(discrete_->weights))
                 : trc("distribution", "{}({})", kind_text(kind_), list_text(parameters()));
  if (!is_truncated()) return out;
  const double lo = support_min(), hi = support_max();
  if (std::isfinite(lo) && std::isfinite(hi)) {
    return trc("distribution", "{} truncated to [{}, {}]", out, number_text(lo), number_text(hi));
  }
  if (std::isfinite(lo)) return trc("distribution", "{} truncated to min {}", out, number_text(lo));
  return trc("distribution", "{} truncated to max {}", out, number_text(hi));
}

double Distribution::sample(Rng& rng) const {
  if (!is_truncated()) return raw_sample(rng);
  double z = 0.0;  // standardised truncated normal (the two Robert samplers)
  switch (trunc_sampler_) {
    case TruncSampler::reject:
      for (;;) {
        const double x = raw_sample(rng);
        if (x >= lo_ && x <= hi_) return x;
      }
    case TruncSampler::inverse:
      return quantile(rng.uniform01());
    case TruncSampler::normal_uniform:
      z = truncated_normal_uniform(rng, tn_[0], tn_[1], tn_[2]);
      break;
    case TruncSampler::normal_exponential:
      z = truncated_normal_exponential(rng, tn_[0], tn_[1], tn_[2]);
      break;
  }
  double x = p_[0] + p_[1] * (tn_[3] * z);
  if (kind_ == DistKind::lognormal) x = std::exp(x);
  return std::clamp(x, support_min(), support_max());  // rounding must not leave [lo, hi]
}

double Distribution::quantile(double u) const {
  if (!is_truncated()) return raw_quantile(u);
  const double x =
      upper_tail_ ? raw_cquantile(sf_lo_ - u * mass_) : raw_quantile(cdf_lo_ + u * mass_);
  if (std::isnan(x)) return x;
  return std::clamp(x, support_min(), support_max());
}

double Distribution::cdf(double x) const {
  if (!is_truncated()) return raw_cdf(x);
  if (x < support_min()) return 0.0;
  if (x >= support_max()) return 1.0;
  const double p = upper_tail_ ? (sf_lo_ - raw_ccdf(x)) / mass_ : (raw_cdf(x) - cdf_lo_) / mass_;
  return std::clamp(p, 0.0, 1.0);
}

// ---------------------------------------------------------------- raw kinds

double Distribution::raw_sample(Rng& rng) const {
  switch (kind_) {
    case DistKind::fixed:
      return p_[0];
    case DistKind::uniform:
      return p_[0] + (p_[1] - p_[0]) * rng.uniform01();
    case DistKind::triangular: {
      const double u = rng.uniform01();
      const double a = p_[0], m = p_[1], b = p_[2];
      return u < p_[3] ? a + std::sqrt(u * (b - a) * (m - a))
                       : b - std::sqrt((1.0 - u) * (b - a) * (b - m));
    }
    case DistKind::pert:
      return p_[0] + p_[1] * beta_draw(rng, g_);
    case DistKind::normal:
      return p_[0] + p_[1] * std_normal(rng);
    case DistKind::lognormal:
      return std::exp(p_[0] + p_[1] * std_normal(rng));
    case DistKind::beta:
      return beta_draw(rng, g_);
    case DistKind::discrete: {
      const auto& t = *discrete_;
      const double u = rng.uniform01();
      const auto it = std::lower_bound(t.cum.begin(), t.cum.end(), u);
      const auto i =
          std::min<std::size_t>(static_cast<std::size_t>(it - t.cum.begin()), t.values.size() - 1);
      return t.values[i];
    }
  }
  return 0.0;
}

double Distribution::raw_cdf(double x) const {
  if (std::isnan(x)) return x;
  if (x < raw_support_min()) return 0.0;
  if (x >= raw_support_max()) return 1.0;
  switch (kind_) {
    case DistKind::fixed:
      return 1.0;  // x >= value
    case DistKind::uniform:
      return (x - p_[0]) / (p_[1] - p_[0]);
    case DistKind::triangular: {
      const double a = p_[0], m = p_[1], b = p_[2];
      // x < m only when m > a, so the left branch never divides by zero
      // (triangular(a, a, b) at x = a takes the right branch: 1 - 1 = 0).
      if (x < m) return (x - a) * (x - a) / ((b - a) * (m - a));
      return 1.0 - (b - x) * (b - x) / ((b - a) * (b - m));
    }
    case DistKind::pert:
      return bm::cdf(BetaDist(p_[2], p_[3]), (x - p_[0]) / p_[1]);
    case DistKind::normal:
      return bm::cdf(NormalDist(p_[0], p_[1]), x);
    case DistKind::lognormal:
      return bm::cdf(LognormalDist(p_[0], p_[1]), x);
    case DistKind::beta:
      return bm::cdf(BetaDist(p_[0], p_[1]), x);
    case DistKind::discrete: {
      const auto& t = *discrete_;
      const auto n = std::upper_bound(t.values.begin(), t.values.end(), x) - t.values.begin();
      return n == 0 ? 0.0 : t.cum[static_cast<std::size_t>(n - 1)];
    }
  }
  return 0.0;
}

double Distribution::raw_ccdf(double x) const {
  if (std::isnan(x)) return x;
  if (x < raw_support_min()) return 1.0;
  if (x >= raw_support_max()) return 0.0;
  switch (kind_) {
    case DistKind::fixed:
      return 0.0;
    case DistKind::uniform:
      return (p_[1] - x) / (p_[1] - p_[0]);
    case DistKind::triangular: {
      const double a = p_[0], m = p_[1], b = p_[2];
      if (x < m) return 1.0 - (x - a) * (x - a) / ((b - a) * (m - a));
      return (b - x) * (b - x) / ((b - a) * (b - m));
    }
    case DistKind::pert:
      return bm::cdf(bm::complement(BetaDist(p_[2], p_[3]), (x - p_[0]) / p_[1]));
    case DistKind::normal:
      return bm::cdf(bm::complement(NormalDist(p_[0], p_[1]), x));
    case DistKind::lognormal:
      return bm::cdf(bm::complement(LognormalDist(p_[0], p_[1]), x));
    case DistKind::beta:
      return bm::cdf(bm::complement(BetaDist(p_[0], p_[1]), x));
    case DistKind::discrete:
      return 1.0 - raw_cdf(x);
  }
  return 0.0;
}

double Distribution::raw_quantile(double p) const {
  if (std::isnan(p)) return p;
  switch (kind_) {
    case DistKind::fixed:
      return p_[0];
    case DistKind::uniform:
      return p_[0] + (p_[1] - p_[0]) * p;
    case DistKind::triangular: {
      const double a = p_[0], m = p_[1], b = p_[2];
      return p < p_[3] ? a + std::sqrt(p * (b - a) * (m - a))
                       : b - std::sqrt((1.0 - p) * (b - a) * (b - m));
    }
    case DistKind::pert:
      return p_[0] + p_[1] * beta_quantile(BetaDist(p_[2], p_[3]), p, false);
    case DistKind::normal:
      if (p <= 0.0) return -kInf;
      if (p >= 1.0) return kInf;
      return bm::quantile(NormalDist(p_[0], p_[1]), p);
    case DistKind::lognormal:
      if (p <= 0.0) return 0.0;
      if (p >= 1.0) return kInf;
      return bm::quantile(LognormalDist(p_[0], p_[1]), p);
    case DistKind::beta:
      return beta_quantile(BetaDist(p_[0], p_[1]), p, false);
    case DistKind::discrete: {
      const auto& t = *discrete_;
      const auto it = std::lower_bound(t.cum.begin(), t.cum.end(), p);
      const auto i =
          std::min<std::size_t>(static_cast<std::size_t>(it - t.cum.begin()), t.values.size() - 1);
      return t.values[i];
    }
  }
  return 0.0;
}

double Distribution::raw_cquantile(double q) const {
  if (std::isnan(q)) return q;
  switch (kind_) {
    case DistKind::fixed:
      return p_[0];
    case DistKind::uniform:
      return p_[1] - (p_[1] - p_[0]) * q;
    case DistKind::triangular: {
      const double a = p_[0], m = p_[1], b = p_[2];
      return q <= 1.0 - p_[3] ? b - std::sqrt(q * (b - a) * (b - m))
                              : a + std::sqrt((1.0 - q) * (b - a) * (m - a));
    }
    case DistKind::pert:
      return p_[0] + p_[1] * beta_quantile(BetaDist(p_[2], p_[3]), q, true);
    case DistKind::normal:
      if (q <= 0.0) return kInf;
      if (q >= 1.0) return -kInf;
      return bm::quantile(bm::complement(NormalDist(p_[0], p_[1]), q));
    case DistKind::lognormal:
      if (q <= 0.0) return kInf;
      if (q >= 1.0) return 0.0;
      return bm::quantile(bm::complement(LognormalDist(p_[0], p_[1]), q));
    case DistKind::beta:
      return beta_quantile(BetaDist(p_[0], p_[1]), q, true);
    case DistKind::discrete:
      return raw_quantile(1.0 - q);
  }
  return 0.0;
}

double Distribution::raw_support_min() const noexcept {
  if (kind_ == DistKind::discrete) return discrete_->values.front();
  return internal_support(kind_, p_).lo;
}

double Distribution::raw_support_max() const noexcept {
  if (kind_ == DistKind::discrete) return discrete_->values.back();
  return internal_support(kind_, p_).hi;
}

// ---------------------------------------------------------------- moments

void Distribution::set_raw_moments() {
  switch (kind_) {
    case DistKind::fixed:
      mean_ = p_[0];
      variance_ = 0.0;
      return;
    case DistKind::uniform:
      mean_ = 0.5 * (p_[0] + p_[1]);
      variance_ = (p_[1] - p_[0]) * (p_[1] - p_[0]) / 12.0;
      return;
    case DistKind::triangular: {
      const double a = p_[0], m = p_[1], b = p_[2];
      mean_ = (a + m + b) / 3.0;
      variance_ = (a * a + b * b + m * m - a * b - a * m - b * m) / 18.0;
      return;
    }
    case DistKind::pert: {
      const double a = p_[0], b = p_[0] + p_[1], m = (*written_)[1];
      mean_ = (a + 4.0 * m + b) / 6.0;
      variance_ = (mean_ - a) * (b - mean_) / 7.0;
      return;
    }
    case DistKind::normal:
      mean_ = p_[0];
      variance_ = p_[1] * p_[1];
      return;
    case DistKind::lognormal: {
      const double s2 = p_[1] * p_[1];
      mean_ = std::exp(p_[0] + 0.5 * s2);
      variance_ = std::expm1(s2) * std::exp(2.0 * p_[0] + s2);
      return;
    }
    case DistKind::beta: {
      const double a = p_[0], b = p_[1], s = a + b;
      mean_ = a / s;
      variance_ = a * b / (s * s * (s + 1.0));
      return;
    }
    case DistKind::discrete: {
      const auto& t = *discrete_;
      double m = 0.0;
      double prev = 0.0;
      for (std::size_t i = 0; i < t.values.size(); ++i) {
        m += (t.cum[i] - prev) * t.values[i];
        prev = t.cum[i];
      }
      double v = 0.0;
      prev = 0.0;
      for (std::size_t i = 0; i < t.values.size(); ++i) {
        v += (t.cum[i] - prev) * (t.values[i] - m) * (t.values[i] - m);
        prev = t.cum[i];
      }
      mean_ = m;
      variance_ = v;
      return;
    }
  }
}

void Distribution::set_truncated_moments() {
  const double lo = support_min();
  const double hi = support_max();
  // A truncation that cuts nothing ({beta: [2, 5], min: 0}) keeps the exact
  // moments of the whole distribution.
  if (lo <= raw_support_min() && hi >= raw_support_max()) return;
  // Interior cut points: the truncated quantiles at these levels, so every
  // piece holds a smooth part of the density (a narrow peak gets its own piece).
  auto cuts_at = [&](auto&& to_t, double t_lo, double t_hi) {
    std::vector<double> cuts{t_lo};
    for (const double u : {0.001, 0.1, 0.5, 0.9, 0.999}) {
      const double t = to_t(quantile(u));
      if (t > cuts.back() && t < t_hi) cuts.push_back(t);
    }
    cuts.push_back(t_hi);
    return cuts;
  };
  switch (kind_) {
    case DistKind::fixed:
    case DistKind::discrete:
      return;  // not truncatable
    case DistKind::uniform:
      mean_ = 0.5 * (lo + hi);
      variance_ = (hi - lo) * (hi - lo) / 12.0;
      return;
    case DistKind::normal: {
      const double mu = p_[0], sd = p_[1];
      const double za = (lo - mu) / sd;
      const double zb = (hi - mu) / sd;
      const NormalDist std_norm(0.0, 1.0);
      const double pa = std::isfinite(za) ? bm::pdf(std_norm, za) : 0.0;
      const double pb = std::isfinite(zb) ? bm::pdf(std_norm, zb) : 0.0;
      const double za_pa = std::isfinite(za) ? za * pa : 0.0;
      const double zb_pb = std::isfinite(zb) ? zb * pb : 0.0;
      const double r = (pa - pb) / mass_;
      mean_ = mu + sd * r;
      variance_ = sd * sd * (1.0 + (za_pa - zb_pb) / mass_ - r * r);
      return;
    }
    case DistKind::triangular: {
      const double a = p_[0], m = p_[1], b = p_[2];
      auto w = [a, m, b](double x, double, double, double) {
        if (x <= a || x >= b) return 0.0;
        return x <= m ? 2.0 * (x - a) / ((b - a) * (m - a)) : 2.0 * (b - x) / ((b - a) * (b - m));
      };
      auto cuts = cuts_at([](double x) { return x; }, lo, hi);
      if (m > lo && m < hi) {
        cuts.push_back(m);
        std::sort(cuts.begin(), cuts.end());
      }
      const auto r = quadrature_moments(
          w, [](double x) { return x; }, cuts, quantile(0.5));
      mean_ = r.mean;
      variance_ = r.variance;
      return;
    }
    case DistKind::pert:
    case DistKind::beta: {
      const bool is_pert = kind_ == DistKind::pert;
      const double a = is_pert ? p_[0] : 0.0;
      const double width = is_pert ? p_[1] : 1.0;
      const double al = is_pert ? p_[2] : p_[0];
      const double be = is_pert ? p_[3] : p_[1];
      const double log_b =
          bm::lgamma(al, Policy()) + bm::lgamma(be, Policy()) - bm::lgamma(al + be, Policy());
      // Density of Beta(al, be) at y; tc gives 1 - y or y exactly near 0 and 1.
      auto w = [=](double y, double tc, double ya, double yb) {
        double y0 = y;
        double y1 = 1.0 - y;
        if (tc < 0.0 && ya == 0.0) y0 = -tc;
        if (tc > 0.0 && yb == 1.0) y1 = tc;
        if (!(y0 > 0.0) || !(y1 > 0.0)) return 0.0;
        return std::exp((al - 1.0) * std::log(y0) + (be - 1.0) * std::log(y1) - log_b);
      };
      const auto to_y = [a, width](double x) { return (x - a) / width; };
      const auto cuts = cuts_at(to_y, to_y(lo), to_y(hi));
      const auto r = quadrature_moments(
          w, [](double y) { return y; }, cuts, to_y(quantile(0.5)));
      mean_ = a + width * r.mean;
      variance_ = width * width * r.variance;
      return;
    }
    case DistKind::lognormal: {
      const double mu = p_[0], sigma = p_[1];
      const auto to_z = [mu, sigma](double x) {
        return x <= 0.0 ? -kInf : (std::log(x) - mu) / sigma;
      };
      auto w = [](double z, double, double, double) {
        return std::isfinite(z) ? std::exp(-0.5 * z * z) : 0.0;
      };
      const auto to_x = [mu, sigma](double z) { return std::exp(mu + sigma * z); };
      const auto cuts = cuts_at(to_z, to_z(lo), to_z(hi));
      const auto r = quadrature_moments(w, to_x, cuts, quantile(0.5));
      mean_ = r.mean;
      variance_ = r.variance;
      return;
    }
  }
}

}  // namespace simroi
