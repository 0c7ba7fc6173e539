import AudioFeatures
import EmoCorpus
import EmoSupport
import Folds
import Foundation
import Readers
import Synth
import TestSupport
import Testing

@testable import Pipeline

/// prep reads each audio file once: the feature build hashes the bytes it decodes, files no
/// feature needs are only hashed, and the duplicate decision still comes before selection.
@Suite(.serialized) struct PrepReadsAudioOnceTests {
  /// An EmoDB-like tree with a copy at another path (duplicate_audio), a copy under another
  /// emotion (conflicting_labels) and boredom files (not in the task: hashed, never decoded).
  static func tree(_ root: String) throws {
    try FilesPipelineTests.emodbTree(root)
    let fm = FileManager.default
    try fm.createDirectory(atPath: root + "/old/wav", withIntermediateDirectories: true)
    try fm.copyItem(atPath: root + "/wav/03a01Wa.wav", toPath: root + "/old/wav/03a01Wa.wav")
    try fm.copyItem(atPath: root + "/wav/08a03Ta.wav", toPath: root + "/wav/08a05Wb.wav")
  }

  static func run(_ root: String, _ out: String, labelsOnly: Bool = false) throws -> (PrepSummary, [String: Int]) {
    var config = FilesPipelineTests.config(.files, root, out)
    config.files = FileReaderOptions(preset: "emodb")
    config.labelsOnly = labelsOnly
    return try AudioFileReads.counting(under: root) { try PrepPipeline.run(config, log: FilesPipelineTests.quiet) }
  }

  /// Every corpus file that prep reads: the pattern's files, not the hidden copy nor the test tone.
  static func corpusFiles(_ root: String) -> [String] {
    let names = (FileManager.default.enumerator(atPath: root)?.allObjects as? [String]) ?? []
    return names.filter { $0.hasSuffix(".wav") && !$0.contains("._") && !$0.contains("test_tone") }.map {
      root + "/" + $0
    }.sorted()
  }

  @Test func everyAudioFileIsReadOnceAndDuplicatesStillDecideFirst() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let root = tmp.path + "/emodb"
    try Self.tree(root)
    let out = tmp.path + "/out"
    let (summary, reads) = try Self.run(root, out)

    let files = Self.corpusFiles(root)
    #expect(files.count == 32)
    #expect(reads.keys.sorted() == files, "files read: \(reads.keys.sorted())")
    // The two files named 03a01Wa.wav are compared by the reader first (to tell a copy from two
    // recordings under one id): the copy is then known before any feature work and never read
    // again, the file kept is read once more to decode it; all others are read once.
    let named = [root + "/wav/03a01Wa.wav", root + "/old/wav/03a01Wa.wav"]
    #expect(named.map { reads[$0] ?? 0 }.sorted() == [1, 2], "\(reads.filter { $0.value != 1 })")
    #expect(reads.filter { !named.contains($0.key) && $0.value != 1 }.isEmpty, "\(reads.filter { $0.value != 1 })")
    // The copy has no record in the feature cache; the file kept has one.
    let dropped = try Catalog(opening: out + "/catalog.sqlite").rows(
      "SELECT segment_id, detail FROM drops WHERE reason = 'duplicate_audio'")
    let copy = try #require(dropped.first { ($0[1].string ?? "").contains("03a01Wa") }?[0].string)
    let store = try FeatureStore(directory: out)
    #expect(store.key(of: copy) == nil)
    #expect(store.key(of: "03a01Wa") != nil)

    // The decisions are those of a separate hash pass made first.
    #expect(summary.droppedPerReason["duplicate_audio"] == 1)
    #expect(summary.droppedPerReason["conflicting_labels"] == 2)
    #expect(summary.droppedPerReason["class_not_in_task"] == 6)
    #expect(summary.kept == 24 + 2 - 3)
    #expect(summary.featuresReady == summary.kept)

    // File hashes in the catalog, manifests' audio_hash and the cache keys all equal the
    // identities computed here from the files themselves.
    let catalog = try Catalog(opening: out + "/catalog.sqlite")
    let rows = try catalog.rows(
      "SELECT s.id, s.audio_path, c.audio_sha256 FROM segments s JOIN segment_content c ON c.segment_id = s.id")
    #expect(rows.count == 32)
    for row in rows {
      #expect(row[2].string == (try AudioFileHash.of(fileAt: row[1].string!)), "\(row[0])")
    }
    let config = try FilesPipelineTests.config(.files, root, out).featureConfig()
    var entries = 0
    for (_, data) in try FilesPipelineTests.manifests(out) {
      for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where line.hasPrefix("{") {
        let entry = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
        let id = entry["id"] as! String
        let path = entry["path"] as! String
        let identity = SegmentAudioIdentity(
          fileHash: try AudioFileHash.of(fileAt: path), start: 0, end: entry["end"] as? Double, channel: nil)
        #expect(entry["audio_hash"] as? String == identity.contentHash, "\(id)")
        let whole = SegmentAudioIdentity(fileHash: identity.fileHash, start: 0, end: nil, channel: nil)
        #expect(store.key(of: id) == whole.cacheKey(configHash: config.hashHex), "\(id)")
        entries += 1
      }
    }
    #expect(entries > 0)
  }

  /// Without features, each file is still read once (to hash it), and the same duplicates drop.
  @Test func labelsOnlyHashesEachFileOnce() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let root = tmp.path + "/emodb"
    try Self.tree(root)
    let (summary, reads) = try Self.run(root, tmp.path + "/out", labelsOnly: true)
    #expect(summary.droppedPerReason["duplicate_audio"] == 1)
    #expect(summary.droppedPerReason["conflicting_labels"] == 2)
    let files = Self.corpusFiles(root)
    #expect(files.allSatisfy { (reads[$0] ?? 0) >= 1 })
    // The bytes are hashed once (the reader's hash of the two 03a01Wa.wav is remembered), and a
    // kept file's header is read for its duration: no file is opened three times.
    #expect(reads.values.allSatisfy { $0 <= 2 }, "\(reads.filter { $0.value > 2 })")
  }
}

/// Dialog recordings cut into many segments (CEMO) are read once each by a run with features:
/// the file's hash and every segment's samples come from that one read.
@Suite(.serialized) struct PrepReadsDialogAudioOnceTests {
  @Test func eachDialogRecordingIsReadOnce() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let root = tmp.path + "/c"
    _ = try CorpusSynthesizer.generate(
      SynthOptions(layout: .cemo, outputDirectory: root, speakers: 8, dialogs: 6, seed: 5, jobs: 2))
    var config = PrepConfig(source: .cemo, root: root, task: "cemo-4", out: tmp.path + "/p")
    config.roles = [.caller]
    config.folds = 3
    config.audit = false
    config.jobs = 2
    let (summary, reads) = try AudioFileReads.counting(under: root) {
      try PrepPipeline.run(config, log: { _ in })
    }
    #expect(summary.featuresReady == summary.kept)
    #expect(summary.kept > 0)
    // Several segments per recording, so the one-read rule is not met by chance.
    let manifests = try FilesPipelineTests.manifests(tmp.path + "/p")
    var segmentsPerFile: [String: Set<String>] = [:]
    for (_, data) in manifests {
      for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where line.hasPrefix("{") {
        let entry = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
        segmentsPerFile[entry["path"] as! String, default: []].insert(entry["id"] as! String)
      }
    }
    #expect(segmentsPerFile.values.contains { $0.count > 1 })
    #expect(!reads.isEmpty)
    #expect(reads.values.allSatisfy { $0 == 1 }, "files opened more than once: \(reads.filter { $0.value != 1 })")

    // The manifests' audio_hash still names each segment's span of its file's bytes.
    for (_, data) in manifests {
      for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where line.hasPrefix("{") {
        let entry = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
        let identity = SegmentAudioIdentity(
          fileHash: try AudioFileHash.of(fileAt: entry["path"] as! String), start: entry["start"] as! Double,
          end: entry["end"] as? Double, channel: nil)
        #expect(entry["audio_hash"] as? String == identity.contentHash, "\(entry["id"] ?? "")")
      }
    }
  }
}
