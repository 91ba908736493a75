#pragma once
// Text a person reads, kept translatable until it is printed.
//
// Every user-facing message is built as a Text: a message id (the English
// text, as in GNU gettext, with fmt-style positional placeholders "{}" or
// "{0}", "{1}" so that a translation may reorder them) plus typed arguments.
// Nothing is formatted until render(locale): the locale's Catalog translates
// the id (falling back to the English id when it has no entry), and each
// argument is formatted by the locale (decimal separator, thousands
// separator), so one Text prints as "min 0.9 is above max 0.5" or in Russian.
//
// The ids are string literals at the call sites of tr(), trn() and trc(), so
// `xgettext --keyword=tr:1 --keyword=trn:1,2 --keyword=trc:1c,2` extracts the
// catalogue template (po/simroi.pot; see docs/translations.md).
//
//   tr("unknown key '{}'", key)                    -> "unknown key 'baselin'"
//   trn("{} run", "{} runs", n, Count{n})          -> "1 run", "100 000 runs"
//   trc("table header", "mean")                    -> a short id with a context
//
// Arguments:
//   std::string / string_view / const char*   verbatim (keys, file names, the user's own text)
//   integers                                   digits, no grouping ("line 12")
//   double                                     the shortest text that reads back as the
//                                              same double, with '.' (a value as written
//                                              in a YAML file: "0.9", "1e-320")
//   Number{value, decimals}                    the locale's decimal and thousands separators
//   Count{n}                                   a whole number with thousands grouped
//   Money{value, currency}                     whole units, grouped, the currency's
//                                              symbol: "225 000 ₽"
//   Percent{value, decimals}                   a value in percent units: "11.0 %" / "11,0 %"
//   Text                                       a nested phrase, rendered in the same locale
//
// render() never throws for a bad translation: a translated pattern that fmt
// cannot format falls back to the English id.
//
// Catalogues: GNU gettext .mo files (compiled by msgfmt from po/<language>.po
// at build time and built into the program, see docs/translations.md), read
// through Boost.Locale, with the plural rule of each file's Plural-Forms
// header. Nothing reads the machine's locales or files at run time.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "simroi/core/locale.h"

namespace simroi {

/// A number formatted by the locale: `decimals` places, thousands grouped
/// when `grouped` (the locale's separators: "1 234.5" / "1 234,5").
struct Number {
  double value = 0;
  int decimals = 0;
  bool grouped = true;
};

/// A whole number with thousands grouped by the locale ("100 000").
struct Count {
  std::int64_t value = 0;
};

/// An amount of money in whole units of `currency` (an ISO code such as
/// "RUB", printed as its symbol): Locale::money.
struct Money {
  double value = 0;
  std::string currency;
};

/// A value in percent units (250 -> "250.0 %"): Locale::percent.
struct Percent {
  double value = 0;
  int decimals = 1;
};

/// Translations of message ids. A catalogue returns nullopt for an id it does
/// not know, and the English id is printed instead.
class Catalog {
 public:
  virtual ~Catalog() = default;
  /// The translation of `msgid` in `context` ("" when none).
  [[nodiscard]] virtual std::optional<std::string> find(std::string_view context,
                                                        std::string_view msgid) const = 0;
  /// The translation of the plural message (`singular`, `plural`) for count
  /// `n`, by the language's plural rule (Russian: one / few / many).
  [[nodiscard]] virtual std::optional<std::string> find_plural(std::string_view context,
                                                               std::string_view singular,
                                                               std::string_view plural,
                                                               std::int64_t n) const = 0;
};

/// The bytes of a compiled GNU gettext catalogue (a .mo file) and its
/// language ("ru"), as built into the program.
struct MoFile {
  std::string_view language;
  std::string_view bytes;
};

/// A catalogue read from the bytes of a .mo file (GNU gettext's binary format,
/// either byte order), through Boost.Locale: contexts (msgctxt) and plural
/// forms chosen by the file's own Plural-Forms expression. The bytes are
/// copied. Throws std::invalid_argument when they are not a .mo file.
[[nodiscard]] std::shared_ptr<const Catalog> mo_catalog(std::string_view bytes);

/// The catalogue built into simroi for `language` (compiled from
/// po/<language>.po), or null when there is none (English needs none: the
/// message ids are English). Loaded once, then shared; thread-safe.
[[nodiscard]] std::shared_ptr<const Catalog> builtin_catalog(Language language);

class Text {
 public:
  using Arg = std::variant<std::string, std::int64_t, double, Number, Count, Money, Percent,
                           std::shared_ptr<const Text>>;

  Text() = default;
  /// A fixed text that is not translated (e.g. a name the user wrote).
  static Text verbatim(std::string text);

  /// The text in `locale` (translated when its catalogue has the id).
  [[nodiscard]] std::string render(const Locale& locale) const;
  /// The text in English: render(Locale::english()).
  [[nodiscard]] std::string english() const;

  [[nodiscard]] bool empty() const noexcept { return id_.empty() && !verbatim_; }
  /// The message id (the English pattern) and, for plural messages, its plural id.
  [[nodiscard]] std::string_view id() const noexcept { return id_; }
  [[nodiscard]] std::string_view plural_id() const noexcept { return plural_; }
  [[nodiscard]] std::string_view context() const noexcept { return context_; }
  [[nodiscard]] const std::vector<Arg>& args() const noexcept { return args_; }

  // Built by tr(), trn(), trc().
  Text(std::string_view context, std::string_view id, std::string_view plural,
       std::optional<std::int64_t> count, std::vector<Arg> args);

 private:
  std::string context_;
  std::string id_;
  std::string plural_;
  std::optional<std::int64_t> count_;
  std::vector<Arg> args_;
  bool verbatim_ = false;
};

namespace detail {
template <typename T>
Text::Arg to_arg(T&& value) {
  using V = std::remove_cvref_t<T>;
  if constexpr (std::is_same_v<V, Text>) {
    return std::make_shared<const Text>(std::forward<T>(value));
  } else if constexpr (std::is_same_v<V, Number> || std::is_same_v<V, Count> ||
                       std::is_same_v<V, Money> || std::is_same_v<V, Percent>) {
    return std::forward<T>(value);
  } else if constexpr (std::is_same_v<V, bool>) {
    static_assert(!std::is_same_v<V, bool>, "pass a Text for a yes/no word");
  } else if constexpr (std::is_integral_v<V>) {
    return static_cast<std::int64_t>(value);
  } else if constexpr (std::is_floating_point_v<V>) {
    return static_cast<double>(value);
  } else {
    return std::string(std::string_view(value));
  }
}
}  // namespace detail

/// A translatable message with arguments for its "{}" placeholders.
template <typename... Args>
[[nodiscard]] Text tr(std::string_view msgid, Args&&... args) {
  return Text({}, msgid, {}, std::nullopt, {detail::to_arg(std::forward<Args>(args))...});
}

/// A message with a context, for short ids that could mean several things.
template <typename... Args>
[[nodiscard]] Text trc(std::string_view context, std::string_view msgid, Args&&... args) {
  return Text(context, msgid, {}, std::nullopt, {detail::to_arg(std::forward<Args>(args))...});
}

/// A message whose wording depends on the count `n` (the catalogue's plural
/// rule; English: `singular` for n = 1, else `plural`). `n` is only used to
/// choose the form: pass it again as an argument (e.g. Count{n}) to print it.
template <typename... Args>
[[nodiscard]] Text trn(std::string_view singular, std::string_view plural, std::int64_t n,
                       Args&&... args) {
  return Text({}, singular, plural, n, {detail::to_arg(std::forward<Args>(args))...});
}

}  // namespace simroi
