#!/usr/bin/env python3
"""Validate EmoCorpus JSON outputs against the schemas in schemas/ with the jsonschema package.

Optional check for users and CI (never in the product path). The schema is picked by file name:
  summary.json (a prep output's; not folds/summary.json) -> schemas/summary.schema.json
  audit.json                                             -> schemas/audit.schema.json
  results.json                                           -> schemas/results.schema.json
  *check-folds*.json (check-folds --json, prep or --external) -> schemas/check-folds.schema.json
  *predict*.json (predict --json)                        -> schemas/predict.schema.json
  *.jsonl under folds/ (manifest lines)                  -> schemas/fold-manifest.schema.json
--schema NAME (e.g. --schema predict) forces one schema for every PATH.
Usage: scripts/check_outputs_schema.py [--schema NAME] PATH...
Exit 0 when every file validates, 1 when one does not, 2 on a usage error.
"""
import json
import os
import sys

import jsonschema

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMAS = os.path.join(HERE, "..", "schemas")


def schema_name(path):
    base = os.path.basename(path)
    if base.endswith(".jsonl"):
        return "fold-manifest"
    if base in ("summary.json", "audit.json", "results.json"):
        return base[: -len(".json")]
    if "check-folds" in base or "check_folds" in base:
        return "check-folds"
    if "predict" in base:
        return "predict"
    return None


def load_schema(name, cache):
    if name not in cache:
        with open(os.path.join(SCHEMAS, name + ".schema.json"), encoding="utf-8") as f:
            schema = json.load(f)
        jsonschema.Draft202012Validator.check_schema(schema)
        cache[name] = jsonschema.Draft202012Validator(schema)
    return cache[name]


def main(argv):
    forced = None
    if len(argv) >= 2 and argv[0] == "--schema":
        forced, argv = argv[1], argv[2:]
    if not argv:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    cache = {}
    bad = 0
    for path in argv:
        name = forced or schema_name(path)
        if name is None:
            print(f"{path}: no schema for this file name (use --schema NAME)", file=sys.stderr)
            return 2
        validator = load_schema(name, cache)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        documents = [json.loads(line) for line in text.splitlines() if line.strip()] if path.endswith(".jsonl") else [json.loads(text)]
        errors = [e for doc in documents for e in validator.iter_errors(doc)]
        for error in errors[:20]:
            where = "/".join(str(p) for p in error.absolute_path) or "(top)"
            print(f"{path}: {where}: {error.message}", file=sys.stderr)
        bad += 1 if errors else 0
        print(f"{path}: {name}.schema.json: {'ok' if not errors else f'{len(errors)} errors'}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
