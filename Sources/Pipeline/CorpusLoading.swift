import EmoCorpus
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
    return try reader(for: source, files: files).read(root: root)
  }

  /// Reads the corpus a prep or audit config names.
  public static func read(_ config: PrepConfig) throws -> Corpus {
    try read(config.source, root: config.root, files: config.files)
  }
}
