import Foundation

/// A fresh folder under the system temp dir, removed by `remove()`.
public struct TemporaryDirectory: Sendable {
  public let path: String

  public init(_ prefix: String = "emocorpus-test") throws {
    let base = FileManager.default.temporaryDirectory.path
    path = "\(base)/\(prefix)-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  /// Writes a text file under the folder (creating parents) and returns its absolute path.
  @discardableResult
  public func write(_ relative: String, _ text: String, encoding: String.Encoding = .utf8) throws -> String {
    let full = path + "/" + relative
    try FileManager.default.createDirectory(
      atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    guard let data = text.data(using: encoding) else { throw CocoaError(.fileWriteInapplicableStringEncoding) }
    try data.write(to: URL(fileURLWithPath: full))
    return full
  }

  public func remove() { try? FileManager.default.removeItem(atPath: path) }
}
