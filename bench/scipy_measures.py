#!/usr/bin/python3
"""Times scipy.stats.entropy on the benchmark's .npy files, one run at a time,
for bench/measures.mjs, which alternates these runs with its own so that both
meet the same machine (a shared 2-core VM's speed changes within a second).

    scipy_measures.py P.npy Q.npy

First prints the values (nats) as one JSON line, for a sanity check. Then, for
each line read, "H" or "pair", runs entropy(p) or entropy(p, q) once and
prints its milliseconds. Ends at end of input.
"""
import json
import sys
import time

import numpy as np
import scipy.stats


def main():
    p = np.load(sys.argv[1])
    q = np.load(sys.argv[2])
    runs = {"H": lambda: scipy.stats.entropy(p), "pair": lambda: scipy.stats.entropy(p, q)}
    values = {"H": float(runs["H"]()), "KL": float(runs["pair"]())}
    print(json.dumps(values), flush=True)
    for line in sys.stdin:
        run = runs[line.strip()]
        start = time.perf_counter()
        run()
        print((time.perf_counter() - start) * 1000, flush=True)


if __name__ == "__main__":
    main()
