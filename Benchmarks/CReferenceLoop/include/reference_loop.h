#ifndef AISIM_REFERENCE_LOOP_H
#define AISIM_REFERENCE_LOOP_H

#include <stdint.h>

/* The standard benchmark workload (shared/bench/workload.toml) drawn by a plain C loop:
   the generators, the seeds and the GSL calls aisim's sampling phase makes, in the same
   order, with nothing around them. `seeds` holds AISIM_REFERENCE_INPUTS seeds per chunk of
   `chunk_size` trials, one per uncertain input in the model's order: world_flops, ai_share,
   training_years, horizon, tokens_per_param, precision_speedup, distillation_speedup,
   serial_tokens_per_s. Each exp is a column's: CVectorMath's (libmvec's AVX2 exp, as aisim's) when
   `vector_exp` is nonzero, glibc's scalar exp when it is 0. Returns a checksum of the draws so the
   compiler cannot drop the work. */
#define AISIM_REFERENCE_INPUTS 8

double aisim_reference_sample_workload(long trials, long chunk_size, long block_size, const uint32_t *seeds,
                                       int vector_exp);

#endif
