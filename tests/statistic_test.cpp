// The statistic grammar of sweep, solve and --precision
// (include/simroi/analysis/statistic.h).
#include "simroi/analysis/statistic.h"

#include <gtest/gtest.h>

namespace simroi {
namespace {

Statistic stat(std::string_view text) {
  Text error;
  const auto s = parse_statistic(text, error);
  EXPECT_TRUE(s.has_value()) << text << ": " << error.english();
  return s.value_or(Statistic{});
}

Target target(std::string_view text) {
  Text error;
  const auto t = parse_target(text, error);
  EXPECT_TRUE(t.has_value()) << text << ": " << error.english();
  return t.value_or(Target{});
}

std::string refused(std::string_view text, bool as_target = false) {
  Text error;
  const bool ok =
      as_target ? parse_target(text, error).has_value() : parse_statistic(text, error).has_value();
  EXPECT_FALSE(ok) << text;
  return error.english();
}

TEST(Statistic, ParsesEveryKind) {
  const Statistic p = stat("P(payback<=6)");
  EXPECT_EQ(p.kind, Statistic::Kind::probability);
  EXPECT_EQ(p.metric, Metric::payback);
  EXPECT_EQ(p.compare, Compare::less_equal);
  EXPECT_EQ(p.threshold, 6);
  EXPECT_EQ(stat("median(roi)").percentile, 50);
  EXPECT_EQ(stat("p97.5(npv)").percentile, 97.5);
  EXPECT_EQ(stat("p97.5(npv)").metric, Metric::npv);
  EXPECT_EQ(stat("mean(net)").kind, Statistic::Kind::mean);
  EXPECT_EQ(stat("es(roi)").kind, Statistic::Kind::shortfall);
  EXPECT_EQ(stat(" P ( roi < 0 ) ").compare, Compare::less);
  EXPECT_EQ(stat("P(roi ≥ 50%)").threshold, 50);  // ROI percent stays in points
  EXPECT_EQ(stat("P(npv > 100000 ₽)").threshold, 100000);
  EXPECT_EQ(stat("P(roi < \u22125)").threshold, -5);  // typographic minus
}

TEST(Statistic, CanonicalSpellingReadsBack) {
  for (const auto* text : {"P(payback <= 6)", "p90(roi)", "mean(npv)", "es(net)", "p2.5(roi)"}) {
    EXPECT_EQ(to_string(stat(text)), text);
  }
}

TEST(Target, PercentIsAProbabilityOrROIPoints) {
  const Target t = target("P(payback<=6) >= 90%");
  EXPECT_EQ(t.compare, Compare::greater_equal);
  EXPECT_DOUBLE_EQ(t.value, 0.9);
  EXPECT_DOUBLE_EQ(target("P(roi<0) <= 0.1").value, 0.1);
  EXPECT_DOUBLE_EQ(target("median(roi) >= 50%").value, 50.0);
  EXPECT_DOUBLE_EQ(target("median(roi)>=0").value, 0.0);
  EXPECT_DOUBLE_EQ(target("mean(npv) >= 1e5").value, 1e5);
}

TEST(Target, MistakesAreNamed) {
  EXPECT_NE(refused("P(roi<0) <= 120%", true).find("between 0 and 1"), std::string::npos);
  EXPECT_NE(refused("P(payback<=6)", true).find("expected a comparison"), std::string::npos);
  EXPECT_NE(refused("median(profit)").find("unknown metric 'profit'"), std::string::npos);
  EXPECT_NE(refused("p100(roi)").find("not a percentile"), std::string::npos);
  EXPECT_NE(refused("max(roi)").find("unknown statistic 'max'"), std::string::npos);
  EXPECT_NE(refused("P(payback <= 6%)").find("percent sign fits only"), std::string::npos);
  EXPECT_NE(refused("es(payback)").find("not payback"), std::string::npos);
  EXPECT_NE(refused("median(roi) extra").find("unexpected text"), std::string::npos);
  EXPECT_NE(refused("P(roi<0) >= 0.9 x", true).find("unexpected text"), std::string::npos);
  EXPECT_NE(refused("").find("not a statistic"), std::string::npos);
}

TEST(Compare, Holds) {
  EXPECT_TRUE(holds(1, Compare::less_equal, 1));
  EXPECT_FALSE(holds(1, Compare::less, 1));
  EXPECT_TRUE(holds(2, Compare::greater, 1));
  EXPECT_TRUE(holds(1, Compare::greater_equal, 1));
}

}  // namespace
}  // namespace simroi
