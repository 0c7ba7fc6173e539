import EmoCorpus
import EmoSupport
import Foundation

/// Turns the rows of MSP-Podcast's label files into segments, speakers and rating annotations.
///
/// Each item (a consensus row, a rater row, a 1.x file block) is checked completely before it
/// changes anything, so an item fault leaves no trace in what the others build.
struct MSPPodcastBuilder {
  let root: String
  let audio: AudioFolder
  let columns: [String: String]
  let strict: Bool

  private var segments: [Segment] = []
  private var indexOfID: [String: Int] = [:]
  private var speakers: [String: Speaker] = [:]
  private var speakerOrder: [String] = []
  private var coders: [String] = []
  private var coderSet: Set<String> = []
  private var exclusions: [RatingExclusion] = []
  private var dimensionsSeen: Set<String> = []
  /// True once a consensus table gave the segments: rater rows then only join them.
  private var consensusRead = false
  private var unknownSpeakerFiles = 0

  init(root: String, audio: AudioFolder, columns: [String: String], strict: Bool) {
    self.root = root
    self.audio = audio
    self.columns = columns
    self.strict = strict
  }

  // MARK: Tables

  /// Positions of the columns a table uses; `required` ones must be there, and a column named by
  /// `--columns` must be in the header.
  private func positions(_ table: DelimitedTable, names: [String], required: [String]) throws -> [String: Int] {
    var found: [String: Int] = [:]
    for name in names {
      if let mapped = columns[name] {
        guard let position = table.column(mapped) else {
          throw LocatedError(
            file: table.path, line: table.header.line,
            "column \(mapped) named by --columns \(name)=\(mapped) is not in the header",
            expected: "a column of the header: \(table.header.fields.joined(separator: ", "))")
        }
        found[name] = position
      } else if name == "worker" {
        found[name] = MSPPodcastColumns.workerHeaders.lazy.compactMap(table.column).first
      } else if let position = table.column(MSPPodcastColumns.defaults[name]!) {
        found[name] = position
      }
    }
    for name in required where found[name] == nil {
      let header = name == "worker" ? "a rater id (WorkerID)" : columns[name] ?? MSPPodcastColumns.defaults[name]!
      throw LocatedError(
        file: table.path, line: table.header.line, "missing column \(header)",
        expected:
          "a header with \(required.map { columns[$0] ?? MSPPodcastColumns.defaults[$0]! }.joined(separator: ", ")), "
          + "or --columns \(name)=<your column>; found: \(table.header.fields.joined(separator: ", "))")
    }
    return found
  }

  private static func cell(_ record: DelimitedRecord, _ position: Int?) -> String {
    guard let position, position < record.fields.count else { return "" }
    return record.fields[position].trimmingCharacters(in: .whitespaces)
  }

  /// Reads `labels_consensus.csv`: one segment per row.
  mutating func readConsensus(_ path: String, faults: inout ItemFaults, inputs: inout [InputFile]) throws {
    let table = try DelimitedTable.read(path, expected: "a header with FileName, EmoClass, EmoAct, EmoVal, EmoDom, …")
    inputs.append(table.file.inputFile)
    let at = try positions(
      table, names: ["file", "class", "arousal", "valence", "dominance", "speaker", "gender", "split"],
      required: ["file", "class"])
    consensusRead = true
    try eachRow(of: table, path: path, at: at, faults: &faults) { try $0.addConsensus($1, at: at, origin: $2) }
  }

  /// Every row of a label table, each an item named by its file's stem: a row that throws is a
  /// fault of that item (dropped and counted, or fatal with `--strict`).
  private mutating func eachRow(
    of table: DelimitedTable, path: String, at: [String: Int], faults: inout ItemFaults,
    _ add: (inout MSPPodcastBuilder, DelimitedRecord, Origin) throws -> Void
  ) throws {
    for record in table.rows {
      let origin = Origin(file: path, line: record.line)
      let fileName = Self.cell(record, at["file"])
      _ = try faults.read(item: fileName.isEmpty ? nil : Self.stem(fileName), at: origin) {
        try add(&self, record, origin)
      }
    }
  }

  private mutating func addConsensus(_ record: DelimitedRecord, at: [String: Int], origin: Origin) throws {
    guard record.fields.count >= (at.values.max() ?? 0) + 1 else {
      throw LocatedError(
        file: origin.file, line: origin.line, "row has \(record.fields.count) fields", expected: "one value per column")
    }
    let fileName = Self.cell(record, at["file"])
    let code = Self.cell(record, at["class"])
    var segment = try newSegment(fileName, origin: origin)
    let ratings = try values(record, at: at, origin: origin, coder: "consensus")
    let speaker = try speakerOf(
      Self.cell(record, at["speaker"]), gender: Self.cell(record, at["gender"]), segment: segment.id, origin: origin)
    // Every check passed: the row becomes a segment.
    segment.speaker = speaker.id
    segment.corpusConsensus = code.isEmpty ? nil : code
    segment.corpusDrop = Self.drop(code)
    segment.dimensions = ratings.values
    if at["split"] != nil { segment.extra["split_set"] = Self.cell(record, at["split"]) }
    commit(segment, speaker: speaker, exclusions: ratings.excluded)
  }

  /// Reads `labels_detailed.csv`: one rater row per file, joined to the segments of the consensus
  /// table (or making them, when there is none).
  mutating func readDetailed(_ path: String, faults: inout ItemFaults, inputs: inout [InputFile]) throws {
    let table = try DelimitedTable.read(
      path, expected: "a header with FileName, a rater id, EmoClass_Major, EmoClass_Second, EmoAct, EmoVal, EmoDom")
    inputs.append(table.file.inputFile)
    let at = try positions(
      table, names: ["file", "worker", "major", "second", "arousal", "valence", "dominance"],
      required: ["file", "worker"])
    try eachRow(of: table, path: path, at: at, faults: &faults) { try $0.addRaterRow($1, at: at, origin: $2) }
  }

  private mutating func addRaterRow(_ record: DelimitedRecord, at: [String: Int], origin: Origin) throws {
    let fileName = Self.cell(record, at["file"])
    let worker = Self.cell(record, at["worker"])
    guard !fileName.isEmpty else {
      throw LocatedError(file: origin.file, line: origin.line, "empty FileName", expected: "a file name in every row")
    }
    guard !worker.isEmpty else {
      throw LocatedError(file: origin.file, line: origin.line, "empty rater id", expected: "a rater id in every row")
    }
    let id = Self.stem(fileName)
    var fresh: (segment: Segment, speaker: Speaker)?
    if indexOfID[id] == nil {
      guard !consensusRead else {
        throw LocatedError(
          file: origin.file, line: origin.line, "rater row of \(fileName), which the consensus table does not list",
          expected: "rater rows of the files in labels_consensus.csv")
      }
      var segment = try newSegment(fileName, origin: origin)
      let speaker = try speakerOf("", gender: "", segment: segment.id, origin: origin)
      segment.speaker = speaker.id
      fresh = (segment, speaker)
    }
    try checkRater(worker, of: id, origin: origin)
    let ratings = try values(record, at: at, origin: origin, coder: worker)
    let categorical = Self.raterLabels(
      major: Self.cell(record, at["major"]), second: Self.cell(record, at["second"]), worker: worker, origin: origin)
    if let fresh { commit(fresh.segment, speaker: fresh.speaker, exclusions: []) }
    addRatings(
      worker, to: id, labels: categorical, values: ratings,
      dimensional: at["arousal"] != nil
        || at["valence"] != nil || at["dominance"] != nil, origin: origin)
  }

  // MARK: 1.x labels.txt

  /// Reads the 1.x `labels.txt`: a file line (`NAME.wav; N; A:2.2; V:4.0; D:2.6;`) followed by its
  /// raters' lines (`WORKER…; Primary; Secondary,…; A:…; V:…; D:…;`). A file line and its rater
  /// lines are one item.
  mutating func readLabelsText(_ path: String, faults: inout ItemFaults, inputs: inout [InputFile]) throws {
    let file = try TextFile(path: path)
    inputs.append(file.inputFile)
    var blocks: [(line: Int, fields: [String], raters: [(line: Int, fields: [String])])] = []
    var orphans: [Int] = []
    for (offset, raw) in file.lines.enumerated() {
      let text = raw.trimmingCharacters(in: .whitespaces)
      if text.isEmpty { continue }
      var fields = text.split(separator: ";", omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      while fields.last == "" { fields.removeLast() }
      // A line of separators only (`;`) is a line without a rater id, not a blank line.
      if fields.isEmpty { fields = [""] }
      if Self.isAudioName(fields[0]) {
        blocks.append((offset + 1, fields, []))
      } else if blocks.isEmpty {
        orphans.append(offset + 1)
      } else {
        blocks[blocks.count - 1].raters.append((offset + 1, fields))
      }
    }
    for line in orphans {
      let origin = Origin(file: path, line: line)
      try faults.record(
        LocatedError(
          file: path, line: line, "rater line before any file line",
          expected: "a file line such as MSP-PODCAST_0001_0008.wav; N; A:2.2; V:4.0; D:2.6; first"),
        item: nil, at: origin)
    }
    for block in blocks {
      let origin = Origin(file: path, line: block.line)
      _ = try faults.read(item: Self.stem(block.fields[0]), at: origin) {
        try addBlock(block.fields, raters: block.raters, origin: origin)
      }
    }
  }

  private mutating func addBlock(
    _ fields: [String], raters: [(line: Int, fields: [String])], origin: Origin
  ) throws {
    let expectedFile = "NAME.wav; CLASS; A:value; V:value; D:value;"
    guard fields.count >= 2 else {
      throw LocatedError(file: origin.file, line: origin.line, "file line without a class", expected: expectedFile)
    }
    var segment = try newSegment(fields[0], origin: origin)
    let consensus = try tagged(Array(fields.dropFirst(2)), origin: origin, coder: "consensus", expected: expectedFile)
    let speaker = try speakerOf("", gender: "", segment: segment.id, origin: origin)
    let expectedRater = "WORKER_ID; Primary; Secondary,…; A:value; V:value; D:value;"
    var parsed: [(worker: String, labels: Annotation, values: RatingValues, origin: Origin)] = []
    var seen: [String: Int] = [:]
    for rater in raters {
      let at = Origin(file: origin.file, line: rater.line)
      guard rater.fields.count >= 2, !rater.fields[0].isEmpty else {
        throw LocatedError(
          file: origin.file, line: rater.line, "rater line without a rater id and a primary class",
          expected: expectedRater)
      }
      let worker = rater.fields[0]
      if let first = seen[worker] {
        throw LocatedError(
          file: origin.file, line: rater.line, "rater \(worker) rates \(fields[0]) twice (first at line \(first))",
          expected: "one line per rater and file")
      }
      seen[worker] = rater.line
      let rest = Array(rater.fields.dropFirst(2))
      let second = rest.first.map { Self.isTagged($0) ? "" : $0 } ?? ""
      let values = try tagged(rest.filter(Self.isTagged), origin: at, coder: worker, expected: expectedRater)
      let labels = Self.raterLabels(major: rater.fields[1], second: second, worker: worker, origin: at)
      parsed.append((worker, labels, values, at))
    }
    segment.speaker = speaker.id
    segment.corpusConsensus = fields[1].isEmpty ? nil : fields[1]
    segment.corpusDrop = Self.drop(fields[1])
    segment.dimensions = consensus.values
    commit(segment, speaker: speaker, exclusions: consensus.excluded)
    for rater in parsed {
      addRatings(
        rater.worker, to: segment.id, labels: rater.labels, values: rater.values, dimensional: true,
        origin: rater.origin)
    }
  }

  /// `A:2.2`, `V:4`, `D:2.6` fields (any order); a field of another shape is a fault of the item.
  private func tagged(_ fields: [String], origin: Origin, coder: String, expected: String) throws -> RatingValues {
    var texts: [String: String] = [:]
    for field in fields {
      guard Self.isTagged(field), let colon = field.firstIndex(of: ":"),
        let dimension = MSPPodcastReader.dimensions.first(where: {
          $0.tag == field[..<colon].trimmingCharacters(in: .whitespaces).uppercased()
        })
      else {
        throw LocatedError(file: origin.file, line: origin.line, "unexpected field '\(field)'", expected: expected)
      }
      texts[dimension.name] = field[field.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
    return try rate(texts, origin: origin, coder: coder)
  }

  /// True for `A:…`, `V:…`, `D:…`.
  static func isTagged(_ field: String) -> Bool {
    guard let colon = field.firstIndex(of: ":") else { return false }
    return ["A", "V", "D"].contains(field[..<colon].trimmingCharacters(in: .whitespaces).uppercased())
  }

  static func isAudioName(_ field: String) -> Bool {
    let lower = field.lowercased()
    return lower.hasSuffix(".wav") || lower.hasSuffix(".flac")
  }

  // MARK: Items

  /// A segment for `fileName` (not yet kept); a name given twice or leaving `Audios/` is a fault.
  private func newSegment(_ fileName: String, origin: Origin) throws -> Segment {
    guard !fileName.isEmpty else {
      throw LocatedError(file: origin.file, line: origin.line, "empty FileName", expected: "a file name in every row")
    }
    let id = Self.stem(fileName)
    if let other = indexOfID[id] {
      throw LocatedError(
        file: origin.file, line: origin.line,
        "\(fileName) is listed twice (first at line \(segments[other].origin.line))", expected: "each file once")
    }
    let path: String
    switch audio.file(fileName) {
    case .success(let found): path = found
    case .failure(let problem):
      throw LocatedError(
        file: origin.file, line: origin.line, "audio '\(fileName)' \(problem)",
        expected: "a file name inside Audios/")
    }
    return Segment(id: id, dialog: id, speaker: "", audio: AudioRef(path: path), origin: origin)
  }

  /// The speaker of a row: `Unknown` (or nothing) is a speaker of the file alone. A gender that
  /// contradicts an earlier row of the speaker is a fault.
  private func speakerOf(_ raw: String, gender text: String, segment: String, origin: Origin) throws -> Speaker {
    let gender = Self.gender(text)
    let unknown = raw.isEmpty || raw.lowercased() == "unknown"
    let id = unknown ? "Unknown_\(segment)" : raw
    if let known = speakers[id] {
      if gender != .unknown, known.gender != .unknown, known.gender != gender {
        throw LocatedError(
          file: origin.file, line: origin.line,
          "conflicting gender for speaker \(id): \(gender.rawValue) here, \(known.gender.rawValue) at line \(known.origin.line)",
          expected: "one gender per speaker")
      }
      return known
    }
    return Speaker(id: id, gender: gender, role: .speaker, origin: origin, extra: unknown ? ["unknown": "true"] : [:])
  }

  private mutating func commit(_ segment: Segment, speaker: Speaker, exclusions excluded: [RatingExclusion]) {
    if speakers[speaker.id] == nil {
      speakerOrder.append(speaker.id)
      speakers[speaker.id] = speaker
      if speaker.extra["unknown"] != nil { unknownSpeakerFiles += 1 }
    } else if speakers[speaker.id]!.gender == .unknown, let gender = Self.known(speaker.gender) {
      speakers[speaker.id]!.gender = gender
    }
    indexOfID[segment.id] = segments.count
    segments.append(segment)
    dimensionsSeen.formUnion(segment.dimensions.keys)
    for var exclusion in excluded {
      exclusion.segment = segment.id
      exclusions.append(exclusion)
      dimensionsSeen.insert(exclusion.dimension)
    }
  }

  private static func known(_ gender: Gender) -> Gender? { gender == .unknown ? nil : gender }

  private func checkRater(_ worker: String, of id: String, origin: Origin) throws {
    guard let index = indexOfID[id],
      let first = segments[index].annotations.first(where: { $0.coder == worker })
    else { return }
    throw LocatedError(
      file: origin.file, line: origin.line, "rater \(worker) rates \(id) twice (first at line \(first.origin.line))",
      expected: "one row per rater and file")
  }

  private mutating func addRatings(
    _ worker: String, to id: String, labels: Annotation, values: RatingValues, dimensional: Bool, origin: Origin
  ) {
    let index = indexOfID[id]!
    if coderSet.insert(worker).inserted { coders.append(worker) }
    segments[index].annotations.append(labels)
    if dimensional {
      segments[index].annotations.append(
        Annotation(coder: worker, kind: .dimensional, dimensions: Dimensions(values.values), origin: origin))
    }
    dimensionsSeen.formUnion(values.values.keys)
    for var exclusion in values.excluded {
      exclusion.segment = id
      exclusions.append(exclusion)
      dimensionsSeen.insert(exclusion.dimension)
    }
  }

  // MARK: Values

  typealias RatingValues = (values: [String: Double], excluded: [RatingExclusion])

  /// The rating columns of a row.
  private func values(_ record: DelimitedRecord, at: [String: Int], origin: Origin, coder: String) throws
    -> RatingValues
  {
    var texts: [String: String] = [:]
    for dimension in MSPPodcastReader.dimensions where at[dimension.column] != nil {
      texts[dimension.name] = Self.cell(record, at[dimension.column])
    }
    return try rate(texts, origin: origin, coder: coder)
  }

  /// Ratings from their texts: empty is a missing rating; not a number or outside 1–7 is left out
  /// and counted, or with `strict` the item's fault.
  private func rate(_ texts: [String: String], origin: Origin, coder: String) throws -> RatingValues {
    var values: [String: Double] = [:]
    var excluded: [RatingExclusion] = []
    let scale = MSPPodcastReader.scale
    for name in texts.keys.sorted() {
      let text = texts[name]!
      func exclude(_ reason: String) {
        excluded.append(
          RatingExclusion(segment: "", coder: coder, dimension: name, text: text, reason: reason, origin: origin))
      }
      guard !text.isEmpty else {
        exclude("missing")
        continue
      }
      guard let value = Double(text), value.isFinite else {
        if strict {
          throw LocatedError(
            file: origin.file, line: origin.line, "rating \(name) '\(text)' is not a number",
            expected: "a number from 1 to 7, or an empty value")
        }
        exclude("not_a_number")
        continue
      }
      guard value >= scale.min, value <= scale.max else {
        if strict {
          throw LocatedError(
            file: origin.file, line: origin.line, "rating \(name) \(text) is outside the scale 1:7",
            expected: "ratings from 1 to 7")
        }
        exclude("out_of_scale")
        continue
      }
      values[name] = value
    }
    return (values, excluded)
  }

  // MARK: Words

  /// The file name without folder and extension: the segment id.
  static func stem(_ fileName: String) -> String {
    ReaderPaths.stem(fileName)
  }

  /// `X` no agreement, `O` other: drops of their own.
  static func drop(_ code: String) -> DropReason? {
    switch code.uppercased() {
    case "X": .noAgreement
    case "O": .otherClass
    default: nil
    }
  }

  static func gender(_ text: String) -> Gender {
    switch text.lowercased() {
    case "male", "m": .male
    case "female", "f": .female
    default: .unknown
    }
  }

  /// A rater's categorical annotation: the primary class as Major, the first secondary class as
  /// Minor. `Other-…`/`Other: …` keep `Other` as the label and the rest as the note (never
  /// printed), and secondary classes beyond the first are named in the note too.
  static func raterLabels(major: String, second: String, worker: String, origin: Origin) -> Annotation {
    var notes: [String] = []
    func label(_ text: String) -> String? {
      let text = text.trimmingCharacters(in: .whitespaces)
      guard !text.isEmpty else { return nil }
      let lower = text.lowercased()
      if lower.hasPrefix("other"), text.count > 5 {
        let rest = text.dropFirst(5).trimmingCharacters(in: CharacterSet(charactersIn: " -:,()"))
        if !rest.isEmpty { notes.append("other: \(rest)") }
        return "Other"
      }
      return text
    }
    let seconds = second.split(separator: ",").compactMap { label(String($0)) }
    let primary = label(major)
    if seconds.count > 1 { notes.append("secondary: " + seconds.joined(separator: ", ")) }
    return Annotation(
      coder: worker, kind: .categorical, major: primary, minor: seconds.first,
      note: notes.isEmpty ? nil : notes.joined(separator: "; "), origin: origin)
  }

  // MARK: Finish

  /// Moves what was read into `corpus`: segments, one dialog per file, speakers, raters, the
  /// dimensions seen on the 1–7 scale, the ratings left out, and the counts
  /// `unknown_speaker_files` and `unknown_gender_speakers`.
  func finish(into corpus: inout Corpus) {
    corpus.segments = segments
    corpus.coders = coders
    corpus.speakers = speakerOrder.map { speakers[$0]! }
    corpus.dialogs = segments.map { Dialog(id: $0.dialog, audioPath: $0.audio?.path, origin: $0.origin) }
    let scale = MSPPodcastReader.scale
    corpus.dimensionScales = MSPPodcastReader.dimensions.filter { dimensionsSeen.contains($0.name) }.map {
      DimensionScale(name: $0.name, min: scale.min, max: scale.max)
    }
    let kept = Set(segments.map(\.id))
    corpus.ratingExclusions = exclusions.filter { kept.contains($0.segment) }
    corpus.countRatingExclusions()
    corpus.readerCounts["unknown_speaker_files"] = unknownSpeakerFiles
    corpus.readerCounts["unknown_gender_speakers"] = corpus.speakers.filter { $0.gender == .unknown }.count
    if !audio.duplicates.isEmpty {
      corpus.notes.append(
        "\(audio.path): \(audio.duplicates.count) file names found in two subfolders (the first, by path, is used): "
          + audio.duplicates.prefix(3).joined(separator: ", "))
    }
  }
}
