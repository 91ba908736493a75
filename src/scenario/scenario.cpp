// Loading and validating scenario files (docs: scenario-format.md, model.md).
//
// The loader never stops at the first problem: it walks the whole document,
// records a Diagnostic for every problem (file, 1-based line and column, dotted
// key path, "what is wrong; what would be right") and throws one ScenarioError
// with all of them, sorted by position. Hostile input is refused before or
// while walking: files over 1 MiB, bytes that are not UTF-8, nesting deeper
// than 64 levels, and documents that expand (through aliases) to more than a
// million nodes.
#include "simroi/scenario/scenario.h"

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <numbers>
#include <optional>
#include <set>
#include <sstream>
#include <system_error>
#include <utility>

#include "simroi/core/error.h"
#include "simroi/model/model.h"
#include "simroi/sampling/correlation.h"

namespace simroi {

Timeline make_timeline(const Scenario& s) {
  return Timeline(s.horizon_months, s.ramp_up_months, s.seasonality, s.start_month,
                  s.conversion_after_given);
}

std::vector<Input> Scenario::uncertain_inputs() const {
  std::vector<Input> out;
  for (std::size_t i = 0; i < kInputCount; ++i) {
    if (!inputs[i].is_fixed()) out.push_back(static_cast<Input>(i));
  }
  return out;
}

std::string too_many_runs_reason(double runs) {
  // A deliberately optimistic cost per run, so the estimate is a lower bound.
  constexpr double kSecondsPerRun = 1e-6;
  auto duration = [](double seconds) -> std::string {
    constexpr double kMinute = 60, kHour = 3600, kDay = 86400, kYear = 365.25 * kDay;
    if (!std::isfinite(seconds) || seconds >= 1000 * kYear) return "more than a thousand years";
    if (seconds >= 2 * kYear) return fmt::format("about {:.0f} years", seconds / kYear);
    if (seconds >= 2 * kDay) return fmt::format("about {:.0f} days", seconds / kDay);
    if (seconds >= 2 * kHour) return fmt::format("about {:.0f} hours", seconds / kHour);
    if (seconds >= 2 * kMinute) return fmt::format("about {:.0f} minutes", seconds / kMinute);
    return fmt::format("about {:.0f} seconds", seconds);
  };
  auto count = [](double n) -> std::string {
    if (!(n < 1e19)) return fmt::format("{:.3g}", n);
    const std::string digits = std::to_string(static_cast<std::uint64_t>(n));
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
      if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
      out.push_back(digits[i]);
    }
    return out;
  };
  return fmt::format(
      "at about 1 microsecond a run on one core, {} runs would take {}; the largest accepted is "
      "{} ({}), and 100,000 runs are enough for most reports",
      count(runs), duration(runs * kSecondsPerRun), count(static_cast<double>(kMaxRuns)),
      duration(static_cast<double>(kMaxRuns) * kSecondsPerRun));
}

namespace {

constexpr std::size_t kMaxFileBytes = std::size_t{1} << 20;  // 1 MiB
constexpr int kMaxDepth = 64;
constexpr std::size_t kMaxVisits = 1'000'000;
// yaml-cpp needs about 0.5 KB and 8 us per node, so a 1 MiB file of list
// items would take gigabytes and most of a minute. Refuse, before parsing,
// text with more list items / keys than any scenario could use.
constexpr std::size_t kMaxStructuralTokens = 100'000;
constexpr double kPsdTolerance = -1e-10;
constexpr double kInf = std::numeric_limits<double>::infinity();

// ---------------------------------------------------------------- text helpers

/// Optimal-string-alignment distance (Levenshtein plus adjacent transposition).
std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  std::vector<std::size_t> d((n + 1) * (m + 1));
  auto at = [m, &d](std::size_t i, std::size_t j) -> std::size_t& { return d[i * (m + 1) + j]; };
  for (std::size_t i = 0; i <= n; ++i) at(i, 0) = i;
  for (std::size_t j = 0; j <= m; ++j) at(0, j) = j;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      at(i, j) = std::min({at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        at(i, j) = std::min(at(i, j), at(i - 2, j - 2) + 1);
      }
    }
  }
  return at(n, m);
}

/// The candidate closest to `word`, if it is close enough to be a likely typo.
std::optional<std::string_view> closest(std::string_view word,
                                        const std::vector<std::string_view>& candidates) {
  if (word.size() > 200) return std::nullopt;  // no quadratic work on hostile keys
  std::optional<std::string_view> best;
  std::size_t best_distance = std::numeric_limits<std::size_t>::max();
  for (const auto candidate : candidates) {
    const std::size_t distance = edit_distance(word, candidate);
    const std::size_t allowed = std::max<std::size_t>(2, candidate.size() / 3);
    if (distance <= allowed && distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

std::string join(const std::vector<std::string_view>& words) {
  std::string out;
  for (const auto w : words) {
    if (!out.empty()) out += ", ";
    out += w;
  }
  return out;
}

YAML::Mark make_mark(int line, int column) {
  YAML::Mark mark;
  mark.line = line;
  mark.column = column;
  return mark;
}

std::string number_text(double v) {
  return fmt::format("{}", v);
}

/// A scalar quoted for a message, shortened if it is long.
std::string quote_text(std::string_view text) {
  constexpr std::size_t kMax = 60;
  if (text.size() > kMax) return fmt::format("'{}...'", text.substr(0, kMax));
  return fmt::format("'{}'", text);
}

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return s.substr(first, last - first + 1);
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view node_kind(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Scalar:
      return "a single value";
    case YAML::NodeType::Null:
      return "nothing";
    case YAML::NodeType::Undefined:
      break;
  }
  return "nothing";
}

// ---------------------------------------------------------------- numbers

enum class NumError : std::uint8_t { none, not_a_number, non_finite, out_of_range };

struct NumParse {
  double value = 0.0;
  NumError error = NumError::none;
};

/// The whole text must be a decimal number (optionally followed by '%', which
/// divides it by 100, when allow_percent). No hex, no digit separators.
NumParse parse_number_text(std::string_view text, bool allow_percent) {
  std::string_view s = trim(text);
  bool percent = false;
  if (allow_percent && !s.empty() && s.back() == '%') {
    percent = true;
    s = trim(s.substr(0, s.size() - 1));
  }
  if (s.empty()) return {0.0, NumError::not_a_number};
  {
    std::string_view body = s;
    if (body.front() == '+' || body.front() == '-') body.remove_prefix(1);
    const std::string word = lower(body);
    if (word == ".inf" || word == "inf" || word == "infinity" || word == ".nan" || word == "nan") {
      return {0.0, NumError::non_finite};
    }
  }
  if (s.front() == '+' && s.size() > 1 && s[1] != '-' && s[1] != '+') s.remove_prefix(1);
  double value = 0.0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec == std::errc::result_out_of_range) return {0.0, NumError::out_of_range};
  if (ec != std::errc() || ptr != s.data() + s.size()) return {0.0, NumError::not_a_number};
  if (!std::isfinite(value)) return {0.0, NumError::non_finite};
  if (percent) value /= 100.0;
  return {value, NumError::none};
}

// ---------------------------------------------------------------- the loader

const std::vector<std::string_view> kTopKeys = {
    "name",  "business",  "currency",  "horizon_months", "simulation",  "baseline",    "assistant",
    "costs", "economics", "retention", "seasonality",    "start_month", "correlations"};
const std::vector<std::string_view> kInputSections = {"baseline", "assistant", "costs", "economics",
                                                      "retention"};
const std::vector<std::string_view> kSimulationKeys = {"runs", "seed", "sampling"};
const std::vector<std::string_view> kSamplingNames = {"monte_carlo", "latin_hypercube"};
const std::vector<std::string_view> kDistNames = {"uniform",   "triangular", "pert",    "normal",
                                                  "lognormal", "beta",       "discrete"};
const std::vector<std::string_view> kDiscreteKeys = {"values", "weights"};

std::vector<std::string_view> section_keys(std::string_view section) {
  std::vector<std::string_view> keys;
  for (const auto& in : input_table()) {
    if (in.section == section) keys.push_back(in.key);
  }
  if (section == "assistant") keys.emplace_back("ramp_up_months");
  return keys;
}

std::vector<std::string_view> all_input_names() {
  std::vector<std::string_view> names;
  for (const auto& in : input_table()) {
    names.push_back(in.key);
    names.push_back(in.path);
  }
  return names;
}

std::string range_text(const InputInfo& in) {
  if (std::isinf(in.max)) return fmt::format(">= {}", in.min);
  return fmt::format("[{}, {}]", in.min, in.max);
}

std::string_view example_value(Input id) {
  switch (id) {
    case Input::leads_per_month:
      return "leads_per_month: 200";
    case Input::booking_conversion:
      return "booking_conversion: 10%";
    case Input::average_check:
      return "average_check: 1500";
    case Input::implementation:
      return "implementation: 30000";
    default:
      break;
  }
  return "";
}

struct Entry {
  std::string key;
  YAML::Node key_node;
  YAML::Node value;
};

const Entry* find_entry(const std::vector<Entry>& entries, std::string_view key) {
  for (const auto& e : entries) {
    if (e.key == key) return &e;
  }
  return nullptr;
}

/// Walks the documents of a stream without building nodes: where each one
/// starts and where its first node is. parse_document() uses it instead of
/// YAML::LoadAll(), which in yaml-cpp 0.7 never returns (and allocates without
/// bound) when the parser stops consuming input -- a ',' outside brackets at
/// the top of a document, e.g. the text "," (jbeder/yaml-cpp#1040).
class DocumentProbe : public YAML::EventHandler {
 public:
  YAML::Mark start;       ///< where the current document starts
  YAML::Mark first_node;  ///< its first (root) node

  void OnDocumentStart(const YAML::Mark& mark) override {
    start = mark;
    seen_node_ = false;
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { node(mark); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { node(mark); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                const std::string&) override {
    node(mark);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    node(mark);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    node(mark);
  }
  void OnMapEnd() override {}

 private:
  bool seen_node_ = false;
  void node(const YAML::Mark& mark) {
    if (!seen_node_) first_node = mark;
    seen_node_ = true;
  }
};

/// A correlation that parsed; its inputs are checked once every section is read.
struct PendingCorrelation {
  Input a;
  Input b;
  double rho;
  std::size_t index;  // position in the list, for messages
  YAML::Mark mark;    // the [a, b, rho] item
  YAML::Mark a_mark;  // the first name
  YAML::Mark b_mark;  // the second name
};

class Loader {
 public:
  explicit Loader(std::string file) : file_(std::move(file)) {
    scenario_.file = file_;
    if (!file_.empty()) scenario_.name = std::filesystem::path(file_).stem().string();
    for (const auto& in : input_table()) {
      scenario_.inputs[index(in.id)] = Distribution::fixed(in.default_value);
    }
  }

  Scenario run(std::string_view text) {
    if (precheck_text(text)) {
      parse_document(text);
    }
    if (!diagnostics_.empty()) {
      std::stable_sort(diagnostics_.begin(), diagnostics_.end(),
                       [](const Diagnostic& x, const Diagnostic& y) {
                         return std::tie(x.line, x.column) < std::tie(y.line, y.column);
                       });
      throw ScenarioError(std::move(diagnostics_));
    }
    return std::move(scenario_);
  }

  void fail_without_position(std::string message) {
    diagnostics_.push_back(Diagnostic{file_, 0, 0, "", "", Text::verbatim(std::move(message))});
  }

 private:
  enum class Status : std::uint8_t { absent, ok, bad };

  std::string file_;
  std::vector<Diagnostic> diagnostics_;
  Scenario scenario_;
  std::array<Status, kInputCount> status_{};
  std::array<YAML::Mark, kInputCount> input_key_mark_{};
  std::map<std::string, YAML::Mark, std::less<>> section_mark_;  // key mark of each section
  YAML::Mark root_mark_;
  bool timeline_ok_ = true;
  bool horizon_ok_ = true;
  std::optional<std::pair<std::uint64_t, YAML::Mark>> ramp_;
  std::vector<PendingCorrelation> correlations_;
  // Top-level names suggested for misspelt keys ("baselin" -> "baseline"): the
  // keys missing from such a section are not reported again.
  std::set<std::string, std::less<>> suggested_sections_;
  // Sections that are not mappings (already reported).
  std::set<std::string, std::less<>> bad_sections_;

  // ------------------------------------------------------------ diagnostics

  void error(const YAML::Mark& mark, std::string_view key, std::string message) {
    Diagnostic d;
    d.file = file_;
    if (!mark.is_null() && mark.line >= 0 && mark.column >= 0) {
      d.line = mark.line + 1;
      d.column = mark.column + 1;
    }
    d.key = std::string(key);
    d.text = Text::verbatim(std::move(message));
    diagnostics_.push_back(std::move(d));
  }
  void error(const YAML::Node& node, std::string_view key, std::string message) {
    error(node.Mark(), key, std::move(message));
  }

  // ------------------------------------------------------------ raw text

  /// Size, NUL bytes and UTF-8 validity. False when the text must not be parsed.
  bool precheck_text(std::string_view text) {
    if (text.size() > kMaxFileBytes) {
      fail_without_position(
          fmt::format("the file is {} bytes; a scenario may be at most 1 MiB ({} bytes)",
                      text.size(), kMaxFileBytes));
      return false;
    }
    int line = 1;
    int column = 1;
    std::size_t i = 0;
    // Cheap upper bounds on what the parser would build, blind to quoting:
    // flow brackets nest as deep as `depth`, and every ',', '[', '{', "- " and
    // ": " may start a node.
    int depth = 0;
    std::size_t tokens = 0;
    while (i < text.size()) {
      const auto byte = static_cast<unsigned char>(text[i]);
      const char after = i + 1 < text.size() ? text[i + 1] : '\n';
      const bool separated = after == ' ' || after == '\n' || after == '\r' || after == '\t';
      if (byte == '[' || byte == '{') {
        if (++depth > kMaxDepth) {
          error(make_mark(line - 1, column - 1), "",
                fmt::format("the document is nested deeper than {} levels; a scenario needs at "
                            "most 5",
                            kMaxDepth));
          return false;
        }
      } else if (byte == ']' || byte == '}') {
        depth = std::max(0, depth - 1);
      }
      if (byte == ',' || byte == '[' || byte == '{' ||
          ((byte == '-' || byte == ':') && separated)) {
        if (++tokens > kMaxStructuralTokens) {
          error(make_mark(line - 1, column - 1), "",
                fmt::format("the file has more than {} list items and keys; a scenario needs a "
                            "few dozen",
                            kMaxStructuralTokens));
          return false;
        }
      }
      std::size_t length = 0;
      std::uint32_t cp = 0;
      if (byte == 0) {
        error(make_mark(line - 1, column - 1), "",
              "the file contains a NUL byte, so it is not a text file; a scenario is UTF-8 YAML "
              "text");
        return false;
      }
      if (byte < 0x80) {
        length = 1;
        cp = byte;
      } else if ((byte & 0xE0) == 0xC0) {
        length = 2;
        cp = byte & 0x1F;
      } else if ((byte & 0xF0) == 0xE0) {
        length = 3;
        cp = byte & 0x0F;
      } else if ((byte & 0xF8) == 0xF0) {
        length = 4;
        cp = byte & 0x07;
      }
      bool valid = length > 0 && i + length <= text.size();
      for (std::size_t k = 1; valid && k < length; ++k) {
        const auto next = static_cast<unsigned char>(text[i + k]);
        if ((next & 0xC0) != 0x80) {
          valid = false;
        } else {
          cp = (cp << 6) | (next & 0x3F);
        }
      }
      if (valid) {
        // Overlong forms, surrogates and values above U+10FFFF are not UTF-8.
        static constexpr std::uint32_t kMinForLength[] = {0, 0, 0x80, 0x800, 0x10000};
        valid = cp >= kMinForLength[length] && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF);
      }
      if (!valid) {
        error(make_mark(line - 1, column - 1), "",
              fmt::format("the file is not valid UTF-8 (byte 0x{:02X}); save it as UTF-8 text",
                          static_cast<unsigned>(byte)));
        return false;
      }
      if (byte == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
      i += length;
    }
    return true;
  }

  // ------------------------------------------------------------ document

  void parse_document(std::string_view text) {
    std::vector<YAML::Node> documents;
    try {
      // Count the documents (up to three) before building any: a document that
      // starts where the previous one did means the parser is stuck on a token
      // it cannot use, which LoadAll() would repeat forever.
      std::istringstream stream{std::string(text)};
      YAML::Parser parser(stream);
      DocumentProbe probe;
      std::size_t count = 0;
      std::optional<YAML::Mark> previous_start;
      YAML::Mark second_node;
      while (count < 3 && parser.HandleNextDocument(probe)) {
        if (previous_start && probe.start.pos == previous_start->pos) {
          const auto pos = static_cast<std::size_t>(std::max(0, probe.start.pos));
          const char c = pos < text.size() ? text[pos] : ' ';
          error(probe.start, "",
                c == ',' ? std::string("not valid YAML: unexpected ','; a ',' separates items "
                                       "only inside [...] or {...}")
                         : std::string("not valid YAML: unexpected text here"));
          return;
        }
        previous_start = probe.start;
        if (++count == 2) second_node = probe.first_node;
      }
      if (count > 1) {
        error(second_node, "",
              "the file holds more than one YAML document ('---'); a scenario file holds exactly "
              "one");
        return;
      }
      if (count == 1) documents.push_back(YAML::Load(std::string(text)));
    } catch (const YAML::DeepRecursion& e) {
      // yaml-cpp's own guard ("bad file"), e.g. for "- - - - ..." on one line.
      error(e.mark, "",
            fmt::format("the document is nested deeper than {} levels; a scenario needs at "
                        "most 5",
                        kMaxDepth));
      return;
    } catch (const YAML::Exception& e) {
      error(e.mark, "",
            fmt::format("not valid YAML: {}{}{}", e.msg, tab_hint(text, e.mark),
                        bracket_hint(e.msg)));
      return;
    } catch (const std::exception& e) {
      error(YAML::Mark::null_mark(), "", fmt::format("not valid YAML: {}", e.what()));
      return;
    }
    if (documents.empty() || (documents.size() == 1 && documents[0].IsNull())) {
      fail_without_position(
          fmt::format("the file {}; a scenario needs at least baseline: (leads_per_month, "
                      "booking_conversion, average_check) and costs: (implementation)",
                      trim(text).empty() ? "is empty" : "is empty (it holds only comments)"));
      return;
    }
    const YAML::Node root = documents[0];
    root_mark_ = root.Mark();
    if (!root.IsMap()) {
      error(root, "",
            fmt::format("the top level is {}; a scenario is a mapping of keys such as "
                        "baseline:, assistant: and costs:",
                        node_kind(root)));
      return;
    }
    std::size_t visits = 0;
    if (!check_shape(root, 1, visits)) return;
    walk_root(root);
    cross_checks();
  }

  /// A hint for yaml-cpp's terse messages about flow collections.
  static std::string bracket_hint(std::string_view msg) {
    if (msg == "illegal flow end" || msg.starts_with("end of map flow not found") ||
        msg.starts_with("end of sequence flow not found")) {
      return " (a '[' or '{' is not closed by its matching ']' or '}', or they are mixed up)";
    }
    if (msg == "illegal map value") {
      return " (a value containing ': ' must be quoted, e.g. name: \"Salon: Samara\"; a key is "
             "at most 1024 characters)";
    }
    return "";
  }

  /// A hint when the line of a syntax error is indented with tabs.
  static std::string tab_hint(std::string_view text, const YAML::Mark& mark) {
    if (mark.is_null() || mark.line < 0) return "";
    std::size_t start = 0;
    for (int line = 0; line < mark.line; ++line) {
      start = text.find('\n', start);
      if (start == std::string_view::npos) return "";
      ++start;
    }
    for (std::size_t i = start; i < text.size() && (text[i] == ' ' || text[i] == '\t'); ++i) {
      if (text[i] == '\t') return " (YAML indentation must use spaces, not tabs)";
    }
    return "";
  }

  /// Bounded generic walk: refuses nesting deeper than kMaxDepth and documents
  /// that expand (through aliases) to more than kMaxVisits nodes.
  bool check_shape(const YAML::Node& node, int depth, std::size_t& visits) {
    if (++visits > kMaxVisits) {
      error(node, "",
            fmt::format("the document expands to more than {} YAML nodes (aliases counted at "
                        "every use), e.g. an alias bomb; a scenario is far smaller",
                        kMaxVisits));
      return false;
    }
    if (depth > kMaxDepth) {
      error(node, "",
            fmt::format("the document is nested deeper than {} levels; a scenario needs at "
                        "most 5",
                        kMaxDepth));
      return false;
    }
    if (node.IsSequence()) {
      for (auto it = node.begin(); it != node.end(); ++it) {
        if (!check_shape(*it, depth + 1, visits)) return false;
      }
    } else if (node.IsMap()) {
      for (auto it = node.begin(); it != node.end(); ++it) {
        if (!check_shape(it->first, depth + 1, visits)) return false;
        if (!check_shape(it->second, depth + 1, visits)) return false;
      }
    }
    return true;
  }

  /// The entries of a mapping whose keys are all known, reporting non-scalar,
  /// duplicate and unknown keys (with a did-you-mean suggestion).
  std::vector<Entry> entries(const YAML::Node& map, std::string_view path,
                             const std::vector<std::string_view>& allowed,
                             std::string_view section_for_hints = {}) {
    std::vector<Entry> out;
    std::map<std::string, int, std::less<>> first_line;
    for (auto it = map.begin(); it != map.end(); ++it) {
      const YAML::Node key_node = it->first;
      if (!key_node.IsScalar()) {
        error(key_node, path,
              fmt::format("a key here must be a plain name, not {}; expected one of: {}",
                          node_kind(key_node), join(allowed)));
        continue;
      }
      const std::string& key = key_node.Scalar();
      const std::string key_path = path.empty() ? key : fmt::format("{}.{}", path, key);
      if (const auto seen = first_line.find(key); seen != first_line.end()) {
        error(key_node, key_path,
              fmt::format("duplicate key '{}' (first given on line {}); keep only one", key,
                          seen->second));
        continue;
      }
      first_line.emplace(key, key_node.Mark().line + 1);
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        error(key_node, key_path, unknown_key_message(key, allowed, section_for_hints));
        if (path.empty()) {
          if (const auto suggestion = closest(key, allowed)) {
            suggested_sections_.emplace(*suggestion);
          }
        }
        continue;
      }
      out.push_back(Entry{key, key_node, it->second});
    }
    return out;
  }

  static std::string unknown_key_message(std::string_view key,
                                         const std::vector<std::string_view>& allowed,
                                         std::string_view section) {
    if (const auto suggestion = closest(key, allowed)) {
      return fmt::format("unknown key {}; did you mean '{}'?", quote_text(key), *suggestion);
    }
    // An input written in the wrong section (or at the top level).
    for (const auto& in : input_table()) {
      if (in.key == key && in.section != section) {
        return fmt::format("unknown key {} here; it belongs in the {}: section ({})",
                           quote_text(key), in.section, in.path);
      }
    }
    return fmt::format("unknown key {}; expected one of: {}", quote_text(key), join(allowed));
  }

  /// A section's value: a mapping (or nothing, read as an empty mapping).
  bool is_section(const Entry& e) {
    if (e.value.IsMap() || e.value.IsNull()) return true;
    bad_sections_.emplace(e.key);  // its keys are not "missing": the section is wrong
    error(e.value, e.key,
          fmt::format("the {}: section must be a mapping of 'key: value' lines, not {}", e.key,
                      node_kind(e.value)));
    return false;
  }

  // ------------------------------------------------------------ values

  /// False (and reported at the key) when `key:` has no value at all.
  bool has_value(const Entry& e, std::string_view path, std::string_view expected) {
    if (!e.value.IsNull()) return true;
    error(e.key_node, path, fmt::format("has no value; expected {}", expected));
    return false;
  }

  /// A number (optionally a percent string). Reports and returns nullopt if not.
  std::optional<double> number(const YAML::Node& node, std::string_view key,
                               bool allow_percent = true) {
    if (!node.IsScalar()) {
      error(node, key,
            fmt::format("expected a number{}, found {}", allow_percent ? " (or \"15%\")" : "",
                        node_kind(node)));
      return std::nullopt;
    }
    const std::string& text = node.Scalar();
    const NumParse parsed = parse_number_text(text, allow_percent);
    switch (parsed.error) {
      case NumError::none:
        return parsed.value;
      case NumError::non_finite:
        error(node, key,
              fmt::format("{} is not a finite number; write an ordinary number such as 0.15",
                          quote_text(text)));
        return std::nullopt;
      case NumError::out_of_range:
        error(node, key,
              fmt::format("{} is too large or too small to represent; write an ordinary number",
                          quote_text(text)));
        return std::nullopt;
      case NumError::not_a_number:
        break;
    }
    error(node, key,
          fmt::format("{} is not a number; write a number such as 1500 or 0.15{}{}",
                      quote_text(text), allow_percent ? ", or a percent such as \"15%\"" : "",
                      separator_hint(text, allow_percent)));
    return std::nullopt;
  }

  /// " (without separators: 30000)" when `text` is a number written with digit
  /// group separators (spaces, commas, apostrophes, underscores).
  static std::string separator_hint(std::string_view text, bool allow_percent) {
    std::string digits;
    bool had_separator = false;
    for (const char c : trim(text)) {
      if (c == ' ' || c == ',' || c == '\'' || c == '_') {
        had_separator = true;
      } else {
        digits.push_back(c);
      }
    }
    if (!had_separator || parse_number_text(digits, allow_percent).error != NumError::none) {
      return "";
    }
    // "0,15" is a decimal comma, not a thousands separator.
    const std::string_view t = trim(text);
    const auto comma = t.rfind(',');
    if (comma != std::string_view::npos && t.find_first_of(" '_.") == std::string_view::npos &&
        t.find(',') == comma && t.size() - comma - 1 != 3) {
      std::string decimal(t);
      decimal[comma] = '.';
      if (parse_number_text(decimal, allow_percent).error == NumError::none) {
        return fmt::format(" (use a dot for decimals: {})", decimal);
      }
    }
    return fmt::format(" (without separators: {})", digits);
  }

  /// A whole number in [lo, hi]. `what` completes "must be a whole number ...".
  std::optional<std::uint64_t> integer(const YAML::Node& node, std::string_view key,
                                       std::uint64_t lo, std::uint64_t hi) {
    const std::string expected = fmt::format("a whole number from {} to {}", lo, hi);
    if (!node.IsScalar()) {
      error(node, key, fmt::format("expected {}, found {}", expected, node_kind(node)));
      return std::nullopt;
    }
    const std::string& text = node.Scalar();
    std::string_view s = trim(text);
    if (!s.empty() && s.front() == '+') s.remove_prefix(1);
    std::uint64_t value = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    const bool digits_only =
        !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (ec == std::errc() && ptr == s.data() + s.size()) {
      if (value < lo || value > hi) {
        error(node, key, fmt::format("{} is out of range; expected {}", text, expected));
        return std::nullopt;
      }
      return value;
    }
    if (digits_only) {  // too many digits for 64 bits
      error(node, key, fmt::format("{} is out of range; expected {}", quote_text(text), expected));
      return std::nullopt;
    }
    const NumParse parsed = parse_number_text(text, false);
    if (parsed.error != NumError::none) {
      error(node, key, fmt::format("{} is not {}", quote_text(text), expected));
      return std::nullopt;
    }
    const double v = parsed.value;
    if (v != std::floor(v)) {
      error(node, key, fmt::format("{} is not a whole number; expected {}", text, expected));
      return std::nullopt;
    }
    // Integral doubles such as 1e5; 2^64 and above cannot be a 64-bit value.
    if (v < static_cast<double>(lo) || v >= 18446744073709551616.0 ||
        static_cast<std::uint64_t>(v) > hi) {
      error(node, key, fmt::format("{} is out of range; expected {}", text, expected));
      return std::nullopt;
    }
    return static_cast<std::uint64_t>(v);
  }

  /// The value of a scalar that is a number above `limit` (else nullopt, and
  /// nothing reported: the caller's own checks report what else is wrong).
  static std::optional<double> number_above(const YAML::Node& node, double limit) {
    if (!node.IsScalar()) return std::nullopt;
    const NumParse parsed = parse_number_text(node.Scalar(), false);
    if (parsed.error != NumError::none || !(parsed.value > limit)) return std::nullopt;
    return parsed.value;
  }

  std::optional<std::string> text_value(const Entry& e) {
    if (e.value.IsNull()) return std::nullopt;
    if (!e.value.IsScalar()) {
      error(e.value, e.key, fmt::format("expected text, found {}", node_kind(e.value)));
      return std::nullopt;
    }
    return e.value.Scalar();
  }

  // ------------------------------------------------------------ distributions

  /// Parameters of a distribution: a list of exactly `arity` numbers.
  std::optional<std::vector<double>> parameters(const YAML::Node& node, std::string_view key,
                                                std::string_view kind, std::size_t arity,
                                                std::string_view form) {
    if (!node.IsSequence() || node.size() != arity) {
      const std::string found = node.IsSequence() ? fmt::format("a list of {}", node.size())
                                                  : std::string(node_kind(node));
      error(node, key,
            fmt::format("{} takes a list of {} numbers {}, found {}", kind, arity, form, found));
      return std::nullopt;
    }
    std::vector<double> values;
    bool ok = true;
    for (std::size_t i = 0; i < arity; ++i) {
      const auto v = number(node[i], key);
      if (v) {
        values.push_back(*v);
      } else {
        ok = false;
      }
    }
    if (!ok) return std::nullopt;
    return values;
  }

  struct DiscreteSpec {
    std::vector<double> values;
    std::vector<double> weights;
  };

  std::optional<DiscreteSpec> discrete_spec(const YAML::Node& node, std::string_view key) {
    if (!node.IsMap()) {
      error(node, key,
            fmt::format("discrete takes a mapping {{values: [...], weights: [...]}}, found {}",
                        node_kind(node)));
      return std::nullopt;
    }
    const auto items = entries(node, key, kDiscreteKeys);
    const Entry* values_entry = find_entry(items, "values");
    const Entry* weights_entry = find_entry(items, "weights");
    if (values_entry == nullptr) {
      error(node, key, "discrete needs values: [...] (and optionally weights: [...])");
      return std::nullopt;
    }
    DiscreteSpec spec;
    bool ok = true;
    auto read_list = [&](const Entry& e, std::vector<double>& out) {
      if (!e.value.IsSequence() || e.value.size() == 0) {
        error(e.value, key,
              fmt::format("discrete {} must be a non-empty list of numbers, found {}", e.key,
                          e.value.IsSequence() ? "an empty list" : node_kind(e.value)));
        ok = false;
        return;
      }
      for (auto it = e.value.begin(); it != e.value.end(); ++it) {
        if (const auto v = number(*it, key)) {
          out.push_back(*v);
        } else {
          ok = false;
        }
      }
    };
    read_list(*values_entry, spec.values);
    if (weights_entry != nullptr) {
      read_list(*weights_entry, spec.weights);
      if (ok) {
        if (spec.weights.size() != spec.values.size()) {
          error(weights_entry->value, key,
                fmt::format("discrete has {} values but {} weights; give one weight per value",
                            spec.values.size(), spec.weights.size()));
          ok = false;
        } else {
          double sum = 0.0;
          for (std::size_t i = 0; i < spec.weights.size(); ++i) {
            if (spec.weights[i] < 0.0) {
              error(weights_entry->value[i], key,
                    fmt::format("weight {} is negative; weights must be >= 0",
                                number_text(spec.weights[i])));
              ok = false;
            }
            sum += spec.weights[i];
          }
          if (ok && !(sum > 0.0 && std::isfinite(sum))) {
            error(weights_entry->value, key,
                  fmt::format("the weights sum to {}; they must sum to a positive number "
                              "(give at least one value a weight > 0)",
                              number_text(sum)));
            ok = false;
          }
        }
      }
    } else if (ok) {
      spec.weights.assign(spec.values.size(), 1.0);
    }
    if (!ok) return std::nullopt;
    return spec;
  }

  /// One numeric input: a number, a percent string or a distribution.
  std::optional<Distribution> input_value(const YAML::Node& node, const InputInfo& in) {
    const std::string_view key = in.path;
    if (node.IsNull()) {
      error(node, key,
            "has no value; expected a number such as 0.15 or \"15%\", or a distribution such "
            "as {uniform: [0.1, 0.2]}");
      return std::nullopt;
    }
    if (node.IsSequence()) {
      error(node, key,
            "expected a number or a distribution such as {uniform: [min, max]}, found a list");
      return std::nullopt;
    }
    if (node.IsScalar()) {
      const auto v = number(node, key);
      if (!v) return std::nullopt;
      if (*v < in.min || *v > in.max) {
        const bool percent = !trim(node.Scalar()).empty() && trim(node.Scalar()).back() == '%';
        if (percent) {
          error(node, key,
                fmt::format("{} = {} is outside the valid range of {} {}{}",
                            quote_text(trim(node.Scalar())), number_text(*v), key, range_text(in),
                            in.max == 1.0 ? " (0% to 100%)" : ""));
          return std::nullopt;
        }
        std::string hint;
        if (in.max == 1.0 && *v > 1.0 && *v <= 100.0) {
          hint = fmt::format(" (for a percentage write \"{}%\" or {})", number_text(*v),
                             number_text(*v / 100.0));
        }
        error(node, key,
              fmt::format("{} is outside the valid range of {} {}{}", number_text(*v), key,
                          range_text(in), hint));
        return std::nullopt;
      }
      return Distribution::fixed(*v);
    }
    return distribution(node, in);
  }

  std::optional<Distribution> distribution(const YAML::Node& node, const InputInfo& in) {
    const std::string_view key = in.path;
    std::vector<Entry> kinds;
    std::optional<double> lo;
    std::optional<double> hi;
    const Entry* lo_entry = nullptr;
    bool ok = true;
    std::map<std::string, int, std::less<>> first_line;
    std::vector<Entry> items;
    for (auto it = node.begin(); it != node.end(); ++it) {
      const YAML::Node key_node = it->first;
      if (!key_node.IsScalar()) {
        error(key_node, key, "a distribution's key must be a name such as uniform or pert");
        ok = false;
        continue;
      }
      const std::string& name = key_node.Scalar();
      if (const auto seen = first_line.find(name); seen != first_line.end()) {
        error(key_node, key,
              fmt::format("duplicate key '{}' (first given on line {}); keep only one", name,
                          seen->second));
        ok = false;
        continue;
      }
      first_line.emplace(name, key_node.Mark().line + 1);
      const bool is_kind =
          std::find(kDistNames.begin(), kDistNames.end(), name) != kDistNames.end();
      if (!is_kind && name != "min" && name != "max") {
        std::vector<std::string_view> candidates = kDistNames;
        candidates.emplace_back("min");
        candidates.emplace_back("max");
        const auto suggestion = closest(name, candidates);
        error(key_node, key,
              suggestion ? fmt::format("unknown distribution {}; did you mean '{}'?",
                                       quote_text(name), *suggestion)
                         : fmt::format("unknown distribution {}; expected one of: {} "
                                       "(optionally with min: and max:)",
                                       quote_text(name), join(kDistNames)));
        ok = false;
        continue;
      }
      items.push_back(Entry{name, key_node, it->second});
    }
    for (const auto& e : items) {
      if (e.key == "min" || e.key == "max") {
        const auto v = number(e.value, key);
        if (!v) {
          ok = false;
        } else if (e.key == "min") {
          lo = v;
          lo_entry = &e;
        } else {
          hi = v;
        }
      } else {
        kinds.push_back(e);
      }
    }
    if (kinds.empty()) {
      if (ok) {
        error(node, key,
              fmt::format("no distribution given; expected one of: {}, e.g. {{uniform: [min, "
                          "max]}}",
                          join(kDistNames)));
      }
      return std::nullopt;
    }
    if (kinds.size() > 1) {
      error(kinds[1].key_node, key,
            fmt::format("give one distribution, not both {} and {}", kinds[0].key, kinds[1].key));
      return std::nullopt;
    }
    const Entry& kind = kinds[0];
    const YAML::Node& p = kind.value;

    std::optional<Distribution> dist;
    std::vector<double> params;
    double support_lo = -kInf;
    double support_hi = kInf;
    const bool continuous = kind.key != "discrete";

    if (kind.key == "uniform") {
      const auto v = parameters(p, key, "uniform", 2, "[min, max]");
      if (!v) return std::nullopt;
      params = *v;
      if (!check_min_max(p, key, params[0], params[1])) return std::nullopt;
      support_lo = params[0];
      support_hi = params[1];
    } else if (kind.key == "triangular" || kind.key == "pert") {
      const auto v = parameters(p, key, kind.key, 3, "[min, mode, max]");
      if (!v) return std::nullopt;
      params = *v;
      if (!check_min_max(p, key, params[0], params[2])) return std::nullopt;
      if (params[1] < params[0] || params[1] > params[2]) {
        error(p[1], key,
              fmt::format("mode {} is outside [min, max] = [{}, {}]; the mode must lie between "
                          "them",
                          number_text(params[1]), number_text(params[0]), number_text(params[2])));
        return std::nullopt;
      }
      support_lo = params[0];
      support_hi = params[2];
    } else if (kind.key == "normal") {
      const auto v = parameters(p, key, "normal", 2, "[mean, sd]");
      if (!v) return std::nullopt;
      params = *v;
      if (!(params[1] > 0.0)) {
        error(p[1], key,
              fmt::format("the standard deviation {} must be positive (> 0); for a fixed value "
                          "write just the number",
                          number_text(params[1])));
        return std::nullopt;
      }
    } else if (kind.key == "lognormal") {
      const auto v = parameters(p, key, "lognormal", 2, "[p5, p95]");
      if (!v) return std::nullopt;
      params = *v;
      if (!(params[0] > 0.0)) {
        error(p[0], key,
              fmt::format("lognormal p5 {} must be positive: a lognormal takes only positive "
                          "values (use normal for values <= 0)",
                          number_text(params[0])));
        return std::nullopt;
      }
      if (!(params[0] < params[1])) {
        error(p, key,
              params[0] == params[1]
                  ? fmt::format("lognormal p5 and p95 are both {}; p5 must be less than p95 "
                                "(for a fixed value write just the number)",
                                number_text(params[0]))
                  : fmt::format("lognormal p5 {} must be less than p95 {}; write [{}, {}]",
                                number_text(params[0]), number_text(params[1]),
                                number_text(params[1]), number_text(params[0])));
        return std::nullopt;
      }
      support_lo = 0.0;
    } else if (kind.key == "beta") {
      const auto v = parameters(p, key, "beta", 2, "[alpha, beta]");
      if (!v) return std::nullopt;
      params = *v;
      for (std::size_t i = 0; i < 2; ++i) {
        if (!(params[i] > 0.0)) {
          error(p[i], key,
                fmt::format("beta parameter {} = {} must be positive (> 0), e.g. {{beta: [2, "
                            "8]}} centres on 0.2 (mean alpha / (alpha + beta))",
                            i == 0 ? "alpha" : "beta", number_text(params[i])));
          return std::nullopt;
        }
      }
      support_lo = 0.0;
      support_hi = 1.0;
    } else {  // discrete
      const auto spec = discrete_spec(p, key);
      if (!spec) return std::nullopt;
      params = spec->values;
      support_lo = *std::min_element(spec->values.begin(), spec->values.end());
      support_hi = *std::max_element(spec->values.begin(), spec->values.end());
      if (lo || hi) {
        error(lo_entry != nullptr ? lo_entry->key_node : node, key,
              "min:/max: truncate continuous distributions only; remove the discrete values "
              "you do not want instead");
        return std::nullopt;
      }
      if (!ok) return std::nullopt;
      const auto out = range_check(node, in, kind.key, params, support_lo, support_hi, false);
      if (!out) return std::nullopt;
      return build([&] { return Distribution::discrete(spec->values, spec->weights); }, node, key);
    }
    if (!ok) return std::nullopt;

    // Truncation.
    const bool truncated = lo.has_value() || hi.has_value();
    const double t_lo = lo.value_or(-kInf);
    const double t_hi = hi.value_or(kInf);
    if (truncated) {
      if (lo && hi && !(*lo < *hi)) {
        error(node, key,
              fmt::format("truncation min: {} must be less than max: {}; swap them",
                          number_text(*lo), number_text(*hi)));
        return std::nullopt;
      }
      if (!(std::max(t_lo, support_lo) < std::min(t_hi, support_hi))) {
        error(node, key,
              fmt::format("truncating {} to [{}, {}] leaves nothing: its values lie in [{}, {}]",
                          describe(kind.key, params), number_text(t_lo), number_text(t_hi),
                          number_text(support_lo), number_text(support_hi)));
        return std::nullopt;
      }
    }
    const double eff_lo = std::max(t_lo, support_lo);
    const double eff_hi = std::min(t_hi, support_hi);
    if (!range_check(node, in, kind.key, params, eff_lo, eff_hi, continuous)) return std::nullopt;

    auto base = build(
        [&] {
          if (kind.key == "uniform") return Distribution::uniform(params[0], params[1]);
          if (kind.key == "triangular") {
            return Distribution::triangular(params[0], params[1], params[2]);
          }
          if (kind.key == "pert") return Distribution::pert(params[0], params[1], params[2]);
          if (kind.key == "normal") return Distribution::normal(params[0], params[1]);
          if (kind.key == "lognormal") return Distribution::lognormal_p5_p95(params[0], params[1]);
          return Distribution::beta(params[0], params[1]);
        },
        node, key);
    if (!base || !truncated) return base;
    const double mass = base->cdf(t_hi) - base->cdf(t_lo);
    if (!(mass > 0.0)) {
      error(node, key,
            fmt::format("truncating {} to [{}, {}] leaves (almost) no probability; widen the "
                        "bounds or move the distribution",
                        describe(kind.key, params), number_text(t_lo), number_text(t_hi)));
      return std::nullopt;
    }
    return build([&] { return base->truncated(t_lo, t_hi); }, node, key);
  }

  bool check_min_max(const YAML::Node& p, std::string_view key, double a, double b) {
    if (a > b) {
      error(p, key,
            fmt::format("min {} is greater than max {}; write [{}, {}]", number_text(a),
                        number_text(b), number_text(b), number_text(a)));
      return false;
    }
    if (a == b) {
      error(p, key,
            fmt::format("min and max are both {}; for a fixed value write just the number",
                        number_text(a)));
      return false;
    }
    return true;
  }

  static std::string describe(std::string_view kind, const std::vector<double>& params) {
    std::string out = fmt::format("{}(", kind);
    for (std::size_t i = 0; i < params.size(); ++i) {
      if (i > 0) out += ", ";
      out += number_text(params[i]);
    }
    return out + ")";
  }

  /// The values a distribution can take, [lo, hi], must lie in the input's range.
  std::optional<bool> range_check(const YAML::Node& node, const InputInfo& in,
                                  std::string_view kind, const std::vector<double>& params,
                                  double lo, double hi, bool continuous) {
    const bool below = lo < in.min;
    const bool above = hi > in.max;
    if (!below && !above) return true;
    std::string reach;
    if (below && above) {
      reach = fmt::format("values below {} and above {}", number_text(in.min), number_text(in.max));
    } else if (below) {
      reach = fmt::format("values below {} (down to {})", number_text(in.min), number_text(lo));
    } else {
      reach = fmt::format("values above {} (up to {})", number_text(in.max), number_text(hi));
    }
    std::string fix;
    if (continuous) {
      std::string bounds;
      if (below && above) {
        bounds = fmt::format("min: {} and max: {}", number_text(in.min), number_text(in.max));
      } else if (below) {
        bounds = fmt::format("min: {}", number_text(in.min));
      } else {
        bounds = fmt::format("max: {}", number_text(in.max));
      }
      fix = fmt::format("change its parameters or add {} to truncate it", bounds);
    } else {
      fix = "change the values outside that range";
    }
    std::string hint;
    if (in.max == 1.0 && above && hi > 1.0 && hi <= 100.0) {
      hint = " (percentages are written as \"15%\" or 0.15)";
    }
    error(node, in.path,
          fmt::format("{} can take {}, outside the valid range of {} {}; {}{}",
                      describe(kind, params), reach, in.path, range_text(in), fix, hint));
    return std::nullopt;
  }

  template <typename Make>
  std::optional<Distribution> build(Make make, const YAML::Node& node, std::string_view key) {
    try {
      return make();
    } catch (const std::exception& e) {
      error(node, key, fmt::format("invalid distribution: {}", e.what()));
      return std::nullopt;
    }
  }

  // ------------------------------------------------------------ sections

  void walk_root(const YAML::Node& root) {
    const auto items = entries(root, "", kTopKeys);
    for (const auto& e : items) {
      if (std::find(kInputSections.begin(), kInputSections.end(), e.key) != kInputSections.end()) {
        section_mark_.emplace(e.key, e.key_node.Mark());
        if (is_section(e)) input_section(e);
      } else if (e.key == "name") {
        if (auto t = text_value(e)) scenario_.name = *t;
      } else if (e.key == "business") {
        if (auto t = text_value(e)) scenario_.business = *t;
      } else if (e.key == "currency") {
        if (auto t = text_value(e)) {
          if (trim(*t).empty()) {
            error(e.value, e.key, "the currency label is empty; write e.g. RUB");
          } else {
            scenario_.currency = *t;
          }
        }
      } else if (e.key == "horizon_months") {
        const auto h = !has_value(e, e.key, "a whole number of months from 1 to 120")
                           ? std::nullopt
                           : integer(e.value, e.key, 1, kMaxHorizonMonths);
        if (h) {
          scenario_.horizon_months = static_cast<int>(*h);
        } else {
          timeline_ok_ = false;
          horizon_ok_ = false;
        }
      } else if (e.key == "start_month") {
        const auto m = !has_value(e, e.key, "a calendar month from 1 to 12")
                           ? std::nullopt
                           : integer(e.value, e.key, 1, 12);
        if (m) {
          scenario_.start_month = static_cast<int>(*m);
        } else {
          timeline_ok_ = false;
        }
      } else if (e.key == "simulation") {
        section_mark_.emplace(e.key, e.key_node.Mark());
        if (is_section(e)) simulation(e.value);
      } else if (e.key == "seasonality") {
        seasonality(e.value);
      } else if (e.key == "correlations") {
        correlations(e.value);
      }
    }
  }

  void input_section(const Entry& section) {
    if (section.value.IsNull()) return;
    const auto items = entries(section.value, section.key, section_keys(section.key), section.key);
    for (const auto& e : items) {
      const std::string path = fmt::format("{}.{}", section.key, e.key);
      if (e.key == "ramp_up_months") {
        // Checked against the horizon once the whole file is read.
        if (!has_value(e, path, "a whole number of months")) {
          timeline_ok_ = false;
          continue;
        }
        if (const auto r = integer(e.value, path, 0, kMaxHorizonMonths)) {
          ramp_.emplace(*r, e.value.Mark());
        } else {
          timeline_ok_ = false;
        }
        continue;
      }
      const auto id = find_input(path);
      if (!id) continue;  // cannot happen: the key list comes from the table
      const auto i = index(*id);
      input_key_mark_[i] = e.key_node.Mark();
      if (!has_value(e, path,
                     "a number such as 0.15 or \"15%\", or a distribution such as "
                     "{uniform: [0.1, 0.2]}")) {
        status_[i] = Status::bad;
        continue;
      }
      if (auto d = input_value(e.value, info(*id))) {
        scenario_.inputs[i] = std::move(*d);
        status_[i] = Status::ok;
      } else {
        status_[i] = Status::bad;
      }
    }
  }

  void simulation(const YAML::Node& node) {
    if (node.IsNull()) return;
    const auto items = entries(node, "simulation", kSimulationKeys);
    for (const auto& e : items) {
      const std::string path = fmt::format("simulation.{}", e.key);
      if (!has_value(e, path,
                     e.key == "sampling" ? "monte_carlo or latin_hypercube" : "a whole number")) {
        continue;
      }
      if (e.key == "runs") {
        if (const auto huge = number_above(e.value, static_cast<double>(kMaxRuns))) {
          error(e.value, path,
                fmt::format("{} is more than simroi accepts: {}", quote_text(e.value.Scalar()),
                            too_many_runs_reason(*huge)));
          continue;
        }
        if (const auto r = integer(e.value, path, 1, kMaxRuns)) scenario_.simulation.runs = *r;
      } else if (e.key == "seed") {
        const auto s = integer(e.value, path, 0, std::numeric_limits<std::uint64_t>::max());
        if (s) scenario_.simulation.seed = *s;
      } else if (e.key == "sampling") {
        if (!e.value.IsScalar()) {
          error(
              e.value, path,
              fmt::format("expected monte_carlo or latin_hypercube, found {}", node_kind(e.value)));
          continue;
        }
        const std::string& name = e.value.Scalar();
        if (name == "monte_carlo") {
          scenario_.simulation.sampling = Sampling::monte_carlo;
        } else if (name == "latin_hypercube") {
          scenario_.simulation.sampling = Sampling::latin_hypercube;
        } else if (const auto suggestion = closest(name, kSamplingNames)) {
          error(e.value, path,
                fmt::format("unknown sampling {}; did you mean '{}'?", quote_text(name),
                            *suggestion));
        } else {
          error(e.value, path,
                fmt::format("unknown sampling {}; expected monte_carlo or latin_hypercube",
                            quote_text(name)));
        }
      }
    }
  }

  void seasonality(const YAML::Node& node) {
    if (node.IsNull()) return;
    if (!node.IsSequence()) {
      timeline_ok_ = false;
      error(node, "seasonality",
            fmt::format("expected a list of 12 multipliers (January to December), found {}",
                        node_kind(node)));
      return;
    }
    if (node.size() != 12) {
      timeline_ok_ = false;
      error(node, "seasonality",
            fmt::format("has {} values; it needs exactly 12, one multiplier for each month "
                        "from January to December",
                        node.size()));
      return;
    }
    std::array<double, 12> values{};
    bool ok = true;
    for (std::size_t i = 0; i < 12; ++i) {
      const std::string key = fmt::format("seasonality[{}]", i);
      const auto v = number(node[i], key);
      if (!v) {
        ok = false;
      } else if (*v < 0.0) {
        error(node[i], key,
              fmt::format("{} is negative; a seasonal multiplier must be >= 0 (1 = a normal "
                          "month)",
                          number_text(*v)));
        ok = false;
      } else {
        values[i] = *v;
      }
    }
    if (ok) {
      scenario_.seasonality = values;
    } else {
      timeline_ok_ = false;
    }
  }

  void correlations(const YAML::Node& node) {
    if (node.IsNull()) return;
    if (!node.IsSequence()) {
      error(node, "correlations",
            fmt::format("expected a list of [input, input, rho] items, found {}", node_kind(node)));
      return;
    }
    const auto names = all_input_names();
    for (std::size_t i = 0; i < node.size(); ++i) {
      const YAML::Node item = node[i];
      const std::string key = fmt::format("correlations[{}]", i);
      if (!item.IsSequence() || item.size() != 3) {
        error(item, key,
              fmt::format("expected [input, input, rho], e.g. [lead_growth, "
                          "booking_conversion_uplift, 0.4]; found {}",
                          item.IsSequence() ? fmt::format("a list of {}", item.size())
                                            : std::string(node_kind(item))));
        continue;
      }
      std::array<std::optional<Input>, 2> ids;
      for (std::size_t k = 0; k < 2; ++k) {
        const YAML::Node name_node = item[k];
        if (!name_node.IsScalar()) {
          error(name_node, key,
                fmt::format("expected an input name such as lead_growth, found {}",
                            node_kind(name_node)));
          continue;
        }
        const std::string& name = name_node.Scalar();
        ids[k] = find_input(name);
        if (!ids[k]) {
          const auto suggestion = closest(name, names);
          error(name_node, key,
                suggestion ? fmt::format("unknown input {}; did you mean '{}'?", quote_text(name),
                                         *suggestion)
                           : fmt::format("unknown input {}; name an input by key (lead_growth) "
                                         "or path (assistant.lead_growth)",
                                         quote_text(name)));
        }
      }
      const auto rho = number(item[2], key, false);
      if (rho && (*rho < -1.0 || *rho > 1.0)) {
        error(item[2], key,
              fmt::format("correlation {} is outside [-1, 1]; a rank correlation lies between -1 "
                          "and 1, e.g. 0.4",
                          number_text(*rho)));
        continue;
      }
      if (!ids[0] || !ids[1] || !rho) continue;
      if (*ids[0] == *ids[1]) {
        error(item, key,
              fmt::format("correlates {} with itself; name two different inputs",
                          info(*ids[0]).path));
        continue;
      }
      bool duplicate = false;
      for (const auto& c : correlations_) {
        if ((c.a == *ids[0] && c.b == *ids[1]) || (c.a == *ids[1] && c.b == *ids[0])) {
          error(item, key,
                fmt::format("{} and {} are already correlated in correlations[{}]; give each "
                            "pair once",
                            info(*ids[0]).path, info(*ids[1]).path, c.index));
          duplicate = true;
          break;
        }
      }
      if (duplicate) continue;
      correlations_.push_back(PendingCorrelation{*ids[0], *ids[1], *rho, i, item.Mark(),
                                                 item[0].Mark(), item[1].Mark()});
    }
  }

  // ------------------------------------------------------------ whole-file checks

  void cross_checks() {
    // Required inputs.
    for (const auto& in : input_table()) {
      if (!in.required || status_[index(in.id)] != Status::absent) continue;
      const auto section = section_mark_.find(in.section);
      if (section == section_mark_.end() && suggested_sections_.contains(in.section)) continue;
      if (bad_sections_.contains(in.section)) continue;
      const YAML::Mark mark = section != section_mark_.end() ? section->second : root_mark_;
      error(mark, in.path,
            fmt::format("missing required key '{}'; add e.g. `{}` under {}:", in.key,
                        example_value(in.id), in.section));
    }
    // Uplift or absolute conversion, not both.
    const auto uplift = index(Input::booking_conversion_uplift);
    const auto after = index(Input::booking_conversion_after);
    scenario_.conversion_after_given = status_[after] != Status::absent;
    if (status_[uplift] != Status::absent && status_[after] != Status::absent) {
      error(input_key_mark_[after], info(Input::booking_conversion_after).path,
            "give either booking_conversion_uplift (relative: c1 = c0 * (1 + u)) or "
            "booking_conversion_after (absolute c1), not both");
    }
    // Ramp-up within the horizon.
    if (ramp_) {
      if (horizon_ok_ && ramp_->first > static_cast<std::uint64_t>(scenario_.horizon_months)) {
        error(ramp_->second, "assistant.ramp_up_months",
              fmt::format("{} months of ramp-up is longer than horizon_months ({}); expected a "
                          "whole number from 0 to {}",
                          ramp_->first, scenario_.horizon_months, scenario_.horizon_months));
        timeline_ok_ = false;
      } else {
        scenario_.ramp_up_months = static_cast<int>(ramp_->first);
      }
    }
    check_correlations();
    check_cost_positive();
  }

  void check_correlations() {
    std::vector<PendingCorrelation> usable;
    for (const auto& c : correlations_) {
      bool ok = true;
      for (const auto& [id, mark] : {std::pair{c.a, c.a_mark}, std::pair{c.b, c.b_mark}}) {
        const auto i = index(id);
        if (status_[i] == Status::bad) {
          ok = false;  // already reported where the input is defined
        } else if (status_[i] == Status::absent) {
          error(mark, fmt::format("correlations[{}]", c.index),
                fmt::format("{} is not given in the scenario, so it is fixed at its default {}; "
                            "only inputs with a distribution can be correlated",
                            info(id).path, number_text(info(id).default_value)));
          ok = false;
        } else if (scenario_.inputs[i].is_fixed()) {
          error(mark, fmt::format("correlations[{}]", c.index),
                fmt::format("{} is a fixed value; only inputs with a distribution can be "
                            "correlated (give it one, or remove this correlation)",
                            info(id).path));
          ok = false;
        }
      }
      if (ok) usable.push_back(c);
    }
    // The matrix is block diagonal over connected groups of inputs; check each.
    std::array<std::size_t, kInputCount> group{};
    for (std::size_t i = 0; i < kInputCount; ++i) group[i] = i;
    auto root = [&group](std::size_t i) {
      while (group[i] != i) i = group[i] = group[group[i]];
      return i;
    };
    for (const auto& c : usable) group[root(index(c.a))] = root(index(c.b));
    std::set<std::size_t> roots;
    for (const auto& c : usable) roots.insert(root(index(c.a)));
    for (const auto r : roots) {
      std::vector<std::size_t> members;
      std::vector<const PendingCorrelation*> pairs;
      for (std::size_t i = 0; i < kInputCount; ++i) {
        if (root(i) == r) members.push_back(i);
      }
      for (const auto& c : usable) {
        if (root(index(c.a)) == r) pairs.push_back(&c);
      }
      if (members.size() < 3) continue;  // 2x2 with |rho| <= 1 is always PSD
      const std::size_t n = members.size();
      auto position = [&members](Input id) {
        return static_cast<std::size_t>(std::find(members.begin(), members.end(), index(id)) -
                                        members.begin());
      };
      // The Spearman matrix as written, and the normal-score matrix the
      // sampler factorises (correlation.h): both must be PSD.
      SymmetricMatrix spearman = SymmetricMatrix::identity(n);
      SymmetricMatrix normal = SymmetricMatrix::identity(n);
      for (const auto* c : pairs) {
        const std::size_t i = position(c->a);
        const std::size_t j = position(c->b);
        spearman(i, j) = spearman(j, i) = c->rho;
        normal(i, j) = normal(j, i) = spearman_to_normal_correlation(c->rho);
      }
      const double lambda_s = smallest_eigenvalue(spearman);
      const double lambda_n = smallest_eigenvalue(normal);
      if (lambda_s >= kPsdTolerance && lambda_n >= kPsdTolerance) continue;
      std::string list;
      for (const auto* c : pairs) {
        if (!list.empty()) list += ", ";
        list += fmt::format("correlations[{}] [{}, {}, {}]", c->index, info(c->a).key,
                            info(c->b).key, number_text(c->rho));
      }
      std::string message;
      if (lambda_s < kPsdTolerance) {
        message = fmt::format(
            "these correlations contradict each other: {}; their matrix is not positive "
            "semi-definite (smallest eigenvalue {:.4g}); weaken or remove some of them",
            list, lambda_s);
      } else {
        message = fmt::format(
            "these correlations are too close to contradicting each other: {}; converted to "
            "the normal-score correlations the sampler uses (r = 2 sin(pi rho / 6)) their "
            "matrix is not positive semi-definite (smallest eigenvalue {:.4g}); weaken some "
            "of them",
            list, lambda_n);
      }
      error(pairs.front()->mark, "correlations", std::move(message));
    }
    for (const auto& c : usable) scenario_.correlations.push_back(Correlation{c.a, c.b, c.rho});
  }

  void check_cost_positive() {
    if (!timeline_ok_ || !bad_sections_.empty()) return;
    for (const Input id : {Input::implementation, Input::monthly, Input::per_lead,
                           Input::leads_per_month, Input::lead_growth}) {
      if (status_[index(id)] == Status::bad) return;
    }
    const auto min_of = [this](Input id) { return scenario_.input(id).support_min(); };
    const Timeline timeline(scenario_.horizon_months, scenario_.ramp_up_months,
                            scenario_.seasonality, scenario_.start_month,
                            scenario_.conversion_after_given);
    const double cost = minimum_total_cost(
        timeline, min_of(Input::implementation), min_of(Input::monthly), min_of(Input::per_lead),
        min_of(Input::leads_per_month), min_of(Input::lead_growth));
    if (cost > 0.0) return;
    const auto costs = section_mark_.find("costs");
    error(costs != section_mark_.end() ? costs->second : root_mark_, "costs",
          "the total cost can be 0 (costs.implementation, costs.monthly and costs.per_lead "
          "times leads can all be 0), so ROI = (gain - cost) / cost would be undefined; make "
          "at least one of them always positive, e.g. monthly: 5000");
  }
};

}  // namespace

Scenario parse_scenario(std::string_view yaml_text, const std::string& file) {
  Loader loader(file);
  return loader.run(yaml_text);
}

Scenario load_scenario(const std::string& path) {
  namespace fs = std::filesystem;
  auto fail = [&path](std::string message) -> Scenario {
    throw ScenarioError({Diagnostic{path, 0, 0, "", "", Text::verbatim(std::move(message))}});
  };
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    return fail(
        fmt::format("cannot read the scenario: {}", ec && ec != std::errc::no_such_file_or_directory
                                                        ? ec.message()
                                                        : std::string("no such file")));
  }
  if (fs::is_directory(status)) return fail("is a directory, not a scenario file");
  if (fs::is_regular_file(status)) {
    const auto size = fs::file_size(path, ec);
    if (!ec && size > kMaxFileBytes) {
      return fail(fmt::format("the file is {} bytes; a scenario may be at most 1 MiB ({} bytes)",
                              size, kMaxFileBytes));
    }
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(fmt::format("cannot open the scenario: {}", std::strerror(errno)));
  // Read at most one byte more than the limit, so /dev/zero and friends end.
  std::string text;
  std::array<char, 65536> buffer{};
  while (text.size() <= kMaxFileBytes) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const auto got = in.gcount();
    if (got <= 0) break;
    text.append(buffer.data(), static_cast<std::size_t>(got));
  }
  if (in.bad()) return fail("cannot read the scenario: read error");
  if (text.size() > kMaxFileBytes) {
    return fail(fmt::format("the file is larger than 1 MiB ({} bytes); a scenario is far smaller",
                            kMaxFileBytes));
  }
  return parse_scenario(text, path);
}

}  // namespace simroi
