import Foundation

/// The rules of Kaldi's `utils/validate_data_dir.sh --no-text --no-feats` that apply to the files
/// EmoCorpus writes, checked in Swift after every export and by the tests.
public enum KaldiDirectoryCheck {
  /// Findings for one data directory; empty when it is valid.
  public static func check(_ dir: String) -> [String] {
    var findings: [String] = []
    func lines(_ name: String) -> [[String]]? {
      guard let text = try? String(contentsOfFile: dir + "/" + name, encoding: .utf8) else { return nil }
      return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map {
        $0.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
      }
    }
    for required in ["wav.scp", "utt2spk", "spk2utt"] where lines(required) == nil {
      findings.append("\(dir)/\(required): missing (expected a Kaldi data directory file)")
    }
    guard let utt2spk = lines("utt2spk"), let spk2utt = lines("spk2utt"), let wavScp = lines("wav.scp") else {
      return findings
    }
    func sortedUnique(_ name: String, _ keys: [String]) {
      for (i, pair) in zip(keys, keys.dropFirst()).enumerated()
      where !KaldiExport.cmp(pair.0, pair.1) {
        findings.append(
          "\(dir)/\(name):\(i + 2): '\(pair.1)' after '\(pair.0)' (expected sorted, unique keys as LC_ALL=C sort -u)")
        return
      }
    }
    for (name, rows) in [("utt2spk", utt2spk), ("spk2utt", spk2utt), ("wav.scp", wavScp)] {
      if let bad = rows.firstIndex(where: { $0.count < 2 || $0[0].isEmpty }) {
        findings.append("\(dir)/\(name):\(bad + 1): malformed line (expected '<key> <value>')")
      }
      sortedUnique(name, rows.map { $0.first ?? "" })
    }
    // spk2utt must be exactly utt2spk inverted, and utterance ids must sort with their speakers.
    var inverted: [String: [String]] = [:]
    for row in utt2spk where row.count == 2 { inverted[row[1], default: []].append(row[0]) }
    let fromSpk2utt = Dictionary(spk2utt.map { ($0[0], Array($0.dropFirst())) }, uniquingKeysWith: { a, _ in a })
    if inverted != fromSpk2utt {
      findings.append("\(dir)/spk2utt: does not match utt2spk (expected utils/utt2spk_to_spk2utt.pl output)")
    }
    let speakersInOrder = utt2spk.compactMap { $0.count == 2 ? $0[1] : nil }
    var seenSpeakers: [String] = []
    for speaker in speakersInOrder where seenSpeakers.last != speaker { seenSpeakers.append(speaker) }
    if seenSpeakers != seenSpeakers.sorted(by: KaldiExport.cmp) || Set(seenSpeakers).count != seenSpeakers.count {
      findings.append(
        "\(dir)/utt2spk: speakers are not contiguous and sorted (expected speaker ids as utterance-id prefixes)")
    }
    let utterances = Set(utt2spk.map { $0[0] })
    let recordings = Set(wavScp.map { $0[0] })
    if let segments = lines("segments") {
      sortedUnique("segments", segments.map { $0.first ?? "" })
      for (i, row) in segments.enumerated() {
        guard row.count == 4, let start = Double(row[2]), let end = Double(row[3]), start >= 0, end > start else {
          findings.append(
            "\(dir)/segments:\(i + 1): malformed line (expected '<utt> <recording> <start> <end>' with end > start)")
          continue
        }
        if !recordings.contains(row[1]) {
          findings.append("\(dir)/segments:\(i + 1): recording '\(row[1])' not in wav.scp")
        }
      }
      if Set(segments.map { $0[0] }) != utterances {
        findings.append("\(dir)/segments: utterances differ from utt2spk")
      }
    }
    for optional in ["utt2emo"] {
      guard let rows = lines(optional) else { continue }
      sortedUnique(optional, rows.map { $0.first ?? "" })
      if Set(rows.map { $0[0] }) != utterances { findings.append("\(dir)/\(optional): utterances differ from utt2spk") }
    }
    if let genders = lines("spk2gender") {
      sortedUnique("spk2gender", genders.map { $0.first ?? "" })
      if let bad = genders.firstIndex(where: { $0.count != 2 || !["m", "f"].contains($0[1]) }) {
        findings.append("\(dir)/spk2gender:\(bad + 1): expected '<speaker> m|f'")
      }
      if Set(genders.map { $0[0] }) != Set(fromSpk2utt.keys) {
        findings.append("\(dir)/spk2gender: speakers differ from spk2utt")
      }
    }
    return findings
  }
}
