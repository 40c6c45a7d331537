#ifndef AISIM_CGSL_SHIM_H
#define AISIM_CGSL_SHIM_H

/* The parts of GNU GSL that aisim uses: generators, samplers, CDFs, numerical integration
   and linear algebra. */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_permutation.h>
#include <gsl/gsl_qrng.h>
#include <gsl/gsl_vector.h>

/* Swift 6 refuses direct use of GSL's global generator-type variables
   (mutable C globals are not concurrency-safe), so reach them through getters. */
static inline const gsl_rng_type *cgsl_rng_taus2(void) { return gsl_rng_taus2; }
static inline const gsl_rng_type *cgsl_rng_mt19937(void) { return gsl_rng_mt19937; }
static inline const gsl_qrng_type *cgsl_qrng_sobol(void) { return gsl_qrng_sobol; }

#endif
