/* Prints the FFTW wisdom embedded in Sources/AudioFeatures/FFTWWisdom.swift (optional helper).
 *
 * The feature extractor's plans are batched r2c transforms of 128 frames (FeatureExtractor.blockFrames)
 * with the output distance rounded up to a multiple of 4 complex values. FFTW_ESTIMATE picks a slow
 * plan for them and FFTW_MEASURE is not reproducible run to run (timing-dependent choice, so cache
 * bytes could differ), so a plan measured once is embedded as wisdom and loaded with
 * FFTW_WISDOM_ONLY; where it does not apply (other FFTW version or CPU) ESTIMATE is used.
 *
 * Build and run: cc -O2 scripts/dev/fftw_wisdom.c -lfftw3f -o /tmp/fftw_wisdom && /tmp/fftw_wisdom
 */
#include <fftw3.h>
#include <stdio.h>
#include <time.h>

static double seconds(void) {
  struct timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

static void plan(int n, unsigned flags) {
  const int block = 128;
  int stride = (n / 2 + 1 + 3) / 4 * 4;
  float *in = fftwf_alloc_real(block * n);
  fftwf_complex *out = fftwf_alloc_complex(block * stride);
  fftwf_plan p = fftwf_plan_many_dft_r2c(1, &n, block, in, NULL, 1, n, out, NULL, 1, stride, flags);
  for (int i = 0; i < block * n; i++) in[i] = (float)((i * 7919) % 1000) / 1000.0f;
  double start = seconds();
  for (int k = 0; k < 2000; k++) fftwf_execute(p);
  fprintf(stderr, "n=%d flags=%u: %.0f ns per frame\n", n, flags, (seconds() - start) / (2000.0 * block) * 1e9);
  fftwf_destroy_plan(p);
  fftwf_free(in);
  fftwf_free(out);
}

int main(void) {
  plan(512, FFTW_ESTIMATE);
  plan(256, FFTW_ESTIMATE);
  fftwf_forget_wisdom(); /* keep only the measured plans */
  plan(512, FFTW_PATIENT);
  plan(256, FFTW_PATIENT);
  char *wisdom = fftwf_export_wisdom_to_string();
  printf("%s", wisdom);
  fftwf_free(wisdom);
  return 0;
}
