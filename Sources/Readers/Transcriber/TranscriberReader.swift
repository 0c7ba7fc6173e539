import EmoCorpus
import EmoSupport
import Foundation

/// Reads Transcriber `.trs` files (`SOURCE trs`) into a `Corpus`; see schemas/transcriber-input.md.
///
/// ROOT is one `.trs` file or a folder of them (one dialog per file, id = file name without
/// `.trs`). Speakers come from `<Speakers>`: id `<dialog>-<Speaker@id>`, gender from `type`
/// (male/female, else unknown), role `speaker`, unless `ROOT/speakers.csv` gives a role and a
/// corpus-wide id. A Sync starts a segment that runs to the next Sync or the turn's end; a turn
/// of several speakers (`speaker="spk1 spk2"`) gives segments of the first with
/// `extra["overlap"]` naming the others. Labels come from emotion `Event`s inside the segment
/// and from `ROOT/labels.csv`; speech segments without any label are counted in `notes`, not
/// read. Audio is `Trans@audio_filename` (+ `.wav`) beside the file. Words are never read.
///
/// Boundaries that disagree by at most `timeTolerance` are clamped and counted
/// (`readerCounts["clamped_boundaries"]`); a labelled stretch with a larger inconsistency, and a
/// labels.csv row that fits nothing, are item faults: dropped as `malformed`, or fatal when
/// `strict`. A corpus with speech but no label at all is an error saying how to attach labels.
public struct TranscriberReader: CorpusReader {
  /// Optional companion files in the corpus root.
  public static let speakersFile = "speakers.csv"
  public static let labelsFile = "labels.csv"
  /// Default of `--time-tolerance` (seconds): Transcriber writes milliseconds, and real files
  /// disagree by a few of them after rounding.
  public static let defaultTimeTolerance = 0.010

  /// Largest disagreement (seconds) between boundaries that is rounding, not an error; also how
  /// far labels.csv times may be from a stretch's boundaries.
  public var timeTolerance: Double
  /// Stop at the first faulty item instead of dropping it.
  public var strict: Bool

  public init(timeTolerance: Double = TranscriberReader.defaultTimeTolerance, strict: Bool = false) {
    self.timeTolerance = timeTolerance
    self.strict = strict
  }

  /// Reads the corpus at `root` (a `.trs` file or a folder of them).
  public func read(root: String) throws -> Corpus {
    let input = try CorpusFiles(
      root, suffix: ".trs", expectedRoot: "a Transcriber .trs file or a folder of .trs files",
      expectedFiles: "Transcriber files named *.trs")
    var files: [TranscriberFile] = []
    var inputFiles: [InputFile] = []
    var dialogOrigins: [String: Origin] = [:]
    var faults = ItemFaults(strict: strict)
    for path in input.files {
      guard let data = FileManager.default.contents(atPath: path) else {
        throw LocatedError(file: path, "cannot read file", expected: "a readable Transcriber file")
      }
      inputFiles.append(InputFile(path: path, sha256: SHA256.hex(data)))
      let file = try TranscriberFile(
        SafeXML.parse(data, path: path, doctype: Self.doctype), timeTolerance: timeTolerance, faults: &faults)
      if let first = dialogOrigins[file.dialog] {
        throw LocatedError(
          file: path, "dialog '\(file.dialog)' is also read from \(first.file)", expected: "one .trs file per dialog")
      }
      dialogOrigins[file.dialog] = file.origin
      files.append(file)
    }

    let speakersTable = try CompanionTable.readIfPresent(
      input.corpusRoot + "/" + Self.speakersFile, required: ["file", "speaker", "role"], optional: ["id"])
    let labelsTable = try CompanionTable.readIfPresent(
      input.corpusRoot + "/" + Self.labelsFile, required: ["file", "start", "end", "coder", "major"],
      optional: ["minor", "note"])
    if let table = speakersTable { inputFiles.append(table.inputFile) }
    if let table = labelsTable { inputFiles.append(table.inputFile) }

    let index = Dictionary(uniqueKeysWithValues: files.enumerated().map { ($1.dialog, $0) })
    let speakerMap = try speakersTable.map { try Self.speakerAssignments($0, files: files, index: index) } ?? [:]
    if let labelsTable { try applyLabels(labelsTable, to: &files, index: index, faults: &faults) }

    var registry = SpeakerRegistry()
    var dialogs: [Dialog] = []
    var segments: [Segment] = []
    var coders: [String] = []
    var notes = input.notes
    var unlabeledTotal = 0
    var stretchesTotal = 0
    for file in files {
      var corpusIDs: [String: String] = [:]
      for local in file.speakers {
        let assigned = speakerMap[SpeakerKey(dialog: file.dialog, speaker: local.id)]
        let id = assigned?.id ?? "\(file.dialog)-\(local.id)"
        corpusIDs[local.id] = id
        var extra = local.extra
        extra["transcriber_id"] = local.id
        try registry.register(
          Speaker(id: id, gender: local.gender, role: assigned?.role ?? .speaker, origin: local.origin, extra: extra))
      }
      let audioPath: String
      switch CorpusPath.resolve(file.audio, root: input.corpusRoot) {
      case .success(let path): audioPath = path
      case .failure(let problem):
        throw LocatedError(
          file: file.origin.file, line: file.origin.line, "Trans audio '\(file.audio)' \(problem)",
          expected: "an audio file name beside the .trs file in \(input.corpusRoot)")
      }
      dialogs.append(Dialog(id: file.dialog, audioPath: audioPath, origin: file.origin))
      var unlabeled = 0
      var faultyUnlabeled = 0
      for chunk in file.chunks {
        guard chunk.isLabelled else {
          if chunk.fault != nil { faultyUnlabeled += 1 } else { unlabeled += 1 }
          continue
        }
        if let fault = chunk.fault {
          try faults.record(fault, item: Self.segmentID(file.dialog, chunk.number), at: chunk.origin)
          continue
        }
        var extra = chunk.extra
        if let overlap = extra["overlap"] {
          extra["overlap"] = overlap.split(separator: " ").map { corpusIDs[String($0)] ?? String($0) }
            .joined(separator: " ")
        }
        for annotation in chunk.annotations where !coders.contains(annotation.coder) { coders.append(annotation.coder) }
        segments.append(
          Segment(
            id: Self.segmentID(file.dialog, chunk.number), dialog: file.dialog,
            speaker: corpusIDs[chunk.speakers[0]] ?? chunk.speakers[0],
            span: TimeSpan(start: chunk.start, end: chunk.end),
            audio: AudioRef(path: audioPath, start: chunk.start, end: chunk.end), annotations: chunk.annotations,
            origin: chunk.origin, extra: extra))
      }
      stretchesTotal += file.chunks.count
      unlabeledTotal += unlabeled + faultyUnlabeled
      if unlabeled > 0 {
        notes.append(
          "\(file.path): \(unlabeled) of \(file.chunks.count) speech stretches carry no emotion label (not read; "
            + Self.howToLabel + ")")
      }
      if faultyUnlabeled > 0 {
        notes.append(
          "\(file.path): \(faultyUnlabeled) speech stretches without label have inconsistent times (not read)")
      }
      if file.nonSpeechTurns > 0 {
        notes.append("\(file.path): \(file.nonSpeechTurns) turns without speaker or in nontrans sections (not speech)")
      }
    }
    if segments.isEmpty, faults.faults.isEmpty, stretchesTotal > 0 {
      throw LocatedError(
        file: input.corpusRoot,
        "\(stretchesTotal) speech stretches in \(files.count) Transcriber file\(files.count == 1 ? "" : "s"), "
          + "none with an emotion label",
        expected: Self.howToLabel + "; see schemas/transcriber-input.md")
    }
    let clamped = files.reduce(0) { $0 + $1.clampedBoundaries }
    return Corpus(
      name: (input.corpusRoot as NSString).lastPathComponent, source: .trs, root: input.corpusRoot, coders: coders,
      speakers: registry.speakers, dialogs: dialogs, segments: segments, inputFiles: inputFiles, notes: notes,
      faults: faults.resolved(apartFrom: segments.map(\.id)),
      readerCounts: ["clamped_boundaries": clamped, "unlabeled_stretches": unlabeledTotal])
  }

  /// How labels are attached to Transcriber files, for messages.
  static let howToLabel =
    "label stretches with an Event desc=\"emotion:Label\" inside them, or list them in labels.csv beside the files "
    + "(file,start,end,coder,major)"

  /// Transcriber files name their DTD (`<!DOCTYPE Trans SYSTEM "trans-14.dtd">`); it is never loaded.
  static let doctype = SafeXML.DoctypeRule(
    allowsExternalDTD: true, what: "internal DTD subsets and entity declarations are not allowed",
    expected:
      "a Transcriber file whose DOCTYPE names only an external DTD, such as <!DOCTYPE Trans SYSTEM \"trans-14.dtd\">")

  /// `<dialog>-NNN`, NNN the 1-based number of the speech stretch in its file.
  static func segmentID(_ dialog: String, _ number: Int) -> String {
    let digits = String(number)
    return dialog + "-" + String(repeating: "0", count: max(0, 3 - digits.count)) + digits
  }

  struct SpeakerKey: Hashable {
    var dialog: String
    var speaker: String
  }

  /// speakers.csv: `file,speaker,role[,id]`, one row per speaker of a file.
  private static func speakerAssignments(
    _ table: CompanionTable, files: [TranscriberFile], index: [String: Int]
  ) throws -> [SpeakerKey: (role: Role, id: String?)] {
    var result: [SpeakerKey: (role: Role, id: String?)] = [:]
    var lines: [SpeakerKey: Int] = [:]
    for row in table.rows {
      let file = try fileIndex(row, table, index)
      let speaker = row["speaker"] ?? ""
      guard files[file].speakers.contains(where: { $0.id == speaker }) else {
        throw LocatedError(
          file: table.path, line: row.line, "speaker '\(speaker)' is not declared in \(row["file"] ?? "")",
          expected: "a Speaker id of that file's <Speakers>")
      }
      let roleText = row["role"] ?? ""
      guard let role = Role(rawValue: roleText) else {
        throw LocatedError(
          file: table.path, line: row.line, "unknown role '\(roleText)'", expected: "caller, agent or speaker")
      }
      let key = SpeakerKey(dialog: files[file].dialog, speaker: speaker)
      if let first = lines[key] {
        throw LocatedError(
          file: table.path, line: row.line,
          "speaker '\(speaker)' of \(row["file"] ?? "") listed again (first at line \(first))",
          expected: "one row per file and speaker")
      }
      lines[key] = row.line
      result[key] = (role, row["id"])
    }
    return result
  }

  /// labels.csv: `file,start,end,coder,major[,minor][,note]`, one row per annotation of a segment.
  /// Each row is an item: one that names no file or stretch, has bad times, no coder, or a coder
  /// already labelling that stretch is faulty. An empty `major` is a coder who gave no label.
  private func applyLabels(
    _ table: CompanionTable, to files: inout [TranscriberFile], index: [String: Int], faults: inout ItemFaults
  ) throws {
    for row in table.rows {
      let origin = Origin(file: table.path, line: row.line)
      guard
        let found = try faults.read(
          item: nil, at: origin, { try label(row, table, files: files, index: index, strict: strict) })
      else { continue }
      files[found.file].chunks[found.chunk].annotations.append(found.annotation)
    }
  }

  /// Where one labels.csv row goes: file, chunk and the annotation.
  private func label(
    _ row: CompanionTable.Row, _ table: CompanionTable, files: [TranscriberFile], index: [String: Int], strict: Bool
  ) throws -> (file: Int, chunk: Int, annotation: Annotation) {
    let file = try Self.fileIndex(row, table, index)
    let origin = Origin(file: table.path, line: row.line)
    func seconds(_ column: String) throws -> Double {
      let text = row[column] ?? ""
      guard let value = Double(text), value.isFinite, value >= 0 else {
        throw LocatedError(
          file: table.path, line: row.line, "\(column) '\(text)' is not a time",
          expected: "seconds >= 0 such as 12.345")
      }
      return value
    }
    let start = try seconds("start")
    let end = try seconds("end")
    // The stretch whose boundaries are closest, within the tolerance.
    let tolerance = max(timeTolerance, 0.001)
    let candidates = files[file].chunks.indices.filter {
      abs(files[file].chunks[$0].start - start) <= tolerance && abs(files[file].chunks[$0].end - end) <= tolerance
    }
    guard
      let chunk = candidates.min(by: {
        let a = files[file].chunks[$0]
        let b = files[file].chunks[$1]
        return abs(a.start - start) + abs(a.end - end) < abs(b.start - start) + abs(b.end - end)
      })
    else {
      throw LocatedError(
        file: table.path, line: row.line,
        "no speech segment of \(row["file"] ?? "") spans [\(row["start"] ?? ""), \(row["end"] ?? "")]",
        expected: "the start and end of a Sync-delimited stretch of a turn with a speaker, within \(tolerance) s")
    }
    guard let coder = row["coder"] else {
      throw LocatedError(file: table.path, line: row.line, "empty coder", expected: "a non-empty value")
    }
    if strict, row["major"] == nil { throw ItemFault.emptyLabel(at: origin) }
    let stretch = files[file].chunks[chunk]
    if let first = stretch.annotations.first(where: { $0.coder == coder }) {
      throw LocatedError(
        file: table.path, line: row.line,
        "coder '\(coder)' labels segment '\(Self.segmentID(files[file].dialog, stretch.number))' twice, "
          + "first at \(first.origin)",
        expected: "one annotation per coder and segment")
    }
    return (
      file, chunk,
      Annotation(
        coder: coder, kind: .categorical, major: row["major"], minor: row["minor"], note: row["note"], origin: origin)
    )
  }

  /// The file a companion row names (`call01.trs` or `call01`).
  private static func fileIndex(_ row: CompanionTable.Row, _ table: CompanionTable, _ index: [String: Int]) throws
    -> Int
  {
    let name = row["file"] ?? ""
    let stem = name.lowercased().hasSuffix(".trs") ? String(name.dropLast(4)) : name
    guard let file = index[stem] else {
      throw LocatedError(
        file: table.path, line: row.line, "unknown file '\(name)'", expected: "the name of a .trs file of the corpus")
    }
    return file
  }
}
