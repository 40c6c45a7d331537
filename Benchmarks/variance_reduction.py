#!/usr/bin/env python3
"""Measures how much Latin hypercube and Sobol sampling cut aisim's Monte Carlo error.

The prior is distributions/all-lognormal.toml, whose outputs are exactly lognormal, so every
percentile's true value is known (the closed form below, from MODEL.md's equations). For each
sampling method and trial count, aisim runs once per seed; the root-mean-square relative error
of p5, p50 and p95 of parallel_tokens_per_s over the seeds is the method's accuracy. The table
it prints is the one in docs/variance-reduction.md.

    Benchmarks/variance_reduction.py [AISIM] [SEEDS] [TRIALS ...]
    Benchmarks/variance_reduction.py .build/release/aisim 50 10000 100000 1000000
"""
import json
import math
import statistics
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRIOR = ROOT / "distributions" / "all-lognormal.toml"
Z95 = statistics.NormalDist().inv_cdf(0.95)
SECONDS_PER_YEAR = 31_557_600.0
# log P = -1/2 log(seconds per year) + sum of exponent * log(input) (MODEL.md's equations).
EXPONENTS = {
    "world_flops": 0.5, "ai_share": 0.5, "training_years": -0.5, "horizon": 0.5,
    "tokens_per_param": 0.5, "train_flop_per_param_token": 0.5,
    "infer_flop_per_param_token": -1, "precision_speedup": 1, "distillation_speedup": 1,
}
PERCENTILES = [5, 50, 95]
METHODS = ["random", "lhs", "sobol"]


def log_law(value):
    """Mean and sd of log x for a prior entry: a number, or "a to b" (5th and 95th percentiles)."""
    if isinstance(value, (int, float)):
        return math.log(value), 0.0
    low, high = (float(x) for x in value.split(" to "))
    return (math.log(low) + math.log(high)) / 2, (math.log(high) - math.log(low)) / (2 * Z95)


def true_percentiles():
    inputs = tomllib.loads(PRIOR.read_text())["inputs"]
    mean, variance = -0.5 * math.log(SECONDS_PER_YEAR), 0.0
    for name, exponent in EXPONENTS.items():
        mu, sigma = log_law(inputs[name])
        mean += exponent * mu
        variance += (exponent * sigma) ** 2
    law = statistics.NormalDist(mean, math.sqrt(variance))
    return {p: math.exp(law.inv_cdf(p / 100)) for p in PERCENTILES}


def run(aisim, method, seed, trials):
    out = subprocess.run(
        [aisim, "--prior", str(PRIOR), "--method", method, "--seed", str(seed), "--trials", str(trials),
         "--percentiles", ",".join(map(str, PERCENTILES)), "--format", "json"],
        check=True, capture_output=True, text=True).stdout
    summary = json.loads(out)["outputs"]["parallel_tokens_per_s"]
    return summary["percentiles"], summary["ci95"]


def main():
    aisim = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / ".build" / "release" / "aisim")
    seeds = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    trial_counts = [int(float(t)) for t in sys.argv[3:]] or [10_000, 100_000, 1_000_000]
    truth = true_percentiles()
    print(f"RMSE of the relative error over {seeds} seeds, parallel_tokens_per_s, {PRIOR.name}")
    print("| trials | method | p5 | p50 | p95 | mean CI half-width (p50) | RMSE ratio to random (p5, p50, p95) |")
    print("|---|---|---|---|---|---|---|")
    for trials in trial_counts:
        rmse = {}
        for method in METHODS:
            errors = {p: [] for p in PERCENTILES}
            widths = []
            for seed in range(1, seeds + 1):
                estimates, intervals = run(aisim, method, seed, trials)
                for p in PERCENTILES:
                    errors[p].append(estimates[f"p{p}"] / truth[p] - 1)
                low, high = intervals["p50"]
                widths.append((high - low) / 2 / estimates["p50"])
            rmse[method] = {p: math.sqrt(sum(e * e for e in errors[p]) / seeds) for p in PERCENTILES}
            ratios = ", ".join(f"{rmse[method][p] / rmse['random'][p]:.2f}" for p in PERCENTILES)
            cells = " | ".join(f"{rmse[method][p] * 100:.3f}%" for p in PERCENTILES)
            print(f"| {trials:,} | {method} | {cells} | {statistics.fmean(widths) * 100:.3f}% | {ratios} |", flush=True)


if __name__ == "__main__":
    main()
