// --set KEY=VALUE (src/app/overrides.h).
#include "app/overrides.h"

#include <algorithm>
#include <string_view>

#include "simroi/core/error.h"
#include "simroi/scenario/read.h"
#include "simroi/scenario/validate.h"

namespace simroi::app {

namespace {

Diagnostic option_problem(const std::string& option, std::string key, std::string_view code,
                          Text text) {
  Diagnostic d;
  d.file = option;
  d.key = std::move(key);
  d.code = std::string(code);
  d.text = std::move(text);
  return d;
}

// Every input's path and every setting's, for "unknown input" messages.
std::string input_paths() {
  std::string out;
  for (const InputInfo& in : input_table()) {
    if (!out.empty()) out += ", ";
    out += in.path;
  }
  for (const std::string_view path : setting_paths()) {
    out += ", ";
    out += path;
  }
  return out;
}

// A diagnostic of `key` is about `path`: the key itself or one of its items
// ("seasonality[3]" of "seasonality").
bool about(std::string_view key, std::string_view path) {
  return key == path || (key.size() > path.size() && key.substr(0, path.size()) == path &&
                         key[path.size()] == '[');
}

void apply_setting(Scenario& scenario, Setting setting, const SettingValue& value) {
  switch (setting) {
    case Setting::horizon_months:
      scenario.horizon_months = value.months;
      break;
    case Setting::start_month:
      scenario.start_month = value.months;
      break;
    case Setting::ramp_up_months:
      scenario.ramp_up_months = value.months;
      break;
    case Setting::seasonality:
      scenario.seasonality = value.seasonality;
      break;
  }
}

}  // namespace

std::vector<Override> parse_overrides(const std::vector<std::string>& sets) {
  std::vector<Override> out;
  std::vector<Diagnostic> problems;
  for (const std::string& set : sets) {
    const std::string option = "--set " + set;
    const std::size_t eq = set.find('=');
    if (eq == std::string::npos || eq == 0) {
      problems.push_back(
          option_problem(option, "", diag::kWrongType,
                         tr("expected KEY=VALUE, e.g. --set costs.implementation=80000 or --set "
                            "\"assistant.lead_growth={{pert: [0.05, 0.12, 0.3]}}\"")));
      continue;
    }
    std::string key = set.substr(0, eq);
    while (!key.empty() && key.back() == ' ') key.pop_back();
    const std::string value = set.substr(eq + 1);
    if (const auto setting = find_setting(key)) {
      SettingRead read = read_setting_value(*setting, value, option);
      if (!read.value) {
        for (Diagnostic& d : read.diagnostics) {
          d.file = option;
          d.line = 0;
          d.column = 0;
          if (d.key.empty() || !about(d.key, setting_path(*setting)))
            d.key = std::string(setting_path(*setting));
          problems.push_back(std::move(d));
        }
        continue;
      }
      Override o;
      o.option = option;
      o.setting = *setting;
      o.setting_value = *read.value;
      out.push_back(std::move(o));
      continue;
    }
    const auto input = find_input(key);
    if (!input) {
      problems.push_back(
          option_problem(option, key, diag::kUnknownInput,
                         tr("unknown input '{}'; the inputs are: {}", key, input_paths())));
      continue;
    }
    ValueRead read = read_input_value(*input, value, option);
    if (!read.value) {
      for (Diagnostic& d : read.diagnostics) {
        d.file = option;
        d.line = 0;
        d.column = 0;
        d.key = std::string(info(*input).path);
        problems.push_back(std::move(d));
      }
      if (read.diagnostics.empty()) {
        problems.push_back(option_problem(option, std::string(info(*input).path), diag::kWrongType,
                                          tr("not a value: '{}'", value)));
      }
      continue;
    }
    out.push_back({option, *input, *read.value, std::nullopt, {}});
  }
  if (!problems.empty()) throw ScenarioError(std::move(problems));
  return out;
}

void replace_input(Scenario& scenario, Input id, const Distribution& value,
                   std::vector<Text>& notes, const std::string& why) {
  std::vector<Input> freed;  // inputs whose correlations go
  if (value.is_fixed()) freed.push_back(id);
  // The model uses the relative uplift or the absolute conversion after, not both.
  if (id == Input::booking_conversion_after && !scenario.conversion_after_given) {
    scenario.conversion_after_given = true;
    const InputInfo& uplift = info(Input::booking_conversion_uplift);
    scenario.inputs[index(uplift.id)] = Distribution::fixed(uplift.default_value);
    freed.push_back(uplift.id);
  } else if (id == Input::booking_conversion_uplift && scenario.conversion_after_given) {
    scenario.conversion_after_given = false;
    const InputInfo& after = info(Input::booking_conversion_after);
    scenario.inputs[index(after.id)] = Distribution::fixed(after.default_value);
    freed.push_back(after.id);
  }
  // An optional input the file left out is used once it is given a value:
  // the first-visit check replaces the average check for a first visit, and
  // spare visits a month turn the capacity on (model.md, version 0.2).
  if (id == Input::first_visit_check) scenario.first_visit_check_given = true;
  if (id == Input::spare_visits_per_month) scenario.capacity_given = true;
  scenario.inputs[index(id)] = value;
  auto& list = scenario.correlations;
  for (auto it = list.begin(); it != list.end();) {
    const bool names = std::find(freed.begin(), freed.end(), it->a) != freed.end() ||
                       std::find(freed.begin(), freed.end(), it->b) != freed.end();
    if (!names) {
      ++it;
      continue;
    }
    notes.push_back(tr("{}: the correlation of {} with {} ({}) is dropped: {} is now fixed", why,
                       info(it->a).path, info(it->b).path, it->rho,
                       std::find(freed.begin(), freed.end(), it->a) != freed.end()
                           ? info(it->a).path
                           : info(it->b).path));
    it = list.erase(it);
  }
}

std::string Override::path() const {
  return std::string(setting ? setting_path(*setting) : info(input).path);
}

Scenario apply_overrides(const Scenario& scenario, const std::vector<Override>& overrides,
                         std::vector<Text>& notes) {
  if (overrides.empty()) return scenario;
  Scenario out = scenario;
  // A key given twice takes its last value, as a repeated option does
  // (docs/reliability.md): the earlier one is not applied at all (it could
  // drop a correlation the last keeps), and a note says it was replaced.
  std::vector<bool> replaced(overrides.size(), false);
  for (std::size_t i = 0; i < overrides.size(); ++i) {
    for (std::size_t j = i + 1; j < overrides.size(); ++j) {
      if (overrides[j].path() == overrides[i].path()) {
        notes.push_back(tr("{}: replaced by {} (the last value of a key wins)", overrides[i].option,
                           overrides[j].option));
        replaced[i] = true;
        break;
      }
    }
  }
  for (std::size_t i = 0; i < overrides.size(); ++i) {
    if (replaced[i]) continue;
    const Override& o = overrides[i];
    if (o.setting) {
      apply_setting(out, *o.setting, o.setting_value);
    } else {
      replace_input(out, o.input, o.value, notes, o.option);
    }
  }
  std::vector<Diagnostic> problems = validate(out);
  if (problems.empty()) {
    std::vector<std::pair<std::string, std::string>> changed;
    for (const Override& o : overrides) changed.emplace_back(o.path(), o.option);
    out.warnings = rederived_warnings(scenario, out, changed);
    return out;
  }
  // Name the option behind each problem: the --set of its key, or all of them.
  std::string all;
  for (const Override& o : overrides) all += (all.empty() ? "" : ", ") + o.option;
  for (Diagnostic& d : problems) {
    const std::string* option = &all;
    for (const Override& o : overrides) {
      if (about(d.key, o.path())) option = &o.option;
    }
    blame_option(d, scenario.file, *option);
  }
  throw ScenarioError(std::move(problems));
}

void blame_option(Diagnostic& problem, const std::string& file, const std::string& option) {
  problem.file = file.empty() ? option : file + ": " + option;
  problem.line = 0;
  problem.column = 0;
}

}  // namespace simroi::app
