import EmoCorpus
import EmoSupport
import Foundation

/// Reads CEMO-style XML annotation files (`schemas/cemo-annotations.xsd`) into a `Corpus`.
///
/// ROOT is one `.xml` file or a folder of `*.xml` files read in name order as one corpus; the
/// corpus root (against which audio paths resolve) is that folder, or the file's folder. Each file
/// is parsed safely (no DTD, entity or network access), validated against the embedded schema,
/// then checked: references, duplicate ids, times, overlaps and audio paths, each error naming
/// `file:line`. Labels are kept raw; the normalizer interprets them.
///
/// A file that fails to parse or validate, declares coders or speakers twice, or names audio
/// outside the corpus root is fatal. A faulty segment (unknown speaker or coder, duplicate id,
/// `end <= start`, an overlap with an earlier segment of its speaker, a coder annotating it twice,
/// a segment of a dialog id already read) is an item fault: dropped as `malformed`, or fatal when
/// `strict`.
public struct CEMOXMLReader: CorpusReader {
  /// Stop at the first faulty segment instead of dropping it.
  public var strict: Bool

  public init(strict: Bool = false) { self.strict = strict }

  /// Reads the corpus at `root` (a file or a folder).
  public func read(root: String) throws -> Corpus {
    let input = try CorpusFiles(
      root, suffix: ".xml", expectedRoot: "a CEMO .xml file or a folder of .xml files",
      expectedFiles: "CEMO annotation files named *.xml")
    let schema = try XMLSchema(text: EmbeddedSchemas.cemoAnnotations, name: "schemas/cemo-annotations.xsd")
    var builder = CEMOCorpusBuilder(root: input.corpusRoot, strict: strict)
    var names: [String] = []
    var inputFiles: [InputFile] = []
    for path in input.files {
      guard let data = FileManager.default.contents(atPath: path) else {
        throw LocatedError(file: path, "cannot read file", expected: "a readable CEMO annotation file")
      }
      inputFiles.append(InputFile(path: path, sha256: SHA256.hex(data)))
      let document = try SafeXML.parse(data, path: path, doctype: .forbidden)
      try schema.validate(document)
      guard let corpus = document.root else { throw LocatedError(file: path, "no root element") }
      names.append(try corpus.required("name"))
      try builder.add(corpus)
    }
    // Several files: their common name, else the folder's (a file may carry a per-batch name).
    let name = Set(names).count == 1 ? names[0] : (input.corpusRoot as NSString).lastPathComponent
    return Corpus(
      name: name, source: .cemo, root: input.corpusRoot, coders: builder.coders, speakers: builder.speakers,
      dialogs: builder.dialogs, segments: builder.segments, inputFiles: inputFiles, notes: input.notes,
      faults: builder.faults.resolved(apartFrom: builder.segments.map(\.id)))
  }
}

/// Accumulates the files of one corpus, checking ids and references as it goes.
struct CEMOCorpusBuilder {
  let root: String
  private(set) var coders: [String] = []
  private var registry = SpeakerRegistry()
  private(set) var dialogs: [Dialog] = []
  private(set) var segments: [Segment] = []
  private var dialogOrigins: [String: Origin] = [:]
  private var segmentOrigins: [String: Origin] = [:]
  private(set) var faults: ItemFaults

  init(root: String, strict: Bool = false) {
    self.root = root
    faults = ItemFaults(strict: strict)
  }

  var speakers: [Speaker] { registry.speakers }

  /// Adds one validated `<corpus>` element.
  mutating func add(_ corpus: XMLElementNode) throws {
    var fileCoders: [String: Origin] = [:]
    var fileSpeakers: [String: Origin] = [:]
    for element in corpus.children {
      switch element.name {
      case "coders":
        for coder in element.children(named: "coder") {
          let id = try coder.required("id")
          if let first = fileCoders[id] {
            throw duplicate("coder", id, at: coder, first: first, expected: "each coder declared once per file")
          }
          fileCoders[id] = coder.origin
          if !coders.contains(id) { coders.append(id) }
        }
      case "speakers":
        for element in element.children(named: "speaker") {
          let speaker = try readSpeaker(element)
          if let first = fileSpeakers[speaker.id] {
            throw duplicate(
              "speaker", speaker.id, at: element, first: first, expected: "each speaker declared once per file")
          }
          fileSpeakers[speaker.id] = speaker.origin
          // A speaker may be declared again in another file (agents recur), always the same way.
          try registry.register(speaker)
        }
      case "dialog":
        try readDialog(element, coders: fileCoders, speakers: fileSpeakers)
      default:
        throw LocatedError(
          file: element.document.path, line: element.line, "unexpected element <\(element.name)>",
          expected: "coders, speakers, dialog")
      }
    }
  }

  private func readSpeaker(_ element: XMLElementNode) throws -> Speaker {
    let id = try element.required("id")
    let roleText = try element.required("role")
    let genderText = try element.required("gender")
    guard let role = Role(rawValue: roleText), role != .speaker else {
      throw element.error("speaker '\(id)' has role '\(roleText)'", expected: "caller or agent")
    }
    guard let gender = Gender(rawValue: genderText) else {
      throw element.error("speaker '\(id)' has gender '\(genderText)'", expected: "male, female or unknown")
    }
    var channel: Int?
    if let text = element.attribute("channel") {
      guard let value = Int(text.trimmingCharacters(in: .whitespaces)), value >= 0 else {
        throw element.error("speaker '\(id)' has channel '\(text)'", expected: "a channel number counted from 0")
      }
      channel = value
    }
    return Speaker(id: id, gender: gender, role: role, origin: element.origin, channel: channel)
  }

  private mutating func readDialog(
    _ element: XMLElementNode, coders fileCoders: [String: Origin], speakers fileSpeakers: [String: Origin]
  ) throws {
    let id = try element.required("id")
    let audioText = try element.required("audio")
    let audioPath: String
    switch CorpusPath.resolve(audioText, root: root) {
    case .success(let path): audioPath = path
    case .failure(let problem):
      throw element.error(
        "dialog '\(id)' audio '\(audioText)' \(problem)", expected: "a path relative to the corpus root \(root)")
    }
    let segmentElements = element.children(named: "segment")
    if let first = dialogOrigins[id] {
      // A dialog read twice (two batches overlapping): its segments here are not read again.
      let error = duplicate("dialog", id, at: element, first: first, expected: "dialog ids unique across the corpus")
      if segmentElements.isEmpty { try faults.record(error, item: nil, at: element.origin) }
      for child in segmentElements { try faults.record(error, item: child.attribute("id"), at: child.origin) }
      return
    }
    dialogOrigins[id] = element.origin
    dialogs.append(Dialog(id: id, audioPath: audioPath, origin: element.origin))

    var read: [(segment: Segment, timed: TimedSegment)] = []
    var faults = self.faults
    for child in segmentElements {
      if let segment = try faults.read(
        item: child.attribute("id"), at: child.origin,
        { try readSegment(child, dialog: id, audioPath: audioPath, coders: fileCoders, speakers: fileSpeakers) })
      {
        read.append(segment)
        segmentOrigins[segment.segment.id] = child.origin
      }
    }
    self.faults = faults
    let overlapping = try overlaps(read.map(\.timed))
    segments += read.filter { !overlapping.contains($0.segment.id) }.map(\.segment)
  }

  private func readSegment(
    _ element: XMLElementNode, dialog: String, audioPath: String, coders fileCoders: [String: Origin],
    speakers fileSpeakers: [String: Origin]
  ) throws -> (segment: Segment, timed: TimedSegment) {
    let id = try element.required("id")
    if let first = segmentOrigins[id] {
      throw duplicate("segment", id, at: element, first: first, expected: "segment ids unique across the corpus")
    }
    let speaker = try element.required("speaker")
    guard fileSpeakers[speaker] != nil else {
      throw element.error(
        "segment '\(id)' refers to unknown speaker '\(speaker)'",
        expected: "a speaker declared in this file's <speakers>")
    }
    let startText = try element.required("start")
    let endText = try element.required("end")
    let start = try element.seconds(startText, of: "start", segment: id)
    let end = try element.seconds(endText, of: "end", segment: id)
    guard end > start else {
      throw element.error(
        "segment '\(id)' ends at \(endText) s, not after its start \(startText) s", expected: "end > start")
    }

    var annotations: [Annotation] = []
    var annotationOrigins: [String: Origin] = [:]
    for child in element.children(named: "annotation") {
      let coder = try child.required("coder")
      guard fileCoders[coder] != nil else {
        throw child.error(
          "annotation of segment '\(id)' refers to unknown coder '\(coder)'",
          expected: "a coder declared in this file's <coders>")
      }
      if let first = annotationOrigins[coder] {
        throw child.error(
          "coder '\(coder)' annotates segment '\(id)' twice, first at \(first)",
          expected: "one annotation per coder and segment")
      }
      annotationOrigins[coder] = child.origin
      let note = child.attribute("note").flatMap { $0.isEmpty ? nil : $0 }
      // Optional ratings on the 1–5 scale (decimals, as the schema checked).
      func rating(_ name: String) -> Double? { child.attribute(name).flatMap { Double($0) } }
      let ratings = Dimensions(
        valence: rating("valence"), activation: rating("arousal"), dominance: rating("dominance"))
      let rated = ratings.valence != nil || ratings.activation != nil || ratings.dominance != nil
      annotations.append(
        Annotation(
          coder: coder, kind: .categorical, major: try child.required("major"), minor: child.attribute("minor"),
          dimensions: rated ? ratings : nil, note: note, origin: child.origin))
    }
    let segment = Segment(
      id: id, dialog: dialog, speaker: speaker, span: TimeSpan(start: start, end: end),
      audio: AudioRef(path: audioPath, start: start, end: end), annotations: annotations, origin: element.origin)
    let timed = TimedSegment(
      id: id, speaker: speaker, start: start, end: end, startText: startText, endText: endText,
      origin: element.origin)
    return (segment, timed)
  }

  /// One speaker's segments must not overlap within a dialog (touching ends are fine): each
  /// segment overlapping an earlier-starting one of its speaker is an item fault. Returns their ids.
  private mutating func overlaps(_ timed: [TimedSegment]) throws -> Set<String> {
    var faulty: Set<String> = []
    var faultsFound: [(TimedSegment, LocatedError)] = []
    for (_, own) in Dictionary(grouping: timed, by: \.speaker) {
      let ordered = own.enumerated().sorted { ($0.element.start, $0.offset) < ($1.element.start, $1.offset) }
      var latest: TimedSegment?
      for (_, segment) in ordered {
        if let previous = latest, segment.start < previous.end {
          faultsFound.append(
            (
              segment,
              LocatedError(
                file: segment.origin.file, line: segment.origin.line,
                "segment '\(segment.id)' [\(segment.startText), \(segment.endText)] of speaker '\(segment.speaker)' "
                  + "overlaps segment '\(previous.id)' [\(previous.startText), \(previous.endText)] at \(previous.origin)",
                expected: "one speaker's segments not to overlap within a dialog")
            ))
          continue
        }
        if segment.end > (latest?.end ?? -.infinity) { latest = segment }
      }
    }
    // In file order, whatever the speakers' order in the dictionary.
    for (segment, error) in faultsFound.sorted(by: { $0.0.origin.line < $1.0.origin.line }) {
      try faults.record(error, item: segment.id, at: segment.origin)
      faulty.insert(segment.id)
    }
    return faulty
  }

  private func duplicate(
    _ kind: String, _ id: String, at element: XMLElementNode, first: Origin, expected: String
  ) -> LocatedError {
    element.error("duplicate \(kind) id '\(id)', first declared at \(first)", expected: expected)
  }
}

/// What the overlap check needs of a segment, with its times as written for messages.
struct TimedSegment {
  var id: String
  var speaker: String
  var start: Double
  var end: Double
  var startText: String
  var endText: String
  var origin: Origin
}

extension XMLElementNode {
  /// An error located at this element.
  func error(_ what: String, expected: String? = nil) -> LocatedError {
    LocatedError(file: document.path, line: line, what, expected: expected)
  }

  /// A required attribute (the schema guarantees it; this guards documents that bypassed it).
  func required(_ attribute: String) throws -> String {
    guard let value = self.attribute(attribute) else {
      throw error("<\(name)> has no \(attribute) attribute", expected: "\(attribute)=\"…\"")
    }
    return value
  }

  /// A time in seconds: finite and non-negative.
  func seconds(_ text: String, of attribute: String, segment: String) throws -> Double {
    guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite else {
      throw error("segment '\(segment)' \(attribute) '\(text)' is not a number", expected: "seconds such as 0.52")
    }
    guard value >= 0 else {
      throw error("segment '\(segment)' \(attribute) \(text) s is negative", expected: "a time >= 0")
    }
    return value
  }
}
