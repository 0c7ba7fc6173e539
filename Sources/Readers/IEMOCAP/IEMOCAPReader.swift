import EmoCorpus
import EmoSupport
import Foundation

/// Reads an IEMOCAP release tree (`ROOT/Session1..5`) into a `Corpus`.
///
/// Every turn of every session is read: `--subset` and `--sessions` are applied later by selection
/// (drop reason `subset`), so what they leave out stays accounted for. Each segment carries
/// `extra["session"]` (`"1"`…), `extra["subset"]` (`improvised`|`scripted`) and the summary line's
/// `extra["valence"]`, `extra["activation"]`, `extra["dominance"]` as written. Audio paths are
/// resolved, never checked (selection does that).
///
/// A faulty turn block (any line of it malformed, reversed times, a turn read twice) is an item
/// fault: the turn is dropped as `malformed`, or the read stops there when `strict`.
public struct IEMOCAPReader: CorpusReader {
  /// Stop at the first faulty turn block instead of dropping it.
  public var strict: Bool

  public init(strict: Bool = false) { self.strict = strict }

  public func read(root: String) throws -> Corpus {
    let rootPath = ReaderPaths.absolute(root)
    guard ReaderPaths.exists(rootPath) else {
      throw LocatedError(
        file: rootPath, "IEMOCAP root not found", expected: "a folder holding Session1 … Session5")
    }
    guard ReaderPaths.isFolder(rootPath) else {
      throw LocatedError(
        file: rootPath, "IEMOCAP root is a file, not a folder", expected: "a folder holding Session1 … Session5")
    }
    var corpus = Corpus(name: "iemocap", source: .iemocap, root: rootPath)
    let sessions = Self.sessionFolders(in: rootPath)
    var evaluationFolders: [(session: Int, name: String, folder: String)] = []
    for (session, name) in sessions {
      let folder = "\(rootPath)/\(name)/dialog/EmoEvaluation"
      if ReaderPaths.isFolder(folder) {
        evaluationFolders.append((session, name, folder))
      } else {
        corpus.notes.append("\(rootPath)/\(name): no dialog/EmoEvaluation folder, session skipped")
      }
    }
    guard !evaluationFolders.isEmpty else {
      throw LocatedError(
        file: rootPath, "no Session*/dialog/EmoEvaluation folder",
        expected: "the IEMOCAP release layout ROOT/SessionN/dialog/EmoEvaluation/*.txt")
    }

    var builder = Builder()
    var faults = ItemFaults(strict: strict)
    for (session, name, folder) in evaluationFolders {
      for file in try Self.evaluationFiles(in: folder, notes: &corpus.notes) {
        try builder.add(
          file: "\(folder)/\(file)", session: session, sessionFolder: "\(rootPath)/\(name)", faults: &faults)
      }
    }
    guard !builder.inputFiles.isEmpty else {
      throw LocatedError(
        file: rootPath, "no dialog evaluation file in Session*/dialog/EmoEvaluation",
        expected: "ROOT/SessionN/dialog/EmoEvaluation/<dialog>.txt")
    }
    corpus.speakers = builder.speakers
    corpus.dialogs = builder.dialogs
    corpus.segments = builder.segments
    corpus.inputFiles = builder.inputFiles
    corpus.coders = builder.coders
    corpus.faults = faults.resolved(apartFrom: builder.segments.map(\.id))
    try IEMOCAPTranscriptions.attach(to: &corpus)
    return corpus
  }

  /// `Session<N>` folders of the root, by session number.
  static func sessionFolders(in root: String) -> [(Int, String)] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
    return names.compactMap { name -> (Int, String)? in
      guard name.hasPrefix("Session"), let number = Int(name.dropFirst("Session".count)), number > 0,
        ReaderPaths.isFolder("\(root)/\(name)")
      else { return nil }
      return (number, name)
    }.sorted { $0.0 < $1.0 }
  }

  /// The folder's own `*.txt` files, sorted; subfolders (`Categorical/`, `Attribute/`,
  /// `Self-evaluation/`: per-evaluator copies) are never read, hidden files (macOS `._*`) are noted.
  static func evaluationFiles(in folder: String, notes: inout [String]) throws -> [String] {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
      throw LocatedError(file: folder, "cannot list folder", expected: "a readable EmoEvaluation folder")
    }
    var files: [String] = []
    for name in names.sorted() where name.lowercased().hasSuffix(".txt") && !ReaderPaths.isFolder("\(folder)/\(name)") {
      if name.hasPrefix(".") {
        notes.append("\(folder)/\(name): hidden file skipped")
      } else {
        files.append(name)
      }
    }
    return files
  }
}

extension IEMOCAPReader {
  /// Accumulates dialogs, speakers and segments file by file.
  struct Builder {
    var speakers: [Speaker] = []
    var dialogs: [Dialog] = []
    var segments: [Segment] = []
    var inputFiles: [InputFile] = []
    var coders: [String] = []
    private var speakerIDs: Set<String> = []
    private var coderIDs: Set<String> = []
    private var turnOrigins: [String: Origin] = [:]

    /// Reads one dialog file of session `session`, whose folder is `sessionFolder` (absolute).
    mutating func add(file path: String, session: Int, sessionFolder: String, faults: inout ItemFaults) throws {
      let text = try TextFile(path: path)
      inputFiles.append(text.inputFile)
      let dialog = String(URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent)
      let turns = try IEMOCAPEvaluationParser(path: path, dialog: dialog).parse(text.lines, faults: &faults)
      let subset = dialog.contains("_impro") ? "improvised" : "scripted"
      let sessionText = String(session)
      dialogs.append(
        Dialog(
          id: dialog, audioPath: "\(sessionFolder)/dialog/wav/\(dialog).wav",
          origin: Origin(file: path, line: 1), extra: ["session": sessionText, "subset": subset]))
      for turn in turns {
        let origin = Origin(file: path, line: turn.line)
        if let first = turnOrigins[turn.name] {
          try faults.record(
            LocatedError(
              file: path, line: turn.line, "turn \(turn.name) already read at \(first)", expected: "each turn once"),
            item: turn.name, at: origin)
          continue
        }
        turnOrigins[turn.name] = origin
        // The speaker is the turn's own `_F`/`_M` field, not the dialog prefix (`Ses01F_impro01_M003`
        // is the male actor of session 1): using the prefix would leak speakers across splits.
        let speaker = "Ses\(session < 10 ? "0" : "")\(session)\(turn.gender == .female ? "F" : "M")"
        if speakerIDs.insert(speaker).inserted {
          speakers.append(
            Speaker(id: speaker, gender: turn.gender, role: .speaker, origin: origin, extra: ["session": sessionText]))
        }
        for annotation in turn.annotations where coderIDs.insert(annotation.coder).inserted {
          coders.append(annotation.coder)
        }
        segments.append(
          Segment(
            id: turn.name, dialog: dialog, speaker: speaker, span: TimeSpan(start: turn.start, end: turn.end),
            audio: AudioRef(path: "\(sessionFolder)/sentences/wav/\(dialog)/\(turn.name).wav"),
            annotations: turn.annotations, corpusConsensus: turn.consensus, origin: origin,
            extra: [
              "session": sessionText, "subset": subset, "valence": turn.valence, "activation": turn.activation,
              "dominance": turn.dominance,
            ]))
      }
    }
  }
}
