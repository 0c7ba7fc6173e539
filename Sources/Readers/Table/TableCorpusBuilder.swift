import EmoCorpus
import EmoSupport
import Foundation

/// Groups table rows into segments, speakers and dialogs, checking that they agree.
///
/// `add` checks a row completely before it changes anything, so that a row it rejects (an item
/// fault) leaves no trace in what the other rows build.
struct TableCorpusBuilder {
  let table: String
  /// Where relative audio paths are taken from: the table's folder, or `--audio-dir`.
  let audioFolder: String
  let columns: TableColumns
  /// An empty label cell is an item fault (else a coder who gave no label).
  var strict = false
  /// [min, max] of the rating dimensions (nil: whatever the ratings span).
  var scale: [Double]?
  /// Rating values that are not ratings (empty, not a number, outside the scale).
  private var exclusions: [RatingExclusion] = []

  private var segments: [Segment] = []
  private var segmentByKey: [SegmentKey: Int] = [:]
  private var segmentByID: [String: (key: SegmentKey, line: Int)] = [:]
  private var speakers: [String: SpeakerFacts] = [:]
  private var speakerOrder: [String] = []
  private var dialogOrder: [String] = []
  private var dialogs: [String: (origin: Origin, paths: Set<String>)] = [:]
  private var coders: [String] = []
  private var coderSet: Set<String> = []
  /// Gender cells that say neither male nor female (`other`, `unknown`, `x`), counted per value.
  private var unreadGenders: [String: Int] = [:]
  /// Resolves relative audio paths (each folder's links once).
  private var paths: CorpusPathResolver
  /// The previous row's relative path and its resolution: rows of one file often follow each other.
  private var lastPath: (raw: String, resolved: String)?
  /// One string per distinct transcript or sentence code: segments that say the same sentence
  /// share it (an acted corpus repeats a few sentences over thousands of segments).
  private var sayings = SharedValues<String>()
  /// One dictionary per distinct set of extra cells: segments with the same ones share it.
  private var extras = SharedValues<[String: String]>()

  /// What makes rows one segment: the id given, else the audio file and span. Numbers by their
  /// bits (as their written form, `0.0` and `-0.0` apart); the path is the segment's own string
  /// (rows of one file share it), so a key allocates nothing of its own per row (millions of
  /// short-lived keys among the segments' allocations left the heap full of holes).
  private enum SegmentKey: Hashable {
    case id(String)
    case path(String, start: UInt64?, end: UInt64?)
  }

  /// What the rows state about a speaker; nil until a row states it.
  private struct SpeakerFacts {
    var origin: Origin
    var gender: (value: Gender, line: Int)?
    var role: (value: Role, line: Int)?
    var channel: (value: Int, line: Int)?
  }

  init(table: String, audioFolder: String, columns: TableColumns) {
    self.table = table
    self.audioFolder = audioFolder
    self.columns = columns
    paths = CorpusPathResolver(root: audioFolder)
  }

  private func fail(_ line: Int, _ what: String, expected: String) -> LocatedError {
    LocatedError(file: table, line: line, what, expected: expected)
  }

  /// The trimmed cell of `column`, or "" when the table has no such column.
  private func cell(_ record: DelimitedRecord, _ column: String) -> String {
    guard let position = columns.index[column], position < record.fields.count else { return "" }
    return record.fields[position].trimmedWhitespace
  }

  /// The segment id a row would make, as far as its cells tell (nil when they do not).
  func itemID(_ record: DelimitedRecord) -> String? {
    let explicit = cell(record, "id")
    if !explicit.isEmpty { return explicit }
    let rawPath = cell(record, "path")
    guard !rawPath.isEmpty else { return nil }
    let stem = ReaderPaths.stem(rawPath)
    let (start, end) = (cell(record, "start"), cell(record, "end"))
    return start.isEmpty || end.isEmpty ? stem : "\(stem)_\(start)_\(end)"
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
    let label = cell(record, "label")
    if strict, label.isEmpty { throw ItemFault.emptyLabel(at: Origin(file: table, line: line)) }
    // An absolute path is the table's explicit choice; a relative one stays inside the audio folder
    // (the table's, or --audio-dir): one that leads outside it through '..' or a symbolic link is
    // refused, never opened.
    let path: String
    if rawPath.hasPrefix("/") {
      path = ReaderPaths.absolute(rawPath)
    } else if let last = lastPath, last.raw == rawPath {
      path = last.resolved
    } else {
      switch paths.resolve(rawPath) {
      case .success(let resolved):
        path = resolved
        lastPath = (rawPath, resolved)
      case .failure(let problem):
        throw fail(
          line, "audio '\(rawPath)' \(problem)",
          expected: "a path inside the audio folder \(audioFolder), or an absolute one")
      }
    }
    let stem = ReaderPaths.stem(path)

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
    let genderText = cell(record, "gender")
    let gender = Self.gender(genderText)
    let role = try parseRole(cell(record, "role"), line: line)
    let explicitID = cell(record, "id")
    let dialog = cell(record, "dialog").isEmpty ? stem : cell(record, "dialog")
    let origin = Origin(file: table, line: line)

    // Every check first: a row rejected here changes nothing.
    try checkSpeaker(speaker, gender: gender, role: role, line: line)
    let channel = try checkChannel(speaker, cell(record, "channel"), line: line)
    let key: SegmentKey =
      explicitID.isEmpty
      ? .path(path, start: span?.start.bitPattern, end: span?.end.bitPattern) : .id(explicitID)
    let existing = segmentByKey[key]
    let id: String
    if let existing {
      id = segments[existing].id
      try checkSameSegment(segments[existing], path: path, span: span, speaker: speaker, dialog: dialog, line: line)
    } else {
      id = explicitID.isEmpty ? (span == nil ? stem : "\(stem)_\(startText)_\(endText)") : explicitID
      if let other = segmentByID[id], other.key != key {
        throw fail(
          line, "segment id \(id) already made at line \(other.line) from another file or span",
          expected: "unique segment ids: add an id column")
      }
    }
    let ratings = try dimensionValues(record, line: line, origin: origin)
    let annotationCount = existing.map { segments[$0].annotations.filter { $0.kind != .dimensional }.count } ?? 0
    let coder = cell(record, "coder").isEmpty ? "coder\(annotationCount + 1)" : cell(record, "coder")
    if let existing, let first = segments[existing].annotations.first(where: { $0.coder == coder }) {
      throw fail(
        line, "coder \(coder) annotates segment \(id) twice (first at line \(first.origin.line))",
        expected: "one row per coder and segment")
    }

    noteSpeaker(speaker, gender: gender, role: role, channel: channel, origin: origin)
    if gender == nil, !genderText.isEmpty { unreadGenders[genderText, default: 0] += 1 }
    let index: Int
    if let existing {
      index = existing
    } else {
      segmentByID[id] = (key, line)
      var extra: [String: String] = [:]
      for column in columns.others { extra[column.name] = record.fields[column.index] }
      for name in [ContentKey.textField, ContentKey.sentenceField] {
        let value = cell(record, name)
        if !value.isEmpty { extra[name] = sayings.shared(value) }
      }
      if !extra.isEmpty { extra = extras.shared(extra) }
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
    if coderSet.insert(coder).inserted { coders.append(coder) }
    let minor = cell(record, "minor")
    // An empty label cell is a coder who gave no label: kept, so that the segment is dropped as
    // `no label` (or counts as a missing label in the audit) rather than vanishing.
    segments[index].annotations.append(
      Annotation(
        coder: coder, kind: .categorical, major: label.isEmpty ? nil : label, minor: minor.isEmpty ? nil : minor,
        origin: origin))
    if !columns.dimensions.isEmpty {
      segments[index].annotations.append(
        Annotation(coder: coder, kind: .dimensional, dimensions: Dimensions(ratings.values), origin: origin))
      for var exclusion in ratings.excluded {
        exclusion.segment = segments[index].id
        exclusion.coder = coder
        exclusions.append(exclusion)
      }
    }
  }

  /// The row's rating values; an empty cell is a missing rating, a cell that is not a number or
  /// lies outside `scale` is left out (the row keeps its other values) or, with `strict`, an
  /// item fault.
  private func dimensionValues(_ record: DelimitedRecord, line: Int, origin: Origin) throws -> (
    values: [String: Double], excluded: [RatingExclusion]
  ) {
    var values: [String: Double] = [:]
    var excluded: [RatingExclusion] = []
    for (name, position) in columns.dimensions {
      let text = position < record.fields.count ? record.fields[position].trimmedWhitespace : ""
      func exclude(_ reason: String) {
        excluded.append(
          RatingExclusion(segment: "", coder: "", dimension: name, text: text, reason: reason, origin: origin))
      }
      guard !text.isEmpty else {
        exclude("missing")
        continue
      }
      guard let value = Double(text), value.isFinite else {
        if strict {
          throw fail(line, "rating \(name) '\(text)' is not a number", expected: "a number or an empty cell")
        }
        exclude("not_a_number")
        continue
      }
      if let scale, value < scale[0] || value > scale[1] {
        if strict {
          throw fail(
            line, "rating \(name) \(text) is outside the scale \(Self.number(scale[0])):\(Self.number(scale[1]))",
            expected: "ratings inside --scale")
        }
        exclude("out_of_scale")
        continue
      }
      values[name] = value
    }
    return (values, excluded)
  }

  /// A scale bound as people write it (`1`, not `1.0`).
  static func number(_ x: Double) -> String { x.rounded() == x && abs(x) < 1e15 ? String(Int(x)) : String(x) }

  /// Gender words people write: `m`, `male`, `man`, `M` and `f`, `female`, `woman`, `F` (any case);
  /// anything else (empty, `other`, `unknown`, `x`) states no gender.
  static func gender(_ text: String) -> Gender? {
    switch text.lowercased() {
    case "male", "m", "man": return .male
    case "female", "f", "woman": return .female
    default: return nil
    }
  }

  private func parseRole(_ text: String, line: Int) throws -> Role? {
    guard !text.isEmpty else { return nil }
    guard let role = Role(rawValue: text.lowercased()) else {
      throw fail(line, "unknown role \"\(text)\"", expected: "caller, agent or speaker")
    }
    return role
  }

  /// A gender or role contradicting an earlier row of the speaker is an error (an empty or
  /// unreadable cell states nothing).
  private func checkSpeaker(_ id: String, gender: Gender?, role: Role?, line: Int) throws {
    guard let facts = speakers[id] else { return }
    if let gender, let known = facts.gender, known.value != gender {
      throw fail(
        line,
        "conflicting gender for speaker \(id): \(gender.rawValue) here, \(known.value.rawValue) at line \(known.line)",
        expected: "one gender per speaker")
    }
    if let role, let known = facts.role, known.value != role {
      throw fail(
        line,
        "conflicting role for speaker \(id): \(role.rawValue) here, \(known.value.rawValue) at line \(known.line)",
        expected: "one role per speaker")
    }
  }

  /// Records what a row says of its speaker (checked by `checkSpeaker` and `checkChannel`).
  private mutating func noteSpeaker(_ id: String, gender: Gender?, role: Role?, channel: Int?, origin: Origin) {
    var facts = speakers[id] ?? SpeakerFacts(origin: origin)
    if speakers[id] == nil { speakerOrder.append(id) }
    if let gender { facts.gender = facts.gender ?? (gender, origin.line) }
    if let role { facts.role = facts.role ?? (role, origin.line) }
    if let channel { facts.channel = facts.channel ?? (channel, origin.line) }
    speakers[id] = facts
  }

  /// The speaker's channel (0-based) from the `channel` column, nil for an empty cell; a bad
  /// number or one contradicting an earlier row of the speaker is an error.
  private func checkChannel(_ id: String, _ text: String, line: Int) throws -> Int? {
    guard !text.isEmpty else { return nil }
    guard let channel = Int(text), channel >= 0 else {
      throw fail(line, "bad channel \"\(text)\"", expected: "a channel number counted from 0")
    }
    if let known = speakers[id]?.channel, known.value != channel {
      throw fail(
        line, "conflicting channel for speaker \(id): \(channel) here, \(known.value) at line \(known.line)",
        expected: "one channel per speaker")
    }
    return channel
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
      throw conflict("path", ReaderPaths.lastComponent(path), ReaderPaths.lastComponent(segment.audio!.path))
    }
    if segment.span != span {
      func text(_ span: TimeSpan?) -> String { span.map { "\($0.start)–\($0.end)" } ?? "no times" }
      throw conflict("span", text(span), text(segment.span))
    }
    if segment.dialog != dialog { throw conflict("dialog", dialog, segment.dialog) }
  }

  /// Moves what was read into `corpus`, with the count of speakers of unknown gender
  /// (`unknown_gender_speakers`) and a note naming the gender values read as unknown.
  func finish(into corpus: inout Corpus) {
    corpus.coders = coders
    corpus.segments = segments
    if !columns.dimensions.isEmpty {
      var lo = Double.infinity
      var hi = -Double.infinity
      for segment in segments {
        for annotation in segment.annotations {
          for v in (annotation.dimensions?.values ?? [:]).values {
            lo = min(lo, v)
            hi = max(hi, v)
          }
        }
      }
      let bounds = scale ?? (lo <= hi ? [lo, hi] : [0, 1])
      corpus.dimensionScales = columns.dimensions.map { DimensionScale(name: $0.name, min: bounds[0], max: bounds[1]) }
      let kept = Set(segments.map(\.id))
      corpus.ratingExclusions = exclusions.filter { kept.contains($0.segment) }
      corpus.countRatingExclusions()
    }
    corpus.speakers = speakerOrder.map { id in
      let facts = speakers[id]!
      return Speaker(
        id: id, gender: facts.gender?.value ?? .unknown, role: facts.role?.value ?? .speaker, origin: facts.origin,
        channel: facts.channel?.value)
    }
    corpus.readerCounts["unknown_gender_speakers"] = corpus.speakers.filter { $0.gender == .unknown }.count
    if !unreadGenders.isEmpty {
      let values = unreadGenders.keys.sorted().map { value in
        let rows = unreadGenders[value]!
        return "'\(value)' (\(rows) row\(rows == 1 ? "" : "s"))"
      }
      corpus.notes.append(
        "\(table): gender values read as unknown: \(values.joined(separator: ", ")) "
          + "(male: m, male, man; female: f, female, woman)")
    }
    // A dialog whose segments all come from one file has that file as its audio.
    corpus.dialogs = dialogOrder.map { id in
      let dialog = dialogs[id]!
      return Dialog(id: id, audioPath: dialog.paths.count == 1 ? dialog.paths.first : nil, origin: dialog.origin)
    }
  }
}
