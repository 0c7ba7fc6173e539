#!/usr/bin/env python3
"""Checks for `make cluster-test` (never in the product's path).

  cluster_check.py same-results A.json B.json   results.json / fold.json of two runs are equal
                                                 (timings aside: the `seconds` of each epoch)
  cluster_check.py checkpoint-epoch FILE         completed epochs recorded in a checkpoint.bin
  cluster_check.py slots SLOTS PARTS             the 0-based slot range of every part, "k first end"
"""
import json
import struct
import sys


def without_timings(value):
    """The value with every `seconds` key removed (wall-clock time of an epoch differs per run)."""
    if isinstance(value, dict):
        return {k: without_timings(v) for k, v in value.items() if k != "seconds"}
    if isinstance(value, list):
        return [without_timings(v) for v in value]
    return value


def differences(a, b, path="$"):
    """Paths where a and b differ (exact: the same seed and threads give the same bits)."""
    if type(a) is not type(b):
        return [f"{path}: {a!r} vs {b!r}"]
    if isinstance(a, dict):
        found = []
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                found.append(f"{path}.{key}: only in {'second' if key not in a else 'first'}")
            else:
                found += differences(a[key], b[key], f"{path}.{key}")
        return found
    if isinstance(a, list):
        if len(a) != len(b):
            return [f"{path}: {len(a)} vs {len(b)} items"]
        found = []
        for i, (x, y) in enumerate(zip(a, b)):
            found += differences(x, y, f"{path}[{i}]")
        return found
    return [] if a == b else [f"{path}: {a!r} vs {b!r}"]


def same_results(first, second):
    with open(first) as f:
        a = without_timings(json.load(f))
    with open(second) as f:
        b = without_timings(json.load(f))
    found = differences(a, b)
    for line in found[:20]:
        print(line)
    if found:
        print(f"{first} and {second} differ in {len(found)} place(s)")
        return 1
    folds = len(a.get("folds", [])) if isinstance(a, dict) else 0
    print(f"{first} equals {second}" + (f" ({folds} folds)" if folds else ""))
    return 0


def checkpoint_epoch(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"EMOPARAM":
        print(f"{path}: not a parameter file", file=sys.stderr)
        return 1
    (length,) = struct.unpack_from("<Q", data, 16)
    header = json.loads(data[24 : 24 + length])
    print(header["epoch"])
    return 0


def slots(count, parts):
    # The rule of `prep --shard K/N`: part K owns slots floor((K-1)S/N) ..< floor(KS/N).
    for k in range(1, parts + 1):
        print(k, (k - 1) * count // parts, k * count // parts)
    return 0


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "same-results":
        sys.exit(same_results(*args))
    if command == "checkpoint-epoch":
        sys.exit(checkpoint_epoch(*args))
    if command == "slots":
        sys.exit(slots(int(args[0]), int(args[1])))
    print(__doc__, file=sys.stderr)
    sys.exit(2)
