import EmoCorpus
import Foundation
import Readers

/// Sentence codes of an external split's items, found from their file names with a files-reader
/// pattern (EmoBox's ids and `wav` paths are the corpus's file names): `check-folds --external
/// FORMAT PATH --preset NAME` then counts the sentences of test also in training.
public enum ExternalSplitContent {
  /// Item id → sentence key (`s:<code>`), for items whose path (else id + `.wav`) the pattern
  /// matches with a `sentence` group; and how many items it matched.
  public static func sentenceKeys(_ split: ExternalSplit, layout: FileLayout) -> (keys: [String: String], matched: Int)
  {
    var keys: [String: String] = [:]
    var matched = 0
    for fold in split.folds {
      for items in fold.splits.values {
        for item in items where keys[item.id] == nil {
          let path = item.path ?? (item.id + ".wav")
          guard let match = layout.pattern.match(path) else { continue }
          matched += 1
          if let code = match.groups[ContentKey.sentenceField] { keys[item.id] = "s:" + code }
        }
      }
    }
    return (keys, matched)
  }

  /// Per fold: sentences of test (and validation) also in training.
  public static func folds(_ split: ExternalSplit, keys: [String: String]) -> [ContentLeakage.FoldReport] {
    ContentLeakage.folds(
      split.folds.map { fold in
        ContentLeakage.FoldIDs(
          index: fold.index, train: fold[.train].map(\.id), val: fold[.val].map(\.id), test: fold[.test].map(\.id))
      }, keyOf: keys, audioOf: [:])
  }
}
