#ifndef AISIM_CVECTOR_MATH_H
#define AISIM_CVECTOR_MATH_H

/* Column-wise exp, log and pow from glibc's vector math library (libmvec), for aisim's sampling
   and evaluation loops.

   Where the CPU and the OS run AVX2 and FMA (cvm_has_avx2), every element goes through libmvec's
   4-lane AVX2 variants (_ZGVdN4v_exp, _ZGVdN4v_log, _ZGVdN4vv_pow), a column's last 1 to 3
   elements padded into one more vector, so an element's result does not depend on where it sits
   in its column, on the column's length or on the machine's wider vectors: every AVX2 machine with
   the same glibc gives the same bits. Elsewhere (no AVX2, not x86-64, not glibc) the same loops call
   glibc's scalar exp, log and pow. libmvec's maximum error is 4 ulp by its contract (about 1 ulp
   measured), against glibc's scalar, correctly rounded in practice, so the two paths agree within
   a few ulp; a test holds them to 2 ulp over the range aisim's samplers use.

   Each function takes n >= 0 elements; out may be x (in place). O(n). */

#include <stddef.h>

/* Whether the vector paths run: 1 on x86-64 with AVX2, FMA and the OS saving YMM state, else 0. */
int cvm_has_avx2(void);

/* out[i] = exp(x[i]). */
void cvm_exp(const double *x, double *out, ptrdiff_t n);
/* out[i] = log(x[i]). */
void cvm_log(const double *x, double *out, ptrdiff_t n);
/* out[i] = pow(x[i], y[i]). */
void cvm_pow(const double *x, const double *y, double *out, ptrdiff_t n);

/* The two paths by name, for tests and benchmarks; the _avx2 ones require cvm_has_avx2(). */
void cvm_exp_scalar(const double *x, double *out, ptrdiff_t n);
void cvm_log_scalar(const double *x, double *out, ptrdiff_t n);
void cvm_pow_scalar(const double *x, const double *y, double *out, ptrdiff_t n);
void cvm_exp_avx2(const double *x, double *out, ptrdiff_t n);
void cvm_log_avx2(const double *x, double *out, ptrdiff_t n);
void cvm_pow_avx2(const double *x, const double *y, double *out, ptrdiff_t n);

#endif
