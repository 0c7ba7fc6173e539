import EmoSupport
import Foundation

/// The generic corpus table (`corpus.csv`, readable by `prep table`) for the kept segments: one row per segment with
/// its task label, readable again by the table reader (round trip).
public enum TableExport {
  public static let header = ["id", "path", "speaker", "gender", "role", "dialog", "start", "end", "label"]

  public static func write(_ input: ExportInput, to out: String) throws {
    var lines = [header.joined(separator: ",")]
    for e in input.uniqueEntries {
      let fields = [
        e.id, e.path, e.speaker, e.gender.rawValue, e.role.rawValue, e.dialog, String(e.start), String(e.end), e.label,
      ]
      lines.append(CSVQuoting.row(fields))
    }
    try AtomicFile.write(lines.joined(separator: "\n") + "\n", to: out + "/corpus.csv")
  }
}
