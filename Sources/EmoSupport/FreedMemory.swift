import CKernels

/// Gives the pages of freed memory back to the system.
///
/// glibc keeps one heap (arena) per thread that allocated, and a page freed in one thread's heap
/// stays resident until that heap needs it again: a large working set built and freed on a
/// background thread (prep's audit items) would otherwise still count in the process's memory
/// while the main thread builds the next one (the manifests). Costs one pass over the free lists;
/// call it after letting go of something large, not in a loop.
public enum FreedMemory {
  /// Returns every whole free page of every heap to the system (`malloc_trim`); false when nothing
  /// was returned or the C library has no such call.
  @discardableResult
  public static func release() -> Bool {
    ck_release_free_memory() != 0
  }
}
