import EmoCorpus
import EmoSupport
import Foundation
import Readers

/// Reads the corpus of a SOURCE with its registered reader (`ReaderRegistry`) and attaches
/// transcripts given with `--transcripts`.
public enum CorpusLoading {
  /// The reader of `config.source`, with the reader options of the config (`--strict`,
  /// `--columns`/`--audio-dir`, `--time-tolerance`; for `files`, the preset, pattern and maps).
  public static func reader(for config: PrepConfig) throws -> any CorpusReader {
    try ReaderRegistry.reader(for: config.source, options: config.readerOptions)
  }

  /// Reads `config.root` with the reader of `config.source`; a missing root is a one-line error
  /// naming it.
  public static func read(_ config: PrepConfig) throws -> Corpus {
    guard FileManager.default.fileExists(atPath: config.root) else { throw PipelineError.missingRoot(config.root) }
    var corpus = try reader(for: config).read(root: config.root)
    if let folder = config.transcripts { try TranscriptFolder.attach(folder: folder, to: &corpus) }
    return corpus
  }

  /// Reads `root` with the reader of `source` and its default options (item faults dropped,
  /// not fatal).
  public static func read(_ source: SourceKind, root: String) throws -> Corpus {
    try read(PrepConfig(source: source, root: root, task: "", out: ""))
  }
}
