#pragma once
// The decision commands' documents (solve, sweep, voi, pilot) in every
// format: table and markdown through the report renderers (report.h), csv and
// json here, as plain records of every table (cell values as numbers, text as
// rendered), so the shared renderers need no change.
#include <string>

#include "simroi/core/locale.h"
#include "simroi/report/document.h"
#include "simroi/report/report.h"

namespace simroi::app {

/// csv: one line per table cell, `section,row,column,value`.
/// json: {"title", "facts": {key: value}, "sections": [{"key", "notes",
/// "rows": [{"key", column: value, ...}]}]}.
[[nodiscard]] std::string render_decision(const Document& document, Format format,
                                          const Locale& locale);

/// `--format csv --csv excel`: the same records for a Russian (or any
/// European) Excel: a UTF-8 BOM, fields split by ';', decimal commas, CRLF
/// line ends (as render_csv_excel of the report).
[[nodiscard]] std::string render_decision_csv_excel(const Document& document);

}  // namespace simroi::app
