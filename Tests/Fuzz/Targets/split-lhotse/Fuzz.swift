import Folds
import FuzzSupport

/// Lhotse cut manifests: the input's parts (split at `Fuzz.separator`) are cuts_train.jsonl, cuts_test.jsonl and the raw bytes of cuts_dev.jsonl.gz.
/// Read as `check-folds --external lhotse:PATH` reads it (the leakage audit, under both speaker
/// rules) and as `prep --folds-from` reads it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  Fuzz.split(
    data, size, format: .lhotse,
    files: ["lhotse/cuts_train.jsonl", "lhotse/cuts_test.jsonl", "lhotse/cuts_dev.jsonl.gz"], path: "lhotse")
}
