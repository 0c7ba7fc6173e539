import Testing

@testable import EmoCorpus

/// Whole-file segments take their file's duration; segments with times never change.
@Suite struct WholeFileEndsTests {
  @Test func onlyWholeFileSegmentsOfReadableFilesAreEnded() throws {
    let tmp = "/corpus"
    var corpus = Corpus(name: "c", source: .table, root: tmp)
    func segment(_ id: String, _ path: String, start: Double = 0, end: Double? = nil) -> Segment {
      Segment(
        id: id, dialog: id, speaker: "s1", audio: AudioRef(path: path, start: start, end: end),
        origin: Origin(file: "/corpus/t.csv", line: 2))
    }
    corpus.segments = [
      segment("whole", "/a.wav"), segment("timed", "/b.wav", start: 1, end: 2.5),
      segment("unreadable", "/c.wav"), segment("empty", "/d.wav"), segment("late", "/e.wav", start: 3),
    ]
    corpus.segments.append(Segment(id: "noaudio", dialog: "d", speaker: "s1", origin: Origin(file: "/corpus/t.csv")))
    let headers: [String: Double] = ["/a.wav": 4.25, "/b.wav": 9, "/d.wav": 0, "/e.wav": 7]
    let ended = corpus.endingWholeFiles { headers[$0] }
    let ends = Dictionary(uniqueKeysWithValues: ended.segments.map { ($0.id, $0.audio?.end) })
    #expect(ends["whole"] == 4.25)
    #expect(ends["timed"] == 2.5)
    #expect(ends["unreadable"]! == nil)
    #expect(ends["empty"]! == nil)
    #expect(ends["late"]! == nil)  // starts inside its file: not a whole-file segment
    #expect(corpus.segments.map(\.isWholeFile) == [true, false, true, true, false, false])
    // Once ended, a segment has its span: it is no longer waiting for its file's duration.
    #expect(ended.segments.map(\.isWholeFile) == [false, false, true, true, false, false])
  }
}
