import EmoSupport
import Foundation

/// Lhotse manifests: recordings, supervisions and per-fold cuts, gzipped JSON lines.
///
/// Field names follow lhotse's `Recording`, `SupervisionSegment` and `MonoCut` dictionaries; cuts
/// carry no features (lhotse's frame-count rule differs from ours). Channel 0 is used:
/// segments of multi-channel files keep every channel in the recording and point at the first.
public enum LhotseExport {
  public static func write(_ input: ExportInput, to out: String) throws {
    // The pipeline refuses such a prep output first, naming the manifest line.
    if let unknown = input.uniqueEntries.first(where: { $0.duration == nil }) {
      throw LocatedError(
        file: unknown.path, "segment \(unknown.id) has no known duration", expected: "durations for Lhotse cuts")
    }
    let recordingIDs = input.recordingIDs
    var recordingLines: [String] = []
    var recordingDicts: [String: [String: Any]] = [:]
    for (path, id) in recordingIDs.sorted(by: { $0.value < $1.value }) {
      guard let info = input.recordings[path] else {
        throw LocatedError(
          file: path, "no audio header for this file (expected an existing audio file; Lhotse export needs audio)")
      }
      let dict = recordingDict(id: id, info: info)
      recordingDicts[path] = dict
      recordingLines.append(try jsonLine(dict))
    }
    try GzipWriter.write(recordingLines.joined(), to: out + "/recordings.jsonl.gz")

    let supervisionLines = try input.uniqueEntries.map { entry in
      try jsonLine(supervisionDict(entry, recordingID: recordingIDs[entry.path]!, start: entry.start, input: input))
    }
    try GzipWriter.write(supervisionLines.joined(), to: out + "/supervisions.jsonl.gz")

    for split in input.splits {
      let lines = try split.entries.sorted { $0.id < $1.id }.map { entry -> String in
        var supervision = supervisionDict(entry, recordingID: recordingIDs[entry.path]!, start: 0, input: input)
        supervision["start"] = 0.0
        let cut: [String: Any] = [
          "id": entry.id, "start": entry.start, "duration": entry.duration!, "channel": 0,
          "supervisions": [supervision], "recording": recordingDicts[entry.path]!, "type": "MonoCut",
        ]
        return try jsonLine(cut)
      }
      try GzipWriter.write(lines.joined(), to: out + "/fold-\(split.fold)/cuts_\(split.split).jsonl.gz")
    }
  }

  static func recordingDict(id: String, info: RecordingInfo) -> [String: Any] {
    let channels = Array(0..<max(info.channels, 1))
    return [
      "id": id,
      "sources": [["type": "file", "channels": channels, "source": info.path]],
      "sampling_rate": info.sampleRate, "num_samples": info.numSamples, "duration": info.duration,
      "channel_ids": channels,
    ]
  }

  static func supervisionDict(_ entry: ManifestEntry, recordingID: String, start: Double, input: ExportInput)
    -> [String: Any]
  {
    var custom: [String: Any] = ["emotion": entry.label, "gender": entry.gender.rawValue, "role": entry.role.rawValue]
    if let coders = input.coderLabels[entry.id], !coders.isEmpty { custom["coders"] = coders }
    // Rating dimensions (consensus per dimension, the manifest's units).
    if let dimensions = entry.dimensions, !dimensions.isEmpty { custom["dimensions"] = dimensions }
    var dict: [String: Any] = [
      "id": entry.id, "recording_id": recordingID, "start": start, "duration": entry.duration!, "channel": 0,
      "speaker": entry.speaker, "custom": custom,
    ]
    if entry.gender != .unknown { dict["gender"] = entry.gender == .male ? "m" : "f" }
    return dict
  }

  static func jsonLine(_ object: [String: Any]) throws -> String {
    let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}
