/// Speakers joined into groups by the dialogs they share (connected components, union-find).
///
/// Built from kept segments only: a speaker whose segments were all dropped (agents under
/// `--roles caller`) joins nothing, so a dialog never straddles splits and no spurious links form.
public struct SpeakerGroups: Sendable {
  /// Group index of each entry, parallel to the input.
  public let groupOfEntry: [Int]
  /// Speaker index of each entry, parallel to the input.
  public let speakerOfEntry: [Int]
  /// Speaker ids by speaker index (first appearance in the visiting order).
  public let speakerNames: [String]
  /// Group index of each speaker.
  public let groupOfSpeaker: [Int]
  /// Number of groups.
  public let count: Int

  /// Groups for `entries`, visited in `order` (default: input order); speaker and group indices
  /// follow first appearance in that order, so a canonical order gives canonical indices.
  public init(_ entries: [ManifestEntry], order: [Int]? = nil) {
    let order = order ?? Array(entries.indices)
    var speakerIndex: [String: Int] = [:]
    var names: [String] = []
    var parent: [Int] = []
    var dialogSpeaker: [String: Int] = [:]
    var speakerOfEntry = [Int](repeating: 0, count: entries.count)

    func find(_ x: Int) -> Int {
      var root = x
      while parent[root] != root { root = parent[root] }
      var node = x
      while parent[node] != root {
        let next = parent[node]
        parent[node] = root
        node = next
      }
      return root
    }

    // Segments of one speaker and one dialog usually come together: remembering the previous
    // entry's speaker and dialog skips most dictionary look-ups (hashing dominates otherwise).
    var lastSpeaker: (name: String, index: Int)?
    var lastDialog: String?
    for i in order {
      let entry = entries[i]
      let previous = lastSpeaker?.index
      let s: Int
      if let last = lastSpeaker, last.name == entry.speaker {
        s = last.index
      } else if let known = speakerIndex[entry.speaker] {
        s = known
      } else {
        s = parent.count
        speakerIndex[entry.speaker] = s
        names.append(entry.speaker)
        parent.append(s)
      }
      lastSpeaker = (entry.speaker, s)
      speakerOfEntry[i] = s
      if previous == s && lastDialog == entry.dialog { continue }  // pair already linked
      lastDialog = entry.dialog
      if let other = dialogSpeaker[entry.dialog] {
        let a = find(s)
        let b = find(other)
        // The smaller index becomes the root: the result does not depend on union order.
        if a != b { parent[max(a, b)] = min(a, b) }
      } else {
        dialogSpeaker[entry.dialog] = s
      }
    }
    var groupOfRoot = [Int](repeating: -1, count: parent.count)
    var groupOfSpeaker = [Int](repeating: 0, count: parent.count)
    var groups = 0
    for s in 0..<parent.count {
      let root = find(s)
      if groupOfRoot[root] < 0 {
        groupOfRoot[root] = groups
        groups += 1
      }
      groupOfSpeaker[s] = groupOfRoot[root]
    }
    self.groupOfEntry = speakerOfEntry.map { groupOfSpeaker[$0] }
    self.speakerOfEntry = speakerOfEntry
    self.speakerNames = names
    self.groupOfSpeaker = groupOfSpeaker
    self.count = groups
  }
}
