#!/usr/bin/env python3
"""Times scikit-learn's cohen_kappa_score on the pairs EmoBench's kappa_1m_pairs counts, as integer
labels: int32 raw, the N codes of coder A then the N codes of coder B. Prints the median over 5
runs of the milliseconds of one call (CPU time of this process). Usage: bench_sklearn_kappa.py FILE N"""
import sys
import time

import numpy as np
from sklearn.metrics import cohen_kappa_score


def main():
    path, n = sys.argv[1], int(sys.argv[2])
    codes = np.fromfile(path, dtype=np.int32).reshape(2, n)
    a, b = codes[0].astype(np.int64), codes[1].astype(np.int64)
    times = []
    for _ in range(5):
        start = time.process_time()
        cohen_kappa_score(a, b)
        times.append((time.process_time() - start) * 1000)
    times.sort()
    print(f"{times[len(times) // 2]:.2f}")


if __name__ == "__main__":
    main()
