#pragma once
// Drawing one run's inputs: the deterministic map (seed, run index) -> inputs.
//
// The draws of run i depend only on the master seed and i (random.h), never on
// which thread draws them or in which order, so any thread count gives the same
// values. Three ways to draw an uncertain input:
//   independent   Distribution::sample on the run's `inputs` stream;
//   correlated    a Gaussian copula (correlation.h) on the `copula` stream and
//                 the marginal's exact quantile;
//   Latin hypercube (simulation.sampling: latin_hypercube), replicated: the
//                 n runs are cut into B consecutive blocks (lhs_replicates(n),
//                 20 from 200 runs), each a full Latin hypercube of its own m
//                 runs with its own keys, so the blocks are independent and
//                 their spread measures the error (docs/model.md). Input j of
//                 local run r of block b falls in stratum pi_jb(r) of m
//                 equal-probability strata, where pi_jb is a pseudo-random
//                 permutation of 0..m-1 computed on the fly (a keyed Feistel
//                 network with cycle walking, O(1) memory in m); the position
//                 inside the stratum is uniform. Correlated inputs are
//                 stratified in their normal scores the same way.
//
// Each input's state is its own: its distribution, its normal-score table
// (built once; NormalScoreMap), its step in the draw plan. set_input() replaces
// one input's distribution and rebuilds only that input's table, so a loop that
// varies one input (goal seek, a sweep) keeps every other table. The plan groups
// the inputs by how they are drawn, so a run's draws are a few flat loops.
// Every input draws from its own stream keyed by (seed, run, input)
// (InputStream, random.h): common random numbers, so a change to one input
// never moves another's draws (a correlated input's value still moves with
// the copula's matrix when a correlation is added or dropped).
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "simroi/core/inputs.h"
#include "simroi/random/random.h"
#include "simroi/sampling/normal_score_map.h"
#include "simroi/scenario/scenario.h"

namespace simroi {

/// Replicated Latin hypercube: the number of independent blocks the design of
/// `runs` runs is cut into. kLhsReplicates (20) from 200 runs, so that every
/// block holds at least kLhsMinReplicateRuns (10) runs; below, runs / 10
/// blocks (2 at 20..29 runs); a single block (no error estimate: the report's
/// Latin-hypercube errors are then unknown) below 20 runs.
inline constexpr std::uint64_t kLhsReplicates = 20;
inline constexpr std::uint64_t kLhsMinReplicateRuns = 10;
[[nodiscard]] std::uint64_t lhs_replicates(std::uint64_t runs) noexcept;
/// The first run of block b in [0, replicates] of a design of `runs` runs:
/// floor(b runs / replicates) (block sizes differ by at most one run; b =
/// replicates gives runs).
[[nodiscard]] std::uint64_t lhs_replicate_begin(std::uint64_t runs, std::uint64_t replicates,
                                                std::uint64_t b) noexcept;
/// The B + 1 block boundaries of the design of `runs` runs (lhs_replicates).
[[nodiscard]] std::vector<std::uint64_t> lhs_replicate_bounds(std::uint64_t runs);

class InputSampler {
 public:
  /// `runs` is the total number of runs (Latin hypercube needs it).
  InputSampler(const Scenario& scenario, std::uint64_t seed, std::uint64_t runs);

  /// The inputs of run `run` (0-based, < runs). Fixed inputs keep their value.
  void draw(std::uint64_t run, InputValues& out) const;

  /// The uncertain inputs, in Input order.
  [[nodiscard]] const std::vector<Input>& uncertain() const noexcept { return uncertain_; }
  /// The distribution input `id` is drawn from.
  [[nodiscard]] const Distribution& input(Input id) const noexcept { return dists_[index(id)]; }

  /// Draw input `id` from `dist` from now on, rebuilding only its own state
  /// (its normal-score table, its place in the plan); every other input keeps
  /// its table. Throws std::invalid_argument when `id` is named by a
  /// correlation and `dist` is fixed (or not continuous: NormalScoreMap).
  void set_input(Input id, const Distribution& dist);
  /// Draw from master seed `seed` from now on (nothing else is rebuilt).
  void set_seed(std::uint64_t seed) noexcept;

 private:
  static constexpr int kFeistelRounds = 6;
  using FeistelKeys = std::array<std::uint64_t, kFeistelRounds>;
  static constexpr std::size_t kNotCorrelated = kInputCount;

  /// Monte Carlo draws of the independent inputs, planned at construction
  /// and grouped by method so draw() runs four flat loops with no per-input
  /// look-ups or branches (see sampler.cpp for the order of the draws).
  struct UniformStep {  // untruncated uniform: a + w U
    std::uint32_t out = 0;
    double a = 0.0, w = 0.0;
  };
  // Untruncated triangular(a, mode, b) by Stein & Keblis (2009):
  // a + (b - mode) min(U, V) + (mode - a) max(U, V) for two uniforms.
  struct TriangularStep {
    std::uint32_t out = 0;
    double a = 0.0, b = 0.0;
    double low = 0.0;   // b - mode, the weight of min(U, V)
    double high = 0.0;  // mode - a, the weight of max(U, V)
  };
  void draw_monte_carlo(std::uint64_t run, InputValues& out) const;

  /// The normal-score maps of `inputs` (Input indices), built in parallel.
  [[nodiscard]] std::vector<std::optional<NormalScoreMap>> build_maps(
      const std::vector<std::size_t>& inputs) const;
  /// Whether independent input `i` is drawn through a table in Monte Carlo mode.
  [[nodiscard]] bool wants_table(std::size_t i) const noexcept;
  /// Build the Monte Carlo plan of the independent inputs from dists_ and
  /// `tables` (per Input index: its table, if it has one), which it takes.
  void plan_independent(std::array<std::optional<NormalScoreMap>, kInputCount>& tables);
  /// Latin hypercube: the round keys of every input's strata permutation in
  /// every block (the vectors already sized by the constructor).
  void make_strata_keys() noexcept;
  /// Where run `run` lies in the Latin hypercube: its block's size m and its
  /// stratum pi_jb(local run) in [0, m) for input `input`.
  struct Stratum {
    std::uint64_t index = 0;
    std::uint64_t strata = 1;
  };
  [[nodiscard]] Stratum stratum(std::size_t input, std::uint64_t run) const noexcept;
  /// Latin hypercube: y = L z over the correlated inputs, then
  /// out[i] = quantile_i(Phi(y_i)), exactly. (Monte Carlo does the same with
  /// the normal-score maps, inside draw_monte_carlo.)
  void apply_copula_exact(const double* z, InputValues& out) const;

  std::vector<Input> uncertain_;
  // Implementation state (distributions, Cholesky factor, strata keys): see sampler.cpp.
  std::array<Distribution, kInputCount> dists_{};  // indexed by Input
  InputValues fixed_{};                            // every input's value when fixed
  std::vector<std::size_t> independent_;           // Input indices drawn directly, in Input order
  std::vector<std::size_t> correlated_;  // Input indices drawn by the copula, in Input order
  std::array<std::size_t, kInputCount>
      copula_slot_{};                       // position in correlated_, or kNotCorrelated
  std::vector<double> cholesky_;            // correlated_.size()^2, lower triangular, row-major
  std::vector<NormalScoreMap> score_maps_;  // G of each correlated input, parallel to correlated_
  // Independent beta and PERT inputs (and truncated ones) in Monte Carlo mode
  // are drawn as G(Z), Z ~ N(0, 1), through their own normal-score table:
  // ~8 ns instead of two gamma variates (~25 ns), exact to NormalScoreMap's
  // stated tolerance. Only tables that met their accuracy check are kept here.
  std::vector<NormalScoreMap> independent_maps_;
  // Monte Carlo plan of the independent inputs (each group in Input order):
  std::vector<std::uint32_t> table_out_;  // Input index of independent_maps_[i]
  std::vector<UniformStep> uniform_steps_;
  std::vector<TriangularStep> triangular_steps_;
  std::vector<std::uint32_t> sampled_;                          // the rest: Distribution::sample
  std::vector<std::pair<std::uint32_t, double>> fixed_values_;  // (Input index, value)
  // Latin hypercube: the block boundaries (B + 1), the round keys per block
  // and input (block-major) and each block's Feistel half width: its domain
  // is 2^(2 half_bits) >= the block's runs.
  std::vector<std::uint64_t> replicate_bounds_;
  std::vector<FeistelKeys> strata_keys_;
  std::vector<unsigned> half_bits_;
  std::array<std::uint64_t, kInputCount> stream_keys_ = [] {  // input_stream_key(i)
    std::array<std::uint64_t, kInputCount> keys{};
    for (std::size_t i = 0; i < kInputCount; ++i) keys[i] = input_stream_key(i);
    return keys;
  }();
  std::uint64_t seed_ = 0;
  SeedKey seed_key_{0};
  std::uint64_t runs_ = 0;
  Sampling sampling_ = Sampling::monte_carlo;
};

}  // namespace simroi
