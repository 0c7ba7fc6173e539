import EmoCorpus

/// One line of a fold manifest: a kept segment with its task label.
///
/// Field names are a contract (`schemas/fold-manifest.schema.json`).
///
/// Its fields live in one shared box, copied only when a copy is changed (copy-on-write, as
/// `Segment`): the lines of a fold and the entries they come from share it, so a fold's lines of
/// millions of segments are references, not copies. Equality, hashing and coding are the fields'
/// own, as for a plain struct.
public struct ManifestEntry: Sendable, Hashable, Codable {
  /// The stored fields, coded under `CodingKeys`.
  private struct Fields: Sendable, Hashable, Codable {
    var id: String
    var speaker: String
    var dialog: String
    var gender: Gender
    var role: Role
    var label: String
    var path: String
    var start: Double
    var end: Double?
    var duration: Double?
    var windows: Int?
    var audioHash: String?
    var softLabel: [Double]?
    var dimensions: [String: Double]?

    typealias CodingKeys = ManifestEntry.CodingKeys
  }

  /// The box copies share; changed in place only while it is not shared.
  private final class Box: @unchecked Sendable {
    var fields: Fields
    init(_ fields: Fields) { self.fields = fields }
  }

  private var box: Box

  /// The box, made this value's own before a change.
  private mutating func unique() -> Box {
    if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
    return box
  }

  public var id: String {
    get { box.fields.id }
    set { unique().fields.id = newValue }
    _modify { yield &unique().fields.id }
  }
  public var speaker: String {
    get { box.fields.speaker }
    set { unique().fields.speaker = newValue }
    _modify { yield &unique().fields.speaker }
  }
  public var dialog: String {
    get { box.fields.dialog }
    set { unique().fields.dialog = newValue }
    _modify { yield &unique().fields.dialog }
  }
  public var gender: Gender {
    get { box.fields.gender }
    set { unique().fields.gender = newValue }
    _modify { yield &unique().fields.gender }
  }
  public var role: Role {
    get { box.fields.role }
    set { unique().fields.role = newValue }
    _modify { yield &unique().fields.role }
  }
  /// Task class.
  public var label: String {
    get { box.fields.label }
    set { unique().fields.label = newValue }
    _modify { yield &unique().fields.label }
  }
  /// Absolute audio path ("" when the corpus has no audio: labels-only).
  public var path: String {
    get { box.fields.path }
    set { unique().fields.path = newValue }
    _modify { yield &unique().fields.path }
  }
  /// Span inside the audio file, seconds. A whole-file segment starts at 0; its end, duration and
  /// windows are nil (null in the manifest) when they are unknown: a labels-only run on a table
  /// without times whose audio file is not there to tell its length.
  public var start: Double {
    get { box.fields.start }
    set { unique().fields.start = newValue }
    _modify { yield &unique().fields.start }
  }
  public var end: Double? {
    get { box.fields.end }
    set { unique().fields.end = newValue }
    _modify { yield &unique().fields.end }
  }
  public var duration: Double? {
    get { box.fields.duration }
    set { unique().fields.duration = newValue }
    _modify { yield &unique().fields.duration }
  }
  /// Number of 3 s sub-segments; computed from the duration when no audio was read.
  public var windows: Int? {
    get { box.fields.windows }
    set { unique().fields.windows = newValue }
    _modify { yield &unique().fields.windows }
  }
  /// SHA-256 of the segment's audio bytes span, when audio was read (leakage check).
  public var audioHash: String? {
    get { box.fields.audioHash }
    set { unique().fields.audioHash = newValue }
    _modify { yield &unique().fields.audioHash }
  }
  /// One probability per task class (task order) from the coders, with `prep --soft-labels`.
  public var softLabel: [Double]? {
    get { box.fields.softLabel }
    set { unique().fields.softLabel = newValue }
    _modify { yield &unique().fields.softLabel }
  }
  /// The segment's consensus value per rating dimension, in the scale's units (absent when the
  /// corpus has no dimensions).
  public var dimensions: [String: Double]? {
    get { box.fields.dimensions }
    set { unique().fields.dimensions = newValue }
    _modify { yield &unique().fields.dimensions }
  }

  public init(
    id: String, speaker: String, dialog: String, gender: Gender, role: Role, label: String, path: String,
    start: Double, end: Double?, duration: Double?, windows: Int?, audioHash: String? = nil, softLabel: [Double]? = nil,
    dimensions: [String: Double]? = nil
  ) {
    box = Box(
      Fields(
        id: id, speaker: speaker, dialog: dialog, gender: gender, role: role, label: label, path: path, start: start,
        end: end, duration: duration, windows: windows, audioHash: audioHash, softLabel: softLabel,
        dimensions: dimensions))
  }

  public init(from decoder: Decoder) throws { box = Box(try Fields(from: decoder)) }

  public func encode(to encoder: Encoder) throws { try box.fields.encode(to: encoder) }

  public static func == (lhs: ManifestEntry, rhs: ManifestEntry) -> Bool {
    lhs.box === rhs.box || lhs.box.fields == rhs.box.fields
  }

  public func hash(into hasher: inout Hasher) { box.fields.hash(into: &hasher) }

  enum CodingKeys: String, CodingKey {
    case id, speaker, dialog, gender, role, label, path, start, end, duration, windows
    case audioHash = "audio_hash"
    case softLabel = "soft_label"
    case dimensions
  }
}
