/// An input error that names where it happened and what was expected.
///
/// `description` reads `file:line: what (expected shape)`; the CLI prefixes `emocorpus: `.
public struct LocatedError: Error, Sendable, Hashable, CustomStringConvertible {
  public var file: String?
  public var line: Int
  public var what: String
  public var expected: String?

  public init(file: String?, line: Int = 0, _ what: String, expected: String? = nil) {
    self.file = file
    self.line = line
    self.what = what
    self.expected = expected
  }

  public var description: String {
    var text = ""
    if let file { text += line > 0 ? "\(file):\(line): " : "\(file): " }
    text += what
    if let expected { text += " (expected \(expected))" }
    return text.oneLine
  }
}
