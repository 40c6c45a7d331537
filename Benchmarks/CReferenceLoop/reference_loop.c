/* The reference aisim's sampling phase is measured against: the same GSL generator
   (taus2), one stream per input and chunk seeded as aisim seeds it, and the same GSL calls
   for the standard workload, block by block in aisim's order (see
   Sources/AISimCore/Sampling/SamplingPlan.swift):

     world_flops            "2e21 to 8e21"       mu + gsl_ran_gaussian_ziggurat, then exp
     ai_share               "uniform(0.1, 0.5)"  gsl_ran_flat
     training_years         "0.25 to 1.25"       mu + gsl_ran_gaussian_ziggurat, then exp
     tokens_per_param x H   "15 to 30", "1 to 100"   one Gaussian from each member's stream,
                                                 added, then one exp for the product
     precision x distill    "1 to 4", "1 to 10"      likewise
     serial_tokens_per_s    "10 to 100"          mu + gsl_ran_gaussian_ziggurat, then exp

   Each exp is a column's, through the same CVectorMath call aisim makes (libmvec's AVX2 exp where
   the CPU has it) when `vector_exp` is nonzero, or glibc's scalar exp over the column when it is 0:
   the loop before and after aisim took the vector exp.
*/
#include "reference_loop.h"

#include "cvector_math.h"

#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdlib.h>

static const double z95 = 1.6448536269514722;

typedef struct { double mu, sigma; } lognormal;

static lognormal interval(double a, double b) {
    lognormal d = { 0.5 * (log(a) + log(b)), (log(b) - log(a)) / (2 * z95) };
    return d;
}

static void fill_log(gsl_rng *r, lognormal d, double *out, long n) {
    for (long i = 0; i < n; i++) out[i] = d.mu + gsl_ran_gaussian_ziggurat(r, d.sigma);
}

static void add_log(gsl_rng *r, lognormal d, double *out, long n) {
    for (long i = 0; i < n; i++) out[i] += d.mu + gsl_ran_gaussian_ziggurat(r, d.sigma);
}

double aisim_reference_sample_workload(long trials, long chunk_size, long block_size, const uint32_t *seeds,
                                       int vector_exp) {
    void (*exp_column)(const double *, double *, ptrdiff_t) = vector_exp ? cvm_exp : cvm_exp_scalar;
    const lognormal world = interval(2e21, 8e21), years = interval(0.25, 1.25);
    const lognormal tokens = interval(15, 30), horizon = interval(1, 100);
    const lognormal precision = interval(1, 4), distillation = interval(1, 10);
    const lognormal serial = interval(10, 100);
    double *columns = malloc(sizeof(double) * 6 * block_size);
    double *wf = columns, *share = wf + block_size, *ty = share + block_size, *rh = ty + block_size;
    double *speedup = rh + block_size, *v = speedup + block_size;
    gsl_rng *r[AISIM_REFERENCE_INPUTS];
    for (int k = 0; k < AISIM_REFERENCE_INPUTS; k++) r[k] = gsl_rng_alloc(gsl_rng_taus2);
    double checksum = 0;
    long chunks = (trials + chunk_size - 1) / chunk_size;
    for (long c = 0; c < chunks; c++) {
        for (int k = 0; k < AISIM_REFERENCE_INPUTS; k++) gsl_rng_set(r[k], seeds[c * AISIM_REFERENCE_INPUTS + k]);
        long length = trials - c * chunk_size < chunk_size ? trials - c * chunk_size : chunk_size;
        for (long offset = 0; offset < length; offset += block_size) {
            long n = length - offset < block_size ? length - offset : block_size;
            fill_log(r[0], world, wf, n);
            exp_column(wf, wf, n);
            for (long i = 0; i < n; i++) share[i] = gsl_ran_flat(r[1], 0.1, 0.5);
            fill_log(r[2], years, ty, n);
            exp_column(ty, ty, n);
            fill_log(r[4], tokens, rh, n);
            add_log(r[3], horizon, rh, n);
            exp_column(rh, rh, n);
            fill_log(r[5], precision, speedup, n);
            add_log(r[6], distillation, speedup, n);
            exp_column(speedup, speedup, n);
            fill_log(r[7], serial, v, n);
            exp_column(v, v, n);
            checksum += wf[0] + share[n - 1] + ty[0] + rh[n - 1] + speedup[0] + v[n - 1];
        }
    }
    for (int k = 0; k < AISIM_REFERENCE_INPUTS; k++) gsl_rng_free(r[k]);
    free(columns);
    return checksum;
}
