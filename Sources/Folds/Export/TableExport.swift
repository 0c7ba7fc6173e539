import EmoSupport
import Foundation

/// The generic corpus table (`corpus.csv`, readable by `prep table`) for the kept segments: one row per segment with
/// its task label and, for a corpus with rating dimensions, one column per dimension (its consensus value; empty when
/// the segment has none), readable again by the table reader (round trip, `--dimensions arousal=arousal,…`).
public enum TableExport {
  public static let header = ["id", "path", "speaker", "gender", "role", "dialog", "start", "end", "label"]

  public static func write(_ input: ExportInput, to out: String) throws {
    let entries = input.uniqueEntries
    let dimensions = Set(entries.flatMap { ($0.dimensions ?? [:]).keys }).sorted()
    var lines = [CSVQuoting.row(header + dimensions)]
    for e in entries {
      let fields = [
        e.id, e.path, e.speaker, e.gender.rawValue, e.role.rawValue, e.dialog, String(e.start), String(e.end), e.label,
      ]
      lines.append(CSVQuoting.row(fields + dimensions.map { e.dimensions?[$0].map { String($0) } ?? "" }))
    }
    try AtomicFile.write(lines.joined(separator: "\n") + "\n", to: out + "/corpus.csv")
  }
}
