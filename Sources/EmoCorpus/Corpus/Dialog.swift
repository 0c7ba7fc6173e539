/// One recording session (a call, an IEMOCAP dialog) holding segments of one or more speakers.
public struct Dialog: Sendable, Hashable, Codable, Identifiable {
  public var id: String
  /// Absolute path of the dialog's audio, when the corpus has one file per dialog.
  public var audioPath: String?
  public var origin: Origin
  public var extra: [String: String]

  public init(id: String, audioPath: String? = nil, origin: Origin, extra: [String: String] = [:]) {
    self.id = id
    self.audioPath = audioPath
    self.origin = origin
    self.extra = extra
  }
}
