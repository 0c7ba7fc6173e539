import EmoCorpus
import FuzzSupport
import Readers

/// A Transcriber corpus folder: `call.trs` and the optional companion tables `speakers.csv` and
/// `labels.csv` (the input's parts, split at `Fuzz.separator`), read by the reader
/// `prep --source trs` uses, lenient and strict.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let root = Fuzz.freshFolder()
  let parts = Fuzz.parts(Fuzz.bytes(data, size), count: 3)
  Fuzz.write(parts[0], to: "call.trs", in: root)
  if !parts[1].isEmpty { Fuzz.write(parts[1], to: "speakers.csv", in: root) }
  if !parts[2].isEmpty { Fuzz.write(parts[2], to: "labels.csv", in: root) }
  for strict in [false, true] {
    do {
      Fuzz.check(try TranscriberReader(strict: strict).read(root: root), root: root)
    } catch {
      Fuzz.refused(error)
    }
  }
  return 0
}
