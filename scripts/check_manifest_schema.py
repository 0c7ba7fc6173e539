#!/usr/bin/env python3
"""Validate fold manifests against schemas/fold-manifest.schema.json with the jsonschema package.

Optional cross-check of the Swift rules in `emocorpus check-folds` (never in the product path).
Usage: scripts/check_manifest_schema.py PREP_DIR [SCHEMA]
Exit 0 when every line of every PREP_DIR/folds/fold-*/{train,val,test}.jsonl validates, else 1.
"""
import glob
import json
import os
import sys

import jsonschema


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    prep = sys.argv[1]
    here = os.path.dirname(os.path.abspath(__file__))
    schema_path = sys.argv[2] if len(sys.argv) > 2 else os.path.join(here, "..", "schemas", "fold-manifest.schema.json")
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    files = sorted(glob.glob(os.path.join(prep, "folds", "fold-*", "*.jsonl")))
    if not files:
        print(f"{prep}/folds: no manifests found", file=sys.stderr)
        return 1
    bad = 0
    lines = 0
    for path in files:
        with open(path, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                lines += 1
                try:
                    item = json.loads(line)
                except json.JSONDecodeError as error:
                    print(f"{path}:{number}: not valid JSON: {error}", file=sys.stderr)
                    bad += 1
                    continue
                for error in validator.iter_errors(item):
                    print(f"{path}:{number}: {error.message}", file=sys.stderr)
                    bad += 1
    print(f"{len(files)} manifests, {lines} lines, {bad} errors")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
