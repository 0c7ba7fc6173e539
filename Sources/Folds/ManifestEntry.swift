import EmoCorpus

/// One line of a fold manifest: a kept segment with its task label.
///
/// Field names are a contract (`schemas/fold-manifest.schema.json`).
public struct ManifestEntry: Sendable, Hashable, Codable {
  public var id: String
  public var speaker: String
  public var dialog: String
  public var gender: Gender
  public var role: Role
  /// Task class.
  public var label: String
  /// Absolute audio path ("" when the corpus has no audio: labels-only).
  public var path: String
  /// Span inside the audio file, seconds. A whole-file segment starts at 0; its end, duration and
  /// windows are nil (null in the manifest) when they are unknown: a labels-only run on a table
  /// without times whose audio file is not there to tell its length.
  public var start: Double
  public var end: Double?
  public var duration: Double?
  /// Number of 3 s sub-segments; computed from the duration when no audio was read.
  public var windows: Int?
  /// SHA-256 of the segment's audio bytes span, when audio was read (leakage check).
  public var audioHash: String?
  /// One probability per task class (task order) from the coders, with `prep --soft-labels`.
  public var softLabel: [Double]?
  /// The segment's consensus value per rating dimension, in the scale's units (absent when the
  /// corpus has no dimensions).
  public var dimensions: [String: Double]?

  public init(
    id: String, speaker: String, dialog: String, gender: Gender, role: Role, label: String, path: String,
    start: Double, end: Double?, duration: Double?, windows: Int?, audioHash: String? = nil, softLabel: [Double]? = nil,
    dimensions: [String: Double]? = nil
  ) {
    self.id = id
    self.speaker = speaker
    self.dialog = dialog
    self.gender = gender
    self.role = role
    self.label = label
    self.path = path
    self.start = start
    self.end = end
    self.duration = duration
    self.windows = windows
    self.audioHash = audioHash
    self.softLabel = softLabel
    self.dimensions = dimensions
  }

  enum CodingKeys: String, CodingKey {
    case id, speaker, dialog, gender, role, label, path, start, end, duration, windows
    case audioHash = "audio_hash"
    case softLabel = "soft_label"
    case dimensions
  }
}
