// Figure blocks drawn as SVG (include/simroi/report/charts.h), on figures
// built by hand: the renderer draws what the figure says and nothing else.
#include "simroi/report/charts.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "simroi/report/document.h"

namespace simroi {
namespace {

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
    ++n;
  }
  return n;
}

Figure bars(std::vector<double> values) {
  Figure f;
  f.key = "bars";
  f.title = Text::verbatim("ROI <&>");
  f.x.label = Text::verbatim("ROI, %");
  f.x.unit = CellKind::percent;
  Series s;
  s.kind = SeriesKind::bars;
  s.role = SeriesRole::values;
  s.value_labels = 1;
  for (std::size_t i = 0; i < values.size(); ++i) {
    f.y.categories.push_back(Text::verbatim(fmt::format("P{}", i)));
    s.points.push_back({values[i], static_cast<double>(i), values[i] - 5, values[i] + 5});
  }
  f.series.push_back(s);
  f.references.push_back({AxisId::x, 0.0, {}});
  return f;
}

Figure xy() {
  Figure f;
  f.key = "xy";
  f.title = Text::verbatim("Fan");
  f.x.label = Text::verbatim("Month");
  f.x.unit = CellKind::count;
  f.y.label = Text::verbatim("Net, ₽");
  f.y.unit = CellKind::money;
  f.y.currency = "RUB";
  Series band;
  band.kind = SeriesKind::band;
  band.role = SeriesRole::outer_band;
  band.label = Text::verbatim("P5–P95");
  Series line;
  line.kind = SeriesKind::line;
  line.role = SeriesRole::central;
  line.label = Text::verbatim("median");
  for (int m = 1; m <= 3; ++m) {
    band.points.push_back({double(m), kNoValue, -1000.0 * m, 1500.5 * m});
    line.points.push_back({double(m), 250.0 * m});
  }
  f.series = {band, line};
  f.references.push_back({AxisId::y, 0.0, Text::verbatim("break-even")});
  return f;
}

TEST(Charts, BarsOneRowPerCategoryColouredBySign) {
  const std::string svg = render_svg(bars({-20, 10, 30}), Locale::english());
  EXPECT_EQ(
      svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"800.0\" height=\"200.0\"", 0),
      0U)
      << svg;                                     // 50 + 3 rows x 30 + 60
  EXPECT_EQ(count(svg, "fill=\"#fc9272\""), 1U);  // the one loss
  EXPECT_EQ(count(svg, "fill=\"#6baed6\""), 2U);
  EXPECT_EQ(count(svg, "<path d=\"M"), 3U);  // a whisker each
  for (const char* label : {">P0<", ">P1<", ">P2<", ">-20.0\u00A0%<", ">30.0\u00A0%<"}) {
    EXPECT_NE(svg.find(label), std::string::npos) << label;
  }
  EXPECT_NE(svg.find("<title>ROI &lt;&amp;&gt;</title>"), std::string::npos);
  EXPECT_EQ(count(svg, "stroke-dasharray=\"4 3\""), 1U);  // break-even
  EXPECT_EQ(svg.substr(svg.size() - 7), "</svg>\n");
}

TEST(Charts, ABarWithoutAValueKeepsItsLabelOnly) {
  const std::string svg = render_svg(bars({10, std::nan("")}), Locale::english());
  EXPECT_NE(svg.find(">P1<"), std::string::npos);
  EXPECT_EQ(count(svg, "<path d=\"M"), 1U);
}

TEST(Charts, XyBandsLinesLegendAndTicks) {
  const std::string svg = render_svg(xy(), Locale::english());
  EXPECT_EQ(count(svg, "<polygon"), 1U);
  EXPECT_EQ(count(svg, "<polyline"), 1U);
  // Legend: the two labelled series and the labelled reference line.
  for (const char* label : {">P5–P95<", ">median<", ">break-even<", ">Month<", ">Net, ₽<"}) {
    EXPECT_NE(svg.find(label), std::string::npos) << label;
  }
  // Whole-month ticks 1, 2, 3; money ticks cover [-3000, 4501.5]: about six
  // steps of (4501.5 + 3000) / 6 = 1250, rounded to 1000, from -3000 to 5000.
  for (const char* tick :
       {">1<", ">2<", ">3<", ">-3\u00A0000\u00A0₽<", ">5\u00A0000\u00A0₽<"}) {
    EXPECT_NE(svg.find(tick), std::string::npos) << tick;
  }
  EXPECT_EQ(svg.find(">6\u00A0000\u00A0₽<"), std::string::npos);
  EXPECT_EQ(svg.find(">-4\u00A0000\u00A0₽<"), std::string::npos);
}

TEST(Charts, ABandWithAGapIsNotDrawn) {
  Figure f = xy();
  f.series[0].points[1].high = kNoValue;
  const std::string svg = render_svg(f, Locale::english());
  EXPECT_EQ(count(svg, "<polygon"), 0U);
  EXPECT_EQ(count(svg, "<polyline"), 1U);
}

TEST(Charts, LabelsFollowTheLocaleCoordinatesDoNot) {
  const Locale ru = Locale::russian(nullptr);
  const std::string svg = render_svg(bars({-20.25, 10}), ru);
  EXPECT_NE(svg.find(">-20,2\u00A0%<"), std::string::npos) << svg;
  EXPECT_EQ(svg.find(">-20.2"), std::string::npos);
  EXPECT_NE(svg.find("width=\"800.0\""), std::string::npos);  // coordinates keep '.'
  EXPECT_EQ(render_svg(xy(), ru).find("800,0"), std::string::npos);
}

TEST(Charts, SameFigureSameBytes) {
  EXPECT_EQ(render_svg(xy(), Locale::english()), render_svg(xy(), Locale::english()));
  EXPECT_EQ(render_svg(bars({1, 2}), Locale::english()),
            render_svg(bars({1, 2}), Locale::english()));
}

}  // namespace
}  // namespace simroi
