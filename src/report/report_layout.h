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

/// The version 0.2 sections (build_sources.cpp): "gain_by_source" (the mean
/// gain by source and its shares) and "cash_view" (ROI, net profit and P(ROI <
/// 0) without the value of saved time; build_report adds it when time is valued).
[[nodiscard]] Section gain_by_source_section(const SimulationResults& r);
[[nodiscard]] Section cash_view_section(const SimulationResults& r);

/// `table` with every cell written for `locale`, its detail rows left out.
[[nodiscard]] TextTable text_table(const Table& table, const Locale& locale);

}  // namespace simroi::detail
