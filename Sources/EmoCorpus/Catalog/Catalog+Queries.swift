/// Typed read queries of the catalog, so that no SQL lives outside this folder.
extension Catalog {
  /// How many segments were dropped with `reason`.
  public func dropCount(_ reason: DropReason) throws -> Int {
    try count("SELECT COUNT(*) FROM drops WHERE reason = ?", [.text(reason.rawValue)])
  }

  /// The drops of `reason`, at most `limit` (nil: all): in reading order (file, line) for the
  /// drops that have an origin, then in segment-id order.
  public func drops(_ reason: DropReason, limit: Int?) throws -> [Drop] {
    try rows(
      """
      SELECT segment_id, detail, origin_file, origin_line FROM drops WHERE reason = ?
        ORDER BY origin_file IS NULL, origin_file, origin_line, segment_id LIMIT ?
      """,
      [.text(reason.rawValue), .integer(Int64(limit ?? -1))]
    ).compactMap { row in
      guard case .text(let id) = row[0] else { return nil }
      var detail: String?
      if case .text(let text) = row[1], !text.isEmpty { detail = text }
      var origin: Origin?
      if case .text(let file) = row[2], case .integer(let line) = row[3] {
        origin = Origin(file: file, line: Int(line))
      }
      return Drop(segmentID: id, reason: reason, detail: detail, origin: origin)
    }
  }

  /// The feature cache key recorded for each segment with cached features (segment id → key).
  public func featureKeys() throws -> [String: String] {
    var keys: [String: String] = [:]
    for row in try rows("SELECT segment_id, key FROM feature_entries") {
      if case .text(let id) = row[0], case .text(let key) = row[1] { keys[id] = key }
    }
    return keys
  }

  /// The raw Major label of every categorical annotation: segment id → coder → label.
  public func coderMajorLabels() throws -> [String: [String: String]] {
    var labels: [String: [String: String]] = [:]
    for row in try rows(
      "SELECT segment_id, coder, major FROM annotations WHERE kind = 'categorical' AND major IS NOT NULL")
    {
      guard case .text(let id) = row[0], case .text(let coder) = row[1], case .text(let major) = row[2] else {
        continue
      }
      labels[id, default: [:]][coder] = major
    }
    return labels
  }
}
