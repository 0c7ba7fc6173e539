import EmoSupport

/// Cuts fixed-length windows from a segment's whole features (300 frames, hop 200).
public enum SubSegmenter {
  /// Windows of `framing.windowFrames` rows; the last is zero-padded and keeps its true length.
  public static func windows(_ matrix: FeatureMatrix, framing: Framing = Framing(sampleRate: 16000))
    -> [FeatureWindow]
  {
    let width = matrix.featureCount
    let size = framing.windowFrames * width
    return framing.windows(frames: matrix.frames).map { span in
      var values = [Float](repeating: 0, count: size)
      let from = span.start * width
      let count = span.length * width
      values.withUnsafeMutableBufferPointer { dst in
        matrix.values.withUnsafeBufferPointer { src in
          dst.baseAddress!.update(from: src.baseAddress! + from, count: count)
        }
      }
      return FeatureWindow(start: span.start, length: span.length, featureCount: width, values: values)
    }
  }
}
