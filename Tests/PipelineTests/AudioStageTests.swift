import AudioFeatures
import EmoCorpus
import EmoSupport
import Foundation
import TestSupport
import Testing

@testable import Pipeline

/// Audio as it really comes: truncated copies, quiet recordings, mixed source rates, and dialog
/// recordings with one channel per speaker, through the whole of `prep`.
@Suite struct AudioStageTests {
  /// Deterministic speech-like audio: a harmonic tone with a moving pitch, plus noise.
  static func speech(seconds: Double, rate: Int, pitch: Double, seed: UInt64) -> [Float] {
    var state = seed
    var phase = 0.0
    return (0..<Int(seconds * Double(rate))).map { i in
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let noise = Double(Int32(truncatingIfNeeded: state >> 32)) / 2_147_483_648
      let t = Double(i) / Double(rate)
      phase += 2 * Double.pi * (pitch + 30 * sin(2 * Double.pi * 3 * t)) / Double(rate)
      let voiced = (1...10).reduce(0.0) { $0 + sin(Double($1) * phase) / Double($1) }
      return Float(0.2 * voiced * (0.6 + 0.4 * sin(2 * Double.pi * 2 * t)) + 0.01 * noise)
    }
  }

  /// A CEMO corpus of one stereo call (agent A07 on the left channel, caller C01 on the right),
  /// the XML declaring each speaker's channel when `channels` is true; also the two speakers'
  /// mono recordings, for comparison.
  static func stereoCall(in root: String, channels: Bool) throws {
    try FileManager.default.createDirectory(atPath: root + "/audio", withIntermediateDirectories: true)
    let agent = speech(seconds: 6, rate: 44100, pitch: 210, seed: 1)
    let caller = speech(seconds: 6, rate: 44100, pitch: 120, seed: 2).map { $0 * 0.7 }
    try AudioWriter.write(
      zip(agent, caller).flatMap { [$0, $1] }, channels: 2, sampleRate: 44100, to: root + "/audio/call.wav")
    try AudioWriter.write(agent, sampleRate: 44100, to: root + "/agent-mono.wav")
    try AudioWriter.write(caller, sampleRate: 44100, to: root + "/caller-mono.wav")
    let agentChannel = channels ? #" channel="0""# : ""
    let callerChannel = channels ? #" channel="1""# : ""
    let xml = """
      <?xml version="1.0" encoding="UTF-8"?>
      <corpus name="stereo" version="1">
        <coders><coder id="c1"/></coders>
        <speakers>
          <speaker id="A07" role="agent" gender="female"\(agentChannel)/>
          <speaker id="C01" role="caller" gender="male"\(callerChannel)/>
        </speakers>
        <dialog id="D1" audio="audio/call.wav">
          <segment id="D1-1" speaker="A07" start="0.25" end="2.5"><annotation coder="c1" major="Neutral"/></segment>
          <segment id="D1-2" speaker="C01" start="0.25" end="2.5"><annotation coder="c1" major="Annoyance"/></segment>
          <segment id="D1-3" speaker="C01" start="3.0" end="5.75"><annotation coder="c1" major="Stress"/></segment>
        </dialog>
      </corpus>
      """
    try xml.write(toFile: root + "/calls.xml", atomically: true, encoding: .utf8)
  }

  static func prep(_ root: String, out: String, configure: (inout PrepConfig) -> Void = { _ in }) throws -> PrepSummary
  {
    var c = PrepConfig(source: .cemo, root: root + "/calls.xml", task: "cemo-4", out: out)
    c.folds = 0
    c.audit = false
    c.jobs = 2
    c.audio.rate = 16000
    configure(&c)
    return try PrepPipeline.run(c, log: { _ in })
  }

  @Test func eachSpeakerGetsTheFeaturesOfTheirOwnChannel() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    try Self.stereoCall(in: tmp.path + "/c", channels: true)
    _ = try Self.prep(tmp.path + "/c", out: tmp.path + "/p")
    let store = try FeatureStore(directory: tmp.path + "/p")
    var config = FeatureConfig()
    config.resampler = .soxr
    let extractor = try FeatureExtractor(config: config)
    let agent = try extractor.features(path: tmp.path + "/c/agent-mono.wav", start: 0.25, end: 2.5)
    let caller = try extractor.features(path: tmp.path + "/c/caller-mono.wav", start: 0.25, end: 2.5)
    let callerLater = try extractor.features(path: tmp.path + "/c/caller-mono.wav", start: 3.0, end: 5.75)
    #expect(try store.features("D1-1").values == agent.values)
    #expect(try store.features("D1-2").values == caller.values)
    #expect(try store.features("D1-3").values == callerLater.values)

    // Without channels in the corpus, --channel-map by role gives the same features…
    try Self.stereoCall(in: tmp.path + "/m", channels: false)
    let roles = try ChannelMap(parsing: "agent=0,caller=1")
    _ = try Self.prep(tmp.path + "/m", out: tmp.path + "/pm") { $0.audio.channelMap = roles }
    let mapped = try FeatureStore(directory: tmp.path + "/pm")
    #expect(try mapped.features("D1-1").values == agent.values)
    #expect(try mapped.features("D1-2").values == caller.values)
    let resolved = try String(contentsOfFile: tmp.path + "/pm/config.resolved.yaml", encoding: .utf8)
    #expect(resolved.contains("channel_map:") && resolved.contains("caller: 1"))
    // …a speaker's own entry wins over their role…
    let override = try ChannelMap(parsing: "caller=1,C01=0")
    _ = try Self.prep(tmp.path + "/m", out: tmp.path + "/po") { $0.audio.channelMap = override }
    #expect(try FeatureStore(directory: tmp.path + "/po").features("D1-2").values != caller.values)
    // …without any mapping the channels are mixed down, as before…
    _ = try Self.prep(tmp.path + "/m", out: tmp.path + "/px")
    let mixed = try FeatureStore(directory: tmp.path + "/px")
    #expect(try mixed.features("D1-2").values != caller.values)
    #expect(try mixed.features("D1-2").values != agent.values)
    // …and --channel N (counted from 1) still forces one channel for every segment.
    _ = try Self.prep(tmp.path + "/c", out: tmp.path + "/pf") { $0.audio.channel = 1 }
    #expect(try FeatureStore(directory: tmp.path + "/pf").features("D1-2").values == agent.values)
  }

  @Test func theCatalogRecordsTheCachesOwnKeyOfEachSegment() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    try Self.stereoCall(in: tmp.path + "/c", channels: true)
    _ = try Self.prep(tmp.path + "/c", out: tmp.path + "/p")
    let keys = try Catalog(opening: tmp.path + "/p/" + Catalog.fileName).featureKeys()
    let store = try FeatureStore(directory: tmp.path + "/p")
    #expect(keys.count == 3)
    for (id, key) in keys {
      #expect(store.key(of: id) == key, "segment \(id)")
      #expect(key.count == 64 && key.allSatisfy(\.isHexDigit))
    }
    // Two segments of one file on different channels or spans are different audio.
    #expect(Set(keys.values).count == keys.count)
  }

  @Test func aChannelTheFileLacksIsAnErrorNamingFileAndSpeaker() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    try Self.stereoCall(in: tmp.path + "/c", channels: false)
    let map = try ChannelMap(parsing: "C01=2")
    do {
      _ = try Self.prep(tmp.path + "/c", out: tmp.path + "/p") { $0.audio.channelMap = map }
      Issue.record("a missing channel must stop prep")
    } catch {
      #expect(
        "\(error)"
          == "\(tmp.path)/c/audio/call.wav: speaker C01 talks on channel 2 (counted from 0; from --channel-map C01=2) "
          + "but the file has 2 channels (expected a channel 0…1; fix the channel map or the corpus's channel)")
    }
    #expect(!FileManager.default.fileExists(atPath: tmp.path + "/p/summary.json"))
  }

  @Test func truncatedQuietAndLowRateFilesAreAccountedFor() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let root = tmp.path + "/t"
    try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    var rows = ["path,speaker,label"]
    for i in 0..<4 {
      try AudioWriter.write(
        Self.speech(seconds: 1.5, rate: 16000, pitch: 150 + 20 * Double(i), seed: UInt64(i)), sampleRate: 16000,
        to: root + "/s\(i).wav")
      rows.append("s\(i).wav,spk\(i),\(["neu", "ang"][i % 2])")
    }
    // Quiet: peak 2e-5 in a float file, below one 16-bit step, still speech.
    let loud = Self.speech(seconds: 1.5, rate: 16000, pitch: 180, seed: 9)
    let peak = loud.map(abs).max()!
    try AudioWriter.write(loud.map { $0 / peak * 2e-5 }, sampleRate: 16000, encoding: .float32, to: root + "/quiet.wav")
    rows.append("quiet.wav,spk4,neu")
    // Telephone audio in a 16 kHz corpus: upsampled, warned about and counted.
    try AudioWriter.write(
      Self.speech(seconds: 1.5, rate: 8000, pitch: 140, seed: 11), sampleRate: 8000, to: root + "/phone.wav")
    rows.append("phone.wav,spk5,ang")
    // An interrupted copy: the header still announces 1.5 s.
    try AudioWriter.write(
      Self.speech(seconds: 1.5, rate: 16000, pitch: 130, seed: 12), sampleRate: 16000, to: root + "/cut.wav")
    let whole = try Data(contentsOf: URL(fileURLWithPath: root + "/cut.wav"))
    try whole.prefix(whole.count - 12000 * 2).write(to: URL(fileURLWithPath: root + "/cut.wav"))
    rows.append("cut.wav,spk6,neu")
    // Exact digital silence is still dropped.
    try AudioWriter.write([Float](repeating: 0, count: 16000), sampleRate: 16000, to: root + "/zeros.wav")
    rows.append("zeros.wav,spk7,ang")
    try (rows.joined(separator: "\n") + "\n").write(toFile: root + "/corpus.csv", atomically: true, encoding: .utf8)

    var c = PrepConfig(source: .table, root: root + "/corpus.csv", task: "iemocap-4", out: tmp.path + "/p")
    c.folds = 0
    c.audit = false
    c.jobs = 2
    var notes: [String] = []
    let summary = try PrepPipeline.run(c, log: { notes.append($0) })
    #expect(summary.kept == 6)
    #expect(summary.droppedPerReason["unreadable_audio"] == 2)
    let audio = try #require(summary.audio)
    #expect(audio.sampleRates == ["16000": 6, "8000": 1])  // the files that could be opened
    #expect(audio.belowTargetRate == 1)
    #expect(audio.belowTargetRateExamples == ["phone.wav"])
    #expect(audio.resampler == "soxr-vhq")
    #expect(
      notes.contains { $0.hasPrefix("1 audio file is below the target rate of 16000 Hz (8000 Hz; e.g. phone.wav)") })
    let json = try String(contentsOfFile: tmp.path + "/p/summary.json", encoding: .utf8)
    #expect(json.contains(#""sample_rates""#) && json.contains(#""below_target_rate" : 1"#))
    let drops = try DropListing.text(prepDir: tmp.path + "/p")
    #expect(drops.contains("truncated: the header announces 24000 frames, the file holds 12000"))
    #expect(drops.contains("silence only"))
  }
}
