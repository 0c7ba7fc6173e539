import Foundation
import Testing

@testable import EmoSupport

@Suite struct FreedMemoryTests {
  /// Many small blocks freed below one still in use leave whole free pages the heap keeps (free
  /// only trims the top of a heap); `release` gives them back, and says so.
  @Test func returnsFreePagesTheHeapKept() {
    #if canImport(Glibc)
      var blocks: [UnsafeMutableRawPointer] = []
      blocks.reserveCapacity(200_000)
      for _ in 0..<200_000 {
        let block = malloc(256)!
        memset(block, 1, 256)
        blocks.append(block)
      }
      let pin = malloc(256)!
      for block in blocks { free(block) }
      #expect(FreedMemory.release())
      free(pin)
    #endif
  }
}
