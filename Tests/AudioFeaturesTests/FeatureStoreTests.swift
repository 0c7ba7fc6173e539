import EmoSupport
import Foundation
import Testing

@testable import AudioFeatures
@testable import TestSupport

/// A small audio tree shared by the store tests: five speech-like files, one long "dialog", and
/// the troublesome cases (missing, garbage, too short, silent, span beyond the end).
struct StoreFixture {
  let audio: TemporaryDirectory
  let requests: [FeatureRequest]

  init() throws {
    audio = try TemporaryDirectory("emocorpus-audio")
    var requests: [FeatureRequest] = []
    for i in 0..<5 {
      let path = audio.path + "/turn\(i).wav"
      try AudioWriter.write(StoreFixture.signals[i], sampleRate: 16000, to: path)
      requests.append(FeatureRequest(segmentID: "turn\(i)", path: path))
    }
    let dialog = audio.path + "/dialog.flac"
    try AudioWriter.write(StoreFixture.signals[5], sampleRate: 8000, encoding: .flac16, to: dialog)
    requests.append(FeatureRequest(segmentID: "dlg-001", path: dialog, start: 0.52, end: 2.1))
    requests.append(FeatureRequest(segmentID: "dlg-002", path: dialog, start: 2.5, end: 6.25))
    requests.append(FeatureRequest(segmentID: "dlg-beyond", path: dialog, start: 7.5, end: 9.0))
    requests.append(FeatureRequest(segmentID: "dlg-short", path: dialog, start: 3.0, end: 3.01))
    requests.append(FeatureRequest(segmentID: "missing", path: audio.path + "/nope.wav"))
    let garbage = try audio.write("garbage.wav", "RIFF but not really a wave file")
    requests.append(FeatureRequest(segmentID: "garbage", path: garbage))
    let silent = audio.path + "/silent.wav"
    try AudioWriter.write([Float](repeating: 0, count: 16000), sampleRate: 16000, to: silent)
    requests.append(FeatureRequest(segmentID: "silent", path: silent))
    self.requests = requests
  }

  /// The turns (16 kHz) and the dialog (8 kHz, 8 s), synthesized once per test process.
  static let signals: [[Float]] = {
    var random = SplitMixSignal(seed: 3)
    return [1.2, 3.7, 0.6, 5.1, 2.0].map { random.speechLike(seconds: $0, rate: 16000) }
      + [random.speechLike(seconds: 8, rate: 8000)]
  }()

  /// Every file under `dir/features` except normalization statistics, name → bytes.
  static func snapshot(_ dir: String) -> [String: Data] {
    let featuresDir = dir + "/features"
    var result: [String: Data] = [:]
    for name in (try? FileManager.default.contentsOfDirectory(atPath: featuresDir)) ?? [] where name != "norm" {
      result[name] = FileManager.default.contents(atPath: featuresDir + "/" + name)
    }
    return result
  }
}

/// Deterministic speech-like test audio: harmonic tone with a moving pitch plus noise.
struct SplitMixSignal {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func uniform() -> Double {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return Double((z ^ (z >> 31)) >> 11) * 0x1.0p-53
  }
  mutating func speechLike(seconds: Double, rate: Int) -> [Float] {
    let count = Int(seconds * Double(rate))
    var phase = 0.0
    return (0..<count).map { i in
      let t = Double(i) / Double(rate)
      phase += 2 * Double.pi * (150 + 40 * sin(2 * Double.pi * 2 * t)) / Double(rate)
      let voiced = (1...8).reduce(0.0) { $0 + sin(Double($1) * phase) / Double($1) }
      return Float(0.2 * voiced + 0.02 * (uniform() - 0.5))
    }
  }
}

@Suite struct FeatureStoreTests {
  static let config = FeatureConfig()

  @Test func buildsReadsAndAccountsForEveryRequest() throws {
    let fixture = try StoreFixture()
    defer { fixture.audio.remove() }
    let out = try TemporaryDirectory()
    defer { out.remove() }
    let outcomes = try FeatureStore.build(
      fixture.requests, in: out.path, config: Self.config, jobs: 2, shard: nil, progress: false, segmentsPerShard: 4,
      stopAfterShards: nil)
    #expect(outcomes.count == fixture.requests.count)
    func dropped(_ id: String) -> (FeatureDropReason, String)? {
      if case .dropped(let reason, let detail) = outcomes[id] { return (reason, detail) }
      return nil
    }
    #expect(dropped("missing")?.0 == .missingAudio)
    #expect(dropped("garbage")?.0 == .unreadableAudio)
    #expect(dropped("silent")?.0 == .unreadableAudio)
    #expect(dropped("silent")?.1 == "silence only (every sample is exactly zero)")
    #expect(dropped("dlg-short")?.0 == .tooShort)
    #expect(dropped("dlg-beyond")?.0 == .unreadableAudio)
    #expect(
      dropped("dlg-beyond")?.1
        == "segment 7.5–9 s lies beyond the end of the audio (expected a span within 0–8 s)")

    let store = try FeatureStore(directory: out.path)
    #expect(store.segmentIDs == ["turn0", "turn1", "turn2", "turn3", "turn4", "dlg-001", "dlg-002"])
    let extractor = try FeatureExtractor(config: Self.config)
    for request in fixture.requests.prefix(7) {
      let direct = extractor.features(try SegmentAudio.samples(for: request, config: Self.config))
      let cached = try store.features(request.segmentID)
      #expect(cached.frames == direct.frames)
      #expect(zip(cached.values, direct.values).allSatisfy { abs($0 - $1) <= 1e-6 })
      guard case .ready(let frames, let windows, let hash)? = outcomes[request.segmentID] else {
        Issue.record("\(request.segmentID) not ready")
        continue
      }
      #expect(frames == direct.frames)
      #expect(windows == Self.config.framing.windowCount(frames: frames))
      #expect(hash.count == 64)
    }
    let turn3 = try store.windows("turn3")  // 5.1 s → 508 frames → windows at 0, 200, 400
    #expect(turn3.map(\.length) == [300, 300, 108])
    #expect(try FeatureStore(directory: out.path + "/features").segmentIDs == store.segmentIDs)
    // 8 kHz audio resampled to 16 kHz: 1.58 s → 156 frames.
    #expect(try store.frames("dlg-001") == 156)
    #expect(throws: (any Error).self) { try store.features("silent") }
  }

  @Test func windowsAreCutFromWholeFeaturesAndPadded() throws {
    let values = (0..<(650 * 3)).map { Float($0 % 97) + 1 }
    let matrix = FeatureMatrix(frames: 650, featureCount: 3, values: values)
    let windows = SubSegmenter.windows(matrix)
    #expect(windows.map(\.start) == [0, 200, 400])
    #expect(windows.map(\.length) == [300, 300, 250])
    #expect(windows.allSatisfy { $0.paddedFrames == 300 })
    let last = windows[2]
    #expect(abs(last.values[0] - matrix[400, 0]) < 1e-9)
    #expect(abs(last.values[249 * 3 + 2] - matrix[649, 2]) < 1e-9)
    #expect(last.values[(250 * 3)...].allSatisfy { $0 == 0 })
    #expect(
      SubSegmenter.windows(FeatureMatrix(frames: 120, featureCount: 3, values: Array(values[0..<360]))).map(\.length)
        == [120])
  }

  @Test func interruptedRunResumesToAnIdenticalCache() throws {
    let fixture = try StoreFixture()
    defer { fixture.audio.remove() }
    let reference = try TemporaryDirectory()
    let resumed = try TemporaryDirectory()
    defer {
      reference.remove()
      resumed.remove()
    }
    _ = try FeatureStore.build(
      fixture.requests, in: reference.path, config: Self.config, jobs: 2, shard: nil, progress: false,
      segmentsPerShard: 3, stopAfterShards: nil)
    // "kill -9" after two of the five shards: no index, finished shards durable, a stray temp file.
    _ = try FeatureStore.build(
      fixture.requests, in: resumed.path, config: Self.config, jobs: 1, shard: nil, progress: false,
      segmentsPerShard: 3, stopAfterShards: 2)
    #expect(!FileManager.default.fileExists(atPath: resumed.path + "/features/index.json"))
    #expect(throws: (any Error).self) { _ = try FeatureStore(directory: resumed.path) }
    let partial = StoreFixture.snapshot(resumed.path)
    #expect(partial.count == 2)
    try Data("half a shard".utf8).write(to: URL(fileURLWithPath: resumed.path + "/features/.shard-00002-x.bin.tmp-99"))
    let firstShard = partial.keys.sorted()[0]
    let inodeBefore = try inode(resumed.path + "/features/" + firstShard)
    _ = try FeatureStore.build(
      fixture.requests, in: resumed.path, config: Self.config, jobs: 2, shard: nil, progress: false,
      segmentsPerShard: 3, stopAfterShards: nil)
    // The finished shard was reused as it was (same inode: not rewritten).
    #expect(try inode(resumed.path + "/features/" + firstShard) == inodeBefore)
    #expect(StoreFixture.snapshot(resumed.path) == StoreFixture.snapshot(reference.path))
    #expect(StoreFixture.snapshot(reference.path).count == 5)  // 4 shards + index
  }

  @Test func corruptedOrTruncatedShardIsDetectedAndRecomputed() throws {
    let fixture = try StoreFixture()
    defer { fixture.audio.remove() }
    let out = try TemporaryDirectory()
    defer { out.remove() }
    func build() throws {
      _ = try FeatureStore.build(
        fixture.requests, in: out.path, config: Self.config, jobs: 2, shard: nil, progress: false,
        segmentsPerShard: 3, stopAfterShards: nil)
    }
    try build()
    let good = StoreFixture.snapshot(out.path)
    let shard = good.keys.filter { $0.hasPrefix("shard-00000") }.first!
    let shardPath = out.path + "/features/" + shard
    // Flip one byte inside the first record's payload.
    var bytes = good[shard]!
    bytes[bytes.count / 3] ^= 0x40
    try bytes.write(to: URL(fileURLWithPath: shardPath))
    let store = try FeatureStore(directory: out.path)
    var messages: [String] = []
    for id in ["turn0", "turn1", "turn2"] {
      do { _ = try store.features(id) } catch { messages.append("\(error)") }
    }
    #expect(
      messages == [
        "\(shardPath): feature record of segment turn1 is corrupted (checksum mismatch) "
          + "(expected rerun prep to recompute it)"
      ])
    try build()
    #expect(StoreFixture.snapshot(out.path) == good)
    // Truncation: the index no longer matches, opening fails; a rerun repairs it.
    try good[shard]!.prefix(good[shard]!.count - 100).write(to: URL(fileURLWithPath: shardPath))
    do {
      _ = try FeatureStore(directory: out.path)
      Issue.record("a truncated shard must not open")
    } catch {
      #expect(
        "\(error)"
          == "\(shardPath): feature shard has \(good[shard]!.count - 100) bytes, the index says \(good[shard]!.count) "
          + "(expected rerun prep to recompute it)")
    }
    try build()
    #expect(StoreFixture.snapshot(out.path) == good)
  }

  @Test func shardedRunsMergeIntoTheSingleRunCache() throws {
    let fixture = try StoreFixture()
    defer { fixture.audio.remove() }
    let single = try TemporaryDirectory()
    let sharded = try TemporaryDirectory()
    defer {
      single.remove()
      sharded.remove()
    }
    _ = try FeatureStore.build(
      fixture.requests, in: single.path, config: Self.config, jobs: 2, shard: nil, progress: false,
      segmentsPerShard: 2, stopAfterShards: nil)
    var outcomes: [String: FeatureOutcome] = [:]
    for k in [3, 1, 2] {
      let part = try FeatureStore.build(
        fixture.requests, in: sharded.path, config: Self.config, jobs: 1, shard: FeatureShard(index: k, count: 3),
        progress: false,
        segmentsPerShard: 2, stopAfterShards: nil)
      outcomes.merge(part) { a, _ in a }
    }
    #expect(outcomes.count == fixture.requests.count)
    try FeatureStore.mergeShards(in: sharded.path)
    #expect(StoreFixture.snapshot(sharded.path) == StoreFixture.snapshot(single.path))
    #expect(try FeatureStore(directory: sharded.path).segmentIDs.count == 7)
  }

  @Test func mergeRefusesAMissingPart() throws {
    let fixture = try StoreFixture()
    defer { fixture.audio.remove() }
    let out = try TemporaryDirectory()
    defer { out.remove() }
    _ = try FeatureStore.build(
      fixture.requests, in: out.path, config: Self.config, jobs: 1, shard: FeatureShard(index: 1, count: 2),
      progress: false,
      segmentsPerShard: 4, stopAfterShards: nil)
    do {
      try FeatureStore.mergeShards(in: out.path)
      Issue.record("merge must fail")
    } catch {
      #expect(
        "\(error)"
          == "\(out.path)/features/index.part-2-of-2.json: part 2 of 2 is missing "
          + "(expected every part computed before merging)")
    }
  }

  /// A stored record's payload follows its variable-length meta, so it may start at any byte: its
  /// moments must be those of the matrix it holds, bit for bit, wherever it starts. Checked against
  /// a float64 two-pass reference too.
  @Test(arguments: [0, 1, 2, 3])
  func momentsOfAStoredPayloadEqualThoseOfItsMatrix(_ misalignment: Int) throws {
    var random = SeededRandom(seed: 5)
    let frames = 37
    let width = 120
    let values = (0..<(frames * width)).map { _ in Float(random.uniform() * 40 - 20) }
    let matrix = FeatureMatrix(frames: frames, featureCount: width, values: values)
    let fromMatrix = Moments(matrix)
    var bytes = [UInt8](repeating: 0, count: misalignment + 4 * values.count + 8)
    for (i, v) in values.enumerated() {
      withUnsafeBytes(of: v.bitPattern.littleEndian) { word in
        for b in 0..<4 { bytes[misalignment + 4 * i + b] = word[b] }
      }
    }
    // The buffer is at least 8-byte aligned, so the offsets cover both the direct and the copied path.
    let fromPayload = bytes.withUnsafeBytes { raw in
      Moments(
        payload: UnsafeRawBufferPointer(rebasing: raw[misalignment..<(misalignment + 4 * values.count)]), width: width)
    }
    #expect(fromPayload.count == frames)
    #expect(fromPayload.mean == fromMatrix.mean)
    #expect(fromPayload.m2 == fromMatrix.m2)
    for j in [0, 41, 119] {
      let column = (0..<frames).map { Double(values[$0 * width + j]) }
      let mean = column.reduce(0, +) / Double(frames)
      let m2 = column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
      #expect(abs(fromPayload.mean[j] - mean) <= 1e-12 * 20)
      #expect(abs(fromPayload.m2[j] - m2) <= 1e-9 * max(1, m2))
    }
  }

  @Test func normalizationUsesTrainingFramesOnly() throws {
    let fixture = try StoreFixture()
    defer { fixture.audio.remove() }
    let out = try TemporaryDirectory()
    defer { out.remove() }
    _ = try FeatureStore.build(fixture.requests, in: out.path, config: Self.config, jobs: 2, progress: false)
    let store = try FeatureStore(directory: out.path)
    let training = ["turn1", "turn3", "silent"]
    let stats = try store.computeNormalization(trainingIDs: training)
    #expect(stats.skippedSegments == ["silent"])
    #expect(stats.segments == 2)
    // Two-pass float64 reference over the same frames.
    let matrices = try ["turn1", "turn3"].map { try store.features($0) }
    let frames = matrices.reduce(0) { $0 + $1.frames }
    #expect(stats.frames == frames)
    for j in [0, 17, 45, 119] {
      let values = matrices.flatMap { m in (0..<m.frames).map { Double(m[$0, j]) } }
      let mean = values.reduce(0, +) / Double(values.count)
      let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
      #expect(abs(stats.mean[j] - mean) < 1e-9 * max(1, abs(mean)))
      #expect(abs(stats.variance[j] - variance) < 1e-9 * max(1, variance))
    }
    // Several folds at once, each segment read once on two threads: the same statistics.
    let both = try store.computeNormalizations(trainingIDs: [training, ["turn0", "turn3", "dlg-001"]], jobs: 2)
    #expect(both[0].frames == stats.frames && both[0].skippedSegments == ["silent"])
    #expect(zip(both[0].mean, stats.mean).allSatisfy { abs($0 - $1) <= 1e-12 * max(1, abs($1)) })
    #expect(zip(both[0].variance, stats.variance).allSatisfy { abs($0 - $1) <= 1e-12 * max(1, abs($1)) })
    let other = try store.computeNormalization(trainingIDs: ["turn0", "turn3", "dlg-001"])
    #expect(both[1].segments == 3 && both[1].frames == other.frames)
    #expect(zip(both[1].variance, other.variance).allSatisfy { abs($0 - $1) <= 1e-12 * max(1, abs($1)) })
    try stats.save(fold: 2, in: out.path)
    #expect(try NormalizationStats.load(fold: 2, in: out.path) == stats)
    #expect(FileManager.default.fileExists(atPath: out.path + "/features/norm/fold-2.json"))
    #expect(throws: (any Error).self) { _ = try store.computeNormalization(trainingIDs: ["nobody"]) }
  }

  @Test func duplicateIdsAndBadShardSpecsAreRejected() throws {
    let out = try TemporaryDirectory()
    defer { out.remove() }
    let twice = [FeatureRequest(segmentID: "a", path: "/x.wav"), FeatureRequest(segmentID: "a", path: "/y.wav")]
    do {
      _ = try FeatureStore.build(twice, in: out.path, progress: false)
      Issue.record("duplicates must fail")
    } catch { #expect("\(error)" == "duplicate segment id a in feature requests") }
    // A bad slice cannot reach the build: only 1 <= K <= N parses.
    for bad in ["3/2", "0/2", "1/0", "2", "a/b", "1/2/3", "-1/2"] {
      #expect(FeatureShard(parsing: bad) == nil, "\(bad)")
    }
    #expect(FeatureShard(parsing: "2/8")?.description == "2/8")
  }

  @Test func quietAudioIsKeptTruncatedAudioIsDroppedAndSourcesAreRecorded() throws {
    let dir = try TemporaryDirectory("emocorpus-audio")
    defer { dir.remove() }
    let out = try TemporaryDirectory()
    defer { out.remove() }
    var random = SplitMixSignal(seed: 5)
    // Peak 1e-5, below one 16-bit step: a very quiet float recording is speech, not silence.
    let loud = random.speechLike(seconds: 1, rate: 16000)
    let peak = loud.map(abs).max()!
    let quiet = dir.path + "/quiet.wav"
    try AudioWriter.write(loud.map { $0 / peak * 1e-5 }, sampleRate: 16000, encoding: .float32, to: quiet)
    let (cut, frames, held) = try AudioFileTests.truncatedWAV(in: dir, keeping: 0.5)
    let stereo = dir.path + "/stereo.wav"
    try AudioWriter.write(
      random.speechLike(seconds: 0.5, rate: 22050).flatMap { [$0, -$0] }, channels: 2, sampleRate: 22050, to: stereo)
    let requests = [
      FeatureRequest(segmentID: "quiet", path: quiet), FeatureRequest(segmentID: "cut", path: cut),
      FeatureRequest(segmentID: "stereo", path: stereo),
    ]
    let outcomes = try FeatureStore.build(requests, in: out.path, progress: false)
    guard case .ready = outcomes["quiet"] else {
      Issue.record("quiet audio dropped: \(String(describing: outcomes["quiet"]))")
      return
    }
    #expect(
      outcomes["cut"]
        == .dropped(
          .unreadableAudio,
          detail: "truncated: the header announces \(frames) frames, the file holds \(held) "
            + "(expected a complete file; an interrupted copy?)"))
    let store = try FeatureStore(directory: out.path)
    #expect(store.sourceAudio("quiet") == SourceAudio(sampleRate: 16000, channels: 1, frames: 16000))
    #expect(store.sourceAudio("stereo") == SourceAudio(sampleRate: 22050, channels: 2, frames: 11025))
    #expect(store.sourceAudio("cut") == nil)  // never opened: refused on its header
  }

  @Test func eachRequestReadsItsOwnChannel() throws {
    // A call recorded agent left, caller right: each speaker's segments from their channel give
    // exactly the features of that speaker's mono recording.
    let dir = try TemporaryDirectory("emocorpus-audio")
    defer { dir.remove() }
    let out = try TemporaryDirectory()
    defer { out.remove() }
    var random = SplitMixSignal(seed: 9)
    let agent = random.speechLike(seconds: 3, rate: 44100)
    let caller = random.speechLike(seconds: 3, rate: 44100).map { $0 * 0.5 }
    let call = dir.path + "/call.wav"
    try AudioWriter.write(zip(agent, caller).flatMap { [$0, $1] }, channels: 2, sampleRate: 44100, to: call)
    try AudioWriter.write(agent, sampleRate: 44100, to: dir.path + "/agent.wav")
    try AudioWriter.write(caller, sampleRate: 44100, to: dir.path + "/caller.wav")
    let requests = [
      FeatureRequest(segmentID: "agent-1", path: call, start: 0.2, end: 1.4, channel: 0),
      FeatureRequest(segmentID: "caller-1", path: call, start: 0.2, end: 1.4, channel: 1),
      FeatureRequest(segmentID: "both-1", path: call, start: 0.2, end: 1.4),
    ]
    _ = try FeatureStore.build(requests, in: out.path, progress: false)
    let store = try FeatureStore(directory: out.path)
    let extractor = try FeatureExtractor()
    let agentMono = try extractor.features(path: dir.path + "/agent.wav", start: 0.2, end: 1.4)
    let callerMono = try extractor.features(path: dir.path + "/caller.wav", start: 0.2, end: 1.4)
    #expect(try store.features("agent-1").values == agentMono.values)
    #expect(try store.features("caller-1").values == callerMono.values)
    #expect(try store.features("both-1").values != agentMono.values)
    // Same span, other channel: another cache key.
    let index = try FeatureIndex.load(out.path + "/features/index.json")
    #expect(Set(index.entries.map(\.key)).count == 3)
    let missing = [FeatureRequest(segmentID: "x", path: call, channel: 2)]
    let other = try TemporaryDirectory()
    defer { other.remove() }
    let outcome = try FeatureStore.build(missing, in: other.path, progress: false)["x"]
    #expect(outcome == .dropped(.unreadableAudio, detail: "no channel 3 in the audio (expected 1…2)"))
  }

  @Test func readsFromManyMoreShardsThanItKeepsOpen() throws {
    let dir = try TemporaryDirectory("emocorpus-audio")
    defer { dir.remove() }
    let out = try TemporaryDirectory()
    defer { out.remove() }
    var random = SplitMixSignal(seed: 21)
    let path = dir.path + "/a.wav"
    try AudioWriter.write(random.speechLike(seconds: 2, rate: 16000), sampleRate: 16000, to: path)
    let count = FeatureStore.openShardLimit + 9
    let requests = (0..<count).map {
      FeatureRequest(segmentID: "s\($0)", path: path, start: 0.01 * Double($0), end: 0.5 + 0.01 * Double($0))
    }
    _ = try FeatureStore.build(
      requests, in: out.path, config: Self.config, jobs: 2, shard: nil, progress: false, segmentsPerShard: 1,
      stopAfterShards: nil)
    let store = try FeatureStore(directory: out.path)
    let expected = try requests.map { try store.features($0.segmentID).values }
    // Many threads, shards opened and let go while others read: every record still verifies.
    let results = Parallel.map(3 * count, workers: 4) { i, _ in (try? store.features("s\(i % count)").values) ?? [] }
    for (i, values) in results.enumerated() { #expect(values == expected[i % count], "s\(i % count)") }
  }

  @Test func recordMetaIsTheJSONThatJSONEncoderWrites() throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let metas = [
      RecordMeta(
        id: "D0001-003", key: String(repeating: "a1", count: 32), audioHash: String(repeating: "f0", count: 32),
        frames: 248, windows: 2, featureCount: 120, source: SourceAudio(sampleRate: 44100, channels: 2, frames: 123_456)
      ),
      RecordMeta(
        id: "é \"quoted\" back\\slash/ tab\t line\n", key: "", audioHash: nil, frames: 0, windows: 0,
        featureCount: 80, dropReason: .unreadableAudio, detail: "truncated: the header announces 16000 frames"),
    ]
    for meta in metas {
      #expect(
        String(decoding: ShardRecord.encodeMeta(meta), as: UTF8.self)
          == String(decoding: try encoder.encode(meta), as: UTF8.self))
      #expect(try JSONDecoder().decode(RecordMeta.self, from: ShardRecord.encodeMeta(meta)) == meta)
    }
  }

  private func inode(_ path: String) throws -> UInt64 {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
  }
}
