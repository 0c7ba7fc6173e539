import EmoCorpus
import EmoSupport

/// One segment of the table layout: a span of a dialog's WAV with one or two coders' labels.
struct TableSegment: Sendable, Hashable {
  var id: String
  var speaker: String
  var start: Double
  var end: Double
  /// Labels by coder (`a` always, `b` for some), in IEMOCAP codes.
  var labels: [(coder: String, label: IEMOCAPCode)]
  /// Consensus under the soft rule (nil: the two coders disagree, a tie).
  var intended: IEMOCAPCode?
  var expression: VocalExpression
  var intensity: Double

  static func == (a: TableSegment, b: TableSegment) -> Bool { a.id == b.id }
  func hash(into hasher: inout Hasher) { hasher.combine(id) }
}

/// One recording (a WAV) with its speakers' segments.
struct TableDialog: Sendable {
  /// Display name (may contain a comma, so the CSV must quote it).
  var name: String
  /// File stem under `wav/`.
  var file: String
  var segments: [TableSegment]
  var duration: Double
  var noise: BackgroundNoise
}

/// A generic labelled corpus in IEMOCAP's four codes.
struct TablePlan: Sendable {
  var speakers: [(id: String, gender: Gender)]
  var dialogs: [TableDialog]
}
