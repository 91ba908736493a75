#pragma once
// Reporters: one renderer per output format, each writing the one report
// model (document.h) built from SimulationResults (the google/benchmark
// pattern: the content is decided once, a reporter only writes it).
//
//   table      aligned text for a terminal          (the document's sections)
//   markdown   GitHub-flavoured markdown            (the document's sections)
//   csv        one tidy long table, RFC 4180        (its results, complete)
//   json       the simroi.report/1 schema           (its results, complete)
//
// The human formats write for the reader of their Locale (decimal and
// thousands separators, the catalogue); csv and json are for machines: '.'
// and full precision whatever the locale.
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "simroi/core/locale.h"
#include "simroi/report/document.h"
#include "simroi/results/results.h"

namespace simroi {

enum class Format : std::uint8_t { table, markdown, csv, json };
[[nodiscard]] std::optional<Format> parse_format(std::string_view name) noexcept;
[[nodiscard]] const char* to_string(Format format) noexcept;

/// The file extension a format is written with in `--out DIR` ("txt" for table).
[[nodiscard]] const char* file_extension(Format format) noexcept;

class Reporter {
 public:
  virtual ~Reporter() = default;
  /// Writes `document` (a report or a comparison, document.kind) in this format.
  virtual void render(std::ostream& out, const Document& document) const = 0;

  /// build_report(results), written.
  void report(std::ostream& out, const SimulationResults& results) const;
  /// build_compare(all), written (`simroi compare`).
  void compare(std::ostream& out, const std::vector<SimulationResults>& all) const;
};

/// The reporter of `format`, writing for the reader of `locale`.
[[nodiscard]] std::unique_ptr<Reporter> make_reporter(Format format,
                                                      Locale locale = Locale::english());

/// `document` in `format` for `locale`, as a string.
[[nodiscard]] std::string render(const Document& document, Format format, const Locale& locale);

/// The two flavours of CSV (docs/reports.md, "CSV"): `rfc` is RFC 4180 for
/// machines (`--format csv`, report.csv: ',' and '.', full precision);
/// `excel` opens by double-click in a Russian (or any European) Excel.
enum class CsvFlavor : std::uint8_t { rfc, excel };
/// "excel" / "rfc", or nullopt.
[[nodiscard]] std::optional<CsvFlavor> parse_csv_flavor(std::string_view name) noexcept;

/// The document's results as an Excel-ready CSV: a UTF-8 BOM, ';' between
/// fields, CRLF line ends, a decimal comma and no thousands grouping; values
/// rounded for a reader (money to whole units, ROI and every probability in
/// percent with one decimal, months with two, correlations with three);
/// tidy columns `metric;statistic;month;input;value;ci_low;ci_high;unit`
/// (the month and the input are columns of their own). A comparison is one
/// row per scenario, the unit in each column's name.
[[nodiscard]] std::string render_csv_excel(const Document& document);

/// The estimate for percentile `p` (exact match), or nullptr when `p` was not
/// requested.
[[nodiscard]] const PercentileEstimate* find_percentile(
    const std::vector<PercentileEstimate>& estimates, double p) noexcept;

/// P(payback <= months), or nullptr when that threshold is not reported or is
/// beyond the horizon.
[[nodiscard]] const Probability* find_payback_within(const PaybackSummary& payback,
                                                     int months) noexcept;

}  // namespace simroi
