import EmoSupport
import Foundation

/// `features/index.json` (or a part index of a `--shard K/N` run): the cache's table of contents.
///
/// Written atomically after every shard it names is durable, so a present index is always complete.
struct FeatureIndex: Codable, Hashable, Sendable {
  static let currentVersion = 1
  static let fileName = "index.json"

  struct Shard: Codable, Hashable, Sendable {
    var file: String
    var bytes: Int
    var records: Int
  }

  /// One request's outcome in request order; `shard`/`offset` locate a ready segment's record.
  struct Entry: Codable, Hashable, Sendable {
    var id: String
    var key: String
    var start: Double
    var end: Double?
    var shard: String
    var offset: Int
    var frames: Int
    var windows: Int
    var audioHash: String?
    var dropReason: FeatureDropReason?
    var detail: String?
    /// The source file's rate, channels and length (nil when it could not be opened).
    var source: SourceAudio?

    var outcome: FeatureOutcome {
      if let dropReason { return .dropped(dropReason, detail: detail ?? "") }
      return .ready(frames: frames, windows: windows, audioHash: audioHash ?? "")
    }
  }

  var version = currentVersion
  var config: FeatureConfig
  var configHash: String
  var featureCount: Int
  var segmentsPerShard: Int
  /// Requests of the whole run (all parts) and a hash of their ids and spans: parts must agree.
  var requestCount: Int
  var planHash: String
  /// Set in a part index only.
  var part: Int?
  var parts: Int?
  var shards: [Shard]
  var entries: [Entry]

  func encoded() -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    return try! encoder.encode(self)  // Plain values only: encoding cannot fail.
  }

  static func load(_ path: String) throws -> FeatureIndex {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw LocatedError(file: path, "feature cache index not found", expected: "a features/ folder written by prep")
    }
    let index: FeatureIndex
    do {
      index = try JSONDecoder().decode(FeatureIndex.self, from: data)
    } catch {
      throw LocatedError(file: path, "feature cache index is not valid JSON of this version", expected: "rerun prep")
    }
    if index.version != currentVersion {
      throw LocatedError(
        file: path, "feature cache index version \(index.version) is not supported",
        expected: "version \(currentVersion); rerun prep")
    }
    return index
  }

  static func partFileName(part: Int, of parts: Int) -> String { "index.part-\(part)-of-\(parts).json" }
}
