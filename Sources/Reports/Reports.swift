// Reports module: see DESIGN.md.
/// Namespace marker for the Reports module.
public enum ReportsModule { public static let name = "Reports" }
