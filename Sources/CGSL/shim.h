#ifndef AISIM_CGSL_SHIM_H
#define AISIM_CGSL_SHIM_H

/* The parts of GNU GSL that aisim uses: generators, samplers, CDFs, numerical integration,
   linear algebra and polynomial (Hermite) interpolation. */
#include <math.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_permutation.h>
#include <gsl/gsl_poly.h>
#include <gsl/gsl_qrng.h>
#include <gsl/gsl_sf_erf.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_log.h>
#include <gsl/gsl_vector.h>

/* Swift 6 refuses direct use of GSL's global generator-type variables
   (mutable C globals are not concurrency-safe), so reach them through getters. */
static inline const gsl_rng_type *cgsl_rng_taus2(void) { return gsl_rng_taus2; }
static inline const gsl_rng_type *cgsl_rng_mt19937(void) { return gsl_rng_mt19937; }
static inline const gsl_qrng_type *cgsl_qrng_sobol(void) { return gsl_qrng_sobol; }

/* The regularised incomplete gamma function for a large shape a: Q(a, x) when upper is nonzero,
   P(a, x) otherwise, by Temme's uniform asymptotic expansion to its 1/a term. This is GSL's own
   gamma_inc_Q_asymp_unif (specfunc/gamma_inc.c, GSL 2.7), which GSL keeps private and applies
   only within one standard deviation of the mean (|x - a| < sqrt(a), for a >= 1e6); elsewhere
   at large shapes GSL switches to a continued fraction that loses accuracy near the mean
   (relative 1e-6 at a = 1e5) and to a large-x series that is wrong for x near a (Q off by 40%
   at a = 1e8, one standard deviation above the mean). The expansion is uniform in x, with a
   relative error of order 1/a^2 (below 1e-10 for a >= 1e4). NaN where it breaks down far from
   the mean (x -> 0 or x -> infinity), where the caller knows the tails' limits. */
static inline double cgsl_gamma_inc_asymp_unif(double a, double x, int upper) {
  const double rta = sqrt(a);
  const double eps = (x - a) / a;
  const double ln_term = gsl_sf_log_1plusx_mx(eps);
  const double eta = GSL_SIGN(eps) * sqrt(-2.0 * ln_term);
  double c0, c1;
  if (fabs(eps) < GSL_ROOT5_DBL_EPSILON) {
    c0 = -1.0/3.0 + eps*(1.0/12.0 - eps*(23.0/540.0 - eps*(353.0/12960.0 - eps*589.0/30240.0)));
    c1 = -1.0/540.0 - eps/288.0;
  } else {
    const double rt_term = sqrt(-2.0 * ln_term / (eps * eps));
    const double lam = x / a;
    c0 = (1.0 - 1.0/rt_term) / eps;
    c1 = -(eta*eta*eta * (lam*lam + 10.0*lam + 1.0) - 12.0 * eps*eps*eps) / (12.0 * eta*eta*eta * eps*eps*eps);
  }
  const double R = exp(-0.5 * a * eta * eta) / (M_SQRT2 * M_SQRTPI * rta) * (c0 + c1 / a);
  return upper ? 0.5 * gsl_sf_erfc(eta * rta / M_SQRT2) + R : 0.5 * gsl_sf_erfc(-eta * rta / M_SQRT2) - R;
}

#endif
