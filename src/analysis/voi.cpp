#include "simroi/analysis/voi.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <boost/random/binomial_distribution.hpp>
#include <boost/random/poisson_distribution.hpp>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "simroi/random/normal.h"
#include "simroi/random/random.h"

namespace simroi {

namespace {

constexpr double kNegInf = -std::numeric_limits<double>::infinity();

/// The mean and the sd (n - 1) of `values`.
std::pair<double, double> mean_sd(std::span<const double> values) {
  const auto n = static_cast<double>(values.size());
  double sum = 0.0;
  for (const double v : values) sum += v;
  const double mean = sum / n;
  double ss = 0.0;
  for (const double v : values) ss += (v - mean) * (v - mean);
  return {mean, values.size() > 1 ? std::sqrt(ss / (n - 1.0)) : 0.0};
}

/// h_i = max(g_i, 0) - [decide to adopt now] g_i: its mean is the value of
/// the information (E[max(G, 0)] - max(E[G], 0) with E[G] = mean(g)), and
/// its spread gives the standard error of that mean.
std::vector<double> regret_terms(std::span<const double> g, double mean) {
  std::vector<double> h(g.size());
  const bool adopt = mean > 0.0;
  for (std::size_t i = 0; i < g.size(); ++i) h[i] = std::max(g[i], 0.0) - (adopt ? g[i] : 0.0);
  return h;
}

// ----- least squares by the normal equations, rank-deficient columns dropped

struct Fit {
  std::vector<double> beta;  // coefficients (0 for a dropped column)
  std::vector<double> r;     // upper-triangular factor of X'X, row-major p x p
  std::vector<char> kept;
};

/// Cholesky X'X = R'R, dropping a column whose pivot is below a relative
/// tolerance (linearly dependent on the earlier ones, e.g. x^2 of an input
/// with two values).
Fit solve_normal_equations(std::vector<double> xtx, std::vector<double> xty, std::size_t p) {
  Fit f;
  f.r.assign(p * p, 0.0);
  f.kept.assign(p, 1);
  f.beta.assign(p, 0.0);
  for (std::size_t k = 0; k < p; ++k) {
    double d = xtx[k * p + k];
    const double original = d;
    for (std::size_t i = 0; i < k; ++i) d -= f.r[i * p + k] * f.r[i * p + k];
    if (!(d > 1e-10 * std::max(original, 1e-300))) {
      f.kept[k] = 0;
      continue;
    }
    const double rkk = std::sqrt(d);
    f.r[k * p + k] = rkk;
    for (std::size_t j = k + 1; j < p; ++j) {
      double s = xtx[k * p + j];
      for (std::size_t i = 0; i < k; ++i) s -= f.r[i * p + k] * f.r[i * p + j];
      f.r[k * p + j] = s / rkk;
    }
  }
  // R' z = X'y, then R beta = z, over the kept columns.
  std::vector<double> z(p, 0.0);
  for (std::size_t k = 0; k < p; ++k) {
    if (f.kept[k] == 0) continue;
    double s = xty[k];
    for (std::size_t i = 0; i < k; ++i) s -= f.r[i * p + k] * z[i];
    z[k] = s / f.r[k * p + k];
  }
  for (std::size_t k = p; k-- > 0;) {
    if (f.kept[k] == 0) continue;
    double s = z[k];
    for (std::size_t j = k + 1; j < p; ++j) s -= f.r[k * p + j] * f.beta[j];
    f.beta[k] = s / f.r[k * p + k];
  }
  return f;
}

/// delta with R delta = xi over the kept columns: cov(delta) = (X'X)^-1.
std::vector<double> back_substitute(const Fit& f, std::span<const double> xi) {
  const std::size_t p = f.beta.size();
  std::vector<double> delta(p, 0.0);
  for (std::size_t k = p; k-- > 0;) {
    if (f.kept[k] == 0) continue;
    double s = xi[k];
    for (std::size_t j = k + 1; j < p; ++j) s -= f.r[k * p + j] * delta[j];
    delta[k] = s / f.r[k * p + k];
  }
  return delta;
}

/// The regression basis of one run: monomials of the standardised inputs of
/// total degree <= `degree`, then (one input only) cubic hinges at knots.
class Basis {
 public:
  Basis(std::vector<std::vector<double>> z, std::size_t n) : z_(std::move(z)), n_(n) {
    const std::size_t d = z_.size();
    const int degree = d <= 4 ? 3 : 2;
    std::vector<int> e(d, 0);
    // Every exponent vector with sum <= degree, in a fixed order.
    auto add = [&](auto&& self, std::size_t var, int left) -> void {
      if (var == d) {
        exponents_.push_back(e);
        return;
      }
      for (int k = 0; k <= left; ++k) {
        e[var] = k;
        self(self, var + 1, left - k);
      }
      e[var] = 0;
    };
    add(add, 0, degree);
    if (d == 1) {
      std::vector<double> sorted = z_[0];
      std::sort(sorted.begin(), sorted.end());
      for (const double q : {0.2, 0.4, 0.6, 0.8}) {
        const double t = sorted[static_cast<std::size_t>(q * static_cast<double>(n_ - 1))];
        if (knots_.empty() || t > knots_.back()) knots_.push_back(t);
      }
    }
  }

  [[nodiscard]] std::size_t terms() const { return exponents_.size() + knots_.size(); }

  void row(std::size_t i, double* out) const {
    std::size_t c = 0;
    for (const auto& e : exponents_) {
      double v = 1.0;
      for (std::size_t k = 0; k < e.size(); ++k) {
        for (int m = 0; m < e[k]; ++m) v *= z_[k][i];
      }
      out[c++] = v;
    }
    for (const double t : knots_) {
      const double h = std::max(z_[0][i] - t, 0.0);
      out[c++] = h * h * h;
    }
  }

 private:
  std::vector<std::vector<double>> z_;
  std::size_t n_;
  std::vector<std::vector<int>> exponents_;
  std::vector<double> knots_;
};

}  // namespace

McEstimate evpi(std::span<const double> payoff) {
  if (payoff.size() < 2) throw std::invalid_argument("evpi: needs at least 2 runs");
  const auto [mean, sd] = mean_sd(payoff);
  (void)sd;
  const auto h = regret_terms(payoff, mean);
  const auto [value, h_sd] = mean_sd(h);
  return {std::max(value, 0.0), h_sd / std::sqrt(static_cast<double>(payoff.size()))};
}

EvppiResult evppi(std::span<const std::span<const double>> inputs, std::span<const double> payoff,
                  std::uint64_t seed) {
  const std::size_t n = payoff.size();
  std::vector<std::vector<double>> z;
  for (const auto column : inputs) {
    if (column.size() != n) throw std::invalid_argument("evppi: columns of unequal length");
    const auto [m, s] = mean_sd(column);
    if (!(s > 0.0) || !std::isfinite(s)) continue;  // a constant input tells nothing
    std::vector<double> standardised(n);
    for (std::size_t i = 0; i < n; ++i) standardised[i] = (column[i] - m) / s;
    z.push_back(std::move(standardised));
  }
  EvppiResult result;
  if (z.empty()) {
    result.terms = 1;
    return result;
  }
  const Basis basis(std::move(z), n);
  const std::size_t p = basis.terms();
  result.terms = p;
  if (n < 4 * p) throw std::invalid_argument("evppi: too few runs for the regression");

  // The design matrix, kept for the coefficient redraws (n x p doubles).
  std::vector<double> x(n * p);
  for (std::size_t i = 0; i < n; ++i) basis.row(i, &x[i * p]);
  std::vector<double> xtx(p * p, 0.0);
  std::vector<double> xty(p, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    const double* row = &x[i * p];
    for (std::size_t a = 0; a < p; ++a) {
      xty[a] += row[a] * payoff[i];
      for (std::size_t b = a; b < p; ++b) xtx[a * p + b] += row[a] * row[b];
    }
  }
  for (std::size_t a = 0; a < p; ++a) {
    for (std::size_t b = 0; b < a; ++b) xtx[a * p + b] = xtx[b * p + a];
  }
  const Fit fit = solve_normal_equations(std::move(xtx), std::move(xty), p);

  auto fitted = [&](std::span<const double> beta) {
    std::vector<double> g(n);
    for (std::size_t i = 0; i < n; ++i) {
      const double* row = &x[i * p];
      double v = 0.0;
      for (std::size_t a = 0; a < p; ++a) v += row[a] * beta[a];
      g[i] = v;
    }
    return g;
  };
  const std::vector<double> g = fitted(fit.beta);
  const auto [g_mean, g_sd] = mean_sd(g);
  const auto [y_mean, y_sd] = mean_sd(payoff);
  (void)g_sd;
  double rss = 0.0;
  for (std::size_t i = 0; i < n; ++i) rss += (payoff[i] - g[i]) * (payoff[i] - g[i]);
  const double tss = y_sd * y_sd * static_cast<double>(n - 1);
  result.r_squared = tss > 0.0 ? std::clamp(1.0 - rss / tss, 0.0, 1.0) : 0.0;
  // The decision without information uses E[Y] = mean(y) (= mean(g): the fit
  // has an intercept).
  const auto h = regret_terms(g, y_mean);
  const auto [value, h_sd] = mean_sd(h);
  (void)g_mean;
  result.value = std::max(value, 0.0);
  const double se_runs = h_sd / std::sqrt(static_cast<double>(n));

  // Redraw the coefficients: beta* = beta + s R^-1 xi.
  const std::size_t kept =
      static_cast<std::size_t>(std::count(fit.kept.begin(), fit.kept.end(), 1));
  const double s = std::sqrt(rss / static_cast<double>(std::max<std::size_t>(n - kept, 1)));
  constexpr int kDraws = 64;
  std::vector<double> draws(kDraws);
  tbb::parallel_for(0, kDraws, [&](int d) {
    Rng rng(seed, static_cast<std::uint64_t>(d), StreamPurpose::inputs);
    std::vector<double> xi(p);
    for (auto& v : xi) v = standard_normal(rng);
    const auto delta = back_substitute(fit, xi);
    std::vector<double> beta = fit.beta;
    for (std::size_t a = 0; a < p; ++a) beta[a] += s * delta[a];
    const auto gd = fitted(beta);
    double sum = 0.0;
    for (std::size_t i = 0; i < n; ++i) sum += std::max(gd[i], 0.0) - (y_mean > 0.0 ? gd[i] : 0.0);
    draws[static_cast<std::size_t>(d)] = sum / static_cast<double>(n);
  });
  const auto [draw_mean, draw_sd] = mean_sd(draws);
  result.bias = std::max(draw_mean - value, 0.0);
  result.se = std::sqrt(se_runs * se_runs + draw_sd * draw_sd);
  return result;
}

// ----- pilots -------------------------------------------------------------

PilotData draw_pilot_data(const PilotPrior& prior, std::size_t i, std::uint64_t seed) {
  // Its own purpose of the run's sequence, so pilot data never shares draws
  // with the run's inputs.
  Rng rng(seed ^ 0x70696c6f74ULL /* "pilot" */, static_cast<std::uint64_t>(i),
          StreamPurpose::inputs);
  PilotData d;
  const double lambda = prior.lead_rate[i];
  if (lambda > 0.0)
    d.leads = boost::random::poisson_distribution<std::int64_t, double>(lambda)(rng);
  const double c = std::clamp(prior.conversion[i], 0.0, 1.0);
  if (d.leads > 0) {
    d.bookings = boost::random::binomial_distribution<std::int64_t, double>(d.leads, c)(rng);
  }
  const double s = std::clamp(prior.no_show[i], 0.0, 1.0);
  if (d.bookings > 0) {
    d.no_shows = boost::random::binomial_distribution<std::int64_t, double>(d.bookings, s)(rng);
  }
  return d;
}

namespace {

/// k log(p), with 0 log(0) = 0 (a count of zero says nothing against p = 0).
double xlogy(std::int64_t k, double log_p) {
  return k == 0 ? 0.0 : static_cast<double>(k) * log_p;
}

struct LogTerms {
  std::vector<double> log_lambda, lambda, log_c, log_1c, log_s, log_1s;
};

LogTerms log_terms(const PilotPrior& prior) {
  const std::size_t n = prior.payoff.size();
  LogTerms t;
  for (auto* v : {&t.log_lambda, &t.lambda, &t.log_c, &t.log_1c, &t.log_s, &t.log_1s}) {
    v->resize(n);
  }
  auto safe_log = [](double x) { return x > 0.0 ? std::log(x) : kNegInf; };
  for (std::size_t j = 0; j < n; ++j) {
    const double c = std::clamp(prior.conversion[j], 0.0, 1.0);
    const double s = std::clamp(prior.no_show[j], 0.0, 1.0);
    t.lambda[j] = prior.lead_rate[j];
    t.log_lambda[j] = safe_log(prior.lead_rate[j]);
    t.log_c[j] = safe_log(c);
    t.log_1c[j] = safe_log(1.0 - c);
    t.log_s[j] = safe_log(s);
    t.log_1s[j] = safe_log(1.0 - s);
  }
  return t;
}

Posterior posterior_with(const PilotPrior& prior, const LogTerms& t, const PilotData& d,
                         std::size_t skip, std::vector<double>& lw) {
  const std::size_t n = prior.payoff.size();
  lw.resize(n);
  double top = kNegInf;
  const std::int64_t fails = d.leads - d.bookings;
  const std::int64_t shows = d.bookings - d.no_shows;
  for (std::size_t j = 0; j < n; ++j) {
    const double v = j == skip ? kNegInf
                               : xlogy(d.leads, t.log_lambda[j]) - t.lambda[j] +
                                     xlogy(d.bookings, t.log_c[j]) + xlogy(fails, t.log_1c[j]) +
                                     xlogy(d.no_shows, t.log_s[j]) + xlogy(shows, t.log_1s[j]);
    lw[j] = v;
    top = std::max(top, v);
  }
  Posterior post;
  if (top == kNegInf) {  // no prior run can produce these data: keep the prior mean
    post.mean = mean_sd(prior.payoff).first;
    return post;
  }
  double sw = 0.0, sw2 = 0.0, swy = 0.0;
  for (std::size_t j = 0; j < n; ++j) {
    const double w = std::exp(lw[j] - top);
    sw += w;
    sw2 += w * w;
    swy += w * prior.payoff[j];
  }
  post.mean = swy / sw;
  post.ess = sw * sw / sw2;
  return post;
}

}  // namespace

Posterior posterior_mean(const PilotPrior& prior, const PilotData& data) {
  std::vector<double> lw;
  return posterior_with(prior, log_terms(prior), data, prior.payoff.size(), lw);
}

void simulate_pilots(const PilotPrior& prior, std::size_t end, std::uint64_t seed,
                     std::vector<PilotOutcome>& outcomes) {
  const std::size_t n = prior.payoff.size();
  if (n < 2 || prior.lead_rate.size() != n || prior.conversion.size() != n ||
      prior.no_show.size() != n) {
    throw std::invalid_argument("evsi_pilot: the prior's columns must have equal length >= 2");
  }
  end = std::min(end, n);
  const std::size_t begin = outcomes.size();
  if (end <= begin) return;
  const LogTerms t = log_terms(prior);
  outcomes.resize(end);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(begin, end, 16), [&](const auto& range) {
    std::vector<double> lw;
    for (std::size_t i = range.begin(); i != range.end(); ++i) {
      // Leave the run that made the data out of its own posterior: it would
      // otherwise carry weight no other prior draw can match.
      const PilotData data = draw_pilot_data(prior, i, seed);
      const Posterior p = posterior_with(prior, t, data, i, lw);
      outcomes[i] = {data, p.mean, p.ess};
    }
  });
}

EvsiResult evsi_of(const PilotPrior& prior, std::span<const PilotOutcome> outcomes) {
  const std::size_t outer = outcomes.size();
  if (outer == 0) throw std::invalid_argument("evsi_of: no simulated pilot");
  std::vector<double> post(outer), ess(outer);
  for (std::size_t i = 0; i < outer; ++i) {
    post[i] = outcomes[i].posterior_mean;
    ess[i] = outcomes[i].ess;
  }
  const double prior_mean = mean_sd(prior.payoff).first;
  const auto h = regret_terms(post, prior_mean);
  const auto [value, h_sd] = mean_sd(h);
  EvsiResult r;
  r.value = std::max(value, 0.0);
  r.se = outer > 1 ? h_sd / std::sqrt(static_cast<double>(outer)) : 0.0;
  r.mean_ess = std::accumulate(ess.begin(), ess.end(), 0.0) / static_cast<double>(outer);
  r.min_ess = *std::min_element(ess.begin(), ess.end());
  r.adopt_share =
      static_cast<double>(std::count_if(post.begin(), post.end(), [](double v) { return v > 0; })) /
      static_cast<double>(outer);
  return r;
}

EvsiResult evsi_pilot(const PilotPrior& prior, std::size_t outer, std::uint64_t seed,
                      std::vector<PilotOutcome>* outcomes) {
  std::vector<PilotOutcome> own;
  std::vector<PilotOutcome>& all = outcomes != nullptr ? *outcomes : own;
  all.clear();
  simulate_pilots(prior, outer, seed, all);
  return evsi_of(prior, all);
}

}  // namespace simroi
