/// `folds/counts.md`: the paper's Table I layout, segments / sub-segments per class and split.
extension FoldSummary {
  /// Markdown tables: all kept segments, then one table per fold with train, val and test columns.
  public var markdown: String {
    func cell(_ c: ClassCount) -> String { "\(c.segments) / \(c.windows)" }
    func total(_ s: SplitSummary) -> String { "\(s.segments) / \(s.windows)" }
    var text = "# Fold counts (#seg. / #sub-seg.)\n\n"
    text += "\(strategy), \(folds) folds, seed \(seed). "
    text += "Kept: \(kept.segments) segments / \(kept.windows) sub-segments, \(kept.speakers) speakers, "
    text += "\(kept.dialogs) dialogs. Training splits are oversampled at training time "
    text += "(validation and test never).\n\n"
    if let unknown = kept.unknownDurations {
      text += "Durations unknown (whole files without their audio, labels-only): \(unknown) segments; "
      text += "sub-segments count the others only.\n\n"
    }
    text += "## All kept segments\n\n| Class | #seg. / #sub-seg. |\n|---|---:|\n"
    for name in classes { text += "| \(name) | \(cell(kept.classes[name] ?? ClassCount())) |\n" }
    text += "| **Total** | \(total(kept)) |\n"
    for fold in perFold {
      text += "\n## Fold \(fold.fold)\n\n| Class | train | val | test |\n|---|---:|---:|---:|\n"
      for name in classes {
        let cells = Split.allCases.map { cell(fold[$0].classes[name] ?? ClassCount()) }
        text += "| \(name) | " + cells.joined(separator: " | ") + " |\n"
      }
      text += "| **Total** | " + Split.allCases.map { total(fold[$0]) }.joined(separator: " | ") + " |\n"
      text += "| Speakers | " + Split.allCases.map { "\(fold[$0].speakers)" }.joined(separator: " | ") + " |\n"
      text += "| Dialogs | " + Split.allCases.map { "\(fold[$0].dialogs)" }.joined(separator: " | ") + " |\n"
      text += "\nTraining oversampling target: \(fold.oversampling.segmentsPerClass) segments per class "
      text += "(+\(fold.oversampling.addedSegments) segments).\n"
      if let cross = fold.crossFold {
        text += "Unused in this fold (cross_fold: speaker and sentence in different parts): \(cross) segments.\n"
      }
    }
    return text
  }
}
