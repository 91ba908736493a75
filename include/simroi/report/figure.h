#pragma once
// Figure blocks: a chart's data and labels, with no drawing in them. The
// report model (document.h) builds them from SimulationResults; a chart
// renderer (charts.h: SVG today) decides sizes, fonts, colours and ticks.
//
// A figure has two axes and a list of series drawn in order over them:
//
//   line   points joined in order (x, y)
//   band   the area between `low` and `high` over x (a percentile band)
//   bars   one bar per category, from the series' `base` (0) to the point's
//          coordinate on the value axis, with a whisker [low, high] on that
//          axis where finite
//   columns  vertical bars over a numeric x axis: from x = low to x = high,
//          0 to y (a histogram bin)
//   markers  a disc at (x, y) whose area grows with `low` (any unit; scaled
//          to the largest |low| of all markers), the series' label printed
//          beside it (risk / return: a series per scenario)
//
// An axis with `categories` is a category axis: a point's coordinate on it
// is the category's index (0 = the first: leftmost, or topmost on a vertical
// axis); the other axis is then the value axis. Otherwise both axes are
// numeric, in the unit of their `unit` (how ticks and value labels are
// written: render_cell of a cell of that kind).
//
// Reference lines (break-even at 0) are drawn across the plot. The legend
// lists the labelled series, then the labelled reference lines on y, in
// order; a labelled reference line on x carries its label at its top (P5,
// P50, P95 on a histogram).
//
// The figures of a report (document.h):
//   "fan"          x: month (count) from 0 (the outlay -I), y: cumulative net
//                  (money); bands P5-P95
//                  (outer) and P25-P75 (inner), the median line (central),
//                  break-even at y = 0
//   "percentiles"  y: the ROI percentiles P5, P10, ... (categories, top to
//                  bottom), x: ROI (percent); bars with 95 % confidence
//                  whiskers and their value printed, break-even at x = 0
//   "roi_histogram"  x: ROI (percent), y: share of runs (percent); loss and
//                  gain columns, P5 / P50 / P95 marked, break-even at x = 0
//   "payback"      x: month (count), y: P(paid back by month t) (percent),
//                  the share never paid back within the horizon above it
//   "tornado"      y: the uncertain inputs by swing (categories), x: median
//                  net (money) with the input in its lowest / highest decile,
//                  bars from the median net of all runs
// The figures of a comparison:
//   "roi_cdf"      x: ROI (percent), y: P(ROI <= x) (percent), a line per
//                  scenario
//   "risk_return"  x: median ROI (percent), y: P(ROI < 0) (percent), a marker
//                  per scenario sized by its median net profit
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "simroi/core/text.h"

namespace simroi {

enum class CellKind : std::uint8_t;

struct Axis {
  Text label;
  /// How values on this axis are written: CellKind::money, percent,
  /// probability, months, count or number (see document.h).
  CellKind unit{};
  int decimals = 0;      ///< of tick labels
  std::string currency;  ///< money
  /// A category axis when not empty: position i is categories[i].
  std::vector<Text> categories;
};

enum class SeriesKind : std::uint8_t { line, band, bars, columns, markers };

/// What a series shows, for a renderer's palette (and a legend's order).
enum class SeriesRole : std::uint8_t {
  outer_band,  ///< the wide uncertainty band (P5-P95)
  inner_band,  ///< the narrow one (P25-P75)
  central,     ///< the central estimate (the median)
  values,      ///< values that are good above 0 and bad below (ROI bars)
  loss,        ///< values that lose money (histogram bins below 0)
  gain,        ///< values that make money
  low,         ///< an input at its low decile (tornado)
  high,        ///< an input at its high decile (tornado)
  scenario,    ///< one scenario of a comparison: colour by `Series::colour`
};

inline constexpr double kNoValue = std::numeric_limits<double>::quiet_NaN();

/// One point: coordinates on the two axes (a category index on a category
/// axis), and an interval on the value axis (band edges, a whisker). A
/// non-finite coordinate means "no value here".
struct Point {
  double x = 0;
  double y = 0;
  double low = kNoValue;
  double high = kNoValue;
};

struct Series {
  std::string key;  ///< "p5_p95", "median", "roi"
  SeriesKind kind = SeriesKind::line;
  SeriesRole role = SeriesRole::central;
  Text label;  ///< the legend entry; empty: none
  std::vector<Point> points;
  /// Bars: print each bar's value beside it with this many decimals, in the
  /// value axis's unit.
  std::optional<int> value_labels;
  double base = 0;  ///< bars start here on the value axis
  int colour = 0;   ///< SeriesRole::scenario: the index in the palette
};

enum class AxisId : std::uint8_t { x, y };

/// A line across the plot at `value` on `axis` (break-even at 0).
struct ReferenceLine {
  AxisId axis = AxisId::y;
  double value = 0;
  Text label;  ///< the legend entry; empty: none
};

struct Figure {
  std::string key;  ///< "fan", "percentiles": the file stem under --out
  Text title;
  Axis x;
  Axis y;
  std::vector<Series> series;  ///< drawn in this order
  std::vector<ReferenceLine> references;
};

}  // namespace simroi
