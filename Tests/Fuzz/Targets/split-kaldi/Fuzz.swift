import Folds
import FuzzSupport

/// Kaldi data directories: the input's parts (split at `Fuzz.separator`) are train/utt2spk, train/wav.scp, test/utt2spk, test/wav.scp, test/utt2emo and train/utt2emo.
/// Read as `check-folds --external kaldi:PATH` reads it (the leakage audit, under both speaker
/// rules) and as `prep --folds-from` reads it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  Fuzz.split(
    data, size, format: .kaldi,
    files: [
      "kaldi/train/utt2spk", "kaldi/train/wav.scp", "kaldi/test/utt2spk", "kaldi/test/wav.scp", "kaldi/test/utt2emo",
      "kaldi/train/utt2emo",
    ], path: "kaldi")
}
