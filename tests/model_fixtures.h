#pragma once
// Inputs of the model tests (model_test.cpp, model_capacity_test.cpp): every
// input at its model.md default, and the article's example.
#include <array>

#include "simroi/core/inputs.h"

namespace simroi::model_fixtures {

inline constexpr std::array<double, 12> kFlat{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};

// Every input at its model.md default; required ones at 0.
inline InputValues defaults() {
  InputValues x{};
  for (const auto& in : input_table()) x[index(in.id)] = in.default_value;
  return x;
}

// The article (model.md): 200 leads, 10 % -> 15 % conversion, +25 % leads,
// check 1,500 ₽, margin 1, implementation 30,000 ₽, support 5,000 ₽ a month:
// X_t = 250 * 0.15 - 200 * 0.10 = 17.5 visits a month.
inline InputValues article() {
  InputValues x = defaults();
  x[index(Input::leads_per_month)] = 200;
  x[index(Input::booking_conversion)] = 0.10;
  x[index(Input::booking_conversion_after)] = 0.15;
  x[index(Input::average_check)] = 1500;
  x[index(Input::lead_growth)] = 0.25;
  x[index(Input::implementation)] = 30000;
  x[index(Input::monthly)] = 5000;
  return x;
}

}  // namespace simroi::model_fixtures
