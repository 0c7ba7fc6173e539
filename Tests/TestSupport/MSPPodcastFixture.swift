import Foundation

/// A small MSP-Podcast release tree written the way the real one is: `Labels/` (the consensus table
/// in either spelling, the per-rater table, or the 1.x `labels.txt`), `Audios/` (flat and one
/// subfolder), `Transcripts/`. Its twelve files: four test sets' worth of `Split_Set` values,
/// `X` and `O` classes, three files of speaker `Unknown`.
public enum MSPPodcastFixture {
  /// `FileName, EmoClass, EmoAct, EmoVal, EmoDom, SpkrID, Gender, Split_Set` (the real column order).
  public static let consensus = """
    FileName,EmoClass,EmoAct,EmoVal,EmoDom,SpkrID,Gender,Split_Set
    MSP-PODCAST_0001_0001.wav,N,4.8,4.4,2.6,127,Male,Train
    MSP-PODCAST_0001_0002.wav,A,6.333333,6.666667,4.666667,127,Male,Train
    MSP-PODCAST_0001_0003.wav,S,3.5,4.5,3.5,128,Female,Train
    MSP-PODCAST_0001_0004.wav,H,5.0,5.25,4.0,Unknown,Unknown,Train
    MSP-PODCAST_0002_0001.wav,X,4.0,4.0,4.0,129,Female,Development
    MSP-PODCAST_0002_0002.wav,N,3.0,4.0,3.0,129,Female,Development
    MSP-PODCAST_0002_0003.wav,O,2.5,3.5,4.5,Unknown,Unknown,Test1
    MSP-PODCAST_0002_0004.wav,N,4.0,4.0,4.0,130,Male,Test1
    MSP-PODCAST_0003_0001.wav,H,5.5,6.0,4.0,131,Female,Test2
    MSP-PODCAST_0003_0002.wav,A,6.0,2.0,5.5,Unknown,Male,Test2
    MSP-PODCAST_0003_0003.wav,S,2.0,2.5,2.5,132,Male,Test3
    MSP-PODCAST_0003_0004.wav,N,4.0,4.0,4.0,132,Male,Test3

    """

  /// The 1.x `labels.txt` of three files: a file line, then its raters' lines.
  public static let labelsText = """
    MSP-PODCAST_0001_0001.wav; N; A:2.200000; V:4.000000; D:2.600000;
    WORKER00014566; Neutral; Neutral,Other-calm; A:2.000000; V:4.000000; D:3.000000;
    WORKER00014567; Neutral; ; A:3.000000; V:4.000000; D:2.000000;
    WORKER00014568; Happy; Amused; A:1.000000; V:9.000000; D:3.000000;

    MSP-PODCAST_0001_0002.wav; X; A:5.000000; V:3.000000; D:5.000000;
    WORKER00014566; Angry; Frustrated; A:6.000000; V:2.000000; D:6.000000;
    WORKER00014569; Sad; ; A:4.000000; V:4.000000; D:4.000000;

    MSP-PODCAST_0001_0003.wav; A; A:6.000000; V:2.000000;
    WORKER00014570; Angry
    WORKER00014571; Angry; Annoyed; A:6.000000; V:2.000000; D:5.000000;

    """

  /// Writes the tree under `root`: the consensus table named `consensusName` (nil: none), the
  /// per-rater table `detailed` (nil: none), `labels.txt` text (nil: none); audio files (0.5 s of a
  /// tone of its own each, 16 kHz) flat for Podcast 1 and 2 and in a subfolder for Podcast 3; a
  /// transcript per file of Podcast 1.
  public static func write(
    to root: String, consensusName: String? = "labels_consensus.csv", consensus: String = consensus,
    detailed: String? = nil, labelsText: String? = nil
  ) throws {
    let dir = try TemporaryDirectoryWriter(root)
    if let consensusName { try dir.write("Labels/\(consensusName)", consensus) }
    if let detailed { try dir.write("Labels/labels_detailed.csv", detailed) }
    if let labelsText { try dir.write("Labels/labels.txt", labelsText) }
    for podcast in 1...3 {
      for n in 1...4 {
        let name = String(format: "MSP-PODCAST_%04d_%04d", podcast, n)
        try dir.write(
          podcast == 3 ? "Audios/part3/\(name).wav" : "Audios/\(name).wav", wav(index: podcast * 4 + n))
        if podcast == 1 { try dir.write("Transcripts/\(name).txt", "words of file \(n) here\n") }
      }
    }
  }

  /// A mono 16-bit PCM WAV of 0.5 s at 16 kHz: a tone whose pitch depends on `index`, so that no
  /// two files are the same audio.
  public static func wav(index: Int) -> Data {
    let rate = 16000
    let count = rate / 2
    var data = Data()
    func append<T: FixedWidthInteger>(_ value: T) {
      withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
    }
    data.append(contentsOf: Array("RIFF".utf8))
    append(UInt32(36 + count * 2))
    data.append(contentsOf: Array("WAVEfmt ".utf8))
    append(UInt32(16))
    append(UInt16(1))
    append(UInt16(1))
    append(UInt32(rate))
    append(UInt32(rate * 2))
    append(UInt16(2))
    append(UInt16(16))
    data.append(contentsOf: Array("data".utf8))
    append(UInt32(count * 2))
    let frequency = 120.0 + 23.0 * Double(index)
    for t in 0..<count {
      append(Int16(8000 * sin(2 * Double.pi * frequency * Double(t) / Double(rate))))
    }
    return data
  }

  /// Writes files below a folder.
  struct TemporaryDirectoryWriter {
    let root: String
    init(_ root: String) throws { self.root = root }
    func write(_ relative: String, _ text: String) throws { try write(relative, Data(text.utf8)) }
    func write(_ relative: String, _ data: Data) throws {
      let full = root + "/" + relative
      try FileManager.default.createDirectory(
        atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try data.write(to: URL(fileURLWithPath: full))
    }
  }
}
