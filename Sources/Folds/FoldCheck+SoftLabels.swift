import EmoSupport

extension FoldCheck {
  /// `soft_label` on every line or on none, each with one probability per task class.
  public static func checkSoftLabels(_ folds: [FoldManifests], classes: [String]) -> [String] {
    var scan = SoftLabelScan()
    for fold in folds { scan.add(fold, classes: classes) }
    return scan.findings
  }
}

/// The soft-label check fold by fold (`FoldCheck.checkSoftLabels`, and the streaming check that
/// sees one fold at a time): each line with a probability count other than the task's classes,
/// then, at the end, a mix of lines with and without `soft_label`.
struct SoftLabelScan {
  private var countFindings: [String] = []
  private var with: ManifestLine?
  private var without: ManifestLine?

  mutating func add(_ fold: FoldManifests, classes: [String]) {
    for split in Split.allCases {
      let lines = fold[split]
      for index in lines.indices {
        guard let soft = lines[index].entry.softLabel else {
          if without == nil { without = lines[index] }
          continue
        }
        if with == nil { with = lines[index] }
        if soft.count != classes.count {
          let line = lines[index]
          countFindings.append(
            LocatedError(
              file: line.file, line: line.line,
              "soft_label of segment \(line.entry.id) has \(soft.count) probabilities",
              expected: "one per task class (\(classes.count): \(classes.joined(separator: ", ")))"
            ).description)
        }
      }
    }
  }

  var findings: [String] {
    guard let with, let without else { return countFindings }
    return countFindings + [
      LocatedError(
        file: without.file, line: without.line, "segment \(without.entry.id) has no soft_label",
        expected: "soft_label on every line or on none, as on \(with.file):\(with.line)"
      ).description
    ]
  }
}
