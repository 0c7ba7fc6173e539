import Folds
import FuzzSupport

/// A SpeechBrain manifest folder: the input's parts (split at `Fuzz.separator`) are train.json, test.json and valid.json.
/// Read as `check-folds --external speechbrain:PATH` reads it (the leakage audit, under both speaker
/// rules) and as `prep --folds-from` reads it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  Fuzz.split(data, size, format: .speechbrain, files: ["sb/train.json", "sb/test.json", "sb/valid.json"], path: "sb")
}
