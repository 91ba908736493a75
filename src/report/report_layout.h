#pragma once
// Private to the reporters: the content of the human-readable reports, built
// once and rendered either as aligned text (table) or as markdown, so the two
// formats always say the same thing.
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "simroi/report/format.h"
#include "simroi/report/report.h"
#include "simroi/results/results.h"

namespace simroi::detail {

struct Block {
  std::string heading;
  std::vector<std::string> lines;  ///< paragraphs before the table
  std::optional<TextTable> table;
  std::vector<std::string> notes;  ///< paragraphs after the table
};

struct Document {
  std::string title;
  std::vector<std::pair<std::string, std::string>> facts;  ///< "Runs" -> "100 000"
  std::vector<Block> blocks;
};

[[nodiscard]] Document describe_report(const SimulationResults& results, const Locale& locale);
[[nodiscard]] Document describe_compare(const std::vector<SimulationResults>& all,
                                        const Locale& locale);

[[nodiscard]] std::string render_text(const Document& document);
[[nodiscard]] std::string render_markdown(const Document& document);

/// The columns `compare` shows: the ROI percentiles among 5, 50, 95 that were
/// requested (all requested ones when none of those was), and the payback
/// percentile (50 when requested, else the middle requested one).
struct CompareColumns {
  std::vector<double> roi;
  std::optional<double> payback;
};
[[nodiscard]] CompareColumns compare_columns(const std::vector<SimulationResults>& all);

/// One factory per format, each defined in src/report_<format>.cpp.
[[nodiscard]] std::unique_ptr<Reporter> make_table_reporter(Locale locale);
[[nodiscard]] std::unique_ptr<Reporter> make_markdown_reporter(Locale locale);
[[nodiscard]] std::unique_ptr<Reporter> make_csv_reporter();
[[nodiscard]] std::unique_ptr<Reporter> make_json_reporter();

/// "Салон" when the scenario has a name, else the file, else "scenario".
[[nodiscard]] std::string display_name(const SimulationResults& results);
/// How the percentiles were computed, for the report header.
[[nodiscard]] std::string selection_text(const MethodNotes& method);

}  // namespace simroi::detail
