import Foundation

extension String {
  /// The text on one line, as every error message must be (`emocorpus: <file>:<line>: <what>`):
  /// each line trimmed, blank lines and lines that only point at a column (`^`, as the YAML and XML
  /// parsers quote the offending line) left out, the rest joined with " / ". Text without a line
  /// break comes back unchanged.
  public var oneLine: String {
    guard contains(where: \.isNewline) else { return self }
    return split(whereSeparator: \.isNewline)
      .map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { line in !line.isEmpty && !line.allSatisfy { $0 == "^" || $0 == "~" } }
      .joined(separator: " / ")
  }
}
