#!/usr/bin/python3
"""Times scipy.stats.entropy on the benchmark's .npy files, for bench/run.mjs.

    scipy_measures.py RUNS P.npy Q.npy

Prints JSON: the milliseconds of each run of entropy(p) ("H") and of
entropy(p, q) ("pair": what KL and cross-entropy are compared with), after
two unmeasured runs of each, and the values (nats) for a sanity check.
"""
import json
import sys
import time

import numpy as np
import scipy.stats


def timed(f, runs):
    for _ in range(2):
        f()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        f()
        times.append((time.perf_counter() - start) * 1000)
    return times


def main():
    runs = int(sys.argv[1])
    p = np.load(sys.argv[2])
    q = np.load(sys.argv[3])
    result = {
        "H": timed(lambda: scipy.stats.entropy(p), runs),
        "pair": timed(lambda: scipy.stats.entropy(p, q), runs),
        "values": {"H": float(scipy.stats.entropy(p)), "KL": float(scipy.stats.entropy(p, q))},
        "scipy": scipy.__version__,
        "numpy": np.__version__,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
