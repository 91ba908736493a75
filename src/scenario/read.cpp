// The YAML reader: text -> Scenario + SourceMap (see simroi/scenario/read.h).
//
// Hostile input the parser itself could choke on is refused before (harden.h)
// or right after parsing (check_shape: nesting, alias expansion). yaml-cpp's
// YAML::LoadAll() is not used: in yaml-cpp 0.7 it never returns on a ','
// outside brackets at the top of a document (jbeder/yaml-cpp#1040), so the
// documents are counted with an event handler first (DocumentProbe).
#include "simroi/scenario/read.h"

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <set>
#include <sstream>
#include <utility>
#include <variant>

#include "scenario/messages.h"
#include "scenario/yaml_scalars.h"
#include "simroi/dist/kinds.h"
#include "simroi/model/model.h"
#include "simroi/scenario/harden.h"

namespace simroi {

namespace {

using namespace scenario_detail;

// ---------------------------------------------------------------- the keys

const std::vector<std::string_view> kTopKeys = {
    "name",  "business",  "currency",  "horizon_months", "simulation",  "baseline",     "assistant",
    "costs", "economics", "retention", "seasonality",    "start_month", "correlations", "capacity"};
const std::vector<std::string_view> kInputSections = {"baseline",  "assistant", "costs",
                                                      "economics", "retention", "capacity"};
const std::vector<std::string_view> kSimulationKeys = {"runs", "seed", "sampling"};
const std::vector<std::string_view> kSamplingNames = {"monte_carlo", "latin_hypercube"};
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

Text none() {
  return Text::verbatim("");
}

SourcePosition position(const YAML::Mark& mark) {
  if (mark.is_null() || mark.line < 0 || mark.column < 0) return {};
  return {mark.line + 1, mark.column + 1};
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
/// starts and where its first node is (see the top of this file).
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

// ---------------------------------------------------------------- the reader

class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {
    scenario_.file = file_;
    source_.file = file_;
    if (!file_.empty()) scenario_.name = std::filesystem::path(file_).stem().string();
    for (const auto& in : input_table()) {
      scenario_.inputs[index(in.id)] = Distribution::fixed(in.default_value);
    }
  }

  ReadResult run(std::string_view text) {
    const bool read = parse_document(text);
    ReadResult out;
    out.scenario = std::move(scenario_);
    out.source = std::move(source_);
    out.diagnostics = std::move(diagnostics_);
    out.document_read = read;
    return out;
  }

  /// One setting's value (read_setting_value()).
  SettingRead run_setting(std::string_view text, Setting setting) {
    SettingRead out;
    SettingValue value;
    const std::string path(setting_path(setting));
    try {
      const YAML::Node node = YAML::Load(std::string(text));
      std::size_t visits = 0;
      if (check_shape(node, 1, visits)) {
        std::optional<int> months;
        switch (setting) {
          case Setting::horizon_months:
            if (no_value(node, path, tr("a whole number of months from 1 to 120"))) break;
            months = whole<int>(node, path, horizon_field());
            break;
          case Setting::start_month:
            if (no_value(node, path, tr("a calendar month from 1 to 12"))) break;
            months = whole<int>(node, path, start_month_field());
            break;
          case Setting::ramp_up_months:
            if (no_value(node, path, tr("a whole number of months"))) break;
            months = whole<int>(node, path, ramp_field());
            break;
          case Setting::seasonality:
            if (node.IsNull()) {
              error(node, path, diag::kWrongType,
                    tr("expected a list of 12 multipliers (January to December), found {}",
                       node_kind(node)));
              break;
            }
            seasonality(node);
            value.seasonality = scenario_.seasonality;
            break;
        }
        if (months) value.months = *months;
      }
    } catch (const YAML::Exception& e) {
      error(e.mark, "", diag::kYamlSyntax,
            tr("not valid YAML: {}{}{}", e.msg, tab_hint(text, e.mark.line), bracket_hint(e.msg)));
    } catch (const std::exception& e) {
      error(YAML::Mark::null_mark(), "", diag::kYamlSyntax,
            tr("not valid YAML: {}", std::string(e.what())));
    }
    out.diagnostics = std::move(diagnostics_);
    if (out.diagnostics.empty()) out.value = value;
    return out;
  }

  /// One input's value (read_input_value()).
  ValueRead run_value(std::string_view text, Input id) {
    ValueRead out;
    YAML::Node node;
    try {
      node = YAML::Load(std::string(text));
      std::size_t visits = 0;
      if (check_shape(node, 1, visits)) {
        const InputInfo& in = info(id);
        if (node.IsNull()) {
          error(node, in.path, diag::kNoValue,
                tr("has no value; expected {}", input_value_expected()));
        } else if (auto d = input_value(node, in)) {
          out.value = std::move(d);
        }
      }
    } catch (const YAML::Exception& e) {
      error(e.mark, "", diag::kYamlSyntax,
            tr("not valid YAML: {}{}{}", e.msg, tab_hint(text, e.mark.line), bracket_hint(e.msg)));
    } catch (const std::exception& e) {
      error(YAML::Mark::null_mark(), "", diag::kYamlSyntax,
            tr("not valid YAML: {}", std::string(e.what())));
    }
    out.diagnostics = std::move(diagnostics_);
    if (!out.diagnostics.empty()) out.value.reset();
    return out;
  }

 private:
  std::string file_;
  std::vector<Diagnostic> diagnostics_;
  Scenario scenario_;
  SourceMap source_;
  // Top-level names suggested for misspelt keys ("baselin" -> "baseline"): the
  // keys missing from such a section are not reported again.
  std::set<std::string, std::less<>> suggested_sections_;

  // ------------------------------------------------------------ diagnostics and sources

  void error(const YAML::Mark& mark, std::string_view key, std::string_view code, Text text) {
    Diagnostic d;
    d.file = file_;
    const SourcePosition p = position(mark);
    d.line = p.line;
    d.column = p.column;
    d.key = std::string(key);
    d.code = std::string(code);
    d.text = std::move(text);
    diagnostics_.push_back(std::move(d));
  }
  void error(const YAML::Node& node, std::string_view key, std::string_view code, Text text) {
    error(node.Mark(), key, code, std::move(text));
  }
  void error(const YAML::Node& node, std::string_view key, Problem problem) {
    error(node.Mark(), key, problem.code, std::move(problem.text));
  }
  void fail_without_position(std::string_view code, Text text) {
    diagnostics_.push_back(Diagnostic{file_, 0, 0, "", std::string(code), std::move(text)});
  }

  /// Records where `path` is: its key (or list item) and its value.
  void record(const std::string& path, const YAML::Mark& key, const YAML::Node& value) {
    SourceEntry e;
    e.key = position(key);
    e.value = position(value.Mark());
    if (value.IsScalar()) e.text = value.Scalar();
    source_.set(path, std::move(e));
  }
  void unread(const std::string& path) { source_.mark_unread(path); }

  // ------------------------------------------------------------ document

  /// False when there is no document to walk.
  bool parse_document(std::string_view text) {
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
          error(probe.start, "", diag::kYamlSyntax,
                c == ',' ? tr("not valid YAML: unexpected ','; a ',' separates items only inside "
                              "[...] or {{...}}")
                         : tr("not valid YAML: unexpected text here"));
          return false;
        }
        previous_start = probe.start;
        if (++count == 2) second_node = probe.first_node;
      }
      if (count > 1) {
        error(second_node, "", diag::kSeveralDocuments,
              tr("the file holds more than one YAML document ('---'); a scenario file holds "
                 "exactly one"));
        return false;
      }
      if (count == 1) documents.push_back(YAML::Load(std::string(text)));
    } catch (const YAML::DeepRecursion& e) {
      // yaml-cpp's own guard ("bad file"), e.g. for "- - - - ..." on one line.
      error(e.mark, "", diag::kTooDeep, too_deep());
      return false;
    } catch (const YAML::Exception& e) {
      error(e.mark, "", diag::kYamlSyntax,
            tr("not valid YAML: {}{}{}", e.msg, tab_hint(text, e.mark.line), bracket_hint(e.msg)));
      return false;
    } catch (const std::exception& e) {
      error(YAML::Mark::null_mark(), "", diag::kYamlSyntax,
            tr("not valid YAML: {}", std::string(e.what())));
      return false;
    }
    if (documents.empty() || (documents.size() == 1 && documents[0].IsNull())) {
      fail_without_position(
          diag::kEmptyFile,
          trim(text).empty()
              ? tr("the file is empty; a scenario needs at least baseline: (leads_per_month, "
                   "booking_conversion, average_check) and costs: (implementation)")
              : tr("the file is empty (it holds only comments); a scenario needs at least "
                   "baseline: (leads_per_month, booking_conversion, average_check) and costs: "
                   "(implementation)"));
      return false;
    }
    const YAML::Node root = documents[0];
    source_.root = position(root.Mark());
    if (!root.IsMap()) {
      error(root, "", diag::kNotAMapping,
            tr("the top level is {}; a scenario is a mapping of keys such as baseline:, "
               "assistant: and costs:",
               node_kind(root)));
      return false;
    }
    std::size_t visits = 0;
    if (!check_shape(root, 1, visits)) return false;
    walk_root(root);
    required_keys();
    return true;
  }

  static Text too_deep() {
    return tr("the document is nested deeper than {} levels; a scenario needs at most 5",
              kMaxNesting);
  }

  /// A hint for yaml-cpp's terse messages about flow collections.
  static Text bracket_hint(std::string_view msg) {
    if (msg == "illegal flow end" || msg.starts_with("end of map flow not found") ||
        msg.starts_with("end of sequence flow not found")) {
      return tr(" (a '[' or '{{' is not closed by its matching ']' or '}}', or they are mixed up)");
    }
    if (msg == "illegal map value") {
      return tr(
          " (a value containing ': ' must be quoted, e.g. name: \"Salon: Samara\"; a key is "
          "at most 1024 characters)");
    }
    return none();
  }

  /// Bounded generic walk: refuses nesting deeper than kMaxNesting and
  /// documents that expand (through aliases) to more than kMaxYamlNodes nodes.
  bool check_shape(const YAML::Node& node, int depth, std::size_t& visits) {
    if (++visits > kMaxYamlNodes) {
      error(node, "", diag::kTooManyNodes,
            tr("the document expands to more than {} YAML nodes (aliases counted at every use), "
               "e.g. an alias bomb; a scenario is far smaller",
               static_cast<std::int64_t>(kMaxYamlNodes)));
      return false;
    }
    if (depth > kMaxNesting) {
      error(node, "", diag::kTooDeep, too_deep());
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
        error(key_node, path, diag::kKeyNotAName,
              tr("a key here must be a plain name, not {}; expected one of: {}",
                 node_kind(key_node), join(allowed)));
        continue;
      }
      const std::string& key = key_node.Scalar();
      const std::string key_path = path.empty() ? key : fmt::format("{}.{}", path, key);
      if (const auto seen = first_line.find(key); seen != first_line.end()) {
        error(key_node, key_path, diag::kDuplicateKey,
              tr("duplicate key '{}' (first given on line {}); keep only one", key, seen->second));
        continue;
      }
      first_line.emplace(key, key_node.Mark().line + 1);
      if (key == "<<" && key_node.Tag() != "tag:yaml.org,2002:str") {
        error(key_node, key_path, diag::kUnknownKey,
              tr("merge keys ('<<:') are not supported; write the keys out in full"));
        continue;
      }
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        error(key_node, key_path, diag::kUnknownKey,
              unknown_key_message(key, allowed, section_for_hints));
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

  static Text unknown_key_message(std::string_view key,
                                  const std::vector<std::string_view>& allowed,
                                  std::string_view section) {
    if (const auto suggestion = closest(key, allowed)) {
      return tr("unknown key '{}'; did you mean '{}'?", shorten(key), *suggestion);
    }
    // An input written in the wrong section (or at the top level).
    for (const auto& in : input_table()) {
      if (in.key == key && in.section != section) {
        return tr("unknown key '{}' here; it belongs in the {}: section ({})", shorten(key),
                  in.section, in.path);
      }
    }
    return tr("unknown key '{}'; expected one of: {}", shorten(key), join(allowed));
  }

  /// A section's value: a mapping (or nothing, read as an empty mapping).
  bool is_section(const Entry& e) {
    if (e.value.IsMap() || e.value.IsNull()) return true;
    unread(e.key);  // its keys are not "missing": the section is wrong
    error(e.value, e.key, diag::kNotAMapping,
          tr("the {}: section must be a mapping of 'key: value' lines, not {}", e.key,
             node_kind(e.value)));
    return false;
  }

  // ------------------------------------------------------------ values

  /// False (and reported at the key) when `key:` has no value at all.
  bool has_value(const Entry& e, std::string_view path, Text expected) {
    if (!e.value.IsNull()) return true;
    error(e.key_node, path, diag::kNoValue, tr("has no value; expected {}", std::move(expected)));
    return false;
  }

  /// A null value reported as "has no value" (true) or not (false).
  bool no_value(const YAML::Node& node, std::string_view path, Text expected) {
    if (!node.IsNull()) return false;
    error(node, path, diag::kNoValue, tr("has no value; expected {}", std::move(expected)));
    return true;
  }

  static Text input_value_expected() {
    return tr(
        "a number such as 0.15 or \"15%\", or a distribution such as {{uniform: [0.1, "
        "0.2]}}");
  }

  /// A number (optionally a percent string). Reports and returns nullopt if not.
  std::optional<double> number(const YAML::Node& node, std::string_view key,
                               bool allow_percent = true) {
    // A money input (or a parameter of its distribution) may end in a rouble sign.
    bool money = false;
    for (const auto& in : input_table()) {
      const std::string_view path = in.path;
      if (in.is_money && key.substr(0, path.size()) == path &&
          (key.size() == path.size() || key[path.size()] == '.' || key[path.size()] == '[')) {
        money = true;
      }
    }
    // "50%" of an average check would be 0.5 ₽: a percentage is no amount of
    // money. A text the parser reads as a number only as a percentage is one.
    if (money && allow_percent && node.IsScalar() &&
        parse_number_text(node.Scalar(), true, true).error == NumError::none &&
        parse_number_text(node.Scalar(), false, true).error != NumError::none) {
      error(node, key, diag::kNotANumber,
            tr("'{}' is a percentage, but {} is an amount of money: write it in roubles, "
               "e.g. 1500",
               node.Scalar(), key));
      return std::nullopt;
    }
    auto read = scalar_number(node, allow_percent, money);
    if (auto* problem = std::get_if<Problem>(&read)) {
      error(node, key, std::move(*problem));
      return std::nullopt;
    }
    return std::get<double>(read);
  }

  /// A whole number for a field of type T (see scalar_whole()).
  template <typename T>
  std::optional<T> whole(const YAML::Node& node, std::string_view key, WholeField field) {
    auto read = scalar_whole<T>(node, field);
    if (auto* problem = std::get_if<Problem>(&read)) {
      error(node, key, std::move(*problem));
      return std::nullopt;
    }
    return std::get<T>(read);
  }

  std::optional<std::string> text_value(const Entry& e) {
    if (e.value.IsNull()) return std::nullopt;
    if (!e.value.IsScalar()) {
      error(e.value, e.key, diag::kWrongType, tr("expected text, found {}", node_kind(e.value)));
      return std::nullopt;
    }
    return e.value.Scalar();
  }

  // ------------------------------------------------------------ distributions

  /// Parameters of a distribution of `kind`: a list of exactly its number of numbers.
  std::optional<std::vector<double>> parameters(const YAML::Node& node, std::string_view key,
                                                const KindInfo& kind, const std::string& path) {
    const std::size_t arity = kind.parameter_names.size();
    if (!node.IsSequence() || node.size() != arity) {
      error(node, key, diag::kParameterCount,
            trn("{} takes a list of {} number {}, found {}",
                "{} takes a list of {} numbers {}, found {}", static_cast<std::int64_t>(arity),
                kind.name, arity, kind.form,
                node.IsSequence() ? tr("a list of {}", node.size()) : node_kind(node)));
      return std::nullopt;
    }
    std::vector<double> values;
    bool ok = true;
    for (std::size_t i = 0; i < arity; ++i) {
      record(fmt::format("{}[{}]", path, i), node[i].Mark(), node[i]);
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

  /// A discrete distribution's {values: [...], weights: [...]}: the numbers,
  /// and the weight nodes (for pointing at a bad weight).
  struct DiscreteRead {
    std::vector<double> values;
    std::vector<double> weights;
    YAML::Node values_node;
    YAML::Node weights_node;  // null when no weights were given
  };

  std::optional<DiscreteRead> discrete_spec(const YAML::Node& node, std::string_view key,
                                            const std::string& path) {
    if (!node.IsMap()) {
      error(node, key, diag::kWrongType,
            tr("discrete takes a mapping {{values: [...], weights: [...]}}, found {}",
               node_kind(node)));
      return std::nullopt;
    }
    const auto items = entries(node, key, kDiscreteKeys);
    const Entry* values_entry = find_entry(items, "values");
    const Entry* weights_entry = find_entry(items, "weights");
    if (values_entry == nullptr) {
      error(node, key, diag::kMissingKey,
            tr("discrete needs values: [...] (and optionally weights: [...])"));
      return std::nullopt;
    }
    DiscreteRead spec;
    bool ok = true;
    auto read_list = [&](const Entry& e, std::vector<double>& out) {
      const std::string list_path = fmt::format("{}.{}", path, e.key);
      record(list_path, e.key_node.Mark(), e.value);
      if (!e.value.IsSequence() || e.value.size() == 0) {
        error(e.value, key, diag::kWrongType,
              tr("discrete {} must be a non-empty list of numbers, found {}", e.key,
                 e.value.IsSequence() ? tr("an empty list") : node_kind(e.value)));
        ok = false;
        return;
      }
      std::size_t i = 0;
      for (auto it = e.value.begin(); it != e.value.end(); ++it, ++i) {
        record(fmt::format("{}[{}]", list_path, i), it->Mark(), *it);
        if (const auto v = number(*it, key)) {
          out.push_back(*v);
        } else {
          ok = false;
        }
      }
    };
    read_list(*values_entry, spec.values);
    spec.values_node = values_entry->value;
    if (weights_entry != nullptr) {
      read_list(*weights_entry, spec.weights);
      spec.weights_node = weights_entry->value;
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
      error(node, key, diag::kNoValue, tr("has no value; expected {}", input_value_expected()));
      return std::nullopt;
    }
    if (node.IsSequence()) {
      error(node, key, diag::kWrongType,
            tr("expected a number or a distribution such as {{uniform: [min, max]}}, found a "
               "list"));
      return std::nullopt;
    }
    if (node.IsScalar()) {
      const auto v = number(node, key);
      if (!v) return std::nullopt;
      return Distribution::fixed(*v);
    }
    return distribution(node, in);
  }

  /// The YAML node a problem of the kinds table points at.
  static YAML::Node part_node(const SpecProblem& p, const YAML::Node& node,
                              const YAML::Node& params, const YAML::Node& weights) {
    switch (p.part) {
      case SpecProblem::Part::parameters:
        return params;
      case SpecProblem::Part::parameter:
        return params.IsSequence() && p.index < params.size() ? params[p.index] : params;
      case SpecProblem::Part::weights:
        return weights.IsDefined() && !weights.IsNull() ? weights : node;
      case SpecProblem::Part::weight:
        return weights.IsSequence() && p.index < weights.size() ? weights[p.index] : node;
      case SpecProblem::Part::distribution:
        break;
    }
    return node;
  }

  std::optional<Distribution> distribution(const YAML::Node& node, const InputInfo& in) {
    const std::string_view key = in.path;
    const std::string path(in.path);
    std::vector<Entry> kinds;
    DistSpec spec;
    const Entry* min_entry = nullptr;
    bool ok = true;
    std::map<std::string, int, std::less<>> first_line;
    std::vector<Entry> items;
    const auto kind_names = scenario_kind_names();
    for (auto it = node.begin(); it != node.end(); ++it) {
      const YAML::Node key_node = it->first;
      if (!key_node.IsScalar()) {
        error(key_node, key, diag::kKeyNotAName,
              tr("a distribution's key must be a name such as uniform or pert"));
        ok = false;
        continue;
      }
      const std::string& name = key_node.Scalar();
      if (const auto seen = first_line.find(name); seen != first_line.end()) {
        error(key_node, key, diag::kDuplicateKey,
              tr("duplicate key '{}' (first given on line {}); keep only one", name, seen->second));
        ok = false;
        continue;
      }
      first_line.emplace(name, key_node.Mark().line + 1);
      if (find_kind(name) == nullptr && name != "min" && name != "max") {
        std::vector<std::string_view> candidates = kind_names;
        candidates.emplace_back("min");
        candidates.emplace_back("max");
        const auto suggestion = closest(name, candidates);
        error(key_node, key, diag::kUnknownDistribution,
              suggestion
                  ? tr("unknown distribution '{}'; did you mean '{}'?", shorten(name), *suggestion)
                  : tr("unknown distribution '{}'; expected one of: {} (optionally with "
                       "min: and max:)",
                       shorten(name), join(kind_names)));
        ok = false;
        continue;
      }
      items.push_back(Entry{name, key_node, it->second});
    }
    for (const auto& e : items) {
      if (e.key == "min" || e.key == "max") {
        record(fmt::format("{}.{}", path, e.key), e.key_node.Mark(), e.value);
        const auto v = number(e.value, key);
        if (!v) {
          ok = false;
        } else if (e.key == "min") {
          spec.min = *v;
          min_entry = &e;
        } else {
          spec.max = *v;
        }
      } else {
        kinds.push_back(e);
      }
    }
    if (kinds.empty()) {
      if (ok) {
        error(node, key, diag::kNoDistribution,
              tr("no distribution given; expected one of: {}, e.g. {{uniform: [min, max]}}",
                 join(kind_names)));
      }
      return std::nullopt;
    }
    if (kinds.size() > 1) {
      error(kinds[1].key_node, key, diag::kSeveralDistributions,
            tr("give one distribution, not both {} and {}", kinds[0].key, kinds[1].key));
      return std::nullopt;
    }
    const KindInfo& kind = *find_kind(kinds[0].key);
    const YAML::Node& p = kinds[0].value;
    const std::string kind_path = fmt::format("{}.{}", path, kind.name);
    record(kind_path, kinds[0].key_node.Mark(), p);
    spec.kind = kind.kind;

    // The parameters as written, then the rules of the kind (kinds.h).
    YAML::Node weights_node;
    if (kind.kind == DistKind::discrete) {
      auto read = discrete_spec(p, key, kind_path);
      if (!read) return std::nullopt;
      spec.parameters = std::move(read->values);
      spec.weights = std::move(read->weights);
      weights_node = read->weights_node;
    } else {
      auto values = parameters(p, key, kind, kind_path);
      if (!values) return std::nullopt;
      spec.parameters = std::move(*values);
    }
    const auto problems = check_parameters(spec);
    for (const auto& problem : problems) {
      error(part_node(problem, node, p, weights_node), key, problem.code, problem.text);
    }
    if (!problems.empty()) return std::nullopt;
    if (!kind.continuous && spec.truncated()) {
      const auto truncation = check_truncation(spec);  // not-truncatable
      error(min_entry != nullptr ? min_entry->key_node : node, key, truncation.front().code,
            truncation.front().text);
      return std::nullopt;
    }
    if (!ok) return std::nullopt;

    // The truncation. When the distribution cannot be built, a support outside
    // the input's range is reported first: that is what validate() would say,
    // and it is the first thing to fix.
    auto cannot_build = [&](const std::string_view code, Text text) {
      const Support s = support_of(spec);
      if (auto range = support_problem(in, spec.kind, spec.parameters, s.lo, s.hi)) {
        error(node, key, std::move(*range));
      } else {
        error(node, key, code, std::move(text));
      }
    };
    for (const auto& problem : check_truncation(spec)) {
      if (problem.code == diag::kNoProbability || problem.code == diag::kInvalidDistribution) {
        cannot_build(problem.code, problem.text);
      } else {
        error(node, key, problem.code, problem.text);
      }
      return std::nullopt;
    }
    try {
      return make_distribution(spec);
    } catch (const std::exception& e) {
      cannot_build(diag::kInvalidDistribution,
                   tr("invalid distribution: {}", std::string(e.what())));
      return std::nullopt;
    }
  }

  // ------------------------------------------------------------ sections

  void walk_root(const YAML::Node& root) {
    const auto items = entries(root, "", kTopKeys);
    for (const auto& e : items) {
      record(e.key, e.key_node.Mark(), e.value);
      if (std::find(kInputSections.begin(), kInputSections.end(), e.key) != kInputSections.end()) {
        if (is_section(e)) input_section(e);
      } else if (e.key == "name") {
        if (auto t = text_value(e)) {
          scenario_.name = *t;
        } else if (!e.value.IsNull()) {
          unread(e.key);
        }
      } else if (e.key == "business") {
        if (auto t = text_value(e)) {
          scenario_.business = *t;
        } else if (!e.value.IsNull()) {
          unread(e.key);
        }
      } else if (e.key == "currency") {
        if (auto t = text_value(e)) {
          scenario_.currency = *t;
        } else if (!e.value.IsNull()) {
          unread(e.key);
        }
      } else if (e.key == "horizon_months") {
        read_whole(e, e.key, tr("a whole number of months from 1 to 120"), horizon_field(),
                   scenario_.horizon_months);
      } else if (e.key == "start_month") {
        read_whole(e, e.key, tr("a calendar month from 1 to 12"), start_month_field(),
                   scenario_.start_month);
      } else if (e.key == "simulation") {
        if (is_section(e)) simulation(e.value);
      } else if (e.key == "seasonality") {
        seasonality(e.value);
      } else if (e.key == "correlations") {
        correlations(e.value);
      }
    }
  }

  /// `key: N` into `out` (already recorded under `path`); unread when it has no
  /// value or is not a whole number `out` can hold.
  template <typename T>
  void read_whole(const Entry& e, const std::string& path, Text expected, WholeField field,
                  T& out) {
    if (!has_value(e, path, std::move(expected))) {
      unread(path);
      return;
    }
    if (const auto v = whole<T>(e.value, path, field)) {
      out = *v;
    } else {
      unread(path);
    }
  }

  void input_section(const Entry& section) {
    if (section.value.IsNull()) return;
    const auto items = entries(section.value, section.key, section_keys(section.key), section.key);
    for (const auto& e : items) {
      const std::string path = fmt::format("{}.{}", section.key, e.key);
      record(path, e.key_node.Mark(), e.value);
      if (e.key == "ramp_up_months") {
        // Checked against the horizon by validate().
        read_whole(e, path, tr("a whole number of months"), ramp_field(), scenario_.ramp_up_months);
        continue;
      }
      const auto id = find_input(path);
      if (!id) continue;  // cannot happen: the key list comes from the table
      if (*id == Input::booking_conversion_after) scenario_.conversion_after_given = true;
      if (*id == Input::first_visit_check) scenario_.first_visit_check_given = true;
      if (*id == Input::spare_visits_per_month) scenario_.capacity_given = true;
      if (!has_value(e, path, input_value_expected())) {
        unread(path);
        continue;
      }
      if (auto d = input_value(e.value, info(*id))) {
        scenario_.inputs[index(*id)] = std::move(*d);
      } else {
        unread(path);
      }
    }
  }

  void simulation(const YAML::Node& node) {
    if (node.IsNull()) return;
    const auto items = entries(node, "simulation", kSimulationKeys);
    for (const auto& e : items) {
      const std::string path = fmt::format("simulation.{}", e.key);
      record(path, e.key_node.Mark(), e.value);
      if (e.key == "runs") {
        // More runs than accepted but not a whole number a 64-bit count can
        // hold (1e25, 10000000000.5): said here, in validate()'s words.
        if (const auto huge = number_above(e.value, static_cast<double>(kMaxRuns))) {
          if (*huge != std::floor(*huge) || *huge >= 18446744073709551616.0) {
            error(e.value, path, too_many_runs(e.value.Scalar(), *huge));
            unread(path);
            continue;
          }
        }
        read_whole(e, path, tr("a whole number"), runs_field(), scenario_.simulation.runs);
      } else if (e.key == "seed") {
        read_whole(e, path, tr("a whole number"), seed_field(), scenario_.simulation.seed);
      } else if (e.key == "sampling") {
        if (!has_value(e, path, tr("monte_carlo or latin_hypercube"))) {
          unread(path);
          continue;
        }
        if (!e.value.IsScalar()) {
          error(e.value, path, diag::kWrongType,
                tr("expected monte_carlo or latin_hypercube, found {}", node_kind(e.value)));
          unread(path);
          continue;
        }
        const std::string& name = e.value.Scalar();
        if (name == "monte_carlo") {
          scenario_.simulation.sampling = Sampling::monte_carlo;
          continue;
        }
        if (name == "latin_hypercube") {
          scenario_.simulation.sampling = Sampling::latin_hypercube;
          continue;
        }
        if (const auto suggestion = closest(name, kSamplingNames)) {
          error(e.value, path, diag::kUnknownName,
                tr("unknown sampling '{}'; did you mean '{}'?", shorten(name), *suggestion));
        } else {
          error(
              e.value, path, diag::kUnknownName,
              tr("unknown sampling '{}'; expected monte_carlo or latin_hypercube", shorten(name)));
        }
        unread(path);
      }
    }
  }

  void seasonality(const YAML::Node& node) {
    if (node.IsNull()) return;
    if (!node.IsSequence()) {
      unread("seasonality");
      error(
          node, "seasonality", diag::kWrongType,
          tr("expected a list of 12 multipliers (January to December), found {}", node_kind(node)));
      return;
    }
    if (node.size() != 12) {
      unread("seasonality");
      error(node, "seasonality", diag::kParameterCount,
            trn("has {} value; it needs exactly 12, one multiplier for each month from January "
                "to December",
                "has {} values; it needs exactly 12, one multiplier for each month from January "
                "to December",
                static_cast<std::int64_t>(node.size()), node.size()));
      return;
    }
    for (std::size_t i = 0; i < 12; ++i) {
      const std::string key = fmt::format("seasonality[{}]", i);
      record(key, node[i].Mark(), node[i]);
      if (const auto v = number(node[i], key)) {
        scenario_.seasonality[i] = *v;  // checked by validate()
      } else {
        unread(key);
      }
    }
  }

  void correlations(const YAML::Node& node) {
    if (node.IsNull()) return;
    if (!node.IsSequence()) {
      unread("correlations");
      error(node, "correlations", diag::kWrongType,
            tr("expected a list of [input, input, rho] items, found {}", node_kind(node)));
      return;
    }
    const auto names = all_input_names();
    for (std::size_t i = 0; i < node.size(); ++i) {
      const YAML::Node item = node[i];
      const std::string key = fmt::format("correlations[{}]", i);
      record(key, item.Mark(), item);
      if (!item.IsSequence() || item.size() != 3) {
        unread(key);
        error(item, key, diag::kWrongType,
              tr("expected [input, input, rho], e.g. [lead_growth, booking_conversion_uplift, "
                 "0.4]; found {}",
                 item.IsSequence() ? tr("a list of {}", item.size()) : node_kind(item)));
        continue;
      }
      std::array<std::optional<Input>, 2> ids;
      for (std::size_t k = 0; k < 2; ++k) {
        const YAML::Node name_node = item[k];
        record(fmt::format("{}[{}]", key, k), name_node.Mark(), name_node);
        if (!name_node.IsScalar()) {
          error(name_node, key, diag::kWrongType,
                tr("expected an input name such as lead_growth, found {}", node_kind(name_node)));
          continue;
        }
        const std::string& name = name_node.Scalar();
        ids[k] = find_input(name);
        if (!ids[k]) {
          const auto suggestion = closest(name, names);
          error(name_node, key, diag::kUnknownInput,
                suggestion
                    ? tr("unknown input '{}'; did you mean '{}'?", shorten(name), *suggestion)
                    : tr("unknown input '{}'; name an input by key (lead_growth) or path "
                         "(assistant.lead_growth)",
                         shorten(name)));
        }
      }
      record(fmt::format("{}[2]", key), item[2].Mark(), item[2]);
      const auto rho = number(item[2], key, false);
      if (ids[0] && ids[1] && rho) {
        scenario_.correlations.push_back(Correlation{*ids[0], *ids[1], *rho});
        source_.correlation_items.push_back(i);
        continue;
      }
      unread(key);
      // An item that cannot be stored is not seen by validate(): its
      // coefficient is checked here, so all its problems are reported at once.
      if (rho) {
        if (auto problem = rank_correlation_problem(*rho)) error(item[2], key, std::move(*problem));
      }
    }
  }

  /// Inputs the model needs and the file does not give.
  void required_keys() {
    for (const auto& in : input_table()) {
      if (!in.required || source_.given(in.path)) continue;
      const SourceEntry* section = source_.find(in.section);
      if (section == nullptr && suggested_sections_.contains(in.section)) continue;
      if (section != nullptr && section->unread) continue;  // not a mapping: already reported
      YAML::Mark mark;
      const SourcePosition p = section != nullptr ? section->key : source_.root;
      mark.line = p.line - 1;
      mark.column = p.column - 1;
      error(mark, in.path, diag::kMissingKey,
            tr("missing required key '{}'; add e.g. `{}` under {}:", in.key, example_value(in.id),
               in.section));
    }
  }
};

}  // namespace

ReadResult read_scenario_yaml(std::string_view text, const std::string& file) {
  return Reader(file).run(text);
}

namespace {

constexpr std::array<std::string_view, 4> kSettingPaths = {
    "horizon_months", "start_month", "assistant.ramp_up_months", "seasonality"};

}  // namespace

const std::array<std::string_view, 4>& setting_paths() noexcept {
  return kSettingPaths;
}

std::string_view setting_path(Setting setting) noexcept {
  return kSettingPaths[static_cast<std::size_t>(setting)];
}

std::optional<Setting> find_setting(std::string_view key) noexcept {
  if (key == "ramp_up_months") return Setting::ramp_up_months;
  for (std::size_t i = 0; i < kSettingPaths.size(); ++i) {
    if (key == kSettingPaths[i]) return static_cast<Setting>(i);
  }
  return std::nullopt;
}

SettingRead read_setting_value(Setting setting, std::string_view yaml, const std::string& origin) {
  if (auto problems = harden_text(yaml, origin); !problems.empty()) {
    SettingRead out;
    out.diagnostics = std::move(problems);
    return out;
  }
  return Reader(origin).run_setting(yaml, setting);
}

ValueRead read_input_value(Input input, std::string_view yaml, const std::string& origin) {
  if (auto problems = harden_text(yaml, origin); !problems.empty()) {
    ValueRead out;
    out.diagnostics = std::move(problems);
    return out;
  }
  return Reader(origin).run_value(yaml, input);
}

}  // namespace simroi
