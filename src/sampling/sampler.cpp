#include "simroi/sampling/sampler.h"

#include <algorithm>
#include <boost/math/policies/policy.hpp>
#include <boost/math/special_functions/erf.hpp>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>

#include "simroi/core/parallel.h"
#include "simroi/random/normal.h"
#include "simroi/random/random.h"
#include "simroi/sampling/correlation.h"

// How one run's inputs are drawn (see sampler.h for the overview).
//
// Everything a run draws comes from engines keyed by (seed, run, purpose)
// (random.h), and the Latin-hypercube strata from a keyed permutation of the
// run index, so the values of run i depend on (seed, i) only -- never on which
// thread draws them, or which runs were drawn before.
//
// Every uncertain input draws from its own stream of the run, an InputStream
// keyed by (seed, run, input) (random.h): common random numbers, so changing
// one input (its distribution, fixed or not, a correlation) never moves the
// draws of another; only the copula's mixing y = L z changes with the matrix.
//
// Plain Monte Carlo:
//   independent inputs  from the input's stream: a normal score through its table,
//                       a uniform, a triangular from two uniforms (Stein &
//                       Keblis 2009), or
//                       dist.sample() on an Rng seeded from the stream;
//   correlated inputs   a standard normal z_i (the ziggurat of normal.h) from each
//                       input's stream, y = L z, x_i = G_i(y_i) where
//                       G_i(y) = quantile_i(Phi(y)) is evaluated by the input's
//                       NormalScoreMap (normal_score_map.h), built once here:
//                       closed form for untruncated normal/lognormal, else a
//                       verified cubic Hermite table (|error| <= 1e-9 of the
//                       support width or P99.9 - P0.1), a few ns instead of the
//                       1-4 us of Boost's ibeta_inv for beta/PERT marginals.
//
// Latin hypercube, replicated: the runs are cut into B consecutive blocks
// (lhs_replicate_bounds: B = 20 from 200 runs, sizes differing by at most
// one), each an independent Latin hypercube of its own m runs. Uncertain input
// j of run i, the r-th run of block b, gets
//   u_j = (pi_jb(r) + U_ij) / m,  U_ij uniform on (0, 1) from input j's stream,
// where pi_jb is a pseudo-random permutation of {0, ..., m-1}, different for
// every input and block. Because pi_jb is a bijection, over the m runs of a
// block each of the m equal-probability strata [k/m, (k+1)/m) receives exactly
// one u_j: the marginal of every independent input is EXACTLY stratified in
// every block (each 1/m-quantile bin holds exactly one of its runs), and the
// pairing between inputs is random, as in McKay, Beckman & Conover (1979).
// The blocks share nothing but the seed, so their estimates are independent
// and identically distributed (up to one run of size): the spread between
// them is the error of the whole design (Iman 1981; Owen 1997), which the
// report gives instead of the plain Monte Carlo formulas (engine.cpp).
// Correlated inputs are stratified in their independent normal scores,
// z_j = Phi^{-1}(u_j), and then go through the same copula y = L z, finished by
// the EXACT quantile_j(Phi(y_j)) rather than the normal-score map: Latin
// hypercube already pays Phi^{-1} per input, and only the exact path keeps the
// first correlated input's strata exact to the last bit. The first
// correlated input (L's first row is e_1) stays exactly stratified; the others
// have the exact marginal distribution but their strata are only approximately
// balanced (a linear mix of stratified scores is not itself stratified).
//
// pi_jb is a balanced Feistel network (6 rounds, splitmix64 round function,
// round keys from (seed, j, b) by splitmix64) over the smallest domain
// 2^(2h) >= m, made a permutation of {0, ..., m-1} by cycle walking:
// re-encrypt until the value falls below m. The domain is less than 4m, so a
// walk takes fewer than 4 steps on average. Memory is O(1) in n: no per-run
// arrays.

namespace simroi {

namespace {

constexpr double kSqrt2 = std::numbers::sqrt2;
// Phi(y) is kept inside (0, 1) so every quantile is finite: below, the smallest
// normal double's neighbourhood; above, the largest double below 1.
constexpr double kUMin = 1e-300;
constexpr double kUMax = 1.0 - 0x1.0p-53;

using NoPromote = boost::math::policies::policy<boost::math::policies::promote_double<false>>;

/// Standard normal CDF, clamped into (0, 1).
double normal_cdf(double y) noexcept {
  const double u = 0.5 * std::erfc(-y / kSqrt2);
  return std::clamp(u, kUMin, kUMax);
}

/// Standard normal quantile for u in (0, 1).
double normal_quantile(double u) {
  return -kSqrt2 * boost::math::erfc_inv(2.0 * u, NoPromote());
}

/// The Feistel round function: splitmix64's finaliser of (half-block + key).
constexpr std::uint64_t round_function(std::uint64_t half, std::uint64_t key) noexcept {
  std::uint64_t z = half + key;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace

std::uint64_t lhs_replicates(std::uint64_t runs) noexcept {
  const std::uint64_t blocks = runs / kLhsMinReplicateRuns;
  if (blocks < 2) return 1;
  return std::min(blocks, kLhsReplicates);
}

std::uint64_t lhs_replicate_begin(std::uint64_t runs, std::uint64_t replicates,
                                  std::uint64_t b) noexcept {
  // floor(b runs / B) without overflow: b (q B + r) / B = b q + b r / B, b, r <= B.
  return b * (runs / replicates) + b * (runs % replicates) / replicates;
}

std::vector<std::uint64_t> lhs_replicate_bounds(std::uint64_t runs) {
  const std::uint64_t blocks = lhs_replicates(runs);
  std::vector<std::uint64_t> bounds(static_cast<std::size_t>(blocks) + 1);
  for (std::uint64_t b = 0; b <= blocks; ++b) bounds[b] = lhs_replicate_begin(runs, blocks, b);
  return bounds;
}

InputSampler::InputSampler(const Scenario& scenario, std::uint64_t seed, std::uint64_t runs)
    : seed_(seed), seed_key_(seed), runs_(runs), sampling_(scenario.simulation.sampling) {
  copula_slot_.fill(kNotCorrelated);
  for (std::size_t i = 0; i < kInputCount; ++i) {
    dists_[i] = scenario.inputs[i];
    if (dists_[i].is_fixed()) {
      fixed_[i] = dists_[i].mean();
    } else {
      uncertain_.push_back(static_cast<Input>(i));
    }
  }

  // Inputs named by a correlation go through the copula; the rest are drawn directly.
  std::array<bool, kInputCount> named{};
  for (const Correlation& c : scenario.correlations) {
    for (Input id : {c.a, c.b}) {
      if (index(id) >= kInputCount) throw std::invalid_argument("correlation: unknown input");
      if (dists_[index(id)].is_fixed()) {
        throw std::invalid_argument("correlation names the fixed input " +
                                    std::string(info(id).path));
      }
      named[index(id)] = true;
    }
    if (c.a == c.b) {
      throw std::invalid_argument("correlation of " + std::string(info(c.a).path) + " with itself");
    }
    if (!(c.rho >= -1.0 && c.rho <= 1.0)) {
      throw std::invalid_argument("correlation coefficient outside [-1, 1]");
    }
  }
  for (Input id : uncertain_) {
    const std::size_t i = index(id);
    if (named[i]) {
      copula_slot_[i] = correlated_.size();
      correlated_.push_back(i);
    } else {
      independent_.push_back(i);
    }
  }

  std::array<std::optional<NormalScoreMap>, kInputCount> tables;
  if (sampling_ == Sampling::monte_carlo) {
    std::vector<std::size_t> costly;
    for (const std::size_t id : independent_) {
      if (wants_table(id)) costly.push_back(id);
    }
    auto maps = build_maps(costly);
    for (std::size_t i = 0; i < costly.size(); ++i) tables[costly[i]] = std::move(maps[i]);
  }
  plan_independent(tables);

  if (!correlated_.empty()) {
    const std::size_t k = correlated_.size();
    SymmetricMatrix m = SymmetricMatrix::identity(k);
    for (const Correlation& c : scenario.correlations) {
      const std::size_t a = copula_slot_[index(c.a)];
      const std::size_t b = copula_slot_[index(c.b)];
      const double r = spearman_to_normal_correlation(c.rho);
      m(a, b) = r;
      m(b, a) = r;
    }
    cholesky_ = cholesky_psd(m);  // throws std::invalid_argument if not PSD
    if (sampling_ == Sampling::monte_carlo) {
      score_maps_.reserve(k);
      for (auto& map : build_maps(correlated_)) score_maps_.push_back(std::move(*map));
    }
  }

  if (sampling_ == Sampling::latin_hypercube) {
    replicate_bounds_ = lhs_replicate_bounds(runs_);
    const std::size_t blocks = replicate_bounds_.size() - 1;
    half_bits_.assign(blocks, 0);
    for (std::size_t b = 0; b < blocks; ++b) {
      const std::uint64_t m = replicate_bounds_[b + 1] - replicate_bounds_[b];
      unsigned h = 0;
      if (m > 1) {
        h = 1;
        while (h < 32 && (std::uint64_t{1} << (2 * h)) < m) ++h;
      }
      half_bits_[b] = h;
    }
    strata_keys_.resize(blocks * kInputCount);
    make_strata_keys();
  }
}

bool InputSampler::wants_table(std::size_t i) const noexcept {
  const Distribution& d = dists_[i];
  return d.kind() == DistKind::pert || d.kind() == DistKind::beta ||
         (d.is_truncated() && d.kind() != DistKind::uniform);
}

void InputSampler::plan_independent(
    std::array<std::optional<NormalScoreMap>, kInputCount>& tables) {
  table_out_.clear();
  independent_maps_.clear();
  uniform_steps_.clear();
  triangular_steps_.clear();
  sampled_.clear();
  fixed_values_.clear();
  if (sampling_ == Sampling::monte_carlo) {
    for (const std::size_t id : independent_) {
      const Distribution& d = dists_[id];
      const auto out = static_cast<std::uint32_t>(id);
      const auto& w = d.parameters();
      // Too steep to tabulate (exact fallback): keep the exact sampler. Only
      // tables are kept, so draw_monte_carlo can call table_at().
      auto& table = tables[id];
      if (table && table->method() == NormalScoreMap::Method::table) {
        table_out_.push_back(out);  // independent_maps_ is in the same order
        independent_maps_.push_back(std::move(*table));
      } else if (!d.is_truncated() && d.kind() == DistKind::uniform) {
        uniform_steps_.push_back({out, w[0], w[1] - w[0]});
      } else if (!d.is_truncated() && d.kind() == DistKind::triangular) {
        const double a = w[0], m = w[1], b = w[2];
        triangular_steps_.push_back({out, a, b, b - m, m - a});
      } else {
        sampled_.push_back(out);
      }
    }
  }
  for (std::size_t i = 0; i < kInputCount; ++i) {
    if (dists_[i].is_fixed()) fixed_values_.emplace_back(static_cast<std::uint32_t>(i), fixed_[i]);
  }
}

void InputSampler::make_strata_keys() noexcept {
  // Block b's keys mix b in, so every block is an independent design.
  const std::size_t blocks = half_bits_.size();
  for (std::size_t b = 0; b < blocks; ++b) {
    for (std::size_t i = 0; i < kInputCount; ++i) {
      std::uint64_t state = seed_;
      state = splitmix64(state) ^ ((i + 1) * 0xd1342543de82ef95ULL) ^
              (static_cast<std::uint64_t>(StreamPurpose::stratify) << 56);
      state ^= splitmix64(state) + b * 0x9e3779b97f4a7c15ULL;
      for (auto& key : strata_keys_[b * kInputCount + i]) key = splitmix64(state);
    }
  }
}

void InputSampler::set_seed(std::uint64_t seed) noexcept {
  seed_ = seed;
  seed_key_ = SeedKey(seed);
  if (sampling_ == Sampling::latin_hypercube) make_strata_keys();
}

void InputSampler::set_input(Input id, const Distribution& dist) {
  const std::size_t i = index(id);
  if (i >= kInputCount) throw std::invalid_argument("set_input: unknown input");
  const std::size_t slot = copula_slot_[i];
  if (slot != kNotCorrelated) {
    // A correlated input stays in the copula: only its own map changes.
    if (dist.is_fixed()) {
      throw std::invalid_argument("correlation names the fixed input " +
                                  std::string(info(id).path));
    }
    std::optional<NormalScoreMap> map;
    if (sampling_ == Sampling::monte_carlo) map.emplace(dist);  // may throw: nothing changed
    dists_[i] = dist;
    if (map) score_maps_[slot] = std::move(*map);
    return;
  }
  // An independent or fixed input: its table (if it needs one) first, so that
  // a throw leaves the sampler as it was; then the plan, with every other
  // table moved over unchanged.
  std::optional<NormalScoreMap> table;
  const Distribution previous = dists_[i];
  dists_[i] = dist;
  if (sampling_ == Sampling::monte_carlo && !dist.is_fixed() && wants_table(i)) {
    try {
      table.emplace(dist);
    } catch (...) {
      dists_[i] = previous;
      throw;
    }
  }
  std::array<std::optional<NormalScoreMap>, kInputCount> tables;
  for (std::size_t t = 0; t < table_out_.size(); ++t) {
    tables[table_out_[t]] = std::move(independent_maps_[t]);
  }
  tables[i] = std::move(table);
  fixed_[i] = dist.is_fixed() ? dist.mean() : 0.0;
  uncertain_.clear();
  independent_.clear();
  for (std::size_t k = 0; k < kInputCount; ++k) {
    if (dists_[k].is_fixed()) continue;
    uncertain_.push_back(static_cast<Input>(k));
    if (copula_slot_[k] == kNotCorrelated) independent_.push_back(k);
  }
  plan_independent(tables);
}

std::vector<std::optional<NormalScoreMap>> InputSampler::build_maps(
    const std::vector<std::size_t>& inputs) const {
  // Each table costs milliseconds of exact quantiles (and their check), so
  // they are built side by side, on the caller's task arena.
  std::vector<std::optional<NormalScoreMap>> maps(inputs.size());
  parallel_for_index(std::size_t{0}, inputs.size(),
                     [&](std::size_t i) { maps[i].emplace(dists_[inputs[i]]); });
  return maps;
}

InputSampler::Stratum InputSampler::stratum(std::size_t input, std::uint64_t run) const noexcept {
  // The block of `run`: the last boundary <= run (B + 1 boundaries, B <= 20).
  const auto after = std::upper_bound(replicate_bounds_.begin(), replicate_bounds_.end(), run);
  const auto b = static_cast<std::size_t>(after - replicate_bounds_.begin()) - 1;
  const std::uint64_t first = replicate_bounds_[b];
  const std::uint64_t m = replicate_bounds_[b + 1] - first;
  const std::uint64_t local = run - first;
  const unsigned h = half_bits_[b];
  if (h == 0) return {local, m};  // a block of one run: the identity on {0}
  const std::uint64_t mask = h >= 32 ? 0xffffffffULL : (std::uint64_t{1} << h) - 1;
  const FeistelKeys& keys = strata_keys_[b * kInputCount + input];
  std::uint64_t x = local;
  do {  // cycle walking: terminates because x lies on a finite cycle through local < m
    std::uint64_t left = x >> h;
    std::uint64_t right = x & mask;
    for (const std::uint64_t key : keys) {
      const std::uint64_t next = left ^ (round_function(right, key) & mask);
      left = right;
      right = next;
    }
    x = (left << h) | right;
  } while (x >= m);
  return {x, m};
}

void InputSampler::apply_copula_exact(const double* z, InputValues& out) const {
  const std::size_t k = correlated_.size();
  for (std::size_t i = 0; i < k; ++i) {
    double y = 0.0;
    const double* row = &cholesky_[i * k];
    for (std::size_t j = 0; j <= i; ++j) y += row[j] * z[j];
    const std::size_t id = correlated_[i];
    out[id] = dists_[id].quantile(normal_cdf(y));
  }
}

void InputSampler::draw_monte_carlo(std::uint64_t run, InputValues& out) const {
  for (const auto& [id, value] : fixed_values_) out[id] = value;
  // Every input from its own stream of the run (common random numbers).
  const std::uint64_t state = seed_key_.run_state(run);
  for (std::size_t i = 0; i < table_out_.size(); ++i) {
    InputStream rng(state, stream_keys_[table_out_[i]]);
    out[table_out_[i]] = independent_maps_[i].table_at(standard_normal(rng));
  }
  for (const UniformStep& step : uniform_steps_) {
    InputStream rng(state, stream_keys_[step.out]);
    out[step.out] = step.a + step.w * rng.uniform01();
  }
  for (const TriangularStep& step : triangular_steps_) {
    // Stein & Keblis (2009), "A new method to simulate the triangular
    // distribution", Math. Comput. Modelling 49: for U, V uniform on (0, 1),
    // (1 - c) min(U, V) + c max(U, V) is triangular on [0, 1] with mode c.
    // Scaled, a + (b - mode) min + (mode - a) max: two outputs of the input's
    // stream, no square root and no branch (Distribution::sample's inverse CDF
    // needed both), and still non-decreasing in a, mode and b for the same
    // U, V, as common random numbers want. The min keeps a rounding of the
    // sum from passing b; a sum of non-negative terms never falls below a.
    InputStream rng(state, stream_keys_[step.out]);
    const double u = rng.uniform01();
    const double v = rng.uniform01();
    const double x = step.a + (step.low * std::min(u, v) + step.high * std::max(u, v));
    out[step.out] = std::min(x, step.b);
  }
  for (const std::uint32_t id : sampled_) {
    Rng rng = InputStream(state, stream_keys_[id]).engine();
    out[id] = dists_[id].sample(rng);
  }
  const std::size_t k = correlated_.size();
  if (k == 0) return;
  double z[kInputCount];  // normal scores of the correlated inputs (no heap)
  for (std::size_t j = 0; j < k; ++j) {
    InputStream rng(state, stream_keys_[correlated_[j]]);
    z[j] = standard_normal(rng);
  }
  // y = L z with L lower triangular, then x_i = G_i(y_i) by the normal-score map.
  const double* row = cholesky_.data();
  for (std::size_t i = 0; i < k; ++i, row += k) {
    double y = 0.0;
    for (std::size_t j = 0; j <= i; ++j) y += row[j] * z[j];
    out[correlated_[i]] = score_maps_[i](y);
  }
}

void InputSampler::draw(std::uint64_t run, InputValues& out) const {
  if (sampling_ == Sampling::monte_carlo) {
    draw_monte_carlo(run, out);
    return;
  }
  out = fixed_;
  if (uncertain_.empty()) return;
  double z[kInputCount];  // normal scores of the correlated inputs (no heap)
  const std::uint64_t state = seed_key_.run_state(run);

  // Latin hypercube.
  if (run >= runs_) {
    throw std::out_of_range("Latin hypercube run index " + std::to_string(run) + " outside [0, " +
                            std::to_string(runs_) + ")");
  }
  for (const Input input : uncertain_) {
    const std::size_t id = index(input);
    InputStream rng(state, stream_keys_[id]);  // the input's own stream
    const double within = rng.uniform01();
    const Stratum at = stratum(id, run);
    const auto k = static_cast<double>(at.index);
    const auto n = static_cast<double>(at.strata);
    double u = (k + within) / n;
    const double upper = (k + 1.0) / n;
    if (!(u < upper)) u = std::nextafter(upper, 0.0);  // rounding must not leave the stratum
    const std::size_t slot = copula_slot_[id];
    if (slot == kNotCorrelated) {
      out[id] = dists_[id].quantile(u);
    } else {
      z[slot] = normal_quantile(u);
    }
  }
  if (!correlated_.empty()) apply_copula_exact(z, out);
}

}  // namespace simroi
