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
// a 64-bit key that mixes seed and run index: the run's SplitMix64 sequence.
// Each purpose of a run takes its own block of four consecutive outputs of
// that sequence (purpose p: outputs 4p .. 4p+3), the usual way to seed several
// xoshiro engines (Vigna), so streams of different purposes are independent,
// and the run's engines of all purposes share the key derivation: a run
// costs one serial SplitMix64 step (the seed's step is precomputed, SeedKey)
// plus four independent ones per purpose. SplitMix64's state is a Weyl
// sequence (state += gamma), so block p starts at key + 4 p gamma: any
// purpose's engine is built in O(1), with the same values whichever way it
// is built (Rng(seed, run, purpose) or SeedKey::engine). Boost 1.74 offers no
// engine with cheap keyed seeding (mt19937 costs microseconds to seed), so this
// class models Boost.Random's UniformRandomNumberGenerator concept and every
// Boost.Random distribution draws from it directly.
#include <cstdint>
#include <limits>

namespace simroi {

/// Sub-streams of one run, so adding a draw for one purpose never shifts another.
enum class StreamPurpose : std::uint64_t {
  inputs = 0,    ///< draws that are not one input's (each input has its own InputStream)
  copula = 1,    ///< unused since every input has its own stream (kept: stable numbering)
  stratify = 2,  ///< Latin-hypercube strata permutations (keyed by input, not run)
};

/// SplitMix64's Weyl increment (the golden ratio in 64 bits).
inline constexpr std::uint64_t kSplitMixGamma = 0x9e3779b97f4a7c15ULL;

/// SplitMix64 finaliser: a bijective 64-bit mixer (Steele, Lea & Flood 2014).
constexpr std::uint64_t splitmix64(std::uint64_t& state) noexcept {
  state += kSplitMixGamma;
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

  /// The engine of run `run` for `purpose` under master seed `seed`
  /// (the same as SeedKey(seed).engine(run, purpose)).
  constexpr Rng(std::uint64_t seed, std::uint64_t run,
                StreamPurpose purpose = StreamPurpose::inputs) noexcept;

  /// The engine whose state is the next four outputs of the SplitMix64
  /// sequence at `state`.
  static constexpr Rng from_splitmix(std::uint64_t state) noexcept {
    Rng r;
    for (auto& word : r.s_) word = splitmix64(state);
    return r;
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
  constexpr Rng() noexcept = default;
  std::uint64_t s_[4]{};
};

/// One input's stream within a run (common random numbers): the SplitMix64
/// sequence that starts at the run's state (SeedKey::run_state) plus the
/// input's own 64-bit key (input_stream_key), one output a draw. Each input of
/// a run draws from its own stream, so a change to how one input is drawn
/// (another distribution, fixed, a new correlation) never moves another
/// input's draws. The streams of a run lie at pseudo-random places of the
/// 2^64-long Weyl sequence, a few outputs each, so they never overlap in
/// practice (two of n runs x k inputs start within d steps of each other with
/// probability about (n k)^2 d / 2^64). A UniformRandomBitGenerator, like Rng;
/// a draw costs one SplitMix64 step (what xoshiro256++ costs), and making the
/// stream costs one addition, where an Rng costs four SplitMix64 steps.
class InputStream {
 public:
  using result_type = std::uint64_t;
  static constexpr result_type min() noexcept { return 0; }
  static constexpr result_type max() noexcept { return std::numeric_limits<result_type>::max(); }

  constexpr InputStream(std::uint64_t run_state, std::uint64_t key) noexcept
      : state_(run_state + key) {}

  constexpr result_type operator()() noexcept { return splitmix64(state_); }
  /// A uniform double in the open interval (0, 1): 53 random bits, centred.
  constexpr double uniform01() noexcept {
    return (static_cast<double>((*this)() >> 11) + 0.5) * 0x1.0p-53;
  }
  /// An Rng (xoshiro256++) seeded by the next four outputs, for draws that
  /// need the Rng type (Distribution::sample).
  constexpr Rng engine() const noexcept { return Rng::from_splitmix(state_); }

 private:
  std::uint64_t state_;
};

/// The key of input number `input` (its Input index): a fixed pseudo-random
/// 64-bit constant per input (SplitMix64 of the index), independent of the
/// seed and the run.
[[nodiscard]] constexpr std::uint64_t input_stream_key(std::uint64_t input) noexcept {
  std::uint64_t state = 0x5eed'1b9a'7000'0000ULL ^ (input * 0xd1342543de82ef95ULL);
  return splitmix64(state);
}

/// The seed's part of every run's key (one SplitMix64 step), computed once
/// per simulation rather than once per run and purpose.
class SeedKey {
 public:
  constexpr explicit SeedKey(std::uint64_t seed) noexcept : mixed_(splitmix64(seed)) {}

  /// The start of run `run`'s SplitMix64 sequence.
  [[nodiscard]] constexpr std::uint64_t run_state(std::uint64_t run) const noexcept {
    std::uint64_t key = mixed_ ^ (run * 0xd1342543de82ef95ULL);
    const std::uint64_t mixed = splitmix64(key);  // decorrelate neighbouring run indices
    return key ^ mixed;
  }

  /// The engine of `purpose` from a run's sequence (run_state()): its block
  /// of four outputs, 4 * purpose outputs into the sequence.
  [[nodiscard]] static constexpr Rng engine_at(std::uint64_t run_state,
                                               StreamPurpose purpose) noexcept {
    return Rng::from_splitmix(run_state + 4 * static_cast<std::uint64_t>(purpose) * kSplitMixGamma);
  }

  [[nodiscard]] constexpr Rng engine(std::uint64_t run, StreamPurpose purpose) const noexcept {
    return engine_at(run_state(run), purpose);
  }

 private:
  std::uint64_t mixed_;
};

constexpr Rng::Rng(std::uint64_t seed, std::uint64_t run, StreamPurpose purpose) noexcept
    : Rng(SeedKey(seed).engine(run, purpose)) {}

}  // namespace simroi
