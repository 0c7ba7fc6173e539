import EmoCorpus
import FuzzSupport
import Readers

/// A delimited corpus table (any encoding, delimiter, BOM), read by the reader
/// `prep --source table` uses, lenient and strict.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let root = Fuzz.freshFolder()
  let file = Fuzz.write(Fuzz.bytes(data, size), to: "corpus.csv", in: root)
  for strict in [false, true] {
    do {
      let corpus = try TableReader(layout: TableLayout(), strict: strict).read(root: file)
      // A table may name audio by absolute path (its explicit choice); every other path stays
      // inside the root. Absolute rows are checked as written, the rest against the root.
      let text = String(decoding: Fuzz.bytes(data, size), as: UTF8.self)
      var inside = corpus
      inside.segments = corpus.segments.filter { segment in
        guard let path = segment.audio?.path, !Fuzz.isInside(path, root: root) else { return true }
        let top = path.split(separator: "/").first.map { "/" + $0 } ?? "/"
        Fuzz.require(text.contains(top), "segment \(segment.id.debugDescription) audio path leaves the corpus root")
        return false
      }
      Fuzz.check(inside, root: root)
    } catch {
      Fuzz.refused(error)
    }
  }
  return 0
}
