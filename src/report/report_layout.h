#pragma once
// Private to the renderers: one factory per format (src/report/report_<format>.cpp)
// and what the text and markdown renderers share.
#include <memory>

#include "simroi/report/document.h"
#include "simroi/report/format.h"
#include "simroi/report/report.h"

namespace simroi::detail {

[[nodiscard]] std::unique_ptr<Reporter> make_table_reporter(Locale locale);
[[nodiscard]] std::unique_ptr<Reporter> make_markdown_reporter(Locale locale);
[[nodiscard]] std::unique_ptr<Reporter> make_csv_reporter();
[[nodiscard]] std::unique_ptr<Reporter> make_json_reporter();

/// `table` with every cell written for `locale`, its detail rows left out.
[[nodiscard]] TextTable text_table(const Table& table, const Locale& locale);

}  // namespace simroi::detail
