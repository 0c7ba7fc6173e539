/// Inserters taking the domain types; each is atomic and uses prepared statements in its loop.
extension Catalog {
  /// Records a run fact (tool version, task, seed, …); replaces an earlier value of `key`.
  public func setMeta(key: String, value: String) throws {
    try prepared("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)").run([.text(key), .text(value)])
  }

  /// Everything a reader produced: the corpus, its input files and notes, dialogs, speakers,
  /// segments and annotations (dimensional values included).
  public func insert(corpus: Corpus) throws {
    try atomically {
      let name = SQLValue.text(corpus.name)
      try prepared("INSERT INTO corpora (name, source, root, coders) VALUES (?, ?, ?, ?)")
        .run([name, .text(corpus.source.rawValue), .text(corpus.root), .text(JSONText.array(corpus.coders))])
      let note = try prepared("INSERT INTO corpus_notes (corpus, seq, note) VALUES (?, ?, ?)")
      for (index, text) in corpus.notes.enumerated() { try note.run([name, SQLValue(index + 1), .text(text)]) }
      let file = try prepared("INSERT INTO input_files (corpus, path, sha256) VALUES (?, ?, ?)")
      for input in corpus.inputFiles { try file.run([name, .text(input.path), .text(input.sha256)]) }
      let dialog = try prepared(
        "INSERT INTO dialogs (id, corpus, audio_path, origin_file, origin_line, extra) VALUES (?, ?, ?, ?, ?, ?)")
      for item in corpus.dialogs {
        try dialog.run([
          .text(item.id), name, SQLValue(item.audioPath), .text(item.origin.file), SQLValue(item.origin.line),
          .text(JSONText.object(item.extra)),
        ])
      }
      let speaker = try prepared(
        "INSERT INTO speakers (id, corpus, gender, role, origin_file, origin_line, extra) VALUES (?, ?, ?, ?, ?, ?, ?)")
      for item in corpus.speakers {
        try speaker.run([
          .text(item.id), name, .text(item.gender.rawValue), .text(item.role.rawValue), .text(item.origin.file),
          SQLValue(item.origin.line), .text(JSONText.object(item.extra)),
        ])
      }
      let segment = try prepared(
        """
        INSERT INTO segments (id, corpus, dialog, speaker, start, end, audio_path, audio_start, audio_end,
          corpus_consensus, origin_file, origin_line, extra) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
      let annotation = try prepared(
        """
        INSERT INTO annotations (segment_id, seq, coder, kind, major, minor, additional, valence, activation,
          dominance, note, origin_file, origin_line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
      for item in corpus.segments {
        let id = SQLValue.text(item.id)
        try segment.run([
          id, name, .text(item.dialog), .text(item.speaker), SQLValue(item.span?.start), SQLValue(item.span?.end),
          SQLValue(item.audio?.path), SQLValue(item.audio?.start), SQLValue(item.audio?.end),
          SQLValue(item.corpusConsensus), .text(item.origin.file), SQLValue(item.origin.line),
          .text(JSONText.object(item.extra)),
        ])
        for (index, note) in item.annotations.enumerated() {
          try annotation.run([
            id, SQLValue(index + 1), .text(note.coder), .text(note.kind.rawValue), SQLValue(note.major),
            SQLValue(note.minor), .text(JSONText.array(note.additional)), SQLValue(note.dimensions?.valence),
            SQLValue(note.dimensions?.activation), SQLValue(note.dimensions?.dominance), SQLValue(note.note),
            .text(note.origin.file), SQLValue(note.origin.line),
          ])
        }
      }
      try insertDimensions(of: corpus)
    }
  }

  /// The rating dimensions: scales, rating values by name, consensus values, exclusions.
  private func insertDimensions(of corpus: Corpus) throws {
    guard !corpus.dimensionScales.isEmpty else { return }
    let scale = try prepared("INSERT INTO dimension_scales (dimension, min, max) VALUES (?, ?, ?)")
    for item in corpus.dimensionScales { try scale.run([.text(item.name), SQLValue(item.min), SQLValue(item.max)]) }
    let rating = try prepared(
      "INSERT INTO ratings (segment_id, seq, coder, dimension, value, self) VALUES (?, ?, ?, ?, ?, ?)")
    let consensus = try prepared(
      "INSERT INTO segment_dimensions (segment_id, dimension, value, source) VALUES (?, ?, ?, ?)")
    for item in corpus.segments {
      let id = SQLValue.text(item.id)
      for (index, note) in item.annotations.enumerated() where note.kind == .dimensional {
        for (name, value) in (note.dimensions?.values ?? [:]).sorted(by: { $0.key < $1.key }) {
          try rating.run([
            id, SQLValue(index + 1), .text(note.coder), .text(name), SQLValue(value), SQLValue(note.selfRated ? 1 : 0),
          ])
        }
      }
      for (name, value) in corpus.consensusDimensions(item).sorted(by: { $0.key < $1.key }) {
        try consensus.run([
          id, .text(name), SQLValue(value), .text(item.dimensions[name] != nil ? "corpus" : "raters"),
        ])
      }
    }
    let exclusion = try prepared(
      """
      INSERT INTO rating_exclusions (segment_id, coder, dimension, text, reason, origin_file, origin_line)
        VALUES (?, ?, ?, ?, ?, ?, ?)
      """)
    for item in corpus.ratingExclusions {
      try exclusion.run([
        .text(item.segment), .text(item.coder), .text(item.dimension), .text(item.text), .text(item.reason),
        .text(item.origin.file), SQLValue(item.origin.line),
      ])
    }
  }

  /// Normalization's output: per-annotation canonical labels, each segment's consensus and task label.
  /// (Drops are recorded by `insert(drops:)`, so that every drop is in one table.)
  public func insert(labels: [LabeledSegment]) throws {
    try atomically {
      let label = try prepared("INSERT INTO labels (segment_id, consensus, label) VALUES (?, ?, ?)")
      let annotation = try prepared(
        """
        INSERT INTO normalized_annotations (segment_id, seq, coder, kind, raw_major, raw_minor, major, minor)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """)
      for item in labels {
        let id = SQLValue.text(item.segment.id)
        try label.run([id, SQLValue(item.consensus), SQLValue(item.label)])
        for (index, note) in item.annotations.enumerated() {
          try annotation.run([
            id, SQLValue(index + 1), .text(note.coder), .text(note.kind.rawValue), SQLValue(note.rawMajor),
            SQLValue(note.rawMinor), SQLValue(note.major), SQLValue(note.minor),
          ])
        }
      }
    }
  }

  /// Drop decisions, stamped with the current stage; an item can be dropped only once. A drop's
  /// origin (malformed items) is stored with it.
  public func insert(drops: [Drop]) throws {
    try atomically {
      let drop = try prepared(
        "INSERT INTO drops (segment_id, reason, detail, stage, origin_file, origin_line) VALUES (?, ?, ?, ?, ?, ?)")
      for item in drops {
        try drop.run([
          .text(item.segmentID), .text(item.reason.rawValue), SQLValue(item.detail), SQLValue(currentStage),
          SQLValue(item.origin?.file), item.origin.map { SQLValue($0.line) } ?? .null,
        ])
      }
    }
  }

  /// Feature cache entries: the cache key of each segment's features, its frame and window counts.
  public func insert(featureEntries: [(segmentID: String, key: String, frames: Int, windows: Int)]) throws {
    try atomically {
      let row = try prepared("INSERT INTO feature_entries (segment_id, key, frames, windows) VALUES (?, ?, ?, ?)")
      for item in featureEntries {
        try row.run([.text(item.segmentID), .text(item.key), SQLValue(item.frames), SQLValue(item.windows)])
      }
    }
  }
}
