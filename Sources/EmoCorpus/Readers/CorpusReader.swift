/// A corpus format reader: turns a corpus root into the common in-memory model (SPEC §1).
public protocol CorpusReader {
  func read(root: String) throws -> Corpus
}
