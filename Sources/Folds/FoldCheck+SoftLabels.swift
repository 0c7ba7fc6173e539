import EmoSupport

extension FoldCheck {
  /// `soft_label` on every line or on none, each with one probability per task class.
  public static func checkSoftLabels(_ folds: [FoldManifests], classes: [String]) -> [String] {
    var findings: [String] = []
    var with: ManifestLine?
    var without: ManifestLine?
    for fold in folds {
      for split in Split.allCases {
        for line in fold[split] {
          guard let soft = line.entry.softLabel else {
            if without == nil { without = line }
            continue
          }
          if with == nil { with = line }
          if soft.count != classes.count {
            findings.append(
              LocatedError(
                file: line.file, line: line.line,
                "soft_label of segment \(line.entry.id) has \(soft.count) probabilities",
                expected: "one per task class (\(classes.count): \(classes.joined(separator: ", ")))"
              ).description)
          }
        }
      }
    }
    if let with, let without {
      findings.append(
        LocatedError(
          file: without.file, line: without.line, "segment \(without.entry.id) has no soft_label",
          expected: "soft_label on every line or on none, as on \(with.file):\(with.line)"
        ).description)
    }
    return findings
  }
}
