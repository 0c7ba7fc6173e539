import EmoSupport
import Foundation

/// One Transcriber `.trs` file (trans-14.dtd) reduced to what EmoCorpus needs: speakers and the
/// Sync-delimited stretches of speech with their emotion Events. Transcribed words are never read.
struct TranscriberFile {
  /// A speaker of `<Speakers>` (its `name` is not kept: it may identify a person).
  struct LocalSpeaker {
    var id: String
    var gender: Gender
    var extra: [String: String]
    var origin: Origin
  }

  /// A stretch of one turn from a Sync (or the turn start) to the next Sync (or the turn end).
  struct Chunk {
    /// 1-based among the file's speech chunks; makes the segment id.
    var number: Int
    /// Local speaker ids of the turn; the first owns the segment, the others overlap it.
    var speakers: [String]
    var start: Double
    var end: Double
    var origin: Origin
    var annotations: [Annotation]
    var extra: [String: String]
  }

  /// Boundaries closer than this (seconds) are the same time (Transcriber writes milliseconds).
  static let sameTime = 1e-6

  var path: String
  /// The file name without `.trs`: the dialog id.
  var dialog: String
  var origin: Origin
  /// `Trans@audio_filename` (or the file stem) with `.wav` added when it has no such extension.
  var audio: String
  var speakers: [LocalSpeaker] = []
  var chunks: [Chunk] = []
  /// Turns without a speaker (silence, noise, music) and turns of `nontrans` sections: not speech.
  var nonSpeechTurns = 0

  init(_ document: SafeXMLDocument) throws {
    path = document.path
    dialog = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    guard let root = document.root else { throw LocatedError(file: path, "no root element") }
    guard root.name == "Trans" else {
      throw root.error("root element <\(root.name)>", expected: "<Trans>, a Transcriber file")
    }
    origin = root.origin
    let audioName = root.attribute("audio_filename").flatMap { $0.isEmpty ? nil : $0 } ?? dialog
    audio = audioName.lowercased().hasSuffix(".wav") ? audioName : audioName + ".wav"

    var declared: [String: Origin] = [:]
    for list in root.children(named: "Speakers") {
      for element in list.children(named: "Speaker") {
        let id = try element.required("id")
        if let first = declared[id] {
          throw element.error(
            "duplicate speaker id '\(id)', first declared at \(first)", expected: "each speaker declared once")
        }
        declared[id] = element.origin
        let gender = Gender(rawValue: element.attribute("type") ?? "") ?? .unknown
        var extra: [String: String] = [:]
        for key in ["dialect", "accent"] {
          if let value = element.attribute(key), !value.isEmpty { extra[key] = value }
        }
        speakers.append(
          LocalSpeaker(
            id: id, gender: gender == .male || gender == .female ? gender : .unknown,
            extra: extra, origin: element.origin))
      }
    }
    for episode in root.children(named: "Episode") {
      for section in episode.children(named: "Section") {
        let transcribed = section.attribute("type") != "nontrans"
        for turn in section.children(named: "Turn") {
          try readTurn(turn, transcribed: transcribed, declared: declared)
        }
      }
    }
  }

  private mutating func readTurn(_ turn: XMLElementNode, transcribed: Bool, declared: [String: Origin]) throws {
    let turnSpeakers = (turn.attribute("speaker") ?? "").split(whereSeparator: \.isWhitespace).map(String.init)
    let start = try turn.time("startTime", of: "Turn")
    let end = try turn.time("endTime", of: "Turn")
    guard end >= start else {
      throw turn.error(
        "Turn ends at \(turn.attribute("endTime") ?? "") s, before its start \(turn.attribute("startTime") ?? "") s",
        expected: "endTime >= startTime")
    }
    for speaker in turnSpeakers where declared[speaker] == nil {
      throw turn.error("Turn refers to unknown speaker '\(speaker)'", expected: "a speaker declared in <Speakers>")
    }
    let speech = transcribed && !turnSpeakers.isEmpty
    if !speech { nonSpeechTurns += 1 }

    var extra: [String: String] = [:]
    for key in ["channel", "fidelity", "mode"] {
      if let value = turn.attribute(key), !value.isEmpty { extra[key] = value }
    }
    if turnSpeakers.count > 1 { extra["overlap"] = turnSpeakers.dropFirst().joined(separator: " ") }

    var chunkStart = start
    var chunkStartText = turn.attribute("startTime") ?? ""
    var chunkOrigin = turn.origin
    var labels: [(TranscriberEmotion, Origin)] = []
    func close(at time: Double) throws {
      if time - chunkStart > Self.sameTime {
        if speech {
          chunks.append(
            Chunk(
              number: chunks.count + 1, speakers: turnSpeakers, start: chunkStart, end: time, origin: chunkOrigin,
              annotations: try annotations(labels), extra: extra))
        } else if let origin = labels.first?.1 {
          throw LocatedError(
            file: origin.file, line: origin.line,
            "emotion Event outside speech (turn without speaker or nontrans section)",
            expected: "emotion Events inside a turn with a speaker")
        }
      } else if let origin = labels.first?.1 {
        throw LocatedError(
          file: origin.file, line: origin.line, "emotion Event in an empty stretch at \(chunkStartText) s",
          expected: "emotion Events between two different Sync times")
      }
    }
    for child in turn.children {
      switch child.name {
      case "Sync":
        let time = try child.time("time", of: "Sync")
        guard time >= start - Self.sameTime, time <= end + Self.sameTime else {
          throw child.error(
            "Sync time \(child.attribute("time") ?? "") s is outside its turn [\(turn.attribute("startTime") ?? ""), "
              + "\(turn.attribute("endTime") ?? "")]", expected: "a time within the turn")
        }
        guard time >= chunkStart - Self.sameTime else {
          throw child.error(
            "Sync time \(child.attribute("time") ?? "") s comes before the previous boundary at \(chunkStartText) s",
            expected: "increasing Sync times within a turn")
        }
        if time - chunkStart > Self.sameTime {
          try close(at: time)
          chunkStart = time
          chunkStartText = child.attribute("time") ?? ""
          labels = []
        }
        chunkOrigin = child.origin
      case "Event":
        if let emotion = try TranscriberEmotion(event: child) { labels.append((emotion, child.origin)) }
      default:
        continue  // Who, Comment, Background, Vocal: no bearing on segments or labels.
      }
    }
    try close(at: end)
  }

  private func annotations(_ labels: [(TranscriberEmotion, Origin)]) throws -> [Annotation] {
    var result: [Annotation] = []
    for (emotion, origin) in labels {
      if let first = result.first(where: { $0.coder == emotion.coder }) {
        throw LocatedError(
          file: origin.file, line: origin.line,
          "coder '\(emotion.coder)' labels this segment twice, first at \(first.origin)",
          expected: "one emotion Event per coder and segment")
      }
      result.append(
        Annotation(coder: emotion.coder, kind: .categorical, major: emotion.major, minor: emotion.minor, origin: origin)
      )
    }
    return result
  }
}

/// An emotion label carried by a Transcriber `Event`: `desc="emotion:Major"`, `emotion:Major/Minor`,
/// or with a coder id `emotion[c2]:Major/Minor` (`=` may replace `:`). Other Events (noises,
/// pronunciation, …) are not labels.
struct TranscriberEmotion: Equatable {
  /// Coder of Events that name none.
  static let defaultCoder = "scribe"
  static let shape = "emotion:Major, emotion:Major/Minor or emotion[coder]:Major/Minor"

  var coder: String
  var major: String
  var minor: String?

  /// nil when the Event is not an emotion label; throws when it tries to be one and is malformed.
  init?(event: XMLElementNode) throws {
    guard let desc = event.attribute("desc") else { return nil }
    do {
      guard let parsed = try Self.parse(desc) else { return nil }
      self = parsed
    } catch let error as LocatedError {
      throw event.error(error.what, expected: error.expected)
    }
  }

  init(coder: String, major: String, minor: String?) {
    self.coder = coder
    self.major = major
    self.minor = minor
  }

  /// Parses a `desc`; nil when it does not start with `emotion` followed by `[`, `:` or `=`.
  static func parse(_ desc: String) throws -> TranscriberEmotion? {
    let text = desc.trimmingCharacters(in: .whitespaces)
    guard text.lowercased().hasPrefix("emotion") else { return nil }
    var rest = text.dropFirst("emotion".count).drop(while: { $0 == " " })
    guard let marker = rest.first, "[:=".contains(marker) else { return nil }
    let malformed = LocatedError(file: nil, "Event desc '\(desc)' is not an emotion label", expected: shape)
    var coder = defaultCoder
    if marker == "[" {
      guard let close = rest.firstIndex(of: "]") else { throw malformed }
      coder = rest[rest.index(after: rest.startIndex)..<close].trimmingCharacters(in: .whitespaces)
      rest = rest[rest.index(after: close)...].drop(while: { $0 == " " })
      guard !coder.isEmpty, let separator = rest.first, ":=".contains(separator) else { throw malformed }
    }
    let labels = rest.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
      .map { $0.trimmingCharacters(in: .whitespaces) }
    guard (1...2).contains(labels.count), labels.allSatisfy({ !$0.isEmpty }) else { throw malformed }
    return TranscriberEmotion(coder: coder, major: labels[0], minor: labels.count == 2 ? labels[1] : nil)
  }
}

extension XMLElementNode {
  /// A required time attribute in seconds (finite, non-negative).
  func time(_ attribute: String, of element: String) throws -> Double {
    let text = try required(attribute)
    guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite, value >= 0 else {
      throw error("\(element) \(attribute) '\(text)' is not a time", expected: "seconds >= 0 such as 12.345")
    }
    return value
  }
}
