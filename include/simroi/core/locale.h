#pragma once
// How numbers and words are written for one reader: the language of the
// catalogue, the decimal separator and the thousands separator.
//
//   english()   "1 500.5" (thousands: U+00A0 NO-BREAK SPACE, as every
//               simroi report has always printed them), decimal point
//   russian()   "1 500,5": decimal comma, U+00A0 thousands (ГОСТ 8.417 /
//               the usual Russian typography), Russian catalogue
//
// A Locale is a small value passed to whatever formats text for a person
// (Text::render, the reporters); nothing in simroi reads the process's C or
// C++ locale, so results never depend on the machine's LANG or on which
// locales it has generated.
//
// Money and percentages are written the same way in both languages (the
// space before the unit is U+00A0): "225 000 ₽", "250.0 %" / "250,0 %".
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace simroi {

class Catalog;

/// The space before a unit ("250.0 %", "225 000 ₽"): U+00A0 NO-BREAK SPACE.
inline constexpr std::string_view kUnitSpace = "\u00A0";
/// Printed where a number does not exist (non-finite, e.g. the mean of a
/// censored payback): an em dash.
inline constexpr std::string_view kNotAvailable = "—";

enum class Language : std::uint8_t { en, ru };

/// "en" / "ru".
[[nodiscard]] const char* to_string(Language language) noexcept;
/// "en" / "ru" (also "english" / "russian"), or nullopt.
[[nodiscard]] std::optional<Language> parse_language(std::string_view name) noexcept;

/// The symbol printed for a currency code: "₽" for "RUB", otherwise the code
/// itself ("USD" -> "USD").
[[nodiscard]] std::string currency_symbol(std::string_view currency_code);

struct Locale {
  Language language = Language::en;
  std::string decimal_separator = ".";
  std::string thousands_separator = "\u00A0";
  /// Translations; null: every message id is printed as written (English).
  std::shared_ptr<const Catalog> catalog;

  /// English: decimal point, no-break-space thousands, no catalogue.
  [[nodiscard]] static Locale english();
  /// Russian: decimal comma, no-break-space thousands, and `catalog` (may be
  /// null, then messages stay English while numbers are Russian).
  [[nodiscard]] static Locale russian(std::shared_ptr<const Catalog> catalog);
  /// The locale of `language` with the catalogue built into simroi for it
  /// (builtin_catalog: po/ru.po for Russian).
  [[nodiscard]] static Locale for_language(Language language);

  /// `value` with `decimals` places (0..17), grouped in threes when
  /// `grouped`: "1 234.5" / "1 234,5". A rounded zero has no sign ("0.0",
  /// never "-0.0"); the minus is ASCII '-'. Non-finite values give "—".
  [[nodiscard]] std::string number(double value, int decimals, bool grouped = true) const;
  /// Money in whole units, grouped, then U+00A0 and currency_symbol(code):
  /// "225 000 ₽", "-8 750 ₽", "1 234 568 USD". Non-finite: "—".
  [[nodiscard]] std::string money(double value, std::string_view currency_code) const;
  /// A value in percent units with `decimals` places (not grouped), U+00A0,
  /// "%": percent(250, 1) == "250.0 %". Non-finite: "—".
  [[nodiscard]] std::string percent(double value, int decimals) const;
};

}  // namespace simroi
