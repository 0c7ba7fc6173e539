import EmoCorpus
import EmoSupport

/// A speaker of the synthetic CEMO corpus.
struct CEMOSpeaker: Sendable, Hashable {
  var id: String
  var role: Role
  var gender: Gender
  /// Index of the XML file that declares the speaker (each speaker lives in exactly one file).
  var file: Int
  /// How strongly this speaker lets emotion show (0…1).
  var expressivity: Double
}

/// A segment with its coders' judgements and what the audio renders.
struct CEMOSegment: Sendable, Hashable {
  var id: String
  var speaker: String
  var start: Double
  var end: Double
  /// The soft-rule consensus the judgements were built for (nil: a tie, no consensus).
  var intended: MacroClass?
  var judgements: [CoderJudgement]
  var expression: VocalExpression
  var intensity: Double
}

/// One call: an agent, one or two callers, segments in time order.
struct CEMODialog: Sendable, Hashable {
  var id: String
  var file: Int
  var agent: String
  var callers: [String]
  var segments: [CEMOSegment]
  /// Length of the dialog's audio in seconds.
  var duration: Double
  var noise: BackgroundNoise
}

/// The whole synthetic CEMO corpus before anything is written.
struct CEMOPlan: Sendable {
  var speakers: [CEMOSpeaker]
  var dialogs: [CEMODialog]
  /// File names (relative to the root) and whether each is ISO-8859-1 with French aliases.
  var files: [(name: String, latin1: Bool)]
}
