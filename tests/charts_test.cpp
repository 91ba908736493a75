// Figure blocks drawn by cairo (include/simroi/report/charts.h), on figures
// built by hand and on the figures of a report: every layout in every format
// and language gives a well-formed file of the right size with something on it.
#include "simroi/report/charts.h"

#include <cairo.h>
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <memory>
#include <set>
#include <string>

#include "simroi/report/document.h"

namespace simroi {
namespace {

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

Figure xy(int months = 3) {
  Figure f;
  f.key = "xy";
  f.title = Text::verbatim("Накопленный результат — Fan");
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
  for (int m = 0; m <= months; ++m) {
    band.points.push_back({double(m), kNoValue, -1000.0 * m, 1500.5 * m});
    line.points.push_back({double(m), 250.0 * m});
  }
  f.series = {band, line};
  f.references.push_back({AxisId::y, 0.0, Text::verbatim("break-even")});
  return f;
}

Figure columns_and_markers() {
  Figure f;
  f.key = "mixed";
  f.title = Text::verbatim("Histogram and markers");
  f.x.label = Text::verbatim("ROI, %");
  f.x.unit = CellKind::percent;
  f.y.label = Text::verbatim("share");
  f.y.unit = CellKind::probability;
  Series loss;
  loss.kind = SeriesKind::columns;
  loss.role = SeriesRole::loss;
  loss.label = Text::verbatim("loss");
  loss.points.push_back({-25, 0.2, -50, 0});
  Series gain = loss;
  gain.role = SeriesRole::gain;
  gain.points = {{25, 0.5, 0, 50}, {75, 0.3, 50, 100}};
  Series m;
  m.kind = SeriesKind::markers;
  m.role = SeriesRole::scenario;
  m.colour = 2;
  m.label = Text::verbatim("Salon");
  m.points.push_back({40, 0.1, 250000});
  f.series = {loss, gain, m};
  f.references.push_back({AxisId::x, 0.0, {}});
  f.references.push_back({AxisId::x, 30, Text::verbatim("P50")});
  return f;
}

cairo_status_t read_from(void* closure, unsigned char* data, unsigned int length) {
  auto* s = static_cast<std::pair<const std::string*, std::size_t>*>(closure);
  if (s->second + length > s->first->size()) return CAIRO_STATUS_READ_ERROR;
  std::memcpy(data, s->first->data() + s->second, length);
  s->second += length;
  return CAIRO_STATUS_SUCCESS;
}

struct Decoded {
  int width = 0, height = 0;
  std::size_t colours = 0;  // distinct pixel values
  bool ok = false;
};

// The PNG decoded by cairo: its size and how many distinct pixels it has.
Decoded decode_png(const std::string& png) {
  std::pair<const std::string*, std::size_t> src{&png, 0};
  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> s(
      cairo_image_surface_create_from_png_stream(read_from, &src), &cairo_surface_destroy);
  Decoded d;
  if (cairo_surface_status(s.get()) != CAIRO_STATUS_SUCCESS) return d;
  d.ok = true;
  d.width = cairo_image_surface_get_width(s.get());
  d.height = cairo_image_surface_get_height(s.get());
  const int stride = cairo_image_surface_get_stride(s.get());
  const unsigned char* data = cairo_image_surface_get_data(s.get());
  std::set<std::uint32_t> seen;
  for (int y = 0; y < d.height; y += 3) {
    for (int x = 0; x < d.width; x += 3) {
      std::uint32_t v = 0;
      std::memcpy(&v, data + static_cast<std::ptrdiff_t>(y) * stride + 4 * x, 4);
      seen.insert(v & 0xffffffu);
    }
  }
  d.colours = seen.size();
  return d;
}

// A small well-formedness check of XML: every tag closed in order, every
// attribute value quoted, nothing after the root. Enough to catch a
// truncated or hand-broken file (there is no XML parser among the
// dependencies).
::testing::AssertionResult well_formed_xml(const std::string& xml) {
  std::vector<std::string> open;
  bool root_seen = false;
  for (std::size_t i = 0; i < xml.size();) {
    if (xml[i] != '<') {
      if (root_seen && open.empty() && !std::isspace(static_cast<unsigned char>(xml[i]))) {
        return ::testing::AssertionFailure() << "text after the root at " << i;
      }
      ++i;
      continue;
    }
    const std::size_t end = xml.find('>', i);
    if (end == std::string::npos) return ::testing::AssertionFailure() << "unclosed < at " << i;
    const std::string tag = xml.substr(i + 1, end - i - 1);
    i = end + 1;
    if (tag.empty()) return ::testing::AssertionFailure() << "empty tag";
    if (tag[0] == '?' || tag[0] == '!') continue;
    if (tag[0] == '/') {
      const std::string name = tag.substr(1);
      if (open.empty() || open.back() != name) {
        return ::testing::AssertionFailure() << "</" << name << "> closes nothing open";
      }
      open.pop_back();
      continue;
    }
    if (std::count(tag.begin(), tag.end(), '"') % 2 != 0) {
      return ::testing::AssertionFailure() << "unbalanced quotes in <" << tag << ">";
    }
    const std::string name = tag.substr(0, tag.find_first_of(" \t\n/"));
    root_seen = true;
    if (tag.back() != '/') open.push_back(name);
  }
  if (!open.empty()) return ::testing::AssertionFailure() << "<" << open.back() << "> not closed";
  if (!root_seen) return ::testing::AssertionFailure() << "no root element";
  return ::testing::AssertionSuccess();
}

void expect_every_format(const Figure& f, const Locale& locale) {
  SCOPED_TRACE(f.key);
  const std::string png = render_chart(f, locale, ChartFormat::png);
  const Decoded d = decode_png(png);
  ASSERT_TRUE(d.ok);
  EXPECT_EQ(d.width, 2 * kChartWidth);
  EXPECT_EQ(d.height, 2 * kChartHeight);
  EXPECT_EQ(2 * kChartWidth * 9, 2 * kChartHeight * 16);  // 16:9
  // White, ink, grid, a fill or two and the anti-aliased edges between them:
  // a blank or single-colour image has 1 or 2.
  EXPECT_GT(d.colours, 20U);

  const std::string svg = render_chart(f, locale, ChartFormat::svg);
  EXPECT_TRUE(well_formed_xml(svg));
  EXPECT_NE(svg.find("<svg"), std::string::npos);
  EXPECT_NE(svg.find("<title>" + xml_escape(f.title.render(locale)) + "</title>"),
            std::string::npos);
  EXPECT_EQ(svg, render_svg(f, locale));

  const std::string pdf = render_chart(f, locale, ChartFormat::pdf);
  EXPECT_EQ(pdf.rfind("%PDF-", 0), 0U);
  EXPECT_NE(pdf.find("%%EOF"), std::string::npos);
}

TEST(Charts, EveryLayoutInEveryFormatAndLanguage) {
  for (const Locale& locale : {Locale::english(), Locale::russian(nullptr)}) {
    expect_every_format(bars({-20, 10, 30}), locale);
    expect_every_format(bars({10, std::nan("")}), locale);
    expect_every_format(xy(), locale);
    expect_every_format(xy(120), locale);
    expect_every_format(columns_and_markers(), locale);
  }
}

TEST(Charts, AnEmptyFigureStillGivesAFile) {
  Figure f;
  f.key = "empty";
  f.title = Text::verbatim("nothing");
  const Decoded d = decode_png(render_chart(f, Locale::english(), ChartFormat::png));
  ASSERT_TRUE(d.ok);
  EXPECT_EQ(d.width, 2 * kChartWidth);
  EXPECT_TRUE(well_formed_xml(render_svg(f, Locale::english())));
}

TEST(Charts, TheCheckerRejectsBrokenXml) {
  EXPECT_FALSE(well_formed_xml("<svg><g></svg>"));
  EXPECT_FALSE(well_formed_xml("<svg a=\"1></svg>"));
  EXPECT_FALSE(well_formed_xml("<svg>"));
  EXPECT_TRUE(well_formed_xml("<?xml version=\"1.0\"?>\n<svg><g/><title>x</title></svg>\n"));
}

TEST(Charts, MonthTicksStayReadableOverLongHorizons) {
  // Ten years: a tick a year, 11 labels.
  std::vector<double> want;
  for (int m = 0; m <= 120; m += 12) want.push_back(m);
  EXPECT_EQ(month_ticks(0, 120), want);
  // A year from month 1: every month.
  want.clear();
  for (int m = 1; m <= 12; ++m) want.push_back(m);
  EXPECT_EQ(month_ticks(1, 12), want);
  // Three years: a quarter each, 13 labels at most.
  EXPECT_EQ(month_ticks(0, 36).size(), 13U);
  EXPECT_EQ(month_ticks(0, 36)[1], 3.0);
  for (const int h : {6, 18, 24, 60, 120, 240}) {
    const auto t = month_ticks(0, h);
    EXPECT_LE(t.size(), 13U) << h;
    EXPECT_GE(t.size(), 5U) << h;
    EXPECT_EQ(t.front(), 0.0) << h;
  }
}

TEST(Charts, SameFigureSameBytes) {
  for (const ChartFormat format : {ChartFormat::svg, ChartFormat::png, ChartFormat::pdf}) {
    EXPECT_EQ(render_chart(xy(), Locale::english(), format),
              render_chart(xy(), Locale::english(), format));
    EXPECT_EQ(render_chart(bars({1, 2}), Locale::english(), format),
              render_chart(bars({1, 2}), Locale::english(), format));
  }
}

TEST(Charts, Extensions) {
  EXPECT_STREQ(chart_extension(ChartFormat::svg), "svg");
  EXPECT_STREQ(chart_extension(ChartFormat::png), "png");
  EXPECT_STREQ(chart_extension(ChartFormat::pdf), "pdf");
}

}  // namespace
}  // namespace simroi
