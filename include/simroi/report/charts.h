#pragma once
// Charts: figure blocks (figure.h) drawn by cairo, text laid out by pango
// (font "DejaVu Sans": Cyrillic, kerning), as SVG, PNG or PDF.
//
// Every chart is 16:9, 960 x 540 points; a PNG is drawn at twice that
// (1920 x 1080 pixels, a full-HD slide). Layouts, chosen by the figure:
// a y axis with categories gives horizontal bars (ROI percentiles, the
// tornado), otherwise an x/y plot of bands, lines, columns (a histogram),
// markers and reference lines. Sizes, fonts and the colour-blind-safe
// Okabe-Ito palette (by SeriesRole) belong to this renderer, not to the
// figure; tick and value labels are written for `locale` (render_cell). The
// SVG carries the title as <title> (its text is drawn as glyph outlines).
// The same figure gives the same bytes (PDF: no creation date).
#include <cstdint>
#include <string>
#include <vector>

#include "simroi/core/locale.h"
#include "simroi/report/figure.h"

namespace simroi {

enum class ChartFormat : std::uint8_t { svg, png, pdf };

/// "svg", "png", "pdf".
[[nodiscard]] const char* chart_extension(ChartFormat format);

/// `figure` drawn in `format`: the bytes of the file.
[[nodiscard]] std::string render_chart(const Figure& figure, const Locale& locale,
                                       ChartFormat format);

/// `figure` as an SVG document (render_chart(figure, locale, ChartFormat::svg)).
[[nodiscard]] std::string render_svg(const Figure& figure, const Locale& locale);

/// The month ticks of an x axis from `first` to `last`: a step of 1, 2, 3,
/// 6, 12, 24, ... months, the smallest giving at most 13 labels (0, 12, ...,
/// 120 over ten years).
[[nodiscard]] std::vector<double> month_ticks(double first, double last);

/// The size of a chart in points (a PNG has twice as many pixels each way).
inline constexpr int kChartWidth = 960;
inline constexpr int kChartHeight = 540;

}  // namespace simroi
