#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "simroi/report/format.h"

namespace simroi {

namespace {

// "-0", "-0.0", ... -> drop the sign: a rounded zero is just zero.
std::string drop_negative_zero(std::string s) {
  if (!s.empty() && s.front() == '-' && s.find_first_not_of("0.", 1) == std::string::npos) {
    s.erase(0, 1);
  }
  return s;
}

}  // namespace

std::string format_fixed(double value, int decimals) {
  if (!std::isfinite(value)) return std::string(kNotAvailable);
  return drop_negative_zero(fmt::format("{:.{}f}", value, std::max(decimals, 0)));
}

std::string format_grouped(double value, int decimals) {
  if (!std::isfinite(value)) return std::string(kNotAvailable);
  std::string digits = format_fixed(value, decimals);
  std::string sign;
  if (!digits.empty() && digits.front() == '-') {
    sign = "-";
    digits.erase(0, 1);
  }
  const std::size_t point = std::min(digits.find('.'), digits.size());
  std::string out;
  for (std::size_t i = 0; i < point; ++i) {
    if (i > 0 && (point - i) % 3 == 0) out.append(kUnitSpace);
    out.push_back(digits[i]);
  }
  out.append(digits, point, std::string::npos);
  if (!sign.empty()) out.insert(0, sign);
  return out;
}

std::string format_money(double value, std::string_view currency_code) {
  if (!std::isfinite(value)) return std::string(kNotAvailable);
  std::string out = format_grouped(value, 0);
  out.append(kUnitSpace);
  out.append(currency_symbol(currency_code));
  return out;
}

std::string format_percent(double percent, int decimals) {
  if (!std::isfinite(percent)) return std::string(kNotAvailable);
  std::string out = format_fixed(percent, decimals);
  out.append(kUnitSpace);
  out.push_back('%');
  return out;
}

std::string format_probability(double probability, int decimals) {
  return format_percent(probability * 100.0, decimals);
}

std::string format_round_trip(double value) {
  if (!std::isfinite(value)) return {};
  return fmt::format("{}", value);
}

std::string percentile_key(double p) {
  return format_round_trip(p);
}

std::string percentile_label(double p) {
  std::string out = "P";
  out.append(percentile_key(p));
  return out;
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

std::string csv_field(std::string_view text) {
  const bool quote = text.find_first_of(",\"\r\n") != std::string_view::npos ||
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

std::string markdown_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '<':
      case '>':
      case '|':
      case '#':
        out.push_back('\\');
        out.push_back(c);
        break;
      case '\r':
      case '\n':
        out.push_back(' ');
        break;
      default:
        out.push_back(c);
    }
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
    for (const auto& cell : cells) out.append(" ").append(markdown_escape(cell)).append(" |");
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
