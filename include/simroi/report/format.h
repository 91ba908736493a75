#pragma once
// Number and text formatting shared by the reporters.
//
// Conventions (docs: every human-readable format uses them; csv and json
// carry raw numbers instead, always with '.' whatever the locale):
//   money      rounded to whole units, thousands grouped with a no-break
//              space (U+00A0), then a no-break space and the currency symbol:
//              "225 000 ₽", "-8 750 ₽"; "₽" for RUB, otherwise the code as given
//   percent    one decimal, no-break space, "%": "250.0 %"
//   ROI        a percent; probabilities are shown as percents of runs
//   minus      ASCII '-' (copy-paste friendly); "-0" is never printed
// Width: a terminal column per Unicode code point (every character the
// reports print -- Cyrillic, ₽, ▇, ±, ≤ -- is one column wide).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "simroi/core/locale.h"
#include "simroi/core/sampling_method.h"

namespace simroi {

// kUnitSpace (U+00A0 before a unit) and kNotAvailable ("—") are in
// core/locale.h, with the number formats they belong to.

// Every helper for people takes the reader's Locale (decimal and thousands
// separators; core/locale.h): Locale::english() prints "1 234.5", Russian
// "1 234,5".

/// `value` rounded to `decimals` places with grouped thousands: "1 234 567.8".
/// Non-finite values give kNotAvailable.
[[nodiscard]] std::string format_grouped(double value, int decimals, const Locale& locale);
/// "225 000 ₽" (whole units; Locale::money).
[[nodiscard]] std::string format_money(double value, std::string_view currency_code,
                                       const Locale& locale);
/// `value` with `decimals` places and no grouping: "1.4"; never "-0.0".
[[nodiscard]] std::string format_fixed(double value, int decimals, const Locale& locale);
/// A percentage given in percent units: format_percent(250, 1, en) == "250.0 %".
[[nodiscard]] std::string format_percent(double percent, int decimals, const Locale& locale);
/// A probability in [0, 1] as a percent of runs: 0.123 -> "12.3 %".
[[nodiscard]] std::string format_probability(double probability, int decimals,
                                             const Locale& locale);
/// `value` with `decimals` places and its sign always shown, taken from the
/// value itself as printf's "%+.2f" does: "+0.62", "-0.31", "-0.00" for a
/// small negative coefficient. Non-finite values give kNotAvailable.
[[nodiscard]] std::string format_signed(double value, int decimals, const Locale& locale);

/// The shortest decimal that reads back as the same double (fmt's "{}"):
/// 5 -> "5", 2.5 -> "2.5", 0.1 -> "0.1". Non-finite values give "".
[[nodiscard]] std::string format_round_trip(double value);
/// A percentile as a JSON key / label: 5 -> "5", 2.5 -> "2.5", 99.9 -> "99.9"
/// (a person reads it as trc("percentile", "P{}", key): "P5", "P2.5").
[[nodiscard]] std::string percentile_key(double p);

/// "monte_carlo" / "latin_hypercube" (the scenario-file spelling).
[[nodiscard]] const char* sampling_name(Sampling sampling) noexcept;

/// Display width in terminal columns: the number of UTF-8 code points.
[[nodiscard]] std::size_t display_width(std::string_view utf8) noexcept;
/// `text` padded with spaces on the left / right to `width` columns.
[[nodiscard]] std::string pad_left(std::string_view text, std::size_t width);
[[nodiscard]] std::string pad_right(std::string_view text, std::size_t width);

/// One RFC 4180 field: quoted (with "" for ") when it holds the separator, ",
/// CR or LF, or starts/ends with a space. `separator` is ',' (RFC 4180) or
/// ';' (the Excel flavour of a comma-decimal locale, report.h).
[[nodiscard]] std::string csv_field(std::string_view text, char separator = ',');
/// Text safe inside a GitHub-flavoured markdown paragraph or, with
/// `table_cell`, a table cell, with a backslash only where markdown would
/// read markup, so that pasted text has no stray backslashes: always before
/// \ ` *; before _ at a word's edge (not inside "lead_growth"); before < that
/// could open an HTML tag (not "P(ROI < 0)"); before ] that could close a link
/// ("](", "][", "]:"); before | in a table cell; before # and > (and "+ ",
/// "- ") at the start of a paragraph (a heading, a quote, a list item).
/// Newlines become spaces.
[[nodiscard]] std::string markdown_escape(std::string_view text, bool table_cell = false);
/// Text safe inside XML / SVG character data and attribute values.
[[nodiscard]] std::string xml_escape(std::string_view text);

/// How a table column is aligned.
enum class Align : unsigned char { left, right };

/// A small table of strings rendered either aligned for a terminal or as a
/// GitHub markdown table. Every rendered text line of a table has the same
/// display width, except that a left-aligned last column is not padded (no
/// trailing spaces).
class TextTable {
 public:
  using Align = simroi::Align;

  TextTable(std::vector<std::string> header, std::vector<Align> align);
  void add_row(std::vector<std::string> cells);

  [[nodiscard]] const std::vector<std::string>& header() const noexcept { return header_; }
  [[nodiscard]] const std::vector<std::vector<std::string>>& rows() const noexcept { return rows_; }
  [[nodiscard]] std::size_t columns() const noexcept { return header_.size(); }

  /// Aligned text: each line starts with `indent`, columns are two spaces apart.
  [[nodiscard]] std::string render_text(std::string_view indent = "  ") const;
  /// A GitHub markdown table (cells escaped with markdown_escape).
  [[nodiscard]] std::string render_markdown() const;

 private:
  std::vector<std::string> header_;
  std::vector<Align> align_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace simroi
