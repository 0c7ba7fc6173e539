/// The `segment_content` table: transcripts, sentence codes and whole-file content hashes.
extension Catalog {
  /// One row per segment that has a transcript, a sentence code or a content hash in `hashes`.
  public func insert(content segments: [Segment], hashes: [String: String]) throws {
    try atomically {
      let row = try prepared(
        "INSERT INTO segment_content (segment_id, sentence, text, text_key, words, audio_sha256) VALUES (?, ?, ?, ?, ?, ?)"
      )
      for segment in segments {
        let sentence = segment.extra[ContentKey.sentenceField]
        let text = segment.extra[ContentKey.textField]
        let hash = hashes[segment.id]
        guard sentence != nil || text != nil || hash != nil else { continue }
        let key = text.map(ContentKey.normalize)
        try row.run([
          .text(segment.id), SQLValue(sentence), SQLValue(text), SQLValue(key),
          key.map { SQLValue(ContentKey.words($0)) } ?? .null, SQLValue(hash),
        ])
      }
    }
  }

  /// Every segment's content as stored (empty when the catalog predates the table), with its
  /// normalized consensus label from `labels`.
  public func segmentContent() throws -> [String: SegmentContent] {
    let exists = try count("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'segment_content'")
    guard exists > 0 else { return [:] }
    var result: [String: SegmentContent] = [:]
    let statement = try prepared(
      """
      SELECT c.segment_id, c.sentence, c.text_key, c.words, c.audio_sha256, l.consensus, s.audio_path
      FROM segment_content c LEFT JOIN labels l ON l.segment_id = c.segment_id
      LEFT JOIN segments s ON s.id = c.segment_id
      """)
    try statement.bind([])
    while try statement.step() {
      let row = statement.row()
      guard let id = row[0].string else { continue }
      result[id] = SegmentContent(
        sentence: row[1].string, textKey: row[2].string, words: row[3].int ?? 0, audioHash: row[4].string,
        label: row[5].string, path: row[6].string)
    }
    return result
  }
}

/// A segment's content facts as the catalog keeps them (no transcript: its comparison form only).
public struct SegmentContent: Sendable, Hashable {
  public var sentence: String?
  public var textKey: String?
  public var words: Int
  public var audioHash: String?
  /// Normalized consensus label (nil: none).
  public var label: String?
  public var path: String?

  public init(
    sentence: String? = nil, textKey: String? = nil, words: Int = 0, audioHash: String? = nil, label: String? = nil,
    path: String? = nil
  ) {
    self.sentence = sentence
    self.textKey = textKey
    self.words = words
    self.audioHash = audioHash
    self.label = label
    self.path = path
  }

  /// The comparison key under `minWords` (see `ContentKey.key`).
  public func key(minWords: Int) -> String? {
    if let sentence, !sentence.isEmpty { return "s:" + sentence }
    guard let textKey, !textKey.isEmpty, words >= minWords else { return nil }
    return "t:" + textKey
  }
}
