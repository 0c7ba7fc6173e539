import EmoCorpus
import Folds
import FuzzSupport

/// An s3prl meta_data folder: the input's parts (split at `Fuzz.separator`) are Session1's train and test JSON.
/// Read as `check-folds --external s3prl:PATH` reads it (the leakage audit, under both speaker
/// rules) and as `prep --folds-from` reads it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let root = Fuzz.freshFolder()
  let files = ["meta_data/Session1/train_meta_data.json", "meta_data/Session1/test_meta_data.json"]
  for (part, name) in zip(Fuzz.parts(Fuzz.bytes(data, size), count: files.count), files) where !part.isEmpty {
    Fuzz.write(part, to: name, in: root)
  }
  let source = ExternalSplitSource(format: .s3prl, path: root + "/meta_data")
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
