import Dispatch
import EmoSupport

/// A batch of normalized windows ready for the network.
struct Batch {
  /// `count × frames × dim` normalized values, zero-padded.
  var features: [Float]
  var lengths: [Int]
  var labels: [Int]
  /// −1 where unknown.
  var genders: [Int]
  /// `count × classes` target distributions when training on soft targets.
  var targets: [Float]? = nil
  /// `count × dimensions` regression targets in [−1, 1] (NaN: the segment has no value).
  var dimensions: [Float]? = nil
  var count: Int { lengths.count }
}

/// Runs forward/backward passes with the batch split into contiguous parts, one per worker
/// thread (OpenBLAS single-threaded). Gradients of the parts are summed in a fixed order, so a
/// given thread count always gives the same bits.
final class BatchEngine: @unchecked Sendable {
  let network: Network
  let workers: Int
  /// The regression head's dimensions and scales (nil without one).
  let regression: RegressionTargets?
  /// Loss weights: the emotion (and gender) cross-entropies, and each dimension's 1 − CCC.
  var emotionWeight = 1.0
  var dimensionWeights: [Double] = []
  private let workspaces: [Workspace<Float>]
  private let partGrads: [Buffer<Float>]

  init(network: Network, batchSize: Int, workers: Int, regression: RegressionTargets? = nil) {
    _ = BLASSetup.once
    self.network = network
    self.regression = network.dimensions > 0 ? regression : nil
    dimensionWeights = [Double](repeating: 1, count: network.dimensions)
    self.workers = max(1, min(workers, batchSize))
    let per = (batchSize + self.workers - 1) / self.workers
    workspaces = (0..<self.workers).map { _ in Workspace(network: network, capacity: per) }
    partGrads = (0..<self.workers).map { _ in Buffer(network.parameterCount) }
  }

  /// Turns per-phase CPU timing on in every worker's workspace (`make bench`'s breakdown).
  func measurePhases() {
    for ws in workspaces { ws.phases = PhaseTimes() }
    reductionSeconds = 0
  }

  /// CPU seconds per phase summed over the workers, zero when not measured.
  var phaseSeconds: [Double] {
    var total = [Double](repeating: 0, count: PhaseTimes.Phase.allCases.count)
    for ws in workspaces {
      guard let phases = ws.phases else { continue }
      for i in total.indices { total[i] += phases.seconds[i] }
    }
    return total
  }

  /// CPU seconds spent summing the workers' gradients (when phases are measured).
  private(set) var reductionSeconds = 0.0

  private func parts(_ count: Int) -> [Range<Int>] {
    let per = (count + workers - 1) / workers
    return (0..<workers).map { w in min(count, w * per)..<min(count, (w + 1) * per) }
  }

  /// Loads the samples of `range` into the worker's workspace, longest first; returns their
  /// original batch indices in that order.
  private func load(_ batch: Batch, _ range: Range<Int>, into ws: Workspace<Float>) -> [Int] {
    let order = range.sorted {
      batch.lengths[$0] != batch.lengths[$1] ? batch.lengths[$0] > batch.lengths[$1] : $0 < $1
    }
    let size = network.inputSize
    batch.features.withUnsafeBufferPointer { src in
      for (k, i) in order.enumerated() {
        (ws.input.pointer + k * size).update(from: src.baseAddress! + i * size, count: size)
      }
    }
    return order
  }

  /// Forward + backward of a training batch; `grads` receives the gradient of the mean loss.
  /// Returns the mean loss.
  func trainStep(params: [Float], batch: Batch, dropoutSeeds: [UInt64], grads: inout [Float]) -> Double {
    if network.dimensions > 0 {
      return regressionTrainStep(params: params, batch: batch, dropoutSeeds: dropoutSeeds, grads: &grads)
    }
    let ranges = parts(batch.count)
    var losses = [Double](repeating: 0, count: workers)
    let scale = Float(1) / Float(batch.count)
    params.withUnsafeBufferPointer { p in
      let shared = SharedState(params: p.baseAddress!)
      losses.withUnsafeMutableBufferPointer { lossOut in
        let lossPtr = SharedPointer(pointer: lossOut.baseAddress!)
        DispatchQueue.concurrentPerform(iterations: workers) { w in
          let ws = workspaces[w]
          let range = ranges[w]
          let g = partGrads[w]
          g.zero()
          guard !range.isEmpty else {
            lossPtr.pointer[w] = 0
            return
          }
          let order = load(batch, range, into: ws)
          network.forward(
            shared.params, ws, batch: order.count, lengths: order.map { batch.lengths[$0] },
            dropoutSeeds: order.map { dropoutSeeds[$0] })
          let classes = network.classes
          let targets = batch.targets.map { t in order.flatMap { t[($0 * classes)..<(($0 + 1) * classes)] } }
          lossPtr.pointer[w] = network.backward(
            shared.params, g.pointer, ws, batch: order.count, labels: order.map { batch.labels[$0] },
            genders: order.map { batch.genders[$0] }, scale: scale, targets: targets)
        }
      }
    }
    let reductionStart = workspaces[0].phases == nil ? 0 : PhaseTimes.now()
    grads.withUnsafeMutableBufferPointer { out in
      out.update(repeating: 0)
      for w in 0..<workers {
        let g = partGrads[w].pointer
        for i in 0..<out.count { out[i] += g[i] }
      }
    }
    if workspaces[0].phases != nil { reductionSeconds += PhaseTimes.now() - reductionStart }
    return losses.reduce(0, +) / Double(batch.count)
  }

  /// `trainStep` with a regression head: the concordance loss is a statistic of the whole batch, so
  /// the workers run their forward passes, the loss and its gradient are computed on all their
  /// regression outputs together, then the workers run their backward passes.
  private func regressionTrainStep(params: [Float], batch: Batch, dropoutSeeds: [UInt64], grads: inout [Float])
    -> Double
  {
    let ranges = parts(batch.count)
    let dims = network.dimensions
    let classes = network.classes
    var orders = [[Int]](repeating: [], count: workers)
    var losses = [Double](repeating: 0, count: workers)
    var outputs = [Float](repeating: 0, count: batch.count * dims)
    params.withUnsafeBufferPointer { p in
      let shared = SharedState(params: p.baseAddress!)
      orders.withUnsafeMutableBufferPointer { o in
        outputs.withUnsafeMutableBufferPointer { out in
          let orderOut = SharedPointer(pointer: o.baseAddress!)
          let valueOut = SharedPointer(pointer: out.baseAddress!)
          DispatchQueue.concurrentPerform(iterations: workers) { w in
            let range = ranges[w]
            guard !range.isEmpty else { return }
            let ws = workspaces[w]
            let order = load(batch, range, into: ws)
            orderOut.pointer[w] = order
            network.forward(
              shared.params, ws, batch: order.count, lengths: order.map { batch.lengths[$0] },
              dropoutSeeds: order.map { dropoutSeeds[$0] })
            for (k, i) in order.enumerated() {
              (valueOut.pointer + i * dims).update(from: ws.regression.pointer + k * dims, count: dims)
            }
          }
        }
      }
    }
    let targets = batch.dimensions ?? [Float](repeating: .nan, count: batch.count * dims)
    var dOutputs = [Float](repeating: 0, count: batch.count * dims)
    let loaded = orders
    let concordance = outputs.withUnsafeBufferPointer { x in
      dOutputs.withUnsafeMutableBufferPointer { g in
        ConcordanceLoss.loss(
          predictions: x.baseAddress!, targets: targets, batch: batch.count, dimensions: dims,
          weights: dimensionWeights, gradient: g.baseAddress!)
      }
    }
    let scale = Float(emotionWeight) / Float(batch.count)
    let weighted = network.genderHead != nil || classes > 0
    params.withUnsafeBufferPointer { p in
      let shared = SharedState(params: p.baseAddress!)
      losses.withUnsafeMutableBufferPointer { lossOut in
        dOutputs.withUnsafeBufferPointer { dOut in
          let lossPtr = SharedPointer(pointer: lossOut.baseAddress!)
          let dShared = SharedState(params: dOut.baseAddress!)
          DispatchQueue.concurrentPerform(iterations: workers) { w in
            let g = partGrads[w]
            g.zero()
            let order = loaded[w]
            guard !order.isEmpty else { return }
            let ws = workspaces[w]
            var dLocal = [Float](repeating: 0, count: order.count * dims)
            for (k, i) in order.enumerated() {
              for d in 0..<dims { dLocal[k * dims + d] = dShared.params[i * dims + d] }
            }
            let targets = batch.targets.map { t in order.flatMap { t[($0 * classes)..<(($0 + 1) * classes)] } }
            lossPtr.pointer[w] = dLocal.withUnsafeBufferPointer { dl in
              network.backward(
                shared.params, g.pointer, ws, batch: order.count, labels: order.map { batch.labels[$0] },
                genders: order.map { batch.genders[$0] }, scale: scale, targets: targets,
                regressionGradient: dl.baseAddress!)
            }
          }
        }
      }
    }
    grads.withUnsafeMutableBufferPointer { out in
      out.update(repeating: 0)
      for w in 0..<workers {
        let g = partGrads[w].pointer
        for i in 0..<out.count { out[i] += g[i] }
      }
    }
    let crossEntropy = weighted ? emotionWeight * losses.reduce(0, +) / Double(batch.count) : 0
    return crossEntropy + concordance
  }

  /// Samples one pass can hold (all workers together).
  var capacity: Int { workspaces.reduce(0) { $0 + $1.capacity } }

  /// Posteriors (`count × classes`) and gender posteriors (`count × 2`, empty without the head)
  /// in the batch's order; batches larger than `capacity` run in several passes.
  func infer(params: [Float], batch: Batch) -> (emotion: [Float], gender: [Float]) {
    var regression: [Float] = []
    return infer(params: params, batch: batch, regression: &regression)
  }

  /// `infer`, with the regression head's outputs (`count × dimensions`, in [−1, 1] units) in
  /// `regression` (empty without the head).
  func infer(params: [Float], batch: Batch, regression: inout [Float]) -> (emotion: [Float], gender: [Float]) {
    let classes = network.classes
    let hasGender = network.genderHead != nil
    let dims = network.dimensions
    var emotion = [Float](repeating: 0, count: batch.count * classes)
    var gender = [Float](repeating: 0, count: hasGender ? batch.count * 2 : 0)
    regression = [Float](repeating: 0, count: batch.count * dims)
    var start = 0
    while start < batch.count {
      let end = min(batch.count, start + capacity)
      let ranges = parts(end - start).map { ($0.lowerBound + start)..<($0.upperBound + start) }
      params.withUnsafeBufferPointer { p in
        let shared = SharedState(params: p.baseAddress!)
        batch.features.withUnsafeBufferPointer { f in
          let windows = SharedState(params: f.baseAddress!)
          emotion.withUnsafeMutableBufferPointer { e in
            gender.withUnsafeMutableBufferPointer { g in
              regression.withUnsafeMutableBufferPointer { r in
                let eOut = SharedPointer(pointer: e.baseAddress)
                let gOut = SharedPointer(pointer: g.baseAddress)
                let rOut = SharedPointer(pointer: r.baseAddress)
                DispatchQueue.concurrentPerform(iterations: workers) { w in
                  let range = ranges[w]
                  guard !range.isEmpty else { return }
                  let ws = workspaces[w]
                  // Windows already longest first (full windows, or a sorted batch) are read where
                  // they are; others are copied into the workspace in that order.
                  let inPlace = zip(range, range.dropFirst()).allSatisfy { batch.lengths[$0] >= batch.lengths[$1] }
                  let order = inPlace ? Array(range) : load(batch, range, into: ws)
                  network.forward(
                    shared.params, ws, batch: order.count, lengths: order.map { batch.lengths[$0] }, dropoutSeeds: nil,
                    backwardFollows: false,
                    input: inPlace ? windows.params + range.lowerBound * network.inputSize : nil)
                  // Each worker writes only the rows of its own samples.
                  for (k, i) in order.enumerated() {
                    if classes > 0, let ep = eOut.pointer {
                      (ep + i * classes).update(from: ws.logits.pointer + k * classes, count: classes)
                    }
                    if hasGender, let gp = gOut.pointer {
                      (gp + i * 2).update(from: ws.gender.pointer + k * 2, count: 2)
                    }
                    if dims > 0, let rp = rOut.pointer {
                      (rp + i * dims).update(from: ws.regression.pointer + k * dims, count: dims)
                    }
                  }
                }
              }
            }
          }
        }
      }
      start = end
    }
    return (emotion, gender)
  }
}

/// Read-only values (parameters, windows) shared by the worker threads of one pass.
private struct SharedState: @unchecked Sendable {
  let params: UnsafePointer<Float>
}

/// Output rows written by distinct workers (disjoint indices).
private struct SharedPointer<T>: @unchecked Sendable {
  let pointer: T
}
