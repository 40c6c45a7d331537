/* The C reference loop on many threads: the ceiling for aisim's sampling phase on a machine.

     reference-threads TRIALS THREADS [vector|scalar]

   Splits TRIALS into chunks of 65,536 trials, as aisim does, and lets THREADS threads take
   chunks from a shared counter, each drawing its chunks with aisim_reference_sample_workload
   (reference_loop.c: the same GSL generator and calls as aisim's sampling phase, and nothing
   else: no model, no summary), with libmvec's vector exp as aisim takes it (the default) or glibc's
   scalar exp. Prints the wall time and trials/s. Benchmarks/scaling builds it and runs it beside
   aisim. */
#include "reference_loop.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { chunk_size = 1 << 16, block_size = 1 << 10 };

static long trials, chunks;
static int vector_exp = 1;
static atomic_long next_chunk;
static _Atomic double checksum;

/* SplitMix64's finaliser: distinct, well-mixed 32-bit seeds per chunk and input. */
static uint32_t chunk_seed(uint64_t chunk) {
    uint64_t z = (chunk + 1) * 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return (uint32_t)(z ^ (z >> 31));
}

static void *work(void *unused) {
    (void)unused;
    double sum = 0;
    for (long c; (c = atomic_fetch_add(&next_chunk, 1)) < chunks;) {
        long length = trials - c * chunk_size < chunk_size ? trials - c * chunk_size : chunk_size;
        uint32_t seeds[AISIM_REFERENCE_INPUTS];
        for (int k = 0; k < AISIM_REFERENCE_INPUTS; k++) seeds[k] = chunk_seed((uint64_t)c * AISIM_REFERENCE_INPUTS + k);
        sum += aisim_reference_sample_workload(length, chunk_size, block_size, seeds, vector_exp);
    }
    double old = checksum;
    while (!atomic_compare_exchange_weak(&checksum, &old, old + sum)) {}
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 3 || argc > 4 || (trials = (long)strtod(argv[1], NULL)) < 1 || atoi(argv[2]) < 1
        || (argc == 4 && strcmp(argv[3], "vector") != 0 && strcmp(argv[3], "scalar") != 0)) {
        fprintf(stderr, "usage: reference-threads TRIALS THREADS [vector|scalar]\n");
        return 64;
    }
    vector_exp = argc < 4 || strcmp(argv[3], "vector") == 0;
    int threads = atoi(argv[2]);
    chunks = (trials + chunk_size - 1) / chunk_size;
    pthread_t *ids = malloc(sizeof(pthread_t) * threads);
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (int t = 0; t < threads; t++) pthread_create(&ids[t], NULL, work, NULL);
    for (int t = 0; t < threads; t++) pthread_join(ids[t], NULL);
    clock_gettime(CLOCK_MONOTONIC, &end);
    double seconds = (double)(end.tv_sec - start.tv_sec) + 1e-9 * (double)(end.tv_nsec - start.tv_nsec);
    printf("%.4f s %.2f M trials/s (checksum %g)\n", seconds, (double)trials / seconds / 1e6, (double)checksum);
    free(ids);
    return 0;
}
