#pragma once
// Value of information (docs/decisions.md; ../shared/spec/decisions.md): what
// knowing more before deciding is worth, in the units of the payoff (₽).
//
// The decision: adopt the assistant (payoff: the run's NPV) or not (payoff 0).
// From n simulated runs with payoffs y_i (and, for the partial and sample
// values, the inputs or the data each run would show):
//
//   EVPI  = E[max(Y, 0)] - max(E[Y], 0)
//           estimated by the sample means. Its Monte Carlo standard error is
//           that of a mean: sd(max(-y, 0)) / sqrt(n) when mean(y) > 0 (then
//           EVPI = mean(max(-y, 0))), else sd(max(y, 0)) / sqrt(n).
//
//   EVPPI(x) = E_x[max(E[Y | x], 0)] - max(E[Y], 0), for one input or a
//           group. E[Y | x] is estimated in a single loop by least-squares
//           regression of y on a basis of x (Strong, Oakley & Brennan 2014,
//           Med. Decis. Making 34:311-326): the inputs standardised, every
//           monomial of total degree <= 3 (4 terms for one input, 10 for
//           two, 20 for three...) and, for one input, cubic truncated-power
//           terms at its quintiles (a regression spline). Then
//           EVPPI = mean(max(g_i, 0)) - max(mean(g_i), 0) with g_i the fitted
//           values. Its biases: noise in the fitted coefficients pushes it up
//           (max is convex); a basis too coarse to follow E[Y | x] pushes it
//           down. The upward part is estimated (and reported as `bias`) by
//           redrawing the coefficients from their sampling distribution
//           N(beta, s^2 (X'X)^-1), S = 200 draws: bias = mean over draws -
//           estimate; se combines the spread over draws with the sampling
//           error of the mean over runs. R^2 of the fit says how much of Y
//           the input explains.
//
//   EVSI(pilot) = E_D[max(E[Y | D], 0)] - max(E[Y], 0), D the data a pilot
//           would show. Each run j of the prior sample has the pilot's
//           expected leads lambda_j = L0 (1 + g) w / 4.345 (w weeks), the
//           booking conversion after c1_j and the no-show rate after s1_j; a
//           data set is drawn from run i's values,
//               leads ~ Poisson(lambda_i), bookings ~ Binomial(leads, c1_i),
//               no_shows ~ Binomial(bookings, s1_i),
//           and E[Y | D] is the prior sample's mean of y reweighted by the
//           likelihood of D (Bayes' rule by importance weights),
//               w_j = lambda_j^leads e^-lambda_j c1_j^b (1 - c1_j)^(leads - b)
//                     s1_j^ns (1 - s1_j)^(b - ns).
//           The estimate averages over `outer` data sets; its standard error
//           is the spread of max(E[Y | D_i], 0) over them divided by
//           sqrt(outer). The effective sample size of the weights,
//           (sum w)^2 / sum w^2, is reported: when it is small the posterior
//           mean is noisy and EVSI is biased upwards.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace simroi {

/// A Monte Carlo estimate and its standard error.
struct McEstimate {
  double value = 0;
  double se = 0;
};

/// EVPI of the adopt / do-not-adopt decision from the runs' payoffs (NPV).
/// Throws std::invalid_argument when `payoff` has fewer than 2 values.
[[nodiscard]] McEstimate evpi(std::span<const double> payoff);

struct EvppiResult {
  double value = 0;       ///< the estimate (never below 0)
  double se = 0;          ///< Monte Carlo standard error
  double bias = 0;        ///< estimated upward bias from noise in the fit (included in value)
  double r_squared = 0;   ///< share of the payoff's variance the fit explains
  std::size_t terms = 0;  ///< basis functions in the regression
};

/// EVPPI of the inputs whose values per run are the columns of `inputs`
/// (each as long as `payoff`). A constant column contributes nothing.
/// `seed` drives the coefficient redraws (deterministic). Throws
/// std::invalid_argument on mismatched lengths or fewer runs than 4 times
/// the basis terms.
[[nodiscard]] EvppiResult evppi(std::span<const std::span<const double>> inputs,
                                std::span<const double> payoff, std::uint64_t seed = 1);

/// One run of the prior sample as a pilot sees it.
struct PilotPrior {
  std::span<const double> payoff;      ///< y_j (NPV)
  std::span<const double> lead_rate;   ///< lambda_j: expected leads in the pilot
  std::span<const double> conversion;  ///< c1_j in [0, 1]
  std::span<const double> no_show;     ///< s1_j in [0, 1]
};

/// What a pilot's data could be: counts observed.
struct PilotData {
  std::int64_t leads = 0;
  std::int64_t bookings = 0;
  std::int64_t no_shows = 0;
};

struct EvsiResult {
  double value = 0;     ///< EVSI (never below 0)
  double se = 0;        ///< Monte Carlo standard error over the data sets
  double mean_ess = 0;  ///< mean effective sample size of the importance weights
  double min_ess = 0;   ///< the smallest one
  /// Share of data sets after which adopting is the better choice.
  double adopt_share = 0;
};

/// The data a pilot would show in run `i` of the prior (drawn with the run's
/// own keyed stream under `seed`).
[[nodiscard]] PilotData draw_pilot_data(const PilotPrior& prior, std::size_t i, std::uint64_t seed);

/// E[Y | data] by importance weights over the prior sample, with the weights'
/// effective sample size.
struct Posterior {
  double mean = 0;
  double ess = 0;
};
[[nodiscard]] Posterior posterior_mean(const PilotPrior& prior, const PilotData& data);

/// One simulated pilot of evsi_pilot: its data and the posterior mean after it.
struct PilotOutcome {
  PilotData data;
  double posterior_mean = 0;
  double ess = 0;  ///< effective sample size of the weights after it
};

/// EVSI of a pilot from `outer` data sets (drawn from runs 0..outer-1 of the
/// prior; outer <= the prior's size). Runs on the calling thread's TBB arena.
/// With `outcomes`, also every data set and the posterior mean after it (for
/// a decision rule).
[[nodiscard]] EvsiResult evsi_pilot(const PilotPrior& prior, std::size_t outer, std::uint64_t seed,
                                    std::vector<PilotOutcome>* outcomes = nullptr);

/// The simulated pilots [outcomes.size(), end) of evsi_pilot (data set i
/// from run i of the prior, end <= the prior's size), appended to
/// `outcomes`: a precision loop grows them without redrawing the first ones.
/// Runs on the calling thread's TBB arena.
void simulate_pilots(const PilotPrior& prior, std::size_t end, std::uint64_t seed,
                     std::vector<PilotOutcome>& outcomes);

/// EVSI from simulated pilots of `prior` (at least one): evsi_pilot's
/// estimate on them, bit for bit.
[[nodiscard]] EvsiResult evsi_of(const PilotPrior& prior, std::span<const PilotOutcome> outcomes);

}  // namespace simroi
