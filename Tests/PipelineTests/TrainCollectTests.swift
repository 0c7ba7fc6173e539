import EmoSupport
import Foundation
import TestSupport
import Testing

@testable import Pipeline

/// `train --collect` after folds trained as separate jobs (cluster array tasks): the results are
/// those of one run over all folds, including the options the folds were trained with.
@Suite struct TrainCollectTests {
  /// A results.json without the epochs' wall-clock `seconds` (which differ between any two runs),
  /// re-encoded with sorted keys.
  static func untimed(_ path: String) throws -> Data {
    func strip(_ value: Any) -> Any {
      if let object = value as? [String: Any] {
        return object.filter { $0.key != "seconds" }.mapValues(strip)
      }
      if let array = value as? [Any] { return array.map(strip) }
      return value
    }
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
    return try JSONSerialization.data(withJSONObject: strip(json), options: [.sortedKeys])
  }

  @Test func collectedFoldsRecordTheirTrainingOptions() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let prep = try CrossCorpusTests.prep(tmp, "p", seed: 1, task: "cemo-anger-neutral")
    var options = TrainPipeline.Options(prepDir: prep, out: tmp.path + "/together")
    options.epochs = 2
    options.seed = 7
    options.threads = 1
    _ = try TrainPipeline.run(options, log: { _ in })

    // One job per fold, then --collect with none of the training options given.
    for fold in 1...3 {
      var job = options
      job.out = tmp.path + "/jobs"
      job.folds = [fold]
      _ = try TrainPipeline.run(job, log: { _ in })
    }
    var collect = TrainPipeline.Options(prepDir: prep, out: tmp.path + "/jobs")
    collect.collect = true
    let collected = try TrainPipeline.run(collect, log: { _ in })
    #expect(collected.options.epochs == 2)
    #expect(collected.options.seed == 7)
    #expect(collected.options.threads == 1)
    let together = try Self.untimed(tmp.path + "/together/results.json")
    #expect(try Self.untimed(tmp.path + "/jobs/results.json") == together)
    #expect(together.count > 1000)  // folds, curves, confusion: not an empty document

    // A fold retrained with other options cannot join the others' result.
    var other = options
    other.out = tmp.path + "/jobs"
    other.folds = [2]
    other.epochs = 1
    _ = try TrainPipeline.run(other, log: { _ in })
    do {
      _ = try TrainPipeline.run(collect, log: { _ in })
      Issue.record("folds trained with other options must be refused")
    } catch {
      #expect(
        "\(error)"
          == "\(tmp.path)/jobs/fold-2/checkpoint.bin: fold 2 was trained with other options than fold 1 "
          + "(expected every fold of a run trained with the same seed, epochs, threads and model options)")
    }
  }
}
