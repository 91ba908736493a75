// report.html: the page's content (render_html on a report built from the
// article's worked example), and the page as a person sees it: opened in
// headless Chromium, its screenshot decoded (cairo) and its DOM read.
#include "simroi/report/report_html.h"

#include <cairo.h>
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>

#include "binary_fixture.h"

namespace {

namespace fs = std::filesystem;
using simroi::testing::BinaryTest;
using simroi::testing::Result;

// The article's example (spec/model.md) with two uncertain inputs, so the
// fan has bands and the sensitivity table rows; a name to escape.
constexpr const char* kYaml = R"(name: Salon <&> "Samara"
business: salon
currency: RUB
horizon_months: 12
simulation:
  runs: 1000
  seed: 42
baseline:
  leads_per_month: 200
  booking_conversion: 10%
  average_check: {pert: [1200, 1500, 2200]}
assistant:
  lead_growth: {uniform: [15%, 40%]}
  booking_conversion_after: 15%
costs:
  implementation: {uniform: [10000, 50000]}
  monthly: 5000
)";

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// The charts --out wrote beside the page (one .svg each): the page inlines every one.
std::size_t svg_files(const fs::path& dir) {
  std::size_t n = 0;
  for (const auto& e : fs::directory_iterator(dir)) n += e.path().extension() == ".svg";
  return n;
}

class Html : public BinaryTest {
 protected:
  fs::path report(const std::string& lang) {
    const std::string file = write("salon.yaml", kYaml);
    const fs::path out = dir_ / ("out-" + lang);
    const Result r =
        run(fmt::format("'{}' --runs 500 --lang {} --out '{}'", file, lang, out.string()));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return out / "report.html";
  }
};

TEST_F(Html, SelfContainedEscapedAndInTheReadersLanguage) {
  const fs::path page = report("ru");
  const std::string ru = slurp(page);
  EXPECT_EQ(ru.rfind("<!DOCTYPE html>\n<html lang=\"ru\">", 0), 0U);
  EXPECT_NE(ru.find("<meta charset=\"utf-8\">"), std::string::npos);
  EXPECT_NE(ru.find("<style>"), std::string::npos);
  // Every chart of the report inline, without their XML declarations.
  EXPECT_GE(svg_files(page.parent_path()), 4U);
  EXPECT_EQ(count(ru, "<svg "), svg_files(page.parent_path()));
  EXPECT_EQ(ru.find("<?xml"), std::string::npos);
  // Nothing fetched, nothing run.
  // (cairo's SVG refers to its own clip paths as url(#clip1): inside the page.)
  for (const char* bad : {"<script", "<link", "src=", "url(http", "url(//", "url(file", "@import",
                          "<iframe", "href=\"http"}) {
    EXPECT_EQ(ru.find(bad), std::string::npos) << bad;
  }
  // The user's name escaped in the title, the heading and the charts.
  EXPECT_NE(ru.find("<title>Salon &lt;&amp;&gt; &quot;Samara&quot;</title>"), std::string::npos);
  EXPECT_EQ(ru.find("<&>"), std::string::npos);
  // Russian labels and numbers: the verdict, the mean column, a decimal comma
  // in ROI percentages.
  EXPECT_NE(ru.find("<div class=\"verdict\">"), std::string::npos);
  EXPECT_NE(ru.find(">среднее</th>"), std::string::npos);
  // Every table of the report model, with every month of the fan (detail rows too).
  for (const char* section : {"outcomes", "chances", "fan", "sensitivity", "tornado", "inputs"}) {
    EXPECT_NE(ru.find(fmt::format("<section id=\"{}\">", section)), std::string::npos) << section;
  }
  const std::string en = slurp(report("en"));
  EXPECT_EQ(en.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0), 0U);
  EXPECT_NE(en.find(">mean</th>"), std::string::npos);
}

/// The number of distinct colours of a PNG, or -1 when it cannot be read.
int distinct_colours(const fs::path& png) {
  cairo_surface_t* s = cairo_image_surface_create_from_png(png.c_str());
  if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(s);
    return -1;
  }
  cairo_surface_flush(s);
  const int w = cairo_image_surface_get_width(s);
  const int h = cairo_image_surface_get_height(s);
  const int stride = cairo_image_surface_get_stride(s);
  const unsigned char* data = cairo_image_surface_get_data(s);
  std::set<std::uint32_t> colours;
  for (int y = 0; y < h; ++y) {
    const auto* row =
        reinterpret_cast<const std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y) * stride);
    for (int x = 0; x < w; ++x) colours.insert(row[x]);
  }
  cairo_surface_destroy(s);
  return static_cast<int>(colours.size());
}

// Headless Chromium renders the page: a screenshot with many colours (text
// antialiasing and the charts' palette; a blank or error page has a handful),
// and a DOM with the title and both charts. Two Chromium runs per language,
// about 1-3 s each.
TEST_F(Html, ChromiumRendersIt) {
  if (std::system("command -v chromium >/dev/null 2>&1") != 0) GTEST_SKIP() << "no chromium";
  for (const std::string lang : {"ru", "en"}) {
    const fs::path html = report(lang);
    const fs::path png = dir_ / ("screenshot-" + lang + ".png");
    const fs::path dom = dir_ / ("dom-" + lang + ".html");
    const std::string chromium = fmt::format(
        // `timeout`: a Chromium that hangs fails the test instead of the CI run.
        "timeout 60 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars "
        "--user-data-dir='{}' --window-size=1280,2000",
        (dir_ / "chromium-profile").string());
    ASSERT_EQ(std::system(fmt::format("{} --screenshot='{}' 'file://{}' >/dev/null 2>&1", chromium,
                                      png.string(), html.string())
                              .c_str()),
              0);
    ASSERT_EQ(std::system(fmt::format("{} --dump-dom 'file://{}' >'{}' 2>/dev/null", chromium,
                                      html.string(), dom.string())
                              .c_str()),
              0);
    // A blank page has 1 colour, Chromium's error page a few dozen; text in
    // two weights and the charts' bands give hundreds.
    EXPECT_GT(distinct_colours(png), 200) << lang;
    const std::string text = slurp(dom);
    EXPECT_NE(text.find("<title>Salon &lt;&amp;&gt; \"Samara\"</title>"), std::string::npos)
        << text.substr(0, 400);
    EXPECT_EQ(count(text, "<svg "), svg_files(html.parent_path())) << lang;
    EXPECT_NE(text.find("<path"), std::string::npos);  // the charts were parsed as SVG
  }
}

}  // namespace
