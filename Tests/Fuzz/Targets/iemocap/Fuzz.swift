import EmoCorpus
import FuzzSupport
import Readers

/// One IEMOCAP dialog evaluation file (`Session1/dialog/EmoEvaluation/<dialog>.txt`), read by the
/// reader `prep --source iemocap` uses, lenient and strict.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let root = Fuzz.freshFolder()
  Fuzz.write(Fuzz.bytes(data, size), to: "Session1/dialog/EmoEvaluation/Ses01F_impro01.txt", in: root)
  for strict in [false, true] {
    do {
      Fuzz.check(try IEMOCAPReader(strict: strict).read(root: root), root: root)
    } catch {
      Fuzz.refused(error)
    }
  }
  return 0
}
