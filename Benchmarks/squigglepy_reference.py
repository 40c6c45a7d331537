"""The standard benchmark workload (shared/bench/workload.toml) written in squigglepy, the
Python port of Squiggle, as a forecaster would write it; for docs/performance.md.
Usage: python3 Benchmarks/squigglepy_reference.py TRIALS [SEED]   (needs: pip install squigglepy)
Prints p01..p99 and the mean of parallel_tokens_per_s and streams; timing on stderr."""
import sys, time
import numpy as np
import squigglepy as sq

YEAR = 365.25 * 86400.0

def main():
    n = int(float(sys.argv[1])); seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    sq.set_seed(seed)
    t0 = time.perf_counter()
    # Each input is sampled once and combined as arrays: squigglepy's own arithmetic on
    # distributions would draw F again for every place it appears (inside N too), which
    # gives a different, wider answer.
    F = sq.sample(sq.to(2e21, 8e21), n=n) * sq.sample(sq.uniform(0.1, 0.5), n=n)  # FLOP/s running AI
    T = sq.sample(sq.to(0.25, 1.25), n=n) * YEAR                                # training seconds
    H = sq.sample(sq.to(1, 100), n=n)                                           # token-eq per data point
    r = sq.sample(sq.to(15, 30), n=n)                                           # data points per parameter
    S = sq.sample(sq.to(1, 4), n=n) * sq.sample(sq.to(1, 10), n=n)               # precision x distillation
    v = sq.sample(sq.to(10, 100), n=n)                                          # serial tokens/s
    N = np.sqrt(F * T / (6.0 * r * H))
    a = S * F / (2.0 * N)
    b = a / v
    qs = [1, 5, 10, 25, 50, 75, 90, 95, 99]
    pa, pb = np.percentile(a, qs), np.percentile(b, qs)
    dt = time.perf_counter() - t0
    for q, x, y in zip(qs, pa, pb):
        print(f"p{q:02d} {x:.4e} {y:.4e}")
    print(f"mean {a.mean():.4e} {b.mean():.4e}")
    print(f"# {n} trials in {dt:.3f} s = {n/dt/1e6:.2f} M trials/s", file=sys.stderr)

if __name__ == "__main__":
    main()
