/// Every activation and gradient buffer of one forward/backward pass for up to `capacity` samples.
///
/// Memory is bounded by the batch: one workspace per worker thread, reused for every batch.
final class Workspace<S: TrainerScalar> {
  let capacity: Int
  let input: Buffer<S>
  let convOut: [Buffer<S>]
  let convGrad: [Buffer<S>]
  /// Patch matrices of every conv layer for every sample, kept from forward for backward.
  let cols: [Buffer<S>]
  let gates: Buffer<S>
  let dGates: Buffer<S>
  let cell: Buffer<S>
  let tanhCell: Buffer<S>
  let lstmOut: Buffer<S>
  let lstmMask: Buffer<S>
  let lstmDrop: Buffer<S>
  let dLstm: Buffer<S>
  let dh: [Buffer<S>]
  let dc: [Buffer<S>]
  let denseOut: [Buffer<S>]
  let denseMask: [Buffer<S>]
  let denseDrop: [Buffer<S>]
  let dDense: [Buffer<S>]
  let logits: Buffer<S>
  let dLogits: Buffer<S>
  let gender: Buffer<S>
  let dGender: Buffer<S>
  /// Regression head outputs and their gradients (`capacity × dimensions`).
  let regression: Buffer<S>
  let dRegression: Buffer<S>
  /// Per-phase CPU time of the passes run in this workspace (`make bench`); nil: not measured.
  var phases: PhaseTimes?
  /// Set by the last forward pass.
  var training = false
  var convRows: [[Int]] = []
  var lstmLengths: [Int] = []

  init(network n: Network, capacity: Int) {
    _ = BLASSetup.once
    self.capacity = capacity
    input = Buffer(capacity * n.inputSize)
    convOut = n.convs.map { Buffer(capacity * $0.outSize) }
    convGrad = n.convs.map { Buffer(capacity * $0.outSize) }
    cols = n.convs.map { Buffer(capacity * $0.colSize) }
    let steps = n.lstm.steps
    gates = Buffer(capacity * steps * n.lstm.gateWidth)
    dGates = Buffer(capacity * steps * n.lstm.gateWidth)
    cell = Buffer(capacity * n.lstm.outSize)
    tanhCell = Buffer(capacity * n.lstm.outSize)
    lstmOut = Buffer(capacity * n.lstm.outSize)
    lstmMask = Buffer(capacity * n.lstm.outSize)
    lstmDrop = Buffer(capacity * n.lstm.outSize)
    dLstm = Buffer(capacity * n.lstm.outSize)
    dh = (0..<2).map { _ in Buffer(capacity * n.lstm.hidden) }
    dc = (0..<2).map { _ in Buffer(capacity * n.lstm.hidden) }
    denseOut = n.denses.map { Buffer(capacity * $0.outputs) }
    denseMask = n.denses.map { Buffer(capacity * $0.outputs) }
    denseDrop = n.denses.map { Buffer(capacity * $0.outputs) }
    dDense = n.denses.map { Buffer(capacity * $0.outputs) }
    logits = Buffer(capacity * n.classes)
    dLogits = Buffer(capacity * n.classes)
    gender = Buffer(capacity * 2)
    dGender = Buffer(capacity * 2)
    regression = Buffer(capacity * n.dimensions)
    dRegression = Buffer(capacity * n.dimensions)
  }

  /// Copies `count` consecutive windows (`frames × features` values each) into the input buffer.
  func setInputs(_ values: [S], count: Int) {
    input.pointer.update(from: values, count: count * (input.count / capacity))
  }
}
