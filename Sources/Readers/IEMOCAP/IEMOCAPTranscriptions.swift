import EmoCorpus
import EmoSupport
import Foundation

/// IEMOCAP's transcriptions (`SessionN/dialog/transcriptions/<dialog>.txt`, one line per turn:
/// `Ses01F_script01_1_F000 [006.2901-008.2357]: text`), attached to the turns read from the
/// evaluation files as `extra["text"]`. Lines that name no turn of the evaluation files (the
/// unlabelled `M: …` lines, turns the evaluators did not rate) are skipped. Transcripts are never
/// printed; the catalog stores them.
package enum IEMOCAPTranscriptions {
  /// Attaches each dialog's transcription file, when present, to its segments; every file read is
  /// added to `corpus.inputFiles` and counted in `readerCounts["transcribed_turns"]`.
  package static func attach(to corpus: inout Corpus) throws {
    var textOfTurn: [String: String] = [:]
    for dialog in corpus.dialogs {
      guard let audio = dialog.audioPath else { continue }
      // <session>/dialog/wav/<dialog>.wav → <session>/dialog/transcriptions/<dialog>.txt
      let dialogFolder = ((audio as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent
      let path = dialogFolder + "/transcriptions/" + dialog.id + ".txt"
      guard ReaderPaths.exists(path) else { continue }
      let file = try TextFile(path: path)
      corpus.inputFiles.append(file.inputFile)
      for line in file.lines {
        guard let (turn, text) = parse(String(line)) else { continue }
        textOfTurn[turn] = text
      }
    }
    var transcribed = 0
    for index in corpus.segments.indices {
      guard let text = textOfTurn[corpus.segments[index].id] else { continue }
      corpus.segments[index].extra[ContentKey.textField] = text
      transcribed += 1
    }
    corpus.readerCounts["transcribed_turns"] = transcribed
  }

  /// `TURN [start-end]: text` → (turn, text); nil for any other line.
  package static func parse(_ line: String) -> (turn: String, text: String)? {
    guard let space = line.firstIndex(of: " "), line.hasPrefix("Ses") else { return nil }
    let turn = String(line[..<space])
    let rest = line[space...].drop(while: { $0 == " " })
    guard rest.first == "[", let close = rest.firstIndex(of: "]") else { return nil }
    let after = rest[rest.index(after: close)...]
    guard after.first == ":" else { return nil }
    return (turn, after.dropFirst().trimmingCharacters(in: .whitespaces))
  }
}
