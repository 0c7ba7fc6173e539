/// Slice K of N (1-based) of a feature build, `--shard K/N`: cluster array jobs each compute one
/// slice of the cache, then a merge joins them. Only valid slices exist (1 ≤ K ≤ N).
public struct FeatureShard: Hashable, Sendable, Codable, CustomStringConvertible {
  public let index: Int
  public let count: Int

  public init?(index: Int, count: Int) {
    guard count >= 1, index >= 1, index <= count else { return nil }
    self.index = index
    self.count = count
  }

  /// Parses `K/N` (e.g. `2/8`).
  public init?(parsing text: String) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]) else { return nil }
    self.init(index: k, count: n)
  }

  /// What `--shard` takes, for messages.
  public static let expected = "K/N with 1 <= K <= N, e.g. 2/8"

  /// The option spelling `K/N`, which `init(parsing:)` reads back.
  public var description: String { "\(index)/\(count)" }

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let shard = FeatureShard(parsing: text) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "invalid shard '\(text)' (expected \(Self.expected))"))
    }
    self = shard
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}
