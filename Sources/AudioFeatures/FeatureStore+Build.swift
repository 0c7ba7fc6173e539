import Dispatch
import EmoSupport
import Foundation

extension FeatureStore {
  /// Segments per shard file by default: about 50 MB of features for 4–5 s segments.
  public static let defaultSegmentsPerShard = 256

  /// Computes (or reuses) the features of `requests` into `dir/features/` and returns each
  /// segment's outcome.
  ///
  /// Requests are cut, in order, into slots of `segmentsPerShard`; slot k becomes one shard file
  /// whose name and bytes depend only on the slot's requests, their audio and the config, so a run
  /// killed at any point and rerun gives a cache identical to an uninterrupted run, and finished
  /// shards are reused. Records whose key (audio hash + span + config hash) is found in an older
  /// shard are copied instead of recomputed. `index.json` is written last. With `shard` K/N
  /// only part K of N (1-based, contiguous slots) is computed and a part index is written; join
  /// the parts with `mergeShards(in:)`. `jobs` workers compute features; records stream to disk in
  /// order, so memory holds a few segments per worker whatever the corpus length. `slotCounts`
  /// receives how many of this run's slots were reused and how many computed; `fileHashes` the
  /// `AudioFileHash` of every file whose bytes this run read (by path), computed from the bytes
  /// decoded, so a caller needs no second pass over the audio for file identities.
  public static func build(
    _ requests: [FeatureRequest], in dir: String, config: FeatureConfig = FeatureConfig(), jobs: Int = 1,
    shard: FeatureShard? = nil, progress: Bool = true, slotCounts: ((FeatureSlotCounts) -> Void)? = nil,
    fileHashes: (([String: String]) -> Void)? = nil
  ) throws -> [String: FeatureOutcome] {
    try build(
      requests, in: dir, config: config, jobs: jobs, shard: shard, progress: progress,
      segmentsPerShard: defaultSegmentsPerShard, stopAfterShards: nil, slotCounts: slotCounts,
      fileHashes: fileHashes)
  }

  /// `build` with the shard size and an interruption point (tests simulate `kill -9` with it).
  static func build(
    _ requests: [FeatureRequest], in dir: String, config: FeatureConfig, jobs: Int,
    shard: FeatureShard?, progress: Bool, segmentsPerShard: Int, stopAfterShards: Int?,
    slotCounts: ((FeatureSlotCounts) -> Void)? = nil, fileHashes: (([String: String]) -> Void)? = nil
  ) throws -> [String: FeatureOutcome] {
    try config.validate()
    var seen = Set<String>()
    for request in requests where !seen.insert(request.segmentID).inserted {
      throw LocatedError(file: nil, "duplicate segment id \(request.segmentID) in feature requests")
    }
    let featuresDir = FeatureStore.featuresDirectory(dir)
    try AtomicFile.createDirectory(featuresDir)
    let configHash = config.hashHex
    // A stale index must not outlive the shards it names: it is rewritten at the end.
    unlink(featuresDir + "/" + FeatureIndex.fileName)

    let slotCount = (requests.count + segmentsPerShard - 1) / segmentsPerShard
    let mySlots: Range<Int> =
      shard.map { ((($0.index - 1) * slotCount) / $0.count)..<(($0.index * slotCount) / $0.count) }
      ?? 0..<slotCount
    let workers = max(1, jobs)
    let extractors = try (0..<workers).map { _ in try FeatureExtractor(config: config) }
    // A file of its own is read once, hashed and decoded from those bytes; a file several segments
    // are cut from (a dialog recording) is read once and held while its segments are computed
    // (within `sharedBytesBudget`; past it, hashed, then read span by span).
    var uses: [String: Int] = [:]
    for request in requests { uses[request.path, default: 0] += 1 }
    let sharedPaths = Set(uses.filter { $0.value > 1 }.keys)
    let bar =
      progress
      ? EmoSupport.Progress(
        "features", total: mySlots.reduce(0) { $0 + min(segmentsPerShard, requests.count - $1 * segmentsPerShard) },
        unit: "segments")
      : nil
    var pool = ReusePool(directory: featuresDir)
    // Finished shards are reused slot by slot first; the slots left are computed as one stream
    // of work (no pause between chunks or slots), each written and committed in order.
    var written: [WrittenSlot?] = []
    var pending: [PendingSlot] = []
    for (done, slot) in mySlots.enumerated() {
      if let stopAfterShards, done >= stopAfterShards { break }
      let slotRequests = Array(requests[(slot * segmentsPerShard)..<min(requests.count, (slot + 1) * segmentsPerShard)])
      let name = shardName(slot, slotRequests, configHash: configHash)
      switch reusedSlot(
        slotRequests, name: name, featuresDir: featuresDir, configHash: configHash, workers: extractors.count,
        progress: bar)
      {
      case .reused(let slot):
        written.append(slot)
      case .compute(let hashed):
        pending.append(PendingSlot(position: written.count, name: name, requests: slotRequests, hashed: hashed))
        written.append(nil)
      }
    }
    if !pending.isEmpty {
      pool.load()
      let computed = try computeSlots(
        pending, featuresDir: featuresDir, configHash: configHash, config: config, sharedPaths: sharedPaths,
        extractors: extractors, pool: pool, progress: bar)
      for (slot, result) in zip(pending, computed) { written[slot.position] = result }
    }
    var shards: [FeatureIndex.Shard] = []
    var entries: [FeatureIndex.Entry] = []
    var outcomes: [String: FeatureOutcome] = [:]
    var counts = FeatureSlotCounts(slots: mySlots, slotCount: slotCount)
    for slot in written {
      guard let slot else { continue }
      shards.append(slot.shard)
      if slot.reused { counts.reused += 1 } else { counts.computed += 1 }
      entries += slot.entries
      for entry in slot.entries {
        outcomes[entry.id] = entry.outcome
      }
    }
    // Stopped early (tests): no index, as after a kill.
    if let stopAfterShards, stopAfterShards < mySlots.count { return outcomes }
    bar?.finish()
    slotCounts?(counts)
    if let fileHashes {
      var byPath: [String: String] = [:]
      let pathOf = Dictionary(requests.map { ($0.segmentID, $0.path) }) { a, _ in a }
      for entry in entries {
        if let hash = entry.audioHash, let path = pathOf[entry.id] { byPath[path] = hash }
      }
      fileHashes(byPath)
    }
    var index = FeatureIndex(
      config: config, configHash: configHash, featureCount: config.featureCount, segmentsPerShard: segmentsPerShard,
      requestCount: requests.count,
      planHash: planHash(requests, configHash: configHash, segmentsPerShard: segmentsPerShard),
      part: nil, parts: nil, shards: shards, entries: entries)
    if let shard {
      index.part = shard.index
      index.parts = shard.count
      try AtomicFile.write(
        index.encoded(), to: featuresDir + "/" + FeatureIndex.partFileName(part: shard.index, of: shard.count),
        durable: true)
    } else {
      try AtomicFile.write(index.encoded(), to: featuresDir + "/" + FeatureIndex.fileName, durable: true)
      removeUnreferenced(in: featuresDir, keeping: Set(shards.map(\.file)), removeParts: true)
    }
    return outcomes
  }

  /// Joins the part indexes of a `--shard K/N` run into `features/index.json` (the same cache a
  /// single run gives) and removes the part indexes and unreferenced shard files.
  public static func mergeShards(in dir: String) throws {
    let featuresDir = FeatureStore.featuresDirectory(dir)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: featuresDir)) ?? []
    let partNames = names.filter { $0.hasPrefix("index.part-") && $0.hasSuffix(".json") }.sorted()
    guard let firstName = partNames.first else {
      throw LocatedError(
        file: featuresDir, "no part index to merge", expected: "index.part-K-of-N.json files from --shard K/N runs")
    }
    let first = try FeatureIndex.load(featuresDir + "/" + firstName)
    let count = first.parts ?? 0
    var parts: [FeatureIndex] = []
    for k in 1...max(count, 1) {
      let path = featuresDir + "/" + FeatureIndex.partFileName(part: k, of: count)
      guard FileManager.default.fileExists(atPath: path) else {
        throw LocatedError(
          file: path, "part \(k) of \(count) is missing", expected: "every part computed before merging")
      }
      let part = try FeatureIndex.load(path)
      guard part.planHash == first.planHash, part.configHash == first.configHash, part.parts == count else {
        throw LocatedError(
          file: path, "part \(k) was computed for other segments or another feature config",
          expected: "all parts from the same prep inputs and options")
      }
      parts.append(part)
    }
    var merged = first
    merged.part = nil
    merged.parts = nil
    merged.shards = parts.flatMap(\.shards)
    merged.entries = parts.flatMap(\.entries)
    guard merged.entries.count == merged.requestCount else {
      throw LocatedError(
        file: featuresDir, "merged parts hold \(merged.entries.count) segments",
        expected: "\(merged.requestCount) segments")
    }
    for shard in merged.shards {
      let path = featuresDir + "/" + shard.file
      let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue
      guard size == shard.bytes else {
        throw LocatedError(file: path, "shard file missing or of the wrong size", expected: "\(shard.bytes) bytes")
      }
    }
    try AtomicFile.write(merged.encoded(), to: featuresDir + "/" + FeatureIndex.fileName, durable: true)
    removeUnreferenced(in: featuresDir, keeping: Set(merged.shards.map(\.file)), removeParts: true)
  }

  // MARK: - One slot

  private struct WrittenSlot {
    var shard: FeatureIndex.Shard
    var entries: [FeatureIndex.Entry]
    /// The slot's finished shard file was kept as it was.
    var reused = false
  }

  /// A slot whose finished shard is reused as it is, or the file hashes computed while checking it.
  private enum SlotCheck {
    case reused(WrittenSlot)
    case compute(hashed: [Result<String, AudioError>?])
  }

  /// A slot to compute: its place among the run's slots, shard name, requests and known hashes.
  private struct PendingSlot {
    var position: Int
    var name: String
    var requests: [FeatureRequest]
    var hashed: [Result<String, AudioError>?]
  }

  /// A finished shard of this slot is reused when every record still matches its audio: only
  /// then are the files hashed ahead (a warm run reads each file once, to hash it).
  private static func reusedSlot(
    _ requests: [FeatureRequest], name: String, featuresDir: String, configHash: String, workers: Int,
    progress: EmoSupport.Progress?
  ) -> SlotCheck {
    let existing = ShardRecord.scan(featuresDir + "/" + name)
    guard existing.complete, existing.records.map(\.meta.id) == requests.map(\.segmentID) else {
      return .compute(hashed: [Result<String, AudioError>?](repeating: nil, count: requests.count))
    }
    let hashes = Parallel.map(requests.count, workers: workers) { i, _ -> Result<String, AudioError> in
      Result { try AudioHashCache.hash(requests[i].path) }.mapError {
        $0 as? AudioError ?? .unreadable(path: requests[i].path, reason: "\($0)")
      }
    }
    let keys = zip(requests, hashes).map { request, hash in
      (try? hash.get()).map { recordKey(audioHash: $0, request: request, configHash: configHash) } ?? ""
    }
    guard existing.records.map(\.meta.key) == keys else { return .compute(hashed: hashes) }
    progress?.advance(by: requests.count)
    let size = existing.records.last.map { $0.offset + $0.recordLength } ?? 0
    return .reused(
      WrittenSlot(
        shard: .init(file: name, bytes: size, records: requests.count),
        entries: zip(requests, existing.records).map { entry($0, $1.meta, shard: name, offset: $1.offset) },
        reused: true))
  }

  /// Computes the records of `slots` as one stream of work and writes each slot's shard.
  ///
  /// Work is cut into groups of `resamplerGroup` consecutive requests of one slot; a worker
  /// restarts its resampler streams before each group, so a record's bytes depend only on the
  /// slot, never on which worker did what. Workers take the next group as soon as they are free
  /// (no barrier between chunks or slots, so neither core waits for the other's last file), also
  /// encode their records (meta JSON, checksum), and whichever worker completes the group next in
  /// order writes the finished groups, in order, to their slot's temporary shard file, committing
  /// a slot when its last group is written. Workers run at most `window` groups ahead of the
  /// write position, so memory holds a few segments per worker, not a slot.
  private static func computeSlots(
    _ slots: [PendingSlot], featuresDir: String, configHash: String, config: FeatureConfig,
    sharedPaths: Set<String>, extractors: [FeatureExtractor], pool: ReusePool, progress: EmoSupport.Progress?
  ) throws -> [WrittenSlot?] {
    struct Group {
      var slot: Int
      var range: Range<Int>
      var lastOfSlot: Bool
    }
    var groups: [Group] = []
    for (k, slot) in slots.enumerated() {
      for first in stride(from: 0, to: slot.requests.count, by: resamplerGroup) {
        let end = min(slot.requests.count, first + resamplerGroup)
        groups.append(Group(slot: k, range: first..<end, lastOfSlot: end == slot.requests.count))
      }
    }
    var sharedUses: [String: Int] = [:]
    for slot in slots {
      for (request, hashed) in zip(slot.requests, slot.hashed) where hashed == nil && sharedPaths.contains(request.path)
      {
        sharedUses[request.path, default: 0] += 1
      }
    }
    let sharedBytes = SharedFileBytes(uses: sharedUses, fileLimit: wholeFileLimit, budget: sharedBytesBudget)
    let stream = OrderedStream<[(RecordMeta, Data)]>(count: groups.count, window: 4 * extractors.count)
    let output = LockedBox(SlotOutput(slots: slots.count))
    let workers = UncheckedSendable(extractors)  // One extractor per worker thread, never shared.
    let plan = groups
    let work = slots
    DispatchQueue.concurrentPerform(iterations: extractors.count) { worker in
      let extractor = workers.value[worker]
      while let g = stream.next() {
        let group = plan[g]
        let slot = work[group.slot]
        extractor.resamplers.reset()
        let encoded = group.range.map { i -> (RecordMeta, Data) in
          defer { progress?.advance() }
          let request = slot.requests[i]
          let record = record(
            request, hashed: slot.hashed[i], shared: sharedPaths.contains(request.path) ? sharedBytes : nil,
            configHash: configHash,
            config: config, reusable: pool, extractor: extractor)
          var data = Data()
          ShardRecord.append(meta: record.meta, payload: record.payload, to: &data)
          return (record.meta, data)
        }
        // In order, one writer at a time: the stream hands each finished group to `emit` once.
        stream.finish(g, encoded) { g, encoded in
          let group = plan[g]
          let slot = work[group.slot]
          do {
            try output.update { out in
              try out.write(
                encoded, slot: group.slot, name: slot.name, requests: slot.requests, first: group.range.lowerBound,
                last: group.lastOfSlot, featuresDir: featuresDir)
            }
          } catch {
            output.update { $0.failure = $0.failure ?? error }
            stream.stop()
          }
        }
      }
    }
    let result = output.value
    if let failure = result.failure { throw failure }
    return result.written
  }

  /// The shard files being written by `computeSlots`: the open writer, offsets and entries.
  private struct SlotOutput {
    var written: [WrittenSlot?]
    var writer: AtomicFile.Writer?
    var entries: [FeatureIndex.Entry] = []
    var failure: Error?

    init(slots: Int) { written = Array(repeating: nil, count: slots) }

    mutating func write(
      _ records: [(RecordMeta, Data)], slot: Int, name: String, requests: [FeatureRequest], first: Int, last: Bool,
      featuresDir: String
    ) throws {
      if writer == nil { writer = try AtomicFile.Writer(path: featuresDir + "/" + name, durable: true) }
      let file = writer!
      for (k, (meta, data)) in records.enumerated() {
        entries.append(entry(requests[first + k], meta, shard: name, offset: file.offset))
        try file.append(data)
      }
      guard last else { return }
      let size = file.offset
      try file.commit()
      // Tests of interrupted runs die here, after a shard is committed and before the index exists.
      FaultPoint.reached("features.shard-committed")
      writer = nil
      written[slot] = WrittenSlot(shard: .init(file: name, bytes: size, records: requests.count), entries: entries)
      entries = []
    }
  }

  /// Requests a worker converts as one resampler stream (slot-relative, so fixed for a slot).
  static let resamplerGroup = 8

  /// Files up to this size are read whole into memory (one open, one read) and hashed and decoded
  /// from those bytes; larger ones are hashed, then read span by span, so memory stays bounded.
  static let wholeFileLimit = 64 << 20

  /// Bytes of files cut into several segments held at once (`SharedFileBytes`); a file past it is
  /// hashed and read span by span.
  static let sharedBytesBudget = 512 << 20

  /// One request's record: a drop, a copy of an older record with the same key, or fresh features.
  ///
  /// `hashed` is the file's hash when already computed; a file cut into several segments comes
  /// from `shared` (read and hashed once for all of them), else it is hashed once per run and read
  /// span by span.
  private static func record(
    _ request: FeatureRequest, hashed: Result<String, AudioError>?, shared: SharedFileBytes?, configHash: String,
    config: FeatureConfig, reusable: ReusePool, extractor: FeatureExtractor
  ) -> RecordData {
    var meta = RecordMeta(
      id: request.segmentID, key: "", audioHash: nil, frames: 0, windows: 0, featureCount: config.featureCount)
    do {
      var bytes: AudioFileBytes?
      let audioHash: String
      if hashed == nil, let shared, let held = try shared.take(request.path) {
        bytes = held.bytes
        audioHash = held.hash
      } else if shared == nil, hashed == nil, let whole = try AudioFileBytes.read(request.path, limit: wholeFileLimit) {
        bytes = whole
        audioHash = whole.sha256Hex
      } else {
        audioHash = try hashed?.get() ?? AudioHashCache.hash(request.path)
      }
      meta.audioHash = audioHash
      meta.key = recordKey(audioHash: audioHash, request: request, configHash: configHash)
      if let (payload, old) = reusable.take(key: meta.key) {
        meta.frames = old.frames
        meta.windows = old.windows
        meta.dropReason = old.dropReason
        meta.detail = old.detail
        meta.source = old.source
        return RecordData(meta: meta, payload: payload)
      }
      let file = try bytes.map { try AudioFile(bytes: $0) } ?? AudioFile(path: request.path)
      meta.source = SourceAudio(file.info)
      switch SegmentAudio.compute(request, file: file, extractor: extractor) {
      case .success(let matrix):
        meta.frames = matrix.frames
        meta.windows = config.framing.windowCount(frames: matrix.frames)
        RecordMomentsMemo.remember(meta.key, Moments(matrix))
        return RecordData(meta: meta, payload: matrix.values)
      case .failure(let drop):
        meta.dropReason = drop.reason
        meta.detail = drop.detail
      }
    } catch let error as AudioError {
      meta.dropReason = error.dropReason
      meta.detail = error.detail
    } catch {
      meta.dropReason = .unreadableAudio
      meta.detail = "\(error)"
    }
    return RecordData(meta: meta, payload: [])
  }

  private static func entry(_ request: FeatureRequest, _ meta: RecordMeta, shard: String, offset: Int)
    -> FeatureIndex.Entry
  {
    FeatureIndex.Entry(
      id: meta.id, key: meta.key, start: request.start, end: request.end, shard: shard, offset: offset,
      frames: meta.frames, windows: meta.windows, audioHash: meta.audioHash, dropReason: meta.dropReason,
      detail: meta.detail, source: meta.source)
  }

  // MARK: - Names and keys

  /// Cache key of one segment: audio content + span + feature config.
  static func recordKey(audioHash: String, request: FeatureRequest, configHash: String) -> String {
    request.identity(fileHash: audioHash).cacheKey(configHash: configHash)
  }

  /// A request's own channel in keys and names (nothing without one, so such keys are unchanged).
  static func channelText(_ request: FeatureRequest) -> String { request.channel.map { "\nchannel \($0)" } ?? "" }

  /// Deterministic shard file name from the slot number and its requests.
  static func shardName(_ slot: Int, _ requests: [FeatureRequest], configHash: String) -> String {
    var hasher = SHA256()
    hasher.update(configHash)
    for r in requests {
      hasher.update("\n\(r.segmentID)\t\(r.path)\t\(r.start)\t\(r.end.map { "\($0)" } ?? "end")\(channelText(r))")
    }
    return String(format: "shard-%05d-", slot) + hasher.finalizeHex().prefix(16) + ".bin"
  }

  static func planHash(_ requests: [FeatureRequest], configHash: String, segmentsPerShard: Int) -> String {
    var hasher = SHA256()
    hasher.update("\(configHash)\n\(segmentsPerShard)")
    for r in requests {
      hasher.update("\n\(r.segmentID)\t\(r.path)\t\(r.start)\t\(r.end.map { "\($0)" } ?? "end")\(channelText(r))")
    }
    return hasher.finalizeHex()
  }

  /// Deletes shard files the index does not name and leftover temporaries (never other files).
  static func removeUnreferenced(in featuresDir: String, keeping: Set<String>, removeParts: Bool) {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: featuresDir)) ?? []
    for name in names {
      let isShard = name.hasPrefix("shard-") && name.hasSuffix(".bin") && !keeping.contains(name)
      let isTemp = name.hasPrefix(".") && name.contains(".tmp-")
      let isPart = removeParts && name.hasPrefix("index.part-")
      if isShard || isTemp || isPart { unlink(featuresDir + "/" + name) }
    }
  }
}

/// A value shared between threads behind a lock.
final class LockedBox<T>: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: T
  init(_ value: T) { stored = value }

  /// Changes the value under the lock.
  func update<R>(_ body: (inout T) throws -> R) rethrows -> R {
    lock.lock()
    defer { lock.unlock() }
    return try body(&stored)
  }

  var value: T {
    get {
      lock.lock()
      defer { lock.unlock() }
      return stored
    }
    set {
      lock.lock()
      stored = newValue
      lock.unlock()
    }
  }
}

/// Hands a non-Sendable value to worker threads that use disjoint parts of it.
struct UncheckedSendable<T>: @unchecked Sendable {
  let value: T
  init(_ value: T) { self.value = value }
}

private struct RecordIdentity: Hashable {
  var id: String
  var key: String
}

private struct RecordData: Sendable {
  var meta: RecordMeta
  var payload: [Float]
}

/// Records of older shard files, by key, to copy instead of recompute (loaded at most once a run).
struct ReusePool: Sendable {
  let directory: String
  private var loaded = false
  private var byKey: [String: (file: String, record: ShardRecord.Located)] = [:]

  init(directory: String) { self.directory = directory }

  mutating func load() {
    if loaded { return }
    loaded = true
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter {
      $0.hasPrefix("shard-") && $0.hasSuffix(".bin")
    }
    for name in names.sorted() {
      for record in ShardRecord.scan(directory + "/" + name).records where !record.meta.key.isEmpty {
        if byKey[record.meta.key] == nil { byKey[record.meta.key] = (directory + "/" + name, record) }
      }
    }
  }

  /// The payload and meta of a record with `key`, re-verified on read; nil when absent or damaged.
  func take(key: String) -> ([Float], RecordMeta)? {
    guard !key.isEmpty, let (path, record) = byKey[key] else { return nil }
    guard let bytes = FeatureStore.readBytes(path, offset: record.offset, count: record.recordLength) else {
      return nil
    }
    return bytes.withUnsafeBytes { raw in
      guard let fresh = ShardRecord.parseHeader(raw, at: 0), fresh.meta.key == key,
        ShardRecord.verify(fresh, recordBytes: raw)
      else { return nil }
      return (ShardRecord.payload(fresh, recordBytes: raw), fresh.meta)
    }
  }
}
