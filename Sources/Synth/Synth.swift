// Synth module: see DESIGN.md.
/// Namespace marker for the Synth module.
public enum SynthModule { public static let name = "Synth" }
