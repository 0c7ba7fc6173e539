import Folds
import FuzzSupport

/// An s3prl meta_data folder: the input's parts (split at `Fuzz.separator`) are Session1's train and test JSON.
/// Read as `check-folds --external s3prl:PATH` reads it (the leakage audit, under both speaker
/// rules) and as `prep --folds-from` reads it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  Fuzz.split(
    data, size, format: .s3prl,
    files: ["meta_data/Session1/train_meta_data.json", "meta_data/Session1/test_meta_data.json"], path: "meta_data")
}
