#pragma once
// How the runs' inputs are drawn (scenario key simulation.sampling).
#include <cstdint>

namespace simroi {

enum class Sampling : std::uint8_t { monte_carlo, latin_hypercube };
/// "monte_carlo" / "latin_hypercube" (the scenario-file spelling).
[[nodiscard]] const char* to_string(Sampling sampling) noexcept;

}  // namespace simroi
