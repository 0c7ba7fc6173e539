// Small portable C kernels: hot loops where C is simpler than Swift SIMD.
#ifndef CKERNELS_H
#define CKERNELS_H
#include <stddef.h>
#include <stdint.h>

/// Incremental SHA-256 (FIPS 180-4), used for input-file and audio-content hashes.
typedef struct {
  uint32_t state[8];
  uint64_t length;
  uint8_t buffer[64];
  size_t used;
  int portable;  // 1: never the CPU's SHA instructions (tests compare both paths)
} ck_sha256_ctx;

void ck_sha256_init(ck_sha256_ctx *ctx);
void ck_sha256_update(ck_sha256_ctx *ctx, const void *data, size_t count);
void ck_sha256_final(ck_sha256_ctx *ctx, uint8_t digest[32]);
/// ck_sha256_init, with the portable code only.
void ck_sha256_init_portable(ck_sha256_ctx *ctx);
/// 1 when the CPU's SHA instructions are used (x86 SHA-NI), else 0.
int ck_sha256_accelerated(void);

/// In-place logistic sigmoid, tanh and exp on floats (vectorizable approximations; absolute
/// error of sigmoid and tanh below 1e-6, relative error of exp below 1e-6: see fastmath.c).
void ck_sigmoid(float *values, size_t count);
void ck_tanh(float *values, size_t count);
void ck_exp_inplace(float *values, size_t count);

#endif
