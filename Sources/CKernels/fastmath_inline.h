// Shared by the float kernels: a vectorizable exp and the ifunc clone attribute. Private header.
#ifndef CK_FASTMATH_INLINE_H
#define CK_FASTMATH_INLINE_H
#include <stdint.h>
#include <string.h>

// exp(x) by range reduction x = n·ln2 + r, |r| ≤ ln2/2, a degree-6 polynomial for e^r (Cephes
// coefficients), and 2^n built in the exponent bits. Relative error about 2e-7 on [-87, 88].
static inline float ck_exp(float x) {
  x = x < -87.0f ? -87.0f : x;
  x = x > 88.0f ? 88.0f : x;
  const float shifter = 12582912.0f;  // 1.5·2^23: adding it rounds to an integer
  float n = (x * 1.44269504088896341f + shifter) - shifter;
  float r = x - n * 0.693359375f;
  r = r - n * -2.12194440e-4f;
  float p = 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  p = p * r * r + r + 1.0f;
  int32_t bits = ((int32_t)n + 127) << 23;
  float scale;
  memcpy(&scale, &bits, sizeof scale);
  return p * scale;
}

// On x86-64 Linux the loops are also built for AVX2+FMA and AVX-512 and picked at load time
// (ifunc); elsewhere the baseline build is used.
#if defined(__x86_64__) && defined(__linux__) && defined(__clang__)
#define CK_CLONES __attribute__((target_clones("avx512f", "arch=x86-64-v3", "default")))
#else
#define CK_CLONES
#endif

#endif
