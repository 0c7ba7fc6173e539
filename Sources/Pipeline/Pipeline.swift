// Pipeline module: see DESIGN.md.
/// Namespace marker for the Pipeline module.
public enum PipelineModule { public static let name = "Pipeline" }
