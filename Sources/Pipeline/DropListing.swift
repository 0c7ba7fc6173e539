import EmoCorpus
import Folds
import Foundation

/// `prep --verbose`: which segments were dropped and why, read back from the catalog (ids and
/// short details only: never transcripts, notes or audio content).
public enum DropListing {
  /// Up to `limit` segments per reason, one line each, in the closed list's order.
  public static func text(prepDir: String, limit: Int = 20) throws -> String {
    let layout = PrepDirectory(prepDir)
    try layout.validate(.outputs)
    let catalog = try Catalog(opening: layout.catalog)
    var lines: [String] = []
    for reason in DropReason.allCases {
      let total = try catalog.dropCount(reason)
      guard total > 0 else { continue }
      lines.append("dropped as \(reason.words) (\(total)):")
      for drop in try catalog.drops(reason, limit: limit) {
        let place = drop.origin.map { " at \($0)" } ?? ""
        lines.append("  \(drop.segmentID)\(place)" + (drop.detail.map { ": \($0)" } ?? ""))
      }
      if total > limit { lines.append("  … \(total - limit) more (sqlite3 \(layout.catalog))") }
    }
    return lines.joined(separator: "\n")
  }
}
