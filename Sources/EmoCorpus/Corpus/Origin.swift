/// Where an item was read: a file and a 1-based line (0 when the line is unknown).
public struct Origin: Sendable, Hashable, Codable, CustomStringConvertible {
  public var file: String
  public var line: Int

  public init(file: String, line: Int = 0) {
    self.file = file
    self.line = line
  }

  /// `file:line`, or `file` alone when the line is unknown.
  public var description: String { line > 0 ? "\(file):\(line)" : file }
}
