import EmoCorpus
import EmoSupport
import Foundation

/// One Transcriber `.trs` file (trans-14.dtd) reduced to what EmoCorpus needs: speakers and the
/// Sync-delimited stretches of speech with their emotion Events. Transcribed words are never read.
///
/// Boundaries that disagree by rounding (a Sync a few ms outside its Turn, or before the previous
/// boundary, a Turn ending a few ms before it starts) are clamped when within `timeTolerance` and
/// counted in `clampedBoundaries`. Larger inconsistencies, unreadable times, a turn naming an
/// undeclared speaker, a malformed emotion Event or one coder labelling a stretch twice make the
/// stretches concerned faulty (`Chunk.fault`): the reader drops those that carry a label as
/// `malformed`. An emotion Event outside speech or in an empty stretch is an item fault by itself.
/// With a strict `ItemFaults`, the first of any of these stops the read.
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
    /// Why the stretch cannot be a segment; nil when it is sound.
    var fault: LocatedError?
    /// Emotion Events in the stretch, well-formed or not: a stretch someone tried to label.
    var emotionEvents = 0

    /// True when the stretch carries a label, or an attempt at one (a malformed emotion Event).
    var isLabelled: Bool { !annotations.isEmpty || emotionEvents > 0 }
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
  /// Boundaries moved onto their neighbour because they disagreed by at most the tolerance.
  var clampedBoundaries = 0
  let timeTolerance: Double

  init(_ document: SafeXMLDocument, timeTolerance: Double = 0.010, faults: inout ItemFaults) throws {
    path = document.path
    self.timeTolerance = timeTolerance
    dialog = ReaderPaths.stem(path)
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
          try readTurn(turn, transcribed: transcribed, declared: declared, faults: &faults)
        }
      }
    }
  }

  /// A Sync-delimited piece of a turn while it is read: where it starts and what it holds.
  private struct Piece {
    /// The Sync that starts it (nil: the turn start).
    var sync: XMLElementNode?
    var start: Double?
    var startText: String
    var origin: Origin
    var labels: [(emotion: TranscriberEmotion, origin: Origin)] = []
    var fault: LocatedError?
    /// Where the piece's emotion Events are, well-formed or not.
    var emotionEvents: [Origin] = []

    mutating func fail(_ error: LocatedError) { fault = fault ?? error }
  }

  private mutating func readTurn(
    _ turn: XMLElementNode, transcribed: Bool, declared: [String: Origin], faults: inout ItemFaults
  ) throws {
    let turnSpeakers = (turn.attribute("speaker") ?? "").split(whereSeparator: \.isWhitespace).map(String.init)
    let speech = transcribed && !turnSpeakers.isEmpty
    if !speech { nonSpeechTurns += 1 }

    // The turn itself: its times and speakers. A fault here is a fault of all its stretches.
    var start = 0.0
    var end = 0.0
    var turnFault: LocatedError?
    do {
      start = try turn.time("startTime", of: "Turn")
      end = try turn.time("endTime", of: "Turn")
      if end < start {
        guard start - end <= timeTolerance else {
          throw turn.error(
            "Turn ends at \(turn.attribute("endTime") ?? "") s, before its start \(turn.attribute("startTime") ?? "") s",
            expected: "endTime >= startTime")
        }
        end = start
        clampedBoundaries += 1
      }
      for speaker in turnSpeakers where declared[speaker] == nil {
        throw turn.error("Turn refers to unknown speaker '\(speaker)'", expected: "a speaker declared in <Speakers>")
      }
    } catch let error as LocatedError {
      if faults.strict { throw error }
      turnFault = error
    }

    // Pieces: the turn start, then one per Sync; Events belong to the piece they sit in.
    var pieces = [Piece(sync: nil, start: start, startText: turn.attribute("startTime") ?? "", origin: turn.origin)]
    for child in turn.children {
      switch child.name {
      case "Sync":
        var piece = Piece(sync: child, start: nil, startText: child.attribute("time") ?? "", origin: child.origin)
        do {
          piece.start = try child.time("time", of: "Sync")
        } catch let error as LocatedError {
          if faults.strict { throw error }
          piece.fail(error)
          pieces[pieces.count - 1].fail(error)
        }
        pieces.append(piece)
      case "Event":
        do {
          if let emotion = try TranscriberEmotion(event: child) {
            if faults.strict, emotion.major == nil { throw ItemFault.emptyLabel(at: child.origin) }
            pieces[pieces.count - 1].labels.append((emotion, child.origin))
            pieces[pieces.count - 1].emotionEvents.append(child.origin)
          }
        } catch let error as LocatedError {
          if faults.strict { throw error }
          pieces[pieces.count - 1].fail(error)
          pieces[pieces.count - 1].emotionEvents.append(child.origin)
        }
      default:
        continue  // Who, Comment, Background, Vocal: no bearing on segments or labels.
      }
    }
    // The words of each piece: the turn's text runs after its Sync (kept as the segment's text).
    var syncsBefore = [0]
    for child in turn.children { syncsBefore.append(syncsBefore.last! + (child.name == "Sync" ? 1 : 0)) }
    var words = [String](repeating: "", count: pieces.count)
    for run in turn.textRuns {
      let piece = min(syncsBefore[run.afterElements], pieces.count - 1)
      let text = run.text.trimmingCharacters(in: .whitespacesAndNewlines)
      if !text.isEmpty { words[piece] += (words[piece].isEmpty ? "" : " ") + text }
    }

    if let turnFault {
      for index in pieces.indices { pieces[index].fail(turnFault) }
    } else {
      try checkBoundaries(&pieces, turn: turn, start: start, end: end, strict: faults.strict)
    }

    for (index, piece) in pieces.enumerated() {
      let pieceEnd = index + 1 < pieces.count ? pieces[index + 1].start : end
      let length = piece.start.flatMap { s in pieceEnd.map { $0 - s } }
      let isEmpty = length.map { abs($0) <= Self.sameTime } ?? false
      // Before the first Sync there is nothing unless an Event sits there (Transcriber starts a
      // turn with a Sync at its start time); a faulty first Sync does not make it a stretch.
      if index == 0, piece.emotionEvents.isEmpty, isEmpty || piece.fault != nil { continue }
      // Two Syncs at one time make no stretch; a label there belongs to none.
      if isEmpty, piece.fault == nil {
        if let label = piece.emotionEvents.first {
          let error = LocatedError(
            file: path, line: label.line, "emotion Event in an empty stretch at \(piece.startText) s",
            expected: "emotion Events between two different Sync times")
          try faults.record(error, item: nil, at: label)
        }
        continue
      }
      guard speech else {
        if let label = piece.emotionEvents.first {
          let error = LocatedError(
            file: path, line: label.line, "emotion Event outside speech (turn without speaker or nontrans section)",
            expected: "emotion Events inside a turn with a speaker")
          try faults.record(error, item: nil, at: label)
        }
        continue
      }
      var chunk = Chunk(
        number: chunks.count + 1, speakers: turnSpeakers, start: piece.start ?? start, end: pieceEnd ?? end,
        origin: piece.origin, annotations: [], extra: Self.extra(of: turn, speakers: turnSpeakers),
        fault: piece.fault, emotionEvents: piece.emotionEvents.count)
      if !words[index].isEmpty { chunk.extra[ContentKey.textField] = words[index] }
      do {
        chunk.annotations = try annotations(piece.labels)
      } catch let error as LocatedError {
        if faults.strict { throw error }
        chunk.fault = chunk.fault ?? error
      }
      chunks.append(chunk)
    }
  }

  /// Checks each Sync against the turn and the previous boundary: within `timeTolerance` it is
  /// clamped (and counted); beyond, the pieces on both sides of it are faulty.
  private mutating func checkBoundaries(
    _ pieces: inout [Piece], turn: XMLElementNode, start: Double, end: Double, strict: Bool
  ) throws {
    var previous = start
    var previousText = turn.attribute("startTime") ?? ""
    for index in pieces.indices.dropFirst() {
      guard var time = pieces[index].start, let sync = pieces[index].sync else { continue }
      let text = pieces[index].startText
      var problem: LocatedError?
      if time < start - Self.sameTime || time > end + Self.sameTime {
        let bound = time < start ? start : end
        if abs(time - bound) <= timeTolerance {
          time = bound
          clampedBoundaries += 1
        } else {
          problem = sync.error(
            "Sync time \(text) s is outside its turn [\(turn.attribute("startTime") ?? ""), "
              + "\(turn.attribute("endTime") ?? "")]", expected: "a time within the turn")
        }
      }
      if problem == nil, time < previous - Self.sameTime {
        if previous - time <= timeTolerance {
          time = previous
          clampedBoundaries += 1
        } else {
          problem = sync.error(
            "Sync time \(text) s comes before the previous boundary at \(previousText) s",
            expected: "increasing Sync times within a turn")
        }
      }
      if let problem {
        if strict { throw problem }
        pieces[index].fail(problem)
        pieces[index - 1].fail(problem)
        continue
      }
      pieces[index].start = time
      previous = time
      previousText = text
    }
  }

  /// Turn attributes a segment keeps: `channel`, `fidelity`, `mode`, and the overlapping speakers.
  private static func extra(of turn: XMLElementNode, speakers: [String]) -> [String: String] {
    var extra: [String: String] = [:]
    for key in ["channel", "fidelity", "mode"] {
      if let value = turn.attribute(key), !value.isEmpty { extra[key] = value }
    }
    if speakers.count > 1 { extra["overlap"] = speakers.dropFirst().joined(separator: " ") }
    return extra
  }

  private func annotations(_ labels: [(emotion: TranscriberEmotion, origin: Origin)]) throws -> [Annotation] {
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
  /// nil for an empty label (`emotion:`): the coder gave none.
  var major: String?
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

  init(coder: String, major: String?, minor: String?) {
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
    // `emotion:` alone is an empty label (no label); a Minor needs a Major.
    guard (1...2).contains(labels.count), !labels[0].isEmpty || labels.count == 1 else { throw malformed }
    let minor = labels.count == 2 && !labels[1].isEmpty ? labels[1] : nil
    return TranscriberEmotion(coder: coder, major: labels[0].isEmpty ? nil : labels[0], minor: minor)
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
