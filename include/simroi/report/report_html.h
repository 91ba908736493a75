#pragma once
// report.html: the report model (document.h) as one self-contained HTML page
// (docs/reports.md): inline <style>, the charts inline as the SVG that
// charts.h renders, no scripts, no network, UTF-8, <html lang="en|ru">.
//
// In reading order: the title, the verdict, the facts, then every section
// (its heading, paragraphs, charts, its table and its notes). Tables leave
// out their detail rows, as markdown does (the notes say so; report.xlsx and
// the csv have every row); a bar cell is a CSS bar. All text is HTML-escaped.
#include <string>

#include "simroi/core/locale.h"
#include "simroi/report/document.h"

namespace simroi {

/// `document` as an HTML page for the reader of `locale`.
[[nodiscard]] std::string render_html(const Document& document, const Locale& locale);

}  // namespace simroi
