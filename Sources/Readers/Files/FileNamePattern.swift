/// A regular expression over an audio file's path relative to the corpus root (`/` separators)
/// whose named groups say what the path carries: `speaker` and `label` (required), `gender`,
/// `dialog`, `id` (optional); any other named group is kept with the segment as an extra field.
///
/// The pattern must match the whole relative path or a trailing part of it that starts after a
/// `/` (so `(?<speaker>\d\d)….wav` matches `wav/03a01Fa.wav`; begin the pattern with `^` to
/// anchor it at the root). Matching ignores case (`.WAV` files, a misnamed `S4-…` among `s4-…`);
/// `(?-i)` in the pattern turns that off.
public struct FileNamePattern: @unchecked Sendable {
  /// Groups every pattern must have.
  public static let requiredGroups = ["speaker", "label"]
  /// Groups the reader interprets when present.
  public static let knownGroups = ["speaker", "label", "gender", "dialog", "id"]

  /// Why a pattern cannot be used; `description` is a sentence about `--pattern`.
  public enum Problem: Error, Equatable, CustomStringConvertible {
    case invalid(String)
    case missingGroup(String)

    public var description: String {
      switch self {
      case .invalid(let why): "--pattern is not a valid regular expression: \(why)"
      case .missingGroup(let name):
        "--pattern has no (?<\(name)>…) group: named groups speaker and label are required, "
          + "e.g. '(?<speaker>\\d\\d)_(?<label>[a-z]+)\\.wav'"
      }
    }
  }

  /// What a path matched: the named groups that captured something, and whether the path matched
  /// with its case as the pattern spells it.
  package struct Match: Equatable {
    package var groups: [String: String]
    package var exactCase: Bool
  }

  /// The pattern as written.
  public let text: String
  // Swift Regex values are immutable; matching from several threads is safe.
  private let regex: Regex<AnyRegexOutput>
  private let caseSensitive: Regex<AnyRegexOutput>

  public init(_ text: String) throws(Problem) {
    self.text = text
    let anchored = "^(?:.*/)?(?:" + text + ")$"
    do {
      caseSensitive = try Regex(anchored)
    } catch {
      throw .invalid(String(describing: error))
    }
    regex = caseSensitive.ignoresCase()
    for name in Self.requiredGroups where !regex.contains(captureNamed: name) {
      throw .missingGroup(name)
    }
  }

  /// The named groups `path` captures, or nil when the pattern does not match it (or leaves
  /// `speaker` or `label` empty).
  package func match(_ path: String) -> Match? {
    guard let found = try? regex.wholeMatch(in: path) else { return nil }
    var groups: [String: String] = [:]
    for element in found.output {
      guard let name = element.name, let value = element.substring, !value.isEmpty else { continue }
      groups[name] = String(value)
    }
    guard Self.requiredGroups.allSatisfy({ groups[$0] != nil }) else { return nil }
    return Match(groups: groups, exactCase: matchesExactCase(path))
  }

  /// Whether `path` matches without ignoring case, an upper-case extension aside (`.WAV` is no
  /// misnaming).
  private func matchesExactCase(_ path: String) -> Bool {
    if (try? caseSensitive.wholeMatch(in: path)) != nil { return true }
    guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return false }
    let lowered = String(path[..<dot]) + path[dot...].lowercased()
    return (try? caseSensitive.wholeMatch(in: lowered)) != nil
  }
}
