import EmoCorpus
import EmoSupport
import Foundation

/// Kaldi data directories: `OUT/fold-K/<split>/` with wav.scp, segments, utt2spk,
/// spk2utt, spk2gender, utt2emo, and for a corpus with rating dimensions one `utt2<dimension>`
/// per dimension (`utt2arousal`: utterance id and its consensus value, utterances without a
/// value left out); no `text`.
///
/// Sorted as `utils/validate_data_dir.sh --no-text --no-feats` requires (C-locale byte order),
/// utterance ids prefixed by their speaker id so that utt2spk and spk2utt sort consistently.
/// `spk2gender` is written only when every speaker's gender is known (Kaldi accepts only m/f).
/// WAV files appear as plain paths; other formats through `sox … -t wav - |`.
public enum KaldiExport {
  public static func write(_ input: ExportInput, to out: String) throws {
    let recordingIDs = input.recordingIDs
    for split in input.splits {
      let dir = "\(out)/fold-\(split.fold)/\(split.split)"
      try writeDirectory(split.entries, recordingIDs: recordingIDs, to: dir)
    }
  }

  /// Utterance id: the segment id, prefixed by `speaker-` unless it already starts with the speaker id.
  public static func utteranceID(_ entry: ManifestEntry) -> String {
    entry.id.hasPrefix(entry.speaker) ? entry.id : "\(entry.speaker)-\(entry.id)"
  }

  static func writeDirectory(_ entries: [ManifestEntry], recordingIDs: [String: String], to dir: String) throws {
    for entry in entries {
      // The pipeline refuses such a prep output first, naming the manifest line.
      guard entry.end != nil else {
        throw LocatedError(
          file: entry.path, "segment \(entry.id) has no known end", expected: "times for a Kaldi segments file")
      }
      for (what, value) in [("segment id", entry.id), ("speaker id", entry.speaker)]
      where value.contains(where: { $0.isWhitespace }) || value.isEmpty {
        throw LocatedError(
          file: entry.path, "\(what) '\(value)' cannot be used in a Kaldi data directory",
          expected: "ids without whitespace")
      }
    }
    let utterances = entries.map { (utteranceID($0), $0) }.sorted { cmp($0.0, $1.0) }
    var wavScp: [String: String] = [:]
    for (_, entry) in utterances {
      let id = recordingIDs[entry.path]!
      wavScp[id] = entry.path.lowercased().hasSuffix(".wav") ? entry.path : "sox \(entry.path) -t wav - |"
    }
    let wavLines = wavScp.keys.sorted(by: cmp).map { "\($0) \(wavScp[$0]!)\n" }
    let segmentLines = utterances.map { utt, e in
      "\(utt) \(recordingIDs[e.path]!) \(format(e.start)) \(format(e.end!))\n"
    }
    let utt2spk = utterances.map { "\($0.0) \($0.1.speaker)\n" }
    let utt2emo = utterances.map { "\($0.0) \($0.1.label)\n" }
    var bySpeaker: [String: [String]] = [:]
    var genders: [String: Gender] = [:]
    for (utt, e) in utterances {
      bySpeaker[e.speaker, default: []].append(utt)
      genders[e.speaker] = e.gender
    }
    let speakers = bySpeaker.keys.sorted(by: cmp)
    let spk2utt = speakers.map { "\($0) \(bySpeaker[$0]!.joined(separator: " "))\n" }

    try AtomicFile.createDirectory(dir)
    try AtomicFile.write(wavLines.joined(), to: dir + "/wav.scp")
    try AtomicFile.write(segmentLines.joined(), to: dir + "/segments")
    try AtomicFile.write(utt2spk.joined(), to: dir + "/utt2spk")
    try AtomicFile.write(spk2utt.joined(), to: dir + "/spk2utt")
    try AtomicFile.write(utt2emo.joined(), to: dir + "/utt2emo")
    for name in Set(entries.flatMap { ($0.dimensions ?? [:]).keys }).sorted() {
      let lines = utterances.compactMap { utt, e in e.dimensions?[name].map { "\(utt) \($0)\n" } }
      try AtomicFile.write(lines.joined(), to: dir + "/utt2\(name)")
    }
    let spk2gender = dir + "/spk2gender"
    if speakers.allSatisfy({ genders[$0] != .unknown }) {
      try AtomicFile.write(speakers.map { "\($0) \(genders[$0] == .male ? "m" : "f")\n" }.joined(), to: spk2gender)
    } else {
      try? FileManager.default.removeItem(atPath: spk2gender)
    }
  }

  /// C-locale (byte-wise) order, as `LC_ALL=C sort` gives.
  static func cmp(_ a: String, _ b: String) -> Bool { Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8)) }

  static func format(_ x: Double) -> String { fixedDecimals(x, 3) }
}
