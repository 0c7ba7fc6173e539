import EmoSupport
import Foundation
import TestSupport
import Testing

@testable import EmoCorpus
@testable import Readers

@Suite struct TranscriberReaderTests {
  private func writeCall(_ folder: TemporaryDirectory, _ text: String = TranscriberFixtures.call()) throws -> String {
    try folder.write("call01.trs", text, encoding: .isoLatin1)
  }

  @Test func readsSpeakersSegmentsAndEventLabels() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let file = try writeCall(folder)
    let corpus = try TranscriberReader().read(root: file)

    #expect(corpus.source == .trs)
    #expect(corpus.root == folder.path)
    #expect(corpus.name == (folder.path as NSString).lastPathComponent)
    #expect(corpus.speakers.map(\.id) == ["call01-spk1", "call01-spk2"])
    #expect(corpus.speakers.map(\.gender) == [.female, .male])
    #expect(corpus.speakers.map(\.role) == [.speaker, .speaker])
    #expect(corpus.speakers[0].extra == ["dialect": "native", "transcriber_id": "spk1"])
    #expect(corpus.dialogs.map(\.id) == ["call01"])
    #expect(corpus.dialogs[0].audioPath == folder.path + "/call01.wav")
    #expect(corpus.coders == ["scribe", "c2"])

    // Stretch 4 ([6, 7.25]) has no label: not a segment, but counted in the notes.
    #expect(corpus.segments.map(\.id) == ["call01-001", "call01-002", "call01-003", "call01-005"])
    #expect(corpus.segments.map(\.speaker) == ["call01-spk1", "call01-spk1", "call01-spk2", "call01-spk2"])
    let spans = corpus.segments.map { [$0.span?.start ?? -1, $0.span?.end ?? -1] }
    let expected: [[Double]] = [[0, 1.5], [1.5, 3.2], [4, 6], [7.25, 9.5]]
    for (span, reference) in zip(spans, expected) {
      #expect(abs(span[0] - reference[0]) < 1e-9 && abs(span[1] - reference[1]) < 1e-9)
    }
    #expect(corpus.segments.map { $0.origin.line } == [11, 14, 22, 30])
    #expect(corpus.segments[0].annotations.map(\.coder) == ["scribe"])
    #expect(corpus.segments[0].annotations[0].origin == Origin(file: file, line: 13))
    #expect(corpus.segments[1].annotations.map(\.coder) == ["c2"])
    #expect(corpus.segments[2].annotations[0].major == "Peur")
    #expect(corpus.segments[2].annotations[0].minor == "Colère froide")
    // The words after each Sync are the stretch's text (Who marks of an overlap joined).
    #expect(corpus.segments[0].extra == ["channel": "telephone", "text": "Samu bonjour"])
    #expect(corpus.segments[3].extra == ["overlap": "call01-spk1", "text": "oui d'accord"])
    #expect(
      corpus.segments.map { $0.extra["text"] } == [
        "Samu bonjour", "je vous écoute", "ma femme est tombée", "oui d'accord",
      ])
    #expect(corpus.segments[3].audio == AudioRef(path: folder.path + "/call01.wav", start: 7.25, end: 9.5))
    #expect(
      corpus.notes == [
        "\(file): 1 of 5 speech stretches carry no emotion label (not read; \(TranscriberReader.howToLabel))",
        "\(file): 1 turns without speaker or in nontrans sections (not speech)",
      ])
    #expect(corpus.readerCounts == ["clamped_boundaries": 0, "unlabeled_stretches": 1])
    #expect(corpus.faults.isEmpty)
    let digest = SHA256.hex(try Data(contentsOf: URL(fileURLWithPath: file)))
    #expect(corpus.inputFiles == [InputFile(path: file, sha256: digest)])
  }

  /// Real files disagree by a few ms after rounding (about 1 file in 25 of a broadcast corpus):
  /// within the tolerance the boundary is clamped and counted, nothing is dropped, even with strict.
  @Test func roundingDisagreementsAreClampedAndCounted() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let file = try folder.write("news.trs", TranscriberFixtures.broadcast, encoding: .isoLatin1)
    for strict in [false, true] {
      let corpus = try TranscriberReader(strict: strict).read(root: file)
      #expect(corpus.faults.isEmpty)
      #expect(corpus.readerCounts == ["clamped_boundaries": 2, "unlabeled_stretches": 0])
      #expect(corpus.segments.map(\.id) == ["news-001", "news-002", "news-003", "news-004"])
      let spans = corpus.segments.map { [$0.span!.start, $0.span!.end] }
      #expect(spans == [[846.941, 855.12], [855.12, 863.396], [863.396, 871.5], [871.5, 880.112]])
      #expect(corpus.segments.map { $0.annotations.map(\.coder) } == [["scribe"], ["scribe"], ["scribe"], ["c2"]])
    }
  }

  @Test func disagreementsBeyondTheToleranceDropTheirLabelledStretches() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let file = try folder.write("news.trs", TranscriberFixtures.broadcast, encoding: .isoLatin1)
    let corpus = try TranscriberReader(timeTolerance: 0.001).read(root: file)
    #expect(
      corpus.faults.map(\.description) == [
        "\(file):18: Sync time 863.398 s is outside its turn [846.941, 863.396] (expected a time within the turn)",
        "\(file):26: Sync time 871.497 s comes before the previous boundary at 871.500 s (expected increasing Sync times within a turn)",
      ])
    // The Interest stretch ends at the late Sync; the c2 stretch starts at the early one.
    #expect(corpus.faults.map(\.id) == ["news-002", "news-006"])
    #expect(corpus.segments.map(\.id) == ["news-001", "news-004"])
    #expect(corpus.readerCounts["clamped_boundaries"] == 0)
    let strict = #expect(throws: LocatedError.self) {
      try TranscriberReader(timeTolerance: 0.001, strict: true).read(root: file)
    }
    #expect(strict?.description == corpus.faults.first?.description)
  }

  @Test func speechWithoutAnyLabelSaysHowToAttachLabels() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    var text = TranscriberFixtures.broadcast
    for line in text.split(separator: "\n") where line.contains("emotion") {
      text = text.replacingOccurrences(of: String(line) + "\n", with: "")
    }
    try folder.write("news.trs", text, encoding: .isoLatin1)
    try folder.write("news2.trs", text.replacingOccurrences(of: "1900_1920", with: "1920_1940"), encoding: .isoLatin1)
    let error = #expect(throws: LocatedError.self) { try TranscriberReader().read(root: folder.path) }
    #expect(
      error?.description
        == "\(folder.path): 8 speech stretches in 2 Transcriber files, none with an emotion label (expected label stretches with an Event desc=\"emotion:Label\" inside them, or list them in labels.csv beside the files (file,start,end,coder,major); see schemas/transcriber-input.md)"
    )
  }

  /// Transcribed words are each stretch's text (compared for content leakage, stored in the
  /// catalog) and nowhere else: not in notes, speakers, dialogs or any other field.
  @Test func transcribedWordsAreOnlyTheStretchText() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    var corpus = try TranscriberReader().read(root: try writeCall(folder))
    #expect(corpus.segments.allSatisfy { $0.extra["text"] != nil })
    for index in corpus.segments.indices { corpus.segments[index].extra["text"] = nil }
    let encoded = String(decoding: try JSONEncoder().encode(corpus), as: UTF8.self)
    for words in ["Samu", "bonjour", "femme", "tombée", "accord", "Opératrice", "Appelant"] {
      #expect(!encoded.contains(words), "\(words) leaked into the corpus model")
    }
  }

  @Test func companionFilesGiveRolesIdsAndLabels() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let first = try writeCall(folder)
    let second = try folder.write("call02.trs", TranscriberFixtures.secondCall)
    let speakers = try folder.write(
      "speakers.csv",
      "file,speaker,role,id\ncall01.trs,spk1,agent,A07\ncall01.trs,spk2,caller,\ncall02,spk1,agent,A07\ncall02,spk3,caller,\n"
    )
    let labels = try folder.write(
      "labels.csv",
      "file,start,end,coder,major,minor\ncall01.trs,6.000,7.250,c3,Despair,\n\ncall01.trs,0,1.5,c3,Interest,Relief\n")
    let corpus = try TranscriberReader().read(root: folder.path)

    #expect(corpus.speakers.map(\.id) == ["A07", "call01-spk2", "call02-spk3"])
    #expect(corpus.speakers.map(\.role) == [.agent, .caller, .caller])
    #expect(Set(corpus.segments.filter { $0.speaker == "A07" }.map(\.dialog)) == ["call01", "call02"])
    #expect(corpus.dialogs.map(\.audioPath) == [folder.path + "/call01.wav", folder.path + "/call02.wav"])
    #expect(corpus.coders == ["scribe", "c3", "c2"])
    #expect(
      corpus.segments.map(\.id) == [
        "call01-001", "call01-002", "call01-003", "call01-004", "call01-005", "call02-001", "call02-002",
      ])
    #expect(corpus.segments[3].annotations.map(\.major) == ["Despair"])
    #expect(corpus.segments[3].annotations[0].origin == Origin(file: labels, line: 2))
    #expect(corpus.segments[0].annotations.map(\.coder) == ["scribe", "c3"])
    #expect(corpus.segments[0].annotations[1].minor == "Relief")
    #expect(corpus.segments[0].annotations[1].origin == Origin(file: labels, line: 4))
    #expect(corpus.segments[4].extra["overlap"] == "A07")
    #expect(corpus.inputFiles.map(\.path) == [first, second, speakers, labels])
  }

  @Test(arguments: [
    ("emotion:Stress", TranscriberEmotion(coder: "scribe", major: "Stress", minor: nil)),
    (" Emotion = Peur / Colère froide ", TranscriberEmotion(coder: "scribe", major: "Peur", minor: "Colère froide")),
    ("emotion[c2]:Anxiety/Fear", TranscriberEmotion(coder: "c2", major: "Anxiety", minor: "Fear")),
    ("emotion [c1] = Neutral", TranscriberEmotion(coder: "c1", major: "Neutral", minor: nil)),
  ])
  func parsesEmotionEvents(_ desc: String, _ expected: TranscriberEmotion) throws {
    #expect(try TranscriberEmotion.parse(desc) == expected)
  }

  @Test(arguments: ["b", "rire", "emotional", "pron=SAMU", ""])
  func otherEventsAreNotLabels(_ desc: String) throws {
    #expect(try TranscriberEmotion.parse(desc) == nil)
  }

  // MARK: - Errors: one per kind, word for word.

  struct ErrorCase: Sendable, CustomTestStringConvertible {
    var kind: String
    var replacements: [String: String]
    /// FILE and ROOT stand for the .trs file and the corpus root.
    var message: String
    /// Without `strict`: the ids of the items dropped as malformed; nil for a file-level fault.
    var dropped: [String]?
    var testDescription: String { kind }
  }

  static let errorCases: [ErrorCase] = [
    ErrorCase(
      kind: "internal DTD subset",
      replacements: [#""trans-14.dtd">"#: #""trans-14.dtd" [<!ENTITY x SYSTEM "file:///etc/passwd">]>"#],
      message:
        #"FILE:2: internal DTD subsets and entity declarations are not allowed (expected a Transcriber file whose DOCTYPE names only an external DTD, such as <!DOCTYPE Trans SYSTEM "trans-14.dtd">)"#
    ),
    ErrorCase(
      kind: "not a Transcriber file", replacements: ["<Trans ": "<Transcript ", "</Trans>": "</Transcript>"],
      message: "FILE:3: root element <Transcript> (expected <Trans>, a Transcriber file)"),
    ErrorCase(
      kind: "unknown speaker",
      replacements: [#"<Turn speaker="spk2" startTime="4""#: #"<Turn speaker="spk9" startTime="4""#],
      message: "FILE:21: Turn refers to unknown speaker 'spk9' (expected a speaker declared in <Speakers>)",
      dropped: ["call01-003"]),
    ErrorCase(
      kind: "unknown overlapping speaker", replacements: [#"speaker="spk2 spk1""#: #"speaker="spk2 spk8""#],
      message: "FILE:29: Turn refers to unknown speaker 'spk8' (expected a speaker declared in <Speakers>)",
      dropped: ["call01-005"]),
    ErrorCase(
      kind: "duplicate speaker", replacements: [#"<Speaker id="spk2""#: #"<Speaker id="spk1""#],
      message: "FILE:6: duplicate speaker id 'spk1', first declared at FILE:5 (expected each speaker declared once)"),
    ErrorCase(
      kind: "turn ends before it starts",
      replacements: [#"startTime="4" endTime="7.25""#: #"startTime="8" endTime="7.25""#],
      message: "FILE:21: Turn ends at 7.25 s, before its start 8 s (expected endTime >= startTime)",
      dropped: ["call01-003"]),
    ErrorCase(
      kind: "Sync outside its turn", replacements: [#"<Sync time="6"/>"#: #"<Sync time="8"/>"#],
      message: "FILE:26: Sync time 8 s is outside its turn [4, 7.25] (expected a time within the turn)",
      dropped: ["call01-003"]),
    // Both stretches around the Sync going back carry no label: not items, nothing dropped.
    ErrorCase(
      kind: "Sync going back", replacements: [#"<Sync time="6"/>"#: #"<Sync time="6"/><Sync time="5"/>"#],
      message:
        "FILE:26: Sync time 5 s comes before the previous boundary at 6 s (expected increasing Sync times within a turn)",
      dropped: []),
    ErrorCase(
      kind: "time that is not a number", replacements: [#"<Sync time="1.5"/>"#: #"<Sync time="1,5"/>"#],
      message: "FILE:14: Sync time '1,5' is not a time (expected seconds >= 0 such as 12.345)",
      dropped: ["call01-001", "call01-002"]),
    ErrorCase(
      kind: "malformed emotion Event", replacements: [#"desc="emotion:Stress""#: #"desc="emotion:Stress/Fear/Anger""#],
      message:
        "FILE:35: Event desc 'emotion:Stress/Fear/Anger' is not an emotion label (expected emotion:Major, emotion:Major/Minor or emotion[coder]:Major/Minor)",
      dropped: ["call01-005"]),
    ErrorCase(
      kind: "two labels of one coder",
      replacements: [#"<Sync time="1.5"/>"#: "<Event desc=\"emotion:Anger\"/>\n<Sync time=\"1.5\"/>"],
      message:
        "FILE:14: coder 'scribe' labels this segment twice, first at FILE:13 (expected one emotion Event per coder and segment)",
      dropped: ["call01-001"]),
    ErrorCase(
      kind: "emotion outside speech",
      replacements: [#"<Sync time="3.2"/>"#: #"<Sync time="3.2"/><Event desc="emotion:Fear"/>"#],
      message:
        "FILE:19: emotion Event outside speech (turn without speaker or nontrans section) (expected emotion Events inside a turn with a speaker)",
      dropped: ["call01.trs:19"]),
    ErrorCase(
      kind: "emotion in an empty stretch",
      replacements: [
        #"<Sync time="1.5"/>"#: "<Sync time=\"1.5\"/><Event desc=\"emotion:Anger\"/>\n<Sync time=\"1.5\"/>"
      ],
      message:
        "FILE:14: emotion Event in an empty stretch at 1.5 s (expected emotion Events between two different Sync times)",
      dropped: ["call01.trs:14"]),
    ErrorCase(
      kind: "audio outside the root", replacements: [#"audio_filename="call01""#: #"audio_filename="../call01""#],
      message:
        "FILE:3: Trans audio '../call01.wav' leads outside the corpus root through '..' (expected an audio file name beside the .trs file in ROOT)"
    ),
    ErrorCase(
      kind: "absolute audio path", replacements: [#"audio_filename="call01""#: #"audio_filename="/data/call01""#],
      message:
        "FILE:3: Trans audio '/data/call01.wav' is an absolute path (expected an audio file name beside the .trs file in ROOT)"
    ),
    ErrorCase(
      kind: "malformed XML", replacements: ["</Section>": "</Sectoin>"],
      message: "FILE:37: Opening and ending tag mismatch: Section line 9 and Sectoin"),
  ]

  @Test(arguments: errorCases)
  func rejects(_ errorCase: ErrorCase) throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    var text = TranscriberFixtures.call()
    for (old, new) in errorCase.replacements {
      #expect(text.contains(old), "fixture text to replace not found: \(old)")
      text = text.replacingOccurrences(of: old, with: new)
    }
    let file = try writeCall(folder, text)
    let expected = errorCase.message.replacingOccurrences(of: "FILE", with: file)
      .replacingOccurrences(of: "ROOT", with: folder.path)
    #expect(readError(file, strict: true) == expected)
    guard let dropped = errorCase.dropped else {
      #expect(readError(file) == expected)  // a file-level fault: fatal without --strict too
      return
    }
    let corpus = try TranscriberReader().read(root: file)
    #expect(corpus.faults.map(\.id) == dropped)
    #expect(corpus.faults.allSatisfy { $0.description == expected })
    #expect(Set(corpus.segments.map(\.id)).isDisjoint(with: dropped))
    #expect(!corpus.segments.isEmpty)
  }

  struct CompanionCase: Sendable, CustomTestStringConvertible {
    var kind: String
    var file: String
    var text: String
    /// CSV stands for the companion file, TRS for the .trs file.
    var message: String
    /// Without `strict`: the ids of the rows dropped as malformed; nil for a file-level fault.
    var dropped: [String]? = nil
    var testDescription: String { kind }
  }

  static let companionCases: [CompanionCase] = [
    CompanionCase(
      kind: "labels: missing column", file: "labels.csv", text: "file,start,end,major\ncall01.trs,0,1.5,Anger\n",
      message: "CSV:1: missing column 'coder' (expected a header row with file,start,end,coder,major,[minor],[note])"),
    CompanionCase(
      kind: "labels: unknown file", file: "labels.csv", text: "file,start,end,coder,major\ncall09.trs,0,1.5,c3,Anger\n",
      message: "CSV:2: unknown file 'call09.trs' (expected the name of a .trs file of the corpus)",
      dropped: ["labels.csv:2"]),
    CompanionCase(
      kind: "labels: no such segment", file: "labels.csv",
      text: "file,start,end,coder,major\ncall01.trs,6,7,c3,Anger\n",
      message:
        "CSV:2: no speech segment of call01.trs spans [6, 7] (expected the start and end of a Sync-delimited stretch of a turn with a speaker, within 0.01 s)",
      dropped: ["labels.csv:2"]),
    CompanionCase(
      kind: "labels: bad time", file: "labels.csv", text: "file,start,end,coder,major\ncall01.trs,abc,1.5,c3,Anger\n",
      message: "CSV:2: start 'abc' is not a time (expected seconds >= 0 such as 12.345)", dropped: ["labels.csv:2"]),
    CompanionCase(
      kind: "labels: empty coder", file: "labels.csv", text: "file,start,end,coder,major\ncall01.trs,0,1.5,,Anger\n",
      message: "CSV:2: empty coder (expected a non-empty value)", dropped: ["labels.csv:2"]),
    CompanionCase(
      kind: "labels: coder labels twice", file: "labels.csv",
      text: "file,start,end,coder,major\ncall01.trs,0,1.5,scribe,Anger\n",
      message:
        "CSV:2: coder 'scribe' labels segment 'call01-001' twice, first at TRS:13 (expected one annotation per coder and segment)",
      dropped: ["labels.csv:2"]),
    CompanionCase(
      kind: "speakers: undeclared speaker", file: "speakers.csv", text: "file,speaker,role\ncall01.trs,spk7,agent\n",
      message: "CSV:2: speaker 'spk7' is not declared in call01.trs (expected a Speaker id of that file's <Speakers>)"),
    CompanionCase(
      kind: "speakers: unknown role", file: "speakers.csv", text: "file,speaker,role\ncall01.trs,spk1,boss\n",
      message: "CSV:2: unknown role 'boss' (expected caller, agent or speaker)"),
    CompanionCase(
      kind: "speakers: listed twice", file: "speakers.csv",
      text: "file,speaker,role\ncall01.trs,spk1,agent\ncall01,spk1,caller\n",
      message: "CSV:3: speaker 'spk1' of call01 listed again (first at line 2) (expected one row per file and speaker)"),
    CompanionCase(
      kind: "speakers: same id, different gender", file: "speakers.csv",
      text: "file,speaker,role,id\ncall01.trs,spk1,agent,A07\ncall01.trs,spk2,agent,A07\n",
      message:
        "TRS:6: speaker 'A07' is declared agent/male here but agent/female at TRS:5 (expected the same role and gender in every file)"
    ),
  ]

  @Test(arguments: companionCases)
  func rejectsCompanion(_ companionCase: CompanionCase) throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let file = try writeCall(folder)
    let table = try folder.write(companionCase.file, companionCase.text)
    let expected = companionCase.message.replacingOccurrences(of: "CSV", with: table)
      .replacingOccurrences(of: "TRS", with: file)
    #expect(readError(folder.path, strict: true) == expected)
    guard let dropped = companionCase.dropped else {
      #expect(readError(folder.path) == expected)
      return
    }
    let corpus = try TranscriberReader().read(root: folder.path)
    #expect(corpus.faults.map(\.id) == dropped)
    #expect(corpus.faults.map(\.description) == [expected])
    #expect(corpus.segments.count == 4)  // the .trs file's own labelled stretches
  }

  @Test func emptyLabelsAreCodersWithoutLabel() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    // `emotion:` in the file and an empty major in labels.csv: the stretch is read, with no label.
    _ = try writeCall(folder, TranscriberFixtures.call().replacingOccurrences(of: "emotion:Stress", with: "emotion:"))
    try folder.write("labels.csv", "file,start,end,coder,major\ncall01.trs,6,7.25,c3,\n")
    let corpus = try TranscriberReader().read(root: folder.path)
    #expect(corpus.faults.isEmpty)
    #expect(
      readError(folder.path, strict: true)
        == "\(folder.path)/call01.trs:35: empty label (expected a label; without --strict an empty label is a coder who gave none, and a segment no coder labelled is dropped as no label)"
    )
    let byID = Dictionary(uniqueKeysWithValues: corpus.segments.map { ($0.id, $0) })
    #expect(byID["call01-004"]?.annotations.map(\.major) == [nil])
    #expect(byID["call01-005"]?.annotations.map(\.major) == [nil])
    let labeled = try Normalizer(task: try TaskDefinition.load("cemo-4")).normalize(corpus)
    #expect(labeled.filter { $0.drop?.reason == .noLabel }.map(\.segment.id) == ["call01-004", "call01-005"])
  }

  @Test func rejectsAFolderWithoutTranscriberFiles() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    try folder.write("labels.csv", "file,start,end,coder,major\n")
    #expect(
      readError(folder.path) == "\(folder.path): no .trs file in this folder (expected Transcriber files named *.trs)")
  }

  private func readError(_ root: String, strict: Bool = false) -> String? {
    do {
      _ = try TranscriberReader(strict: strict).read(root: root)
      return nil
    } catch {
      return String(describing: error)
    }
  }
}

/// schemas/transcriber-input.md's example must read as the text says.
@Suite struct TranscriberDocumentationTests {
  @Test func documentedExampleReadsAsDescribed() throws {
    let repository = repositoryFile(".")
    let page = try String(
      contentsOf: repository.appendingPathComponent("schemas/transcriber-input.md"), encoding: .utf8)
    func block(_ language: String) throws -> String {
      let start = try #require(page.range(of: "```\(language)\n"))
      let end = try #require(page.range(of: "```", range: start.upperBound..<page.endIndex))
      return String(page[start.upperBound..<end.lowerBound])
    }
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    try folder.write("call01.trs", try block("xml"), encoding: .isoLatin1)
    let plain = try TranscriberReader().read(root: folder.path)
    #expect(plain.segments.map(\.id) == ["call01-001", "call01-002", "call01-003"])
    #expect(plain.segments.map(\.speaker) == ["call01-spk1", "call01-spk1", "call01-spk2"])
    #expect(plain.segments.map { $0.annotations.map(\.coder) } == [["scribe"], ["c2"], ["scribe"]])
    #expect(plain.segments[2].extra["overlap"] == "call01-spk1")
    #expect(plain.segments[2].annotations[0].minor == "Colère froide")
    #expect(plain.dialogs[0].audioPath == folder.path + "/call01.wav")

    try folder.write("speakers.csv", try block("csv"))
    let mapped = try TranscriberReader().read(root: folder.path)
    #expect(mapped.speakers.map(\.id) == ["A07", "call01-spk2"])
    #expect(mapped.speakers.map(\.role) == [.agent, .caller])
  }
}
