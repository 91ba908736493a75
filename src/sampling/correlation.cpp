#include "simroi/sampling/correlation.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>

namespace simroi {

namespace {

// A correlation matrix is accepted when its smallest eigenvalue is at least
// -kPsdTolerance (rounding in user-written coefficients such as 0.9/0.9/0.81
// must not be rejected).
constexpr double kPsdTolerance = 1e-10;

}  // namespace

double spearman_to_normal_correlation(double rho_s) noexcept {
  // Exact at the ends: a perfect rank correlation is a perfect normal-score
  // correlation (2 sin(pi/6) rounds to 0.9999999999999999 otherwise).
  if (rho_s >= 1.0) return 1.0;
  if (rho_s <= -1.0) return -1.0;
  return 2.0 * std::sin(std::numbers::pi * rho_s / 6.0);
}

double normal_correlation_to_spearman(double r) noexcept {
  if (r >= 1.0) return 1.0;
  if (r <= -1.0) return -1.0;
  return 6.0 / std::numbers::pi * std::asin(r / 2.0);
}

SymmetricMatrix SymmetricMatrix::identity(std::size_t n) {
  SymmetricMatrix m;
  m.n = n;
  m.a.assign(n * n, 0.0);
  for (std::size_t i = 0; i < n; ++i) m(i, i) = 1.0;
  return m;
}

double smallest_eigenvalue(const SymmetricMatrix& m) {
  const std::size_t n = m.n;
  if (n == 0) return std::numeric_limits<double>::infinity();  // no eigenvalues
  // Work on the symmetric part (a caller that filled only one triangle
  // consistently gets exactly its matrix).
  std::vector<double> a(n * n);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) a[i * n + j] = 0.5 * (m(i, j) + m(j, i));
  }
  auto at = [&](std::size_t i, std::size_t j) -> double& { return a[i * n + j]; };

  double total = 0.0;
  for (double x : a) total += x * x;
  if (!std::isfinite(total)) throw std::invalid_argument("smallest_eigenvalue: non-finite matrix");

  // Cyclic Jacobi (Golub & Van Loan, Algorithm 8.5.3): sweep over all pairs
  // (p, q), annihilating a_pq with a plane rotation, until the off-diagonal
  // mass is negligible. Converges quadratically; a few sweeps suffice for the
  // small matrices of a scenario (at most 17 x 17).
  constexpr int kMaxSweeps = 100;
  for (int sweep = 0; sweep < kMaxSweeps; ++sweep) {
    double off = 0.0;
    for (std::size_t p = 0; p < n; ++p) {
      for (std::size_t q = p + 1; q < n; ++q) off += at(p, q) * at(p, q);
    }
    if (off <= 1e-30 * total || off == 0.0) break;
    for (std::size_t p = 0; p + 1 < n; ++p) {
      for (std::size_t q = p + 1; q < n; ++q) {
        const double apq = at(p, q);
        if (apq == 0.0) continue;
        const double tau = (at(q, q) - at(p, p)) / (2.0 * apq);
        const double t = (tau >= 0.0 ? 1.0 : -1.0) / (std::abs(tau) + std::sqrt(1.0 + tau * tau));
        const double c = 1.0 / std::sqrt(1.0 + t * t);
        const double s = t * c;
        // A <- J^T A J with J the rotation in the (p, q) plane.
        for (std::size_t k = 0; k < n; ++k) {
          const double akp = at(k, p);
          const double akq = at(k, q);
          at(k, p) = c * akp - s * akq;
          at(k, q) = s * akp + c * akq;
        }
        for (std::size_t k = 0; k < n; ++k) {
          const double apk = at(p, k);
          const double aqk = at(q, k);
          at(p, k) = c * apk - s * aqk;
          at(q, k) = s * apk + c * aqk;
        }
        at(p, q) = 0.0;
        at(q, p) = 0.0;
      }
    }
  }
  double smallest = at(0, 0);
  for (std::size_t i = 1; i < n; ++i) smallest = std::min(smallest, at(i, i));
  return smallest;
}

std::vector<double> cholesky_psd(const SymmetricMatrix& m) {
  const std::size_t n = m.n;
  if (m.a.size() != n * n) throw std::invalid_argument("cholesky_psd: matrix size mismatch");
  if (n == 0) return {};
  // Whether m is PSD is decided by its spectrum, the same test the scenario
  // validator applies, so a matrix the validator accepts always factorises.
  const double lambda_min = smallest_eigenvalue(m);
  double scale = 0.0;
  for (std::size_t i = 0; i < n; ++i) scale = std::max(scale, std::abs(m(i, i)));
  scale = std::max(scale, 1.0);
  if (lambda_min < -kPsdTolerance * scale) {
    throw std::invalid_argument("matrix is not positive semi-definite (smallest eigenvalue " +
                                std::to_string(lambda_min) + ")");
  }

  // Outer-product-free Cholesky-Crout. A pivot at or below the tolerance
  // (including tiny negatives from rounding) marks a direction the matrix does
  // not span: its column is set to zero, so L L^T = m up to O(sqrt(tolerance))
  // on singular matrices (e.g. two inputs with rank correlation 1).
  const double pivot_floor = kPsdTolerance * scale;
  std::vector<double> l(n * n, 0.0);
  for (std::size_t j = 0; j < n; ++j) {
    double d = m(j, j);
    for (std::size_t k = 0; k < j; ++k) d -= l[j * n + k] * l[j * n + k];
    if (d <= pivot_floor) continue;  // zero column (l is already 0 there)
    const double ljj = std::sqrt(d);
    l[j * n + j] = ljj;
    for (std::size_t i = j + 1; i < n; ++i) {
      double s = m(i, j);
      for (std::size_t k = 0; k < j; ++k) s -= l[i * n + k] * l[j * n + k];
      l[i * n + j] = s / ljj;
    }
  }
  return l;
}

}  // namespace simroi
