// The scenario writer (see simroi/scenario/write.h).
#include "simroi/scenario/write.h"

#include <fmt/format.h>

#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <string_view>
#include <system_error>

#include "simroi/core/inputs.h"
#include "simroi/dist/kinds.h"

namespace simroi {

namespace {

// ---------------------------------------------------------------- values

bool same_bits(double a, double b) noexcept {
  return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

/// The shortest text that reads back as `v` (fmt's default for doubles).
std::string number(double v) {
  return fmt::format("{}", v);
}

/// "15%" if a percentage of at most 17 significant digits, without an
/// exponent, reads back (as the reader does: the number divided by 100) as
/// exactly `v`; else "".
std::string percent(double v) {
  if (!std::isfinite(v)) return "";
  for (int digits = 1; digits <= 17; ++digits) {
    const std::string text = fmt::format("{:.{}g}", v * 100.0, digits);
    if (text.find_first_of("eE") != std::string::npos) continue;
    double back = 0.0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), back);
    if (ec != std::errc() || ptr != text.data() + text.size()) continue;
    if (same_bits(back / 100.0, v)) return fmt::format("{}%", text);
  }
  return "";
}

/// A value of an input: a percentage for rates when exact and not longer.
std::string value(double v, bool rate) {
  std::string plain = number(v);
  if (!rate) return plain;
  std::string pct = percent(v);
  return !pct.empty() && pct.size() <= plain.size() + 1 ? pct : plain;
}

std::string list(const std::vector<double>& values, bool rate) {
  std::string out = "[";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ", ";
    out += value(values[i], rate);
  }
  out += ']';
  return out;
}

/// A YAML double-quoted scalar: the bytes of `s` (UTF-8), with '"', '\',
/// control characters and the characters YAML may take for line breaks
/// (U+0085, U+2028, U+2029) or a byte order mark (U+FEFF) escaped.
std::string quoted(std::string_view s) {
  std::string out = "\"";
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20 || c == 0x7F) {
      out += fmt::format("\\x{:02X}", c);
    } else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) <= 0x9F) {
      // U+0080..U+009F: C1 control characters, among them U+0085 NEXT LINE.
      out += fmt::format("\\u{:04X}", static_cast<unsigned char>(s[i + 1]));
      ++i;
    } else if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(s[i + 2]) == 0xA8 ||
                static_cast<unsigned char>(s[i + 2]) == 0xA9)) {
      out += static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
      i += 2;
    } else if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBB &&
               static_cast<unsigned char>(s[i + 2]) == 0xBF) {
      out += "\\uFEFF";
      i += 2;
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '"';
  return out;
}

/// `{pert: [1200, 1500, 2200]}`, `{normal: [0.3, 0.1], min: 0}`,
/// `{discrete: {values: [...], weights: [...]}}` or a plain number.
std::string distribution(const Distribution& d, bool rate) {
  const DistSpec spec = spec_of(d);
  const KindInfo& kind = kind_info(spec.kind);
  const bool in_units = rate && kind.parameters_in_input_units;
  if (spec.kind == DistKind::fixed) return value(spec.parameters[0], rate);
  std::string out = fmt::format("{{{}: ", kind.name);
  if (spec.kind == DistKind::discrete) {
    out += fmt::format("{{values: {}, weights: {}}}", list(spec.parameters, in_units),
                       list(spec.weights, false));
  } else {
    out += list(spec.parameters, in_units);
  }
  if (spec.min > -DistSpec::kInf) out += fmt::format(", min: {}", value(spec.min, rate));
  if (spec.max < DistSpec::kInf) out += fmt::format(", max: {}", value(spec.max, rate));
  out += '}';
  return out;
}

// ---------------------------------------------------------------- the text

class Writer {
 public:
  Writer(const Scenario& s, const WriteOptions& options) : s_(s), o_(options) {}

  std::string run() {
    header();
    key_value("name", quoted(s_.name));
    key_value("business", quoted(s_.business));
    key_value("currency", quoted(s_.currency),
              tr("label for money in reports (RUB prints as ₽)"));
    key_value("horizon_months", std::to_string(s_.horizon_months),
              tr("H, months simulated (1 to 120)"));
    key_value("start_month", std::to_string(s_.start_month),
              tr("calendar month of the first simulated month (1 = January)"));

    section("simulation", tr("command-line options override these"));
    key_value("  runs", std::to_string(s_.simulation.runs), tr("runs of the model"));
    key_value("  seed", std::to_string(s_.simulation.seed),
              tr("the same seed and runs give the same result"));
    key_value("  sampling", to_string(s_.simulation.sampling),
              tr("monte_carlo or latin_hypercube"));

    inputs("baseline", tr("the funnel before the assistant, per month"));
    inputs("assistant", tr("what the assistant changes"));
    key_value("  ramp_up_months", std::to_string(s_.ramp_up_months),
              tr("R, months until the effect is full (0 to horizon_months)"));
    inputs("costs", tr("what the assistant costs, in {}", s_.currency));
    inputs("economics", tr("the value of time and money"));
    inputs("retention", tr("extra clients who come back"));
    if (s_.capacity_given) inputs("capacity", tr("free slots for the extra visits"));

    out_ += '\n';
    comment_line("", tr("lead multipliers, January to December (1 = a normal month)"));
    out_ += fmt::format("seasonality: {}\n",
                        list({s_.seasonality.begin(), s_.seasonality.end()}, false));

    out_ += '\n';
    comment_line("",
                 tr("Spearman rank correlations between uncertain inputs: [input, input, rho]"));
    if (s_.correlations.empty()) {
      out_ += "correlations: []\n";
    } else {
      out_ += "correlations:\n";
      for (const Correlation& c : s_.correlations) {
        out_ += fmt::format("  - [{}, {}, {}]\n", info(c.a).key, info(c.b).key, number(c.rho));
      }
    }
    return std::move(out_);
  }

 private:
  const Scenario& s_;
  const WriteOptions& o_;
  std::string out_;

  [[nodiscard]] std::string render(const Text& t) const { return t.render(o_.locale); }

  void header() {
    if (!o_.comments) return;
    comment_line("", tr("A scenario for simroi (docs/scenario-format.md): one business and one "
                        "AI assistant."));
    comment_line("", tr("Every input is a number, a percentage (\"15%\") or a distribution such "
                        "as {{pert: [min, mode, max]}}."));
    for (const Text& note : o_.header_notes) comment_line("", note);
    out_ += '\n';
  }

  void comment_line(std::string_view indent, const Text& text) {
    if (!o_.comments) return;
    out_ += fmt::format("{}# {}\n", indent, render(text));
  }

  /// `text`, then the comment from column 34 (or one space after a longer text).
  void line(std::string text, const Text& comment) {
    if (o_.comments && !comment.empty()) {
      constexpr std::size_t kColumn = 34;
      text.append(text.size() < kColumn ? kColumn - text.size() : 1, ' ');
      text += fmt::format("# {}", render(comment));
    }
    out_ += text + '\n';
  }

  void key_value(std::string_view key, const std::string& v, const Text& comment = Text()) {
    line(fmt::format("{}: {}", key, v), comment);
  }

  void section(std::string_view name, const Text& comment) {
    out_ += '\n';
    line(fmt::format("{}:", name), comment);
  }

  void inputs(std::string_view section_name, const Text& comment) {
    section(section_name, comment);
    for (const auto& in : input_table()) {
      if (in.section != section_name) continue;
      if (in.id == Input::booking_conversion_uplift && s_.conversion_after_given) continue;
      if (in.id == Input::booking_conversion_after && !s_.conversion_after_given) continue;
      if (in.id == Input::first_visit_check && !s_.first_visit_check_given) continue;
      const std::string unit =
          in.is_money ? tr(in.unit, s_.currency).render(o_.locale) : render(tr(in.unit));
      const Text range = std::isinf(in.max) ? tr(">= {}", in.min) : tr("{} to {}", in.min, in.max);
      comment_line("  ", tr("{}: {} ({}; {})", in.symbol, tr(in.meaning), unit, range));
      if (!o_.input_notes[index(in.id)].empty()) comment_line("  ", o_.input_notes[index(in.id)]);
      out_ += fmt::format("  {}: {}\n", in.key, distribution(s_.input(in.id), in.is_rate));
    }
  }
};

std::string text_of(const Distribution& d) {
  const DistSpec spec = spec_of(d);
  std::string out = describe_parameters(spec.kind, spec.parameters);
  if (!spec.weights.empty()) {
    out += " weights";
    for (const double w : spec.weights) out += fmt::format(" {}", number(w));
  }
  if (spec.truncated()) out += fmt::format(" in [{}, {}]", number(spec.min), number(spec.max));
  return out;
}

bool same(const Distribution& a, const Distribution& b) {
  const DistSpec x = spec_of(a);
  const DistSpec y = spec_of(b);
  auto same_list = [](const std::vector<double>& p, const std::vector<double>& q) {
    if (p.size() != q.size()) return false;
    for (std::size_t i = 0; i < p.size(); ++i) {
      if (!same_bits(p[i], q[i])) return false;
    }
    return true;
  };
  return x.kind == y.kind && same_list(x.parameters, y.parameters) &&
         same_list(x.weights, y.weights) && same_bits(x.min, y.min) && same_bits(x.max, y.max);
}

}  // namespace

std::string write_scenario(const Scenario& scenario, const WriteOptions& options) {
  return Writer(scenario, options).run();
}

std::string scenario_difference(const Scenario& a, const Scenario& b) {
  auto field = [](std::string_view key, const auto& x, const auto& y) {
    return fmt::format("{}: {} vs {}", key, x, y);
  };
  if (a.name != b.name) return field("name", a.name, b.name);
  if (a.business != b.business) return field("business", a.business, b.business);
  if (a.currency != b.currency) return field("currency", a.currency, b.currency);
  if (a.horizon_months != b.horizon_months) {
    return field("horizon_months", a.horizon_months, b.horizon_months);
  }
  if (a.ramp_up_months != b.ramp_up_months) {
    return field("assistant.ramp_up_months", a.ramp_up_months, b.ramp_up_months);
  }
  if (a.start_month != b.start_month) return field("start_month", a.start_month, b.start_month);
  for (std::size_t m = 0; m < a.seasonality.size(); ++m) {
    if (!same_bits(a.seasonality[m], b.seasonality[m])) {
      return field(fmt::format("seasonality[{}]", m), number(a.seasonality[m]),
                   number(b.seasonality[m]));
    }
  }
  if (a.conversion_after_given != b.conversion_after_given) {
    return field("conversion_after_given", a.conversion_after_given, b.conversion_after_given);
  }
  if (a.first_visit_check_given != b.first_visit_check_given) {
    return field("first_visit_check_given", a.first_visit_check_given, b.first_visit_check_given);
  }
  if (a.capacity_given != b.capacity_given) {
    return field("capacity_given", a.capacity_given, b.capacity_given);
  }
  for (const auto& in : input_table()) {
    if (!same(a.input(in.id), b.input(in.id))) {
      return field(in.path, text_of(a.input(in.id)), text_of(b.input(in.id)));
    }
  }
  if (a.correlations.size() != b.correlations.size()) {
    return field("correlations (count)", a.correlations.size(), b.correlations.size());
  }
  for (std::size_t i = 0; i < a.correlations.size(); ++i) {
    const Correlation& x = a.correlations[i];
    const Correlation& y = b.correlations[i];
    if (x.a != y.a || x.b != y.b || !same_bits(x.rho, y.rho)) {
      return field(fmt::format("correlations[{}]", i),
                   fmt::format("[{}, {}, {}]", info(x.a).path, info(x.b).path, number(x.rho)),
                   fmt::format("[{}, {}, {}]", info(y.a).path, info(y.b).path, number(y.rho)));
    }
  }
  if (a.simulation.runs != b.simulation.runs) {
    return field("simulation.runs", a.simulation.runs, b.simulation.runs);
  }
  if (a.simulation.seed != b.simulation.seed) {
    return field("simulation.seed", a.simulation.seed, b.simulation.seed);
  }
  if (a.simulation.sampling != b.simulation.sampling) {
    return field("simulation.sampling", to_string(a.simulation.sampling),
                 to_string(b.simulation.sampling));
  }
  return "";
}

}  // namespace simroi
