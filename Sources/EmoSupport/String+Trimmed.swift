import Foundation

extension String {
  /// `trimmingCharacters(in: .whitespaces)`, answered without Foundation when both ends are
  /// printable ASCII (nothing to trim): table cells are read millions of times.
  package var trimmedWhitespace: String {
    guard let first = utf8.first, let last = utf8.last else { return self }
    if (0x21...0x7E).contains(first) && (0x21...0x7E).contains(last) { return self }
    return trimmingCharacters(in: .whitespaces)
  }
}
