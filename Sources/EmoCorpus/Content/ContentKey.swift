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
