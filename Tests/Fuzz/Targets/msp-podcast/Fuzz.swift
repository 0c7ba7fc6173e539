import EmoCorpus
import FuzzSupport
import Readers

/// An MSP-Podcast tree's label files (consensus table, per-rater table, 1.x labels.txt: three parts
/// of the input), read by the reader `prep msp-podcast` uses, lenient and strict.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let root = Fuzz.freshFolder()
  let parts = Fuzz.parts(Fuzz.bytes(data, size), count: 3)
  let names = ["Labels/labels_consensus.csv", "Labels/labels_detailed.csv", "Labels/labels.txt"]
  for (part, name) in zip(parts, names) where !part.isEmpty { Fuzz.write(part, to: name, in: root) }
  for strict in [false, true] {
    do {
      let corpus = try MSPPodcastReader(strict: strict).read(root: root)
      Fuzz.check(corpus, root: root)
    } catch {
      Fuzz.refused(error)
    }
  }
  return 0
}
