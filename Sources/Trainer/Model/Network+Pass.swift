import EmoSupport

/// Forward and backward passes of the whole network over a batch held in a `Workspace`.
extension Network {
  /// Input of the BiLSTM: the last convolution's output, or the raw input without convolutions.
  private func lstmInput<S>(_ ws: Workspace<S>) -> UnsafeMutablePointer<S> {
    convs.isEmpty ? ws.input.pointer : ws.convOut[convs.count - 1].pointer
  }

  /// Input of dense layer `d` (or of the heads for `d == denses.count`).
  private func denseInput<S>(_ ws: Workspace<S>, _ d: Int) -> UnsafeMutablePointer<S> {
    if d == 0 { return ws.training && config.lstm.dropout > 0 ? ws.lstmDrop.pointer : ws.lstmOut.pointer }
    let rate = config.dense[d - 1].dropout
    return ws.training && rate > 0 ? ws.denseDrop[d - 1].pointer : ws.denseOut[d - 1].pointer
  }

  /// Runs the network on `ws.input` (`batch` windows, true lengths sorted longest first).
  /// Posteriors end in `ws.logits` (and `ws.gender`). `dropoutSeeds` (one per sample) turns
  /// training mode on; nil is inference. `backwardFollows: false` (a pass only for its outputs)
  /// lets the convolutions skip the patch matrices the backward pass reads, and such a pass may
  /// read its windows from `input` (laid out as `ws.input`) where they already are in order.
  func forward<S: TrainerScalar>(
    _ params: UnsafePointer<S>, _ ws: Workspace<S>, batch: Int, lengths: [Int], dropoutSeeds: [UInt64]?,
    backwardFollows: Bool = true, input: UnsafePointer<S>? = nil
  ) {
    precondition(batch <= ws.capacity && lengths.count == batch)
    precondition(input == nil || !backwardFollows, "the backward pass reads the windows from the workspace")
    let windows = input ?? UnsafePointer(ws.input.pointer)
    ws.training = dropoutSeeds != nil
    ws.convRows = lengths.map { convRows(input: $0) }
    ws.lstmLengths = lengths.map { min(self.lengths(input: $0).last!, lstm.steps) }
    precondition(zip(ws.lstmLengths, ws.lstmLengths.dropFirst()).allSatisfy { $0 >= $1 }, "batch not sorted")
    ws.phases?.start()
    for (i, conv) in convs.enumerated() {
      let x = i == 0 ? windows : UnsafePointer(ws.convOut[i - 1].pointer)
      let inStride = i == 0 ? inputSize : convs[i - 1].outSize
      let rows = ws.convRows.map { $0[i] }
      // Without a backward pass to follow, no patch matrix needs keeping.
      if !backwardFollows && conv.isTemporal {
        conv.forwardBatchInPlace(params, x: x, inStride: inStride, rows: rows, y: ws.convOut[i].pointer)
      } else {
        conv.forwardBatch(
          params, x: x, inStride: inStride, rows: rows, y: ws.convOut[i].pointer, cols: ws.cols[i].pointer)
      }
    }
    ws.phases?.lap(.convForward)
    let outCount = batch * lstm.outSize
    let lstmX = convs.isEmpty ? windows : UnsafePointer(lstmInput(ws))
    lstm.project(params, x: lstmX, batch: batch, gates: ws.gates.pointer)
    ws.phases?.lap(.lstmProjection)
    // Steps past a sample's length must read as zero state and zero output; the others are all
    // written by the recurrence before they are read.
    for (b, length) in ws.lstmLengths.enumerated() where length < lstm.steps {
      let start = (b * lstm.steps + length) * 2 * lstm.hidden
      let count = (lstm.steps - length) * 2 * lstm.hidden
      for buffer in [ws.cell, ws.tanhCell, ws.lstmOut] { (buffer.pointer + start).update(repeating: 0, count: count) }
    }
    for direction in 0..<2 {
      lstm.recur(
        params, direction: direction, lengths: ws.lstmLengths, gates: ws.gates.pointer, cell: ws.cell.pointer,
        tanhCell: ws.tanhCell.pointer, out: ws.lstmOut.pointer)
    }
    ws.phases?.lap(.lstmRecurrence)
    if let seeds = dropoutSeeds {
      for b in 0..<batch {
        var rng = SeededRandom(seed: seeds[b])
        Dropout.fill(
          rate: config.lstm.dropout, rng: &rng, count: lstm.outSize, mask: ws.lstmMask.pointer + b * lstm.outSize)
        for (d, layer) in denses.enumerated() {
          Dropout.fill(
            rate: config.dense[d].dropout, rng: &rng, count: layer.outputs,
            mask: ws.denseMask[d].pointer + b * layer.outputs)
        }
      }
      if config.lstm.dropout > 0 {
        ws.lstmDrop.pointer.update(from: ws.lstmOut.pointer, count: outCount)
        Dropout.apply(ws.lstmDrop.pointer, mask: ws.lstmMask.pointer, count: outCount)
      }
    }
    for (d, layer) in denses.enumerated() {
      layer.forward(params, x: denseInput(ws, d), batch: batch, y: ws.denseOut[d].pointer)
      if ws.training && config.dense[d].dropout > 0 {
        ws.denseDrop[d].pointer.update(from: ws.denseOut[d].pointer, count: batch * layer.outputs)
        Dropout.apply(ws.denseDrop[d].pointer, mask: ws.denseMask[d].pointer, count: batch * layer.outputs)
      }
    }
    let hidden = denseInput(ws, denses.count)
    if classes > 0 {
      emotionHead.forward(params, x: hidden, batch: batch, y: ws.logits.pointer)
      SoftmaxCrossEntropy.softmax(ws.logits.pointer, batch: batch, classes: classes)
    }
    if let genderHead {
      genderHead.forward(params, x: hidden, batch: batch, y: ws.gender.pointer)
      SoftmaxCrossEntropy.softmax(ws.gender.pointer, batch: batch, classes: 2)
    }
    regressionHead?.forward(params, x: hidden, batch: batch, y: ws.regression.pointer)
    ws.phases?.lap(.heads)
  }

  /// Backward after `forward`: accumulates `scale`·∂(Σ losses)/∂θ into `grads` and returns the
  /// summed loss (emotion cross-entropy + gender cross-entropy when the head is on; a label or
  /// gender of −1 contributes nothing). `targets` (`batch × classes`, loaded order): emotion
  /// cross-entropy against these distributions instead of the one-hot labels.
  /// `regressionGradient` (`batch × dimensions`, loaded order): ∂loss/∂ of the regression head's
  /// outputs, already weighted (the concordance loss is a batch statistic, computed by the caller).
  func backward<S: TrainerScalar>(
    _ params: UnsafePointer<S>, _ grads: UnsafeMutablePointer<S>, _ ws: Workspace<S>, batch: Int, labels: [Int],
    genders: [Int], scale: S, targets: [S]? = nil, regressionGradient: UnsafePointer<S>? = nil
  ) -> Double {
    ws.phases?.start()
    var loss = 0.0
    let hidden = denseInput(ws, denses.count)
    let dHidden = denses.isEmpty ? ws.dLstm.pointer : ws.dDense[denses.count - 1].pointer
    if classes > 0 {
      loss = SoftmaxCrossEntropy.loss(
        posteriors: ws.logits.pointer, labels: labels, classes: classes, scale: scale, gradient: ws.dLogits.pointer,
        targets: targets)
      emotionHead.backward(
        params, grads, x: hidden, y: ws.logits.pointer, dy: ws.dLogits.pointer, batch: batch, dx: dHidden)
    }
    if let genderHead {
      loss += SoftmaxCrossEntropy.loss(
        posteriors: ws.gender.pointer, labels: genders, classes: 2, scale: scale, gradient: ws.dGender.pointer)
      genderHead.backward(
        params, grads, x: hidden, y: ws.gender.pointer, dy: ws.dGender.pointer, batch: batch, dx: dHidden,
        accumulateDx: classes > 0)
    }
    if let regressionHead {
      let count = batch * dimensions
      if let regressionGradient {
        ws.dRegression.pointer.update(from: regressionGradient, count: count)
      } else {
        ws.dRegression.pointer.update(repeating: 0, count: count)
      }
      regressionHead.backward(
        params, grads, x: hidden, y: ws.regression.pointer, dy: ws.dRegression.pointer, batch: batch, dx: dHidden,
        accumulateDx: classes > 0 || genderHead != nil)
    }
    for d in stride(from: denses.count - 1, through: 0, by: -1) {
      let layer = denses[d]
      let dy = ws.dDense[d].pointer
      if ws.training && config.dense[d].dropout > 0 {
        Dropout.apply(dy, mask: ws.denseMask[d].pointer, count: batch * layer.outputs)
      }
      let dx = d == 0 ? ws.dLstm.pointer : ws.dDense[d - 1].pointer
      layer.backward(params, grads, x: denseInput(ws, d), y: ws.denseOut[d].pointer, dy: dy, batch: batch, dx: dx)
    }
    let outCount = batch * lstm.outSize
    if ws.training && config.lstm.dropout > 0 {
      Dropout.apply(ws.dLstm.pointer, mask: ws.lstmMask.pointer, count: outCount)
    }
    ws.phases?.lap(.heads)
    // Only padded steps need zero gate gradients: the active ones are all written.
    for (b, length) in ws.lstmLengths.enumerated() where length < lstm.steps {
      (ws.dGates.pointer + (b * lstm.steps + length) * lstm.gateWidth).update(
        repeating: 0, count: (lstm.steps - length) * lstm.gateWidth)
    }
    for direction in 0..<2 {
      ws.dh[direction].zero()
      ws.dc[direction].zero()
      lstm.backRecur(
        params, grads, direction: direction, lengths: ws.lstmLengths, gates: ws.gates.pointer, cell: ws.cell.pointer,
        tanhCell: ws.tanhCell.pointer, out: ws.lstmOut.pointer, dOut: ws.dLstm.pointer, dGates: ws.dGates.pointer,
        dh: ws.dh[direction].pointer, dc: ws.dc[direction].pointer)
    }
    ws.phases?.lap(.lstmBackRecurrence)
    lstm.backProject(
      params, grads, x: lstmInput(ws), batch: batch, dGates: ws.dGates.pointer,
      dx: convs.isEmpty ? nil : ws.convGrad[convs.count - 1].pointer)
    ws.phases?.lap(.lstmBackProjection)
    for i in stride(from: convs.count - 1, through: 0, by: -1) {
      let conv = convs[i]
      for b in 0..<batch {
        let x =
          i == 0
          ? UnsafePointer(ws.input.pointer + b * inputSize)
          : UnsafePointer(ws.convOut[i - 1].pointer + b * convs[i - 1].outSize)
        conv.backward(
          params, grads, x: x, y: ws.convOut[i].pointer + b * conv.outSize,
          dy: ws.convGrad[i].pointer + b * conv.outSize,
          rows: ws.convRows[b][i], dx: i > 0 ? ws.convGrad[i - 1].pointer + b * convs[i - 1].outSize : nil,
          col: ws.cols[i].pointer + b * conv.colSize)
      }
    }
    ws.phases?.lap(.convBackward)
    return loss
  }
}
