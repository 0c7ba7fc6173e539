import EmoCorpus

extension Catalog {
  /// Fold membership of every segment of every split; folds count from 1.
  public func insert(folds: [Fold]) throws {
    try atomically {
      let row = try prepared("INSERT INTO folds (fold, split, segment_id) VALUES (?, ?, ?)")
      for fold in folds {
        for split in Split.allCases {
          for id in fold.ids(split) { try row.run([SQLValue(fold.index), .text(split.rawValue), .text(id)]) }
        }
      }
    }
  }
}
