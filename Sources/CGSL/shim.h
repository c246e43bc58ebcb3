// C bridge to the GNU Scientific Library for GSLKit.
// SPDX-License-Identifier: GPL-3.0-or-later
//
// GSL exposes its algorithm descriptors as mutable global pointers (gsl_rng_mt19937, ...), which
// Swift 6 language mode refuses to read from concurrent code. Each one is returned here by a
// static inline accessor instead. Nothing outside GSLKit imports this module.

#ifndef CGSL_SHIM_H
#define CGSL_SHIM_H

#include <gsl/gsl_errno.h>
#include <gsl/gsl_version.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_vector.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_sort_double.h>
#include <gsl/gsl_multifit.h>
#include <gsl/gsl_multifit_nlinear.h>
#include <gsl/gsl_multimin.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_integration.h>

/// The version string of the linked GSL library.
static inline const char *cgsl_version(void) { return gsl_version; }
/// The Mersenne Twister MT19937 generator type.
static inline const gsl_rng_type *cgsl_rng_mt19937(void) { return gsl_rng_mt19937; }
/// RANLUX second-generation, double precision, luxury level 2.
static inline const gsl_rng_type *cgsl_rng_ranlxd2(void) { return gsl_rng_ranlxd2; }
/// L'Ecuyer's combined multiple recursive generator MRG32k3a.
static inline const gsl_rng_type *cgsl_rng_mrg(void) { return gsl_rng_mrg; }
/// The trust-region nonlinear least-squares method.
static inline const gsl_multifit_nlinear_type *cgsl_nlinear_trust(void) {
  return gsl_multifit_nlinear_trust;
}
/// Levenberg-Marquardt trust-region subproblem.
static inline const gsl_multifit_nlinear_trs *cgsl_nlinear_trs_lm(void) {
  return gsl_multifit_nlinear_trs_lm;
}
/// Levenberg-Marquardt with geodesic acceleration.
static inline const gsl_multifit_nlinear_trs *cgsl_nlinear_trs_lmaccel(void) {
  return gsl_multifit_nlinear_trs_lmaccel;
}
/// More's scaling of the trust region (invariant to parameter scale).
static inline const gsl_multifit_nlinear_scale *cgsl_nlinear_scale_more(void) {
  return gsl_multifit_nlinear_scale_more;
}
/// Marquardt's scaling of the trust region.
static inline const gsl_multifit_nlinear_scale *cgsl_nlinear_scale_marquardt(void) {
  return gsl_multifit_nlinear_scale_marquardt;
}
/// QR factorisation to solve the trust-region subproblem.
static inline const gsl_multifit_nlinear_solver *cgsl_nlinear_solver_qr(void) {
  return gsl_multifit_nlinear_solver_qr;
}
/// Nelder-Mead simplex, the original GSL version (its size is recomputed every iteration).
static inline const gsl_multimin_fminimizer_type *cgsl_multimin_nmsimplex(void) {
  return gsl_multimin_fminimizer_nmsimplex;
}
/// Brent's bracketing root finder.
static inline const gsl_root_fsolver_type *cgsl_root_brent(void) { return gsl_root_fsolver_brent; }

#endif
