// The decision commands from the command line (src/app/decide.h), against
// answers known in closed form (docs/decisions.md, "Known answers").
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <string>

#include "binary_fixture.h"

namespace simroi::testing {
namespace {

const std::string kSalon = std::string(SIMROI_SOURCE_DIR) + "/scenarios/salon.yaml";
const std::string kSeed = std::string(SIMROI_SOURCE_DIR) + "/scenarios/seed-example.yaml";

class Decide : public BinaryTest {
 public:
  nlohmann::json json_of(const std::string& args) const {
    const Result r = run(args + " -f json");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return nlohmann::json::parse(r.out);
  }
  static const nlohmann::json& row(const nlohmann::json& doc, const std::string& section,
                                   const std::string& key) {
    for (const auto& s : doc["sections"]) {
      if (s["key"] != section) continue;
      for (const auto& r : s["rows"]) {
        if (r["key"] == key) return r;
      }
    }
    static const nlohmann::json none;
    ADD_FAILURE() << "no row " << key << " in " << section;
    return none;
  }
};

// The article's example with every input fixed but costs.monthly ~ U(a, b),
// no discounting: NPV = 12 (26 250 - M) - I = 315 000 - 12 M - I, so
// P(NPV < 0) = P(M > (315 000 - I) / 12) <= 10 % exactly when
// (315 000 - I) / 12 >= the P90 of M, i.e. I <= 315 000 - 12 P90. The goal
// seek's band (where the 95 % interval of the run share straddles 10 %) must
// contain it, and be narrow: at 10^5 runs the share's sd is 0.1 %, 60 ₽ of M
// or 720 ₽ of I.
void expect_closed_form_break_even(const Decide& test, double a, double b) {
  const auto doc = test.json_of(
      fmt::format("solve '{}' -n 100000 --set 'costs.monthly={{uniform: [{}, {}]}}' --vary "
                  "costs.implementation --target 'P(npv<0) <= 10%'",
                  kSeed, a, b));
  const auto& v = Decide::row(doc, "answer", "value");
  const double exact = 315000 - 12 * (a + 0.9 * (b - a));
  const double value = v["value"], low = v["low"], high = v["high"];
  EXPECT_LE(low, exact);
  EXPECT_GE(high, exact);
  EXPECT_NEAR(value, exact, 3000);  // ~4 sd of the share, in ₽ of I
  EXPECT_LT(high - low, 6000);      // the band is the MC error, not the search
  const auto& at = Decide::row(doc, "answer", "statistic");
  EXPECT_NEAR(static_cast<double>(at["value"]), 0.10, 0.004);
}

// M ~ U(2000, 8000): I <= 315 000 - 12 * 7 400 = 226 200.
TEST_F(Decide, SolveFindsTheClosedFormBreakEven) {
  expect_closed_form_break_even(*this, 2000, 8000);
}

// M ~ U(0, 6000): at a setup cost of 0 the total cost can be 0, so the valid
// range of costs.implementation is open at 0. The goal seek failed there
// ("the total cost can be 0", blaming the file); it must start a hair inside
// and find I <= 315 000 - 12 * 5 400 = 250 200.
TEST_F(Decide, SolveWhereTheRangeIsOpenAtZeroCost) {
  expect_closed_form_break_even(*this, 0, 6000);
}

// A sweep point that makes the scenario invalid names the --vary options and
// the value, not the file alone.
TEST_F(Decide, SweepPointThatMakesTheScenarioInvalidNamesTheOption) {
  const Result r = run(fmt::format(
      "sweep '{}' -n 200 --set costs.monthly=0 --vary costs.implementation=0:100000:3", kSeed));
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("seed-example.yaml: --vary costs.implementation at 0: costs: the total "
                       "cost can be 0"),
            std::string::npos)
      << r.err;
}

TEST_F(Decide, SolveSaysWhenTheTargetCannotBeReached) {
  // No setup cost, however low, makes a loss impossible when the monthly fee
  // alone can exceed the whole gain.
  const Result r =
      run(fmt::format("solve '{}' -n 20000 --set 'costs.monthly={{uniform: [2000, 30000]}}' --vary "
                      "costs.implementation --target 'P(npv<0) <= 10%'",
                      kSeed));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Not reachable"), std::string::npos) << r.out;
}

// The monthly fee's range is open upwards; P5 of NPV only falls as the fee
// rises, so no fee reaches NPV >= 0 in 95 % of runs when the lowest does
// not. The search doubled towards +infinity 40 times (to 2e16 RUB, 19 s,
// 4.2 million runs) before saying so; it now stops once the statistic has
// moved away from the target beyond both Monte Carlo intervals, and says
// the range is open.
TEST_F(Decide, SolveStopsWhereTheStatisticMovesAwayFromAnOpenEnd) {
  const std::string args =
      fmt::format("solve '{}' -n 20000 --vary costs.monthly --target 'p5(npv) >= 0'", kSalon);
  const Result r = run(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Not reachable"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("to +∞ gives"), std::string::npos) << r.out;
  const auto doc = json_of(args);
  const std::uint64_t total = doc["facts"]["runs_total"];
  EXPECT_LE(total, 3u * 20000u) << doc["facts"];  // the lowest fee and one or two doublings
  // A target the statistic moves towards keeps doubling until it is crossed.
  const auto found = json_of(fmt::format(
      "solve '{}' -n 20000 --vary costs.monthly --target 'p5(npv) <= -1000000'", kSalon));
  const double fee = row(found, "answer", "value")["value"];
  EXPECT_GT(fee, 23334.0);  // beyond the first doubling of the range
  EXPECT_LT(fee, 1e6);
}

TEST_F(Decide, SolveIsTheSameOnAnyThreadCount) {
  const std::string args = fmt::format(
      "solve '{}' -n 20000 --vary assistant.lead_growth --target 'P(roi<0) <= 10%'", kSalon);
  const Result one = run(args + " -j 1 -f json");
  const Result two = run(args + " -j 2 -f json");
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_EQ(one.out, two.out);
}

// EVPI of a two-point setup cost, by hand: I is 100 000 or 400 000 ₽ with
// probability 1/2 each, NPV = 255 000 - I is +155 000 or -145 000, E[NPV] =
// 5 000 > 0, so EVPI = E[max(-NPV, 0)] = 72 500 ₽. The estimate is 145 000
// times the share of runs drawing 400 000: its se is 145 000 / (2 sqrt(n)).
TEST_F(Decide, VoiGivesTheEvpiOfATwoPointDistributionByHand) {
  const auto doc = json_of(fmt::format(
      "voi '{}' -n 100000 --set 'costs.implementation={{discrete: {{values: [100000, 400000], "
      "weights: [0.5, 0.5]}}}}'",
      kSeed));
  const auto& e = row(doc, "evpi", "evpi");
  const double se = 145000 / (2 * std::sqrt(100000.0));
  EXPECT_NEAR(static_cast<double>(e["value"]), 72500, 4 * se);
  EXPECT_NEAR(static_cast<double>(e["se"]), se, 0.05 * se);
  // The only uncertain input carries all of it.
  const auto& x = row(doc, "evppi", "costs.implementation");
  EXPECT_NEAR(static_cast<double>(x["value"]), static_cast<double>(e["value"]), 4 * se);
}

// Common random numbers: neighbouring values of a sweep differ by far less
// than the Monte Carlo error of either, since every row has the same draws.
TEST_F(Decide, SweepNeighboursDifferByLessThanTheirMonteCarloError) {
  const auto doc = json_of(fmt::format(
      "sweep '{}' -n 20000 --vary assistant.no_show_reduction=0.2:0.22:5 --stat 'mean(roi)'",
      kSalon));
  const auto& rows = doc["sections"][0]["rows"];
  ASSERT_EQ(rows.size(), 5U);
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const double a = rows[i - 1]["mean(roi)"], b = rows[i]["mean(roi)"];
    const double pm = rows[i]["mean(roi) ±"];
    EXPECT_GT(b, a);  // monotone: more no-shows avoided, more ROI
    // Less than the standard error of either (half the 95 % interval / 1.96):
    // with independent draws the difference would have a sd of ~1.4 se.
    EXPECT_LT(b - a, pm / 1.96) << i;
    EXPECT_LT(b - a, static_cast<double>(rows[i - 1]["mean(roi) ±"]) / 1.96) << i;
  }
}

TEST_F(Decide, SweepGridOfTwoInputsWithChart) {
  const std::string out = (dir_ / "sweep").string();
  const Result r =
      run(fmt::format("sweep '{}' -n 5000 --vary costs.implementation=40000,80000 --vary "
                      "costs.monthly=17000:25000:3 "
                      "--out '{}' -f csv",
                      kSalon, out));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("sweep,\"80000,25000\",costs.implementation,80000"), std::string::npos)
      << r.out;
  const std::string svg = slurp(dir_ / "sweep" / "sweep.svg");
  EXPECT_NE(svg.find("<svg"), std::string::npos);
}

// How many times `needle` occurs in `hay`.
std::size_t occurrences(const std::string& hay, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) ++n;
  return n;
}

// sweep --out writes its chart as the main report writes its charts: SVG, PNG
// and PDF, with the statistic's 95 % interval as a translucent band behind
// the line (the band and its legend swatch: the two fills at opacity 0.35).
TEST_F(Decide, SweepOutWritesTheChartAsSvgPngAndPdfWithTheIntervalBand) {
  const std::string out = (dir_ / "sweep1").string();
  const Result r = run(fmt::format(
      "sweep '{}' -n 2000 --vary costs.implementation=20000:120000:6 --out '{}'", kSalon, out));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("wrote 6 files"), std::string::npos) << r.err;
  const std::string png = slurp(dir_ / "sweep1" / "sweep.png");
  ASSERT_GT(png.size(), 20000U);
  EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  const std::string pdf = slurp(dir_ / "sweep1" / "sweep.pdf");
  ASSERT_GT(pdf.size(), 5000U);
  EXPECT_EQ(pdf.substr(0, 5), "%PDF-");
  const std::string svg = slurp(dir_ / "sweep1" / "sweep.svg");
  EXPECT_NE(svg.find("<svg"), std::string::npos);
  EXPECT_EQ(occurrences(svg, "fill-opacity:0.35"), 2U);
}

// With two inputs a band per line, in the line's colour (opacity 0.22), and
// one grey legend swatch for them all.
TEST_F(Decide, SweepOfTwoInputsDrawsABandPerLine) {
  const std::string out = (dir_ / "sweep2").string();
  const Result r =
      run(fmt::format("sweep '{}' -n 2000 --vary costs.implementation=20000:120000:3 --vary "
                      "costs.monthly=12000,18000,24000 --out '{}'",
                      kSalon, out));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string svg = slurp(dir_ / "sweep2" / "sweep.svg");
  EXPECT_EQ(occurrences(svg, "fill-opacity:0.22"), 4U);
}

// The Russian decision outputs name the input and the statistic as a person
// does; the scenario keys stay in the machine formats only.
TEST_F(Decide, RussianSweepAndSolveNameTheInputNotItsKey) {
  const Result sweep = run(fmt::format(
      "sweep '{}' -n 2000 --vary costs.implementation=20000,60000 --stat 'mean(roi),P(payback<=6)' "
      "--lang ru",
      kSalon));
  ASSERT_EQ(sweep.exit_code, 0) << sweep.err;
  EXPECT_NE(sweep.out.find("Стоимость внедрения (разовая)"), std::string::npos) << sweep.out;
  EXPECT_NE(sweep.out.find("средний ROI"), std::string::npos) << sweep.out;
  EXPECT_NE(sweep.out.find("P(срок окупаемости ≤ 6 месяцев)"), std::string::npos) << sweep.out;
  EXPECT_EQ(sweep.out.find("costs.implementation"), std::string::npos) << sweep.out;
  EXPECT_EQ(sweep.out.find("mean(roi)"), std::string::npos) << sweep.out;
  EXPECT_EQ(sweep.out.find("payback"), std::string::npos) << sweep.out;

  const Result solve = run(fmt::format(
      "solve '{}' -n 5000 --vary costs.implementation --target 'P(payback<=6) >= 90%' --lang ru",
      kSalon));
  ASSERT_EQ(solve.exit_code, 0) << solve.err;
  EXPECT_NE(solve.out.find("«Стоимость внедрения (разовая)»"), std::string::npos) << solve.out;
  EXPECT_NE(solve.out.find("P(срок окупаемости ≤ 6 месяцев) ≥ 90\u00a0%"), std::string::npos)
      << solve.out;
  EXPECT_EQ(solve.out.find("costs.implementation"), std::string::npos) << solve.out;
  EXPECT_EQ(solve.out.find("payback"), std::string::npos) << solve.out;
  // The note keeps the key the user typed, but the distribution is in Russian.
  EXPECT_NE(solve.err.find("логнормальное(35\u00a0000; 220\u00a0000)"), std::string::npos)
      << solve.err;
}

// In English the input's name is lowercase inside a sentence and keeps its
// capital where it starts a title or a table cell.
TEST_F(Decide, EnglishSentencesNameTheInputInLowercase) {
  const Result solve = run(fmt::format(
      "solve '{}' -n 5000 --vary costs.implementation --target 'P(payback<=6) >= 90%'", kSalon));
  ASSERT_EQ(solve.exit_code, 0) << solve.err;
  EXPECT_NE(solve.out.find("The largest implementation cost (one-time) with P(payback ≤ 6 "
                           "months) ≥ 90"),
            std::string::npos)
      << solve.out;
  EXPECT_NE(solve.out.find("moves only with implementation cost (one-time);"), std::string::npos)
      << solve.out;
  EXPECT_NE(solve.out.find("Goal seek: Implementation cost (one-time) for"), std::string::npos)
      << solve.out;
  EXPECT_NE(solve.out.find("Implementation cost (one-time) at the boundary"), std::string::npos)
      << solve.out;
  const Result sweep =
      run(fmt::format("sweep '{}' -n 2000 --vary assistant.lead_growth=0.1,0.2", kSalon));
  ASSERT_EQ(sweep.exit_code, 0) << sweep.err;
  EXPECT_NE(sweep.out.find("Sweep of lead growth"), std::string::npos) << sweep.out;
}

TEST_F(Decide, BadOptionsAreExit2NamingTheOption) {
  const Result target =
      run(fmt::format("solve '{}' --vary costs.implementation --target 'P(roi<0)'", kSalon));
  EXPECT_EQ(target.exit_code, 2);
  EXPECT_NE(target.err.find("--target P(roi<0):"), std::string::npos) << target.err;
  const Result vary = run(fmt::format("sweep '{}' --vary costs.implementation=1:2", kSalon));
  EXPECT_EQ(vary.exit_code, 2);
  EXPECT_NE(vary.err.find("--vary costs.implementation=1:2:"), std::string::npos) << vary.err;
  const Result key =
      run(fmt::format("solve '{}' --vary costs.nothing --target 'mean(roi) >= 0'", kSalon));
  EXPECT_EQ(key.exit_code, 2);
  EXPECT_NE(key.err.find("--vary costs.nothing: unknown input"), std::string::npos) << key.err;
  const Result weeks = run(fmt::format("pilot '{}' --weeks 2,x", kSalon));
  EXPECT_EQ(weeks.exit_code, 2);
  EXPECT_NE(weeks.err.find("--weeks 2,x:"), std::string::npos) << weeks.err;
  const Result range =
      run(fmt::format("sweep '{}' --vary assistant.no_show_reduction=0.1,0.2", kSalon));
  EXPECT_EQ(range.exit_code, 2);
  EXPECT_NE(range.err.find("--vary assistant.no_show_reduction=0.1,0.2: 10.00"), std::string::npos)
      << range.err;
}

// EVSI of a conjugate beta-binomial pilot from the command line: the article's
// example (no no-shows, no discounting) with the conversion after the
// assistant c ~ Beta(6, 14) and a setup of 930 000 ₽, so that
// NPV = 12 * 1500 * (250 c - 20) - 12 * 5000 - 930 000 = -1 350 000 + 4 500 000 c
// (prior mean 0). A 0.7-week pilot sees leads ~ Poisson(250 * 0.7 / 4.345)
// and bookings ~ Binomial(leads, c); E[c | L, k] = (6 + k) / (20 + L), so
// EVSI = sum_L Pois(L) sum_k BetaBin(k; L, 6, 14) max(A + B (6 + k) / (20 + L), 0).
TEST_F(Decide, PilotAgreesWithTheConjugateBetaBinomialClosedForm) {
  const double a = 6, b = 14, lambda = 250 * 0.7 / 4.345, A = -1.35e6, B = 4.5e6;
  const auto log_beta = [](double x, double y) {
    return std::lgamma(x) + std::lgamma(y) - std::lgamma(x + y);
  };
  double exact = 0;
  for (int L = 0; L <= 250; ++L) {
    const double pois = std::exp(L * std::log(lambda) - lambda - std::lgamma(L + 1.0));
    for (int k = 0; k <= L; ++k) {
      const double bb =
          std::exp(std::lgamma(L + 1.0) - std::lgamma(k + 1.0) - std::lgamma(L - k + 1.0) +
                   log_beta(k + a, L - k + b) - log_beta(a, b));
      exact += pois * bb * std::max(A + B * (a + k) / (a + b + L), 0.0);
    }
  }
  exact -= std::max(A + B * a / (a + b), 0.0);
  ASSERT_GT(exact, 100000.0);  // worth testing: the pilot is worth ~148 000 ₽
  const auto doc = json_of(fmt::format(
      "pilot '{}' --weeks 0.7 --set 'assistant.booking_conversion_after={{beta: [6, 14]}}' "
      "--set costs.implementation=930000",
      kSeed));
  const auto& r = row(doc, "evsi", "0.7");
  const double evsi = r["evsi"], se = r["se"];
  // 4 se of the 4 000 simulated pilots, plus 3 % for the importance-weight
  // posterior of a 20 000-run (not stratified) prior sample, biased upwards.
  EXPECT_NEAR(evsi, exact, 4 * se + 0.03 * exact) << "se " << se;
  // The rule: adopt when the posterior mean of c, about the pilot's
  // conversion, reaches 0.3 (where NPV turns positive).
  EXPECT_NEAR(static_cast<double>(r["rule"]), 0.3, 0.02);
}

TEST_F(Decide, PilotReportsEveryLengthWithItsError) {
  const auto doc = json_of(fmt::format("pilot '{}' -n 4000 --weeks 2,8 --cost 20000", kSalon));
  const auto& two = row(doc, "evsi", "2");
  const auto& eight = row(doc, "evsi", "8");
  EXPECT_GE(static_cast<double>(two["evsi"]), 0.0);
  EXPECT_GT(static_cast<double>(eight["se"]), 0.0);
  // A longer pilot sees more data: it is worth at least as much, within the errors.
  EXPECT_GT(static_cast<double>(eight["evsi"]) + 3 * static_cast<double>(eight["se"]),
            static_cast<double>(two["evsi"]));
}

}  // namespace
}  // namespace simroi::testing

namespace simroi::testing {
namespace {

// --precision doubles the runs from 10 000 until every chosen interval is
// within its half-width: deterministic, the runs it reports are the report's,
// and half of them would not have been enough.
TEST_F(Decide, PrecisionStopsAtTheFirstRunCountThatMeetsTheTarget) {
  const std::string args =
      fmt::format("'{}' --precision 'median(roi)=2,P(roi<0)=0.5%' -f json", kSalon);
  const Result a = run(args);
  const Result b = run(args + " -j 1");
  ASSERT_EQ(a.exit_code, 0) << a.err;
  EXPECT_EQ(a.out, b.out);
  const auto doc = nlohmann::json::parse(a.out);
  const std::uint64_t runs = doc["runs"];
  // "reached with 160 000 runs" (thousands grouped): its digits are the report's runs.
  const std::size_t at = a.err.find("reached with ");
  ASSERT_NE(at, std::string::npos) << a.err;
  std::string digits;
  for (std::size_t k = at + 13; k < a.err.size() && a.err.compare(k, 5, " runs") != 0; ++k) {
    if (a.err[k] >= '0' && a.err[k] <= '9') digits += a.err[k];
  }
  EXPECT_EQ(digits, std::to_string(runs)) << a.err;
  EXPECT_EQ(runs % 10000, 0U);
  ASSERT_GT(runs, 10000U);
  const Result half =
      run(fmt::format("'{}' --precision 'median(roi)=2,P(roi<0)=0.5%' -n {}", kSalon, runs / 2));
  EXPECT_NE(half.err.find("not reached at the cap"), std::string::npos) << half.err;
  const Result bad = run(fmt::format("'{}' --precision 'median(roi)=x'", kSalon));
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--precision median(roi)=x:"), std::string::npos) << bad.err;
}

TEST_F(Decide, NoProgressLineWhenStderrIsNotATerminal) {
  const Result r = run(fmt::format("'{}' -n 2000000 -f json", kSalon));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err.find('\r'), std::string::npos);
}

}  // namespace
}  // namespace simroi::testing

namespace simroi::testing {
namespace {

TEST_F(Decide, VoiAndPilotAreTheSameOnAnyThreadCount) {
  for (const std::string& args :
       {fmt::format("voi '{}' -n 20000", kSalon),
        fmt::format("pilot '{}' -n 5000 --weeks 2,4", kSalon),
        fmt::format("sweep '{}' -n 5000 --vary costs.implementation=40000,80000", kSalon)}) {
    const Result one = run(args + " -j 1 -f json");
    const Result two = run(args + " -j 2 -f json");
    ASSERT_EQ(one.exit_code, 0) << one.err;
    EXPECT_EQ(one.out, two.out) << args;
  }
}

// The file may come after the options; each --vary takes one value.
TEST_F(Decide, FileAfterRepeatedVaryOptions) {
  const Result r = run(fmt::format(
      "sweep --vary costs.per_lead=6,8 --vary costs.implementation=40000,80000 '{}' -n 2000",
      kSalon));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const Result s = run(fmt::format(
      "solve --vary costs.monthly --target 'median(roi) >= 0' '{}' -n 2000 --set costs.per_lead=2",
      kSalon));
  EXPECT_EQ(s.exit_code, 0) << s.err;
}

TEST_F(Decide, HelpListsTheDecisionCommandsAndOptions) {
  const Result r = run("--help");
  EXPECT_EQ(r.exit_code, 0);
  for (const char* word : {"solve", "sweep", "voi", "pilot", "--set", "--precision"}) {
    EXPECT_NE(r.out.find(word), std::string::npos) << word;
  }
  const Result s = run("solve --help");
  EXPECT_NE(s.out.find("--target"), std::string::npos) << s.out;
}

}  // namespace
}  // namespace simroi::testing
