// libFuzzer target: the scenario loader must either return a validated
// Scenario or throw simroi::UserError (ScenarioError) for any byte string,
// and a Scenario it returns must survive the writer: write_scenario() of it
// loads back as the identical Scenario (scenario/write.h), and must run:
// simulated for a few hundred runs it may only be refused with a UserError
// (exit 2) or give finite results in every report format
// (scenario_property.h).
// Any other exception, a crash, a sanitizer report, a failed round trip
// (abort), a hang (-timeout) or runaway memory (-rss_limit_mb) is a finding.
// See fuzz/README.md.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "scenario_property.h"
#include "simroi/core/error.h"
#include "simroi/scenario/scenario.h"
#include "simroi/scenario/write.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  simroi::Scenario scenario;
  try {
    scenario = simroi::parse_scenario(text, "fuzz.yaml");
  } catch (const simroi::UserError&) {
    return 0;  // Expected: the input was rejected with diagnostics.
  }
  // Any other exception propagates out of here and libFuzzer aborts on it.
  (void)scenario.uncertain_inputs();
  const std::string written = simroi::write_scenario(scenario);
  std::string difference;
  try {
    difference =
        simroi::scenario_difference(scenario, simroi::parse_scenario(written, "fuzz.yaml"));
  } catch (const simroi::UserError& e) {
    difference = std::string("the written scenario is refused: ") + e.what();
  }
  if (!difference.empty()) {
    std::fprintf(stderr, "round trip failed: %s\n--- written:\n%s", difference.c_str(),
                 written.c_str());
    std::abort();
  }
  if (const std::string finding = simroi::fuzz::simulate_accepted(scenario); !finding.empty()) {
    std::fprintf(stderr, "an accepted scenario does not run: %s\n", finding.c_str());
    std::abort();
  }
  return 0;
}
