import EmoCorpus
import FuzzSupport
import Readers

/// One CEMO-style XML file in a corpus folder, read by the reader `prep --source cemo` uses
/// (schema check, safe XML options), lenient and strict.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let root = Fuzz.freshFolder()
  Fuzz.write(Fuzz.bytes(data, size), to: "corpus.xml", in: root)
  for strict in [false, true] {
    do {
      Fuzz.check(try CEMOXMLReader(strict: strict).read(root: root), root: root)
    } catch {
      Fuzz.refused(error)
    }
  }
  return 0
}
