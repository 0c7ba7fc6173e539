import EmoSupport
import Foundation

/// The generic corpus table (`corpus.csv`, readable by `prep table`) for the kept segments: one row per segment with
/// its task label and, for a corpus with rating dimensions, one column per dimension (its consensus value; empty when
/// the segment has none), readable again by the table reader (round trip, `--dimensions arousal=arousal,…`). A
/// segment of unknown duration (a whole file a labels-only run could not measure) has empty `start` and `end`.
public enum TableExport {
  public static let header = ["id", "path", "speaker", "gender", "role", "dialog", "start", "end", "label"]

  public static func write(_ input: ExportInput, to out: String) throws {
    let entries = input.uniqueEntries
    let dimensions = Set(entries.flatMap { ($0.dimensions ?? [:]).keys }).sorted()
    var lines = [CSVQuoting.row(header + dimensions)]
    for e in entries {
      // A whole file of unknown length (labels-only, its audio not there): no times, as it was read.
      let times = e.end.map { [String(e.start), String($0)] } ?? ["", ""]
      let fields = [e.id, e.path, e.speaker, e.gender.rawValue, e.role.rawValue, e.dialog] + times + [e.label]
      lines.append(CSVQuoting.row(fields + dimensions.map { e.dimensions?[$0].map { String($0) } ?? "" }))
    }
    try AtomicFile.write(lines.joined(separator: "\n") + "\n", to: out + "/corpus.csv")
  }
}
