import EmoCorpus

/// Anything that turns a corpus on disk into the in-memory model.
public protocol CorpusReader {
  /// Reads the corpus at `root` (a folder or a file, depending on the format).
  func read(root: String) throws -> Corpus
}
