// Inputs the scenario fuzzer (fuzz/scenario_fuzzer.cpp) found, and what the
// loader must do with them now (docs/reliability.md, "Fuzzing").
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <string>
#include <string_view>
#include <utility>

#include "../fuzz/scenario_property.h"
#include "simroi/core/error.h"
#include "simroi/dist/distribution.h"
#include "simroi/scenario/scenario.h"

namespace simroi {
namespace {

using namespace std::chrono_literals;

/// Parse `text` on another thread; fail (rather than hang the suite) if it
/// takes longer than `limit`. Returns the ScenarioError's text, or "" if the
/// text was accepted.
std::string parse_within(std::string text, std::chrono::seconds limit = 5s) {
  auto result = std::async(std::launch::async, [text = std::move(text)]() -> std::string {
    try {
      (void)parse_scenario(text, "fuzz.yaml");
      return "";
    } catch (const ScenarioError& e) {
      return e.what();
    }
  });
  if (result.wait_for(limit) != std::future_status::ready) {
    ADD_FAILURE() << "parse_scenario did not return within " << limit.count() << " s";
    std::abort();  // the worker thread cannot be cancelled; do not hang ctest
  }
  return result.get();
}

// yaml-cpp 0.7's YAML::LoadAll() never returns on a ',' outside brackets at the
// top of a document (jbeder/yaml-cpp#1040): it keeps appending null documents
// and grows without bound. The loader must refuse such text as invalid YAML.
TEST(ScenarioFuzzRegression, LoneCommaIsInvalidYamlNotAHang) {
  const std::string message = parse_within(",");
  EXPECT_NE(message.find("fuzz.yaml:1:1:"), std::string::npos) << message;
  EXPECT_NE(message.find("not valid YAML"), std::string::npos) << message;
}

TEST(ScenarioFuzzRegression, CommaAfterTopLevelFlowCollectionIsInvalidYaml) {
  for (const std::string_view text : {"[a],", "{a: 1},", "\"a\",", "&x ,", "!t ,", " ,", ",a"}) {
    const std::string message = parse_within(std::string(text));
    EXPECT_NE(message.find("not valid YAML"), std::string::npos) << text << " -> " << message;
  }
}

// The first input the fuzzer reported (timeout-aaa6a8c5...): a scenario whose
// first key was mutated into ",aselile:".
TEST(ScenarioFuzzRegression, MutatedScenarioStartingWithCommaIsRefused) {
  const std::string message = parse_within(
      ",aselile:\n  max:s_per__check: 3000\ncosts:\n 0monthly: 5000\nbaselile:\n"
      "  max:s_per__check: 2999\ncosts_conversion_after: 15%\n"
      "  booking_conversion_upli:\n 0mont00\n");
  EXPECT_NE(message.find("not valid YAML"), std::string::npos) << message;
}

// The probe that replaced LoadAll() must keep the old multi-document diagnostic
// (pointing at the second document's root) and still accept one document.
TEST(ScenarioFuzzRegression, MultipleDocumentsStillReported) {
  const std::string message = parse_within("a: 1\n---\nb: 2\n");
  EXPECT_NE(message.find("fuzz.yaml:3:1:"), std::string::npos) << message;
  EXPECT_NE(message.find("more than one YAML document"), std::string::npos) << message;
  // A stuck parser in a later document must not hang either; that the file
  // has more than one document is reported first.
  const std::string stuck_later = parse_within("a: 1\n---\n[b],\n---\nc: ,\n,\n");
  EXPECT_NE(stuck_later.find("more than one YAML document"), std::string::npos) << stuck_later;
}

TEST(ScenarioFuzzRegression, EmptyAndCommentOnlyTextAreStillEmpty) {
  EXPECT_NE(parse_within("").find("the file is empty"), std::string::npos);
  EXPECT_NE(parse_within("# nothing\n").find("the file is empty"), std::string::npos);
  EXPECT_NE(parse_within("---\n...\n").find("the file is empty"), std::string::npos);
}

// A plain scalar may contain ", " in block context; that is not the bug.
TEST(ScenarioFuzzRegression, CommaInsidePlainScalarIsFine) {
  const std::string message = parse_within("name: Salon, Samara\n");
  EXPECT_EQ(message.find("not valid YAML"), std::string::npos) << message;
}

// ---- found by fuzz/hunt.py (issue 9 §4): accepted by check but failing to run,
// or failing with an internal message.

// A truncation that cuts nothing keeps the exact moments: {beta: [0.001, 1000],
// min: 0} used to integrate a density that overflows near 0 and failed with
// Boost's tanh_sinh message (exit 1), at `check` already.
TEST(HuntRegression, TruncationThatCutsNothingKeepsTheExactMoments) {
  const Distribution beta = Distribution::beta(1e-3, 1e3);
  for (const auto& [lo, hi] : {std::pair{0.0, 1.0}, {0.0, Distribution::kInf}, {-5.0, 1.0}}) {
    const Distribution t = beta.truncated(lo, hi);
    EXPECT_DOUBLE_EQ(t.mean(), 1e-3 / (1e-3 + 1e3));  // alpha / (alpha + beta)
    EXPECT_DOUBLE_EQ(t.variance(), beta.variance());
    EXPECT_DOUBLE_EQ(t.truncated_mass(), 1.0);
  }
  const Distribution normal =
      Distribution::normal(3.0, 2.0).truncated(-Distribution::kInf, Distribution::kInf);
  EXPECT_DOUBLE_EQ(normal.mean(), 3.0);
  const std::string text =
      "baseline: {leads_per_month: 120, booking_conversion: {beta: [1e-3, 1e3], min: 0}, "
      "average_check: 2000}\ncosts: {implementation: 50000}\n";
  ASSERT_EQ(parse_within(text), "");
  EXPECT_EQ(fuzz::simulate_accepted(parse_scenario(text, "hunt.yaml")), "");
}

// A real truncation of such a density is refused at load, exit 2, naming the
// distribution (tests/data/bad/77-*), not with Boost's words.
TEST(HuntRegression, TooConcentratedTruncationIsADiagnostic) {
  const std::string message = parse_within(
      "baseline: {leads_per_month: 120, booking_conversion: {beta: [1e-3, 1e3], max: 0.0001}, "
      "average_check: 2000}\ncosts: {implementation: 50000}\n");
  EXPECT_NE(message.find("fuzz.yaml:1:"), std::string::npos) << message;
  EXPECT_NE(message.find("too concentrated to compute in double precision"), std::string::npos)
      << message;
  EXPECT_EQ(message.find("tanh_sinh"), std::string::npos) << message;
}

// baseline.first_visit_check: 1e308 passed check and every run overflowed
// (exit 1, "run 0 produced a non-finite result"): the bound on a month's
// extra visits now takes the first-visit check too (tests/data/bad/76-*).
TEST(HuntRegression, AstronomicalFirstVisitCheckIsRefusedAtLoad) {
  const std::string message = parse_within(
      "baseline: {leads_per_month: 120, booking_conversion: 0.3, average_check: 2000, "
      "first_visit_check: 1e308}\ncosts: {implementation: 50000}\n");
  EXPECT_NE(message.find("baseline.first_visit_check: the value of a month's extra visits can "
                         "reach about"),
            std::string::npos)
      << message;
  // 1e90 is far from overflowing and runs.
  const std::string text =
      "baseline: {leads_per_month: 120, booking_conversion: 0.3, average_check: 2000, "
      "first_visit_check: 1e90}\ncosts: {implementation: 50000}\n";
  ASSERT_EQ(parse_within(text), "");
  EXPECT_EQ(fuzz::simulate_accepted(parse_scenario(text, "hunt.yaml")), "");
}

// booking_conversion: {beta: [1e300, 1e300]} with a correlation passed check
// and every run failed ("run 0 produced a non-finite result"): Boost's beta
// inverse returns NaN for shapes near 1e50 and above, throws for tail
// probabilities below about 1e-100 whatever the shape, and takes over 10 us
// a call above a million. Shapes above a million are refused at load (a rate
// that sure is a fixed value); below it, the quantile falls back to bisection
// (distribution_test.cpp, BetaQuantile.*), so every accepted shape runs under
// a correlation and under Latin hypercube.
TEST(HuntRegression, AstronomicalBetaShapeIsRefusedAtLoad) {
  const std::string message = parse_within(
      "baseline: {leads_per_month: 200, booking_conversion: {beta: [1e300, 1e300]}, "
      "average_check: 1500}\nassistant: {lead_growth: {uniform: [0.1, 0.4]}}\n"
      "costs: {implementation: 30000, monthly: 5000}\n"
      "correlations: [[lead_growth, booking_conversion, 0.5]]\n");
  EXPECT_NE(message.find("fuzz.yaml:1:"), std::string::npos) << message;
  EXPECT_NE(message.find("baseline.booking_conversion: beta parameter alpha = 1e+300 is too "
                         "large (at most 1000000)"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("write the rate itself, 0.5"), std::string::npos) << message;
}

TEST(HuntRegression, ExtremeBetaShapesRunCorrelatedAndUnderLatinHypercube) {
  for (const char* shape : {"[1e-300, 1e-300]", "[1e-300, 5]", "[5, 1e-300]", "[1e-5, 1e6]",
                            "[1e6, 1e6]", "[1e6, 1e-9]", "[0.001, 0.001]",
                            "[3.1622776601683795, "
                            "3.1622776601683795]"}) {
    for (const char* sampling : {"monte_carlo", "latin_hypercube"}) {
      const std::string text =
          std::string("baseline: {leads_per_month: 200, booking_conversion: {beta: ") + shape +
          "}, average_check: 1500, gross_margin: 50%}\n"
          "assistant: {lead_growth: {uniform: [0.1, 0.4]}}\n"
          "costs: {implementation: 30000, monthly: 5000}\n"
          "correlations: [[lead_growth, booking_conversion, 0.5]]\n"
          "simulation: {sampling: " +
          sampling + "}\n";
      ASSERT_EQ(parse_within(text), "") << shape;
      EXPECT_EQ(fuzz::simulate_accepted(parse_scenario(text, "hunt.yaml")), "")
          << shape << " " << sampling;
    }
  }
}

// economics.discount_rate_annual: {lognormal: [1e-300, 1e300], min: 0} passed
// check and run 44 failed ("non-finite result", fuzz/hunt.py): a sigma of 420
// in log space draws +inf in 4.6 % of runs, and the samplers' tables turned
// some into NaN. A normal, lognormal or min-max range whose rare draws (37.5
// standard deviations out: tail probabilities down to 1e-300) would overflow
// is now refused at load (tests/data/bad/79).
TEST(HuntRegression, DistributionsWhoseDrawsOverflowAreRefusedAtLoad) {
  const std::string head =
      "baseline: {leads_per_month: 120, booking_conversion: 0.3, average_check: 2000, "
      "gross_margin: 0.5}\ncosts: {implementation: 50000}\neconomics: {discount_rate_annual: ";
  struct Case {
    const char* dist;
    const char* message;  // "" = accepted and runs
  };
  for (const Case c : {
           Case{"{lognormal: [1e-300, 1e300], min: 0}}", "lognormal [1e-300, 1e+300] is too wide"},
           Case{"{lognormal: [1, 1e27]}}", "lognormal [1, 1e+27] is too wide"},
           Case{"{lognormal: [1, 1e25]}}", ""},
           Case{"{normal: [0, 1e307], min: 0}}", "the standard deviation 1e+307 is too large"},
           Case{"{normal: [0, 1e306], min: 0}}", ""},
           Case{"{triangular: [-1e308, 0, 1e308], min: 0}}",
                "the range from -1e+308 to 1e+308 is too wide"},
           Case{"{uniform: [0, 1.7e308]}}", ""},
       }) {
    const std::string text = head + c.dist + "\n";
    const std::string message = parse_within(text);
    if (*c.message == '\0') {
      ASSERT_EQ(message, "") << c.dist;
      EXPECT_EQ(fuzz::simulate_accepted(parse_scenario(text, "hunt.yaml")), "") << c.dist;
    } else {
      EXPECT_NE(message.find(std::string("economics.discount_rate_annual: ") + c.message),
                std::string::npos)
          << c.dist << " -> " << message;
      EXPECT_NE(message.find("fuzz.yaml:3:"), std::string::npos) << message;
    }
  }
}

}  // namespace
}  // namespace simroi
