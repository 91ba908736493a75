#pragma once
// The check every Scenario must pass before it is simulated, however it was
// made: read from a file (load_scenario() calls this), built in code, or
// changed by a command-line option. It checks the values against the model
// (docs/model.md, docs/scenario-format.md "What bad input gets"):
//
//   inputs        a fixed value inside its input's valid range (core/inputs.h);
//                 a distribution whose support (as written, cut by min:/max:)
//                 lies inside it -- simroi never clips a draw;
//                 booking_conversion_uplift and booking_conversion_after not
//                 both given (in code: the one not in use fixed at 0);
//   settings      horizon_months 1..120, start_month 1..12, ramp_up_months
//                 0..horizon_months, runs 1..kMaxRuns, a currency label;
//   seasonality   12 finite multipliers >= 0;
//   correlations  coefficients in [-1, 1], two different inputs, each pair
//                 once, both inputs uncertain (not fixed), and the matrix of
//                 each connected group positive semi-definite both as
//                 Spearman coefficients and as the normal-score correlations
//                 r = 2 sin(pi rho / 6) the sampler factorises (smallest
//                 eigenvalue >= -1e-10);
//   costs         the total cost over the horizon can never be 0, since
//                 ROI = (gain - cost) / cost (model.md, minimum_total_cost()).
//
// Every problem is one Diagnostic with a code (core/error.h), a translatable
// text and a key path ("assistant.lead_growth", "seasonality[3]",
// "correlations[1]", "costs"). Given the SourceMap of the file the scenario
// was read from, each also has the file, line and column, a value is quoted
// as the file wrote it ("150%"), correlations are numbered as in the file,
// and nothing the reader already reported (an `unread` entry) is reported
// again or used in a check that depends on it. Without one (a Scenario built
// in code) the file is Scenario::file and line and column are 0.
//
// What a Distribution cannot even hold -- min > max, sd <= 0, bad weights --
// never reaches here: its factories refuse it (dist/kinds.h).
#include <string>
#include <utility>
#include <vector>

#include "simroi/core/error.h"
#include "simroi/scenario/scenario.h"
#include "simroi/scenario/source_map.h"

namespace simroi {

/// Every problem of a Scenario built in code, in the order checked
/// (settings, inputs in Input order, seasonality, correlations, costs).
/// Empty: the scenario may be simulated.
[[nodiscard]] std::vector<Diagnostic> validate(const Scenario& scenario);

/// Every problem of a Scenario read from a file, located with `source`
/// (see above), in the order checked; load_scenario() sorts them by position.
[[nodiscard]] std::vector<Diagnostic> validate(const Scenario& scenario, const SourceMap& source);

/// Assumptions that carry the result without being wrong (docs/scenario-format.md,
/// "Warnings"): gross_margin left out (all revenue counted as profit), a
/// seasonality whose average is more than 0.05 from 1, a ramp-up longer than
/// half the horizon. Each a Diagnostic with a code (core/error.h, diag::kWarn*),
/// located with `source` when given. Never a reason to refuse: the
/// command line prints them, every report format carries them.
/// Precondition: validate() found nothing.
[[nodiscard]] std::vector<Diagnostic> scenario_warnings(const Scenario& scenario,
                                                        const SourceMap* source = nullptr);

/// The warnings of `changed`: `loaded` (with its warnings) after the keys in
/// `changed_keys` were replaced -- pairs of a key path ("horizon_months",
/// "baseline.gross_margin") and what replaced it ("--set horizon_months=3").
/// Each warning is derived from `changed`, so an override can both raise and
/// clear one: a warning whose keys were not replaced stays as `loaded` had it
/// (its file, line and column); one derived from a replaced key is named
/// "FILE: --set ..." without a line, as the option's problems are. A gross
/// margin given by an override is given. Precondition: validate(changed) found
/// nothing.
[[nodiscard]] std::vector<Diagnostic> rederived_warnings(
    const Scenario& loaded, const Scenario& changed,
    const std::vector<std::pair<std::string, std::string>>& changed_keys);

}  // namespace simroi
