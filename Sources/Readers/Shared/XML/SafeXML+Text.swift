import CLibXML2

extension XMLElementNode {
  /// The text directly inside this element (not inside its child elements), each run with the
  /// number of child elements before it: Transcriber's `<Turn>` text between its `<Sync/>`s.
  var textRuns: [(afterElements: Int, text: String)] {
    var runs: [(afterElements: Int, text: String)] = []
    var elements = 0
    var child = node.pointee.children
    while let current = child {
      switch current.pointee.type {
      case XML_ELEMENT_NODE: elements += 1
      case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
        if let content = current.pointee.content { runs.append((elements, String(cString: content))) }
      default: break
      }
      child = current.pointee.next
    }
    return runs
  }
}
