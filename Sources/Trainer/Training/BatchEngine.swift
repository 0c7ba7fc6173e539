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
  var count: Int { lengths.count }
}

/// Runs forward/backward passes with the batch split into contiguous parts, one per worker
/// thread (OpenBLAS single-threaded). Gradients of the parts are summed in a fixed order, so a
/// given thread count always gives the same bits.
final class BatchEngine: @unchecked Sendable {
  let network: Network
  let workers: Int
  private let workspaces: [Workspace<Float>]
  private let partGrads: [Buffer<Float>]

  init(network: Network, batchSize: Int, workers: Int) {
    _ = BLASSetup.once
    self.network = network
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

  /// Samples one pass can hold (all workers together).
  var capacity: Int { workspaces.reduce(0) { $0 + $1.capacity } }

  /// Posteriors (`count × classes`) and gender posteriors (`count × 2`, empty without the head)
  /// in the batch's order; batches larger than `capacity` run in several passes.
  func infer(params: [Float], batch: Batch) -> (emotion: [Float], gender: [Float]) {
    let classes = network.classes
    let hasGender = network.genderHead != nil
    var emotion = [Float](repeating: 0, count: batch.count * classes)
    var gender = [Float](repeating: 0, count: hasGender ? batch.count * 2 : 0)
    var start = 0
    while start < batch.count {
      let end = min(batch.count, start + capacity)
      let ranges = parts(end - start).map { ($0.lowerBound + start)..<($0.upperBound + start) }
      params.withUnsafeBufferPointer { p in
        let shared = SharedState(params: p.baseAddress!)
        emotion.withUnsafeMutableBufferPointer { e in
          gender.withUnsafeMutableBufferPointer { g in
            let eOut = SharedPointer(pointer: e.baseAddress!)
            let gOut = SharedPointer(pointer: g.baseAddress)
            DispatchQueue.concurrentPerform(iterations: workers) { w in
              let range = ranges[w]
              guard !range.isEmpty else { return }
              let ws = workspaces[w]
              let order = load(batch, range, into: ws)
              network.forward(
                shared.params, ws, batch: order.count, lengths: order.map { batch.lengths[$0] }, dropoutSeeds: nil)
              // Each worker writes only the rows of its own samples.
              for (k, i) in order.enumerated() {
                (eOut.pointer + i * classes).update(from: ws.logits.pointer + k * classes, count: classes)
                if hasGender, let gp = gOut.pointer { (gp + i * 2).update(from: ws.gender.pointer + k * 2, count: 2) }
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

/// Read-only parameters shared by the worker threads of one pass.
private struct SharedState: @unchecked Sendable {
  let params: UnsafePointer<Float>
}

/// Output rows written by distinct workers (disjoint indices).
private struct SharedPointer<T>: @unchecked Sendable {
  let pointer: T
}
