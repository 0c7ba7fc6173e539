import EmoCorpus
import Foundation

/// Chooses the reader for a SOURCE and reads the corpus (the only place that maps formats to readers).
public enum CorpusLoading {
  /// The reader of `config.source`, with the reader options of the config (`--strict`,
  /// `--columns`/`--audio-dir`, `--time-tolerance`).
  public static func reader(for config: PrepConfig) -> any CorpusReader {
    switch config.source {
    case .iemocap: IEMOCAPReader(strict: config.strict)
    case .cemo: CEMOXMLReader(strict: config.strict)
    case .table: TableReader(layout: config.tableLayout ?? TableLayout(), strict: config.strict)
    case .trs: TranscriberReader(timeTolerance: config.resolvedTimeTolerance, strict: config.strict)
    }
  }

  /// Reads `config.root` with the reader of `config.source`; a missing root is a one-line error
  /// naming it.
  public static func read(_ config: PrepConfig) throws -> Corpus {
    guard FileManager.default.fileExists(atPath: config.root) else { throw PipelineError.missingRoot(config.root) }
    return try reader(for: config).read(root: config.root)
  }

  /// Reads `root` with the reader of `source` and its default options (item faults dropped,
  /// not fatal).
  public static func read(_ source: SourceKind, root: String) throws -> Corpus {
    try read(PrepConfig(source: source, root: root, task: "", out: ""))
  }
}
