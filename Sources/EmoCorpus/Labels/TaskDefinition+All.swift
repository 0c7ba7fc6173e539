import EmoSupport

extension TaskDefinition {
  /// The task name that keeps every class of a corpus (`--task all`).
  public static let allClassesName = "all"

  /// `--task all`: every class the corpus's segments normalize to, each its own class, in the
  /// order of the label mapping that reads the corpus: the bundled mapping resolving most of its
  /// distinct raw labels (ties: the source's own mapping — IEMOCAP codes, emotion words for file
  /// presets, CEMO's macro-classes otherwise — then by name). The mapping's other classes are
  /// dropped. The neutral class is the one named neutral (`neu`, `Neutral`), when present.
  public static func all(for corpus: Corpus) throws -> TaskDefinition {
    let raw = Normalizer.rawLabels(of: corpus)
    let own =
      switch corpus.source {
      case .iemocap: "iemocap-labels"
      case .files: "emotion-words"
      case .cemo, .table, .trs: "cemo-fine-to-macro"
      case .mspPodcast: "msp-podcast-labels"
      }
    let names = [own] + LabelMapping.bundledNames.sorted().filter { $0 != own }
    var best: LabelMapping?
    var bestCount = 0
    for name in names where LabelMapping.bundledNames.contains(name) {
      let mapping = try LabelMapping.bundled(name)
      let count = raw.filter { mapping.resolve($0) != .unknown }.count
      if count > bestCount { (best, bestCount) = (mapping, count) }
    }
    guard let mapping = best else {
      throw LocatedError(
        file: corpus.root, "no bundled label mapping knows the labels of this corpus (task all)",
        expected: "labels of a bundled mapping, or a task file (--task FILE.yaml)")
    }
    // Every class of the mapping first; then only those some segment is labelled with.
    let every = try parse(yaml(mapping, classes: mapping.canonicalClasses), file: "(task all: \(mapping.name))")
    let labeled = try Normalizer(task: every, dropUnknown: true).normalize(corpus)
    let present = Set(labeled.compactMap(\.label))
    return try parse(
      yaml(mapping, classes: mapping.canonicalClasses.filter { present.contains($0) }),
      file: "(task all: every class of \(mapping.name))")
  }

  private static func yaml(_ mapping: LabelMapping, classes: [String]) -> String {
    func quoted(_ s: String) -> String {
      "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
    let dropped = mapping.canonicalClasses.filter { !classes.contains($0) }
    var yaml = "name: all\ndescription: every class of this corpus (\(mapping.name))\nmappings: [\(mapping.name)]\n"
    yaml += "classes:\n"
    for c in classes { yaml += "  - name: \(quoted(c))\n    gathers: [\(quoted(c))]\n" }
    if let neutral = classes.first(where: { ["neutral", "neu"].contains(LabelKey.of($0)) }) {
      yaml += "neutral: \(quoted(neutral))\n"
    }
    yaml += "drop: [\(dropped.map(quoted).joined(separator: ", "))]\n"
    return yaml
  }
}
