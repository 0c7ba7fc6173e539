#!/usr/bin/env python3
"""`make lint` check: modules import only lower layers, and folders inside a module form no cycle.

Modules (targets under Sources/) are layered, lowest first (LAYERS below). A module may import a
module of a lower layer only; an import of its own layer or a higher one fails, naming the file,
the import and the rule. Test targets, benchmarks and C shims are not layered.

Inside a module, each first-level folder (files directly in the module folder form the folder
".") depends on another when it names a type, function or constant declared at the top level of a
file there. A cycle between folders fails, naming one file for each edge of the cycle.
"""
import pathlib
import re
import sys
from collections import defaultdict

ROOT = pathlib.Path(__file__).resolve().parents[2]
SOURCES = ROOT / "Sources"

# Lowest first. Modules on one line are one layer and may not import each other.
LAYERS = [
    ["EmoSupport"],  # no domain words: errors, files, hashing, progress, text
    ["Agreement"],  # statistics on plain arrays
    ["EmoCorpus"],  # corpus model, labels, tasks, selection, audit, catalog
    ["Readers"],  # one folder per source format
    ["Folds"],  # planning, manifests, checks, external splits, exports
    ["AudioFeatures"],  # audio front end and feature cache
    ["Trainer"],  # the network, training and evaluation
    ["Reports", "Synth"],  # HTML reports; synthetic corpora
    ["Pipeline"],  # orchestration only
    ["emocorpus"],  # the command line
]
# Besides the order: the audio and model stacks know nothing of corpora.
FORBIDDEN = {
    "AudioFeatures": {"Agreement", "EmoCorpus", "Readers", "Folds"},
    "Trainer": {"Agreement", "EmoCorpus", "Readers", "Folds", "AudioFeatures"},
}
IMPORT = re.compile(r"^\s*(?:@\w+(?:\([^)]*\))?\s+)*import\s+(?:(?:struct|class|enum|func|var|let|protocol|typealias)\s+)?(\w+)",
                    re.MULTILINE)
DECLARATION = re.compile(
    r"^(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|package|internal|final|open|indirect)\s+)*"
    r"(?:struct|enum|class|protocol|actor|typealias|func|let|var)\s+(\w+)", re.MULTILINE)
WORD = re.compile(r"\b[A-Za-z_]\w*\b")
COMMENT = re.compile(r"//.*")
STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
MULTILINE_STRING = re.compile(r'(#*)"""(.*?)"""\1', re.DOTALL)


def layer_of():
    index = {}
    for level, names in enumerate(LAYERS):
        for name in names:
            index[name] = level
    return index


def check_imports(problems):
    level = layer_of()
    for module, own in level.items():
        folder = SOURCES / module
        for path in sorted(folder.rglob("*.swift")):
            text = path.read_text(encoding="utf-8")
            for match in IMPORT.finditer(text):
                imported = match.group(1)
                if imported not in level:
                    continue
                line = text.count("\n", 0, match.start()) + 1
                where = f"{path.relative_to(ROOT)}:{line}"
                if imported in FORBIDDEN.get(module, set()):
                    problems.append(f"{where}: {module} imports {imported}, which it must not know "
                                    f"(the audio and model layers know nothing of corpora)")
                elif level[imported] >= own:
                    rule = "a module of the same layer" if level[imported] == own else "a higher layer"
                    problems.append(f"{where}: {module} imports {imported}, {rule} "
                                    f"(layers, lowest first: {' < '.join('/'.join(l) for l in LAYERS)})")


def folder_of(module_dir, path):
    parts = path.relative_to(module_dir).parts
    return parts[0] if len(parts) > 1 else "."


def strip(text):
    return STRING.sub('""', COMMENT.sub("", MULTILINE_STRING.sub('""', text)))


def cycles(graph):
    """Strongly connected components of more than one node (Tarjan)."""
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def check_folders(problems):
    for module_dir in sorted(p for p in SOURCES.iterdir() if p.is_dir()):
        files = sorted(module_dir.rglob("*.swift"))
        folders = {folder_of(module_dir, f) for f in files}
        if len(folders) < 2:
            continue
        declared = defaultdict(set)
        texts = {}
        for f in files:
            texts[f] = strip(f.read_text(encoding="utf-8"))
            for name in DECLARATION.findall(texts[f]):
                declared[name].add(folder_of(module_dir, f))
        owner = {name: next(iter(where)) for name, where in declared.items() if len(where) == 1}
        graph = defaultdict(set)
        evidence = {}
        for f in files:
            here = folder_of(module_dir, f)
            graph[here]
            for word in set(WORD.findall(texts[f])):
                there = owner.get(word)
                if there and there != here:
                    graph[here].add(there)
                    evidence.setdefault((here, there), (f, word))
        for component in cycles(graph):
            members = set(component)
            edges = [(a, b) for a in component for b in sorted(graph[a]) if b in members]
            detail = "; ".join(f"{evidence[e][0].relative_to(ROOT)} ({e[0]}) uses {evidence[e][1]} of {e[1]}"
                               for e in edges)
            problems.append(f"{module_dir.relative_to(ROOT)}: folders {', '.join(component)} depend on each other "
                            f"(move the shared declarations to one folder): {detail}")


def main():
    problems = []
    check_imports(problems)
    check_folders(problems)
    for line in problems:
        print(line, file=sys.stderr)
    if problems:
        sys.exit(1)
    print(f"layers: {sum(len(l) for l in LAYERS)} modules import only lower layers; no folder cycles")


if __name__ == "__main__":
    main()
