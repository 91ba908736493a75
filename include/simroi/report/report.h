#pragma once
// Reporters: one per output format behind one interface (the google/benchmark
// pattern). A reporter only formats SimulationResults; it computes nothing.
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "simroi/core/locale.h"
#include "simroi/results/results.h"

namespace simroi {

enum class Format : std::uint8_t { table, markdown, csv, json };
[[nodiscard]] std::optional<Format> parse_format(std::string_view name) noexcept;
[[nodiscard]] const char* to_string(Format format) noexcept;

class Reporter {
 public:
  virtual ~Reporter() = default;
  /// The report of one scenario.
  virtual void report(std::ostream& out, const SimulationResults& results) const = 0;
  /// Several scenarios side by side (`simroi compare`).
  virtual void compare(std::ostream& out, const std::vector<SimulationResults>& all) const = 0;
};

/// The reporter of `format`. Human formats (table, markdown) write for the
/// reader of `locale`; csv and json are for machines and ignore it.
[[nodiscard]] std::unique_ptr<Reporter> make_reporter(Format format,
                                                      Locale locale = Locale::english());

/// The file extension a format is written with in `--out DIR` ("txt" for table).
[[nodiscard]] const char* file_extension(Format format) noexcept;

/// The estimate for percentile `p` (exact match), or nullptr when `p` was not
/// requested.
[[nodiscard]] const PercentileEstimate* find_percentile(
    const std::vector<PercentileEstimate>& estimates, double p) noexcept;

/// P(payback <= months), or nullptr when that threshold is not reported or is
/// beyond the horizon.
[[nodiscard]] const Probability* find_payback_within(const PaybackSummary& payback,
                                                     int months) noexcept;

}  // namespace simroi
