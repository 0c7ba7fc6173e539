import EmoCorpus
import EmoSupport
import Foundation
import Readers

/// Reads the corpus of a SOURCE with its registered reader (`ReaderRegistry`) and attaches
/// transcripts given with `--transcripts`.
public enum CorpusLoading {
  /// The reader of `config.source`, with the reader options of the config (`--strict`,
  /// `--columns`/`--audio-dir`, `--time-tolerance`; for `files`, the preset, pattern and maps).
  public static func reader(for request: CorpusRequest) throws -> any CorpusReader {
    try ReaderRegistry.reader(for: request.source, options: request.reader)
  }

  /// Reads `config.root` with the reader of `config.source`; a missing root is a one-line error
  /// naming it.
  public static func read(_ request: CorpusRequest) throws -> Corpus {
    guard FileManager.default.fileExists(atPath: request.root) else { throw PipelineError.missingRoot(request.root) }
    var corpus = try reader(for: request).read(root: request.root)
    if let folder = request.transcripts { try TranscriptFolder.attach(folder: folder, to: &corpus) }
    return corpus
  }

  /// Reads `root` with the reader of `source` and its default options (item faults dropped,
  /// not fatal).
  public static func read(_ source: SourceKind, root: String) throws -> Corpus {
    try read(CorpusRequest(source: source, root: root))
  }
}
