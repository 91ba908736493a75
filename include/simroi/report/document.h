#pragma once
// The report model: what every format of a report says, built once from
// SimulationResults and rendered by one renderer per format (report.h: table
// text, markdown, csv, json; charts.h: the figures as SVG), so the formats
// cannot drift apart.
//
//   Document                    build_report(results) / build_compare(all)
//     title                     Text
//     facts                     label + Cell: "Runs" -> 100 000
//     sections                  one per topic, in reading order:
//       heading, paragraphs     Text
//       table                   columns (key, label, alignment) and rows of typed Cells
//       notes                   Text, after the table
//       figures                 a chart's data and labels (figure.h)
//     results                   the SimulationResults it was built from
//
// Cells are typed values, never preformatted strings: money keeps its
// currency, a percentage its percent units, a censored payback its horizon.
// render_cell(cell, locale) writes one for a reader; a spreadsheet can write
// the number with a number format instead, a chart can place it.
//
// Tables are complete: the fan table has every month and the sensitivity
// table every input. Rows a short report leaves out (months between the
// shown ones, inputs below the top eight) are marked `detail`; the text and
// markdown renderers skip them and say so in a note.
//
// The machine formats (csv, json) are complete records of `results`, every
// estimate with its Monte Carlo uncertainty; the human sections summarise
// the same numbers through the same selection helpers (compare_columns,
// find_percentile, find_payback_within).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "simroi/core/locale.h"
#include "simroi/core/text.h"
#include "simroi/report/figure.h"
#include "simroi/report/format.h"
#include "simroi/results/results.h"

namespace simroi {

/// What a cell holds, and so how it is written.
enum class CellKind : std::uint8_t {
  empty,          ///< nothing (a table's corner, a metric without that percentile)
  text,           ///< `text`: a label, a name, a phrase
  money,          ///< `value` in whole units of `currency`: "225 000 ₽"
  percent,        ///< `value` in percent units (ROI): "250.0 %"
  probability,    ///< `value` in [0, 1], written as a percent of runs: 0.123 -> "12.3 %"
  months,         ///< `value` months (a payback month, a duration): "1.4"
  count,          ///< `value` a whole number, thousands grouped: "100 000"
  number,         ///< `value` a plain number (a correlation): "0.40"
  censored,       ///< not within the horizon of `horizon_months`: "> 12"
  not_available,  ///< does not exist or was not computed (the mean of a payback): "—"
  bar,            ///< `value` a magnitude in [0, 1], drawn as a bar (▇ x 20 for 1)
};

/// How the sign of a numeric cell is written.
enum class Sign : std::uint8_t {
  minus_only,  ///< "-8 750 ₽", "250.0 %"; a rounded zero has no sign
  always,      ///< "+0.62", "-0.31"; the sign is the value's own (as printf's "%+.2f")
  plus_minus,  ///< a standard error or half-width: "±0.35 %"
};

/// One typed value of a table or a fact. Build with the named constructors.
struct Cell {
  CellKind kind = CellKind::empty;
  double value = 0;
  int decimals = 0;
  Sign sign = Sign::minus_only;
  std::string currency;    ///< money: an ISO code ("RUB")
  int horizon_months = 0;  ///< censored
  Text text;               ///< text

  [[nodiscard]] static Cell of_text(Text text);
  [[nodiscard]] static Cell money(double value, std::string currency);
  [[nodiscard]] static Cell percent(double value, int decimals = 1, Sign sign = Sign::minus_only);
  [[nodiscard]] static Cell probability(double value, int decimals = 1,
                                        Sign sign = Sign::minus_only);
  [[nodiscard]] static Cell months(double value, int decimals = 1);
  [[nodiscard]] static Cell count(double value);
  /// A count exact beyond 2^53 (a seed): kind count, `value` its nearest
  /// double, `text` its decimal digits, which the machine formats write.
  [[nodiscard]] static Cell whole(std::uint64_t value);
  [[nodiscard]] static Cell number(double value, int decimals, Sign sign = Sign::minus_only);
  [[nodiscard]] static Cell censored(int horizon_months);
  [[nodiscard]] static Cell not_available();
  [[nodiscard]] static Cell bar(double magnitude);
  /// A payback month: months(value, 1), or censored(horizon) when the value is
  /// +inf (not within the horizon).
  [[nodiscard]] static Cell payback(double months, int horizon_months);
};

/// The cell as a person reads it in `locale` (format.h conventions): money
/// "225 000 ₽", percent "250.0 %", probability "12.3 %", months "1.4",
/// count "100 000", number "0.40", censored "> 12" (U+00A0 after '>'),
/// not_available "—", bar "▇▇▇" (round(min(|v|, 1) x 20) blocks), empty "".
/// Sign::always prefixes '+' or '-', Sign::plus_minus '±'. Non-finite
/// numbers give "—".
[[nodiscard]] std::string render_cell(const Cell& cell, const Locale& locale);

/// The width in ▇ blocks of a bar cell of magnitude 1.
inline constexpr int kBarCells = 20;

struct Column {
  std::string key;  ///< machine name: "p5", "mean", "chance"; "" for the label column
  Text label;       ///< the header a person reads (may be empty)
  Align align = Align::right;
};

struct Row {
  std::string key;          ///< machine name: "roi_pct", "month_3", the input's path
  std::vector<Cell> cells;  ///< one per column
  bool detail = false;      ///< left out of short (text, markdown) renderings
};

struct Table {
  std::string key;
  std::vector<Column> columns;
  std::vector<Row> rows;

  /// The row / column with that key, or nullptr / nullopt.
  [[nodiscard]] const Row* row(std::string_view key) const noexcept;
  [[nodiscard]] std::optional<std::size_t> column(std::string_view key) const noexcept;
  /// The cell at (row key, column key), or nullptr.
  [[nodiscard]] const Cell* cell(std::string_view row_key,
                                 std::string_view column_key) const noexcept;
};

struct Fact {
  std::string key;  ///< "scenario", "runs", "seed", ...
  Text label;       ///< "Runs"
  Cell value;
};

struct Section {
  std::string key;               ///< "outcomes", "chances", "fan", "sensitivity", ...
  Text heading;                  ///< may be empty
  std::vector<Text> paragraphs;  ///< before the table
  std::optional<Table> table;
  std::vector<Text> notes;      ///< after the table
  std::vector<Figure> figures;  ///< the charts of this section
};

struct Document {
  enum class Kind : std::uint8_t { report, compare };
  Kind kind = Kind::report;
  Text title;
  /// One or two plain sentences the human formats print first (a report's
  /// chance of paying back within a year and of losing money); empty for a
  /// comparison.
  std::vector<Text> verdict;
  std::vector<Fact> facts;
  std::vector<Section> sections;
  /// What the document was built from: one scenario's results for a report,
  /// every scenario's (in the order given) for a comparison. The csv and json
  /// renderers serialise these completely.
  std::vector<SimulationResults> results;

  [[nodiscard]] const Section* section(std::string_view key) const noexcept;
  [[nodiscard]] const Fact* fact(std::string_view key) const noexcept;
  /// Every figure of every section, in reading order.
  [[nodiscard]] std::vector<const Figure*> figures() const;
};

/// The report of one scenario. Sections, in order: "outcomes" (percentiles of
/// ROI, net profit, NPV, payback; figure "percentiles"), "chances" (P(ROI <
/// 0), payback within 3 / 6 / 12 months and not within the horizon), "fan"
/// (cumulative net by month; figure "fan"), "sensitivity" (Spearman with
/// ROI), "tornado" (median ROI and net with each input in its lowest / highest
/// decile, by swing), "correlations" (only when the scenario asks for some), "precision"
/// (a footnote: the Monte Carlo error of the percentiles and chances). Its
/// verdict: the chance of paying back within 12 months (or the horizon) with
/// the median payback, and the chance of losing money with the median net.
[[nodiscard]] Document build_report(const SimulationResults& results);

/// Several scenarios side by side: one section "comparison" with a row per
/// scenario (its display_name as the row's label, the row key its index).
[[nodiscard]] Document build_compare(const std::vector<SimulationResults>& all);

/// The columns `compare` shows (and its csv writes), from the first
/// scenario's percentiles: the ROI percentiles 5, 50, 95 when all three were
/// requested (the default), else every requested one (--percentiles 10,50,90:
/// 10, 50, 90); the median (50 when requested, else the middle requested
/// one) of net profit and NPV; payback at the median and at the highest ROI
/// percentile above it (the slow case).
struct CompareColumns {
  std::vector<double> roi;
  std::optional<double> median;
  std::vector<double> payback;
};
[[nodiscard]] CompareColumns compare_columns(const std::vector<SimulationResults>& all);

/// The scenario's name, else its file, else "scenario" (the report's title).
[[nodiscard]] Text display_name(const SimulationResults& results);

/// An input as a person names it ("Implementation cost (one-time)"), the
/// name every human table and chart uses; the machine formats keep its key
/// (costs.implementation).
[[nodiscard]] Text input_name(Input id);
/// The same name inside a sentence: lowercase in English ("The smallest lead
/// growth with ..."); the Russian catalogue keeps the name and its sentences
/// quote it («Рост числа лидов»).
[[nodiscard]] Text input_name_in_sentence(Input id);

}  // namespace simroi
