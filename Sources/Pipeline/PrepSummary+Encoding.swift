import Foundation

// `summary.json` writes every key, a value that does not apply as null (never omitted), so readers
// and schemas/summary.schema.json see one shape whatever the run.

extension PrepSummary {
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(toolVersion, forKey: .toolVersion)
    try c.encode(source, forKey: .source)
    try c.encode(task, forKey: .task)
    try c.encode(classes, forKey: .classes)
    try c.encode(seed, forKey: .seed)
    try c.encode(segmentsRead, forKey: .segmentsRead)
    try c.encode(kept, forKey: .kept)
    try c.encode(dropped, forKey: .dropped)
    try c.encode(keptPerClass, forKey: .keptPerClass)
    try c.encode(droppedPerReason, forKey: .droppedPerReason)
    try c.encode(speakersRead, forKey: .speakersRead)
    try c.encode(speakersKept, forKey: .speakersKept)
    try c.encode(dialogsKept, forKey: .dialogsKept)
    try c.encode(labelsOnly, forKey: .labelsOnly)
    try c.encode(labelsOnlyReason, forKey: .labelsOnlyReason)
    try c.encode(folds, forKey: .folds)
    try c.encode(foldsFrom, forKey: .foldsFrom)
    try c.encode(featuresReady, forKey: .featuresReady)
    try c.encode(audio, forKey: .audio)
    try c.encode(outputs, forKey: .outputs)
    try c.encode(notes, forKey: .notes)
    try c.encode(dimensions, forKey: .dimensions)
  }
}

extension FileNotes {
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(unmatchedFiles, forKey: .unmatchedFiles)
    try c.encode(hiddenFiles, forKey: .hiddenFiles)
    try c.encode(linksOutsideRoot, forKey: .linksOutsideRoot)
    try c.encode(caseMismatchedFiles, forKey: .caseMismatchedFiles)
    try c.encode(genderConflicts, forKey: .genderConflicts)
    try c.encode(presetCounts, forKey: .presetCounts)
  }
}
