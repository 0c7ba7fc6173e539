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

  /// Every segment's content keys (see `ContentKey`) under `minWords`, in one pass: segment id →
  /// sentence key and content hash (either may be nil). Empty when the catalog predates the table.
  public func contentKeys(minWords: Int) throws -> [(id: String, key: String?, audio: String?)] {
    guard try hasContentTable() else { return [] }
    let statement = try prepared(
      """
      SELECT segment_id, CASE WHEN sentence IS NOT NULL AND sentence <> '' THEN 's:' || sentence
        WHEN text_key IS NOT NULL AND text_key <> '' AND words >= ? THEN 't:' || text_key END, audio_sha256
      FROM segment_content
      """)
    try statement.bind([SQLValue(minWords)])
    var result: [(id: String, key: String?, audio: String?)] = []
    while try statement.step() {
      guard let id = statement.text(0) else { continue }
      result.append((id, statement.text(1), statement.text(2)))
    }
    return result
  }

  /// Segments whose whole-file audio is also another segment's, with their normalized consensus
  /// label (nil: none): the input of the conflicting-duplicates list.
  public func sharedAudio() throws -> [(id: String, audio: String, label: String?)] {
    guard try hasContentTable() else { return [] }
    return try rows(
      """
      SELECT c.segment_id, c.audio_sha256, l.consensus FROM segment_content c
      LEFT JOIN labels l ON l.segment_id = c.segment_id
      WHERE c.audio_sha256 IN (SELECT audio_sha256 FROM segment_content WHERE audio_sha256 IS NOT NULL
        GROUP BY audio_sha256 HAVING COUNT(*) > 1)
      """
    ).compactMap { row in
      guard let id = row[0].string, let audio = row[1].string else { return nil }
      return (id, audio, row[2].string)
    }
  }

  private func hasContentTable() throws -> Bool {
    try count("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'segment_content'") > 0
  }
}
