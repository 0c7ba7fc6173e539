import EmoCorpus
import EmoSupport

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

  /// The fields, shared by copies until one is changed.
  private var box: CopyOnWrite<Fields>

  public var id: String {
    get { box.value.id }
    _modify { yield &box.value.id }
  }
  public var speaker: String {
    get { box.value.speaker }
    _modify { yield &box.value.speaker }
  }
  public var dialog: String {
    get { box.value.dialog }
    _modify { yield &box.value.dialog }
  }
  public var gender: Gender {
    get { box.value.gender }
    _modify { yield &box.value.gender }
  }
  public var role: Role {
    get { box.value.role }
    _modify { yield &box.value.role }
  }
  /// Task class.
  public var label: String {
    get { box.value.label }
    _modify { yield &box.value.label }
  }
  /// Absolute audio path ("" when the corpus has no audio: labels-only).
  public var path: String {
    get { box.value.path }
    _modify { yield &box.value.path }
  }
  /// Span inside the audio file, seconds. A whole-file segment starts at 0; its end, duration and
  /// windows are nil (null in the manifest) when they are unknown: a labels-only run on a table
  /// without times whose audio file is not there to tell its length.
  public var start: Double {
    get { box.value.start }
    _modify { yield &box.value.start }
  }
  public var end: Double? {
    get { box.value.end }
    _modify { yield &box.value.end }
  }
  public var duration: Double? {
    get { box.value.duration }
    _modify { yield &box.value.duration }
  }
  /// Number of 3 s sub-segments; computed from the duration when no audio was read.
  public var windows: Int? {
    get { box.value.windows }
    _modify { yield &box.value.windows }
  }
  /// SHA-256 of the segment's audio bytes span, when audio was read (leakage check).
  public var audioHash: String? {
    get { box.value.audioHash }
    _modify { yield &box.value.audioHash }
  }
  /// One probability per task class (task order) from the coders, with `prep --soft-labels`.
  public var softLabel: [Double]? {
    get { box.value.softLabel }
    _modify { yield &box.value.softLabel }
  }
  /// The segment's consensus value per rating dimension, in the scale's units (absent when the
  /// corpus has no dimensions).
  public var dimensions: [String: Double]? {
    get { box.value.dimensions }
    _modify { yield &box.value.dimensions }
  }

  public init(
    id: String, speaker: String, dialog: String, gender: Gender, role: Role, label: String, path: String,
    start: Double, end: Double?, duration: Double?, windows: Int?, audioHash: String? = nil, softLabel: [Double]? = nil,
    dimensions: [String: Double]? = nil
  ) {
    box = CopyOnWrite(
      Fields(
        id: id, speaker: speaker, dialog: dialog, gender: gender, role: role, label: label, path: path, start: start,
        end: end, duration: duration, windows: windows, audioHash: audioHash, softLabel: softLabel,
        dimensions: dimensions))
  }

  public init(from decoder: Decoder) throws { box = try CopyOnWrite(from: decoder) }

  public func encode(to encoder: Encoder) throws { try box.encode(to: encoder) }

  enum CodingKeys: String, CodingKey {
    case id, speaker, dialog, gender, role, label, path, start, end, duration, windows
    case audioHash = "audio_hash"
    case softLabel = "soft_label"
    case dimensions
  }
}
