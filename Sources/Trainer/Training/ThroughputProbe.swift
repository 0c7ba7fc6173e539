import EmoSupport
import Foundation

/// Training and inference throughput of a model on random windows (`make bench`).
public enum ThroughputProbe {
  /// How window lengths are drawn.
  public enum Lengths: Sendable {
    /// Every window full (`frames`).
    case full
    /// Uniform in 1...frames (masking does real work).
    case uniform
  }

  /// A throughput measurement: samples per wall-clock second, and per CPU second of the process
  /// (all threads; the figure that survives a machine shared with other jobs).
  public struct Rate: Sendable {
    public var perSecond: Double
    public var perCPUSecond: Double
  }

  /// Floating-point operations (2 per multiply-add) of one full-length window: forward for
  /// inference; forward + backward (weight and input gradients, none for the input itself) for
  /// training. 25.1 M and 61.6 M for the default model.
  public static func flopsPerSample(model: ModelConfig = .temporalCNNBiLSTM, classes: Int = 4) throws -> (
    inference: Double, training: Double
  ) {
    let n = try Network(config: model, classes: classes)
    var forward = 0.0
    var firstLayerInput = 0.0
    for (i, c) in n.convs.enumerated() {
      let macs = Double(c.outT * c.outF * c.outC * c.patch)
      forward += macs
      if i == 0 { firstLayerInput = macs }
    }
    let l = n.lstm
    forward += Double(l.steps * l.gateWidth * l.inputSize) + Double((l.steps - 1) * l.gateWidth * l.hidden)
    for d in n.denses + [n.emotionHead] { forward += Double(d.inputs * d.outputs) }
    // Backward: one weight-gradient GEMM per forward GEMM, one input-gradient GEMM except for the input.
    let training = 3 * forward - (n.convs.isEmpty ? Double(l.steps * l.gateWidth * l.inputSize) : firstLayerInput)
    return (2 * forward, 2 * training)
  }

  /// The machine's single-core sgemm rate in GFLOP/s: OpenBLAS (one thread) multiplying 512 × 512
  /// matrices, thread CPU time, best of `rounds` rounds of about `seconds / rounds` each. The
  /// yardstick for the training figures (a large square GEMM is as close to the FMA peak as BLAS gets).
  public static func sgemmPeakGFLOPS(size n: Int = 512, seconds: Double = 1, rounds: Int = 5) -> Double {
    _ = BLASSetup.once
    var rng = SeededRandom(seed: 1, stream: "sgemm-peak")
    let a = (0..<(n * n)).map { _ in Float(rng.uniform()) }
    let b = (0..<(n * n)).map { _ in Float(rng.uniform()) }
    var c = [Float](repeating: 0, count: n * n)
    let flops = 2 * Double(n * n * n)
    var best = 0.0
    c.withUnsafeMutableBufferPointer { cp in
      Float.gemm(false, false, n, n, n, 1, a, n, b, n, 0, cp.baseAddress!, n)
      for _ in 0..<max(rounds, 1) {
        var calls = 0
        let start = PhaseTimes.now()
        repeat {
          Float.gemm(false, false, n, n, n, 1, a, n, b, n, 0, cp.baseAddress!, n)
          calls += 1
        } while PhaseTimes.now() - start < seconds / Double(max(rounds, 1))
        best = max(best, Double(calls) * flops / (PhaseTimes.now() - start) / 1e9)
      }
    }
    return best
  }

  static func cpuSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
  }

  /// Runs `step` (returning the samples it processed) for `seconds` split into `rounds` rounds
  /// after one warm-up call; the best round's wall and CPU rates (each best-of: on a shared machine
  /// the rounds that other jobs disturbed least are the closest to what the code does).
  static func measure(seconds: Double, rounds: Int, _ step: () -> Int) -> Rate {
    _ = step()
    var best = Rate(perSecond: 0, perCPUSecond: 0)
    for _ in 0..<max(rounds, 1) {
      var samples = 0
      let start = Date()
      let cpuStart = cpuSeconds()
      repeat { samples += step() } while Date().timeIntervalSince(start) < seconds / Double(max(rounds, 1))
      let wall = Date().timeIntervalSince(start)
      let cpu = cpuSeconds() - cpuStart
      best.perSecond = max(best.perSecond, Double(samples) / wall)
      best.perCPUSecond = max(best.perCPUSecond, Double(samples) / cpu)
    }
    return best
  }

  /// Samples per second of training steps (forward + backward + clipping + Adam) on batches of
  /// `batchSize` random windows: best of `rounds` rounds over `seconds` in all, after a warm-up step.
  public static func trainingSamplesPerSecond(
    model: ModelConfig = .temporalCNNBiLSTM, classes: Int = 4, batchSize: Int = 32, threads: Int = 2,
    lengths: Lengths = .uniform, seconds: Double = 3, rounds: Int = 5, seed: UInt64 = 1
  ) throws -> Rate {
    let network = try Network(config: model, classes: classes)
    let engine = BatchEngine(network: network, batchSize: batchSize, workers: threads)
    var rng = SeededRandom(seed: seed, stream: "bench")
    var params = network.initialParameters(seed: seed)
    var adam = Adam(parameterCount: network.parameterCount)
    var grads = [Float](repeating: 0, count: network.parameterCount)
    let batches = (0..<4).map { _ in randomBatch(network, batchSize, lengths, &rng) }
    var step = 0
    return measure(seconds: seconds, rounds: rounds) {
      let batch = batches[step % batches.count]
      let seeds = (0..<batch.count).map { _ in rng.next() }
      _ = engine.trainStep(params: params, batch: batch, dropoutSeeds: seeds, grads: &grads)
      adam.update(&params, grads: &grads, rate: 1e-4, clip: 1)
      step += 1
      return batch.count
    }
  }

  /// Shares of a training step's CPU time (full windows): each forward/backward phase summed over
  /// the worker threads, the reduction of the workers' gradients, and clipping + Adam.
  public static func trainingBreakdown(
    model: ModelConfig = .temporalCNNBiLSTM, classes: Int = 4, batchSize: Int = 32, threads: Int = 2,
    steps: Int = 40, seed: UInt64 = 1
  ) throws -> [(phase: String, share: Double)] {
    var (network, engine, rng, params, batch) = try fullWindows(model, classes, batchSize, threads, seed)
    var adam = Adam(parameterCount: network.parameterCount)
    var grads = [Float](repeating: 0, count: network.parameterCount)
    var adamSeconds = 0.0
    for step in 0...steps {
      if step == 1 { engine.measurePhases() }
      let seeds = (0..<batch.count).map { _ in rng.next() }
      _ = engine.trainStep(params: params, batch: batch, dropoutSeeds: seeds, grads: &grads)
      let start = PhaseTimes.now()
      adam.update(&params, grads: &grads, rate: 1e-4, clip: 1)
      if step > 0 { adamSeconds += PhaseTimes.now() - start }
    }
    let names = [
      "conv forward", "LSTM input projection", "LSTM recurrence", "heads and loss", "LSTM backward recurrence",
      "LSTM backward projection", "conv backward",
    ]
    let seconds = engine.phaseSeconds + [engine.reductionSeconds, adamSeconds]
    let total = seconds.reduce(0, +)
    return zip(names + ["gradient reduction", "clipping and Adam"], seconds).map { ($0, $1 / total) }
  }

  /// The network, an engine, the bench's random stream after drawing one batch of full windows,
  /// initial parameters and that batch: what the breakdowns measure on.
  private static func fullWindows(
    _ model: ModelConfig, _ classes: Int, _ batchSize: Int, _ threads: Int, _ seed: UInt64
  ) throws -> (Network, BatchEngine, SeededRandom, [Float], Batch) {
    let network = try Network(config: model, classes: classes)
    let engine = BatchEngine(network: network, batchSize: batchSize, workers: threads)
    var rng = SeededRandom(seed: seed, stream: "bench")
    let params = network.initialParameters(seed: seed)
    let batch = randomBatch(network, batchSize, .full, &rng)
    return (network, engine, rng, params, batch)
  }

  /// Where inference CPU time goes (the forward pass of full windows): shares per phase, summed
  /// over the worker threads, after one step of warm-up.
  public static func inferenceBreakdown(
    model: ModelConfig = .temporalCNNBiLSTM, classes: Int = 4, batchSize: Int = 32, threads: Int = 2,
    steps: Int = 40, seed: UInt64 = 1
  ) throws -> [(phase: String, share: Double)] {
    let (_, engine, _, params, batch) = try fullWindows(model, classes, batchSize, threads, seed)
    for step in 0...steps {
      if step == 1 { engine.measurePhases() }
      _ = engine.infer(params: params, batch: batch)
    }
    let phases: [PhaseTimes.Phase] = [.convForward, .lstmProjection, .lstmRecurrence, .heads]
    let seconds = phases.map { engine.phaseSeconds[$0.rawValue] }
    let total = seconds.reduce(0, +)
    return zip(["conv forward", "LSTM input projection", "LSTM recurrence", "heads"], seconds).map {
      ($0, $1 / total)
    }
  }

  /// Samples per second of inference (forward only, posteriors) on batches of random windows: best
  /// of `rounds` rounds over `seconds` in all.
  public static func inferenceSamplesPerSecond(
    model: ModelConfig = .temporalCNNBiLSTM, classes: Int = 4, batchSize: Int = 32, threads: Int = 2,
    lengths: Lengths = .uniform, seconds: Double = 3, rounds: Int = 5, seed: UInt64 = 1
  ) throws -> Rate {
    let network = try Network(config: model, classes: classes)
    let engine = BatchEngine(network: network, batchSize: batchSize, workers: threads)
    var rng = SeededRandom(seed: seed, stream: "bench")
    let params = network.initialParameters(seed: seed)
    let batches = (0..<4).map { _ in randomBatch(network, batchSize, lengths, &rng) }
    var step = 0
    return measure(seconds: seconds, rounds: rounds) {
      _ = engine.infer(params: params, batch: batches[step % batches.count])
      step += 1
      return batchSize
    }
  }

  static func randomBatch(_ network: Network, _ size: Int, _ lengths: Lengths, _ rng: inout SeededRandom) -> Batch {
    let frames = network.config.inputFrames
    let dim = network.config.inputFeatures
    let lens = (0..<size).map { _ in lengths == .full ? frames : 1 + Int(rng.next() % UInt64(frames)) }
    var features = [Float](repeating: 0, count: size * frames * dim)
    for b in 0..<size {
      for i in 0..<(lens[b] * dim) { features[b * frames * dim + i] = Float(rng.normal()) }
    }
    return Batch(
      features: features, lengths: lens, labels: (0..<size).map { $0 % network.classes },
      genders: [Int](repeating: -1, count: size))
  }
}
