// Value of information (include/simroi/analysis/voi.h) against hand
// computations and closed forms.
#include "simroi/analysis/voi.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "simroi/dist/distribution.h"
#include "simroi/random/random.h"

namespace simroi {
namespace {

TEST(Evpi, TwoPointPayoffByHand) {
  // NPV is -100 or +300 with probability 1/2 each: adopting is right on
  // average (E = 100), and knowing the outcome would avoid the -100 half the
  // time: EVPI = 0.5 * 300 - 100 = 50. The sample holds both values exactly
  // half the time, so the estimate is exact.
  std::vector<double> y;
  for (int i = 0; i < 1000; ++i) y.push_back(i % 2 == 0 ? -100.0 : 300.0);
  const McEstimate e = evpi(y);
  EXPECT_DOUBLE_EQ(e.value, 50.0);
  // h_i = max(-y_i, 0): 100 or 0, sd = 100 * sqrt(0.25 * 1000 / 999).
  EXPECT_NEAR(e.se, 100.0 * std::sqrt(0.25 * 1000.0 / 999.0) / std::sqrt(1000.0), 1e-9);
}

TEST(Evpi, DrawnTwoPointDistributionAgreesWithinItsError) {
  // The same two-point NPV drawn at random: 0.5 * 300 - 100 = 50 within 4 se.
  const auto d = Distribution::discrete({-100.0, 300.0}, {1.0, 1.0});
  std::vector<double> y;
  for (std::uint64_t i = 0; i < 100000; ++i) {
    Rng rng(7, i);
    y.push_back(d.sample(rng));
  }
  const McEstimate e = evpi(y);
  EXPECT_NEAR(e.value, 50.0, 4.0 * e.se);
  EXPECT_GT(e.se, 0.0);
}

TEST(Evpi, NothingToLearnWhenThePayoffNeverChangesSign) {
  std::vector<double> y{10, 20, 30, 40};
  EXPECT_EQ(evpi(y).value, 0.0);
}

std::vector<double> uniform_column(std::size_t n, std::uint64_t seed) {
  std::vector<double> x(n);
  for (std::size_t i = 0; i < n; ++i) {
    Rng rng(seed, i);
    x[i] = rng.uniform01();
  }
  return x;
}

TEST(Evppi, OfTheOnlyInputOfALinearPayoffIsTheEvpi) {
  // y = -50 + 200 x, x ~ U(0, 1): E[max(y, 0)] = integral_{1/4}^{1} (-50 + 200 x) dx
  // = 56.25 and E[y] = 50, so EVPI = EVPPI(x) = 6.25.
  const std::size_t n = 50000;
  const auto x = uniform_column(n, 11);
  std::vector<double> y(n);
  for (std::size_t i = 0; i < n; ++i) y[i] = -50.0 + 200.0 * x[i];
  const std::span<const double> cols[] = {x};
  const EvppiResult r = evppi(cols, y);
  EXPECT_NEAR(r.value, 6.25, 4.0 * r.se + 0.05);
  EXPECT_NEAR(r.r_squared, 1.0, 1e-9);
  EXPECT_NEAR(r.value, evpi(y).value, 1e-6);  // the fit is exact: the same number
}

TEST(Evppi, AnIrrelevantInputIsWorthNothing) {
  // y depends on x only; an independent z tells nothing: EVPPI(z) ~ 0, its
  // small upward bias reported.
  const std::size_t n = 50000;
  const auto x = uniform_column(n, 11);
  const auto z = uniform_column(n, 12);
  std::vector<double> y(n);
  for (std::size_t i = 0; i < n; ++i) y[i] = -50.0 + 200.0 * x[i];
  const std::span<const double> cols[] = {z};
  const EvppiResult r = evppi(cols, y);
  EXPECT_LT(r.value, 0.5);  // against EVPI 6.25
  EXPECT_LT(r.r_squared, 0.01);
  EXPECT_GE(r.bias, 0.0);
}

TEST(Evppi, AGroupWithAnInteractionAgreesWithTheClosedForm) {
  // y = 400 x1 x2 - 80 + noise: E[y | x1, x2] = 400 x1 x2 - 80 is in the basis
  // (degree 2). With x1, x2 ~ U(0, 1): E[y] = 20 and
  // E[max(400 x1 x2 - 80, 0)] = integral over x1 x2 > 0.2 of (400 x1 x2 - 80)
  // = 400 (1/4 - 0.2^2/4 + 0.2^2 ln(0.2)/2) ... computed below by quadrature.
  const std::size_t n = 60000;
  const auto x1 = uniform_column(n, 21);
  const auto x2 = uniform_column(n, 22);
  const auto noise = uniform_column(n, 23);
  std::vector<double> y(n);
  for (std::size_t i = 0; i < n; ++i)
    y[i] = 400.0 * x1[i] * x2[i] - 80.0 + 100.0 * (noise[i] - 0.5);
  // E[max(400 s t - 80, 0)] by the midpoint rule on a 2000 x 2000 grid.
  double integral = 0.0;
  const int m = 2000;
  for (int a = 0; a < m; ++a) {
    for (int b = 0; b < m; ++b) {
      const double v = 400.0 * (a + 0.5) / m * (b + 0.5) / m - 80.0;
      integral += std::max(v, 0.0);
    }
  }
  integral /= static_cast<double>(m) * m;
  const double truth = integral - 20.0;
  const std::span<const double> cols[] = {x1, x2};
  const EvppiResult r = evppi(cols, y);
  EXPECT_NEAR(r.value, truth, 4.0 * r.se + 0.1);
  // Knowing x1 alone is worth less than knowing both.
  const std::span<const double> one[] = {x1};
  EXPECT_LT(evppi(one, y).value, r.value);
}

// ----- pilots -------------------------------------------------------------

double log_beta(double a, double b) {
  return std::lgamma(a) + std::lgamma(b) - std::lgamma(a + b);
}

TEST(Evsi, ConjugateBetaBinomialAgreesWithTheClosedForm) {
  // Conversion after c ~ Beta(6, 14) (mean 0.3); the pilot sees
  // leads ~ Poisson(40), bookings ~ Binomial(leads, c), no no-shows; the
  // payoff is linear, y = -30000 + 100000 c (prior mean 0). Then
  // E[c | L, k] = (6 + k) / (20 + L) exactly, and
  // EVSI = sum_L Pois(L; 40) sum_k BetaBin(k; L, 6, 14) max(-30000 + 1e5 (6+k)/(20+L), 0).
  const double a = 6, b = 14, lambda = 40, A = -30000, B = 100000;
  double exact = 0.0;
  for (int L = 0; L <= 200; ++L) {
    const double pois = std::exp(L * std::log(lambda) - lambda - std::lgamma(L + 1.0));
    for (int k = 0; k <= L; ++k) {
      const double bb =
          std::exp(std::lgamma(L + 1.0) - std::lgamma(k + 1.0) - std::lgamma(L - k + 1.0) +
                   log_beta(k + a, L - k + b) - log_beta(a, b));
      exact += pois * bb * std::max(A + B * (a + k) / (a + b + L), 0.0);
    }
  }
  exact -= std::max(A + B * a / (a + b), 0.0);

  // A stratified prior sample of c (quantiles at (j + 1/2) / n).
  const std::size_t n = 20000;
  const auto prior_c = Distribution::beta(a, b);
  std::vector<double> c(n), y(n), rate(n, lambda), no_show(n, 0.0);
  for (std::size_t j = 0; j < n; ++j) {
    c[j] = prior_c.quantile((static_cast<double>(j) + 0.5) / static_cast<double>(n));
    y[j] = A + B * c[j];
  }
  // Shuffle the order so the outer data sets (runs 0..outer-1) span the prior.
  for (std::size_t j = n - 1; j > 0; --j) {
    Rng rng(5, j);
    const auto k = static_cast<std::size_t>(rng.uniform01() * static_cast<double>(j + 1));
    std::swap(c[j], c[std::min(k, j)]);
    std::swap(y[j], y[std::min(k, j)]);
  }
  const PilotPrior prior{y, rate, c, no_show};
  const EvsiResult r = evsi_pilot(prior, 6000, 17);
  EXPECT_GT(exact, 1000.0);  // the test means something: a pilot is worth thousands
  EXPECT_NEAR(r.value, exact, 4.0 * r.se + 0.01 * exact) << "se " << r.se;
  RecordProperty("evsi", std::to_string(r.value) + " vs " + std::to_string(exact));
  EXPECT_GT(r.mean_ess, 1000.0);  // of 20,000: the weights are far from degenerate
  EXPECT_GT(r.min_ess, 50.0);
  // EVSI never exceeds EVPI.
  EXPECT_LT(r.value, evpi(y).value);
}

TEST(Evsi, DataThatSayNothingLeaveThePriorMean) {
  // Every run has the same lead rate: zero leads weigh every run alike.
  std::vector<double> y{-10, 20, 30, -40}, rate(4, 5.0), c{0.1, 0.2, 0.3, 0.4}, s(4, 0.1);
  const PilotPrior prior{y, rate, c, s};
  const Posterior p = posterior_mean(prior, PilotData{0, 0, 0});
  EXPECT_DOUBLE_EQ(p.mean, 0.0);
  EXPECT_DOUBLE_EQ(p.ess, 4.0);
}

TEST(Evsi, ImpossibleDataGiveNoWeightToTheRunsThatCannotProduceThem) {
  // 3 bookings of 3 leads exclude c = 0; a run with c = 1 explains them best.
  std::vector<double> y{-100, 50, 80}, rate(3, 3.0), c{0.0, 0.5, 1.0}, s(3, 0.0);
  const PilotPrior prior{y, rate, c, s};
  const Posterior p = posterior_mean(prior, PilotData{3, 3, 0});
  // Weights 0, 0.5^3, 1: mean = (0.125 * 50 + 80) / 1.125.
  EXPECT_NEAR(p.mean, (0.125 * 50 + 80) / 1.125, 1e-9);
}

TEST(Evsi, PilotDataDependOnlyOnSeedAndRun) {
  std::vector<double> y(10, 1.0), rate(10, 30.0), c(10, 0.4), s(10, 0.2);
  const PilotPrior prior{y, rate, c, s};
  const PilotData a = draw_pilot_data(prior, 3, 9);
  const PilotData b = draw_pilot_data(prior, 3, 9);
  EXPECT_EQ(a.leads, b.leads);
  EXPECT_EQ(a.bookings, b.bookings);
  EXPECT_EQ(a.no_shows, b.no_shows);
  EXPECT_LE(a.bookings, a.leads);
  EXPECT_LE(a.no_shows, a.bookings);
}

}  // namespace
}  // namespace simroi
