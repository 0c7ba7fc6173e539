import EmoCorpus
import Foundation

/// `prep --verbose`: which segments were dropped and why, read back from the catalog (ids and
/// short details only: never transcripts, notes or audio content).
public enum DropListing {
  /// Up to `limit` segments per reason, one line each, in the closed list's order.
  public static func text(prepDir: String, limit: Int = 20) throws -> String {
    let catalog = try Catalog(opening: prepDir + "/" + Catalog.fileName)
    var lines: [String] = []
    for reason in DropReason.allCases {
      let total = try catalog.count("SELECT COUNT(*) FROM drops WHERE reason = ?", [.text(reason.rawValue)])
      guard total > 0 else { continue }
      lines.append("dropped as \(reason.words) (\(total)):")
      let rows = try catalog.rows(
        "SELECT segment_id, detail FROM drops WHERE reason = ? ORDER BY segment_id LIMIT ?",
        [.text(reason.rawValue), .integer(Int64(limit))])
      for row in rows {
        guard case .text(let id) = row[0] else { continue }
        var line = "  \(id)"
        if case .text(let detail) = row[1], !detail.isEmpty { line += ": \(detail)" }
        lines.append(line)
      }
      if total > limit { lines.append("  … \(total - limit) more (sqlite3 \(prepDir)/catalog.sqlite)") }
    }
    return lines.joined(separator: "\n")
  }
}
