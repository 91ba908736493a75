#pragma once
// The Boost.Math distributions simroi evaluates, with one error policy: plain
// double precision (no promotion to long double) and no exceptions -- at the
// extreme ends of a support a result of 0, 1 or +-inf is the right answer and
// the callers handle it. Private to src/ (distribution.cpp, normal_score_map.cpp).
#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/triangular.hpp>
#include <boost/math/policies/policy.hpp>

namespace simroi::math {

namespace bm = boost::math;
using Policy = bm::policies::policy<bm::policies::domain_error<bm::policies::ignore_error>,
                                    bm::policies::overflow_error<bm::policies::ignore_error>,
                                    bm::policies::underflow_error<bm::policies::ignore_error>,
                                    bm::policies::evaluation_error<bm::policies::ignore_error>,
                                    bm::policies::promote_double<false>>;
using NormalDist = bm::normal_distribution<double, Policy>;
using LognormalDist = bm::lognormal_distribution<double, Policy>;
using BetaDist = bm::beta_distribution<double, Policy>;
using TriangularDist = bm::triangular_distribution<double, Policy>;

}  // namespace simroi::math
