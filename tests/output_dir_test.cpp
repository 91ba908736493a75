// `--out DIR` (include/simroi/report/output_dir.h): files, atomic writes, errors.
#include "simroi/report/output_dir.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "simroi/core/error.h"
#include "simroi/report/charts.h"
#include "simroi/report/document.h"
#include "simroi/report/report.h"
#include "simroi/report/report_files.h"

namespace simroi {
namespace {

namespace fs = std::filesystem;

SimulationResults sample(std::string business) {
  SimulationResults r;
  r.scenario_name = "Салон <&> \"A\"";
  r.business = std::move(business);
  r.file = "scenarios/salon.yaml";
  r.currency = "RUB";
  r.runs = 1000;
  r.seed = 1;
  r.horizon_months = 12;
  r.percentiles = {5, 50, 95};
  for (const double p : r.percentiles) {
    r.roi_pct.percentiles.push_back({p, p * 3 - 40, p * 3 - 45, p * 3 - 35, 2.5});
    r.net_profit.percentiles.push_back({p, p * 1000, p * 1000, p * 1000, 0});
    r.npv.percentiles.push_back({p, p * 900, p * 900, p * 900, 0});
    r.payback.percentiles.push_back({p, p / 10, p / 10, p / 10, 0});
  }
  for (int t = 1; t <= 12; ++t) {
    MonthFan f;
    f.month = t;
    for (const double p : {5.0, 25.0, 50.0, 75.0, 95.0}) {
      const double v = -30000 + (p * 100 + 5000) * t;
      f.cumulative_net.push_back({p, v, v, v, 0});
    }
    r.monthly.push_back(f);
  }
  return r;
}

class TempDir {
 public:
  TempDir() {
    path_ = fs::temp_directory_path() /
            ("simroi_out_test_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

const Locale kEn = Locale::english();

std::vector<fs::path> write_report_dir(const fs::path& dir, const SimulationResults& r) {
  return write_files(dir, report_files(build_report(r), kEn));
}

std::vector<fs::path> write_compare_dir(const fs::path& dir,
                                        const std::vector<SimulationResults>& all) {
  return write_files(dir, compare_files(build_compare(all), kEn));
}

// The SVG of the figure `key` of one scenario's report.
std::string chart(const SimulationResults& r, std::string_view key) {
  const Document d = build_report(r);
  for (const Figure* f : d.figures()) {
    if (f->key == key) return render_svg(*f, kEn);
  }
  return {};
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(OutputDir, WritesEveryFileAndNoTemporaries) {
  const TempDir tmp;
  const fs::path dir = tmp.path() / "nested" / "salon";
  const auto written = write_report_dir(dir, sample("salon"));
  // Four reports, report.xlsx, report.html, and the percentiles, payback and fan
  // charts in three formats (no histogram or tornado: the sample has no sensitivity runs).
  EXPECT_EQ(written.size(), 15U);
  for (const char* name :
       {"report.json", "report.md", "report.csv", "report.txt", "report.xlsx", "report.html",
        "fan.svg", "fan.png", "fan.pdf", "percentiles.svg", "percentiles.png", "percentiles.pdf",
        "payback.svg", "payback.png", "payback.pdf"}) {
    EXPECT_TRUE(fs::is_regular_file(dir / name)) << name;
    EXPECT_GT(fs::file_size(dir / name), 0U) << name;
  }
  for (const auto& entry : fs::directory_iterator(dir)) {
    EXPECT_NE(entry.path().filename().string().front(), '.') << entry.path();
  }
  const auto j = nlohmann::json::parse(slurp(dir / "report.json"));
  EXPECT_EQ(j["schema"], "simroi.report/2");
  const std::string fan = slurp(dir / "fan.svg");
  EXPECT_NE(fan.find("<svg xmlns=\"http://www.w3.org/2000/svg\""), std::string::npos);
  EXPECT_NE(fan.find("<title>Cumulative net by month — Салон &lt;&amp;&gt; &quot;A&quot;</title>"),
            std::string::npos)
      << fan.substr(0, 400);  // the name, escaped
  EXPECT_EQ(fan.find("<&>"), std::string::npos);
  EXPECT_EQ(slurp(dir / "fan.pdf").rfind("%PDF-", 0), 0U);
  EXPECT_EQ(slurp(dir / "fan.png").rfind("\x89PNG", 0), 0U);
}

TEST(OutputDir, ChartsAreDeterministic) {
  EXPECT_EQ(chart(sample("a"), "fan"), chart(sample("a"), "fan"));
  EXPECT_EQ(chart(sample("a"), "percentiles"), chart(sample("a"), "percentiles"));
  SimulationResults empty = sample("a");
  empty.monthly.clear();
  empty.roi_pct.percentiles.clear();
  EXPECT_NE(chart(empty, "fan").find("</svg>"), std::string::npos);
  EXPECT_NE(chart(empty, "percentiles").find("</svg>"), std::string::npos);
}

TEST(OutputDir, WriteFilesWritesWhatItIsGivenInOrder) {
  const TempDir tmp;
  const std::vector<OutputFile> files{
      {"a.txt", "first"}, {"sub/deeper/b.bin", std::string("x\0y", 3)}, {"sub/c.txt", ""}};
  const auto written = write_files(tmp.path() / "out", files);
  ASSERT_EQ(written.size(), 3U);
  for (std::size_t i = 0; i < files.size(); ++i) {
    EXPECT_EQ(written[i], tmp.path() / "out" / files[i].path);
    EXPECT_EQ(slurp(written[i]), files[i].content) << files[i].path;
  }
  EXPECT_TRUE(write_files(tmp.path() / "empty", {}).empty());
  EXPECT_TRUE(fs::is_directory(tmp.path() / "empty"));  // created even with nothing in it
}

TEST(OutputDir, AtomicWriteReplacesTheFile) {
  const TempDir tmp;
  ensure_directory(tmp.path());
  write_file_atomic(tmp.path() / "x.txt", "first");
  write_file_atomic(tmp.path() / "x.txt", "second");
  EXPECT_EQ(slurp(tmp.path() / "x.txt"), "second");
  EXPECT_EQ(std::distance(fs::directory_iterator(tmp.path()), fs::directory_iterator()), 1);
}

TEST(OutputDir, AFileInTheWayIsAUserError) {
  const TempDir tmp;
  ensure_directory(tmp.path());
  write_file_atomic(tmp.path() / "file", "x");
  try {
    (void)write_report_dir(tmp.path() / "file", sample("salon"));
    FAIL() << "expected UserError";
  } catch (const UserError& e) {
    EXPECT_EQ(e.exit_code(), kExitUsage);
    EXPECT_NE(std::string(e.what()).find("not a directory"), std::string::npos) << e.what();
  }
}

TEST(OutputDir, UnwritableDirectoryIsAUserError) {
  if (::geteuid() == 0) GTEST_SKIP() << "root can write anywhere";
  const TempDir tmp;
  ensure_directory(tmp.path());
  fs::permissions(tmp.path(), fs::perms::owner_read | fs::perms::owner_exec);
  try {
    write_file_atomic(tmp.path() / "report.json", "{}");
    FAIL() << "expected UserError";
  } catch (const UserError& e) {
    EXPECT_EQ(e.exit_code(), kExitUsage);
    EXPECT_NE(std::string(e.what()).find("cannot write"), std::string::npos) << e.what();
  }
}

TEST(OutputDir, UncreatableDirectoryIsAUserError) {
  // /proc refuses new entries even to root.
  try {
    (void)write_report_dir("/proc/simroi-no-such-dir/out", sample("salon"));
    FAIL() << "expected UserError";
  } catch (const UserError& e) {
    EXPECT_EQ(e.exit_code(), kExitUsage);
    EXPECT_NE(std::string(e.what()).find("/proc/simroi-no-such-dir/out"), std::string::npos)
        << e.what();
  }
}

TEST(OutputDir, CompareWritesSubfoldersWithUniqueNames) {
  const TempDir tmp;
  SimulationResults no_business = sample("");
  no_business.file = "dir/clinic.yaml";
  const std::vector<SimulationResults> all{sample("salon"), sample("salon"), no_business,
                                           sample("../evil/x")};
  EXPECT_EQ(compare_folder_names(all),
            (std::vector<std::string>{"salon", "salon-2", "clinic", "_._evil_x"}));
  (void)write_compare_dir(tmp.path(), all);
  for (const char* name :
       {"compare.json", "compare.md", "compare.csv", "compare.txt", "compare.xlsx", "compare.html",
        "salon/report.xlsx", "salon/report.json", "salon-2/fan.svg", "clinic/report.csv",
        "_._evil_x/percentiles.svg", "roi_cdf.svg", "roi_cdf.png", "roi_cdf.pdf", "risk_return.svg",
        "risk_return.png", "risk_return.pdf"}) {
    EXPECT_TRUE(fs::is_regular_file(tmp.path() / name)) << name;
  }
  const auto j = nlohmann::json::parse(slurp(tmp.path() / "compare.json"));
  EXPECT_EQ(j["schema"], "simroi.compare/2");
  EXPECT_EQ(j["scenarios"].size(), 4U);
}

}  // namespace
}  // namespace simroi
