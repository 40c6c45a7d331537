#ifndef AISIM_REFERENCE_LOOP_H
#define AISIM_REFERENCE_LOOP_H

#include <stdint.h>

/* The standard benchmark workload (shared/bench/workload.toml) drawn by a plain C loop:
   the generator, the seeds and the GSL calls aisim's sampling phase makes, in the same
   order, with nothing around them. `seeds` holds one seed per chunk of `chunk_size` trials.
   Returns a checksum of the draws so the compiler cannot drop the work. */
double aisim_reference_sample_workload(long trials, long chunk_size, long block_size, const uint32_t *seeds);

#endif
