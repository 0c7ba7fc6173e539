import EmoSupport
import Foundation

/// Everything that evolves during training; checkpointed after every epoch.
struct TrainingState {
  /// Completed epochs.
  var epoch = 0
  var rng: SeededRandom
  var params: [Float]
  var adam: Adam
  var bestParams: [Float]
  /// Best validation score so far: UA, or the mean CCC when emotion is not a target.
  var bestUA = -1.0
  var bestEpoch = 0
  var epochsSinceBest = 0
  var stopped = false
  var history: [EpochRecord] = []
}

/// Checkpoint header: the scalar state plus the settings it was made with (checked on resume).
struct CheckpointHeader: Codable {
  var epoch: Int
  var step: Int
  var rng: SeededRandom
  var bestUA: Double
  var bestEpoch: Int
  var epochsSinceBest: Int
  var stopped: Bool
  var history: [EpochRecord]
  var model: ModelConfig
  var classes: [String]
  var options: TrainingOptions
}

/// A window of the training split: segment index and window index within the segment.
struct WindowRef: Hashable {
  var segment: Int
  var window: Int
}

/// The epoch loop of one fold: oversampling, batches, Adam, validation, early stopping and
/// checkpoints.
struct TrainingSession {
  let network: Network
  let fold: FoldData
  let source: any WindowSource
  let classes: [String]
  let options: TrainingOptions
  let checkpointPath: String
  let engine: BatchEngine
  var state: TrainingState
  /// Training windows by class.
  let windowsByClass: [[WindowRef]]
  /// Training windows kept between the batches of an epoch (and across epochs while they fit).
  var cache: WindowCache

  init(
    network: Network, fold: FoldData, source: any WindowSource, classes: [String], options: TrainingOptions,
    checkpointPath: String, resume: Bool, cacheBudget: Int = WindowCache.defaultBudget,
    regression: RegressionTargets? = nil
  ) throws {
    cache = WindowCache(budget: cacheBudget)
    self.network = network
    self.fold = fold
    self.source = source
    self.classes = classes
    self.options = options
    self.checkpointPath = checkpointPath
    engine = BatchEngine(
      network: network, batchSize: options.batchSize, workers: options.threads, regression: regression)
    if let regression {
      engine.emotionWeight = options.weight(of: "emotion")
      engine.dimensionWeights = regression.names.map { options.weight(of: $0) }
    }
    // Without an emotion target there are no classes to balance: one bucket, shuffled.
    var byClass = [[WindowRef]](repeating: [], count: max(network.classes, 1))
    for (s, segment) in fold.train.segments.enumerated() {
      for w in 0..<(try source.windowCount(segment: segment.id)) {
        byClass[network.classes > 0 ? segment.label : 0].append(WindowRef(segment: s, window: w))
      }
    }
    windowsByClass = byClass
    let initial = network.initialParameters(seed: options.seed &+ UInt64(fold.fold))
    state = TrainingState(
      rng: SeededRandom(seed: options.seed &+ UInt64(fold.fold), stream: "training"), params: initial,
      adam: Adam(parameterCount: network.parameterCount), bestParams: initial)
    if resume && FileManager.default.fileExists(atPath: checkpointPath) {
      try restore()
    }
  }

  /// Oversamples every class to the largest class's window count, then shuffles.
  static func epochOrder(_ byClass: [[WindowRef]], rng: inout SeededRandom) -> [WindowRef] {
    let target = byClass.map(\.count).max() ?? 0
    var order: [WindowRef] = []
    for refs in byClass where !refs.isEmpty {
      order += refs
      for _ in refs.count..<target { order.append(refs[Int(rng.next() % UInt64(refs.count))]) }
    }
    for i in stride(from: order.count - 1, to: 0, by: -1) {
      order.swapAt(i, Int(rng.next() % UInt64(i + 1)))
    }
    return order
  }

  mutating func run(log: (String) -> Void) throws {
    for (c, refs) in windowsByClass.enumerated() where refs.isEmpty && network.classes > 0 {
      log("fold \(fold.fold): class '\(classes[c])' has no training windows; the model cannot learn it")
    }
    let started = Date()
    let startEpoch = state.epoch
    while state.epoch < options.epochs && !state.stopped {
      let epochStart = Date()
      let order = TrainingSession.epochOrder(windowsByClass, rng: &state.rng)
      cache.beginEpoch(order, batchSize: options.batchSize)
      let batches = (order.count + options.batchSize - 1) / options.batchSize
      let progress = Progress(
        "fold \(fold.fold) epoch \(state.epoch + 1)/\(options.epochs)", total: batches, unit: "batches")
      var grads = [Float](repeating: 0, count: network.parameterCount)
      var lossSum = 0.0
      for b in 0..<batches {
        let refs = Array(order[(b * options.batchSize)..<min(order.count, (b + 1) * options.batchSize)])
        let batch = try loadBatch(refs, index: b)
        let seeds = refs.map { _ in state.rng.next() }
        let loss = engine.trainStep(params: state.params, batch: batch, dropoutSeeds: seeds, grads: &grads)
        guard loss.isFinite else {
          throw LocatedError(
            file: checkpointPath,
            "training diverged (loss \(loss)) in epoch \(state.epoch + 1), step \(state.adam.step + 1)",
            expected: "a finite loss; lower learning_rate or check the features for NaN")
        }
        lossSum += loss
        let rate = options.learningRate(atStep: state.adam.step)
        state.adam.update(&state.params, grads: &grads, rate: rate, clip: Float(options.clip))
        progress.advance()
      }
      progress.finish()
      let posteriors = try engine.posteriors(
        params: state.params, split: fold.validation, source: source, normalization: fold.normalization,
        batchSize: options.batchSize)
      let ua: Double? =
        network.classes > 0 ? score(posteriors, classes: classes.count).emotion.values.map(\.ua).max() ?? 0 : nil
      let ccc = engine.regression.map { meanCCC(scoreDimensions(posteriors, targets: $0)) }
      // The epoch kept: best validation UA, or best mean validation CCC without an emotion target.
      let criterion = ua ?? ccc ?? 0
      state.epoch += 1
      var record = EpochRecord(
        epoch: state.epoch, loss: lossSum / Double(max(batches, 1)), validationUA: ua,
        learningRate: options.learningRate(atStep: state.adam.step), seconds: Date().timeIntervalSince(epochStart))
      record.validationCCC = ccc
      state.history.append(record)
      if criterion > state.bestUA {
        state.bestUA = criterion
        state.bestEpoch = state.epoch
        state.bestParams = state.params
        state.epochsSinceBest = 0
      } else {
        state.epochsSinceBest += 1
        if state.epochsSinceBest >= options.patience { state.stopped = true }
      }
      try checkpoint()
      // Tests of interrupted training die here, with the epoch's checkpoint on disk.
      FaultPoint.reached("train.checkpoint-written")
      let perEpoch = Date().timeIntervalSince(started) / Double(state.epoch - startEpoch)
      let eta = perEpoch * Double(options.epochs - state.epoch)
      let end = state.stopped ? ", early stop" : String(format: ", ETA ≤ %.0f s", eta)
      if let ua {
        log(
          String(
            format: "fold %d epoch %d/%d: loss %.4f, validation UA %.1f %% (best %.1f %% at epoch %d)%@", fold.fold,
            state.epoch, options.epochs, state.history.last!.loss, 100 * ua, 100 * state.bestUA, state.bestEpoch,
            (ccc.map { String(format: ", CCC %.3f", $0) } ?? "") + end))
      } else {
        log(
          String(
            format: "fold %d epoch %d/%d: loss %.4f, validation CCC %.3f (best %.3f at epoch %d)%@", fold.fold,
            state.epoch, options.epochs, state.history.last!.loss, ccc ?? 0, state.bestUA, state.bestEpoch, end))
      }
    }
  }

  /// The windows of batch `index` of the epoch: each segment from the cache or read once.
  mutating func loadBatch(_ refs: [WindowRef], index: Int) throws -> Batch {
    var local: [Int: [FeatureWindow]] = [:]
    var items: [(SplitSegment, FeatureWindow)] = []
    let source = self.source
    for ref in refs {
      if local[ref.segment] == nil {
        let id = fold.train.segments[ref.segment].id
        local[ref.segment] = try cache.windows(segment: ref.segment, batch: index) { try source.windows(segment: id) }
      }
      let windows = local[ref.segment]!
      guard ref.window < windows.count else {
        throw LocatedError(
          file: nil, "segment '\(fold.train.segments[ref.segment].id)' has \(windows.count) windows",
          expected: "the count its window source reported")
      }
      items.append((fold.train.segments[ref.segment], windows[ref.window]))
    }
    return try engine.makeBatch(items, normalization: fold.normalization, softTargets: options.softTargets == true)
  }

  func checkpoint() throws {
    let header = CheckpointHeader(
      epoch: state.epoch, step: state.adam.step, rng: state.rng, bestUA: state.bestUA, bestEpoch: state.bestEpoch,
      epochsSinceBest: state.epochsSinceBest, stopped: state.stopped, history: state.history, model: network.config,
      classes: classes, options: options)
    try ParameterFile.write(
      header: header, arrays: [state.params, state.adam.m, state.adam.v, state.bestParams], to: checkpointPath)
  }

  mutating func restore() throws {
    let (header, arrays) = try ParameterFile.read(CheckpointHeader.self, path: checkpointPath)
    var saved = header.options
    saved.epochs = options.epochs
    guard header.model == network.config, header.classes == classes, saved == options else {
      throw LocatedError(
        file: checkpointPath, "checkpoint was made with a different model, classes or training options",
        expected: "the same settings as the interrupted run (only --epochs may change)")
    }
    guard arrays.count == 4, arrays.allSatisfy({ $0.count == network.parameterCount }) else {
      throw LocatedError(
        file: checkpointPath, "checkpoint holds arrays of the wrong size",
        expected: "\(network.parameterCount) parameters")
    }
    state.epoch = header.epoch
    state.rng = header.rng
    state.params = arrays[0]
    state.adam.m = arrays[1]
    state.adam.v = arrays[2]
    state.adam.step = header.step
    state.bestParams = arrays[3]
    state.bestUA = header.bestUA
    state.bestEpoch = header.bestEpoch
    state.epochsSinceBest = header.epochsSinceBest
    state.stopped = header.stopped
    state.history = header.history
  }
}
