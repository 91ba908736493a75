// The decision commands' documents in every format (decide_output.h).
#include "app/decide_output.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "simroi/report/format.h"
#include "simroi/report/report.h"

namespace simroi::app {

namespace {

/// A CSV field of a value: text as it is (no JSON quotes), null empty.
std::string csv_value(const nlohmann::json& v) {
  if (v.is_null()) return csv_field("");
  return csv_field(v.is_string() ? v.get<std::string>() : v.dump());
}

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

}  // namespace

std::string render_decision_csv_excel(const Document& d) {
  const Locale machine = Locale::english();
  // A number with a decimal comma (the shortest text that reads back, as in
  // the rfc flavour); text as it is; null empty. Fields split by ';'.
  const auto field = [](const nlohmann::json& v) {
    if (v.is_null()) return std::string();
    if (v.is_string()) return csv_field(v.get<std::string>(), ';');
    std::string text = v.dump();
    std::replace(text.begin(), text.end(), '.', ',');
    return csv_field(text, ';');
  };
  std::string out = "\xEF\xBB\xBF";  // UTF-8 BOM: Excel reads the file as UTF-8
  out += "section;row;column;value\r\n";
  for (const Fact& f : d.facts) {
    out +=
        "facts;" + csv_field(f.key, ';') + ";value;" + field(json_value(f.value, machine)) + "\r\n";
  }
  for (const Section& s : d.sections) {
    if (!s.table) continue;
    for (const Row& r : s.table->rows) {
      for (std::size_t i = 0; i < r.cells.size() && i < s.table->columns.size(); ++i) {
        const std::string& key = s.table->columns[i].key;
        out += csv_field(s.key, ';') + ";" + csv_field(r.key, ';') + ";" +
               csv_field(key.empty() ? "label" : key, ';') + ";" +
               field(json_value(r.cells[i], machine)) + "\r\n";
      }
    }
  }
  return out;
}

std::string render_decision(const Document& d, Format format, const Locale& locale) {
  if (format == Format::table || format == Format::markdown) return render(d, format, locale);
  const Locale machine = Locale::english();
  if (format == Format::csv) {
    std::string out = "section,row,column,value\n";
    for (const Fact& f : d.facts) {
      out +=
          "facts," + csv_field(f.key) + ",value," + csv_value(json_value(f.value, machine)) + "\n";
    }
    for (const Section& s : d.sections) {
      if (!s.table) continue;
      for (const Row& r : s.table->rows) {
        for (std::size_t i = 0; i < r.cells.size() && i < s.table->columns.size(); ++i) {
          const nlohmann::json v = json_value(r.cells[i], machine);
          out += csv_field(s.key) + "," + csv_field(r.key) + "," +
                 csv_field(s.table->columns[i].key.empty() ? "label" : s.table->columns[i].key) +
                 "," + csv_value(v) + "\n";
        }
      }
    }
    return out;
  }
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
