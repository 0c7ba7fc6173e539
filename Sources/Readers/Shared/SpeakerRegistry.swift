import EmoCorpus
import EmoSupport

/// Speakers of a corpus in first-seen order; a speaker declared again must agree on role, gender
/// and channel.
struct SpeakerRegistry {
  private(set) var speakers: [Speaker] = []
  private var index: [String: Int] = [:]

  /// Adds `speaker`, or checks it against the earlier declaration with the same id.
  mutating func register(_ speaker: Speaker) throws {
    guard let position = index[speaker.id] else {
      index[speaker.id] = speakers.count
      speakers.append(speaker)
      return
    }
    let first = speakers[position]
    guard first.role == speaker.role, first.gender == speaker.gender else {
      throw LocatedError(
        file: speaker.origin.file, line: speaker.origin.line,
        "speaker '\(speaker.id)' is declared \(speaker.role.rawValue)/\(speaker.gender.rawValue) here but "
          + "\(first.role.rawValue)/\(first.gender.rawValue) at \(first.origin)",
        expected: "the same role and gender in every file")
    }
    guard first.channel == speaker.channel else {
      func text(_ channel: Int?) -> String { channel.map { "on channel \($0)" } ?? "without a channel" }
      throw LocatedError(
        file: speaker.origin.file, line: speaker.origin.line,
        "speaker '\(speaker.id)' is declared \(text(speaker.channel)) here but \(text(first.channel)) at \(first.origin)",
        expected: "the same channel in every file")
    }
  }
}
