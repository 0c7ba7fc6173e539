"""Write generated sources, or with --check compare them with the files on disk (for `make lint`)."""
import pathlib
import sys


def write_or_check(outputs, command, what):
    """`outputs`: {path: text}. Without --check, writes each file that differs; with --check, writes
    nothing and exits 1 naming every stale file and the command that regenerates it."""
    check = "--check" in sys.argv[1:]
    stale = []
    for path, text in outputs.items():
        path = pathlib.Path(path)
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        if check:
            stale.append(path)
        else:
            path.write_text(text, encoding="utf-8")
            print(f"{command}: wrote {path}")
    if stale:
        for path in stale:
            print(f"{path}: stale generated file (its source changed); run python3 {command}", file=sys.stderr)
        sys.exit(1)
    if check:
        print(f"{command}: generated files match their sources ({what})")
