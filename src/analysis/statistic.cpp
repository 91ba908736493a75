#include "simroi/analysis/statistic.h"

#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <cmath>

namespace simroi {

const char* to_string(Metric metric) noexcept {
  switch (metric) {
    case Metric::roi:
      return "roi";
    case Metric::net:
      return "net";
    case Metric::npv:
      return "npv";
    case Metric::payback:
      return "payback";
  }
  return "roi";
}

const char* to_string(Compare compare) noexcept {
  switch (compare) {
    case Compare::less:
      return "<";
    case Compare::less_equal:
      return "<=";
    case Compare::greater:
      return ">";
    case Compare::greater_equal:
      return ">=";
  }
  return "<";
}

std::string to_string(const Statistic& s) {
  switch (s.kind) {
    case Statistic::Kind::mean:
      return fmt::format("mean({})", to_string(s.metric));
    case Statistic::Kind::percentile:
      return fmt::format("p{}({})", s.percentile, to_string(s.metric));
    case Statistic::Kind::shortfall:
      return fmt::format("es({})", to_string(s.metric));
    case Statistic::Kind::probability:
      return fmt::format("P({} {} {})", to_string(s.metric), to_string(s.compare), s.threshold);
  }
  return "";
}

std::string to_string(const Target& t) {
  return fmt::format("{} {} {}", to_string(t.statistic), to_string(t.compare), t.value);
}

bool holds(double a, Compare compare, double b) noexcept {
  switch (compare) {
    case Compare::less:
      return a < b;
    case Compare::less_equal:
      return a <= b;
    case Compare::greater:
      return a > b;
    case Compare::greater_equal:
      return a >= b;
  }
  return false;
}

namespace {

constexpr std::string_view kExamples =
    "\"P(payback<=6)\", \"P(roi<0)\", \"median(roi)\", \"p90(payback)\", \"mean(npv)\", "
    "\"es(roi)\"";

/// A cursor over the text with the small lexer the grammar needs.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  void skip_space() {
    while (pos_ < text_.size()) {
      if (text_[pos_] == ' ' || text_[pos_] == '\t') {
        ++pos_;
      } else if (text_.substr(pos_, 2) == "\u00A0") {  // no-break space
        pos_ += 2;
      } else if (text_.substr(pos_, 3) == "\u202F") {  // narrow no-break space
        pos_ += 3;
      } else {
        break;
      }
    }
  }
  [[nodiscard]] bool done() {
    skip_space();
    return pos_ >= text_.size();
  }
  [[nodiscard]] std::size_t column() const { return pos_ + 1; }

  bool accept(std::string_view token) {
    skip_space();
    if (text_.substr(pos_, token.size()) == token) {
      pos_ += token.size();
      return true;
    }
    return false;
  }

  /// A lowercase name [a-z][a-z0-9.]* (p97.5 is one name).
  std::string name() {
    skip_space();
    std::string out;
    while (pos_ < text_.size()) {
      const auto c = static_cast<unsigned char>(text_[pos_]);
      if (std::isalpha(c) || (!out.empty() && (std::isdigit(c) || c == '.' || c == '_'))) {
        out.push_back(static_cast<char>(std::tolower(c)));
        ++pos_;
      } else {
        break;
      }
    }
    return out;
  }

  std::optional<Compare> compare() {
    skip_space();
    if (accept("<=") || accept("≤")) return Compare::less_equal;
    if (accept(">=") || accept("≥")) return Compare::greater_equal;
    if (accept("<")) return Compare::less;
    if (accept(">")) return Compare::greater;
    return std::nullopt;
  }

  struct Value {
    double number = 0;
    bool percent = false;
    bool money = false;
  };
  /// A number with an optional "%" or "₽" (or "руб").
  std::optional<Value> value() {
    skip_space();
    std::string digits;
    if (accept("\u2212")) {
      digits.push_back('-');  // typographic minus
    } else if (pos_ < text_.size() && (text_[pos_] == '-' || text_[pos_] == '+')) {
      if (text_[pos_] == '-') digits.push_back('-');
      ++pos_;
    }
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      const bool exponent_sign = (c == '-' || c == '+') && !digits.empty() &&
                                 (digits.back() == 'e' || digits.back() == 'E');
      if (std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == 'e' || c == 'E' ||
          exponent_sign) {
        digits.push_back(c);
        ++pos_;
      } else {
        break;
      }
    }
    double v = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
    if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() ||
        !std::isfinite(v)) {
      return std::nullopt;
    }
    Value out{v, false, false};
    skip_space();
    if (accept("%")) {
      out.percent = true;
    } else if (accept("₽") || accept("руб.") || accept("руб")) {
      out.money = true;
    }
    return out;
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

std::optional<Metric> metric_of(const std::string& name) {
  if (name == "roi") return Metric::roi;
  if (name == "net" || name == "net_profit") return Metric::net;
  if (name == "npv") return Metric::npv;
  if (name == "payback") return Metric::payback;
  return std::nullopt;
}

/// A number in `metric`'s unit: "%" only for ROI (percentage points), "₽"
/// only for money.
std::optional<double> in_unit(const Scanner::Value& v, Metric metric, std::string_view what,
                              Text& error) {
  if (v.percent && metric != Metric::roi) {
    error = tr("{}: a percent sign fits only ROI and probabilities; {} is in {}", what,
               to_string(metric), metric == Metric::payback ? "months" : "currency units");
    return std::nullopt;
  }
  if (v.money && metric != Metric::net && metric != Metric::npv) {
    error = tr("{}: '₽' fits only net and npv, not {}", what, to_string(metric));
    return std::nullopt;
  }
  return v.number;
}

std::optional<Statistic> parse_in(Scanner& s, std::string_view text, Text& error) {
  Statistic st;
  const std::size_t start = s.column();
  const std::string func = s.name();
  if (func.empty()) {
    error = tr("'{}' is not a statistic; e.g. {}", text, kExamples);
    return std::nullopt;
  }
  if (!s.accept("(")) {
    error = tr("'{}': expected '(' after '{}'; e.g. {}", text, func, kExamples);
    return std::nullopt;
  }
  const std::string metric_name = s.name();
  const auto metric = metric_of(metric_name);
  if (!metric) {
    error = tr("'{}': unknown metric '{}'; expected roi, net, npv or payback", text, metric_name);
    return std::nullopt;
  }
  st.metric = *metric;
  if (func == "p") {
    st.kind = Statistic::Kind::probability;
    const auto cmp = s.compare();
    if (!cmp) {
      error = tr("'{}': expected a comparison (<, <=, > or >=) after '{}', as in P(roi<0)", text,
                 metric_name);
      return std::nullopt;
    }
    st.compare = *cmp;
    const auto v = s.value();
    if (!v) {
      error = tr("'{}': expected a number after '{}'", text, to_string(*cmp));
      return std::nullopt;
    }
    const auto threshold = in_unit(*v, st.metric, text, error);
    if (!threshold) return std::nullopt;
    st.threshold = *threshold;
  } else if (func == "mean") {
    // A run that does not pay back within the horizon has no payback month,
    // so payback has no mean (the report shows "—"): its percentiles and
    // probabilities are defined.
    if (st.metric == Metric::payback) {
      error =
          tr("'{}': payback has no mean (a run that does not pay back within the horizon has "
             "no payback month); use median(payback), p90(payback) or P(payback<=6)",
             text);
      return std::nullopt;
    }
    st.kind = Statistic::Kind::mean;
  } else if (func == "median") {
    st.kind = Statistic::Kind::percentile;
    st.percentile = 50;
  } else if (func == "es") {
    st.kind = Statistic::Kind::shortfall;
    if (st.metric == Metric::payback) {
      error = tr("'{}': expected shortfall is defined for roi, net and npv, not payback", text);
      return std::nullopt;
    }
  } else if (func.size() > 1 && func[0] == 'p') {
    double p = 0;
    const auto [end, ec] = std::from_chars(func.data() + 1, func.data() + func.size(), p);
    if (ec != std::errc() || end != func.data() + func.size() || !(p > 0 && p < 100)) {
      error = tr("'{}': '{}' is not a percentile; write p5, p50, p97.5 (above 0 and below 100)",
                 text, func);
      return std::nullopt;
    }
    st.kind = Statistic::Kind::percentile;
    st.percentile = p;
  } else {
    error = tr("'{}': unknown statistic '{}'; e.g. {}", text, func, kExamples);
    return std::nullopt;
  }
  if (!s.accept(")")) {
    error = tr("'{}': expected ')' at column {}", text, s.column());
    return std::nullopt;
  }
  (void)start;
  return st;
}

}  // namespace

std::optional<Statistic> parse_statistic(std::string_view text, Text& error) {
  Scanner s(text);
  auto st = parse_in(s, text, error);
  if (st && !s.done()) {
    error = tr("'{}': unexpected text at column {} after the statistic", text, s.column());
    return std::nullopt;
  }
  return st;
}

std::optional<Target> parse_target(std::string_view text, Text& error) {
  Scanner s(text);
  auto st = parse_in(s, text, error);
  if (!st) return std::nullopt;
  Target t;
  t.statistic = *st;
  const auto op = s.compare();
  if (!op) {
    error =
        tr("'{}': expected a comparison (>=, <=, > or <) and a value after the statistic, "
           "e.g. \"P(payback<=6) >= 90%\"",
           text);
    return std::nullopt;
  }
  t.compare = *op;
  const auto v = s.value();
  if (!v) {
    error = tr("'{}': expected a number after '{}'", text, to_string(*op));
    return std::nullopt;
  }
  if (!s.done()) {
    error = tr("'{}': unexpected text at column {}", text, s.column());
    return std::nullopt;
  }
  if (st->kind == Statistic::Kind::probability) {
    if (v->money) {
      error = tr("'{}': a probability has no currency", text);
      return std::nullopt;
    }
    t.value = v->percent ? v->number / 100.0 : v->number;
    if (!(t.value >= 0.0 && t.value <= 1.0)) {
      error = tr("'{}': a probability lies between 0 and 1 (or 0% and 100%)", text);
      return std::nullopt;
    }
  } else {
    const auto value = in_unit(*v, st->metric, text, error);
    if (!value) return std::nullopt;
    t.value = *value;
  }
  return t;
}

}  // namespace simroi
