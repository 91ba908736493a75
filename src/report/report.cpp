// Format names and the reporter factory (each format's renderer is in
// src/report/report_<format>.cpp, the content in build_report.cpp).
#include "simroi/report/report.h"

#include <sstream>

#include "report_layout.h"

namespace simroi {

std::optional<Format> parse_format(std::string_view name) noexcept {
  if (name == "table") return Format::table;
  if (name == "markdown" || name == "md") return Format::markdown;
  if (name == "csv") return Format::csv;
  if (name == "json") return Format::json;
  return std::nullopt;
}

const char* to_string(Format format) noexcept {
  switch (format) {
    case Format::table:
      return "table";
    case Format::markdown:
      return "markdown";
    case Format::csv:
      return "csv";
    case Format::json:
      return "json";
  }
  return "unknown";
}

const char* file_extension(Format format) noexcept {
  switch (format) {
    case Format::table:
      return "txt";
    case Format::markdown:
      return "md";
    case Format::csv:
      return "csv";
    case Format::json:
      return "json";
  }
  return "txt";
}

std::unique_ptr<Reporter> make_reporter(Format format, Locale locale) {
  switch (format) {
    case Format::table:
      return detail::make_table_reporter(std::move(locale));
    case Format::markdown:
      return detail::make_markdown_reporter(std::move(locale));
    case Format::csv:
      return detail::make_csv_reporter();
    case Format::json:
      return detail::make_json_reporter();
  }
  return detail::make_table_reporter(std::move(locale));
}

const PercentileEstimate* find_percentile(const std::vector<PercentileEstimate>& estimates,
                                          double p) noexcept {
  for (const auto& e : estimates) {
    if (e.p == p) return &e;
  }
  return nullptr;
}

const Probability* find_payback_within(const PaybackSummary& payback, int months) noexcept {
  for (const auto& w : payback.within) {
    if (w.months == months && w.probability) return &*w.probability;
  }
  return nullptr;
}

void Reporter::report(std::ostream& out, const SimulationResults& results) const {
  render(out, build_report(results));
}

void Reporter::compare(std::ostream& out, const std::vector<SimulationResults>& all) const {
  render(out, build_compare(all));
}

std::string render(const Document& document, Format format, const Locale& locale) {
  std::ostringstream out;
  make_reporter(format, locale)->render(out, document);
  return out.str();
}

}  // namespace simroi
