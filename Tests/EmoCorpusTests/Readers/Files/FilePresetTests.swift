import EmoSupport
import Foundation
import TestSupport
import Testing

@testable import EmoCorpus
@testable import Readers

@Suite struct FilePresetTests {
  /// The file-name presets the files reader promises, by name (nEMO reads its table: below).
  static let names = ["ased", "crema-d", "emodb", "ravdess", "savee", "tess", "turev", "urdu"]

  @Test func everyPromisedPresetIsBundledAndLoads() throws {
    #expect(FilePreset.bundledNames == (Self.names + ["nemo"]).sorted())
    for name in Self.names + ["nemo"] {
      #expect(FilePreset.bundledNames.contains(name), "preset \(name) missing")
      let preset = try FilePreset.bundled(name)
      #expect(preset.name == name)
      #expect(preset.documentation.hasPrefix("http"))
      #expect(preset.speakerPrefix == name + "-")
      #expect(preset.expected != nil)
    }
    let listing = try FilePreset.listing()
    for name in FilePreset.bundledNames { #expect(listing.contains(name)) }
  }

  /// Each preset's own example path matches its pattern and its label reaches a class of the
  /// acted-corpus vocabulary; every label of its map does.
  @Test(arguments: names) func exampleMatchesAndLabelsAreKnownWords(name: String) throws {
    let preset = try FilePreset.bundled(name)
    let layout = try FileReaderOptions(preset: name).layout()
    let match = try #require(layout.pattern.match(preset.example), "\(name): \(preset.example) does not match")
    #expect(match.exactCase)
    let words = try LabelMapping.bundled("emotion-words")
    let code = try #require(match.groups["label"])
    #expect(words.canonical(of: layout.labels.value(for: code) ?? code) != nil)
    for entry in preset.labels.entries {
      #expect(words.canonical(of: entry.value) != nil, "\(name): \(entry.code)=\(entry.value) is not a known word")
    }
    #expect(preset.labels.entries.count == preset.expected?.labels)
  }

  /// `--task iemocap-4` reads every preset's labels: the four classes or a class outside the task,
  /// never an unknown label.
  @Test(arguments: names) func iemocap4KnowsEveryPresetLabel(name: String) throws {
    let preset = try FilePreset.bundled(name)
    var corpus = Corpus(name: name, source: .files, root: "/r")
    corpus.segments = preset.labels.entries.map {
      Segment(id: $0.code, dialog: $0.code, speaker: "s", corpusConsensus: $0.value, origin: Origin(file: "/r/x.wav"))
    }
    let labeled = try Normalizer(task: TaskDefinition.load("iemocap-4")).normalize(corpus)
    for item in labeled {
      #expect(item.label != nil || item.drop?.reason == .classNotInTask, "\(name): \(item.segment.id) → \(item)")
    }
    #expect(Set(labeled.compactMap(\.label)).isSubset(of: ["neutral", "sadness", "anger", "happiness"]))
    #expect(labeled.contains { $0.label == "anger" })
  }

  @Test func countsSayWhetherTheCopyIsComplete() throws {
    let preset = try FilePreset.bundled("emodb")
    var corpus = Corpus(name: "emodb", source: .files, root: "/r")
    corpus.speakers = [Speaker(id: "emodb-03", gender: .male, role: .speaker, origin: Origin(file: "/r"))]
    corpus.segments = [
      Segment(id: "a", dialog: "a", speaker: "emodb-03", corpusConsensus: "anger", origin: Origin(file: "/r/a.wav"))
    ]
    let counts = try #require(preset.counts(of: corpus))
    #expect(!counts.complete)
    #expect(
      counts.sentence
        == "preset emodb: 1 files, 1 speakers, 1 labels; a complete copy has 535 files, 10 speakers, 7 labels")
  }

  static func decode(_ yaml: String) throws -> FilePreset {
    try YAMLSource(text: yaml, file: "p.yaml").decode(FilePreset.self, shape: FilePreset.shape)
  }

  static let minimal = """
    name: p
    title: t
    documentation: https://example.org
    example: a/1_x.wav
    speakerPrefix: p-

    """

  @Test func presetFileMistakesNameTheLine() throws {
    let good = try Self.decode(Self.minimal + "pattern: '(?<speaker>\\d)_(?<label>[a-z])\\.wav'\nlabels: {x: anger}\n")
    #expect(good.labels.value(for: "X") == "anger")
    func failure(_ yaml: String) -> String {
      do {
        _ = try Self.decode(yaml)
        return "accepted"
      } catch {
        return "\(error)"
      }
    }
    #expect(
      failure(Self.minimal + "pattern: '(?<speaker>\\d)\\.wav'\n").contains("p.yaml:6: --pattern has no (?<label>"))
    #expect(failure(Self.minimal + "patern: x\n").contains("unknown field 'patern'"))
    #expect(failure(Self.minimal).contains("needs a pattern or a table"))
    #expect(
      failure(Self.minimal + "pattern: '(?<speaker>\\d)_(?<label>[a-z])'\ngenders: {m: mal}\n").contains(
        "'mal' is not a gender"))
    #expect(
      failure(Self.minimal + "pattern: '(?<speaker>\\d)_(?<label>[a-z])'\nlabels: {a: anger, A: fear}\n").contains(
        "differ only by case"))
    #expect(
      failure(Self.minimal + "pattern: '(?<speaker>\\d)_(?<label>[a-z])'\nspeakerGenders: {1: woman}\n").contains(
        "'woman' is not a gender of speaker 1"))
  }

  @Test func optionProblemsAreWordedWithTheFlags() throws {
    #expect(FileReaderOptions().problems().first?.contains("files needs --pattern REGEX or --preset NAME") == true)
    #expect(FileReaderOptions(preset: "emodbb").problems().first?.contains("did you mean 'emodb'") == true)
    #expect(
      FileReaderOptions(pattern: "(?<speaker>x)").problems() == [
        FileNamePattern.Problem.missingGroup("label").description
      ])
    let badGender = FileReaderOptions(
      preset: "ased", genderMap: try CodeMap(parsing: "01=girl", option: "--gender-map"))
    #expect(badGender.problems() == ["--gender-map: '01=girl' is not a gender (expected male, female or unknown)"])
    #expect(FileReaderOptions(preset: "emodb").problems().isEmpty)
  }

  @Test func givenPatternAndMapsGoOverThePresets() throws {
    let layout = try FileReaderOptions(
      preset: "ravdess", labelMap: try CodeMap(parsing: "02=neutral", option: "--label-map"), speakerPrefix: "r"
    ).layout()
    #expect(layout.labels.value(for: "02") == "neutral")
    #expect(layout.labels.value(for: "05") == "anger")
    #expect(layout.speakerPrefix == "r")
    #expect(layout.speakerGenders["01"] == .male)
    #expect(layout.pattern.text == (try FilePreset.bundled("ravdess")).pattern)
  }

  @Test func genderWords() {
    #expect(
      ["male", "M", "man", "Female", "f", "WOMAN", "unknown"].map(Gender.parse) == [
        .male, .male, .male, .female, .female, .female, .unknown,
      ])
    #expect(Gender.parse("other") == nil)
  }
}

/// nEMO ships a table: the preset names it, its columns and audio folder.
@Suite struct TablePresetTests {
  @Test func nemoNamesItsTableColumnsAndAudioFolder() throws {
    let preset = try FilePreset.bundled("nemo")
    #expect(preset.pattern == nil)
    let table = try #require(preset.table)
    #expect(table.file == "data.tsv")
    #expect(
      table.columns == [
        "path": "file_id", "label": "emotion", "speaker": "speaker_id", "gender": "gender",
        "sentence": "normalized_text",
      ])
    #expect(table.audioDir == "samples")
    #expect(preset.expected == FilePreset.Expected(files: 4481, speakers: 9, labels: 6))
    // nEMO's six emotion words reach the nine words, `surprised` through the preset's map.
    let words = try LabelMapping.bundled("emotion-words")
    for label in ["anger", "fear", "happiness", "neutral", "sadness", "surprised"] {
      #expect(words.canonical(of: preset.labels.value(for: label) ?? label) != nil, "\(label)")
    }
    #expect(preset.labels.value(for: "surprised") == "surprise")
    #expect(
      FileReaderOptions(preset: "nemo", pattern: #"(?<speaker>x)(?<label>y)"#).problems() == [
        "--pattern with --preset nemo, which reads a table, not file names"
      ])
  }

  /// What the preset adds to the table reader's corpus: prefixed speakers, translated labels, the
  /// count check, and the audio files no row names.
  @Test func finishingATableCorpusPrefixesTranslatesAndListsUnnamedFiles() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    for name in ["WR0_surprised_64.wav", "EB0_neutral_13.wav", "KS0_anger_2.wav"] {
      try folder.write("samples/" + name, "")
    }
    try folder.write(
      "data.tsv",
      "path\tlabel\tspeaker\tgender\nsamples/WR0_surprised_64.wav\tsurprised\tWR0\tmale\n"
        + "samples/EB0_neutral_13.wav\tneutral\tEB0\tfemale\n")
    let table = try TableReader().read(root: folder.path + "/data.tsv")
    let corpus = try FilePreset.bundled("nemo").finishing(tableCorpus: table, root: folder.path)
    #expect(corpus.speakers.map(\.id) == ["nemo-WR0", "nemo-EB0"])
    #expect(corpus.speakers.map(\.gender) == [.male, .female])
    #expect(corpus.segments.map(\.speaker) == ["nemo-WR0", "nemo-EB0"])
    #expect(corpus.segments.map { $0.annotations.first?.major } == ["surprise", "neutral"])
    let scan = try #require(corpus.fileScan)
    #expect(scan.unmatched == ["samples/KS0_anger_2.wav"])
    #expect(scan.messages().first?.hasPrefix("1 audio file not named in data.tsv") == true)
    #expect(scan.presetCounts?.found == FilePreset.Expected(files: 2, speakers: 2, labels: 2))
  }
}
