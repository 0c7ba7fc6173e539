import CFFTW
import Foundation

/// FFTW's planner is not thread-safe: every plan creation and destruction
/// goes through this one lock; executing an existing plan on its own buffers is safe from any thread.
enum FFTWPlanner {
  private static let lock = NSLock()

  /// Runs `body` (a plan create or destroy) while holding the global planner lock.
  static func serialized<T>(_ body: () -> T) -> T {
    lock.lock()
    defer { lock.unlock() }
    _ = wisdomLoaded
    return body()
  }

  /// Plans measured once (FFTW_PATIENT) for the extractor's batched r2c transforms of 512 and 256
  /// points, by scripts/dev/fftw_wisdom.c with FFTW 3.3.10 on x86-64 AVX. They are about 1.5x faster
  /// than FFTW_ESTIMATE's choice; measuring at run time instead would make the plan (and the last
  /// bits of the features) depend on machine load. Used with FFTW_WISDOM_ONLY: with another FFTW
  /// version or CPU the wisdom does not apply and the extractor falls back to FFTW_ESTIMATE.
  static let wisdom = """
    (fftw-3.3.10 fftwf_wisdom #x9e7d4dee #xdb14fed1 #x34bf76a4 #xeb6e8fdf
      (fftwf_codelet_r2cfII_8 2 #x11048 #x11048 #x0 #x76fa2a50 #xf4668261 #xbf8b003e #xbfa64206)
      (fftwf_codelet_r2cf_8 2 #x11048 #x11048 #x0 #xe75b944c #x09ac1906 #x449b29ce #x7b6666b0)
      (fftwf_codelet_n2fv_64_avx 0 #x11048 #x11048 #x0 #x03406dff #xc8fa0a2c #x62a9a61e #xa394d874)
      (fftwf_codelet_r2cf_8 2 #x11048 #x11048 #x0 #xaae37515 #xc366903c #xc804fee2 #x44fc70a7)
      (fftwf_dft_vrank_geq1_register 0 #x11048 #x11048 #x0 #x394b9f7c #xca660c86 #x460e4d91 #xf278818f)
      (fftwf_codelet_n2fv_32_avx 0 #x11048 #x11048 #x0 #x12d24524 #x289b57fa #x2bd8cbf3 #xaac91103)
      (fftwf_codelet_hc2cfdftv_8_sse2 0 #x11048 #x11048 #x0 #x254bd668 #x7d521cc9 #xf4f611cf #x7d7e3223)
      (fftwf_codelet_hc2cfdftv_8_sse2 0 #x11048 #x11048 #x0 #xee451c26 #xfd54b11b #x497e2022 #x74a94907)
      (fftwf_dft_vrank_geq1_register 0 #x11048 #x11048 #x0 #x5288b0c5 #x8a0b43d5 #xff0ce1cc #x46fadfed)
      (fftwf_codelet_r2cfII_8 2 #x11048 #x11048 #x0 #x23fb2e26 #x3fe4d3f4 #x78d7c0db #xaba9deb1)
    )
    )
    """

  /// Imported on first use, inside the planner lock.
  private static let wisdomLoaded: Void = { _ = fftwf_import_wisdom_from_string(wisdom) }()
}
