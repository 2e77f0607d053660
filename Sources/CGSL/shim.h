#ifndef SCREEN_CGSL_SHIM_H
#define SCREEN_CGSL_SHIM_H

#include <gsl/gsl_errno.h>
#include <gsl/gsl_vector.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_sort_double.h>
#include <gsl/gsl_multifit.h>
#include <gsl/gsl_qrng.h>
#include <gsl/gsl_multifit_nlinear.h>

/* GSL's generator types are mutable C globals, which Swift 6 rejects as not
   concurrency-safe; these accessors hand them out as plain function results. */
static inline const gsl_rng_type *cgsl_rng_mt19937(void) { return gsl_rng_mt19937; }
static inline const gsl_rng_type *cgsl_rng_ranlxd2(void) { return gsl_rng_ranlxd2; }

/* The same for GSL's Sobol quasi-random sequence. */
static inline const gsl_qrng_type *cgsl_qrng_sobol(void) { return gsl_qrng_sobol; }

/* The same for the nonlinear least-squares trust-region method. */
static inline const gsl_multifit_nlinear_type *cgsl_multifit_nlinear_trust(void) { return gsl_multifit_nlinear_trust; }

/* The same for the robust-regression weighting functions. */
static inline const gsl_multifit_robust_type *cgsl_robust_bisquare(void) { return gsl_multifit_robust_bisquare; }
static inline const gsl_multifit_robust_type *cgsl_robust_cauchy(void) { return gsl_multifit_robust_cauchy; }
static inline const gsl_multifit_robust_type *cgsl_robust_fair(void) { return gsl_multifit_robust_fair; }
static inline const gsl_multifit_robust_type *cgsl_robust_huber(void) { return gsl_multifit_robust_huber; }
static inline const gsl_multifit_robust_type *cgsl_robust_ols(void) { return gsl_multifit_robust_ols; }
static inline const gsl_multifit_robust_type *cgsl_robust_welsch(void) { return gsl_multifit_robust_welsch; }

#endif
