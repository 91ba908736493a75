#pragma once
// The statistic grammar of sweep, solve and --precision (docs/decisions.md,
// "Statistics and targets"):
//
//   statistic := FUNC "(" metric ")"              mean(npv), median(roi), p90(payback), es(roi)
//              | "P(" metric CMP number ")"       P(roi<0), P(payback<=6), P(npv >= 100000)
//   target    := statistic OP number              P(payback<=6) >= 90%, median(roi) >= 0
//   metric    := roi | net | npv | payback        (net: net profit; roi in percent)
//   FUNC      := mean | median | pN (N in (0, 100), e.g. p5, p97.5) | es
//                (es: expected shortfall, the mean ROI / net / NPV of the
//                worst 5 % of runs)
//   CMP, OP   := < | <= | > | >=
//
// Numbers: 1500, 0.9, -5, 1e5; "90%" is 0.9 for a probability and 90
// (percentage points) for ROI; a money threshold may end in "₽". Spaces are
// allowed anywhere between tokens; names are case-insensitive.
#include <optional>
#include <string>
#include <string_view>

#include "simroi/core/text.h"

namespace simroi {

enum class Metric : unsigned char { roi, net, npv, payback };
enum class Compare : unsigned char { less, less_equal, greater, greater_equal };

struct Statistic {
  enum class Kind : unsigned char { mean, percentile, probability, shortfall };
  Kind kind = Kind::mean;
  Metric metric = Metric::roi;
  double percentile = 50;           ///< kind == percentile: in (0, 100)
  Compare compare = Compare::less;  ///< kind == probability: P(metric compare threshold)
  double threshold = 0;             ///< kind == probability
};

struct Target {
  Statistic statistic;
  Compare compare = Compare::greater_equal;
  double value = 0;  ///< probabilities in [0, 1]; ROI in percent; money in currency units
};

/// "roi", "net", "npv", "payback".
[[nodiscard]] const char* to_string(Metric metric) noexcept;
/// "<", "<=", ">", ">=".
[[nodiscard]] const char* to_string(Compare compare) noexcept;
/// The canonical spelling: "P(payback <= 6)", "p90(roi)", "mean(npv)".
[[nodiscard]] std::string to_string(const Statistic& statistic);
/// "P(payback <= 6) >= 0.9".
[[nodiscard]] std::string to_string(const Target& target);

/// true when `a compare b`.
[[nodiscard]] bool holds(double a, Compare compare, double b) noexcept;

/// Parse a statistic; on failure nullopt and `error` says what is wrong in
/// the user's terms (with the position and an example).
[[nodiscard]] std::optional<Statistic> parse_statistic(std::string_view text, Text& error);
/// Parse "STATISTIC OP VALUE".
[[nodiscard]] std::optional<Target> parse_target(std::string_view text, Text& error);

}  // namespace simroi
