// `--format table`: an aligned plain-text report for a terminal.
#include <ostream>

#include "report_layout.h"

namespace simroi::detail {

namespace {

class TableReporter final : public Reporter {
 public:
  void report(std::ostream& out, const SimulationResults& results) const override {
    out << render_text(describe_report(results));
  }
  void compare(std::ostream& out, const std::vector<SimulationResults>& all) const override {
    out << render_text(describe_compare(all));
  }
};

}  // namespace

std::unique_ptr<Reporter> make_table_reporter() {
  return std::make_unique<TableReporter>();
}

}  // namespace simroi::detail
