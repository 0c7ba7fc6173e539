#!/usr/bin/env python3
"""Times the `krippendorff` package's alpha (interval + ordinal) on the data EmoBench's
agreement_dims_1m writes: float64 raw, D dimensions x R raters x N items, NaN = missing.
Prints the median over 3 runs of the total milliseconds for all dimensions (CPU time of this
process). Usage: bench_krippendorff.py FILE D R N"""
import sys
import time

import krippendorff
import numpy as np


def main():
    path, d, r, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    data = np.fromfile(path, dtype=np.float64).reshape(d, r, n)
    times = []
    for _ in range(3):
        start = time.process_time()
        for k in range(d):
            krippendorff.alpha(reliability_data=data[k], level_of_measurement="interval")
            krippendorff.alpha(reliability_data=data[k], level_of_measurement="ordinal")
        times.append((time.process_time() - start) * 1000)
    times.sort()
    print(f"{times[len(times) // 2]:.2f}")


if __name__ == "__main__":
    main()
