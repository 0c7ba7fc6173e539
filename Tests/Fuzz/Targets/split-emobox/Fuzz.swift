import Folds
import FuzzSupport

/// An EmoBox corpus folder: the input's parts (split at `Fuzz.separator`) are fold 1's train and test JSONL, the stm file and label_map.json.
/// Read as `check-folds --external emobox:PATH` reads it (the leakage audit, under both speaker
/// rules) and as `prep --folds-from` reads it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  Fuzz.split(
    data, size, format: .emobox,
    files: [
      "emodb/fold_1/emodb_train_fold_1.jsonl", "emodb/fold_1/emodb_test_fold_1.jsonl", "emodb/data.seg.wrd.stm",
      "emodb/label_map.json",
    ], path: "emodb")
}
