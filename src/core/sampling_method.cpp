#include "simroi/core/sampling_method.h"

namespace simroi {

const char* to_string(Sampling sampling) noexcept {
  switch (sampling) {
    case Sampling::monte_carlo:
      return "monte_carlo";
    case Sampling::latin_hypercube:
      return "latin_hypercube";
  }
  return "monte_carlo";
}

}  // namespace simroi
