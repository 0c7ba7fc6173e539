import EmoCorpus
import EmoSupport
import Foundation

extension FilePreset {
  /// A corpus read from the table a table preset names, made like a file-name preset's: speaker
  /// ids prefixed, label codes translated by `labels`, the complete copy's counts compared, and
  /// the audio files under `root` that no row names listed as unmatched.
  public func finishing(tableCorpus corpus: Corpus, root: String) throws -> Corpus {
    var corpus = corpus
    func label(_ raw: String?) -> String? { raw.map { labels.value(for: $0) ?? $0 } }
    corpus.speakers = corpus.speakers.map {
      var speaker = $0
      speaker.id = speakerPrefix + speaker.id
      return speaker
    }
    corpus.segments = corpus.segments.map {
      var segment = $0
      segment.speaker = speakerPrefix + segment.speaker
      segment.corpusConsensus = label(segment.corpusConsensus)
      segment.annotations = segment.annotations.map {
        var annotation = $0
        annotation.major = label(annotation.major)
        annotation.minor = label(annotation.minor)
        annotation.additional = annotation.additional.map { label($0)! }
        return annotation
      }
      return segment
    }
    let folder = ReaderPaths.absolute(root)
    let tree = try AudioFileTree(root: folder)
    let named = Set(corpus.segments.compactMap(\.audio?.path))
    var scan = FileScan()
    scan.audioFiles = tree.files.count
    scan.unmatchedWhy = "not named in \(table?.file ?? "the table")"
    scan.unmatched = tree.files.filter { !named.contains(folder + "/" + $0) }
    scan.hidden = tree.hidden
    scan.outsideLinks = tree.outsideLinks
    scan.presetCounts = counts(of: corpus)
    corpus.fileScan = scan
    corpus.notes += scan.messages(limit: 20)
    return corpus
  }
}
