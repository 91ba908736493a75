// The files of --out, rendered from the report model
// (include/simroi/report/report_files.h).
#include "simroi/report/report_files.h"

#include <fmt/format.h>

#include <cctype>
#include <filesystem>
#include <set>

#include "simroi/report/charts.h"
#include "simroi/report/report.h"
#include "simroi/report/report_html.h"
#include "simroi/report/report_xlsx.h"

namespace simroi {

namespace fs = std::filesystem;

namespace {

constexpr Format kFileFormats[] = {Format::json, Format::markdown, Format::csv, Format::table};
constexpr ChartFormat kChartFormats[] = {ChartFormat::svg, ChartFormat::png, ChartFormat::pdf};

// Every figure of `doc` as <key>.svg, <key>.png and <key>.pdf.
void add_charts(std::vector<OutputFile>& files, const Document& doc, const Locale& locale) {
  for (const Figure* figure : doc.figures()) {
    for (const ChartFormat format : kChartFormats) {
      files.push_back({fmt::format("{}.{}", figure->key, chart_extension(format)),
                       render_chart(*figure, locale, format)});
    }
  }
}

}  // namespace

std::vector<OutputFile> report_files(const Document& report, const Locale& locale, CsvFlavor csv) {
  std::vector<OutputFile> files;
  for (const Format format : kFileFormats) {
    files.push_back(
        {fmt::format("report.{}", file_extension(format)), render(report, format, locale)});
  }
  if (csv == CsvFlavor::excel) files.push_back({"report-excel.csv", render_csv_excel(report)});
  files.push_back({"report.xlsx", render_xlsx(report, locale)});
  files.push_back({"report.html", render_html(report, locale)});
  add_charts(files, report, locale);
  return files;
}

std::vector<OutputFile> compare_files(const Document& comparison, const Locale& locale,
                                      CsvFlavor csv) {
  std::vector<OutputFile> files;
  for (const Format format : kFileFormats) {
    files.push_back(
        {fmt::format("compare.{}", file_extension(format)), render(comparison, format, locale)});
  }
  if (csv == CsvFlavor::excel) {
    files.push_back({"compare-excel.csv", render_csv_excel(comparison)});
  }
  files.push_back({"compare.xlsx", render_xlsx(comparison, locale)});
  files.push_back({"compare.html", render_html(comparison, locale)});
  add_charts(files, comparison, locale);
  const std::vector<std::string> names = compare_folder_names(comparison.results);
  for (std::size_t i = 0; i < comparison.results.size(); ++i) {
    for (OutputFile& f : report_files(build_report(comparison.results[i]), locale, csv)) {
      files.push_back({fs::path(names[i]) / f.path, std::move(f.content)});
    }
  }
  return files;
}

std::vector<std::string> compare_folder_names(const std::vector<SimulationResults>& all) {
  std::vector<std::string> names;
  std::set<std::string> used;
  for (const auto& r : all) {
    std::string base = !r.business.empty() ? r.business
                       : !r.file.empty()   ? fs::path(r.file).stem().string()
                                           : std::string();
    std::string clean;
    for (const char c : base) {
      const auto u = static_cast<unsigned char>(c);
      const bool ok = u >= 0x80 || std::isalnum(u) != 0 || c == '.' || c == '_' || c == '-';
      clean.push_back(ok ? c : '_');
    }
    if (!clean.empty() && clean.front() == '.') clean.front() = '_';
    if (clean.empty()) clean = "scenario";
    std::string name = clean;
    for (int k = 2; used.count(name) != 0; ++k) name = fmt::format("{}-{}", clean, k);
    used.insert(name);
    names.push_back(name);
  }
  return names;
}

}  // namespace simroi
