#include "scenario/yaml_scalars.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <string>
#include <system_error>
#include <type_traits>

#include "simroi/core/error.h"

namespace simroi::scenario_detail {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

Text none() {
  return Text::verbatim("");
}

constexpr std::string_view kNbsp = "\xC2\xA0";            // U+00A0 NO-BREAK SPACE
constexpr std::string_view kNarrowNbsp = "\xE2\x80\xAF";  // U+202F NARROW NO-BREAK SPACE
constexpr std::string_view kThinSpace = "\xE2\x80\x89";   // U+2009 THIN SPACE
constexpr std::string_view kMinusSign = "\xE2\x88\x92";   // U+2212 MINUS SIGN

/// The characters a number may hide; named in messages.
struct Invisible {
  std::string_view bytes;
  const char* name;
};
constexpr Invisible kInvisible[] = {
    {kNbsp, "U+00A0 NO-BREAK SPACE"},
    {kNarrowNbsp, "U+202F NARROW NO-BREAK SPACE"},
    {kThinSpace, "U+2009 THIN SPACE"},
    {"\xE2\x80\x87", "U+2007 FIGURE SPACE"},
    {"\xE2\x80\x8B", "U+200B ZERO WIDTH SPACE"},
    {"\xE2\x80\x8C", "U+200C ZERO WIDTH NON-JOINER"},
    {"\xE2\x80\x8D", "U+200D ZERO WIDTH JOINER"},
    {"\xE2\x81\xA0", "U+2060 WORD JOINER"},
    {"\xEF\xBB\xBF", "U+FEFF ZERO WIDTH NO-BREAK SPACE (byte order mark)"},
    {"\xE2\x80\x90", "U+2010 HYPHEN"},
    {"\xE2\x80\x93", "U+2013 EN DASH"},
    {"\xE2\x80\x94", "U+2014 EM DASH"},
    {"\xE2\x80\x99", "U+2019 RIGHT SINGLE QUOTATION MARK"},
};

bool ends_with(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

/// `s` without trailing ASCII blanks and no-break / narrow no-break spaces.
std::string_view trim_spaces_right(std::string_view s) {
  for (;;) {
    s = trim(s);
    if (ends_with(s, kNbsp)) {
      s.remove_suffix(kNbsp.size());
    } else if (ends_with(s, kNarrowNbsp)) {
      s.remove_suffix(kNarrowNbsp.size());
    } else {
      return s;
    }
  }
}

/// `text` without the suffixes a number may carry: a rouble sign or word
/// (allow_currency), a '%' (allow_percent; *percent says whether it had one),
/// and the blanks before them (ASCII, U+00A0, U+202F).
std::string_view number_part(std::string_view text, bool allow_percent, bool allow_currency,
                             bool* percent) {
  std::string_view s = trim(text);
  if (allow_currency) {
    for (const std::string_view unit :
         {std::string_view("\xE2\x82\xBD"), std::string_view("\xD1\x80\xD1\x83\xD0\xB1."),
          std::string_view("\xD1\x80\xD1\x83\xD0\xB1"), std::string_view("\xD1\x80.")}) {
      if (ends_with(s, unit) && s.size() > unit.size()) {
        s = trim_spaces_right(s.substr(0, s.size() - unit.size()));
        break;
      }
    }
  }
  *percent = false;
  if (allow_percent && !s.empty() && s.back() == '%') {
    *percent = true;
    s = trim_spaces_right(s.substr(0, s.size() - 1));
  }
  return s;
}

/// " (without separators: 30000)" when `text` is a number written with digit
/// group separators (spaces, no-break and thin spaces, commas, apostrophes,
/// underscores).
Text separator_hint(std::string_view text, bool allow_percent) {
  std::string digits;
  bool had_separator = false;
  const std::string_view t0 = trim(text);
  for (std::size_t i = 0; i < t0.size(); ++i) {
    const char c = t0[i];
    bool wide = false;
    for (const auto sep : {kNbsp, kNarrowNbsp, kThinSpace}) {
      if (t0.substr(i, sep.size()) == sep) {
        i += sep.size() - 1;
        wide = true;
        break;
      }
    }
    if (wide || c == ' ' || c == ',' || c == '\'' || c == '_') {
      had_separator = true;
    } else {
      digits.push_back(c);
    }
  }
  if (!had_separator || parse_number_text(digits, allow_percent).error != NumError::none) {
    return none();
  }
  // "0,15" is a decimal comma, not a thousands separator.
  const std::string_view t = trim(text);
  const auto comma = t.rfind(',');
  if (comma != std::string_view::npos && t.find_first_of(" '_.") == std::string_view::npos &&
      t.find(',') == comma && t.size() - comma - 1 != 3) {
    std::string decimal(t);
    decimal[comma] = '.';
    if (parse_number_text(decimal, allow_percent).error == NumError::none) {
      return tr(" (use a dot for decimals: {})", decimal);
    }
  }
  return tr(" (without separators: {})", digits);
}

}  // namespace

Text invisible_character_note(std::string_view text) {
  std::size_t first = std::string_view::npos;
  const char* name = nullptr;
  for (const Invisible& c : kInvisible) {
    const auto at = text.find(c.bytes);
    if (at < first) first = at, name = c.name;
  }
  if (name == nullptr) return none();
  return tr(" (it contains {}, which looks like an ordinary character)", name);
}

NumParse parse_number_text(std::string_view text, bool allow_percent, bool allow_currency) {
  // U+2212 MINUS SIGN is a minus, wherever it stands.
  std::string normal;
  if (text.find(kMinusSign) != std::string_view::npos) {
    for (std::size_t i = 0; i < text.size();) {
      if (text.substr(i, kMinusSign.size()) == kMinusSign) {
        normal.push_back('-');
        i += kMinusSign.size();
      } else {
        normal.push_back(text[i++]);
      }
    }
    text = normal;
  }
  bool percent = false;
  std::string_view s = number_part(text, allow_percent, allow_currency, &percent);
  if (s.empty()) return {0.0, NumError::not_a_number};
  {
    std::string_view body = s;
    if (body.front() == '+' || body.front() == '-') body.remove_prefix(1);
    const std::string word = lower(body);
    if (word == ".inf" || word == "inf" || word == "infinity" || word == ".nan" || word == "nan") {
      return {0.0, NumError::non_finite};
    }
  }
  if (s.front() == '+' && s.size() > 1 && s[1] != '-' && s[1] != '+') s.remove_prefix(1);
  double value = 0.0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec == std::errc::result_out_of_range) return {0.0, NumError::out_of_range};
  if (ec != std::errc() || ptr != s.data() + s.size()) return {0.0, NumError::not_a_number};
  if (!std::isfinite(value)) return {0.0, NumError::non_finite};
  if (percent) value /= 100.0;
  return {value, NumError::none};
}

Text node_kind(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Map:
      return tr("a mapping");
    case YAML::NodeType::Sequence:
      return tr("a list");
    case YAML::NodeType::Scalar:
      return tr("a single value");
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      break;
  }
  return tr("nothing");
}

std::variant<double, Problem> scalar_number(const YAML::Node& node, bool allow_percent,
                                            bool allow_currency) {
  if (!node.IsScalar()) {
    return Problem{diag::kWrongType,
                   tr("expected a number{}, found {}", allow_percent ? tr(" (or \"15%\")") : none(),
                      node_kind(node))};
  }
  const std::string& text = node.Scalar();
  const NumParse parsed = parse_number_text(text, allow_percent, allow_currency);
  switch (parsed.error) {
    case NumError::none:
      return parsed.value;
    case NumError::non_finite:
      return Problem{
          diag::kNotFinite,
          tr("'{}' is not a finite number; write an ordinary number such as 0.15", shorten(text))};
    case NumError::out_of_range:
      return Problem{diag::kNotFinite,
                     tr("'{}' is too large or too small to represent; write an ordinary number",
                        shorten(text))};
    case NumError::not_a_number:
      break;
  }
  bool percent = false;
  const std::string_view body = number_part(text, allow_percent, allow_currency, &percent);
  return Problem{diag::kNotANumber,
                 tr("'{}' is not a number{}; write a number such as 1500 or 0.15{}{}",
                    shorten(text), invisible_character_note(body),
                    allow_percent ? tr(", or a percent such as \"15%\"") : none(),
                    separator_hint(text, allow_percent))};
}

template <typename T>
std::variant<T, Problem> scalar_whole(const YAML::Node& node, WholeField field) {
  if (!node.IsScalar()) {
    return Problem{diag::kWrongType, tr("expected {}, found {}",
                                        whole_number_from(field.lo, field.hi), node_kind(node))};
  }
  const std::string& text = node.Scalar();
  std::string_view s = trim(text);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  std::uint64_t value = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  const bool digits_only =
      !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (ec == std::errc() && ptr == s.data() + s.size()) {
    if (value > static_cast<std::uint64_t>(std::numeric_limits<T>::max())) {
      return whole_out_of_range(text, field.lo, field.hi);
    }
    return static_cast<T>(value);
  }
  if (digits_only) {  // too many digits for 64 bits
    return whole_out_of_range(fmt::format("'{}'", shorten(text)), field.lo, field.hi);
  }
  const NumParse parsed = parse_number_text(text, false);
  if (parsed.error != NumError::none) {
    return Problem{diag::kNotANumber,
                   tr("'{}' is not {}", shorten(text), whole_number_from(field.lo, field.hi))};
  }
  const double v = parsed.value;
  if (v != std::floor(v)) {
    return Problem{diag::kNotWhole, tr("{} is not a whole number; expected {}", text,
                                       whole_number_from(field.lo, field.hi))};
  }
  // Integral doubles such as 1e5; is it one that T can hold?
  constexpr double kTwo64 = 18446744073709551616.0;
  const bool fits = std::is_signed_v<T>
                        ? v >= static_cast<double>(std::numeric_limits<T>::min()) &&
                              v <= static_cast<double>(std::numeric_limits<T>::max())
                        : v >= 0.0 && v < kTwo64;
  if (!fits) return whole_out_of_range(text, field.lo, field.hi);
  return static_cast<T>(v);
}

template std::variant<int, Problem> scalar_whole<int>(const YAML::Node&, WholeField);
template std::variant<std::uint64_t, Problem> scalar_whole<std::uint64_t>(const YAML::Node&,
                                                                          WholeField);

std::optional<double> number_above(const YAML::Node& node, double limit) {
  if (!node.IsScalar()) return std::nullopt;
  const NumParse parsed = parse_number_text(node.Scalar(), false);
  if (parsed.error != NumError::none || !(parsed.value > limit)) return std::nullopt;
  return parsed.value;
}

}  // namespace simroi::scenario_detail
