#include "simroi/sampling/correlation.h"

#include <gtest/gtest.h>

#include <cmath>
#include <initializer_list>
#include <numbers>
#include <stdexcept>
#include <vector>

namespace simroi {
namespace {

SymmetricMatrix correlation_matrix(std::size_t n, std::initializer_list<double> upper) {
  // Off-diagonal entries of the upper triangle, row by row.
  SymmetricMatrix m = SymmetricMatrix::identity(n);
  auto it = upper.begin();
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j) {
      m(i, j) = *it;
      m(j, i) = *it;
      ++it;
    }
  }
  return m;
}

// Max |(L L^T)_ij - m_ij|, after checking L is lower triangular.
double reconstruction_error(const SymmetricMatrix& m, const std::vector<double>& l) {
  const std::size_t n = m.n;
  EXPECT_EQ(l.size(), n * n);
  double worst = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j) EXPECT_EQ(l[i * n + j], 0.0) << i << "," << j;
    for (std::size_t j = 0; j < n; ++j) {
      double s = 0.0;
      for (std::size_t k = 0; k < n; ++k) s += l[i * n + k] * l[j * n + k];
      worst = std::max(worst, std::abs(s - m(i, j)));
    }
  }
  return worst;
}

TEST(Correlation, SpearmanToNormalScores) {
  EXPECT_EQ(spearman_to_normal_correlation(0.0), 0.0);
  EXPECT_EQ(spearman_to_normal_correlation(1.0), 1.0);
  EXPECT_EQ(spearman_to_normal_correlation(-1.0), -1.0);
  EXPECT_NEAR(spearman_to_normal_correlation(0.5), 2.0 * std::sin(std::numbers::pi / 12.0), 1e-15);
  // The map bends only slightly: |r| is a little above |rho_s| inside (0, 1).
  EXPECT_NEAR(spearman_to_normal_correlation(0.4), 0.415823381635519, 1e-12);
  EXPECT_NEAR(spearman_to_normal_correlation(-0.7), -0.7167358990906005, 1e-12);
  for (double rho = -1.0; rho <= 1.0; rho += 0.05) {
    EXPECT_NEAR(normal_correlation_to_spearman(spearman_to_normal_correlation(rho)), rho, 1e-14);
  }
  EXPECT_EQ(normal_correlation_to_spearman(1.0), 1.0);
  EXPECT_EQ(normal_correlation_to_spearman(-1.0), -1.0);
}

TEST(Correlation, Identity) {
  const SymmetricMatrix m = SymmetricMatrix::identity(3);
  ASSERT_EQ(m.n, 3u);
  ASSERT_EQ(m.a.size(), 9u);
  for (std::size_t i = 0; i < 3; ++i) {
    for (std::size_t j = 0; j < 3; ++j) EXPECT_EQ(m(i, j), i == j ? 1.0 : 0.0);
  }
  EXPECT_EQ(smallest_eigenvalue(m), 1.0);
  EXPECT_EQ(cholesky_psd(m), m.a);
  EXPECT_TRUE(cholesky_psd(SymmetricMatrix::identity(0)).empty());
}

TEST(Correlation, SmallestEigenvalueOfKnownMatrices) {
  // [[1, r], [r, 1]] has eigenvalues 1 +- r.
  EXPECT_NEAR(smallest_eigenvalue(correlation_matrix(2, {0.3})), 0.7, 1e-14);
  EXPECT_NEAR(smallest_eigenvalue(correlation_matrix(2, {-0.8})), 0.2, 1e-14);
  // Equicorrelation r in n dimensions: eigenvalues 1 + (n-1) r and 1 - r.
  EXPECT_NEAR(smallest_eigenvalue(correlation_matrix(3, {0.5, 0.5, 0.5})), 0.5, 1e-14);
  EXPECT_NEAR(smallest_eigenvalue(correlation_matrix(3, {-0.4, -0.4, -0.4})), 0.2, 1e-14);
  // A general symmetric matrix: diag(2, 3, 5) plus ones beside the diagonal;
  // its smallest eigenvalue is the root in (1, 2) of the characteristic polynomial.
  SymmetricMatrix m = SymmetricMatrix::identity(3);
  m(0, 0) = 2;
  m(1, 1) = 3;
  m(2, 2) = 5;
  m(0, 1) = m(1, 0) = 1;
  m(1, 2) = m(2, 1) = 1;
  // det(m - x I) = (2-x)((3-x)(5-x)-1) - (5-x)
  const double x = smallest_eigenvalue(m);
  EXPECT_NEAR((2 - x) * ((3 - x) * (5 - x) - 1) - (5 - x), 0.0, 1e-12);
  EXPECT_GT(x, 1.0);
  EXPECT_LT(x, 2.0);
}

TEST(Correlation, NotPositiveSemiDefinite) {
  // a~b and a~c strongly positive, b~c strongly negative: impossible.
  const SymmetricMatrix m = correlation_matrix(3, {0.9, 0.9, -0.9});
  // Eigenvalues: 1.9 (twice) and -0.8.
  EXPECT_NEAR(smallest_eigenvalue(m), -0.8, 1e-12);
  EXPECT_THROW((void)cholesky_psd(m), std::invalid_argument);
}

TEST(Correlation, CholeskyReconstructs) {
  for (const SymmetricMatrix& m :
       {correlation_matrix(2, {0.4}), correlation_matrix(2, {-0.95}),
        correlation_matrix(3, {0.415823381635519, -0.7167358990906005, 0.0}),
        correlation_matrix(4, {0.3, 0.2, 0.1, 0.5, -0.2, 0.25})}) {
    ASSERT_GT(smallest_eigenvalue(m), 0.0);
    const std::vector<double> l = cholesky_psd(m);
    EXPECT_LT(reconstruction_error(m, l), 1e-14);
    for (std::size_t i = 0; i < m.n; ++i) EXPECT_GT(l[i * m.n + i], 0.0);
  }
  // The 2x2 factor in closed form.
  const std::vector<double> l = cholesky_psd(correlation_matrix(2, {0.6}));
  EXPECT_DOUBLE_EQ(l[0], 1.0);
  EXPECT_DOUBLE_EQ(l[2], 0.6);
  EXPECT_DOUBLE_EQ(l[3], 0.8);
}

TEST(Correlation, SingularMatrixFactorises) {
  // Rank correlation 1 between the first two inputs: rank 2 in 3 dimensions.
  const double r = spearman_to_normal_correlation(1.0);
  const SymmetricMatrix m = correlation_matrix(3, {r, 0.3, 0.3});
  EXPECT_NEAR(smallest_eigenvalue(m), 0.0, 1e-14);
  const std::vector<double> l = cholesky_psd(m);
  EXPECT_LT(reconstruction_error(m, l), 1e-12);
  EXPECT_EQ(l[1 * 3 + 1], 0.0);  // the second column is zero
  EXPECT_EQ(l[2 * 3 + 1], 0.0);

  // Perfect negative correlation, and a tiny negative pivot from rounding.
  const SymmetricMatrix neg = correlation_matrix(2, {-1.0});
  EXPECT_LT(reconstruction_error(neg, cholesky_psd(neg)), 1e-15);
  const SymmetricMatrix rounding = correlation_matrix(2, {1.0 + 1e-12});
  EXPECT_NO_THROW((void)cholesky_psd(rounding));
  EXPECT_THROW((void)cholesky_psd(correlation_matrix(2, {1.001})), std::invalid_argument);
}

}  // namespace
}  // namespace simroi
