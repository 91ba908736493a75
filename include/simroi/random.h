#pragma once
// Random streams: one independent engine per (master seed, run index, purpose).
//
// Every run of a simulation draws from its own engine, derived from the master
// seed and the run's global index only. No engine is shared between runs or
// tied to a thread, so the thread count can never change a result (the idea of
// OpenMC's per-particle seeds; see docs/model.md, "Reproducibility").
//
// The engine is xoshiro256++ (Blackman & Vigna, 2019): 256 bits of state,
// period 2^256 - 1, about 1 ns a draw. Its state is filled by SplitMix64 from
// a 64-bit key that mixes seed, run index and purpose, so seeding costs four
// multiplications -- far less than one run of the model. Boost 1.74 offers no
// engine with cheap keyed seeding (mt19937 costs microseconds to seed), so this
// class models Boost.Random's UniformRandomNumberGenerator concept and every
// Boost.Random distribution draws from it directly.
#include <cstdint>
#include <limits>

namespace simroi {

/// Sub-streams of one run, so adding a draw for one purpose never shifts another.
enum class StreamPurpose : std::uint64_t {
  inputs = 0,    ///< the run's uncertain inputs
  copula = 1,    ///< normal scores of correlated inputs
  stratify = 2,  ///< Latin-hypercube strata permutations (keyed by input, not run)
};

/// SplitMix64 finaliser: a bijective 64-bit mixer (Steele, Lea & Flood 2014).
constexpr std::uint64_t splitmix64(std::uint64_t& state) noexcept {
  state += 0x9e3779b97f4a7c15ULL;
  std::uint64_t z = state;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/// xoshiro256++; a Boost.Random / std UniformRandomBitGenerator.
class Rng {
 public:
  using result_type = std::uint64_t;
  static constexpr result_type min() noexcept { return 0; }
  static constexpr result_type max() noexcept { return std::numeric_limits<result_type>::max(); }

  /// The engine of run `run` for `purpose` under master seed `seed`.
  constexpr Rng(std::uint64_t seed, std::uint64_t run,
                StreamPurpose purpose = StreamPurpose::inputs) noexcept {
    std::uint64_t key = seed;
    std::uint64_t mixed = splitmix64(key);
    key = mixed ^ (run * 0xd1342543de82ef95ULL) ^ (static_cast<std::uint64_t>(purpose) << 56);
    mixed = splitmix64(key);  // decorrelate neighbouring run indices
    key ^= mixed;
    for (auto& word : s_) word = splitmix64(key);
  }

  constexpr result_type operator()() noexcept {
    const std::uint64_t result = rotl(s_[0] + s_[3], 23) + s_[0];
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  /// A uniform double in the open interval (0, 1): 53 random bits, centred.
  constexpr double uniform01() noexcept {
    return (static_cast<double>((*this)() >> 11) + 0.5) * 0x1.0p-53;
  }

 private:
  static constexpr std::uint64_t rotl(std::uint64_t x, int k) noexcept {
    return (x << k) | (x >> (64 - k));
  }
  std::uint64_t s_[4]{};
};

}  // namespace simroi
