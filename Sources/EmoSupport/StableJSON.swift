import Foundation

extension JSONEncoder {
  /// Pretty-printed, sorted keys, unescaped slashes: equal values give equal bytes (Foundation's
  /// encoder does not keep key order on Linux otherwise). Used for every JSON output file.
  public static var stable: JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return encoder
  }
}
