// Figure blocks drawn by cairo and pango (include/simroi/report/charts.h).
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <memory>
#include <string_view>

#include "simroi/report/charts.h"
#include "simroi/report/document.h"
#include "simroi/report/format.h"

namespace simroi {

namespace {

constexpr double kW = kChartWidth;
constexpr double kH = kChartHeight;
constexpr const char* kFont = "DejaVu Sans";

struct Rgb {
  double r, g, b;
};
constexpr Rgb hex(unsigned v) {
  return {((v >> 16) & 0xff) / 255.0, ((v >> 8) & 0xff) / 255.0, (v & 0xff) / 255.0};
}

// Okabe & Ito (2008), "Color Universal Design": distinguishable with every
// common colour-vision deficiency.
// Yellow last: it is the hardest to see on white.
constexpr Rgb kOkabeIto[] = {hex(0x0072B2), hex(0xE69F00), hex(0x009E73), hex(0xCC79A7),
                             hex(0xD55E00), hex(0x56B4E9), hex(0x000000), hex(0xF0E442)};
constexpr Rgb kBlue = hex(0x0072B2);
constexpr Rgb kSky = hex(0x56B4E9);
constexpr Rgb kVermillion = hex(0xD55E00);
constexpr Rgb kGreen = hex(0x009E73);
constexpr Rgb kOrange = hex(0xE69F00);
constexpr Rgb kInk = hex(0x222222);
constexpr Rgb kGrid = hex(0xE3E3E3);
constexpr Rgb kMuted = hex(0x555555);

struct Paint {
  Rgb rgb;
  double alpha = 1;
};

Paint paint_of(const Series& s, bool negative) {
  switch (s.role) {
    case SeriesRole::outer_band:
      return {kSky, 0.35};
    case SeriesRole::inner_band:
      return {kBlue, 0.40};
    case SeriesRole::central:
      return {hex(0x000000)};
    case SeriesRole::values:
      return {negative ? kVermillion : kSky};
    case SeriesRole::loss:
      return {kVermillion, 0.85};
    case SeriesRole::gain:
      return {kSky, 0.85};
    case SeriesRole::low:
      return {kVermillion};
    case SeriesRole::high:
      return {kBlue};
    case SeriesRole::scenario:
      // A band in a scenario's colour is translucent: its line shows through.
      return {kOkabeIto[static_cast<std::size_t>(std::max(0, s.colour)) % std::size(kOkabeIto)],
              s.kind == SeriesKind::band ? 0.22 : 1.0};
  }
  return {kInk};
}

void set(cairo_t* cr, Paint p) {
  cairo_set_source_rgba(cr, p.rgb.r, p.rgb.g, p.rgb.b, p.alpha);
}
void set(cairo_t* cr, Rgb c) {
  cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

// A value on `axis` as a tick or value label, written for the reader.
std::string axis_text(const Axis& axis, double value, int decimals, const Locale& locale) {
  Cell c;
  c.kind = axis.unit;
  c.value = value;
  c.decimals = decimals;
  c.currency = axis.currency;
  return render_cell(c, locale);
}

// Text drawn with pango: one layout per call.
class Pen {
 public:
  explicit Pen(cairo_t* cr) : cr_(cr), layout_(pango_cairo_create_layout(cr)) {
    // Hinting and metrics off: the same glyph positions on every surface.
    cairo_font_options_t* o = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(o, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(o, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(pango_layout_get_context(layout_), o);
    cairo_font_options_destroy(o);
  }
  ~Pen() { g_object_unref(layout_); }
  Pen(const Pen&) = delete;
  Pen& operator=(const Pen&) = delete;

  /// Lay out `text` at `size` points; returns its width and height.
  std::pair<double, double> measure(std::string_view text, double size, bool bold = false,
                                    double max_width = -1) {
    PangoFontDescription* d = pango_font_description_new();
    pango_font_description_set_family(d, kFont);
    pango_font_description_set_absolute_size(d, size * PANGO_SCALE);
    pango_font_description_set_weight(d, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(layout_, d);
    pango_font_description_free(d);
    pango_layout_set_width(layout_, max_width > 0 ? static_cast<int>(max_width * PANGO_SCALE) : -1);
    pango_layout_set_ellipsize(layout_, max_width > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
    pango_layout_set_text(layout_, text.data(), static_cast<int>(text.size()));
    int w = 0, h = 0;
    pango_layout_get_size(layout_, &w, &h);
    return {static_cast<double>(w) / PANGO_SCALE, static_cast<double>(h) / PANGO_SCALE};
  }

  /// Draw `text` with its anchor (ax, ay in [0, 1] of its box) at (x, y),
  /// rotated by `angle` radians around that point.
  double draw(std::string_view text, double x, double y, double size, Rgb colour, double ax = 0,
              double ay = 0, bool bold = false, double angle = 0, double max_width = -1) {
    const auto [w, h] = measure(text, size, bold, max_width);
    cairo_save(cr_);
    cairo_translate(cr_, x, y);
    cairo_rotate(cr_, angle);
    cairo_move_to(cr_, -ax * w, -ay * h);
    set(cr_, colour);
    pango_cairo_update_layout(cr_, layout_);
    pango_cairo_show_layout(cr_, layout_);
    cairo_restore(cr_);
    return w;
  }

 private:
  cairo_t* cr_;
  PangoLayout* layout_;
};

constexpr double kTick = 13;   // tick label size
constexpr double kLabel = 14;  // axis label size

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
  const double first = std::floor(lo / step + 1e-9);
  const double last = std::ceil(hi / step - 1e-9);
  a.lo = first * step;
  a.hi = last * step;
  for (double i = first; i <= last + 1e-9; i += 1) {
    const double v = i * step;
    a.values.push_back(std::abs(v) < step * 1e-9 ? 0.0 : v);
  }
  return a;
}

Ticks month_axis(double lo, double hi) {
  const double span = std::max(1.0, hi - lo);
  double step = 1;
  for (const double s : {1.0, 2.0, 3.0, 6.0, 12.0, 24.0, 36.0, 60.0, 120.0, 240.0}) {
    step = s;
    if (span / s <= 12) break;
  }
  Ticks t;
  t.lo = lo;
  t.hi = hi > lo ? hi : lo + 1;
  for (double v = std::ceil(lo / step) * step; v <= t.hi + 1e-9; v += step) t.values.push_back(v);
  return t;
}

struct Range {
  double lo = std::numeric_limits<double>::infinity();
  double hi = -std::numeric_limits<double>::infinity();
  void add(double v) {
    if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
  }
  [[nodiscard]] bool empty() const { return lo > hi; }
};

// The finite values a figure shows on one axis: coordinates, intervals on
// the value axis, bar bases and reference lines.
Range value_range(const Figure& f, AxisId axis) {
  Range r;
  const bool bars = !f.y.categories.empty();
  for (const Series& s : f.series) {
    if (s.kind == SeriesKind::bars && axis == AxisId::x) r.add(s.base);
    for (const Point& p : s.points) {
      switch (s.kind) {
        case SeriesKind::columns:
          if (axis == AxisId::x)
            r.add(p.low), r.add(p.high);
          else
            r.add(0), r.add(p.y);
          break;
        case SeriesKind::band:
          if (axis == AxisId::x)
            r.add(p.x);
          else
            r.add(p.low), r.add(p.high);
          break;
        case SeriesKind::bars:
          if ((axis == AxisId::x) == bars) r.add(p.low), r.add(p.high);
          r.add(axis == AxisId::x ? p.x : p.y);
          break;
        default:
          r.add(axis == AxisId::x ? p.x : p.y);
      }
    }
  }
  for (const ReferenceLine& ref : f.references) {
    if (ref.axis == axis) r.add(ref.value);
  }
  if (r.empty()) r.lo = r.hi = 0;
  return r;
}

// Ticks for a horizontal value axis whose labels fit side by side in
// `width`: as many as `target`, fewer when the labels are long (money).
Ticks fitted_ticks(Pen& pen, const Axis& axis, Range r, double width, int target,
                   const Locale& locale) {
  Ticks t;
  for (int n = target; n >= 2; --n) {
    t = nice_ticks(r.lo, r.hi, n);
    double widest = 0;
    for (const double v : t.values) {
      widest =
          std::max(widest, pen.measure(axis_text(axis, v, axis.decimals, locale), kTick).first);
    }
    if (static_cast<double>(t.values.size()) * (widest + 14) <= width) break;
  }
  return t;
}

struct Box {
  double left, top, right, bottom;  // the plot area
  [[nodiscard]] double w() const { return right - left; }
  [[nodiscard]] double h() const { return bottom - top; }
};

struct LegendEntry {
  std::string text;
  Paint paint;
  int kind;  // 0 swatch, 1 line, 2 dashed line
};

std::vector<LegendEntry> legend_of(const Figure& fig, const Locale& locale) {
  std::vector<LegendEntry> out;
  for (const Series& s : fig.series) {
    if (s.label.empty()) continue;
    const bool line = s.kind == SeriesKind::line;
    out.push_back({s.label.render(locale), paint_of(s, false), line ? 1 : 0});
  }
  for (const ReferenceLine& ref : fig.references) {
    if (ref.axis == AxisId::y && !ref.label.empty()) {
      out.push_back({ref.label.render(locale), {kVermillion}, 2});
    }
  }
  return out;
}

void dashed(cairo_t* cr, bool on) {
  static const double kDash[] = {6.0, 4.0};
  cairo_set_dash(cr, kDash, on ? 2 : 0, 0);
}

// Title (shrunk to fit, then ellipsized) and a legend row; returns the y
// below them.
double header(cairo_t* cr, Pen& pen, const Figure& fig, const Locale& locale) {
  const std::string title = fig.title.render(locale);
  const double avail = kW - 48;
  double size = 20;
  while (size > 13 && pen.measure(title, size, true).first > avail) size -= 1;
  pen.draw(title, 24, 14, size, kInk, 0, 0, true, 0, avail);
  double y = 14 + size * 1.5;
  const std::vector<LegendEntry> legend = legend_of(fig, locale);
  if (legend.empty()) return y + 8;
  double x = 24;
  const double fs = 13;
  for (const LegendEntry& e : legend) {
    const double tw = pen.measure(e.text, fs).first;
    if (x + 26 + tw > kW - 24 && x > 24) {
      x = 24;
      y += fs * 1.6;
    }
    const double cy = y + fs * 0.65;
    set(cr, e.paint);
    if (e.kind == 0) {
      cairo_rectangle(cr, x, cy - 6, 18, 12);
      cairo_fill(cr);
    } else {
      cairo_set_line_width(cr, e.kind == 1 ? 2.5 : 1.8);
      dashed(cr, e.kind == 2);
      cairo_move_to(cr, x, cy);
      cairo_line_to(cr, x + 18, cy);
      cairo_stroke(cr);
      dashed(cr, false);
    }
    pen.draw(e.text, x + 24, y, fs, kInk);
    x += 24 + tw + 22;
  }
  return y + fs * 1.6 + 8;
}

// The x/y layout: columns, bands, lines, markers and reference lines over two
// numeric axes.
void xy_chart(cairo_t* cr, const Figure& fig, const Locale& locale) {
  Pen pen(cr);
  const double top = header(cr, pen, fig, locale) + 6;
  Range yr = value_range(fig, AxisId::y);
  Range xr = value_range(fig, AxisId::x);
  bool has_markers = false;
  for (const Series& s : fig.series) has_markers = has_markers || s.kind == SeriesKind::markers;
  if (has_markers) {  // room for the discs at the edges
    for (Range* r : {&xr, &yr}) {
      const double pad = std::max(r->hi - r->lo, 1e-9) * 0.12;
      r->lo -= pad;
      r->hi += pad;
    }
  }
  const Ticks yt = nice_ticks(yr.lo, yr.hi, 6);
  const bool months = fig.x.unit == CellKind::count;
  double tick_w = 0;
  std::vector<std::string> ylabels;
  // A probability below 0 or above 1 (padding) gets no label.
  auto shown = [](const Axis& a, double v) {
    return a.unit != CellKind::probability || (v > -1e-9 && v < 1 + 1e-9);
  };
  for (const double t : yt.values) {
    ylabels.push_back(shown(fig.y, t) ? axis_text(fig.y, t, fig.y.decimals, locale) : "");
    tick_w = std::max(tick_w, pen.measure(ylabels.back(), kTick).first);
  }
  const Box b{24 + kLabel * 1.4 + 8 + tick_w + 8, top, kW - 40,
              kH - 24 - kLabel * 1.4 - kTick * 1.5};
  const Ticks xt =
      months ? month_axis(xr.lo, xr.hi) : fitted_ticks(pen, fig.x, xr, b.w(), 8, locale);
  auto X = [&](double v) { return b.left + (v - xt.lo) / (xt.hi - xt.lo) * b.w(); };
  auto Y = [&](double v) { return b.bottom - (v - yt.lo) / (yt.hi - yt.lo) * b.h(); };

  cairo_set_line_width(cr, 1);
  for (std::size_t i = 0; i < yt.values.size(); ++i) {
    set(cr, kGrid);
    cairo_move_to(cr, b.left, Y(yt.values[i]));
    cairo_line_to(cr, b.right, Y(yt.values[i]));
    cairo_stroke(cr);
    pen.draw(ylabels[i], b.left - 8, Y(yt.values[i]), kTick, kMuted, 1, 0.5);
  }
  // x tick labels: skip one that would touch the previous.
  double last_right = -1e9;
  for (const double t : xt.values) {
    set(cr, kGrid);
    cairo_move_to(cr, X(t), b.top);
    cairo_line_to(cr, X(t), b.bottom);
    cairo_stroke(cr);
    if (!shown(fig.x, t)) continue;
    const std::string s = axis_text(fig.x, t, fig.x.decimals, locale);
    const double w = pen.measure(s, kTick).first;
    if (X(t) - w / 2 < last_right + 6) continue;
    // Inside the page: the last label may stick out past the frame, not the edge.
    pen.draw(s, std::min(X(t), kW - 6 - w / 2), b.bottom + 6, kTick, kMuted, 0.5, 0);
    last_right = X(t) + w / 2;
  }
  double biggest = 0;  // markers: the largest |low| of all
  for (const Series& s : fig.series) {
    if (s.kind != SeriesKind::markers) continue;
    for (const Point& p : s.points) {
      if (std::isfinite(p.low)) biggest = std::max(biggest, std::abs(p.low));
    }
  }
  auto radius = [&](const Point& p) {
    const double share = biggest > 0 && std::isfinite(p.low) ? std::abs(p.low) / biggest : 1;
    return 6 + 22 * std::sqrt(share);  // area grows with the value
  };
  cairo_save(cr);
  cairo_rectangle(cr, b.left, b.top, b.w(), b.h());
  cairo_clip(cr);
  for (const Series& s : fig.series) {
    switch (s.kind) {
      case SeriesKind::columns:
        for (const Point& p : s.points) {
          if (!std::isfinite(p.low) || !std::isfinite(p.high) || !std::isfinite(p.y)) continue;
          set(cr, paint_of(s, p.high <= 0));
          cairo_rectangle(cr, X(p.low) + 0.5, Y(p.y), std::max(0.5, X(p.high) - X(p.low) - 1),
                          Y(0) - Y(p.y));
          cairo_fill(cr);
        }
        break;
      case SeriesKind::band: {
        bool complete = !s.points.empty();
        for (const Point& p : s.points) {
          complete = complete && std::isfinite(p.low) && std::isfinite(p.high);
        }
        if (!complete) break;
        for (const Point& p : s.points) cairo_line_to(cr, X(p.x), Y(p.high));
        for (auto it = s.points.rbegin(); it != s.points.rend(); ++it) {
          cairo_line_to(cr, X(it->x), Y(it->low));
        }
        cairo_close_path(cr);
        set(cr, paint_of(s, false));
        cairo_fill(cr);
        break;
      }
      case SeriesKind::line: {
        bool any = false;
        for (const Point& p : s.points) {
          if (!std::isfinite(p.y) || !std::isfinite(p.x)) continue;
          cairo_line_to(cr, X(p.x), Y(p.y));
          any = true;
        }
        if (!any) break;
        set(cr, paint_of(s, false));
        cairo_set_line_width(cr, 2.5);
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
        cairo_stroke(cr);
        break;
      }
      case SeriesKind::markers: {
        for (const Point& p : s.points) {
          if (!std::isfinite(p.x) || !std::isfinite(p.y)) continue;
          cairo_new_path(cr);
          cairo_arc(cr, X(p.x), Y(p.y), radius(p), 0, 2 * M_PI);
          set(cr, Paint{paint_of(s, false).rgb, 0.55});
          cairo_fill_preserve(cr);
          set(cr, paint_of(s, false));
          cairo_set_line_width(cr, 1.5);
          cairo_stroke(cr);
        }
        break;
      }
      case SeriesKind::bars:
        break;
    }
  }
  for (const ReferenceLine& ref : fig.references) {
    set(cr, ref.axis == AxisId::x && !ref.label.empty() ? kInk : kVermillion);
    cairo_set_line_width(cr, 1.6);
    dashed(cr, true);
    if (ref.axis == AxisId::y) {
      cairo_move_to(cr, b.left, Y(ref.value));
      cairo_line_to(cr, b.right, Y(ref.value));
    } else {
      cairo_move_to(cr, X(ref.value), b.top);
      cairo_line_to(cr, X(ref.value), b.bottom);
    }
    cairo_stroke(cr);
    dashed(cr, false);
  }
  cairo_restore(cr);
  // Labels after everything else, so nothing covers them: the markers' names
  // and the x reference lines' labels (P5, P50, P95).
  // A marker's name goes right of it, else left, above or below: the first
  // place inside the plot that no earlier name covers.
  struct Rect {
    double x0, y0, x1, y1;
  };
  std::vector<Rect> taken;
  for (const Series& s : fig.series) {
    if (s.kind != SeriesKind::markers || s.label.empty()) continue;
    for (const Point& p : s.points) {
      if (!std::isfinite(p.x) || !std::isfinite(p.y)) continue;
      const std::string name = s.label.render(locale);
      const auto [w, h] = pen.measure(name, kTick);
      const double gap = radius(p) + 4, cx = X(p.x), cy = Y(p.y);
      const Rect places[] = {{cx + gap, cy - h / 2, cx + gap + w, cy + h / 2},
                             {cx - gap - w, cy - h / 2, cx - gap, cy + h / 2},
                             {cx - w / 2, cy - gap - h, cx + w / 2, cy - gap},
                             {cx - w / 2, cy + gap, cx + w / 2, cy + gap + h},
                             {cx + gap, cy - h * 1.6, cx + gap + w, cy - h * 0.6},
                             {cx + gap, cy + h * 0.6, cx + gap + w, cy + h * 1.6}};
      Rect chosen = places[0];
      for (const Rect& r : places) {
        const bool inside =
            r.x0 >= b.left + 2 && r.x1 <= b.right - 2 && r.y0 >= b.top + 2 && r.y1 <= b.bottom - 2;
        const bool free = std::none_of(taken.begin(), taken.end(), [&](const Rect& o) {
          return r.x0 < o.x1 && o.x0 < r.x1 && r.y0 < o.y1 && o.y0 < r.y1;
        });
        if (inside && free) {
          chosen = r;
          break;
        }
      }
      taken.push_back(chosen);
      cairo_set_source_rgba(cr, 1, 1, 1, 0.75);  // legible over a disc or a line
      cairo_rectangle(cr, chosen.x0 - 2, chosen.y0, w + 4, h);
      cairo_fill(cr);
      pen.draw(name, chosen.x0, chosen.y0, kTick, kInk);
    }
  }
  for (const ReferenceLine& ref : fig.references) {
    if (ref.axis != AxisId::x || ref.label.empty()) continue;
    const std::string s = ref.label.render(locale);
    const double w = pen.measure(s, kTick).first;
    const double x = std::clamp(X(ref.value) + 4, b.left + 2, b.right - w - 2);
    cairo_set_source_rgba(cr, 1, 1, 1, 0.8);
    cairo_rectangle(cr, x - 1, b.top + 3, w + 2, kTick * 1.3);
    cairo_fill(cr);
    pen.draw(s, x, b.top + 3, kTick, kInk, 0, 0, true);
  }
  set(cr, kInk);
  cairo_set_line_width(cr, 1);
  cairo_rectangle(cr, b.left, b.top, b.w(), b.h());
  cairo_stroke(cr);
  pen.draw(fig.x.label.render(locale), (b.left + b.right) / 2, kH - 16, kLabel, kInk, 0.5, 1, false,
           0, kW - 48);
  pen.draw(fig.y.label.render(locale), 24, (b.top + b.bottom) / 2, kLabel, kInk, 0.5, 0, false,
           -M_PI / 2, b.h());
}

// Horizontal bars: one row per category of the y axis, top to bottom, from
// the series' base to the value along x, a whisker for the point's interval,
// the value printed where asked.
void bar_chart(cairo_t* cr, const Figure& fig, const Locale& locale) {
  Pen pen(cr);
  bool ref_label = false;
  for (const ReferenceLine& ref : fig.references) ref_label = ref_label || !ref.label.empty();
  const double top = header(cr, pen, fig, locale) + 4 + (ref_label ? kTick * 1.3 : 0);
  const std::size_t rows = std::max<std::size_t>(fig.y.categories.size(), 1);
  double cat_w = 0;
  for (const Text& c : fig.y.categories) {
    cat_w = std::max(cat_w, pen.measure(c.render(locale), kTick).first);
  }
  cat_w = std::min(cat_w, kW * 0.32);
  const Range xr = value_range(fig, AxisId::x);
  bool labelled = false;
  for (const Series& s : fig.series) labelled = labelled || s.value_labels.has_value();
  const Box b{24 + cat_w + 10, top, kW - (labelled ? 90 : 48),
              kH - 24 - kLabel * 1.4 - kTick * 1.5};
  const Ticks xt = fitted_ticks(pen, fig.x, xr, b.w(), 6, locale);
  auto X = [&](double v) { return b.left + (v - xt.lo) / (xt.hi - xt.lo) * b.w(); };
  const double row_h = b.h() / static_cast<double>(rows);
  cairo_set_line_width(cr, 1);
  double last_right = -1e9;
  for (const double t : xt.values) {
    set(cr, kGrid);
    cairo_move_to(cr, X(t), b.top);
    cairo_line_to(cr, X(t), b.bottom);
    cairo_stroke(cr);
    const std::string s = axis_text(fig.x, t, fig.x.decimals, locale);
    const double w = pen.measure(s, kTick).first;
    if (X(t) - w / 2 < last_right + 8) continue;
    // Inside the page: the last label may stick out past the frame, not the edge.
    pen.draw(s, std::min(X(t), kW - 6 - w / 2), b.bottom + 6, kTick, kMuted, 0.5, 0);
    last_right = X(t) + w / 2;
  }
  std::size_t bar_series = 0;
  for (const Series& s : fig.series) bar_series += s.kind == SeriesKind::bars ? 1 : 0;
  const double bar_h = std::min(row_h * 0.62, 34.0);
  for (std::size_t i = 0; i < fig.y.categories.size(); ++i) {
    const double cy = b.top + row_h * (static_cast<double>(i) + 0.5);
    pen.draw(fig.y.categories[i].render(locale), b.left - 10, cy, kTick, kInk, 1, 0.5, false, 0,
             cat_w);
    for (const Series& series : fig.series) {
      if (series.kind != SeriesKind::bars) continue;
      for (const Point& p : series.points) {
        if (p.y != static_cast<double>(i) || !std::isfinite(p.x)) continue;
        const double x0 = X(std::min(series.base, p.x));
        const double x1 = X(std::max(series.base, p.x));
        set(cr, paint_of(series, p.x < series.base));
        cairo_rectangle(cr, x0, cy - bar_h / 2, std::max(x1 - x0, 1.0), bar_h);
        cairo_fill(cr);
        const bool whisker = std::isfinite(p.low) && std::isfinite(p.high);
        if (whisker) {
          set(cr, kInk);
          cairo_set_line_width(cr, 1.4);
          cairo_move_to(cr, X(p.low), cy - 7);
          cairo_line_to(cr, X(p.low), cy + 7);
          cairo_move_to(cr, X(p.low), cy);
          cairo_line_to(cr, X(p.high), cy);
          cairo_move_to(cr, X(p.high), cy - 7);
          cairo_line_to(cr, X(p.high), cy + 7);
          cairo_stroke(cr);
        }
        if (series.value_labels) {
          const double right = std::max(x1, whisker ? X(p.high) : x1);
          pen.draw(axis_text(fig.x, p.x, *series.value_labels, locale), right + 6, cy, kTick, kInk,
                   0, 0.5);
        }
      }
    }
  }
  (void)bar_series;
  for (const ReferenceLine& ref : fig.references) {
    if (ref.axis != AxisId::x) continue;
    set(cr, ref.label.empty() ? kVermillion : kInk);
    cairo_set_line_width(cr, 1.6);
    dashed(cr, true);
    cairo_move_to(cr, X(ref.value), b.top);
    cairo_line_to(cr, X(ref.value), b.bottom);
    cairo_stroke(cr);
    dashed(cr, false);
    if (!ref.label.empty()) {  // above the frame (the tornado's median)
      pen.draw(ref.label.render(locale), X(ref.value), b.top - 2, kTick, kInk, 0.5, 1, true);
    }
  }
  set(cr, kInk);
  cairo_set_line_width(cr, 1);
  cairo_rectangle(cr, b.left, b.top, b.w(), b.h());
  cairo_stroke(cr);
  pen.draw(fig.x.label.render(locale), (b.left + b.right) / 2, kH - 16, kLabel, kInk, 0.5, 1, false,
           0, kW - 48);
}

void draw(cairo_t* cr, const Figure& fig, const Locale& locale) {
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  if (fig.y.categories.empty()) {
    xy_chart(cr, fig, locale);
  } else {
    bar_chart(cr, fig, locale);
  }
}

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

struct SurfaceDeleter {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct ContextDeleter {
  void operator()(cairo_t* c) const { cairo_destroy(c); }
};

void draw_on(cairo_surface_t* surface, double scale, const Figure& fig, const Locale& locale) {
  const std::unique_ptr<cairo_t, ContextDeleter> cr(cairo_create(surface));
  cairo_scale(cr.get(), scale, scale);
  draw(cr.get(), fig, locale);
}

}  // namespace

std::vector<double> month_ticks(double first, double last) {
  return month_axis(first, last).values;
}

const char* chart_extension(ChartFormat format) {
  switch (format) {
    case ChartFormat::svg:
      return "svg";
    case ChartFormat::png:
      return "png";
    case ChartFormat::pdf:
      return "pdf";
  }
  return "svg";
}

std::string render_chart(const Figure& figure, const Locale& locale, ChartFormat format) {
  std::string out;
  switch (format) {
    case ChartFormat::png: {
      const std::unique_ptr<cairo_surface_t, SurfaceDeleter> s(
          cairo_image_surface_create(CAIRO_FORMAT_RGB24, 2 * kChartWidth, 2 * kChartHeight));
      draw_on(s.get(), 2, figure, locale);
      cairo_surface_flush(s.get());
      cairo_surface_write_to_png_stream(s.get(), append, &out);
      break;
    }
    case ChartFormat::pdf: {
      const std::unique_ptr<cairo_surface_t, SurfaceDeleter> s(
          cairo_pdf_surface_create_for_stream(append, &out, kW, kH));
      const std::string title = figure.title.render(locale);
      cairo_pdf_surface_set_metadata(s.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
      cairo_pdf_surface_set_metadata(s.get(), CAIRO_PDF_METADATA_CREATOR, "simroi");
      // A fixed date: the same figure gives the same bytes.
      cairo_pdf_surface_set_metadata(s.get(), CAIRO_PDF_METADATA_CREATE_DATE,
                                     "2000-01-01T00:00:00Z");
      draw_on(s.get(), 1, figure, locale);
      cairo_surface_finish(s.get());
      break;
    }
    case ChartFormat::svg: {
      {
        const std::unique_ptr<cairo_surface_t, SurfaceDeleter> s(
            cairo_svg_surface_create_for_stream(append, &out, kW, kH));
        cairo_svg_surface_restrict_to_version(s.get(), CAIRO_SVG_VERSION_1_2);
        draw_on(s.get(), 1, figure, locale);
        cairo_surface_finish(s.get());
      }
      // cairo numbers its surfaces per process ("surface42"): the same
      // figure gives the same bytes with that id fixed.
      const std::size_t id = out.find("<g id=\"surface");
      if (id != std::string::npos) {
        const std::size_t digits = id + std::strlen("<g id=\"surface");
        const std::size_t quote = out.find('"', digits);
        if (quote != std::string::npos) out.replace(digits, quote - digits, "1");
      }
      // The title as text (the drawing has glyph outlines only): for screen
      // readers, search and the browser's tooltip.
      const std::size_t open = out.find("<svg");
      const std::size_t end = open == std::string::npos ? open : out.find('>', open);
      if (end != std::string::npos) {
        out.insert(end + 1, "\n<title>" + xml_escape(figure.title.render(locale)) + "</title>");
      }
      break;
    }
  }
  return out;
}

std::string render_svg(const Figure& figure, const Locale& locale) {
  return render_chart(figure, locale, ChartFormat::svg);
}

}  // namespace simroi
