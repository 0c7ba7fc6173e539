import EmoSupport
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The feature cache of a prep output, `DIR/features/` (SPEC §5): a few large shard files plus
/// `index.json`. Open it to read features, windows and normalization statistics; `build` writes it.
///
/// Every read re-verifies the record's checksum, so a damaged shard is reported, never read as data.
/// Thread-safe for reading.
public final class FeatureStore: @unchecked Sendable {
  /// The `features/` folder.
  public let directory: String
  /// The config the cache was computed with.
  public let config: FeatureConfig
  private let index: FeatureIndex
  private let positions: [String: Int]

  /// Opens the cache of prep output `directory` (or a `features/` folder itself) and checks that
  /// the index is complete and every shard it names has the recorded size.
  public init(directory: String) throws {
    let featuresDir =
      FileManager.default.fileExists(atPath: directory + "/" + FeatureIndex.fileName)
      ? directory : FeatureStore.featuresDirectory(directory)
    self.directory = featuresDir
    let indexPath = featuresDir + "/" + FeatureIndex.fileName
    let index = try FeatureIndex.load(indexPath)
    if index.part != nil {
      throw LocatedError(file: indexPath, "index of one part only", expected: "a merged cache (merge-shards)")
    }
    for shard in index.shards {
      let path = featuresDir + "/" + shard.file
      let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue
      guard let size else {
        throw LocatedError(file: path, "feature shard is missing", expected: "rerun prep to recompute it")
      }
      guard size == shard.bytes else {
        throw LocatedError(
          file: path, "feature shard has \(size) bytes, the index says \(shard.bytes)",
          expected: "rerun prep to recompute it")
      }
    }
    self.index = index
    config = index.config
    var positions: [String: Int] = [:]
    for (i, entry) in index.entries.enumerated() { positions[entry.id] = i }
    self.positions = positions
  }

  /// `DIR/features`.
  public static func featuresDirectory(_ dir: String) -> String { dir + "/features" }

  /// Ids of segments with features, in request order.
  public var segmentIDs: [String] { index.entries.filter { $0.dropReason == nil }.map(\.id) }

  /// Every request's outcome, in request order.
  public var outcomes: [(id: String, outcome: FeatureOutcome)] {
    index.entries.map { ($0.id, $0.outcome) }
  }

  /// Values per frame (120 by default).
  public var featureCount: Int { index.featureCount }

  /// True when `segmentID` was requested (with features or dropped).
  public func knows(_ segmentID: String) -> Bool { positions[segmentID] != nil }

  /// Rate, channels and length of a requested segment's source file (nil when it could not be opened,
  /// or for caches written before these were recorded).
  public func sourceAudio(_ segmentID: String) -> SourceAudio? {
    positions[segmentID].flatMap { index.entries[$0].source }
  }

  /// Frames of a segment with features.
  public func frames(_ segmentID: String) throws -> Int { try readyEntry(segmentID).frames }

  /// Whole-segment features, frames × featureCount.
  public func features(_ segmentID: String) throws -> FeatureMatrix {
    let entry = try readyEntry(segmentID)
    let path = directory + "/" + entry.shard
    let headerBytes = FeatureStore.readBytes(path, offset: entry.offset, count: ShardRecord.headerSize)
    let metaLength =
      headerBytes.map {
        Int(UInt32(littleEndian: $0.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 4, as: UInt32.self) }))
      }
      ?? 0
    let recordLength = ShardRecord.headerSize + metaLength + entry.frames * index.featureCount * 4
    guard metaLength > 0, let bytes = FeatureStore.readBytes(path, offset: entry.offset, count: recordLength) else {
      throw corrupted(path, segmentID)
    }
    return try bytes.withUnsafeBytes { raw in
      guard let record = ShardRecord.parseHeader(raw, at: 0), record.meta.id == segmentID, record.meta.key == entry.key,
        record.recordLength == recordLength, ShardRecord.verify(record, recordBytes: raw)
      else { throw corrupted(path, segmentID) }
      return FeatureMatrix(
        frames: record.meta.frames, featureCount: record.meta.featureCount,
        values: ShardRecord.payload(record, recordBytes: raw))
    }
  }

  /// Sub-segment windows (300 frames, hop 200, last zero-padded with its true length).
  public func windows(_ segmentID: String) throws -> [FeatureWindow] {
    SubSegmenter.windows(try features(segmentID), framing: config.framing)
  }

  private func readyEntry(_ segmentID: String) throws -> FeatureIndex.Entry {
    guard let position = positions[segmentID] else {
      throw LocatedError(
        file: directory + "/" + FeatureIndex.fileName, "no features for segment \(segmentID)",
        expected: "a segment id of this prep")
    }
    let entry = index.entries[position]
    if let reason = entry.dropReason {
      throw LocatedError(
        file: directory + "/" + FeatureIndex.fileName,
        "segment \(segmentID) has no features: dropped (\(reason.rawValue): \(entry.detail ?? ""))")
    }
    return entry
  }

  private func corrupted(_ path: String, _ segmentID: String) -> LocatedError {
    LocatedError(
      file: path, "feature record of segment \(segmentID) is corrupted (checksum mismatch)",
      expected: "rerun prep to recompute it")
  }

  /// `count` bytes at `offset` of a file, or nil when the file is shorter or unreadable.
  static func readBytes(_ path: String, offset: Int, count: Int) -> Data? {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var data = Data(count: count)
    let ok = data.withUnsafeMutableBytes { buffer -> Bool in
      var done = 0
      while done < count {
        let n = pread(fd, buffer.baseAddress! + done, count - done, off_t(offset + done))
        if n < 0 && errno == EINTR { continue }
        if n <= 0 { return false }
        done += n
      }
      return true
    }
    return ok ? data : nil
  }
}
