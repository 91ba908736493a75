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

}  // namespace simroi::app
