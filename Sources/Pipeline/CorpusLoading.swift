import EmoCorpus
import EmoSupport
import Foundation
import Readers

/// Chooses the reader for a SOURCE and reads the corpus (the only place that maps formats to readers).
public enum CorpusLoading {
  /// The reader of `config.source`, with the reader options of the config (`--strict`,
  /// `--columns`/`--audio-dir`, `--time-tolerance`; for `files`, the preset, pattern and maps).
  public static func reader(for config: PrepConfig) throws -> any CorpusReader {
    switch config.source {
    case .iemocap: IEMOCAPReader(strict: config.strict)
    case .cemo: CEMOXMLReader(strict: config.strict)
    case .table: TableReader(layout: config.tableLayout ?? TableLayout(), strict: config.strict)
    case .trs: TranscriberReader(timeTolerance: config.resolvedTimeTolerance, strict: config.strict)
    case .files: FilesReader(layout: try (config.files ?? FileReaderOptions()).layout())
    case .mspPodcast: MSPPodcastReader(columns: config.mspColumns ?? [:], strict: config.strict)
    }
  }

  /// Reads `config.root` with the reader of `config.source`; a missing root is a one-line error
  /// naming it.
  public static func read(_ config: PrepConfig) throws -> Corpus {
    guard FileManager.default.fileExists(atPath: config.root) else { throw PipelineError.missingRoot(config.root) }
    var corpus: Corpus
    if config.source == .files, let preset = try config.files?.loadPreset(), let table = preset.table {
      corpus = try readTable(preset, table, root: config.root, strict: config.strict)
    } else {
      corpus = try reader(for: config).read(root: config.root)
    }
    if let folder = config.transcripts { try TranscriptFolder.attach(folder: folder, to: &corpus) }
    return corpus
  }

  /// Reads `root` with the reader of `source` and its default options (item faults dropped,
  /// not fatal).
  public static func read(_ source: SourceKind, root: String) throws -> Corpus {
    try read(PrepConfig(source: source, root: root, task: "", out: ""))
  }

  /// A table preset (nEMO's data.tsv): the table read under the corpus's own column names with
  /// audio in the preset's folder, then finished like a file-name preset (speaker prefix, label
  /// map, complete-copy counts, audio files the table does not name).
  static func readTable(_ preset: FilePreset, _ table: FilePreset.Table, root: String, strict: Bool) throws -> Corpus {
    let path = URL(fileURLWithPath: root).appendingPathComponent(table.file).standardizedFileURL.path
    guard FileManager.default.fileExists(atPath: path) else {
      throw LocatedError(
        file: path, "preset \(preset.name) reads \(table.file), which is not in ROOT",
        expected: "ROOT as distributed: the folder holding \(table.file)")
    }
    let reader = TableReader(layout: TableLayout(columns: table.columns, audioDir: table.audioDir), strict: strict)
    return try preset.finishing(tableCorpus: reader.read(root: path), root: root)
  }
}
