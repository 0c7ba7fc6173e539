// AudioFeatures module: see DESIGN.md.
/// Namespace marker for the AudioFeatures module.
public enum AudioFeaturesModule { public static let name = "AudioFeatures" }
