// The report model's cells and lookups (include/simroi/report/document.h).
#include "simroi/report/document.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "report_layout.h"

namespace simroi {

Cell Cell::of_text(Text text) {
  Cell c;
  c.kind = CellKind::text;
  c.text = std::move(text);
  return c;
}

Cell Cell::money(double value, std::string currency) {
  Cell c;
  c.kind = CellKind::money;
  c.value = value;
  c.currency = std::move(currency);
  return c;
}

Cell Cell::percent(double value, int decimals, Sign sign) {
  Cell c;
  c.kind = CellKind::percent;
  c.value = value;
  c.decimals = decimals;
  c.sign = sign;
  return c;
}

Cell Cell::probability(double value, int decimals, Sign sign) {
  Cell c = percent(value, decimals, sign);
  c.kind = CellKind::probability;
  return c;
}

Cell Cell::months(double value, int decimals) {
  Cell c;
  c.kind = CellKind::months;
  c.value = value;
  c.decimals = decimals;
  return c;
}

Cell Cell::count(double value) {
  Cell c;
  c.kind = CellKind::count;
  c.value = value;
  return c;
}

Cell Cell::whole(std::uint64_t value) {
  Cell c = count(static_cast<double>(value));
  c.text = Text::verbatim(std::to_string(value));
  return c;
}

Cell Cell::number(double value, int decimals, Sign sign) {
  Cell c = percent(value, decimals, sign);
  c.kind = CellKind::number;
  return c;
}

Cell Cell::censored(int horizon_months) {
  Cell c;
  c.kind = CellKind::censored;
  c.value = std::numeric_limits<double>::infinity();
  c.horizon_months = horizon_months;
  return c;
}

Cell Cell::not_available() {
  Cell c;
  c.kind = CellKind::not_available;
  c.value = kNoValue;
  return c;
}

Cell Cell::bar(double magnitude) {
  Cell c;
  c.kind = CellKind::bar;
  c.value = magnitude;
  return c;
}

Cell Cell::payback(double months_value, int horizon_months) {
  // +inf (or no number at all) means the run did not pay back within the horizon.
  return std::isfinite(months_value) ? months(months_value, 1) : censored(horizon_months);
}

namespace {

// The magnitude of a numeric cell written without its sign rule.
std::string unsigned_text(const Cell& c, double v, const Locale& locale) {
  switch (c.kind) {
    case CellKind::money:
      return format_money(v, c.currency, locale);
    case CellKind::percent:
      return format_percent(v, c.decimals, locale);
    case CellKind::probability:
      return format_probability(v, c.decimals, locale);
    case CellKind::count:
      // An exact count past 2^53 (a seed) is written digit for digit.
      if (!c.text.empty() && v >= 0x1p53) return c.text.render(locale);
      return format_grouped(v, 0, locale);
    case CellKind::months:
    case CellKind::number:
    default:
      return format_fixed(v, c.decimals, locale);
  }
}

std::string numeric_text(const Cell& c, const Locale& locale) {
  switch (c.sign) {
    case Sign::minus_only:
      return unsigned_text(c, c.value, locale);
    case Sign::plus_minus: {
      std::string out = "±";
      out.append(unsigned_text(c, c.value, locale));
      return out;
    }
    case Sign::always: {
      if (!std::isfinite(c.value)) return std::string(kNotAvailable);
      std::string out = std::signbit(c.value) ? "-" : "+";
      out.append(unsigned_text(c, std::abs(c.value), locale));
      return out;
    }
  }
  return unsigned_text(c, c.value, locale);
}

}  // namespace

std::string render_cell(const Cell& cell, const Locale& locale) {
  switch (cell.kind) {
    case CellKind::empty:
      return {};
    case CellKind::text:
      return cell.text.render(locale);
    case CellKind::censored: {
      std::string out = ">";
      out.append(kUnitSpace).append(std::to_string(cell.horizon_months));
      return out;
    }
    case CellKind::not_available:
      return std::string(kNotAvailable);
    case CellKind::bar: {
      const double magnitude =
          std::isfinite(cell.value) ? std::min(std::abs(cell.value), 1.0) : 0.0;
      const auto blocks = static_cast<int>(std::lround(magnitude * kBarCells));
      std::string bar;
      for (int k = 0; k < blocks; ++k) bar.append("▇");
      return bar;
    }
    case CellKind::money:
    case CellKind::percent:
    case CellKind::probability:
    case CellKind::months:
    case CellKind::count:
    case CellKind::number:
      return numeric_text(cell, locale);
  }
  return {};
}

const Row* Table::row(std::string_view key) const noexcept {
  for (const Row& r : rows) {
    if (r.key == key) return &r;
  }
  return nullptr;
}

std::optional<std::size_t> Table::column(std::string_view key) const noexcept {
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].key == key) return i;
  }
  return std::nullopt;
}

const Cell* Table::cell(std::string_view row_key, std::string_view column_key) const noexcept {
  const Row* r = row(row_key);
  const auto c = column(column_key);
  if (r == nullptr || !c || *c >= r->cells.size()) return nullptr;
  return &r->cells[*c];
}

const Section* Document::section(std::string_view key) const noexcept {
  for (const Section& s : sections) {
    if (s.key == key) return &s;
  }
  return nullptr;
}

const Fact* Document::fact(std::string_view key) const noexcept {
  for (const Fact& f : facts) {
    if (f.key == key) return &f;
  }
  return nullptr;
}

std::vector<const Figure*> Document::figures() const {
  std::vector<const Figure*> out;
  for (const Section& s : sections) {
    for (const Figure& f : s.figures) out.push_back(&f);
  }
  return out;
}

namespace detail {

TextTable text_table(const Table& table, const Locale& locale) {
  std::vector<std::string> header;
  std::vector<Align> align;
  for (const Column& c : table.columns) {
    header.push_back(c.label.render(locale));
    align.push_back(c.align);
  }
  TextTable t(std::move(header), std::move(align));
  for (const Row& r : table.rows) {
    if (r.detail) continue;
    std::vector<std::string> cells;
    cells.reserve(r.cells.size());
    for (const Cell& c : r.cells) cells.push_back(render_cell(c, locale));
    t.add_row(std::move(cells));
  }
  return t;
}

}  // namespace detail

}  // namespace simroi
