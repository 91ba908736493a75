// The decision commands' documents in every format (decide_output.h).
#include "app/decide_output.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "simroi/report/format.h"
#include "simroi/report/report.h"

namespace simroi::app {

namespace {

nlohmann::json json_value(const Cell& c, const Locale& locale) {
  switch (c.kind) {
    case CellKind::empty:
    case CellKind::not_available:
      return nullptr;
    case CellKind::text:
      return c.text.render(locale);
    case CellKind::censored:
      // Beyond the horizon, as the report's JSON writes a payback percentile
      // that is not within it (docs/reports.md): null.
      return nullptr;
    case CellKind::count:
      // A whole number as one (2000, not 2000.0); a seed to its last digit.
      if (!c.text.empty()) return std::stoull(c.text.render(locale));
      if (std::isfinite(c.value) && std::abs(c.value) < 0x1p63) {
        return static_cast<std::int64_t>(std::llround(c.value));
      }
      break;
    default:
      break;
  }
  if (!std::isfinite(c.value)) return nullptr;
  return c.value;
}

/// One line per fact and per table cell, `section,row,column,value`: the
/// rfc flavour (',', '\n', numbers as JSON writes them) or, with `excel`,
/// ';', CRLF and decimal commas. Text is written as it is, null empty.
std::string decision_records(const Document& d, bool excel) {
  const Locale machine = Locale::english();
  const char sep = excel ? ';' : ',';
  const char* eol = excel ? "\r\n" : "\n";
  const auto field = [sep](std::string_view text) { return csv_field(text, sep); };
  const auto value = [&](const nlohmann::json& v) {
    if (v.is_null()) return field("");
    if (v.is_string()) return field(v.get<std::string>());
    std::string text = v.dump();
    if (excel) std::replace(text.begin(), text.end(), '.', ',');
    return field(text);
  };
  std::string out = excel ? "\xEF\xBB\xBF" : "";  // UTF-8 BOM: Excel reads the file as UTF-8
  out += fmt::format("section{0}row{0}column{0}value{1}", sep, eol);
  for (const Fact& f : d.facts) {
    out += fmt::format("facts{0}{1}{0}value{0}{2}{3}", sep, field(f.key),
                       value(json_value(f.value, machine)), eol);
  }
  for (const Section& s : d.sections) {
    if (!s.table) continue;
    for (const Row& r : s.table->rows) {
      for (std::size_t i = 0; i < r.cells.size() && i < s.table->columns.size(); ++i) {
        const std::string& key = s.table->columns[i].key;
        out += fmt::format("{1}{0}{2}{0}{3}{0}{4}{5}", sep, field(s.key), field(r.key),
                           field(key.empty() ? "label" : key),
                           value(json_value(r.cells[i], machine)), eol);
      }
    }
  }
  return out;
}

}  // namespace

std::string render_decision_csv_excel(const Document& d) {
  return decision_records(d, true);
}

std::string render_decision(const Document& d, Format format, const Locale& locale) {
  if (format == Format::table || format == Format::markdown) return render(d, format, locale);
  const Locale machine = Locale::english();
  if (format == Format::csv) return decision_records(d, false);
  nlohmann::ordered_json j;
  j["title"] = d.title.render(machine);
  nlohmann::ordered_json facts = nlohmann::ordered_json::object();
  for (const Fact& f : d.facts) facts[f.key] = json_value(f.value, machine);
  j["facts"] = facts;
  nlohmann::ordered_json sections = nlohmann::ordered_json::array();
  for (const Section& s : d.sections) {
    nlohmann::ordered_json js;
    js["key"] = s.key;
    nlohmann::ordered_json paragraphs = nlohmann::ordered_json::array();
    for (const Text& p : s.paragraphs) paragraphs.push_back(p.render(machine));
    js["text"] = paragraphs;
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    if (s.table) {
      for (const Row& r : s.table->rows) {
        nlohmann::ordered_json jr;
        jr["key"] = r.key;
        for (std::size_t i = 0; i < r.cells.size() && i < s.table->columns.size(); ++i) {
          const std::string& key = s.table->columns[i].key;
          jr[key.empty() ? "label" : key] = json_value(r.cells[i], machine);
        }
        rows.push_back(jr);
      }
    }
    js["rows"] = rows;
    nlohmann::ordered_json notes = nlohmann::ordered_json::array();
    for (const Text& n : s.notes) notes.push_back(n.render(machine));
    js["notes"] = notes;
    sections.push_back(js);
  }
  j["sections"] = sections;
  return j.dump(2) + "\n";
}

}  // namespace simroi::app
