// Figure blocks drawn as SVG (include/simroi/report/charts.h).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string_view>

#include "simroi/report/charts.h"
#include "simroi/report/document.h"
#include "simroi/report/format.h"

namespace simroi {

namespace {

// Coordinates: one decimal, '.', whatever the reader's locale.
std::string n1(double v) {
  return format_fixed(v, 1, Locale::english());
}

// A value on `axis` as a tick or value label, written for the reader.
std::string axis_text(const Axis& axis, double value, int decimals, const Locale& locale) {
  Cell c;
  c.kind = axis.unit;
  c.value = value;
  c.decimals = decimals;
  c.currency = axis.currency;
  return xml_escape(render_cell(c, locale));
}

struct Ticks {
  double lo = 0, hi = 1;
  std::vector<double> values;
};

// Ticks at 1, 2 or 5 times a power of ten, about `target` of them, with the
// range widened to whole ticks.
Ticks nice_ticks(double lo, double hi, int target) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) lo = 0, hi = 1;
  if (!(hi > lo)) {
    const double pad = lo == 0 ? 1 : std::abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  const double raw = (hi - lo) / target;
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  const double f = raw / mag;
  const double step = (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * mag;
  Ticks a;
  const double first = std::floor(lo / step);
  const double last = std::ceil(hi / step);
  a.lo = first * step;
  a.hi = last * step;
  for (double i = first; i <= last + 1e-9; i += 1) {
    const double v = i * step;
    a.values.push_back(std::abs(v) < step * 1e-9 ? 0.0 : v);
  }
  return a;
}

// The range of the finite values a figure shows on one axis (every series'
// coordinates and intervals there, and its reference lines); [0, 0] when none.
struct Range {
  double lo = std::numeric_limits<double>::infinity();
  double hi = -std::numeric_limits<double>::infinity();
  void add(double v) {
    if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
  }
  [[nodiscard]] bool empty() const { return lo > hi; }
};

Range value_range(const Figure& f, AxisId axis) {
  Range r;
  for (const Series& s : f.series) {
    for (const Point& p : s.points) {
      r.add(axis == AxisId::x ? p.x : p.y);
      // The interval lies on the value axis: y for bands, the other axis for bars.
      const bool interval_here = s.kind == SeriesKind::band
                                     ? axis == AxisId::y
                                     : (axis == AxisId::x) == !f.y.categories.empty();
      if (interval_here) r.add(p.low), r.add(p.high);
    }
  }
  for (const ReferenceLine& ref : f.references) {
    if (ref.axis == axis) r.add(ref.value);
  }
  if (r.empty()) r.lo = r.hi = 0;
  return r;
}

struct Frame {
  double width, height, left, right, top, bottom;
  [[nodiscard]] double plot_w() const { return width - left - right; }
  [[nodiscard]] double plot_h() const { return height - top - bottom; }
};

std::string svg_open(const Frame& f, const std::string& title) {
  std::string s = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" "
      "viewBox=\"0 0 {0} {1}\" font-family=\"sans-serif\" font-size=\"12\">\n",
      n1(f.width), n1(f.height));
  s += fmt::format("<title>{}</title>\n", xml_escape(title));
  s += fmt::format("<rect width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>\n", n1(f.width),
                   n1(f.height));
  s += fmt::format("<text x=\"{}\" y=\"24\" font-size=\"15\" font-weight=\"bold\">{}</text>\n",
                   n1(f.left), xml_escape(title));
  return s;
}

std::string frame_rect(const Frame& f) {
  return fmt::format(
      "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#333333\"/>\n",
      n1(f.left), n1(f.top), n1(f.plot_w()), n1(f.plot_h()));
}

// The palette.
constexpr const char* kGrid = "#e5e5e5";
constexpr const char* kReference = "#cb181d";
constexpr const char* kCentral = "#08306b";
constexpr const char* kLoss = "#fc9272";

const char* band_fill(SeriesRole role) {
  return role == SeriesRole::outer_band ? "#c6dbef" : "#6baed6";
}

// The x/y layout: bands, lines and reference lines over two numeric axes.
std::string xy_chart(const Figure& fig, const Locale& locale) {
  const Frame f{800, 460, 120, 30, 50, 70};
  std::string s = svg_open(f, fig.title.render(locale));
  const Range yr = value_range(fig, AxisId::y);
  const Ticks y = nice_ticks(yr.lo, yr.hi, 6);
  Range xr;
  for (const Series& series : fig.series) {
    for (const Point& p : series.points) xr.add(p.x);
  }
  if (xr.empty()) xr.lo = xr.hi = 1;
  const double x_lo = xr.hi > xr.lo ? xr.lo : xr.lo - 1;
  const double x_hi = xr.hi > xr.lo ? xr.hi : xr.hi + 1;
  auto X = [&](double v) { return f.left + (v - x_lo) / (x_hi - x_lo) * f.plot_w(); };
  auto Y = [&](double v) { return f.top + (y.hi - v) / (y.hi - y.lo) * f.plot_h(); };

  // Grid and y labels.
  for (const double t : y.values) {
    s += fmt::format(
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\"/>\n"
        "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n",
        n1(f.left), n1(Y(t)), n1(f.left + f.plot_w()), n1(Y(t)), kGrid, n1(f.left - 8),
        n1(Y(t) + 4), axis_text(fig.y, t, fig.y.decimals, locale));
  }
  // x ticks: whole numbers (a count axis: months), at most about 12 labels.
  const auto first = static_cast<long long>(std::llround(xr.lo));
  const auto last = static_cast<long long>(std::llround(xr.hi));
  const long long step = std::max(1LL, (last - first + 1 + 11) / 12);
  for (long long m = first; m <= last; ++m) {
    if ((m - first) % step != 0 && m != last) continue;
    s += fmt::format(
        "<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#999999\"/>\n"
        "<text x=\"{0}\" y=\"{3}\" text-anchor=\"middle\">{4}</text>\n",
        n1(X(static_cast<double>(m))), n1(f.top + f.plot_h()), n1(f.top + f.plot_h() + 5),
        n1(f.top + f.plot_h() + 20),
        axis_text(fig.x, static_cast<double>(m), fig.x.decimals, locale));
  }
  // Series in order: a band is drawn only where every edge has a value; a
  // line joins the points that have one.
  for (const Series& series : fig.series) {
    if (series.points.empty()) continue;
    std::string points;
    if (series.kind == SeriesKind::band) {
      bool complete = true;
      for (const Point& p : series.points) {
        complete = complete && std::isfinite(p.high);
        points += fmt::format("{},{} ", n1(X(p.x)), n1(Y(p.high)));
      }
      for (auto it = series.points.rbegin(); it != series.points.rend(); ++it) {
        complete = complete && std::isfinite(it->low);
        points += fmt::format("{},{} ", n1(X(it->x)), n1(Y(it->low)));
      }
      if (!complete) continue;
      points.pop_back();
      s += fmt::format("<polygon points=\"{}\" fill=\"{}\" stroke=\"none\"/>\n", points,
                       band_fill(series.role));
    } else if (series.kind == SeriesKind::line) {
      for (const Point& p : series.points) {
        if (std::isfinite(p.y)) points += fmt::format("{},{} ", n1(X(p.x)), n1(Y(p.y)));
      }
      if (points.empty()) continue;
      points.pop_back();
      s += fmt::format("<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"/>\n",
                       points, kCentral);
    }
  }
  for (const ReferenceLine& ref : fig.references) {
    if (ref.axis != AxisId::y) continue;
    s += fmt::format(
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" "
        "stroke-dasharray=\"4 3\"/>\n",
        n1(f.left), n1(Y(ref.value)), n1(f.left + f.plot_w()), n1(Y(ref.value)), kReference);
  }
  s += frame_rect(f);
  s += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n",
                   n1(f.left + f.plot_w() / 2), n1(f.height - 28),
                   xml_escape(fig.x.label.render(locale)));
  s += fmt::format(
      "<text x=\"16\" y=\"{0}\" text-anchor=\"middle\" transform=\"rotate(-90 16 {0})\">"
      "{1}</text>\n",
      n1(f.top + f.plot_h() / 2), xml_escape(fig.y.label.render(locale)));
  // Legend: the labelled series, then the labelled reference lines, in a row.
  const double ly = f.height - 12;
  int entry = 0;
  auto next_x = [&] {
    static constexpr double kOffsets[] = {0, 100, 200, 290};
    const double offset = entry < 4 ? kOffsets[entry] : 290.0 + 100.0 * (entry - 3);
    ++entry;
    return f.left + offset;
  };
  auto label = [&](double x, const Text& text) {
    return fmt::format("<text x=\"{}\" y=\"{}\">{}</text>\n", n1(x + 20), n1(ly),
                       xml_escape(text.render(locale)));
  };
  for (const Series& series : fig.series) {
    if (series.label.empty()) continue;
    const double x = next_x();
    if (series.kind == SeriesKind::line) {
      s += fmt::format(
          "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"2\"/>", n1(x),
          n1(ly - 4), n1(x + 14), n1(ly - 4), kCentral);
    } else {
      s += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"14\" height=\"10\" fill=\"{}\"/>", n1(x),
                       n1(ly - 9), band_fill(series.role));
    }
    s += label(x, series.label);
  }
  for (const ReferenceLine& ref : fig.references) {
    if (ref.label.empty()) continue;
    const double x = next_x();
    s += fmt::format(
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-dasharray=\"4 3\"/>",
        n1(x), n1(ly - 4), n1(x + 14), n1(ly - 4), kReference);
    s += label(x, ref.label);
  }
  s += "</svg>\n";
  return s;
}

// Horizontal bars: one row per category of the y axis, top to bottom, the
// value along x from 0, a whisker for the point's interval, the value printed.
std::string bar_chart(const Figure& fig, const Locale& locale) {
  const std::size_t rows = fig.y.categories.size();
  const double row_h = 30;
  const Frame f{
      800, 50 + row_h * static_cast<double>(std::max<std::size_t>(rows, 1)) + 60, 70, 110, 50, 60};
  std::string s = svg_open(f, fig.title.render(locale));
  const Range xr = value_range(fig, AxisId::x);
  const Ticks x = nice_ticks(xr.lo, xr.hi, 6);
  auto X = [&](double v) { return f.left + (v - x.lo) / (x.hi - x.lo) * f.plot_w(); };
  const double bottom = f.top + f.plot_h();
  for (const double t : x.values) {
    s += fmt::format(
        "<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"{3}\"/>\n"
        "<text x=\"{0}\" y=\"{4}\" text-anchor=\"middle\">{5}</text>\n",
        n1(X(t)), n1(f.top), n1(bottom), kGrid, n1(bottom + 18),
        axis_text(fig.x, t, fig.x.decimals, locale));
  }
  for (std::size_t i = 0; i < rows; ++i) {
    const double cy = f.top + row_h * (static_cast<double>(i) + 0.5);
    s += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n", n1(f.left - 8),
                     n1(cy + 4), xml_escape(fig.y.categories[i].render(locale)));
    for (const Series& series : fig.series) {
      if (series.kind != SeriesKind::bars) continue;
      for (const Point& p : series.points) {
        if (p.y != static_cast<double>(i) || !std::isfinite(p.x)) continue;
        const double x0 = X(std::min(0.0, p.x));
        const double x1 = X(std::max(0.0, p.x));
        s += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>\n",
                         n1(x0), n1(cy - row_h * 0.3), n1(std::max(x1 - x0, 0.5)), n1(row_h * 0.6),
                         p.x < 0 ? kLoss : band_fill(SeriesRole::inner_band));
        const bool whisker = std::isfinite(p.low) && std::isfinite(p.high);
        if (whisker) {
          s += fmt::format(
              "<path d=\"M{0} {2}V{3}M{0} {4}H{1}M{1} {2}V{3}\" stroke=\"{5}\" fill=\"none\"/>\n",
              n1(X(p.low)), n1(X(p.high)), n1(cy - 6), n1(cy + 6), n1(cy), kCentral);
        }
        if (series.value_labels) {
          s += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>\n",
                           n1(std::max(x1, std::isfinite(p.high) ? X(p.high) : x1) + 6), n1(cy + 4),
                           axis_text(fig.x, p.x, *series.value_labels, locale));
        }
      }
    }
  }
  for (const ReferenceLine& ref : fig.references) {
    if (ref.axis != AxisId::x) continue;
    s += fmt::format(
        "<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"{3}\" "
        "stroke-dasharray=\"4 3\"/>\n",
        n1(X(ref.value)), n1(f.top), n1(bottom), kReference);
  }
  s += frame_rect(f);
  s += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n",
                   n1(f.left + f.plot_w() / 2), n1(f.height - 16),
                   xml_escape(fig.x.label.render(locale)));
  s += "</svg>\n";
  return s;
}

}  // namespace

std::string render_svg(const Figure& figure, const Locale& locale) {
  return figure.y.categories.empty() ? xy_chart(figure, locale) : bar_chart(figure, locale);
}

}  // namespace simroi
