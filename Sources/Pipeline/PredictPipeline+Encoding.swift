// `predict --json` writes every key of each file, a value that does not apply as null (never
// omitted): one shape, described by schemas/predict.schema.json.

extension PredictPipeline.FilePrediction {
  private enum Key: String, CodingKey {
    case file, label, posterior, windows, gender, dimensions
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: Key.self)
    try c.encode(file, forKey: .file)
    try c.encode(label, forKey: .label)
    try c.encode(posterior, forKey: .posterior)
    try c.encode(windows, forKey: .windows)
    try c.encode(gender, forKey: .gender)
    try c.encode(dimensions, forKey: .dimensions)
  }
}

extension PredictPipeline.WindowPrediction {
  private enum Key: String, CodingKey {
    case start, frames, posterior, dimensions
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: Key.self)
    try c.encode(start, forKey: .start)
    try c.encode(frames, forKey: .frames)
    try c.encode(posterior, forKey: .posterior)
    try c.encode(dimensions, forKey: .dimensions)
  }
}
