// libFuzzer target: the scenario loader must either return a validated
// Scenario or throw simroi::UserError (ScenarioError) for any byte string.
// Any other exception, a crash, a sanitizer report, a hang (-timeout) or
// runaway memory (-rss_limit_mb) is a finding. See fuzz/README.md.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "simroi/core/error.h"
#include "simroi/scenario/scenario.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const simroi::Scenario scenario = simroi::parse_scenario(text, "fuzz.yaml");
    // A returned scenario must be usable: touch what downstream code reads.
    (void)scenario.uncertain_inputs();
  } catch (const simroi::UserError&) {
    // Expected: the input was rejected with diagnostics.
  }
  // Any other exception propagates out of here and libFuzzer aborts on it.
  return 0;
}
