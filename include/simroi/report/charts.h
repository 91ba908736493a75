#pragma once
// Charts: figure blocks (figure.h) drawn as SVG.
//
// render_svg writes one self-contained SVG document (deterministic text: the
// same figure gives the same bytes). Two layouts, chosen by the figure's
// axes: a y axis with categories gives horizontal bars (the ROI percentiles),
// otherwise x/y plot of bands, lines and reference lines (the monthly fan),
// with whole-number ticks on an x axis of CellKind::count. Sizes, fonts and
// colours (by SeriesRole) belong to this renderer, not to the figure; tick
// and value labels are written for `locale` (render_cell); coordinates always
// use '.'. Another renderer (cairo: SVG, PNG, PDF) can draw the same figures.
#include <string>

#include "simroi/core/locale.h"
#include "simroi/report/figure.h"

namespace simroi {

/// `figure` as an SVG document.
[[nodiscard]] std::string render_svg(const Figure& figure, const Locale& locale);

}  // namespace simroi
