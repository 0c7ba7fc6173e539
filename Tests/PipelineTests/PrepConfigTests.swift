import AudioFeatures
import EmoCorpus
import EmoSupport
import Foundation
import Readers
import Testing

@testable import Pipeline

@Suite struct PrepConfigTests {
  @Test func resolvedConfigRoundTripsThroughYAML() throws {
    var config = PrepConfig(source: .cemo, root: "/data/cemo", task: "cemo-4", out: "/tmp/out")
    config.roles = [.caller]
    config.excludeAllNeutral = true
    config.sessions = [1, 2]
    config.neutralTarget = .ratio(1.5)
    config.consensus = .coder("c2")
    config.iemocapVal = .male
    config.subset = .all
    config.shard = FeatureShard(index: 2, count: 8)
    config.features.melScale = .slaney
    config.audio.resampleQuality = .sincFastest
    config.audio.resampler = .libsamplerate
    config.audio.channelMap = try ChannelMap(parsing: "agent=0,C0001=1")
    config.inputs = [InputFile(path: "/data/cemo/a.xml", sha256: String(repeating: "ab", count: 32))]
    let yaml = try config.yaml()
    #expect(yaml.contains("exclude_all_neutral: true"))
    // Typed values are written with their option spelling, so a user can edit the file.
    for line in [
      "neutral_target: '1.5'", "consensus: coder:c2", "shard: 2/8", "mel_scale: slaney", "subset: all",
      "resampler: libsamplerate", "channel_map:", "    agent: 0", "    C0001: 1",
    ] {
      #expect(yaml.contains(line), "\(line)")
    }
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("cfg-\(UUID().uuidString).yaml")
    try yaml.write(to: url, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: url) }
    #expect(try PrepConfig.load(url.path) == config)
  }

  @Test func filesReaderOptionsRoundTripInOrderAndAreCheckedOnLoad() throws {
    var config = PrepConfig(source: .files, root: "/data/emodb", task: "iemocap-4", out: "/tmp/out")
    config.files = FileReaderOptions(
      preset: "emodb", pattern: #"(?<speaker>\d\d)[a-z]\d\d(?<label>[A-Z])[a-z]?\.wav"#,
      labelMap: try CodeMap(parsing: "W=anger,L=boredom,F=happiness", option: "--label-map"),
      genderMap: try CodeMap(parsing: "03=male,08=female", option: "--gender-map"), speakerPrefix: "db-")
    let yaml = try config.yaml()
    for line in ["  preset: emodb", "  label_map: W=anger,L=boredom,F=happiness", "  speaker_prefix: db-"] {
      #expect(yaml.contains(line), "\(line)")
    }
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("cfg-\(UUID().uuidString).yaml")
    defer { try? FileManager.default.removeItem(at: url) }
    try yaml.write(to: url, atomically: true, encoding: .utf8)
    #expect(try PrepConfig.load(url.path) == config)
    // Other sources write the key as null; files options with them are refused.
    #expect(try PrepConfig(source: .table, root: "/r", task: "t", out: "/o").yaml().contains("files: null"))
    var table = PrepConfig(source: .table, root: "/r", task: "t", out: "/o")
    table.files = FileReaderOptions(preset: "emodb")
    #expect(
      table.problems() == ["--preset applies to files corpora (got SOURCE table)"])
    // A config file naming a preset that does not exist fails on load, before any work.
    config.files?.preset = "emodbb"
    try config.yaml().write(to: url, atomically: true, encoding: .utf8)
    #expect(throws: PipelineError.self) { try PrepConfig.load(url.path) }
  }

  @Test func aConfigWrittenBeforeTheResamplerChoiceReproducesLibsamplerate() throws {
    let config = PrepConfig(source: .table, root: "/r/t.csv", task: "iemocap-4", out: "/o")
    #expect(config.audio.resampler == .soxr)
    var yaml = try config.yaml()
    #expect(yaml.contains("resampler: soxr") && yaml.contains("channel_map: null"))
    yaml = yaml.split(separator: "\n").filter { !$0.contains("resampler:") && !$0.contains("channel_map:") }
      .joined(separator: "\n")
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("cfg-\(UUID().uuidString).yaml")
    try yaml.write(to: url, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: url) }
    let old = try PrepConfig.load(url.path)
    #expect(old.audio.resampler == .libsamplerate)
    #expect(old.audio.channelMap == nil)
    #expect(try old.featureConfig().resampler == .libsamplerate)
  }

  /// A libsamplerate quality beside soxr would be ignored: the rule lives in `problems()`, so a
  /// config file is held to it like the command line; earlier configs, which always wrote the
  /// default quality beside soxr, still load.
  @Test func aResampleQualityNeedsLibsamplerateInConfigsToo() throws {
    var config = PrepConfig(source: .table, root: "/r/t.csv", task: "iemocap-4", out: "/o")
    #expect(config.audio.resampleQuality == nil && config.problems().isEmpty)
    config.audio.resampleQuality = .sincMedium
    #expect(config.problems().first?.hasPrefix("--resample-quality picks libsamplerate's converter") == true)
    let path = try write(try config.yaml())
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(throws: PipelineError.self) { try PrepConfig.load(path) }
    config.audio.resampler = .libsamplerate
    #expect(config.problems().isEmpty)
    #expect(try config.featureConfig().resampleQuality == .sincMedium)

    let earlier = try write(
      try PrepConfig(source: .table, root: "/r/t.csv", task: "iemocap-4", out: "/o").yaml()
        .replacingOccurrences(of: "resample_quality: null", with: "resample_quality: best"))
    defer { try? FileManager.default.removeItem(atPath: earlier) }
    let loaded = try PrepConfig.load(earlier)
    #expect(loaded.audio.resampler == .soxr && loaded.audio.resampleQuality == nil)
    #expect(try loaded.featureConfig().resampleQuality == .sincBest)
  }

  /// `audit` and `prep` read corpora through one request: the config's corpus part is its keys.
  @Test func theCorpusPartOfAConfigIsItsKeys() throws {
    var config = PrepConfig(source: .trs, root: "/r", task: "cemo-4", out: "/o")
    config.strict = true
    config.timeTolerance = 0.02
    config.transcripts = "/t"
    config.subset = .all
    config.sessions = [2]
    config.roles = [.caller]
    config.excludeAllNeutral = true
    config.minDuration = 1.5
    config.neutralTarget = .count(10)
    config.consensus = .majority
    config.dropUnknown = true
    config.seed = 9
    let request = config.corpus
    #expect(request.reader == ReaderOptions(strict: true, timeTolerance: 0.02))
    #expect(request.transcripts == "/t" && request.sessions == [2] && request.seed == 9)
    var other = PrepConfig(source: .cemo, root: "/x", task: "cemo-4", out: "/o")
    other.corpus = request
    other.audio.rate = config.audio.rate
    #expect(other == config)
    #expect(request.selectionOptions(neutralClass: "Neutral") == config.selectionOptions(neutralClass: "Neutral"))
    var bad = request
    bad.minDuration = -1
    bad.reader.table = TableLayout(audioDir: "wav")
    #expect(
      bad.problems() == [
        "--min-duration must be >= 0 (got -1.0)", "--audio-dir applies to table corpora (got SOURCE trs)",
      ])
  }

  @Test func cemoDefaultsToTheTelephoneRate() {
    #expect(PrepConfig(source: .cemo, root: "/r", task: "t", out: "/o").audio.rate == 8000)
    #expect(PrepConfig(source: .iemocap, root: "/r", task: "t", out: "/o").audio.rate == 16000)
  }

  @Test func configFilesAndTheCommandLineShareTheValueRules() throws {
    var config = PrepConfig(source: .cemo, root: "/r", task: "t", out: "/o")
    #expect(config.problems().isEmpty)
    config.folds = 1
    config.features.mels = 0
    #expect(config.problems() == ["--folds must be 0 or at least 2 (got 1)", "--mels must be at least 1 (got 0)"])
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("cfg-\(UUID().uuidString).yaml")
    try config.yaml().write(to: url, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: url) }
    #expect(throws: PipelineError.invalidConfig(url.path, "--folds must be 0 or at least 2 (got 1)")) {
      try PrepConfig.load(url.path)
    }
  }

  private func write(_ text: String) throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("cfg-\(UUID().uuidString).yaml")
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  @Test func aFourLineConfigTakesEveryOtherDefault() throws {
    let path = try write("source: cemo\nroot: /data/cemo\ntask: cemo-4\nout: /tmp/prep\n")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let loaded = try PrepConfig.load(path)
    var expected = PrepConfig(source: .cemo, root: "/data/cemo", task: "cemo-4", out: "/tmp/prep")
    expected.jobs = loaded.jobs
    #expect(loaded == expected)
    #expect(loaded.audio.rate == 8000 && loaded.audio.resampler == .soxr && loaded.folds == 5)
    // A partial nested mapping keeps the other defaults too (the source's rate among them).
    let partial = try write(
      "source: cemo\nroot: /r\ntask: cemo-4\nout: /o\naudio:\n  channel: 2\nfeatures:\n  mels: 64\n")
    defer { try? FileManager.default.removeItem(atPath: partial) }
    let nested = try PrepConfig.load(partial)
    #expect(nested.audio.rate == 8000 && nested.audio.channel == 2 && nested.audio.resampler == .soxr)
    #expect(nested.features.mels == 64 && nested.features.deltas)
  }

  @Test(arguments: [
    (
      "source: cemo\nroot: /r\ntask: cemo-4\nout: /o\nneutral_targt: 100\n", 5,
      "unknown field 'neutral_targt' in a prep config (did you mean 'neutral_target'?)"
    ),
    (
      "source: cemo\nroot: /r\ntask: cemo-4\nout: /o\naudio:\n  rate: 8000\n  resampel: soxr\n", 7,
      "unknown field 'resampel' in the audio settings (did you mean 'resampler'?)"
    ),
    ("source: cemo\nroot: /r\nout: /o\n", 1, "missing field 'task'"),
    ("source: cemo\nroot: /r\ntask: cemo-4\nout: /o\nfolds: five\n", 5, "'folds' has the wrong type"),
  ])
  func aConfigFileIsReadStrictlyWithItsLine(text: String, line: Int, what: String) throws {
    let path = try write(text)
    defer { try? FileManager.default.removeItem(atPath: path) }
    do {
      _ = try PrepConfig.load(path)
      Issue.record("loaded a config that should be refused")
    } catch let error as LocatedError {
      #expect(error.description.hasPrefix("\(path):\(line): \(what)"), "\(error)")
    }
  }

  @Test func nearestKeySuggestionsAreCloseAndUnambiguous() {
    #expect(KeySuggestion.editDistance("neutral_targt", "neutral_target") == 1)
    #expect(KeySuggestion.editDistance("slot", "lost") == 2)
    #expect(KeySuggestion.editDistance("ab", "ba") == 1)
    #expect(KeySuggestion.nearest(to: "seeed", among: ["seed", "source"]) == "seed")
    #expect(KeySuggestion.nearest(to: "colour", among: ["seed", "source"]) == nil)
  }
}
