/// Speakers joined into groups by the dialogs they share (connected components, union-find).
///
/// Built from kept segments only: a speaker whose segments were all dropped (agents under
/// `--roles caller`) joins nothing, so a dialog never straddles splits and no spurious links form.
public struct SpeakerGroups: Sendable {
  /// Group index of each entry, parallel to the input.
  public let groupOfEntry: [Int]
  /// Number of groups.
  public let count: Int

  /// Groups for `entries`; group indices follow the first appearance of each group in `entries`.
  public init(_ entries: [ManifestEntry]) {
    var speakerIndex: [String: Int] = [:]
    var parent: [Int] = []
    var dialogSpeaker: [String: Int] = [:]
    var speakerOfEntry: [Int] = []
    speakerOfEntry.reserveCapacity(entries.count)

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

    for entry in entries {
      let s: Int
      if let known = speakerIndex[entry.speaker] {
        s = known
      } else {
        s = parent.count
        speakerIndex[entry.speaker] = s
        parent.append(s)
      }
      speakerOfEntry.append(s)
      if let other = dialogSpeaker[entry.dialog] {
        let a = find(s)
        let b = find(other)
        // Smaller index becomes the root: the result does not depend on union order.
        if a != b { parent[max(a, b)] = min(a, b) }
      } else {
        dialogSpeaker[entry.dialog] = s
      }
    }
    var groupOfRoot: [Int: Int] = [:]
    var groups: [Int] = []
    groups.reserveCapacity(entries.count)
    for s in speakerOfEntry {
      let root = find(s)
      if let g = groupOfRoot[root] {
        groups.append(g)
      } else {
        groupOfRoot[root] = groupOfRoot.count
        groups.append(groupOfRoot.count - 1)
      }
    }
    groupOfEntry = groups
    count = groupOfRoot.count
  }
}
