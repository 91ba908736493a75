#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "simroi/report/format.h"

namespace simroi {

std::string format_fixed(double value, int decimals, const Locale& locale) {
  if (!std::isfinite(value)) return std::string(kNotAvailable);
  return locale.number(value, std::max(decimals, 0), false);
}

std::string format_grouped(double value, int decimals, const Locale& locale) {
  if (!std::isfinite(value)) return std::string(kNotAvailable);
  return locale.number(value, std::max(decimals, 0), true);
}

std::string format_money(double value, std::string_view currency_code, const Locale& locale) {
  return locale.money(value, currency_code);
}

std::string format_percent(double percent, int decimals, const Locale& locale) {
  return locale.percent(percent, std::max(decimals, 0));
}

std::string format_probability(double probability, int decimals, const Locale& locale) {
  return format_percent(probability * 100.0, decimals, locale);
}

std::string format_signed(double value, int decimals, const Locale& locale) {
  if (!std::isfinite(value)) return std::string(kNotAvailable);
  // The digits of |value| by the locale, the sign from the value (as "%+f").
  std::string out = std::signbit(value) ? "-" : "+";
  out.append(locale.number(std::abs(value), std::max(decimals, 0), false));
  return out;
}

std::string format_round_trip(double value) {
  if (!std::isfinite(value)) return {};
  return fmt::format("{}", value);
}

std::string percentile_key(double p) {
  return format_round_trip(p);
}

const char* sampling_name(Sampling sampling) noexcept {
  switch (sampling) {
    case Sampling::monte_carlo:
      return "monte_carlo";
    case Sampling::latin_hypercube:
      return "latin_hypercube";
  }
  return "unknown";
}

std::size_t display_width(std::string_view utf8) noexcept {
  std::size_t width = 0;
  for (const char c : utf8) {
    // Count every byte that is not a continuation byte (10xxxxxx).
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++width;
  }
  return width;
}

std::string pad_left(std::string_view text, std::size_t width) {
  const std::size_t w = display_width(text);
  std::string out(w < width ? width - w : 0, ' ');
  out.append(text);
  return out;
}

std::string pad_right(std::string_view text, std::size_t width) {
  const std::size_t w = display_width(text);
  std::string out(text);
  out.append(w < width ? width - w : 0, ' ');
  return out;
}

std::string csv_field(std::string_view text, char separator) {
  const char special[] = {separator, '"', '\r', '\n', '\0'};
  const bool quote = text.find_first_of(special) != std::string_view::npos ||
                     (!text.empty() && (text.front() == ' ' || text.back() == ' '));
  if (!quote) return std::string(text);
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string markdown_escape(std::string_view text, bool table_cell) {
  // Only what GitHub markdown would read as markup, so ordinary text pastes
  // without stray backslashes: "lead_growth", "P(ROI < 0)", "> 12" and
  // "[0, 1]" stay as they are.
  const auto alnum = [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (static_cast<unsigned char>(c) >= 0x80);
  };
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const char prev = i > 0 ? text[i - 1] : ' ';
    const char next = i + 1 < text.size() ? text[i + 1] : ' ';
    // The first character that is not a space, of the text (a line of its own).
    const bool line_start = text.find_first_not_of(' ') == i;
    bool escape = false;
    switch (c) {
      case '\\':
      case '`':
      case '*':
        escape = true;  // an escape, a code span, emphasis
        break;
      case '_':
        escape = !(alnum(prev) && alnum(next));  // intraword '_' is literal
        break;
      case '<':
        escape = alnum(next) || next == '/' || next == '!' || next == '?';  // an HTML tag
        break;
      case ']':
        escape = next == '(' || next == '[' || next == ':';  // a link
        break;
      case '|':
        escape = table_cell;
        break;
      case '#':
      case '>':
        escape = line_start && !table_cell;  // a heading, a block quote
        break;
      case '+':
      case '-':
        escape = line_start && !table_cell && next == ' ';  // a list item ("+ means ...")
        break;
      case '\r':
      case '\n':
        out.push_back(' ');
        continue;
      default:
        break;
    }
    if (escape) out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out.append("&amp;");
        break;
      case '<':
        out.append("&lt;");
        break;
      case '>':
        out.append("&gt;");
        break;
      case '"':
        out.append("&quot;");
        break;
      case '\'':
        out.append("&apos;");
        break;
      default:
        // Control characters other than tab / newline are not allowed in XML 1.0.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') {
          out.push_back(' ');
        } else {
          out.push_back(c);
        }
    }
  }
  return out;
}

TextTable::TextTable(std::vector<std::string> header, std::vector<Align> align)
    : header_(std::move(header)), align_(std::move(align)) {
  if (align_.size() != header_.size()) {
    throw std::logic_error("TextTable: one alignment per column is required");
  }
}

void TextTable::add_row(std::vector<std::string> cells) {
  cells.resize(header_.size());
  rows_.push_back(std::move(cells));
}

std::string TextTable::render_text(std::string_view indent) const {
  std::vector<std::size_t> width(header_.size(), 0);
  for (std::size_t c = 0; c < header_.size(); ++c) {
    width[c] = display_width(header_[c]);
    for (const auto& row : rows_) width[c] = std::max(width[c], display_width(row[c]));
  }
  std::string out;
  auto line = [&](const std::vector<std::string>& cells) {
    out.append(indent);
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (c > 0) out.append("  ");
      out.append(align_[c] == Align::left ? pad_right(cells[c], width[c])
                                          : pad_left(cells[c], width[c]));
    }
    // A left-aligned last column leaves trailing spaces: drop them.
    while (!out.empty() && out.back() == ' ') out.pop_back();
    out.push_back('\n');
  };
  line(header_);
  for (const auto& row : rows_) line(row);
  return out;
}

std::string TextTable::render_markdown() const {
  std::string out;
  auto line = [&](const std::vector<std::string>& cells) {
    out.append("|");
    for (const auto& cell : cells) out.append(" ").append(markdown_escape(cell, true)).append(" |");
    out.push_back('\n');
  };
  line(header_);
  out.append("|");
  for (const Align a : align_) out.append(a == Align::left ? " --- |" : " ---: |");
  out.push_back('\n');
  for (const auto& row : rows_) line(row);
  return out;
}

}  // namespace simroi
