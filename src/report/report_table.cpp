// `--format table`: an aligned plain-text report for a terminal.
#include <ostream>

#include "report_layout.h"

namespace simroi::detail {

namespace {

class TableReporter final : public Reporter {
 public:
  explicit TableReporter(Locale locale) : locale_(std::move(locale)) {}
  void report(std::ostream& out, const SimulationResults& results) const override {
    out << render_text(describe_report(results, locale_));
  }
  void compare(std::ostream& out, const std::vector<SimulationResults>& all) const override {
    out << render_text(describe_compare(all, locale_));
  }

 private:
  Locale locale_;
};

}  // namespace

std::unique_ptr<Reporter> make_table_reporter(Locale locale) {
  return std::make_unique<TableReporter>(std::move(locale));
}

}  // namespace simroi::detail
