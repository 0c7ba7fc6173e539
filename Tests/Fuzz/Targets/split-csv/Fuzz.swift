import Folds
import FuzzSupport

/// A split table (`id,speaker,fold,split`, any delimiter and encoding).
/// Read as `check-folds --external csv:PATH` reads it (the leakage audit, under both speaker
/// rules) and as `prep --folds-from` reads it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  Fuzz.split(data, size, format: .csv, files: ["split.csv"], path: "split.csv")
}
