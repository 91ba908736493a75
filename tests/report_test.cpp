// Reporters on hand-made SimulationResults. The reference numbers are the
// article's worked example (spec/model.md, "The article's example"): with
// every input fixed, every run gives ROI 250 %, net profit 225 000 ₽,
// payback 24/17 ≈ 1.4118 months, K_t = -8 750 + 21 250 (t - 1).
#include "simroi/report/report.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "simroi/engine/engine.h"
#include "simroi/report/document.h"
#include "simroi/report/format.h"
#include "simroi/scenario/scenario.h"
#include "simroi/stats/statistics.h"

namespace simroi {

namespace detail {
// tests/data/i18n/ru.po, built into the tests (see text_test.cpp).
std::vector<MoFile> test_mo_files();
}  // namespace detail

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
const std::vector<double> kPs{5, 10, 25, 50, 75, 90, 95};

std::vector<PercentileEstimate> flat(const std::vector<double>& ps, double v) {
  std::vector<PercentileEstimate> out;
  for (const double p : ps) out.push_back({p, v, v, v, 0});
  return out;
}

SimulationResults article() {
  SimulationResults r;
  r.scenario_name = "Салон красоты, Самара";
  r.business = "salon";
  r.file = "scenarios/article.yaml";
  r.currency = "RUB";
  r.runs = 100000;
  r.seed = 42;
  r.horizon_months = 12;
  r.percentiles = kPs;
  r.roi_pct = {250, 0, 0, 250, 250, flat(kPs, 250)};
  r.prob_roi_below_zero = {0, 0};
  r.net_profit = {225000, 0, 0, 225000, 225000, flat(kPs, 225000)};
  r.npv = r.net_profit;
  r.payback.percentiles = flat(kPs, 24.0 / 17.0);
  for (const int m : {3, 6, 12}) r.payback.within.push_back({m, Probability{1, 0}});
  r.payback.never_within_horizon = {0, 0};
  for (int t = 1; t <= 12; ++t) {
    MonthFan f;
    f.month = t;
    f.cumulative_net = flat({5, 25, 50, 75, 95}, -8750 + 21250.0 * (t - 1));
    r.monthly.push_back(f);
  }
  r.method.sensitivity_runs = r.runs;
  return r;
}

// Uncertain: spread percentiles, a censored payback tail, a 6-month horizon,
// sensitivity and a correlation.
SimulationResults uncertain() {
  SimulationResults r = article();
  r.scenario_name = "Clinic, \"north\" branch";
  r.business = "clinic";
  r.horizon_months = 6;
  r.percentiles = {2.5, 50, 95};
  r.roi_pct = {40.5, 80.25, 0.25, -150, 400, {}};
  r.roi_pct.percentiles = {
      {2.5, -60, -62, -58, 1.02}, {50, 35.5, 35, 36, 0.26}, {95, 210, 207, 213, 1.53}};
  r.prob_roi_below_zero = {0.25, 0.00137};
  r.net_profit.percentiles = flat(r.percentiles, 1234567.5);
  r.npv.percentiles = flat(r.percentiles, -1000);
  r.payback.percentiles = {
      {2.5, 2.0, 1.9, 2.1, 0.05}, {50, 4.5, 4.4, 4.6, 0.05}, {95, kInf, 5.9, kInf, kInf}};
  r.payback.within = {
      {3, Probability{0.2, 0.001}}, {6, Probability{0.7, 0.0014}}, {12, std::nullopt}};
  r.payback.never_within_horizon = {0.3, 0.0014};
  r.monthly.resize(6);
  r.sensitivity = {{Input::lead_growth, 0.62, 0.002}, {Input::average_check, -0.31, 0.003}};
  r.correlations = {{Input::lead_growth, Input::booking_conversion_uplift, 0.4, 0.398}};
  r.method.sampling = Sampling::latin_hypercube;
  return r;
}

std::string render(Format f, const SimulationResults& r) {
  std::ostringstream out;
  make_reporter(f)->report(out, r);
  return out.str();
}

std::string render_compare(Format f, const std::vector<SimulationResults>& all) {
  std::ostringstream out;
  make_reporter(f)->compare(out, all);
  return out.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(Format, ParseAndPrintRoundTrip) {
  for (const Format f : {Format::table, Format::markdown, Format::csv, Format::json}) {
    EXPECT_EQ(parse_format(to_string(f)), f);
  }
  EXPECT_FALSE(parse_format("xml"));
  EXPECT_FALSE(parse_format(""));
}

TEST(JsonReport, SchemaFieldsOfTheArticleExample) {
  const auto j = nlohmann::json::parse(render(Format::json, article()));
  EXPECT_EQ(j["schema"], "simroi.report/2");
  EXPECT_EQ(j["scenario"]["name"], "Салон красоты, Самара");
  EXPECT_EQ(j["scenario"]["business"], "salon");
  EXPECT_EQ(j["scenario"]["file"], "scenarios/article.yaml");
  EXPECT_EQ(j["runs"], 100000);
  EXPECT_EQ(j["seed"], 42);
  EXPECT_EQ(j["horizon_months"], 12);
  EXPECT_EQ(j["currency"], "RUB");
  const auto& roi = j["metrics"]["roi_pct"];
  for (const char* key : {"mean", "sd", "min", "max", "percentiles", "prob_below_zero", "mean_se",
                          "percentile_ci95", "percentile_se", "prob_below_zero_se"}) {
    EXPECT_TRUE(roi.contains(key)) << key;
  }
  for (const char* key : {"5", "10", "25", "50", "75", "90", "95"}) {
    EXPECT_DOUBLE_EQ(roi["percentiles"][key].get<double>(), 250.0) << key;
    EXPECT_DOUBLE_EQ(j["metrics"]["net_profit"]["percentiles"][key].get<double>(), 225000.0);
    EXPECT_DOUBLE_EQ(j["metrics"]["npv"]["percentiles"][key].get<double>(), 225000.0);
    EXPECT_NEAR(j["metrics"]["payback_months"]["percentiles"][key].get<double>(), 24.0 / 17.0,
                1e-12);
    EXPECT_EQ(roi["percentile_ci95"][key].size(), 2U);
  }
  EXPECT_FALSE(j["metrics"]["net_profit"].contains("prob_below_zero"));
  const auto& within = j["metrics"]["payback_months"]["prob_within"];
  EXPECT_EQ(within.size(), 3U);
  for (const char* key : {"3", "6", "12"}) EXPECT_DOUBLE_EQ(within[key].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(j["metrics"]["payback_months"]["prob_never_within_horizon"].get<double>(), 0);
  ASSERT_EQ(j["monthly"].size(), 12U);
  EXPECT_EQ(j["monthly"][0]["month"], 1);
  EXPECT_DOUBLE_EQ(j["monthly"][0]["cumulative_net"]["50"].get<double>(), -8750.0);
  EXPECT_DOUBLE_EQ(j["monthly"][11]["cumulative_net"]["95"].get<double>(), 225000.0);
  EXPECT_TRUE(j["monthly"][0].contains("cumulative_net_ci95"));
  EXPECT_TRUE(j["sensitivity"].is_array());
  EXPECT_TRUE(j["correlations"].is_array());
  EXPECT_EQ(j["method"]["sampling"], "monte_carlo");
  EXPECT_EQ(j["method"]["percentiles"], "exact");
  EXPECT_EQ(j["method"]["sensitivity_runs"], 100000);
}

TEST(JsonReport, KeyOrderFollowsTheSchema) {
  const std::string text = render(Format::json, article());
  const auto parsed = nlohmann::ordered_json::parse(text);
  std::vector<std::string> keys;
  for (const auto& [key, value] : parsed.items()) keys.push_back(key);
  const std::vector<std::string> expected{"schema", "scenario", "runs", "seed", "horizon_months",
                                          "currency", "metrics", "monthly", "sensitivity",
                                          "roi_histogram", "inputs", "correlations", "method",
                                          // version 0.2 extensions, after the schema's keys
                                          "gain_by_source", "cash_view", "warnings"};
  EXPECT_EQ(keys, expected);
  EXPECT_EQ(parsed["metrics"]["roi_pct"].begin().key(), "mean");
}

TEST(JsonReport, NullsWhereBeyondTheHorizon) {
  const auto j = nlohmann::json::parse(render(Format::json, uncertain()));
  const auto& pb = j["metrics"]["payback_months"];
  EXPECT_DOUBLE_EQ(pb["percentiles"]["2.5"].get<double>(), 2.0);
  EXPECT_TRUE(pb["percentiles"]["95"].is_null());
  EXPECT_TRUE(pb["percentile_se"]["95"].is_null());
  EXPECT_DOUBLE_EQ(pb["percentile_ci95"]["95"][0].get<double>(), 5.9);
  EXPECT_TRUE(pb["percentile_ci95"]["95"][1].is_null());
  EXPECT_DOUBLE_EQ(pb["prob_within"]["3"].get<double>(), 0.2);
  EXPECT_DOUBLE_EQ(pb["prob_within"]["6"].get<double>(), 0.7);
  EXPECT_TRUE(pb["prob_within"].contains("12"));
  EXPECT_TRUE(pb["prob_within"]["12"].is_null());
  EXPECT_DOUBLE_EQ(pb["prob_never_within_horizon"].get<double>(), 0.3);
  EXPECT_DOUBLE_EQ(j["metrics"]["roi_pct"]["prob_below_zero_se"].get<double>(), 0.00137);
  EXPECT_EQ(j["sensitivity"][0]["input"], "assistant.lead_growth");
  EXPECT_DOUBLE_EQ(j["sensitivity"][0]["spearman"].get<double>(), 0.62);
  EXPECT_DOUBLE_EQ(j["sensitivity"][0]["se"].get<double>(), 0.002);
  EXPECT_EQ(j["correlations"][0]["a"], "assistant.lead_growth");
  EXPECT_EQ(j["correlations"][0]["b"], "assistant.booking_conversion_uplift");
  EXPECT_DOUBLE_EQ(j["correlations"][0]["requested"].get<double>(), 0.4);
  EXPECT_DOUBLE_EQ(j["correlations"][0]["achieved"].get<double>(), 0.398);
  EXPECT_EQ(j["method"]["sampling"], "latin_hypercube");
}

TEST(JsonReport, HorizonAddsItsOwnThreshold) {
  SimulationResults r = article();
  r.horizon_months = 9;
  r.payback.within = {{3, Probability{0.5, 0.01}},
                      {6, Probability{0.6, 0.01}},
                      {12, std::nullopt},
                      {9, Probability{0.7, 0.01}}};
  const auto j = nlohmann::ordered_json::parse(render(Format::json, r));
  const auto& within = j["metrics"]["payback_months"]["prob_within"];
  std::vector<std::string> keys;
  for (const auto& [key, value] : within.items()) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"3", "6", "12", "9"}));
  EXPECT_TRUE(within["12"].is_null());
  EXPECT_DOUBLE_EQ(within["9"].get<double>(), 0.7);
}

TEST(JsonReport, NumbersRoundTripExactly) {
  SimulationResults r = article();
  r.roi_pct.mean = 0.1 + 0.2;
  const auto j = nlohmann::json::parse(render(Format::json, r));
  EXPECT_EQ(j["metrics"]["roi_pct"]["mean"].get<double>(), 0.1 + 0.2);
}

TEST(Reports, ByteIdenticalForIdenticalResults) {
  for (const Format f : {Format::table, Format::markdown, Format::csv, Format::json}) {
    EXPECT_EQ(render(f, uncertain()), render(f, uncertain())) << to_string(f);
    EXPECT_EQ(render_compare(f, {article(), uncertain()}),
              render_compare(f, {article(), uncertain()}))
        << to_string(f);
  }
}

TEST(CsvReport, TidyLongTableWithQuoting) {
  const std::string csv = render(Format::csv, uncertain());
  const auto lines = lines_of(csv);
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines[0], "metric,statistic,value,ci_low,ci_high");
  auto has = [&](const std::string& line) {
    return std::find(lines.begin(), lines.end(), line) != lines.end();
  };
  EXPECT_TRUE(has("scenario,name,\"Clinic, \"\"north\"\" branch\",,")) << csv;
  EXPECT_TRUE(has("roi_pct,p2.5,-60,-62,-58"));
  EXPECT_TRUE(has("roi_pct,p50,35.5,35,36"));
  EXPECT_TRUE(has("roi_pct,sd,80.25,,"));
  EXPECT_TRUE(has("net_profit,p50,1234567.5,1234567.5,1234567.5"));
  EXPECT_TRUE(has("payback_months,p95,,5.9,"));
  EXPECT_TRUE(has("prob_payback_within_12,value,,,"));
  EXPECT_TRUE(
      has("correlation_requested,assistant.lead_growth~assistant.booking_conversion_uplift,"
          "0.4,,"));
  bool sensitivity = false, month = false, prob = false;
  for (const auto& l : lines) {
    sensitivity = sensitivity || l.rfind("sensitivity,assistant.lead_growth,0.62,", 0) == 0;
    month = month || l.rfind("cumulative_net_month_3,p50,", 0) == 0;
    prob = prob || l.rfind("prob_roi_below_zero,value,0.25,", 0) == 0;
    // Five fields per line (no field here holds a quoted comma except the name).
    if (l.find('"') == std::string::npos) {
      EXPECT_EQ(std::count(l.begin(), l.end(), ','), 4) << l;
    }
  }
  EXPECT_TRUE(sensitivity);
  EXPECT_TRUE(month);
  EXPECT_TRUE(prob);
}

TEST(CsvReport, FullPrecision) {
  SimulationResults r = article();
  r.roi_pct.percentiles[0].value = 1.0 / 3.0;
  const std::string csv = render(Format::csv, r);
  EXPECT_NE(csv.find("roi_pct,p5,0.3333333333333333,"), std::string::npos) << csv;
}

TEST(TableReport, ShowsTheArticleNumbers) {
  const std::string table = render(Format::table, article());
  EXPECT_NE(table.find("Салон красоты, Самара"), std::string::npos);
  EXPECT_NE(table.find("250.0"), std::string::npos);
  EXPECT_NE(table.find("₽"), std::string::npos);
  EXPECT_NE(table.find(format_money(225000, "RUB", Locale::english())), std::string::npos);
  EXPECT_NE(table.find("1.4"), std::string::npos);
  EXPECT_NE(table.find("100\u00A0000"), std::string::npos);  // runs, grouped (no-break space)
  EXPECT_NE(table.find("Seed"), std::string::npos);
  EXPECT_NE(table.find("Monte Carlo"), std::string::npos);
  EXPECT_NE(table.find("P(ROI < 0)"), std::string::npos);
}

TEST(TableReport, PercentileBlockIsAligned) {
  for (const SimulationResults& r : {article(), uncertain()}) {
    const auto lines = lines_of(render(Format::table, r));
    auto start = std::find_if(lines.begin(), lines.end(),
                              [](const std::string& l) { return l.rfind("Results over", 0) == 0; });
    ASSERT_NE(start, lines.end());
    std::vector<std::string> block(start + 1, start + 6);  // header + 4 metric rows
    ASSERT_EQ(block.size(), 5U);
    EXPECT_NE(block[1].find("ROI"), std::string::npos);
    EXPECT_NE(block[4].find("Payback"), std::string::npos);
    for (const auto& line : block) {
      EXPECT_EQ(display_width(line), display_width(block[0])) << line;
    }
  }
}

TEST(TableReport, CensoredPaybackAndDrivers) {
  const std::string table = render(Format::table, uncertain());
  EXPECT_NE(table.find(">\u00A06"), std::string::npos) << table;  // "> 6" months
  // Inputs by their names, not their keys (the key stays in the inputs table).
  EXPECT_NE(table.find("Lead growth"), std::string::npos);
  EXPECT_EQ(table.find("assistant.lead_growth   "), std::string::npos);
  EXPECT_NE(table.find("+0.62"), std::string::npos);
  EXPECT_NE(table.find("▇▇▇▇▇▇▇▇▇▇▇▇"), std::string::npos);  // round(0.62 * 20) = 12
  EXPECT_NE(table.find("0.398"), std::string::npos);         // achieved correlation
  EXPECT_NE(table.find("25.0"), std::string::npos);          // P(ROI < 0)
  EXPECT_NE(table.find("Latin hypercube"), std::string::npos);
  EXPECT_NE(table.find("Note: simulation error"), std::string::npos);
  EXPECT_NE(table.find("It is not the uncertainty of the forecast"), std::string::npos);
  EXPECT_EQ(table.find("within 12 months"), std::string::npos);  // beyond the horizon
}

TEST(MarkdownReport, GithubTables) {
  const std::string md = render(Format::markdown, uncertain());
  const auto lines = lines_of(md);
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines[0].rfind("# ", 0), 0U);
  auto header = std::find_if(lines.begin(), lines.end(), [](const std::string& l) {
    return l.rfind("|  | P2.5 | P50 | P95 | mean |", 0) == 0;
  });
  ASSERT_NE(header, lines.end()) << md;
  ASSERT_NE(header + 1, lines.end());
  EXPECT_EQ(*(header + 1), "| --- | ---: | ---: | ---: | ---: |");
  // No stray backslashes: "<" before a space is not markup, "_" inside a word
  // neither; a "|" in a cell is escaped.
  EXPECT_NE(md.find("| Losing money, P(ROI < 0) |"), std::string::npos) << md;
  EXPECT_NE(md.find("| Lead growth |"), std::string::npos) << md;
  EXPECT_NE(md.find("the bar shows |rho|."), std::string::npos) << md;
  EXPECT_EQ(md.find("\\<"), std::string::npos) << md;
  EXPECT_EQ(md.find("\\_"), std::string::npos) << md;
  EXPECT_EQ(md.find("\\>"), std::string::npos) << md;
}

TEST(Compare, EveryFormat) {
  const std::vector<SimulationResults> all{article(), uncertain()};
  const auto j = nlohmann::json::parse(render_compare(Format::json, all));
  EXPECT_EQ(j["schema"], "simroi.compare/2");
  ASSERT_EQ(j["scenarios"].size(), 2U);
  EXPECT_EQ(j["scenarios"][0]["schema"], "simroi.report/2");
  EXPECT_EQ(j["scenarios"][1]["scenario"]["business"], "clinic");

  const auto csv = lines_of(render_compare(Format::csv, all));
  ASSERT_EQ(csv.size(), 3U);
  EXPECT_EQ(csv[0],
            "scenario,business,file,horizon_months,runs,seed,roi_p5,roi_p50,roi_p95,"
            "prob_roi_below_zero,roi_expected_shortfall_5,roi_expected_shortfall_5_se,"
            "net_profit_p50,npv_p50,total_cost_mean,payback_p50,payback_p95,"
            "prob_payback_within_6,prob_payback_within_12");
  EXPECT_EQ(csv[1].rfind("\"Салон красоты, Самара\",salon,", 0), 0U) << csv[1];

  const std::string table = render_compare(Format::table, all);
  EXPECT_NE(table.find("salon"), std::string::npos);
  EXPECT_NE(table.find("clinic"), std::string::npos);
  EXPECT_NE(table.find("ROI P50"), std::string::npos);
  const std::string md = render_compare(Format::markdown, all);
  EXPECT_NE(md.find("| scenario | business |"), std::string::npos);
}

// The deck's columns: the expected shortfall (with its simulation error in a
// note) and the total cost, in every format and both languages.
TEST(Compare, ExpectedShortfallAndTotalCostEverywhere) {
  SimulationResults a = article(), b = uncertain();
  a.total_cost = {90000, 0, std::nullopt, 90000, 90000, {}};
  a.roi_expected_shortfall = {0.05, 250, 0.0, 50, 1000};
  b.total_cost = {123456.4, 5000, 15.8, 100000, 150000, {}};
  b.roi_expected_shortfall = {0.05, -87.26, 0.5, 5000, 100000};
  const std::vector<SimulationResults> all{a, b};
  const Document d = build_compare(all);
  const Table& t = *d.section("comparison")->table;
  EXPECT_EQ(t.cell("1", "roi_expected_shortfall_5")->value, -87.26);
  EXPECT_EQ(t.cell("1", "roi_expected_shortfall_5")->kind, CellKind::percent);
  EXPECT_EQ(t.cell("1", "total_cost_mean")->value, 123456.4);
  EXPECT_EQ(t.cell("1", "total_cost_mean")->kind, CellKind::money);
  const std::string table = render_compare(Format::table, all);
  EXPECT_NE(table.find("ROI, mean of worst 5 %"), std::string::npos) << table;
  EXPECT_NE(table.find("-87.3\u00A0%"), std::string::npos) << table;
  EXPECT_NE(table.find("123\u00A0456\u00A0₽"), std::string::npos) << table;
  // 1.96 x 0.5 = 0.98 points: the widest simulation error of the column.
  EXPECT_NE(table.find("within ±0.98 percentage points"), std::string::npos) << table;
  const Locale ru = Locale::for_language(Language::ru);
  const std::string md_ru = render(d, Format::markdown, ru);
  EXPECT_NE(md_ru.find("средний результат худших 5 %"), std::string::npos) << md_ru;
  EXPECT_NE(md_ru.find("-87,3\u00A0%"), std::string::npos) << md_ru;
  EXPECT_NE(md_ru.find("затраты всего"), std::string::npos) << md_ru;
  const auto csv = lines_of(render_compare(Format::csv, all));
  EXPECT_NE(csv[2].find(",-87.26,0.5,"), std::string::npos) << csv[2];
  EXPECT_NE(csv[2].find(",123456.4,"), std::string::npos) << csv[2];
  const std::string excel = render_csv_excel(d);
  EXPECT_NE(excel.find(";roi_expected_shortfall_5_pct;"), std::string::npos);
  EXPECT_NE(excel.find(";-87,3;"), std::string::npos) << excel;
  EXPECT_NE(excel.find(";123456;"), std::string::npos) << excel;
  const auto j = nlohmann::json::parse(render_compare(Format::json, all));
  const auto& es = j["scenarios"][1]["metrics"]["roi_expected_shortfall"];
  EXPECT_EQ(es["value"].get<double>(), -87.26);
  EXPECT_EQ(es["se"].get<double>(), 0.5);
  EXPECT_EQ(es["tail_runs"].get<int>(), 5000);
  EXPECT_EQ(j["scenarios"][1]["metrics"]["total_cost"]["mean"].get<double>(), 123456.4);
}

TEST(Helpers, FindPercentileAndWithin) {
  const SimulationResults r = uncertain();
  ASSERT_NE(find_percentile(r.roi_pct.percentiles, 2.5), nullptr);
  EXPECT_EQ(find_percentile(r.roi_pct.percentiles, 5), nullptr);
  ASSERT_NE(find_payback_within(r.payback, 6), nullptr);
  EXPECT_EQ(find_payback_within(r.payback, 12), nullptr);
}

// ----- the report model ------------------------------------------------------

const Locale kEn = Locale::english();

// The article's example through the real pipeline: scenarios/seed-example.yaml,
// every input fixed, so every percentile is the closed form worked out in
// docs/model.md from the inputs: extra clients 250 x 15 % - 200 x 10 % = 17.5 a
// month, extra revenue 17.5 x 1 500 = 26 250 ₽, monthly net 26 250 - 5 000 =
// 21 250 ₽; over 12 months net profit 12 x 21 250 - 30 000 = 225 000 ₽, cost
// 30 000 + 12 x 5 000 = 90 000 ₽, ROI 225 000 / 90 000 = 250 %, payback
// 30 000 / 21 250 = 24/17 = 1.41 months, K_t = -30 000 + 21 250 t.
SimulationResults seed_example() {
  RunOptions options;
  options.runs = 1000;
  options.threads = 1;
  return run_simulation(
      load_scenario(std::string(SIMROI_SOURCE_DIR) + "/scenarios/seed-example.yaml"), options);
}

TEST(ReportModel, VerdictComesFirstInPlainWords) {
  // The article's example (every input fixed): it pays back in month
  // 24 / 17 = 1.41 in every run, ROI 250 % on costs of 90 000 ₽, so a net of
  // 225 000 ₽ and no chance of a loss (spec/model.md).
  const Document d = build_report(seed_example());
  ASSERT_EQ(d.verdict.size(), 2U);
  EXPECT_EQ(d.verdict[0].english(),
            "With 100\u00A0% probability the assistant pays for itself within 12 months; median "
            "payback 1.4 months.");
  EXPECT_EQ(
      d.verdict[1].english(),
      "0\u00A0% chance of losing money over 12 months; median net profit 225\u00A0000\u00A0₽.");
  const Locale ru = Locale::for_language(Language::ru);
  EXPECT_EQ(d.verdict[0].render(ru),
            "С вероятностью 100\u00A0% ассистент окупится за 12 месяцев; медианный срок "
            "окупаемости — 1,4 мес.");
  EXPECT_EQ(d.verdict[1].render(ru),
            "Вероятность убытка за 12 месяцев — 0\u00A0%; медианный чистый эффект — "
            "225\u00A0000\u00A0₽.");
  // Right under the title in the table and markdown formats.
  const std::string table = render(d, Format::table, kEn);
  const std::string title = d.title.english();
  EXPECT_EQ(table.rfind(title + "\n", 0), 0U) << table;
  const std::size_t verdict_at = table.find("=\nWith 100\u00A0% probability");
  EXPECT_NE(verdict_at, std::string::npos) << table;
  EXPECT_LT(verdict_at, table.find("  Scenario")) << table;
  const std::string md = render(d, Format::markdown, kEn);
  EXPECT_EQ(md.rfind("# " + title + "\n\n**With 100\u00A0%", 0), 0U) << md;
  // The payback row says which of its columns is the bad case.
  EXPECT_EQ(d.section("outcomes")->table->cell("payback_months", "")->text.english(),
            "Payback, months (P95 = slowest)");
}

TEST(ReportModel, VerdictWithinTheHorizonWhenItIsShorterThanAYear) {
  const Document d = build_report(uncertain());
  ASSERT_FALSE(d.verdict.empty());
  const int h = d.results.front().horizon_months;
  ASSERT_LT(h, 12);
  const double never = d.results.front().payback.never_within_horizon.value;
  EXPECT_NE(d.verdict[0].english().find(fmt::format("within {} months", h)), std::string::npos)
      << d.verdict[0].english();
  // Whole percent, one decimal near 0 % and 100 % (99.6 % is not a certainty).
  const double pct = 100 * (1 - never);
  const int decimals = (pct > 0 && pct < 1) || (pct > 99 && pct < 100) ? 1 : 0;
  EXPECT_NE(d.verdict[0].english().find(fmt::format("With {:.{}f}\u00A0%", pct, decimals)),
            std::string::npos)
      << d.verdict[0].english();
}

TEST(ReportModel, TornadoIsSortedBySwingInMoneyWithSpearmanBeside) {
  SimulationResults r = uncertain();
  auto sens = [](Input input, double rho, double se, double roi_low, double roi_high,
                 double net_low, double net_high) {
    Sensitivity s;
    s.input = input;
    s.spearman = rho;
    s.se = se;
    s.roi_low = roi_low;
    s.roi_high = roi_high;
    s.net_low = net_low;
    s.net_high = net_high;
    return s;
  };
  r.sensitivity = {sens(Input::lead_growth, 0.62, 0.002, 10, 200, 1000, 50000),
                   sens(Input::average_check, -0.31, 0.003, 150, 20, 90000, -10000)};
  const Document d = build_report(r);
  const Section* s = d.section("tornado");
  ASSERT_NE(s, nullptr);
  const Table& t = *s->table;
  ASSERT_EQ(t.rows.size(), 2U);
  // Swings 49 000 and 100 000: average_check first.
  EXPECT_EQ(t.rows[0].key, "baseline.average_check");
  EXPECT_EQ(t.cell("baseline.average_check", "swing")->value, 100000.0);
  EXPECT_EQ(t.cell("baseline.average_check", "net_low")->value, 90000.0);
  EXPECT_EQ(t.cell("assistant.lead_growth", "roi_high")->value, 200.0);
  EXPECT_EQ(t.cell("assistant.lead_growth", "spearman")->value, 0.62);
  const auto j = nlohmann::json::parse(render(d, Format::json, kEn));
  EXPECT_EQ(j["sensitivity"][0]["tornado"]["net_profit_high_decile"].get<double>(), 50000.0);
  EXPECT_NE(
      render(d, Format::csv, kEn).find("tornado_roi_pct_low_decile,baseline.average_check,150"),
      std::string::npos);
}

TEST(ReportModel, InputsTableShowsWhatTheNumbersRestOn) {
  // The article's example: every input fixed; lead growth 25 %, c1 = 15 %
  // (so booking_conversion_uplift is not in use), the rest defaults.
  const SimulationResults r = seed_example();
  const Document d = build_report(r);
  const Section* s = d.section("inputs");
  ASSERT_NE(s, nullptr);
  const Table& t = *s->table;
  EXPECT_EQ(t.row("assistant.booking_conversion_uplift"), nullptr);
  ASSERT_NE(t.row("assistant.booking_conversion_after"), nullptr);
  EXPECT_EQ(render_cell(*t.cell("assistant.lead_growth", "p50"), kEn), "25.0\u00A0%");
  EXPECT_EQ(render_cell(*t.cell("baseline.average_check", "p95"), kEn), "1\u00A0500\u00A0₽");
  EXPECT_EQ(t.cell("baseline.leads_per_month", "default")->text.english(), "scenario");
  EXPECT_EQ(t.cell("retention.monthly_churn", "default")->text.english(), "default");
  for (const InputSummary& in : r.inputs) {
    EXPECT_EQ(in.p5, in.p95) << info(in.input).path;  // fixed: one value
  }
  const auto j = nlohmann::json::parse(render(d, Format::json, kEn));
  ASSERT_EQ(j["inputs"].size(), r.inputs.size());
  EXPECT_EQ(j["inputs"][0]["input"], "baseline.leads_per_month");
  EXPECT_EQ(j["inputs"][0]["p50"].get<double>(), 200.0);
}

TEST(ReportModel, RoiHistogramCountsEveryRunWithZeroAnEdge) {
  RunOptions options;
  options.runs = 20000;  // below the sensitivity window: the histogram sees every run
  const SimulationResults r = run_simulation(
      load_scenario(std::string(SIMROI_SOURCE_DIR) + "/scenarios/salon.yaml"), options);
  const RoiHistogram& h = r.roi_histogram;
  ASSERT_EQ(h.runs, 20000U);
  ASSERT_GT(h.counts.size(), 3U);
  std::uint64_t total = 0, below_zero = 0;
  for (std::size_t i = 0; i < h.counts.size(); ++i) {
    total += h.counts[i];
    const double upper = h.start + h.width * static_cast<double>(i + 1);
    if (upper <= 0) below_zero += h.counts[i];
  }
  EXPECT_EQ(total, h.runs);
  // 0 is a bin edge, so the loss bins hold exactly the runs with ROI < 0:
  // the same share as the independent count P(ROI < 0).
  const double k = -h.start / h.width;
  EXPECT_DOUBLE_EQ(k, std::round(k));
  EXPECT_DOUBLE_EQ(static_cast<double>(below_zero) / 20000.0, r.prob_roi_below_zero.value);
  const Document d = build_report(r);
  const Table& t = *d.section("histogram")->table;
  EXPECT_EQ(t.rows.front().cells[3].text.english(), "loss");
  // The first row is the open bin below the lowest edge, which is at or below 0
  // (the salon's lowest edge depends on its scenario, so only the form is pinned).
  EXPECT_EQ(t.rows.front().cells[0].text.english().rfind("below ", 0), 0U);
  EXPECT_LE(h.start, 0.0);
}

TEST(ReportModel, SeedExampleCellsAreTheClosedForm) {
  const Document d = build_report(seed_example());
  EXPECT_EQ(d.kind, Document::Kind::report);
  ASSERT_EQ(d.results.size(), 1U);
  const Section* outcomes = d.section("outcomes");
  ASSERT_NE(outcomes, nullptr);
  ASSERT_TRUE(outcomes->table);
  const Table& t = *outcomes->table;
  for (const char* p : {"p5", "p10", "p25", "p50", "p75", "p90", "p95", "mean"}) {
    const Cell* roi = t.cell("roi_pct", p);
    ASSERT_NE(roi, nullptr) << p;
    EXPECT_EQ(roi->kind, CellKind::percent);
    EXPECT_NEAR(roi->value, 250.0, 1e-9) << p;
    EXPECT_EQ(render_cell(*roi, kEn), "250.0\u00A0%");
    for (const char* metric : {"net_profit", "npv"}) {
      const Cell* money = t.cell(metric, p);
      ASSERT_NE(money, nullptr) << metric << p;
      EXPECT_EQ(money->kind, CellKind::money);
      EXPECT_EQ(money->currency, "RUB");
      EXPECT_NEAR(money->value, 225000.0, 1e-6) << metric << p;
    }
  }
  for (const char* p : {"p5", "p50", "p95"}) {
    const Cell* payback = t.cell("payback_months", p);
    ASSERT_NE(payback, nullptr);
    EXPECT_EQ(payback->kind, CellKind::months);
    EXPECT_NEAR(payback->value, 24.0 / 17.0, 1e-12);
    EXPECT_EQ(render_cell(*payback, kEn), "1.4");
  }
  EXPECT_EQ(t.cell("payback_months", "mean")->kind, CellKind::not_available);
  EXPECT_EQ(t.cell("roi_pct", "")->text.english(), "ROI");

  const Table& chances = *d.section("chances")->table;
  // Every run identical: none loses money, all pay back within 3 months. A
  // count and an exact bound, not "0.0 %" / "100.0 %".
  const auto chance = [&](const char* row) {
    return render_cell(*chances.cell(row, "chance"), kEn);
  };
  EXPECT_EQ(chance("prob_roi_below_zero").rfind("0 of ", 0), 0u) << chance("prob_roi_below_zero");
  EXPECT_NE(chance("prob_roi_below_zero").find("(< "), std::string::npos);
  for (const char* row :
       {"prob_payback_within_3", "prob_payback_within_6", "prob_payback_within_12"}) {
    ASSERT_NE(chances.row(row), nullptr) << row;
    EXPECT_NE(chance(row).find("(> "), std::string::npos) << row << ": " << chance(row);
  }
  // The Monte Carlo error moved to the footnote ("precision"), out of the table.
  EXPECT_FALSE(chances.column("se"));
  EXPECT_FALSE(chances.column("ci95"));
  EXPECT_EQ(chance("prob_payback_never_within_horizon").rfind("0 of ", 0), 0u);

  const Table& fan = *d.section("fan")->table;
  ASSERT_EQ(fan.rows.size(), 12U);
  for (int month = 1; month <= 12; ++month) {
    const std::string key = fmt::format("month_{}", month);
    ASSERT_NE(fan.row(key), nullptr) << key;
    EXPECT_FALSE(fan.row(key)->detail);
    EXPECT_EQ(fan.cell(key, "month")->value, month);
    EXPECT_NEAR(fan.cell(key, "p50")->value, -30000.0 + 21250.0 * month, 1e-6) << key;
  }
  EXPECT_FALSE(d.section("sensitivity")->table);  // nothing is uncertain
  EXPECT_EQ(d.section("sensitivity")->paragraphs.size(), 1U);
  EXPECT_EQ(d.section("correlations"), nullptr);
  EXPECT_EQ(d.fact("runs")->value.kind, CellKind::count);
  EXPECT_EQ(d.fact("runs")->value.value, 1000.0);
  EXPECT_EQ(render_cell(d.fact("horizon")->value, kEn), "12 months");
  EXPECT_EQ(render_cell(d.fact("business")->value, kEn), "seed");
}

TEST(ReportModel, NoneOfTheRunsIsACountAndABoundNotPlusMinusZero) {
  // P(ROI < 0) = 0 of 1 000 runs was printed "0.0 %" with "±0.00 %"; the
  // exact 95 % upper bound is 1 - 0.025^(1/1000) = 0.368 %, printed rounded up.
  SimulationResults r = article();
  r.runs = 1000;
  r.prob_roi_below_zero = proportion(0, 1000);
  r.payback.within = {{3, proportion(400, 1000)}, {6, proportion(1000, 1000)}};
  const Document d = build_report(r);
  const Table& chances = *d.section("chances")->table;
  const std::string none = render_cell(*chances.cell("prob_roi_below_zero", "chance"), kEn);
  EXPECT_EQ(none.rfind("0 of 1", 0), 0u) << none;
  EXPECT_NE(none.find("runs (< 0.37\u00A0%)"), std::string::npos) << none;
  EXPECT_EQ(none.find("\u00B1"), std::string::npos) << none;
  // 400 of 1 000: a percentage; its Clopper-Pearson interval [0.3694, 0.4311]
  // is the widest, so the simulation-error footnote bounds every chance by its
  // farthest bound, 43.11 - 40 = 3.11 points.
  EXPECT_EQ(render_cell(*chances.cell("prob_payback_within_3", "chance"), kEn), "40.0\u00A0%");
  const Section* precision = d.section("precision");
  ASSERT_NE(precision, nullptr);
  bool said = false;
  for (const Text& p : precision->paragraphs) {
    said |= p.english().find("Chances are within 3.11 percentage points") != std::string::npos;
  }
  EXPECT_TRUE(said) << render(d, Format::markdown, kEn);
  const std::string all = render_cell(*chances.cell("prob_payback_within_6", "chance"), kEn);
  EXPECT_NE(all.find("runs (> 99.63\u00A0%)"), std::string::npos) << all;

  const auto j = nlohmann::json::parse(render(Format::json, r));
  const auto& roi = j["metrics"]["roi_pct"];
  EXPECT_TRUE(roi["prob_below_zero_se"].is_null());
  EXPECT_EQ(roi["prob_below_zero_ci95"][0].get<double>(), 0.0);
  EXPECT_NEAR(roi["prob_below_zero_ci95"][1].get<double>(), 0.003682, 1e-6);
  EXPECT_NEAR(j["metrics"]["payback_months"]["prob_within_ci95"]["3"][0].get<double>(), 0.3694,
              1e-4);
}

TEST(ReportModel, SeedExampleFiguresCarryTheSameNumbers) {
  const Document d = build_report(seed_example());
  const auto figures = d.figures();
  // No uncertain input: no tornado.
  ASSERT_EQ(figures.size(), 4U);
  EXPECT_EQ(figures[0]->key, "percentiles");
  EXPECT_EQ(figures[1]->key, "roi_histogram");
  EXPECT_EQ(figures[2]->key, "payback");
  EXPECT_EQ(figures[3]->key, "fan");
  const SimulationResults r = seed_example();
  // The histogram's columns are the bins' shares of runs: they add up to 1,
  // each spans one bin width, and every run makes money (ROI 250 %).
  const Figure& hist = *figures[1];
  ASSERT_EQ(hist.series.size(), 2U);
  EXPECT_TRUE(hist.series[0].points.empty());  // no loss bins with runs in them
  double total = 0;
  for (const Series& s : hist.series) {
    for (const Point& p : s.points) {
      total += p.y;
      EXPECT_NEAR(p.high - p.low, r.roi_histogram.width, 1e-9);
    }
  }
  EXPECT_NEAR(total, 1.0, 1e-12);
  bool p50 = false;
  for (const ReferenceLine& ref : hist.references) {
    if (ref.label.english() != "P50") continue;
    p50 = true;
    EXPECT_NEAR(ref.value, 250.0, 1e-9);
  }
  EXPECT_TRUE(p50);
  // The payback curve never falls, starts at 0 and ends at the share paid
  // back within the horizon; the rest is the band above it.
  const Figure& payback = *figures[2];
  ASSERT_EQ(payback.series.size(), 2U);
  const auto& curve = payback.series[0].points;
  ASSERT_GE(curve.size(), 2U);
  EXPECT_EQ(curve.front().x, 0.0);
  EXPECT_EQ(curve.front().y, 0.0);
  for (std::size_t i = 1; i < curve.size(); ++i) {
    EXPECT_GE(curve[i].x, curve[i - 1].x);
    EXPECT_GE(curve[i].y, curve[i - 1].y);
  }
  EXPECT_EQ(curve.back().x, static_cast<double>(r.horizon_months));
  EXPECT_NEAR(curve.back().y, 1 - r.payback.never_within_horizon.value, 1e-12);
  EXPECT_NEAR(payback.series[1].points[0].low, 1 - r.payback.never_within_horizon.value, 1e-12);
  const Figure& bars = *figures[0];
  EXPECT_EQ(bars.y.categories.size(), 7U);
  EXPECT_EQ(bars.y.categories[0].english(), "P5");
  EXPECT_EQ(bars.x.unit, CellKind::percent);
  ASSERT_EQ(bars.series.size(), 1U);
  EXPECT_EQ(bars.series[0].kind, SeriesKind::bars);
  for (std::size_t i = 0; i < 7; ++i) {
    EXPECT_NEAR(bars.series[0].points[i].x, 250.0, 1e-9);
    EXPECT_EQ(bars.series[0].points[i].y, static_cast<double>(i));
  }
  const Figure& fan = *figures[3];
  EXPECT_EQ(fan.y.unit, CellKind::money);
  EXPECT_EQ(fan.y.currency, "RUB");
  ASSERT_EQ(fan.series.size(), 3U);
  EXPECT_EQ(fan.series[2].role, SeriesRole::central);
  // Month 0 is the outlay, K_0 = -I = -30 000 (fixed here, so the bands start
  // there too), then the months 1..12.
  ASSERT_EQ(fan.series[2].points.size(), 13U);
  ASSERT_EQ(fan.series[0].points.size(), 13U);
  ASSERT_EQ(fan.series[1].points.size(), 13U);
  for (std::size_t i = 0; i <= 12; ++i) {
    EXPECT_EQ(fan.series[2].points[i].x, static_cast<double>(i));
    EXPECT_NEAR(fan.series[2].points[i].y, -30000.0 + 21250.0 * static_cast<double>(i), 1e-6);
    EXPECT_NEAR(fan.series[0].points[i].low, fan.series[2].points[i].y, 1e-6);
    EXPECT_NEAR(fan.series[1].points[i].high, fan.series[2].points[i].y, 1e-6);
  }
  ASSERT_EQ(fan.references.size(), 1U);
  EXPECT_EQ(fan.references[0].axis, AxisId::y);
  EXPECT_EQ(fan.references[0].value, 0.0);
}

// Month 0 of the fan is the outlay -I: with an uncertain implementation cost
// both bands start there as the cost's own mirrored quantiles. U(20 000,
// 40 000): P5 = 21 000, P25 = 25 000, P50 = 30 000, P75 = 35 000, P95 = 39 000.
TEST(ReportModel, FanMonthZeroBandsOfAnUncertainOutlay) {
  Scenario s = load_scenario(std::string(SIMROI_SOURCE_DIR) + "/scenarios/seed-example.yaml");
  s.inputs[index(Input::implementation)] = Distribution::uniform(20000, 40000);
  RunOptions options;
  options.runs = 2000;
  options.threads = 1;
  const Document d = build_report(run_simulation(s, options));
  const Figure* fan = nullptr;
  for (const Figure* f : d.figures()) {
    if (f->key == "fan") fan = f;
  }
  ASSERT_NE(fan, nullptr);
  ASSERT_EQ(fan->series.size(), 3U);
  const Point& outer = fan->series[0].points.front();
  const Point& inner = fan->series[1].points.front();
  EXPECT_EQ(outer.x, 0.0);
  EXPECT_EQ(inner.x, 0.0);
  EXPECT_NEAR(outer.low, -39000.0, 1e-6);
  EXPECT_NEAR(outer.high, -21000.0, 1e-6);
  EXPECT_NEAR(inner.low, -35000.0, 1e-6);
  EXPECT_NEAR(inner.high, -25000.0, 1e-6);
  EXPECT_NEAR(fan->series[2].points.front().y, -30000.0, 1e-6);
  // Month 1 follows: the bands are the runs' own percentiles there.
  EXPECT_EQ(fan->series[1].points[1].x, 1.0);
  EXPECT_LT(fan->series[1].points[1].low, fan->series[1].points[1].high);
}

// The payback curve: a table of P(payback <= t) for t = 0..H and the chart's
// line through the same values.
TEST(ReportModel, PaybackCurveIsEveryMonthsShare) {
  SimulationResults r = uncertain();  // H = 6
  r.payback.by_month.clear();
  for (int t = 0; t <= 6; ++t) r.payback.by_month.push_back(proportion(t * 100, 1000));
  r.payback.never_within_horizon = proportion(400, 1000);
  const Document d = build_report(r);
  const Section* curve = d.section("payback_curve");
  ASSERT_NE(curve, nullptr);
  ASSERT_TRUE(curve->table.has_value());
  ASSERT_EQ(curve->table->rows.size(), 7U);
  for (int t = 0; t <= 6; ++t) {
    const std::string key = fmt::format("month_{}", t);
    EXPECT_EQ(curve->table->cell(key, "month")->value, t);
    EXPECT_DOUBLE_EQ(curve->table->cell(key, "probability")->value, 0.1 * t);
    EXPECT_FALSE(curve->table->row(key)->detail);
  }
  ASSERT_EQ(curve->figures.size(), 1U);
  const Figure& f = curve->figures.front();
  EXPECT_EQ(f.key, "payback");
  ASSERT_EQ(f.series[0].points.size(), 7U);
  for (int t = 0; t <= 6; ++t) {
    EXPECT_EQ(f.series[0].points[static_cast<std::size_t>(t)].x, t);
    EXPECT_DOUBLE_EQ(f.series[0].points[static_cast<std::size_t>(t)].y, 0.1 * t);
  }
  EXPECT_DOUBLE_EQ(f.series[1].points[0].low, 0.6);  // the not-paid-back band
  const std::string text = render(d, Format::table, kEn);
  EXPECT_NE(text.find("The rest, 40.0\u00A0%, has not paid back within 6 months."),
            std::string::npos)
      << text;
  // JSON and CSV carry the same table.
  const auto j = nlohmann::json::parse(render(Format::json, r));
  const auto& months = j["metrics"]["payback_months"]["by_month"];
  ASSERT_EQ(months.size(), 7U);
  EXPECT_EQ(months[3]["month"].get<int>(), 3);
  EXPECT_DOUBLE_EQ(months[3]["probability"].get<double>(), 0.3);
  EXPECT_NE(render(Format::csv, r).find("\nprob_payback_by_month,3,0.3,"), std::string::npos);
}

// Inputs carry their names in both languages; the key stays beside them.
TEST(ReportModel, InputsByTheirNames) {
  const Document d = build_report(uncertain());
  const Locale ru = Locale::for_language(Language::ru);
  const Table& tornado = *d.section("tornado")->table;
  EXPECT_EQ(tornado.cell("assistant.lead_growth", "input")->text.english(), "Lead growth");
  EXPECT_EQ(tornado.cell("assistant.lead_growth", "input")->text.render(ru), "Рост числа лидов");
  const Table& sens = *d.section("sensitivity")->table;
  EXPECT_EQ(sens.cell("baseline.average_check", "input")->text.render(ru), "Средний чек");
  for (const Figure* f : d.figures()) {
    if (f->key != "tornado") continue;
    ASSERT_FALSE(f->y.categories.empty());
    EXPECT_EQ(f->y.categories[0].render(ru), "Рост числа лидов");
  }
  // Every input has a name of its own, translated.
  for (const auto& in : input_table()) {
    SimulationResults r = uncertain();
    r.inputs = {InputSummary{in.id, "fixed(1)", false, 1, 1, 1, 1, 1}};
    if (in.id == Input::implementation) {
      EXPECT_EQ(build_report(r)
                    .section("inputs")
                    ->table->cell("costs.implementation", "input")
                    ->text.render(ru),
                "Стоимость внедрения (разовая)");
    }
    const Document one = build_report(r);
    const Cell* name = one.section("inputs")->table->cell(std::string(in.path), "input");
    ASSERT_NE(name, nullptr) << in.path;
    EXPECT_NE(name->text.english(), std::string(in.path));
    const Cell* key = one.section("inputs")->table->cell(std::string(in.path), "key");
    ASSERT_NE(key, nullptr) << in.path;
    EXPECT_EQ(key->text.english(), std::string(in.path));
    EXPECT_NE(name->text.render(ru), name->text.english()) << in.path;
  }
}

TEST(ReportModel, CensoredPaybackAndDetailRows) {
  SimulationResults r = uncertain();
  r.horizon_months = 36;
  r.monthly.clear();
  for (int t = 1; t <= 36; ++t) {
    MonthFan f;
    f.month = t;
    f.cumulative_net = flat({5, 25, 50, 75, 95}, 1000.0 * t);
    r.monthly.push_back(f);
  }
  for (int k = 0; k < 10; ++k) r.sensitivity.push_back({Input::average_check, 0.01 * k, 0.001});
  const Document d = build_report(r);
  const Cell* p95 = d.section("outcomes")->table->cell("payback_months", "p95");
  ASSERT_NE(p95, nullptr);
  EXPECT_EQ(p95->kind, CellKind::censored);
  EXPECT_EQ(p95->horizon_months, 36);
  EXPECT_EQ(render_cell(*p95, kEn), ">\u00A036");
  // Month 1, every 4th (step = ceil(36 / 12) + ... = (36 + 11) / 12 = 3), the last.
  const Table& fan = *d.section("fan")->table;
  ASSERT_EQ(fan.rows.size(), 36U);  // complete
  std::vector<int> shown;
  for (const Row& row : fan.rows) {
    if (!row.detail) shown.push_back(static_cast<int>(row.cells[0].value));
  }
  EXPECT_EQ(shown, (std::vector<int>{1, 3, 6, 9, 12, 15, 18, 21, 24, 27, 30, 33, 36}));
  const Table& sensitivity = *d.section("sensitivity")->table;
  ASSERT_EQ(sensitivity.rows.size(), 12U);  // every input
  for (std::size_t i = 0; i < sensitivity.rows.size(); ++i) {
    EXPECT_EQ(sensitivity.rows[i].detail, i >= 8) << i;
  }
  // What the text leaves out it says it leaves out.
  const std::string text = render(d, Format::table, kEn);
  EXPECT_NE(text.find("4 more inputs with smaller effect"), std::string::npos) << text;
  EXPECT_NE(text.find("every month divisible by 3"), std::string::npos);
  EXPECT_EQ(text.find("\n      2  "), std::string::npos);  // month 2 is a detail row
  EXPECT_NE(text.find("\n      3  "), std::string::npos);
}

TEST(Cells, EveryKindInEachLocale) {
  const Locale ru = Locale::russian(nullptr);
  struct Case {
    Cell cell;
    std::string en, ru;
  };
  const std::vector<Case> cases{
      {Cell::money(-8750.4, "RUB"), "-8\u00A0750\u00A0₽", "-8\u00A0750\u00A0₽"},
      {Cell::money(1234567, "USD"), "1\u00A0234\u00A0567\u00A0USD", "1\u00A0234\u00A0567\u00A0USD"},
      {Cell::percent(250), "250.0\u00A0%", "250,0\u00A0%"},
      {Cell::probability(0.1234), "12.3\u00A0%", "12,3\u00A0%"},
      {Cell::probability(0.00347, 2, Sign::plus_minus), "±0.35\u00A0%", "±0,35\u00A0%"},
      {Cell::months(24.0 / 17.0), "1.4", "1,4"},
      {Cell::count(100000), "100\u00A0000", "100\u00A0000"},
      {Cell::number(0.62, 2, Sign::always), "+0.62", "+0,62"},
      {Cell::number(-0.001, 2, Sign::always), "-0.00", "-0,00"},
      {Cell::number(0.0034, 3, Sign::plus_minus), "±0.003", "±0,003"},
      {Cell::number(std::nan(""), 2, Sign::always), "—", "—"},
      {Cell::censored(12), ">\u00A012", ">\u00A012"},
      {Cell::payback(kInf, 6), ">\u00A06", ">\u00A06"},
      {Cell::not_available(), "—", "—"},
      {Cell::bar(-0.62), "▇▇▇▇▇▇▇▇▇▇▇▇", "▇▇▇▇▇▇▇▇▇▇▇▇"},
      {Cell::bar(3.0), std::string(), std::string()},
      {Cell{}, "", ""},
      {Cell::of_text(trn("{} month", "{} months", 3, 3)), "3 months", "3 months"},
  };
  for (const Case& c : cases) {
    std::string en = c.en, ru_text = c.ru;
    if (c.cell.kind == CellKind::bar && c.cell.value > 1) {
      for (int k = 0; k < kBarCells; ++k) en += "▇";  // clipped at 1
      ru_text = en;
    }
    EXPECT_EQ(render_cell(c.cell, kEn), en);
    EXPECT_EQ(render_cell(c.cell, ru), ru_text);
  }
}

// Every format writes the one model: the human formats show each of its
// non-detail cells as render_cell writes it, the machine formats the same
// numbers at full precision, and the Reporter convenience equals render().
TEST(ReportModel, EveryFormatRendersTheSameModel) {
  for (const SimulationResults& r : {article(), uncertain()}) {
    const Document d = build_report(r);
    const std::string text = render(d, Format::table, kEn);
    const std::string md = render(d, Format::markdown, kEn);
    for (const Section& s : d.sections) {
      if (!s.heading.empty()) {
        EXPECT_NE(text.find(s.heading.english()), std::string::npos) << s.key;
        EXPECT_NE(md.find("## "), std::string::npos);
      }
      if (!s.table) continue;
      for (const Row& row : s.table->rows) {
        if (row.detail) continue;
        for (const Cell& c : row.cells) {
          const std::string cell = render_cell(c, kEn);
          EXPECT_NE(text.find(cell), std::string::npos) << s.key << "/" << row.key << ": " << cell;
          EXPECT_NE(md.find(markdown_escape(cell, true)), std::string::npos)
              << s.key << "/" << row.key;
        }
      }
    }
    const std::string csv = render(d, Format::csv, kEn);
    const auto json = nlohmann::json::parse(render(d, Format::json, kEn));
    const Table& outcomes = *d.section("outcomes")->table;
    for (const auto& e : r.roi_pct.percentiles) {
      const Cell* c = outcomes.cell("roi_pct", fmt::format("p{}", percentile_key(e.p)));
      ASSERT_NE(c, nullptr);
      EXPECT_NE(csv.find(fmt::format("roi_pct,p{},{},", percentile_key(e.p),
                                     format_round_trip(c->value))),
                std::string::npos);
      EXPECT_EQ(json["metrics"]["roi_pct"]["percentiles"][percentile_key(e.p)].get<double>(),
                c->value);
    }
    for (const Format f : {Format::table, Format::markdown, Format::csv, Format::json}) {
      std::ostringstream out;
      make_reporter(f)->report(out, r);
      EXPECT_EQ(out.str(), render(d, f, kEn)) << to_string(f);
    }
  }
}

TEST(ReportModel, CompareRowsAreTheScenariosInOrder) {
  const Document d = build_compare({article(), uncertain()});
  EXPECT_EQ(d.kind, Document::Kind::compare);
  EXPECT_EQ(d.title.english(), "Comparison of 2 scenarios");
  EXPECT_EQ(build_compare({article()}).title.english(), "Comparison of 1 scenario");
  const Table& t = *d.section("comparison")->table;
  ASSERT_EQ(t.rows.size(), 2U);
  EXPECT_EQ(t.cell("0", "scenario")->text.english(), "Салон красоты, Самара");
  EXPECT_EQ(t.cell("1", "business")->text.english(), "clinic");
  // compare_columns of the first scenario: P5, P50, P95 of ROI; payback P50.
  EXPECT_EQ(t.cell("0", "roi_p50")->value, 250.0);
  EXPECT_EQ(t.cell("1", "roi_p50")->value, 35.5);
  EXPECT_EQ(t.cell("1", "roi_p5")->kind, CellKind::not_available);  // not requested there
  EXPECT_EQ(t.cell("1", "payback_p50")->value, 4.5);
  EXPECT_EQ(t.cell("1", "prob_payback_within_12")->kind, CellKind::not_available);  // H = 6
  EXPECT_EQ(t.columns[t.column("prob_payback_within_12").value()].label.english(),
            "P(payback ≤ 12)");
  // For a deck: median net profit and NPV, payback P50 and the slow case
  // (P95, the highest ROI column), P(payback ≤ 6).
  EXPECT_EQ(t.cell("0", "net_profit_p50")->value, 225000.0);
  EXPECT_EQ(t.cell("0", "net_profit_p50")->kind, CellKind::money);
  EXPECT_EQ(t.cell("1", "npv_p50")->value, -1000.0);
  EXPECT_EQ(t.cell("1", "payback_p95")->kind, CellKind::censored);
  EXPECT_NEAR(t.cell("0", "payback_p95")->value, 24.0 / 17.0, 1e-12);
  EXPECT_EQ(t.cell("1", "prob_payback_within_6")->value, 0.7);
  EXPECT_EQ(t.cell("0", "prob_payback_within_6")->value, 1.0);
  // Horizons of 12 and 6 months: the comparison warns.
  const auto& notes = d.section("comparison")->notes;
  EXPECT_TRUE(std::any_of(notes.begin(), notes.end(), [](const Text& n) {
    return n.english().find("Warning: the horizons differ (6 months to 12 months)") !=
           std::string::npos;
  }));
  const Document same = build_compare({article(), article()});
  for (const Text& n : same.section("comparison")->notes) {
    EXPECT_EQ(n.english().find("horizons differ"), std::string::npos);
  }
}

TEST(ReportModel, CompareHonoursTheRequestedPercentiles) {
  // --percentiles 10,50,90 (the deck convention): P10 / P50 / P90 of ROI, not
  // just P50; payback at P50 and P90.
  SimulationResults a = article();
  a.percentiles = {10, 50, 90};
  a.roi_pct.percentiles = {
      {10, -20, -21, -19, 0.5}, {50, 100, 99, 101, 0.5}, {90, 300, 298, 302, 1}};
  a.net_profit.percentiles = flat(a.percentiles, 1000);
  a.npv.percentiles = flat(a.percentiles, 900);
  a.payback.percentiles = {{10, 2, 2, 2, 0}, {50, 4, 4, 4, 0}, {90, 9, 9, 9, 0}};
  const CompareColumns cols = compare_columns({a});
  EXPECT_EQ(cols.roi, (std::vector<double>{10, 50, 90}));
  EXPECT_EQ(cols.median, 50.0);
  EXPECT_EQ(cols.payback, (std::vector<double>{50, 90}));
  const Document d = build_compare({a});
  const Table& t = *d.section("comparison")->table;
  EXPECT_EQ(t.cell("0", "roi_p10")->value, -20.0);
  EXPECT_EQ(t.cell("0", "roi_p90")->value, 300.0);
  EXPECT_EQ(t.cell("0", "payback_p90")->value, 9.0);
  EXPECT_EQ(t.columns[t.column("roi_p10").value()].label.english(), "ROI P10");
  // The default list keeps P5 / P50 / P95.
  EXPECT_EQ(compare_columns({article()}).roi, (std::vector<double>{5, 50, 95}));
  EXPECT_EQ(compare_columns({article()}).payback, (std::vector<double>{50, 95}));
}

// The seam, end to end: the test catalogue (compiled by msgfmt, read through
// Boost.Locale) translates the report's words and picks Russian plural forms;
// the locale writes the numbers with a decimal comma.
TEST(ReportModel, ATranslatedReportThroughTheTestCatalogue) {
  std::shared_ptr<const Catalog> catalog;
  for (const MoFile& f : detail::test_mo_files()) catalog = mo_catalog(f.bytes);
  const Locale ru = Locale::russian(catalog);
  const std::string text = render(build_report(seed_example()), Format::table, ru);
  EXPECT_NE(text.find("Шансы\n"), std::string::npos) << text;
  EXPECT_NE(text.find("Результаты за 12 месяцев, процентили по 1\u00A0000 прогонам"),
            std::string::npos);
  EXPECT_NE(text.find("Окупаемость в течение 3 месяцев"), std::string::npos);
  EXPECT_NE(text.find("Окупаемость в течение 12 месяцев"), std::string::npos);
  EXPECT_NE(text.find("Горизонт     12 месяцев"), std::string::npos);
  EXPECT_NE(text.find("среднее"), std::string::npos);
  EXPECT_NE(text.find("250,0\u00A0%"), std::string::npos);
  EXPECT_NE(text.find("1,4"), std::string::npos);
  EXPECT_EQ(text.find("250.0"), std::string::npos);
  EXPECT_EQ(text.find("Chances\n"), std::string::npos);
  // Untranslated ids stay English, never empty.
  EXPECT_NE(text.find("Net profit"), std::string::npos);
  // Plural forms one / few / many of the same message.
  EXPECT_EQ(trn("{} month", "{} months", 1, 1).render(ru), "1 месяц");
  EXPECT_EQ(trn("{} month", "{} months", 3, 3).render(ru), "3 месяца");
  EXPECT_EQ(trn("{} month", "{} months", 11, 11).render(ru), "11 месяцев");
  EXPECT_EQ(trn("{} month", "{} months", 21, 21).render(ru), "21 месяц");
  // The machine formats do not change with the locale.
  const Document d = build_report(seed_example());
  EXPECT_EQ(render(d, Format::json, ru), render(d, Format::json, kEn));
  EXPECT_EQ(render(d, Format::csv, ru), render(d, Format::csv, kEn));
}

// --csv excel on the article's example (ROI 250 %, net 225 000 ₽, K_t =
// -8 750 + 21 250 (t - 1), paid back within 3, 6 and 12 months in every run).
TEST(CsvExcel, BomSemicolonsDecimalCommaAndTidyColumns) {
  const std::string csv = render_csv_excel(build_report(article()));
  ASSERT_EQ(csv.rfind("\xEF\xBB\xBF", 0), 0U);  // the BOM first
  EXPECT_EQ(csv.substr(3, csv.find("\r\n") - 3),
            "metric;statistic;month;input;value;ci_low;ci_high;unit");
  // ROI in percent with one decimal and a comma; money in whole units.
  EXPECT_NE(csv.find("\r\nroi;p50;;;250,0;250,0;250,0;%\r\n"), std::string::npos);
  EXPECT_NE(csv.find("\r\nnet_profit;p50;;;225000;225000;225000;RUB\r\n"), std::string::npos);
  // The month is a column, not part of the metric's name.
  EXPECT_NE(csv.find("\r\ncumulative_net;p50;1;;-8750;-8750;-8750;RUB\r\n"), std::string::npos);
  EXPECT_NE(csv.find("\r\ncumulative_net;p95;12;;225000;"), std::string::npos);
  EXPECT_EQ(csv.find("cumulative_net_month"), std::string::npos);
  // Probabilities in percent like ROI, with their exact (Clopper-Pearson)
  // intervals: P(ROI < 0) = 0 and paid back within 6 = 100 % of every run.
  // (article() is built by hand, without run counts: no interval to print.)
  EXPECT_NE(csv.find("\r\nprob_roi_below_zero;value;;;0,0;;;%\r\n"), std::string::npos);
  EXPECT_NE(csv.find("\r\nprob_payback_within;value;6;;100,0;"), std::string::npos);
  // Payback 24/17 = 1.41 months, two decimals.
  EXPECT_NE(csv.find("\r\npayback;p50;;;1,41;1,41;1,41;months\r\n"), std::string::npos);
  // No full-precision numbers, no decimal points.
  EXPECT_EQ(csv.find("1.41"), std::string::npos);
  EXPECT_EQ(csv.find("1,4117"), std::string::npos);
  // Every line has the same 8 fields (the scenario name has none of ;"\n).
  std::size_t start = 3;
  while (start < csv.size()) {
    const std::size_t end = csv.find("\r\n", start);
    ASSERT_NE(end, std::string::npos);
    const std::string line = csv.substr(start, end - start);
    EXPECT_EQ(std::count(line.begin(), line.end(), ';'), 7) << line;
    start = end + 2;
  }
}

TEST(CsvExcel, QuotesFieldsWithSemicolonsAndComparesOneRowPerScenario) {
  SimulationResults r = article();
  r.scenario_name = "Salon; \"Samara\"";
  const std::string csv = render_csv_excel(build_report(r));
  EXPECT_NE(csv.find("\r\nscenario;name;;;\"Salon; \"\"Samara\"\"\";;;\r\n"), std::string::npos)
      << csv.substr(0, 300);
  const std::string cmp = render_csv_excel(build_compare({article(), uncertain()}));
  ASSERT_EQ(cmp.rfind("\xEF\xBB\xBF", 0), 0U);
  EXPECT_EQ(std::count(cmp.begin(), cmp.end(), '\n'), 3);  // header and two scenarios
  EXPECT_NE(cmp.find("roi_p50_pct"), std::string::npos);
  EXPECT_NE(cmp.find("prob_roi_below_zero_pct"), std::string::npos);
  // The uncertain scenario: P(ROI < 0) = 0.25 -> 25,0; ROI P50 35.5 -> 35,5.
  EXPECT_NE(cmp.find(";35,5;"), std::string::npos);
  EXPECT_NE(cmp.find(";25,0;"), std::string::npos);
}

TEST(CsvExcel, FlavourNames) {
  EXPECT_EQ(parse_csv_flavor("excel"), CsvFlavor::excel);
  EXPECT_EQ(parse_csv_flavor("rfc"), CsvFlavor::rfc);
  EXPECT_FALSE(parse_csv_flavor("xls").has_value());
}

}  // namespace
}  // namespace simroi
