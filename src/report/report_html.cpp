// report.html (include/simroi/report/report_html.h).
#include "simroi/report/report_html.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "simroi/report/charts.h"
#include "simroi/report/format.h"

namespace simroi {

namespace {

constexpr std::string_view kStyle = R"(
body{font-family:"DejaVu Sans","Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1b1b1b;
background:#fff;margin:0 auto;padding:24px 32px;max-width:1180px;line-height:1.45}
h1{font-size:1.7em;margin:0 0 .4em}
h2{font-size:1.2em;margin:1.8em 0 .5em;border-bottom:1px solid #d0d7de;padding-bottom:.2em}
.verdict{font-size:1.15em;background:#eef5fb;border-left:5px solid #0072b2;padding:.7em 1em;
margin:.8em 0 1.2em}
.verdict p{margin:.2em 0}
dl.facts{display:grid;grid-template-columns:max-content auto;gap:.15em 1.2em;margin:0}
dl.facts dt{font-weight:bold;color:#444}
dl.facts dd{margin:0}
table{border-collapse:collapse;margin:.4em 0;font-variant-numeric:tabular-nums}
th,td{border:1px solid #d0d7de;padding:.25em .6em}
th{background:#f3f5f7}
td.r,th.r{text-align:right}
td.r{white-space:nowrap}
td.l,th.l{text-align:left}
span.bar{display:inline-block;height:.8em;background:#56b4e9;vertical-align:middle}
.note{color:#555;font-size:.92em}
figure{margin:1em 0}
figure svg{max-width:100%;height:auto}
)";

std::string esc(std::string_view text) {
  return xml_escape(text);
}

const char* align_class(Align a) {
  switch (a) {
    case Align::left:
      return "l";
    case Align::right:
      return "r";
  }
  return "l";
}

void table_html(std::string& out, const Table& t, const Locale& locale) {
  out.append("<table>\n<thead><tr>");
  for (const Column& c : t.columns) {
    out.append("<th class=\"").append(align_class(c.align)).append("\">");
    out.append(esc(c.label.render(locale))).append("</th>");
  }
  out.append("</tr></thead>\n<tbody>\n");
  for (const Row& r : t.rows) {
    if (r.detail) continue;  // as in markdown; the section's notes say where the rest is
    out.append("<tr>");
    for (std::size_t i = 0; i < r.cells.size(); ++i) {
      const Cell& cell = r.cells[i];
      const Align a = i < t.columns.size() ? t.columns[i].align : Align::right;
      out.append("<td class=\"").append(align_class(a)).append("\">");
      if (cell.kind == CellKind::bar && std::isfinite(cell.value)) {
        // A bar drawn by CSS, its width the magnitude (1 = 10em).
        const double em = 10 * std::min(std::fabs(cell.value), 1.0);
        out.append(fmt::format("<span class=\"bar\" style=\"width:{:.2f}em\"></span>", em));
      } else {
        out.append(esc(render_cell(cell, locale)));
      }
      out.append("</td>");
    }
    out.append("</tr>\n");
  }
  out.append("</tbody>\n</table>\n");
}

/// The SVG document without its XML declaration, to sit inside the page.
std::string inline_svg(const Figure& figure, const Locale& locale) {
  std::string svg = render_svg(figure, locale);
  if (svg.rfind("<?xml", 0) == 0) {
    const auto end = svg.find("?>");
    if (end != std::string::npos) svg.erase(0, svg.find_first_not_of("\r\n", end + 2));
  }
  return svg;
}

}  // namespace

std::string render_html(const Document& d, const Locale& locale) {
  const std::string title = d.title.render(locale);
  std::string out = "<!DOCTYPE html>\n<html lang=\"";
  out.append(to_string(locale.language)).append("\">\n<head>\n<meta charset=\"utf-8\">\n");
  out.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
  out.append(esc(title)).append("</title>\n<style>").append(kStyle).append("</style>\n");
  out.append("</head>\n<body>\n<h1>").append(esc(title)).append("</h1>\n");
  if (!d.verdict.empty()) {
    out.append("<div class=\"verdict\">\n");
    for (const Text& v : d.verdict)
      out.append("<p>").append(esc(v.render(locale))).append("</p>\n");
    out.append("</div>\n");
  }
  if (!d.facts.empty()) {
    out.append("<dl class=\"facts\">\n");
    for (const Fact& f : d.facts) {
      out.append("<dt>").append(esc(f.label.render(locale))).append("</dt><dd>");
      out.append(esc(render_cell(f.value, locale))).append("</dd>\n");
    }
    out.append("</dl>\n");
  }
  for (const Section& s : d.sections) {
    out.append("<section id=\"").append(esc(s.key)).append("\">\n");
    if (!s.heading.empty())
      out.append("<h2>").append(esc(s.heading.render(locale))).append("</h2>\n");
    for (const Text& p : s.paragraphs)
      out.append("<p>").append(esc(p.render(locale))).append("</p>\n");
    for (const Figure& f : s.figures) {
      out.append("<figure id=\"figure-").append(esc(f.key)).append("\">\n");
      out.append(inline_svg(f, locale)).append("\n</figure>\n");
    }
    if (s.table) table_html(out, *s.table, locale);
    for (const Text& n : s.notes) {
      out.append("<p class=\"note\">").append(esc(n.render(locale))).append("</p>\n");
    }
    out.append("</section>\n");
  }
  out.append("</body>\n</html>\n");
  return out;
}

}  // namespace simroi
