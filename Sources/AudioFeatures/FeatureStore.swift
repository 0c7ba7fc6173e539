import EmoSupport
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The feature cache of a prep output, `DIR/features/`: a few large shard files plus
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
  /// Shards kept open (descriptors, mappings) at most; more are reopened as needed.
  static let openShardLimit = 32
  /// Shard descriptors opened on first read, closed with the store.
  private let descriptorLock = NSLock()
  private var descriptors: [String: OpenShard] = [:]
  private var mappings: [String: Data] = [:]

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

  /// The cache key of a requested segment.
  /// The cache key of a segment's record (`SegmentAudioIdentity.cacheKey`); nil when not cached.
  public func key(of segmentID: String) -> String? { positions[segmentID].map { index.entries[$0].key } }

  /// Frames of a segment with features.
  public func frames(_ segmentID: String) throws -> Int { try readyEntry(segmentID).frames }

  /// Whole-segment features, frames × featureCount (one read of the record, checksum verified).
  public func features(_ segmentID: String) throws -> FeatureMatrix {
    let entry = try readyEntry(segmentID)
    let path = directory + "/" + entry.shard
    // The record is header · meta · payload; the meta is a short JSON object, so one read of the
    // payload plus a margin almost always gets the whole record.
    let payloadLength = entry.frames * index.featureCount * 4
    var bytes = read(entry.shard, offset: entry.offset, count: ShardRecord.headerSize + 1024 + payloadLength)
    guard let first = bytes, first.count >= ShardRecord.headerSize else { throw corrupted(path, segmentID) }
    let metaLength = Int(
      UInt32(littleEndian: first.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 4, as: UInt32.self) }))
    let recordLength = ShardRecord.headerSize + metaLength + payloadLength
    guard metaLength > 0 else { throw corrupted(path, segmentID) }
    if first.count < recordLength {
      bytes = read(entry.shard, offset: entry.offset, count: recordLength)
    }
    guard let whole = bytes, whole.count >= recordLength else { throw corrupted(path, segmentID) }
    return try whole.withUnsafeBytes { all in
      let raw = UnsafeRawBufferPointer(rebasing: all[0..<recordLength])
      guard let record = ShardRecord.parseHeader(raw, at: 0), record.meta.id == segmentID, record.meta.key == entry.key,
        record.recordLength == recordLength, ShardRecord.verify(record, recordBytes: raw)
      else { throw corrupted(path, segmentID) }
      return FeatureMatrix(
        frames: record.meta.frames, featureCount: record.meta.featureCount,
        values: ShardRecord.payload(record, recordBytes: raw))
    }
  }

  /// Calls `body` with a segment's verified payload (frames × featureCount little-endian float32,
  /// at any byte alignment: read it with `loadUnaligned`), in place in the memory-mapped shard —
  /// no copy, for passes over many segments such as statistics.
  func withPayload<T>(_ segmentID: String, _ body: (UnsafeRawBufferPointer) throws -> T) throws -> T {
    let entry = try readyEntry(segmentID)
    let path = directory + "/" + entry.shard
    guard let shard = mapped(entry.shard) else { throw corrupted(path, segmentID) }
    return try shard.withUnsafeBytes { all in
      guard let record = ShardRecord.parseHeader(all, at: entry.offset), record.meta.id == segmentID,
        record.meta.key == entry.key, record.meta.frames == entry.frames,
        record.meta.featureCount == index.featureCount
      else { throw corrupted(path, segmentID) }
      let bytes = UnsafeRawBufferPointer(rebasing: all[entry.offset..<(entry.offset + record.recordLength)])
      guard ShardRecord.verify(record, recordBytes: bytes) else { throw corrupted(path, segmentID) }
      let start = ShardRecord.headerSize + record.metaLength
      return try body(UnsafeRawBufferPointer(rebasing: bytes[start...]))
    }
  }

  /// A shard mapped into memory, kept for the store's lifetime; nil when it cannot be read.
  private func mapped(_ shard: String) -> Data? {
    descriptorLock.lock()
    defer { descriptorLock.unlock() }
    if let data = mappings[shard] { return data }
    if mappings.count >= FeatureStore.openShardLimit { mappings.removeAll() }
    guard let data = try? Data(contentsOf: URL(fileURLWithPath: directory + "/" + shard), options: .alwaysMapped)
    else { return nil }
    mappings[shard] = data
    return data
  }

  /// Up to `count` bytes of a shard at `offset` (fewer at the end of the file), read through a
  /// descriptor kept open for the store's lifetime; nil when the shard cannot be read.
  private func read(_ shard: String, offset: Int, count: Int) -> Data? {
    descriptorLock.lock()
    var handle = descriptors[shard]
    if handle == nil {
      // A large cache has hundreds of shards: keep few open (the process's descriptors are
      // limited); a descriptor closes when the last read using it ends.
      if descriptors.count >= FeatureStore.openShardLimit { descriptors.removeAll() }
      handle = OpenShard(directory + "/" + shard)
      descriptors[shard] = handle
    }
    descriptorLock.unlock()
    guard let handle, handle.fd >= 0 else { return nil }
    let fd = handle.fd
    var data = Data(count: count)
    let done = data.withUnsafeMutableBytes { buffer -> Int in
      var done = 0
      while done < count {
        let n = pread(fd, buffer.baseAddress! + done, count - done, off_t(offset + done))
        if n < 0 && errno == EINTR { continue }
        if n <= 0 { break }
        done += n
      }
      return done
    }
    return withExtendedLifetime(handle) { data.prefix(done) }
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

/// A shard's read-only descriptor, closed when the last reference goes (-1 when it cannot be opened).
private final class OpenShard {
  let fd: Int32
  init(_ path: String) { fd = open(path, O_RDONLY | O_CLOEXEC) }
  deinit { if fd >= 0 { close(fd) } }
}
