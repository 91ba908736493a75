#pragma once
// report.xlsx: the report model (document.h) as an Excel workbook, written
// through libxlsxwriter (docs/reports.md).
//
// Sheets (their names and every label in the reader's language):
//   Summary       the title, the verdict, the facts (runs, seed, ...) and
//                 the key figures: each outcome's median (P50, when
//                 reported) and every chance of the chances table
//   Percentiles   the outcomes table (ROI, net profit, NPV, payback by
//                 percentile) and the chances table; a native bar chart of
//                 the ROI percentiles
//   Monthly fan   every month (a column "month") with the fan's percentiles
//                 of cumulative net; a native line chart of them
//   Sensitivity   the Spearman table and the tornado in money
//   Inputs        each input as written, its P5 / P50 / P95
// A comparison (Document::Kind::compare) has Summary and Comparison.
//
// Cells keep their numbers: money with the number format `#,##0 "₽"`
// (shown `# ##0 ₽` by a Russian Excel), percentages and probabilities as
// fractions with `0.0%`, months with `0.0`; censored paybacks ("> 12") and
// "—" are text. The workbook's creation date is fixed (2000-01-01), so the
// same report gives the same sheets.
#include <string>

#include "simroi/core/locale.h"
#include "simroi/report/document.h"

namespace simroi {

/// The bytes of the .xlsx file of `document` for the reader of `locale`.
/// Throws UserError when the workbook cannot be assembled (no temporary
/// space).
[[nodiscard]] std::string render_xlsx(const Document& document, const Locale& locale);

}  // namespace simroi
