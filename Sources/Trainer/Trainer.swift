// Trainer module: see DESIGN.md.
/// Namespace marker for the Trainer module.
public enum TrainerModule { public static let name = "Trainer" }
