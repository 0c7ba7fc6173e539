import EmoSupport
import Foundation
import TestSupport
import Testing
import Trainer

@testable import Pipeline

/// `train --collect` after folds trained as separate jobs (cluster array tasks): the results are
/// those of one run over all folds, including the options the folds were trained with.
@Suite struct TrainCollectTests {
  /// A result without the epochs' wall-clock seconds (which differ between any two runs).
  static func untimed(_ result: RunResult) -> RunResult {
    var copy = result
    for f in copy.folds.indices {
      for e in copy.folds[f].curves.indices { copy.folds[f].curves[e].seconds = 0 }
    }
    return copy
  }

  @Test func collectedFoldsRecordTheirTrainingOptions() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let prep = try CrossCorpusTests.prep(tmp, "p", seed: 1, task: "cemo-anger-neutral")
    var together = TrainPipeline.Options(prepDir: prep, out: tmp.path + "/together")
    together.epochs = 2
    together.seed = 7
    together.threads = 1
    let single = try TrainPipeline.run(together, log: { _ in })

    // One job per fold, then --collect with none of the training options given.
    for fold in 1...3 {
      var job = together
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
    #expect(Self.untimed(collected) == Self.untimed(single))
    let written = try JSONDecoder().decode(
      RunResult.self, from: Data(contentsOf: URL(fileURLWithPath: tmp.path + "/jobs/results.json")))
    #expect(Self.untimed(written) == Self.untimed(single))

    // A fold retrained with other options cannot join the others' result.
    var other = together
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
