#pragma once
// The files of `--out DIR`, rendered from the report model (document.h);
// output_dir.h writes them.
//
// One scenario (report_files):  report.json, report.md, report.csv,
//   report.txt (the table), report.xlsx (report_xlsx.h), report.html
//   (report_html.h: self-contained, charts inline) and one SVG per figure: percentiles.svg (ROI
//   percentiles with their 95 % confidence intervals) and fan.svg (cumulative
//   net by month: P5-P95 and P25-P75 bands, the median line).
// The command line adds scenario.yaml (the scenario file as read) and
//   provenance.txt (version, date, and per scenario its file, seed, runs and
//   horizon; the date is only there, so report.json stays reproducible), and
//   for a comparison one scenario.yaml per subfolder (src/app/commands.cpp).
// A comparison (compare_files): compare.json, compare.md, compare.csv,
//   compare.txt, compare.xlsx, compare.html, and each scenario's report files in a subfolder named
//   after its business label (else its file stem), made unique with "-2", "-3", ...
#include <string>
#include <vector>

#include "simroi/core/locale.h"
#include "simroi/report/document.h"
#include "simroi/report/output_dir.h"
#include "simroi/report/report.h"
#include "simroi/results/results.h"

namespace simroi {

/// Every file of one scenario's report (`report` from build_report), for the
/// reader of `locale`.
/// With `csv` excel also report-excel.csv (render_csv_excel); report.csv is
/// RFC 4180 either way.
[[nodiscard]] std::vector<OutputFile> report_files(const Document& report, const Locale& locale,
                                                   CsvFlavor csv = CsvFlavor::rfc);

/// The comparison (`comparison` from build_compare) and every scenario's
/// report in its subfolder.
/// With `csv` excel also compare-excel.csv and each report's report-excel.csv.
[[nodiscard]] std::vector<OutputFile> compare_files(const Document& comparison,
                                                    const Locale& locale,
                                                    CsvFlavor csv = CsvFlavor::rfc);

/// The subfolder names compare_files uses, one per scenario, unique and made
/// of [A-Za-z0-9._-] plus any non-ASCII UTF-8 (never "", "." or "..").
[[nodiscard]] std::vector<std::string> compare_folder_names(
    const std::vector<SimulationResults>& all);

}  // namespace simroi
