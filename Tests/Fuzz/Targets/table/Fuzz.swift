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
      Fuzz.check(try TableReader(layout: TableLayout(), strict: strict).read(root: file), root: root)
    } catch {
      Fuzz.refused(error)
    }
  }
  return 0
}
