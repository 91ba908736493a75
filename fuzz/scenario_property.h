#pragma once
// The property every scenario the loader accepts must have (issue 9, section
// 1): "a scenario that `check` accepts must run". Shared by the libFuzzer
// target (fuzz/scenario_fuzzer.cpp) and the corpus replay in the normal build
// (tests/fuzz_corpus_test.cpp).
//
// simulate_accepted() simulates an accepted scenario for a few hundred runs,
// as `simroi FILE` would, and renders the results in every report format. It
// returns "" when all is well and a description of the finding otherwise:
//   * an exception other than UserError (the command line would exit 1 or
//     crash; a UserError exits 2 and is allowed);
//   * a non-finite estimate (mean, sd, min, max, percentile, probability,
//     fan-chart value, Spearman coefficient, achieved correlation) -- a
//     payback percentile may be +inf ("not within the horizon"), nothing else
//     may be non-finite;
//   * "nan" or "inf" in the text of any report format.
#include <cmath>
#include <cstdint>
#include <exception>
#include <sstream>
#include <string>
#include <vector>

#include "simroi/core/error.h"
#include "simroi/engine/engine.h"
#include "simroi/report/report.h"
#include "simroi/results/results.h"
#include "simroi/scenario/scenario.h"

namespace simroi::fuzz {

inline constexpr std::uint64_t kPropertyRuns = 200;

namespace detail {

// "nan" or "inf" as a word of its own, in any case ("-inf", "NaN", "INF";
// not "info" or "Financial"). A hand-written scan: std::regex here makes
// g++ 12 warn (maybe-uninitialized, inside <regex>) under -O1 -fsanitize.
inline bool spells_non_finite(const std::string& text) {
  const auto letter = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
  const auto lower = [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  };
  for (std::size_t i = 0; i + 3 <= text.size(); ++i) {
    if (i > 0 && letter(text[i - 1])) continue;
    if (i + 3 < text.size() && letter(text[i + 3])) continue;
    const std::string w{lower(text[i]), lower(text[i + 1]), lower(text[i + 2])};
    if (w == "nan" || w == "inf") return true;
  }
  return false;
}

inline void check_value(std::vector<std::string>& out, const std::string& what, double v,
                        bool inf_allowed = false) {
  if (std::isnan(v) || (std::isinf(v) && !(inf_allowed && v > 0))) {
    out.push_back(what + " = " + std::to_string(v));
  }
}

inline void check_percentiles(std::vector<std::string>& out, const std::string& what,
                              const std::vector<PercentileEstimate>& ps, bool inf_allowed) {
  for (const auto& p : ps) {
    check_value(out, what + " P" + std::to_string(p.p), p.value, inf_allowed);
  }
}

inline void check_metric(std::vector<std::string>& out, const std::string& what,
                         const MetricSummary& m) {
  check_value(out, what + " mean", m.mean);
  check_value(out, what + " sd", m.sd);
  check_value(out, what + " min", m.min);
  check_value(out, what + " max", m.max);
  check_percentiles(out, what, m.percentiles, false);
}

}  // namespace detail

/// "" or what is wrong (see the header comment). `threads` 1 keeps a fuzzer
/// run deterministic.
inline std::string simulate_accepted(const Scenario& scenario, std::uint64_t runs = kPropertyRuns) {
  SimulationResults r;
  try {
    RunOptions options;
    options.runs = runs;
    options.seed = 1;
    options.threads = 1;
    r = run_simulation(scenario, options);
  } catch (const UserError&) {
    return {};  // refused with a message: exit 2, allowed
  } catch (const std::exception& e) {
    return std::string("the simulation threw (exit 1): ") + e.what();
  }
  std::vector<std::string> bad;
  detail::check_metric(bad, "roi_pct", r.roi_pct);
  detail::check_metric(bad, "net_profit", r.net_profit);
  detail::check_metric(bad, "npv", r.npv);
  detail::check_value(bad, "prob_roi_below_zero", r.prob_roi_below_zero.value);
  detail::check_percentiles(bad, "payback", r.payback.percentiles, true);
  for (const auto& w : r.payback.within) {
    if (w.probability) {
      detail::check_value(bad, "payback within " + std::to_string(w.months), w.probability->value);
    }
  }
  for (const auto& m : r.monthly) {
    detail::check_percentiles(bad, "cumulative net month " + std::to_string(m.month),
                              m.cumulative_net, false);
  }
  // A Spearman rho is null (nullopt) when ROI or the input is constant: no rank
  // correlation exists; a present one must be finite.
  for (const auto& s : r.sensitivity) {
    if (s.spearman) detail::check_value(bad, "spearman", *s.spearman);
  }
  detail::check_value(bad, "cash net profit mean", r.cash.net_profit.mean);
  detail::check_value(bad, "total gain by source", r.gain_by_source.total_gain);
  for (const auto& c : r.correlations) detail::check_value(bad, "achieved correlation", c.achieved);

  // The user's own text could spell "inf": replaced before the text check.
  r.scenario_name = "fuzz";
  r.business.clear();
  r.file = "fuzz.yaml";
  r.currency = "RUB";
  for (const Format format : {Format::table, Format::markdown, Format::csv, Format::json}) {
    std::ostringstream text;
    try {
      make_reporter(format)->report(text, r);
    } catch (const std::exception& e) {
      bad.push_back(std::string("the ") + to_string(format) + " report threw: " + e.what());
      continue;
    }
    if (detail::spells_non_finite(text.str())) {
      bad.push_back(std::string("the ") + to_string(format) + " report prints nan or inf");
    }
  }
  std::string out;
  for (const auto& b : bad) out += (out.empty() ? "" : "; ") + b;
  return out;
}

}  // namespace simroi::fuzz
