import EmoCorpus
import Folds
import FuzzSupport

/// Lhotse cut manifests: the input's parts (split at `Fuzz.separator`) are cuts_train.jsonl, cuts_test.jsonl and the raw bytes of cuts_dev.jsonl.gz.
/// Read as `check-folds --external lhotse:PATH` reads it (the leakage audit, under both speaker
/// rules) and as `prep --folds-from` reads it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let root = Fuzz.freshFolder()
  let files = ["lhotse/cuts_train.jsonl", "lhotse/cuts_test.jsonl", "lhotse/cuts_dev.jsonl.gz"]
  for (part, name) in zip(Fuzz.parts(Fuzz.bytes(data, size), count: files.count), files) where !part.isEmpty {
    Fuzz.write(part, to: name, in: root)
  }
  let source = ExternalSplitSource(format: .lhotse, path: root + "/lhotse")
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
