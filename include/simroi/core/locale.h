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
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace simroi {

class Catalog;

enum class Language : std::uint8_t { en, ru };

/// "en" / "ru".
[[nodiscard]] const char* to_string(Language language) noexcept;

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

  /// `value` with `decimals` places (0..17), grouped in threes when
  /// `grouped`: "1 234.5" / "1 234,5". A rounded zero has no sign ("0.0",
  /// never "-0.0"); the minus is ASCII '-'. Non-finite values give "—".
  [[nodiscard]] std::string number(double value, int decimals, bool grouped = true) const;
};

}  // namespace simroi
