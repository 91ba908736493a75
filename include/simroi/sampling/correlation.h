#pragma once
// Rank correlation between uncertain inputs, by a Gaussian copula.
//
// A requested Spearman coefficient rho_s between two inputs becomes the
// Pearson correlation r = 2 sin(pi rho_s / 6) of their normal scores (exact
// for the Gaussian copula: Spearman of a bivariate normal with correlation r
// is (6/pi) asin(r/2)). The matrix of normal-score correlations is factorised
// once (Cholesky, allowing semi-definite matrices); each run draws independent
// standard normals z, forms y = L z, and maps input i to
// quantile_i(Phi(y_i)), so every marginal is exactly as written.
#include <cstddef>
#include <string>
#include <vector>

namespace simroi {

/// Spearman rho_s -> Pearson r of the normal scores: 2 sin(pi rho_s / 6).
[[nodiscard]] double spearman_to_normal_correlation(double rho_s) noexcept;
/// Pearson r of normal scores -> Spearman rho_s: (6 / pi) asin(r / 2).
[[nodiscard]] double normal_correlation_to_spearman(double r) noexcept;

/// A dense symmetric matrix, row-major.
struct SymmetricMatrix {
  std::size_t n = 0;
  std::vector<double> a;  ///< n * n
  [[nodiscard]] double& operator()(std::size_t i, std::size_t j) { return a[i * n + j]; }
  [[nodiscard]] double operator()(std::size_t i, std::size_t j) const { return a[i * n + j]; }
  [[nodiscard]] static SymmetricMatrix identity(std::size_t n);
};

/// Smallest eigenvalue (Jacobi rotations; fine for the handful of inputs a
/// scenario has). A correlation matrix is accepted when it is >= -1e-10.
[[nodiscard]] double smallest_eigenvalue(const SymmetricMatrix& m);

/// Lower-triangular L with L L^T = m for a positive semi-definite m (zero
/// columns where m is singular). Throws std::invalid_argument if m is not PSD.
[[nodiscard]] std::vector<double> cholesky_psd(const SymmetricMatrix& m);

}  // namespace simroi
