import EmoCorpus
import Folds
import FuzzSupport

/// Kaldi data directories: the input's parts (split at `Fuzz.separator`) are train/utt2spk, train/wav.scp, test/utt2spk, test/wav.scp, test/utt2emo and train/utt2emo.
/// Read as `check-folds --external kaldi:PATH` reads it (the leakage audit, under both speaker
/// rules) and as `prep --folds-from` reads it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let root = Fuzz.freshFolder()
  let files = [
    "kaldi/train/utt2spk", "kaldi/train/wav.scp", "kaldi/test/utt2spk", "kaldi/test/wav.scp", "kaldi/test/utt2emo",
    "kaldi/train/utt2emo",
  ]
  for (part, name) in zip(Fuzz.parts(Fuzz.bytes(data, size), count: files.count), files) where !part.isEmpty {
    Fuzz.write(part, to: name, in: root)
  }
  let source = ExternalSplitSource(format: .kaldi, path: root + "/kaldi")
  for rule in [SpeakerRule.split, .iemocap] {
    do {
      let (report, _) = try SplitLeakage.audit(source, speakerRule: rule)
      _ = report.text(title: "fuzz")
    } catch {
      Fuzz.refused(error)
    }
  }
  do {
    _ = try ExternalSplit.read(source, needSpeakers: false)
  } catch {
    Fuzz.refused(error)
  }
  return 0
}
