import AudioFeatures
import EmoCorpus
import EmoSupport
import Folds
import Foundation

/// `emocorpus export DIR --format lhotse|kaldi|table --out OUT`.
public enum ExportPipeline {
  public enum Format: String, CaseIterable, Sendable {
    case lhotse, kaldi, table
  }

  /// Reads the prep output's manifests (checked first) and catalog, then writes `format` into `out`.
  /// Returns the number of distinct segments exported.
  /// Folds taken from an external split are exported with their leaks, which are said through `log`.
  @discardableResult
  public static func run(
    prepDir: String, format: Format, out: String, log: (String) -> Void = PrepPipeline.note
  ) throws -> Int {
    try PrepDirectory(prepDir).validate(.folds)
    let (folds, _, leaks) = try FoldCheck.loadChecked(prepDir: prepDir)
    if !leaks.isEmpty {
      log("these folds come from an external split that leaks (\(leaks.count) findings; see check-folds \(prepDir))")
    }
    let splits = folds.flatMap { fold in
      Split.allCases.map { ExportSplit(fold: fold.index, split: $0.rawValue, entries: fold[$0].map(\.entry)) }
    }
    var input = ExportInput(splits: splits, coderLabels: [:], recordings: [:])
    input.coderLabels = try coderLabels(prepDir: prepDir)
    if format != .table, let unknown = unknownDuration(folds) {
      throw LocatedError(
        file: unknown.line.file, line: unknown.line.line,
        "segment \(unknown.line.entry.id) has no known duration (\(unknown.count) kept segments are whole files "
          + "whose audio was not there when prep ran labels-only)",
        expected:
          "start and end for --format \(format.rawValue) (\(format == .kaldi ? "its segments file needs" : "its cuts need") "
          + "them): give the table start/end columns or provide the audio and run prep again; "
          + "--format table works without them")
    }
    if format != .table {
      let paths = Set(input.uniqueEntries.map(\.path))
      if paths.contains("") {
        throw LocatedError(
          file: prepDir, "this prep output has no audio (labels-only)",
          expected: "a prep run with audio for --format \(format.rawValue); --format table works without audio")
      }
      for path in paths.sorted() {
        let info = try AudioFile.probe(path)
        input.recordings[path] = RecordingInfo(
          path: path, sampleRate: info.sampleRate, numSamples: info.frames, channels: info.channels)
      }
    }
    try AtomicFile.createDirectory(out)
    switch format {
    case .lhotse: try LhotseExport.write(input, to: out)
    case .kaldi:
      try KaldiExport.write(input, to: out)
      for split in splits {
        let dir = "\(out)/fold-\(split.fold)/\(split.split)"
        if let finding = KaldiDirectoryCheck.check(dir).first { throw LocatedError(file: nil, finding) }
      }
    case .table: try TableExport.write(input, to: out)
    }
    return input.uniqueEntries.count
  }

  /// The first manifest line of unknown duration and how many kept segments have one; nil when none.
  static func unknownDuration(_ folds: [FoldManifests]) -> (line: ManifestLine, count: Int)? {
    var first: ManifestLine?
    var ids: Set<String> = []
    for fold in folds {
      for split in Split.allCases {
        for line in fold[split] where line.entry.duration == nil {
          if first == nil { first = line }
          ids.insert(line.entry.id)
        }
      }
    }
    return first.map { ($0, ids.count) }
  }

  /// `export-features`: numpy copies of the feature cache, with label and speaker from the fold
  /// manifests when the prep made folds (read by the one manifest parser; a broken line is an
  /// error naming its file and line). Returns the number of segments written.
  public static func features(prepDir: String, out: String, progress: Bool = true) throws -> Int {
    var labels: [String: FeatureExport.SegmentLabels] = [:]
    let layout = PrepDirectory(prepDir)
    try layout.validate(.features)
    let foldsDir = layout.folds
    if FileManager.default.fileExists(atPath: foldsDir) {
      let (folds, findings) = FoldManifests.load(foldsDir: foldsDir)
      if let first = findings.first { throw LocatedError(file: nil, first) }
      for fold in folds {
        for split in Split.allCases {
          for line in fold[split] where labels[line.entry.id] == nil {
            labels[line.entry.id] = .init(label: line.entry.label, speaker: line.entry.speaker)
          }
        }
      }
    }
    return try FeatureExport.npy(prepDirectory: prepDir, out: out, labels: labels, progress: progress)
  }

  /// Raw Major label per coder of every categorical annotation, from the catalog.
  static func coderLabels(prepDir: String) throws -> [String: [String: String]] {
    let path = PrepDirectory(prepDir).catalog
    guard FileManager.default.fileExists(atPath: path) else { return [:] }
    return try Catalog(opening: path).coderMajorLabels()
  }
}
