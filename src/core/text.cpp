#include "simroi/core/text.h"

#include <fmt/args.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace simroi {

const char* to_string(Language language) noexcept {
  return language == Language::ru ? "ru" : "en";
}

std::optional<Language> parse_language(std::string_view name) noexcept {
  if (name == "en" || name == "english") return Language::en;
  if (name == "ru" || name == "russian") return Language::ru;
  return std::nullopt;
}

std::string currency_symbol(std::string_view currency_code) {
  if (currency_code == "RUB") return "₽";
  return std::string(currency_code);
}

Locale Locale::english() {
  return Locale{};
}

Locale Locale::russian(std::shared_ptr<const Catalog> catalog) {
  Locale l;
  l.language = Language::ru;
  l.decimal_separator = ",";
  l.thousands_separator = "\u00A0";
  l.catalog = std::move(catalog);
  return l;
}

Locale Locale::for_language(Language language) {
  return language == Language::ru ? russian(builtin_catalog(Language::ru)) : english();
}

std::string Locale::number(double value, int decimals, bool grouped) const {
  if (!std::isfinite(value)) return std::string(kNotAvailable);
  decimals = std::clamp(decimals, 0, 17);
  std::string digits = fmt::format("{:.{}f}", value, decimals);
  bool negative = false;
  if (!digits.empty() && digits.front() == '-') {
    digits.erase(0, 1);
    // A rounded zero is just zero.
    negative = digits.find_first_not_of("0.") != std::string::npos;
  }
  const std::size_t point = std::min(digits.find('.'), digits.size());
  std::string out = negative ? "-" : "";
  for (std::size_t i = 0; i < point; ++i) {
    if (grouped && i > 0 && (point - i) % 3 == 0) out.append(thousands_separator);
    out.push_back(digits[i]);
  }
  if (point < digits.size()) {
    out.append(decimal_separator);
    out.append(digits, point + 1, std::string::npos);
  }
  return out;
}

std::string Locale::money(double value, std::string_view currency_code) const {
  if (!std::isfinite(value)) return std::string(kNotAvailable);
  std::string out = number(value, 0, true);
  out.append(kUnitSpace).append(currency_symbol(currency_code));
  return out;
}

std::string Locale::percent(double value, int decimals) const {
  if (!std::isfinite(value)) return std::string(kNotAvailable);
  std::string out = number(value, decimals, false);
  out.append(kUnitSpace).append("%");
  return out;
}

Text::Text(std::string_view context, std::string_view id, std::string_view plural,
           std::optional<std::int64_t> count, std::vector<Arg> args)
    : context_(context), id_(id), plural_(plural), count_(count), args_(std::move(args)) {}

Text Text::verbatim(std::string text) {
  Text t;
  t.id_ = std::move(text);
  t.verbatim_ = true;
  return t;
}

std::string Text::english() const {
  return render(Locale::english());
}

namespace {

std::string arg_text(const Text::Arg& arg, const Locale& locale) {
  struct Visitor {
    const Locale& locale;
    std::string operator()(const std::string& s) const { return s; }
    std::string operator()(std::int64_t i) const { return std::to_string(i); }
    std::string operator()(double d) const {
      return std::isfinite(d) ? fmt::format("{}", d)
                              : (std::isnan(d) ? "nan"
                                 : d > 0       ? "inf"
                                               : "-inf");
    }
    std::string operator()(const Number& n) const {
      return locale.number(n.value, n.decimals, n.grouped);
    }
    std::string operator()(const Count& c) const {
      return locale.number(static_cast<double>(c.value), 0, true);
    }
    std::string operator()(const Money& m) const { return locale.money(m.value, m.currency); }
    std::string operator()(const Percent& p) const { return locale.percent(p.value, p.decimals); }
    std::string operator()(const std::shared_ptr<const Text>& t) const {
      return t ? t->render(locale) : std::string();
    }
  };
  return std::visit(Visitor{locale}, arg);
}

}  // namespace

std::string Text::render(const Locale& locale) const {
  if (verbatim_) return id_;
  std::string english_pattern = plural_.empty() || (count_ && *count_ == 1) ? id_ : plural_;
  std::optional<std::string> translated;
  if (locale.catalog) {
    translated = plural_.empty()
                     ? locale.catalog->find(context_, id_)
                     : locale.catalog->find_plural(context_, id_, plural_, count_.value_or(0));
  }
  if (args_.empty() && !translated) {
    // No placeholders to fill: "{{" in an id still means "{".
    try {
      return fmt::format(fmt::runtime(english_pattern));
    } catch (const fmt::format_error&) {
      return english_pattern;
    }
  }
  fmt::dynamic_format_arg_store<fmt::format_context> store;
  for (const Arg& a : args_) store.push_back(arg_text(a, locale));
  if (translated) {
    try {
      return fmt::vformat(*translated, store);
    } catch (const fmt::format_error&) {
      // A broken translation: fall back to English rather than fail.
    }
  }
  try {
    return fmt::vformat(english_pattern, store);
  } catch (const fmt::format_error&) {
    return english_pattern;
  }
}

}  // namespace simroi
