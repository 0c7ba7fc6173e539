import EmoCorpus
import Folds
import FuzzSupport

/// A SpeechBrain manifest folder: the input's parts (split at `Fuzz.separator`) are train.json, test.json and valid.json.
/// Read as `check-folds --external speechbrain:PATH` reads it (the leakage audit, under both speaker
/// rules) and as `prep --folds-from` reads it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let root = Fuzz.freshFolder()
  let files = ["sb/train.json", "sb/test.json", "sb/valid.json"]
  for (part, name) in zip(Fuzz.parts(Fuzz.bytes(data, size), count: files.count), files) where !part.isEmpty {
    Fuzz.write(part, to: name, in: root)
  }
  let source = ExternalSplitSource(format: .speechbrain, path: root + "/sb")
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
