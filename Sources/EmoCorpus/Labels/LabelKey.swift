import Foundation

/// The tolerant matching form of a label: what two spellings of one label have in common.
///
/// Case, white space, hyphens, underscores and accents are ignored (`Hot-Anger`, `hot anger`,
/// `HotAnger` are one key; `Colère froide` and `colere froide` too), because annotators and
/// export tools vary exactly in those respects.
package enum LabelKey {
  /// The matching key of `label` (NFD decomposition, combining marks dropped, lower-cased,
  /// separators removed).
  package static func of(_ label: String) -> String {
    var scalars = String.UnicodeScalarView()
    for scalar in label.decomposedStringWithCanonicalMapping.unicodeScalars {
      switch scalar.properties.generalCategory {
      case .nonspacingMark, .spacingMark, .enclosingMark: continue
      default: break
      }
      if scalar.properties.isWhitespace || scalar == "-" || scalar == "_" || scalar == "\u{2010}"
        || scalar == "\u{2011}" || scalar == "\u{2013}"
      {
        continue
      }
      scalars.append(scalar)
    }
    return String(scalars).lowercased()
  }

  /// Levenshtein distance between two strings, counted in characters.
  package static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
        current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }

  /// The `count` candidates nearest to `query` by edit distance of their keys; ties keep the
  /// candidates' order.
  package static func nearest(to query: String, among candidates: [String], count: Int) -> [String] {
    let key = of(query)
    let ranked = candidates.enumerated().map {
      (offset: $0.offset, name: $0.element, distance: editDistance(key, of($0.element)))
    }
    .sorted { ($0.distance, $0.offset) < ($1.distance, $1.offset) }
    return ranked.prefix(count).map(\.name)
  }
}
