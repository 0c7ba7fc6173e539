import EmoCorpus
import EmoSupport
import Foundation

/// Chooses the reader for a SOURCE and reads the corpus (the only place that maps formats to readers).
public enum CorpusLoading {
  /// The reader of `source`; the `files` reader takes its layout from `files`.
  public static func reader(for source: SourceKind, files: FileReaderOptions? = nil) throws -> any CorpusReader {
    switch source {
    case .iemocap: IEMOCAPReader()
    case .cemo: CEMOXMLReader()
    case .table: TableReader()
    case .trs: TranscriberReader()
    case .files: FilesReader(layout: try (files ?? FileReaderOptions()).layout())
    }
  }

  /// Reads `root` with the reader of `source`; a missing root is a one-line error naming it.
  public static func read(_ source: SourceKind, root: String, files: FileReaderOptions? = nil) throws -> Corpus {
    guard FileManager.default.fileExists(atPath: root) else { throw PipelineError.missingRoot(root) }
    if source == .files, let preset = try files?.loadPreset(), let table = preset.table {
      return try readTable(preset, table, root: root)
    }
    return try reader(for: source, files: files).read(root: root)
  }

  /// Reads the corpus a prep or audit config names.
  public static func read(_ config: PrepConfig) throws -> Corpus {
    try read(config.source, root: config.root, files: config.files)
  }

  /// A table preset (nEMO's data.tsv): the table read under the preset's column names and audio
  /// folder, then finished like a file-name preset.
  static func readTable(_ preset: FilePreset, _ table: FilePreset.Table, root: String) throws -> Corpus {
    let path = URL(fileURLWithPath: root).appendingPathComponent(table.file).standardizedFileURL.path
    guard FileManager.default.fileExists(atPath: path) else {
      throw LocatedError(
        file: path, "preset \(preset.name) reads \(table.file), which is not in ROOT",
        expected: "ROOT as distributed: the folder holding \(table.file)")
    }
    // The table reader's column mapping (`--columns`, `--audio-dir`) reads the table under the
    // corpus's own header names; without it in this build, a table preset cannot be read.
    throw LocatedError(
      file: path, "preset \(preset.name) needs the table reader's column mapping, which this build lacks",
      expected: "a file-name preset (emocorpus prep files --preset list)")
  }
}
