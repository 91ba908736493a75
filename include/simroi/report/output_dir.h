#pragma once
// `--out DIR`: the full report written to a folder.
//
// One scenario:  report.json, report.md, report.csv, report.txt (the table),
//                fan.svg (cumulative net by month: P5-P95 and P25-P75 bands,
//                the median line) and percentiles.svg (ROI percentiles with
//                their 95 % confidence intervals).
// compare:       compare.json, compare.md, compare.csv, compare.txt, and each
//                scenario's full report in a subfolder named after its business
//                label (else its file stem), made unique with "-2", "-3", ...
//
// Every file is written atomically: to `DIR/.NAME.tmp.<pid>` first, then
// renamed over `DIR/NAME`, so a reader never sees half a file. A folder that
// cannot be created or written gives UserError (exit 2) naming the path and
// the reason; the temporary file is removed.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "simroi/results/results.h"

namespace simroi {

/// Create `dir` (and parents) when missing. Throws UserError.
void ensure_directory(const std::filesystem::path& dir);

/// Before any work: create `dir` when missing and check a file can be created
/// in it, so a bad --out fails at once, not after a long simulation. Throws
/// UserError naming the folder and the reason.
void prepare_output_dir(const std::filesystem::path& dir);

/// Write `content` to `path` atomically (temp file + rename). Throws UserError.
void write_file_atomic(const std::filesystem::path& path, std::string_view content);

/// Write every file of one scenario's report into `dir`; returns the paths written.
std::vector<std::filesystem::path> write_report_dir(const std::filesystem::path& dir,
                                                    const SimulationResults& results);

/// Write the comparison and every scenario's report into `dir`; returns the paths written.
std::vector<std::filesystem::path> write_compare_dir(const std::filesystem::path& dir,
                                                     const std::vector<SimulationResults>& all);

/// The subfolder names write_compare_dir uses, one per scenario, unique and
/// made of [A-Za-z0-9._-] plus any non-ASCII UTF-8 (never "", "." or "..").
[[nodiscard]] std::vector<std::string> compare_folder_names(
    const std::vector<SimulationResults>& all);

/// The SVG charts (self-contained, deterministic text).
[[nodiscard]] std::string fan_chart_svg(const SimulationResults& results);
[[nodiscard]] std::string percentile_chart_svg(const SimulationResults& results);

}  // namespace simroi
