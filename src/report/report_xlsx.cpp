// report.xlsx through libxlsxwriter (include/simroi/report/report_xlsx.h).
#include "simroi/report/report_xlsx.h"

#include <fmt/format.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>

#include "simroi/core/error.h"

namespace simroi {

namespace fs = std::filesystem;

namespace {

/// The number formats of a workbook, created once per format code.
class Formats {
 public:
  explicit Formats(lxw_workbook* wb) : wb_(wb) {}
  lxw_format* number(const std::string& code) {
    auto it = formats_.find(code);
    if (it != formats_.end()) return it->second;
    lxw_format* f = workbook_add_format(wb_);
    format_set_num_format(f, code.c_str());
    return formats_.emplace(code, f).first->second;
  }
  lxw_format* bold() {
    if (bold_ == nullptr) {
      bold_ = workbook_add_format(wb_);
      format_set_bold(bold_);
    }
    return bold_;
  }
  lxw_format* title() {
    if (title_ == nullptr) {
      title_ = workbook_add_format(wb_);
      format_set_bold(title_);
      format_set_font_size(title_, 14);
    }
    return title_;
  }

 private:
  lxw_workbook* wb_;
  std::map<std::string, lxw_format*> formats_;
  lxw_format* bold_ = nullptr;
  lxw_format* title_ = nullptr;
};

std::string decimals_code(const char* whole, int decimals) {
  if (decimals <= 0) return whole;
  return fmt::format("{}.{}", whole, std::string(static_cast<std::size_t>(decimals), '0'));
}

/// One cell as Excel holds it: a number with a number format, or text.
void write_cell(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const Cell& cell,
                const Locale& locale, Formats& formats) {
  const bool finite = std::isfinite(cell.value);
  auto number = [&](double v, const std::string& code) {
    const std::string full = cell.sign == Sign::always ? fmt::format("+{0};-{0};{0}", code) : code;
    worksheet_write_number(ws, row, col, v, formats.number(full));
  };
  switch (cell.kind) {
    case CellKind::empty:
      return;
    case CellKind::money:
      if (!finite) break;
      number(cell.value, fmt::format("#,##0 \"{}\"", currency_symbol(cell.currency)));
      return;
    case CellKind::percent:
      if (!finite) break;
      number(cell.value / 100.0, fmt::format("{}%", decimals_code("0", cell.decimals)));
      return;
    case CellKind::probability:
      if (!finite) break;
      number(cell.value, fmt::format("{}%", decimals_code("0", cell.decimals)));
      return;
    case CellKind::months:
    case CellKind::number:
      if (!finite) break;
      number(cell.value, decimals_code("0", cell.decimals));
      return;
    case CellKind::count:
      if (!finite) break;
      number(cell.value, "#,##0");
      return;
    case CellKind::bar:
      if (!finite) break;
      number(cell.value, "0.00");
      return;
    case CellKind::text:
    case CellKind::censored:
    case CellKind::not_available:
      break;
  }
  worksheet_write_string(ws, row, col, render_cell(cell, locale).c_str(), nullptr);
}

/// `table` at `row` (header, then every row, detail rows included); returns
/// the row after it.
lxw_row_t write_table(lxw_worksheet* ws, lxw_row_t row, const Table& table, const Locale& locale,
                      Formats& formats) {
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    worksheet_write_string(ws, row, static_cast<lxw_col_t>(c),
                           table.columns[c].label.render(locale).c_str(), formats.bold());
  }
  ++row;
  for (const Row& r : table.rows) {
    for (std::size_t c = 0; c < r.cells.size(); ++c) {
      write_cell(ws, row, static_cast<lxw_col_t>(c), r.cells[c], locale, formats);
    }
    ++row;
  }
  return row;
}

/// A section's heading, paragraphs, table and notes from `row`; returns the
/// row after them and, through `table_row`, where the table's header is.
lxw_row_t write_section(lxw_worksheet* ws, lxw_row_t row, const Section& s, const Locale& locale,
                        Formats& formats, lxw_row_t* table_row = nullptr) {
  if (!s.heading.empty()) {
    worksheet_write_string(ws, row++, 0, s.heading.render(locale).c_str(), formats.bold());
  }
  for (const Text& p : s.paragraphs)
    worksheet_write_string(ws, row++, 0, p.render(locale).c_str(), nullptr);
  if (s.table) {
    if (table_row != nullptr) *table_row = row;
    row = write_table(ws, row, *s.table, locale, formats);
  }
  for (const Text& n : s.notes)
    worksheet_write_string(ws, row++, 0, n.render(locale).c_str(), nullptr);
  return row + 1;
}

std::string sheet_name(const Text& name, const Locale& locale) {
  // Excel allows 31 characters and none of []:*?/\ ; the catalogue's names fit.
  return name.render(locale);
}

/// A temporary file name for libxlsxwriter to write the workbook to.
fs::path temporary_xlsx() {
  static std::atomic<unsigned> counter{0};
  std::error_code ec;
  fs::path dir = fs::temp_directory_path(ec);
  if (ec) dir = ".";
  return dir / fmt::format("simroi-{}-{}.xlsx", ::getpid(), counter++);
}

void write_report(lxw_workbook* wb, const Document& d, const Locale& locale, Formats& formats) {
  // Summary: title, verdict, facts.
  const std::string summary_name = sheet_name(trc("sheet name", "Summary"), locale);
  lxw_worksheet* summary = workbook_add_worksheet(wb, summary_name.c_str());
  worksheet_set_column(summary, 0, 0, 40, nullptr);
  worksheet_set_column(summary, 1, 1, 18, nullptr);
  lxw_row_t row = 0;
  worksheet_write_string(summary, row++, 0, d.title.render(locale).c_str(), formats.title());
  for (const Text& v : d.verdict)
    worksheet_write_string(summary, row++, 0, v.render(locale).c_str(), nullptr);
  ++row;
  for (const Fact& f : d.facts) {
    worksheet_write_string(summary, row, 0, f.label.render(locale).c_str(), formats.bold());
    write_cell(summary, row, 1, f.value, locale, formats);
    ++row;
  }
  // Key figures: each outcome's median (when P50 was reported) and every chance.
  const Section* outcomes = d.section("outcomes");
  const Section* chances = d.section("chances");
  const bool has_median =
      outcomes != nullptr && outcomes->table && outcomes->table->column("p50").has_value();
  if (has_median || (chances != nullptr && chances->table)) {
    ++row;
    worksheet_write_string(summary, row++, 0, tr("Key figures").render(locale).c_str(),
                           formats.bold());
  }
  if (has_median) {
    const std::size_t c = *outcomes->table->column("p50");
    worksheet_write_string(summary, row++, 1,
                           outcomes->table->columns[c].label.render(locale).c_str(),
                           formats.bold());
    for (const Row& r : outcomes->table->rows) {
      if (r.cells.size() <= c) continue;
      write_cell(summary, row, 0, r.cells.front(), locale, formats);
      write_cell(summary, row, 1, r.cells[c], locale, formats);
      ++row;
    }
  }
  if (chances != nullptr && chances->table) {
    for (const Row& r : chances->table->rows) {
      if (r.cells.size() < 2) continue;
      write_cell(summary, row, 0, r.cells[0], locale, formats);
      write_cell(summary, row, 1, r.cells[1], locale, formats);
      ++row;
    }
  }
  if (d.kind == Document::Kind::compare) {
    if (const Section* s = d.section("comparison")) {
      const std::string name = sheet_name(trc("sheet name", "Comparison"), locale);
      lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
      worksheet_set_column(ws, 0, 0, 28, nullptr);
      worksheet_set_column(ws, 1, 30, 14, nullptr);
      write_section(ws, 0, *s, locale, formats);
    }
    return;
  }

  // Percentiles: outcomes and chances, the ROI percentile bars.
  {
    const std::string name = sheet_name(trc("sheet name", "Percentiles"), locale);
    lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
    worksheet_set_column(ws, 0, 0, 34, nullptr);
    worksheet_set_column(ws, 1, 20, 13, nullptr);
    lxw_row_t r = 0;
    lxw_row_t header = 0;
    const Section* outcomes = d.section("outcomes");
    if (outcomes != nullptr) r = write_section(ws, r, *outcomes, locale, formats, &header);
    if (const Section* chances = d.section("chances"))
      r = write_section(ws, r, *chances, locale, formats);
    if (outcomes != nullptr && outcomes->table && !outcomes->table->rows.empty()) {
      const Table& t = *outcomes->table;
      // The ROI row: the first; its percentile columns, not the mean.
      std::size_t last = t.columns.size() - 1;
      if (t.column("mean")) last = *t.column("mean") - 1;
      if (last >= 1) {
        lxw_chart* chart = workbook_add_chart(wb, LXW_CHART_COLUMN);
        lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
        const auto roi_row = static_cast<lxw_row_t>(header + 1);
        chart_series_set_categories(series, name.c_str(), header, 1, header,
                                    static_cast<lxw_col_t>(last));
        chart_series_set_values(series, name.c_str(), roi_row, 1, roi_row,
                                static_cast<lxw_col_t>(last));
        chart_series_set_name(series, t.rows.front().cells.front().text.render(locale).c_str());
        for (const Figure& fig : outcomes->figures) {
          chart_title_set_name(chart, fig.title.render(locale).c_str());
        }
        chart_axis_set_num_format(chart->y_axis, "0%");
        chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
        worksheet_insert_chart(ws, r + 1, 1, chart);
      }
    }
  }

  // Monthly fan: every month, the line chart.
  if (const Section* fan = d.section("fan")) {
    const std::string name = sheet_name(trc("sheet name", "Monthly fan"), locale);
    lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
    worksheet_set_column(ws, 0, 20, 14, nullptr);
    lxw_row_t header = 0;
    write_section(ws, 0, *fan, locale, formats, &header);
    if (fan->table && !fan->table->rows.empty()) {
      const Table& t = *fan->table;
      lxw_chart* chart = workbook_add_chart(wb, LXW_CHART_LINE);
      const auto first = static_cast<lxw_row_t>(header + 1);
      const auto last = static_cast<lxw_row_t>(header + t.rows.size());
      for (std::size_t c = 1; c < t.columns.size(); ++c) {
        lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
        chart_series_set_categories(series, name.c_str(), first, 0, last, 0);
        chart_series_set_values(series, name.c_str(), first, static_cast<lxw_col_t>(c), last,
                                static_cast<lxw_col_t>(c));
        chart_series_set_name_range(series, name.c_str(), header, static_cast<lxw_col_t>(c));
      }
      for (const Figure& fig : fan->figures) {
        chart_title_set_name(chart, fig.title.render(locale).c_str());
        chart_axis_set_name(chart->x_axis, fig.x.label.render(locale).c_str());
        chart_axis_set_name(chart->y_axis, fig.y.label.render(locale).c_str());
      }
      chart_axis_set_num_format(chart->y_axis, "#,##0");
      worksheet_insert_chart(ws, 1, static_cast<lxw_col_t>(t.columns.size() + 1), chart);
    }
  }

  // Payback: P(payback <= t) for every month, a native line chart of it.
  if (const Section* curve = d.section("payback_curve"); curve != nullptr && curve->table) {
    const std::string name = sheet_name(trc("sheet name", "Payback"), locale);
    lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
    worksheet_set_column(ws, 0, 1, 16, nullptr);
    lxw_row_t header = 0;
    write_section(ws, 0, *curve, locale, formats, &header);
    const Table& t = *curve->table;
    if (!t.rows.empty() && t.columns.size() >= 2) {
      lxw_chart* chart = workbook_add_chart(wb, LXW_CHART_LINE);
      const auto first = static_cast<lxw_row_t>(header + 1);
      const auto last = static_cast<lxw_row_t>(header + t.rows.size());
      lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
      chart_series_set_categories(series, name.c_str(), first, 0, last, 0);
      chart_series_set_values(series, name.c_str(), first, 1, last, 1);
      chart_series_set_name_range(series, name.c_str(), header, 1);
      for (const Figure& fig : curve->figures) {
        chart_title_set_name(chart, fig.title.render(locale).c_str());
        chart_axis_set_name(chart->x_axis, fig.x.label.render(locale).c_str());
        chart_axis_set_name(chart->y_axis, fig.y.label.render(locale).c_str());
      }
      chart_axis_set_num_format(chart->y_axis, "0%");
      chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
      worksheet_insert_chart(ws, 1, 3, chart);
    }
  }

  // Sensitivity: Spearman and the tornado in money.
  {
    const std::string name = sheet_name(trc("sheet name", "Sensitivity"), locale);
    lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
    worksheet_set_column(ws, 0, 0, 40, nullptr);
    worksheet_set_column(ws, 1, 20, 15, nullptr);
    lxw_row_t r = 0;
    for (const char* key : {"sensitivity", "tornado", "correlations"}) {
      if (const Section* s = d.section(key)) r = write_section(ws, r, *s, locale, formats);
    }
  }

  // Inputs.
  if (const Section* inputs = d.section("inputs")) {
    const std::string name = sheet_name(trc("sheet name", "Inputs"), locale);
    lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
    worksheet_set_column(ws, 0, 0, 40, nullptr);
    worksheet_set_column(ws, 1, 1, 36, nullptr);
    worksheet_set_column(ws, 2, 20, 15, nullptr);
    write_section(ws, 0, *inputs, locale, formats);
  }
}

}  // namespace

std::string render_xlsx(const Document& document, const Locale& locale) {
  const fs::path path = temporary_xlsx();
  lxw_workbook* wb = workbook_new(path.c_str());
  if (wb == nullptr) {
    throw UserError(tr("cannot write the spreadsheet: no temporary file {}", path.string()));
  }
  lxw_doc_properties properties{};
  properties.created = 946684800;  // 2000-01-01T00:00:00Z: the same report, the same file
  std::string title = document.title.render(locale);
  properties.title = title.data();
  workbook_set_properties(wb, &properties);
  Formats formats(wb);
  write_report(wb, document, locale, formats);
  const lxw_error status = workbook_close(wb);
  std::string bytes;
  if (status == LXW_NO_ERROR) {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  std::error_code ignored;
  fs::remove(path, ignored);
  if (status != LXW_NO_ERROR || bytes.empty()) {
    throw UserError(tr("cannot write the spreadsheet: {}", Text::verbatim(lxw_strerror(status))));
  }
  return bytes;
}

}  // namespace simroi
