/// A file the reader consumed, with its SHA-256 (hex) for provenance.
public struct InputFile: Sendable, Hashable, Codable {
  public var path: String
  public var sha256: String

  public init(path: String, sha256: String) {
    self.path = path
    self.sha256 = sha256
  }
}
