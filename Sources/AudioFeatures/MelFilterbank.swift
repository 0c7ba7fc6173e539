import Foundation

/// Triangular Mel filterbank, computed exactly as `librosa.filters.mel` (float64 arithmetic, then
/// float32 weights), so that the default equals
/// `librosa.filters.mel(sr=16000, n_fft=512, n_mels=40, fmin=0, fmax=8000, htk=True, norm=None)`.
public struct MelFilterbank: Sendable {
  public let melCount: Int
  public let binCount: Int
  /// Row-major melCount × binCount weights.
  public let weights: [Float]

  public init(config: FeatureConfig) {
    self.init(
      sampleRate: config.sampleRate, fftSize: config.resolvedFFTSize, melCount: config.nMels,
      fmin: config.fmin, fmax: config.resolvedFmax, scale: config.melScale, norm: config.melNorm)
  }

  public init(
    sampleRate: Int, fftSize: Int, melCount: Int, fmin: Double, fmax: Double, scale: MelScale, norm: MelNorm
  ) {
    self.melCount = melCount
    let binCount = fftSize / 2 + 1
    self.binCount = binCount
    // FFT bin centre frequencies: linspace(0, sr/2, bins) as numpy computes it.
    let nyquist = Double(sampleRate) / 2
    let step = nyquist / Double(binCount - 1)
    let binHz = (0..<binCount).map { i in i == binCount - 1 ? nyquist : Double(i) * step }
    // melCount + 2 edges equally spaced in Mel.
    let melLow = MelFilterbank.hzToMel(fmin, scale: scale)
    let melHigh = MelFilterbank.hzToMel(fmax, scale: scale)
    let edgeCount = melCount + 2
    let melStep = (melHigh - melLow) / Double(edgeCount - 1)
    let edges = (0..<edgeCount).map { i in
      MelFilterbank.melToHz(i == edgeCount - 1 ? melHigh : melLow + Double(i) * melStep, scale: scale)
    }
    var w = [Float](repeating: 0, count: melCount * binCount)
    for m in 0..<melCount {
      let lowWidth = edges[m + 1] - edges[m]
      let highWidth = edges[m + 2] - edges[m + 1]
      let scaleFactor = norm == .slaney ? 2 / (edges[m + 2] - edges[m]) : 1
      for k in 0..<binCount {
        let lower = (binHz[k] - edges[m]) / lowWidth
        let upper = (edges[m + 2] - binHz[k]) / highWidth
        w[m * binCount + k] = Float(max(0, min(lower, upper)) * scaleFactor)
      }
    }
    weights = w
  }

  /// Hz → Mel on the chosen scale.
  public static func hzToMel(_ hz: Double, scale: MelScale) -> Double {
    switch scale {
    case .htk:
      return 2595 * log10(1 + hz / 700)
    case .slaney:
      let linearStep = 200.0 / 3
      if hz < 1000 { return hz / linearStep }
      return 1000 / linearStep + log(hz / 1000) / (log(6.4) / 27)
    }
  }

  /// Mel → Hz on the chosen scale.
  public static func melToHz(_ mel: Double, scale: MelScale) -> Double {
    switch scale {
    case .htk:
      return 700 * (pow(10, mel / 2595) - 1)
    case .slaney:
      let linearStep = 200.0 / 3
      let minLogMel = 1000 / linearStep
      if mel < minLogMel { return mel * linearStep }
      return 1000 * exp((log(6.4) / 27) * (mel - minLogMel))
    }
  }
}
