import EmoSupport
import Foundation

/// Groups table rows into segments, speakers and dialogs, checking that they agree (SPEC §1.3).
struct TableCorpusBuilder {
  let table: String
  let folder: String
  let columns: TableColumns

  private var segments: [Segment] = []
  private var segmentByKey: [String: Int] = [:]
  private var segmentByID: [String: (key: String, line: Int)] = [:]
  private var speakers: [String: SpeakerFacts] = [:]
  private var speakerOrder: [String] = []
  private var dialogOrder: [String] = []
  private var dialogs: [String: (origin: Origin, paths: Set<String>)] = [:]
  private var coders: [String] = []
  private var coderSet: Set<String> = []

  /// What the rows state about a speaker; nil until a row states it.
  private struct SpeakerFacts {
    var origin: Origin
    var gender: (value: Gender, line: Int)?
    var role: (value: Role, line: Int)?
    var channel: (value: Int, line: Int)?
  }

  init(table: String, folder: String, columns: TableColumns) {
    self.table = table
    self.folder = folder
    self.columns = columns
  }

  private func fail(_ line: Int, _ what: String, expected: String) -> LocatedError {
    LocatedError(file: table, line: line, what, expected: expected)
  }

  /// The trimmed cell of `column`, or "" when the table has no such column.
  private func cell(_ record: DelimitedRecord, _ column: String) -> String {
    guard let position = columns.index[column] else { return "" }
    return record.fields[position].trimmingCharacters(in: .whitespaces)
  }

  private func required(_ record: DelimitedRecord, _ column: String) throws -> String {
    let value = cell(record, column)
    guard !value.isEmpty else {
      throw fail(record.line, "empty required field \(column)", expected: "a value in every row")
    }
    return value
  }

  private func seconds(_ text: String, _ column: String, line: Int) throws -> Double {
    guard let value = Double(text), value.isFinite, value >= 0 else {
      throw fail(line, "bad number \"\(text)\" in column \(column)", expected: "seconds ≥ 0, e.g. 1.25")
    }
    return value
  }

  mutating func add(_ record: DelimitedRecord) throws {
    let line = record.line
    guard record.fields.count == columns.count else {
      throw fail(
        line, "row has \(record.fields.count) fields, the header has \(columns.count)",
        expected: "one value per column")
    }
    let rawPath = try required(record, "path")
    let speaker = try required(record, "speaker")
    let label = try required(record, "label")
    let path = ReaderPaths.absolute(rawPath, base: folder)
    let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension

    let startText = cell(record, "start")
    let endText = cell(record, "end")
    var span: TimeSpan?
    switch (startText.isEmpty, endText.isEmpty) {
    case (true, true): span = nil
    case (false, true): throw fail(line, "start given without end", expected: "both start and end, or neither")
    case (true, false): throw fail(line, "end given without start", expected: "both start and end, or neither")
    case (false, false):
      let start = try seconds(startText, "start", line: line)
      let end = try seconds(endText, "end", line: line)
      guard end > start else {
        throw fail(line, "end \(endText) is not after start \(startText)", expected: "end > start")
      }
      span = TimeSpan(start: start, end: end)
    }
    let gender = try parseGender(cell(record, "gender"), line: line)
    let role = try parseRole(cell(record, "role"), line: line)
    let explicitID = cell(record, "id")
    let dialog = cell(record, "dialog").isEmpty ? stem : cell(record, "dialog")
    let origin = Origin(file: table, line: line)

    try noteSpeaker(speaker, gender: gender, role: role, origin: origin)
    try noteChannel(speaker, cell(record, "channel"), line: line)

    let key =
      explicitID.isEmpty
      ? "path:\(path)\u{0}\(span.map { "\($0.start)\u{0}\($0.end)" } ?? "")" : "id:\(explicitID)"
    let index: Int
    if let existing = segmentByKey[key] {
      index = existing
      try checkSameSegment(segments[index], path: path, span: span, speaker: speaker, dialog: dialog, line: line)
    } else {
      let id = explicitID.isEmpty ? (span == nil ? stem : "\(stem)_\(startText)_\(endText)") : explicitID
      if let other = segmentByID[id], other.key != key {
        throw fail(
          line, "segment id \(id) already made at line \(other.line) from another file or span",
          expected: "unique segment ids: add an id column")
      }
      segmentByID[id] = (key, line)
      var extra: [String: String] = [:]
      for column in columns.others { extra[column.name] = record.fields[column.index] }
      segments.append(
        Segment(
          id: id, dialog: dialog, speaker: speaker, span: span,
          audio: AudioRef(path: path, start: span?.start ?? 0, end: span?.end), origin: origin, extra: extra))
      index = segments.count - 1
      segmentByKey[key] = index
      if dialogs[dialog] == nil {
        dialogOrder.append(dialog)
        dialogs[dialog] = (origin, [])
      }
      dialogs[dialog]!.paths.insert(path)
    }

    let coder = cell(record, "coder").isEmpty ? "coder\(segments[index].annotations.count + 1)" : cell(record, "coder")
    if let first = segments[index].annotations.first(where: { $0.coder == coder }) {
      throw fail(
        line, "coder \(coder) annotates segment \(segments[index].id) twice (first at line \(first.origin.line))",
        expected: "one row per coder and segment")
    }
    if coderSet.insert(coder).inserted { coders.append(coder) }
    let minor = cell(record, "minor")
    segments[index].annotations.append(
      Annotation(coder: coder, kind: .categorical, major: label, minor: minor.isEmpty ? nil : minor, origin: origin))
  }

  private func parseGender(_ text: String, line: Int) throws -> Gender? {
    switch text.lowercased() {
    case "": return nil
    case "male", "m": return .male
    case "female", "f": return .female
    case "unknown": return .unknown
    default:
      throw fail(line, "unknown gender \"\(text)\"", expected: "male, female, unknown, m or f")
    }
  }

  private func parseRole(_ text: String, line: Int) throws -> Role? {
    guard !text.isEmpty else { return nil }
    guard let role = Role(rawValue: text.lowercased()) else {
      throw fail(line, "unknown role \"\(text)\"", expected: "caller, agent or speaker")
    }
    return role
  }

  /// Records what a row says of its speaker; a gender or role contradicting an earlier row is an error
  /// (an empty cell states nothing).
  private mutating func noteSpeaker(_ id: String, gender: Gender?, role: Role?, origin: Origin) throws {
    var facts = speakers[id] ?? SpeakerFacts(origin: origin)
    if speakers[id] == nil { speakerOrder.append(id) }
    if let gender {
      if let known = facts.gender, known.value != gender {
        throw fail(
          origin.line,
          "conflicting gender for speaker \(id): \(gender.rawValue) here, \(known.value.rawValue) at line \(known.line)",
          expected: "one gender per speaker")
      }
      facts.gender = facts.gender ?? (gender, origin.line)
    }
    if let role {
      if let known = facts.role, known.value != role {
        throw fail(
          origin.line,
          "conflicting role for speaker \(id): \(role.rawValue) here, \(known.value.rawValue) at line \(known.line)",
          expected: "one role per speaker")
      }
      facts.role = facts.role ?? (role, origin.line)
    }
    speakers[id] = facts
  }

  /// The speaker's channel (0-based) from the `channel` column; an empty cell states nothing.
  private mutating func noteChannel(_ id: String, _ text: String, line: Int) throws {
    guard !text.isEmpty else { return }
    guard let channel = Int(text), channel >= 0 else {
      throw fail(line, "bad channel \"\(text)\"", expected: "a channel number counted from 0")
    }
    if let known = speakers[id]?.channel, known.value != channel {
      throw fail(
        line, "conflicting channel for speaker \(id): \(channel) here, \(known.value) at line \(known.line)",
        expected: "one channel per speaker")
    }
    if speakers[id]?.channel == nil { speakers[id]?.channel = (channel, line) }
  }

  /// Rows of one segment must agree on what makes the segment.
  private func checkSameSegment(
    _ segment: Segment, path: String, span: TimeSpan?, speaker: String, dialog: String, line: Int
  ) throws {
    let first = segment.origin.line
    func conflict(_ what: String, _ here: String, _ there: String) -> LocatedError {
      fail(
        line, "conflicting \(what) for segment \(segment.id): \(here) here, \(there) at line \(first)",
        expected: "the same \(what) on every row of a segment")
    }
    if segment.speaker != speaker { throw conflict("speaker", speaker, segment.speaker) }
    if segment.audio?.path != path {
      throw conflict("path", (path as NSString).lastPathComponent, (segment.audio!.path as NSString).lastPathComponent)
    }
    if segment.span != span {
      func text(_ span: TimeSpan?) -> String { span.map { "\($0.start)–\($0.end)" } ?? "no times" }
      throw conflict("span", text(span), text(segment.span))
    }
    if segment.dialog != dialog { throw conflict("dialog", dialog, segment.dialog) }
  }

  /// Moves what was read into `corpus`.
  func finish(into corpus: inout Corpus) {
    corpus.coders = coders
    corpus.segments = segments
    corpus.speakers = speakerOrder.map { id in
      let facts = speakers[id]!
      return Speaker(
        id: id, gender: facts.gender?.value ?? .unknown, role: facts.role?.value ?? .speaker, origin: facts.origin,
        channel: facts.channel?.value)
    }
    // A dialog whose segments all come from one file has that file as its audio.
    corpus.dialogs = dialogOrder.map { id in
      let dialog = dialogs[id]!
      return Dialog(id: id, audioPath: dialog.paths.count == 1 ? dialog.paths.first : nil, origin: dialog.origin)
    }
  }
}
