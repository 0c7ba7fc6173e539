import Foundation

/// What a segment says, as far as leakage between training and test is concerned: the corpus's
/// sentence code where its file names carry one, else its transcript.
///
/// Readers put a segment's transcript in `extra["text"]` and a sentence code in
/// `extra["sentence"]` (`ContentKey.textField`, `ContentKey.sentenceField`). Transcripts are corpus
/// content: they are stored in the catalog and counted in reports, never printed.
public enum ContentKey {
  /// `Segment.extra` key of a transcript.
  public static let textField = "text"
  /// `Segment.extra` key of a sentence code (a file name's `sentence` group, a table's `sentence` column).
  public static let sentenceField = "sentence"
  /// Texts of fewer words are not content (`yeah`, `okay`): never counted as shared.
  public static let defaultMinWords = 3

  /// The comparison form of a transcript: lower-cased, every character other than letters, digits
  /// and white space removed, white space collapsed to one space and trimmed.
  public static func normalize(_ text: String) -> String {
    normalizeASCII(text) ?? normalizeScalars(text)
  }

  /// `normalize` by Unicode properties, for any text.
  package static func normalizeScalars(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    var pendingSpace = false
    for scalar in text.lowercased().unicodeScalars {
      if CharacterSet.whitespacesAndNewlines.contains(scalar) {
        pendingSpace = !out.isEmpty
      } else if CharacterSet.letters.contains(scalar) || CharacterSet.decimalDigits.contains(scalar)
        || CharacterSet.nonBaseCharacters.contains(scalar)
      {
        if pendingSpace { out.append(" ") }
        pendingSpace = false
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// `normalize` of an all-ASCII text on its bytes (nil when a byte is not ASCII): in ASCII the
  /// letters are A–Z and a–z, the digits 0–9, the white space TAB, LF, VT, FF, CR and space, and
  /// lower-casing maps A–Z only; every other character is dropped, as the general rule does.
  package static func normalizeASCII(_ text: String) -> String? {
    var text = text
    return text.withUTF8 { bytes -> String? in
      var out: [UInt8] = []
      out.reserveCapacity(bytes.count)
      var pendingSpace = false
      for byte in bytes {
        switch byte {
        case 0x80...: return nil
        case 0x09...0x0D, 0x20: pendingSpace = !out.isEmpty
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
          UInt8(ascii: "0")...UInt8(ascii: "9"):
          if pendingSpace { out.append(0x20) }
          pendingSpace = false
          out.append(byte | (byte <= UInt8(ascii: "Z") && byte >= UInt8(ascii: "A") ? 0x20 : 0))
        default: continue
        }
      }
      return String(decoding: out, as: UTF8.self)
    }
  }

  /// Words of a normalized text.
  public static func words(_ normalized: String) -> Int {
    normalized.isEmpty ? 0 : normalized.utf8.reduce(1) { $0 + ($1 == 0x20 ? 1 : 0) }
  }

  /// The key two segments share when they say the same sentence: `s:<code>` for a sentence code
  /// (always counted), `t:<normalized text>` for a text of at least `minWords` words; nil otherwise.
  public static func key(sentence: String?, text: String?, minWords: Int = defaultMinWords) -> String? {
    if let sentence, !sentence.isEmpty { return "s:" + sentence }
    guard let text else { return nil }
    let normalized = normalize(text)
    guard !normalized.isEmpty, words(normalized) >= minWords else { return nil }
    return "t:" + normalized
  }

  /// The key of a segment from its `extra` fields.
  public static func key(of segment: Segment, minWords: Int = defaultMinWords) -> String? {
    key(sentence: segment.extra[sentenceField], text: segment.extra[textField], minWords: minWords)
  }
}
