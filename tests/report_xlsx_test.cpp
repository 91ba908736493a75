// report.xlsx, end to end: `simroi --out` on the article's worked example
// (spec/model.md: every input fixed, so every run gives ROI 250 % and net
// profit 225 000 ₽), the workbook unpacked with unzip and its XML read.
#include "simroi/report/report_xlsx.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "binary_fixture.h"

namespace {

namespace fs = std::filesystem;
using simroi::testing::BinaryTest;
using simroi::testing::Result;

constexpr const char* kArticleYaml = R"(name: Article <&> example
business: salon
currency: RUB
horizon_months: 12
simulation:
  runs: 1000
  seed: 42
baseline:
  leads_per_month: 200
  booking_conversion: 10%
  average_check: 1500
assistant:
  lead_growth: 25%
  booking_conversion_after: 15%
costs:
  implementation: 30000
  monthly: 5000
)";

class Xlsx : public BinaryTest {
 protected:
  /// The folder written by `simroi article.yaml --runs 200 --lang LANG --out`.
  fs::path report(const std::string& lang) {
    const std::string file = write("article.yaml", kArticleYaml);
    const fs::path out = dir_ / ("out-" + lang);
    const Result r =
        run(fmt::format("'{}' --runs 200 --lang {} --out '{}'", file, lang, out.string()));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return out;
  }
  /// One member of the zip archive `xlsx` ("" when it is not there).
  std::string member(const fs::path& xlsx, const std::string& name) const {
    const fs::path to = dir_ / "member.xml";
    const std::string command =
        fmt::format("unzip -p '{}' '{}' >'{}' 2>/dev/null", xlsx.string(), name, to.string());
    if (std::system(command.c_str()) != 0) return {};
    return slurp(to);
  }
};

TEST_F(Xlsx, SheetsLabelsAndNumberFormatsInRussian) {
  if (std::system("command -v unzip >/dev/null 2>&1") != 0) GTEST_SKIP() << "no unzip";
  const fs::path xlsx = report("ru") / "report.xlsx";
  ASSERT_TRUE(fs::is_regular_file(xlsx));
  const std::string workbook = member(xlsx, "xl/workbook.xml");
  for (const char* sheet :
       {"Сводка", "Процентили", "По месяцам", "Чувствительность", "Исходные данные"}) {
    EXPECT_NE(workbook.find(fmt::format("name=\"{}\"", sheet)), std::string::npos) << sheet;
  }
  // Labels in Russian (the catalogue's "table header" "mean" is "среднее"),
  // the title escaped as XML.
  const std::string strings = member(xlsx, "xl/sharedStrings.xml");
  EXPECT_NE(strings.find("среднее"), std::string::npos);
  EXPECT_NE(strings.find("Article &lt;&amp;&gt; example"), std::string::npos);
  // ₽ and % number formats.
  const std::string styles = member(xlsx, "xl/styles.xml");
  EXPECT_NE(styles.find("formatCode=\"#,##0 &quot;₽&quot;\""), std::string::npos) << styles;
  EXPECT_NE(styles.find("formatCode=\"0.0%\""), std::string::npos);
  // The numbers are numbers: ROI 250 % is the fraction 2.5, net profit
  // 225 000 (the article's closed form), in the Percentiles sheet.
  const std::string percentiles = member(xlsx, "xl/worksheets/sheet2.xml");
  EXPECT_NE(percentiles.find("<v>2.5</v>"), std::string::npos);
  EXPECT_NE(percentiles.find("<v>225000</v>"), std::string::npos);
  // Month as a column: the fan sheet has months 1..12 and K_1 = -8 750.
  const std::string fan = member(xlsx, "xl/worksheets/sheet3.xml");
  EXPECT_NE(fan.find("<v>12</v>"), std::string::npos);
  EXPECT_NE(fan.find("<v>-8750</v>"), std::string::npos);
  // The summary's key figures: the median ROI (2.5) and net profit, and the
  // chance of paying back within 12 months (every run: 1).
  const std::string summary = member(xlsx, "xl/worksheets/sheet1.xml");
  EXPECT_NE(summary.find("<v>2.5</v>"), std::string::npos);
  EXPECT_NE(summary.find("<v>225000</v>"), std::string::npos);
  EXPECT_NE(summary.find("<v>1</v>"), std::string::npos);
  EXPECT_NE(strings.find("Ключевые показатели"), std::string::npos);
  // Native charts: the ROI percentile bars and the fan lines.
  EXPECT_NE(member(xlsx, "xl/charts/chart1.xml").find("<c:barChart>"), std::string::npos);
  EXPECT_NE(member(xlsx, "xl/charts/chart2.xml").find("<c:lineChart>"), std::string::npos);
}

TEST_F(Xlsx, EnglishLabelsAndTheSameReportGivesTheSameFile) {
  if (std::system("command -v unzip >/dev/null 2>&1") != 0) GTEST_SKIP() << "no unzip";
  const fs::path xlsx = report("en") / "report.xlsx";
  const std::string workbook = member(xlsx, "xl/workbook.xml");
  for (const char* sheet : {"Summary", "Percentiles", "Monthly fan", "Sensitivity", "Inputs"}) {
    EXPECT_NE(workbook.find(fmt::format("name=\"{}\"", sheet)), std::string::npos) << sheet;
  }
  EXPECT_NE(member(xlsx, "xl/sharedStrings.xml").find(">mean<"), std::string::npos);
  const std::string first = slurp(xlsx);
  const std::string again = slurp(report("en") / "report.xlsx");
  EXPECT_EQ(first, again);
}

// A spreadsheet reader, not only the XML: openpyxl opens report.xlsx of an
// uncertain scenario (salon.yaml) and finds the sheets, ROI / net profit P50,
// the fan's last month and every month of the payback curve equal to
// report.json's, with ₽ and % number formats, and the native charts
// (tests/tools/xlsx_openpyxl_check.py). Skipped, with a message, only when no
// python3 with openpyxl is installed (.ci/packages installs python3-openpyxl).
TEST_F(Xlsx, OpenpyxlReadsTheSameNumbersAsTheJson) {
  // Debian's python3 first: a python3 earlier in PATH may lack the package.
  std::string python;
  for (const char* candidate : {"/usr/bin/python3", "python3"}) {
    const std::string probe = fmt::format("{} -c 'import openpyxl' >/dev/null 2>&1", candidate);
    if (std::system(probe.c_str()) == 0) {
      python = candidate;
      break;
    }
  }
  if (python.empty()) GTEST_SKIP() << "no python3 with openpyxl (apt install python3-openpyxl)";
  const std::string scenario = std::string(SIMROI_SOURCE_DIR) + "/scenarios/salon.yaml";
  const std::string script = std::string(SIMROI_SOURCE_DIR) + "/tests/tools/xlsx_openpyxl_check.py";
  for (const std::string lang : {"ru", "en"}) {
    const fs::path out = dir_ / ("salon-" + lang);
    const Result r =
        run(fmt::format("'{}' --runs 2000 --lang {} --out '{}'", scenario, lang, out.string()));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const fs::path log = dir_ / "openpyxl.txt";
    const int status = std::system(
        fmt::format("{} '{}' '{}' {} >'{}' 2>&1", python, script, out.string(), lang, log.string())
            .c_str());
    EXPECT_EQ(status, 0) << lang << ":\n" << slurp(log);
  }
}

}  // namespace
