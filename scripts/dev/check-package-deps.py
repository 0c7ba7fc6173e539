#!/usr/bin/env python3
"""`make lint` check: every target of Package.swift declares exactly the modules its sources import.

A dependency that is declared but never imported, or a module that is imported but only reachable
through another target's dependencies, fails the check with the target, the module and the fix.
Toolchain modules (Foundation, Dispatch, Testing, ...) are not dependencies and are ignored.
Reads the manifest through `swift package dump-package`, so it sees what SwiftPM sees.
"""
import json
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
TOOLCHAIN = {"Foundation", "FoundationEssentials", "FoundationNetworking", "FoundationXML", "Dispatch", "Glibc", "Musl",
             "Darwin", "Testing", "XCTest", "Synchronization", "os", "_Concurrency", "Swift"}
IMPORT = re.compile(r"^\s*(?:@\w+(?:\([^)]*\))?\s+)*import\s+(?:(?:struct|class|enum|func|var|let|protocol|typealias)\s+)?(\w+)",
                    re.MULTILINE)


def declared(target):
    names = set()
    for dep in target["dependencies"]:
        kind, value = next(iter(dep.items()))
        names.add(value[0])  # byName, target or product: the first field is the module name
    return names


def imported(folder):
    names = set()
    for path in folder.rglob("*.swift"):
        text = path.read_text(encoding="utf-8")
        names.update(m.group(1) for m in IMPORT.finditer(text))
    return names - TOOLCHAIN


def main():
    dump = subprocess.run(["swift", "package", "dump-package"], cwd=ROOT, capture_output=True, text=True)
    if dump.returncode != 0:
        sys.exit("check-package-deps: swift package dump-package failed:\n" + dump.stderr)
    manifest = json.loads(dump.stdout)
    problems = []
    for target in manifest["targets"]:
        if target["type"] in ("system", "binary", "plugin", "macro"):
            continue
        default = "Tests" if target["type"] == "test" else "Sources"
        folder = ROOT / (target.get("path") or f"{default}/{target['name']}")
        uses, says = imported(folder), declared(target)
        for name in sorted(uses - says):
            problems.append(f"Package.swift: target {target['name']} imports {name} but does not declare it (add it to its dependencies)")
        for name in sorted(says - uses):
            problems.append(f"Package.swift: target {target['name']} declares {name} but never imports it (remove it)")
    for line in problems:
        print(line, file=sys.stderr)
    if problems:
        sys.exit(1)
    print(f"package dependencies: {sum(1 for t in manifest['targets'] if t['type'] not in ('system',))} targets declare exactly what they import")


if __name__ == "__main__":
    main()
