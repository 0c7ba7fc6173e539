// Elementwise kernels of the trainer (LSTM cell forward/backward, bias + ReLU, ReLU backward,
// column sums, elementwise add/multiply) for float and double from one source
// (trainer_kernels_impl.h): the double instances run the finite-difference gradient checks, so
// those checks cover the same code the float training path runs.
#include "ckernels.h"
#include <math.h>

#include "fastmath_inline.h"

// The float tile of ck_recurrent_gemm (CK_RT = 4 rows × CK_CT = 48 columns) with explicit
// 16-lane vectors: 12 accumulators, 3 weight vectors loaded per k and shared by the 4 rows. (The
// compiler's own vectorization of the plain loops shuffles the third vector on every k.)
#define CK_RT 4
#define CK_CT 48
#define CK_VECTOR_TILE
typedef float ck_v16f __attribute__((vector_size(64)));
static inline __attribute__((always_inline)) ck_v16f ck_load16(const float *p) {
  ck_v16f v;
  __builtin_memcpy(&v, p, sizeof v);
  return v;
}
static inline __attribute__((always_inline)) void ck_store16(float *p, ck_v16f v) { __builtin_memcpy(p, &v, sizeof v); }
static inline __attribute__((always_inline)) void recurrent_tile_f(const float *restrict a, size_t lda,
                                                                   const float *restrict wt, size_t ldw,
                                                                   size_t depth, float *restrict c, size_t ldc) {
  ck_v16f acc[CK_RT][3];
  for (size_t r = 0; r < CK_RT; r++)
    for (size_t v = 0; v < 3; v++) acc[r][v] = ck_load16(c + r * ldc + 16 * v);
  for (size_t k = 0; k < depth; k++) {
    const float *w = wt + k * ldw;
    const ck_v16f w0 = ck_load16(w), w1 = ck_load16(w + 16), w2 = ck_load16(w + 32);
    for (size_t r = 0; r < CK_RT; r++) {
      const float x = a[r * lda + k];
      acc[r][0] += x * w0;
      acc[r][1] += x * w1;
      acc[r][2] += x * w2;
    }
  }
  for (size_t r = 0; r < CK_RT; r++)
    for (size_t v = 0; v < 3; v++) ck_store16(c + r * ldc + 16 * v, acc[r][v]);
}

#define CK_T float
#define CK_NAME(x) x##_f
#define CK_SIGMOID(x) (1.0f / (1.0f + ck_exp(-(x))))
#define CK_TANH(x) (1.0f - 2.0f / (1.0f + ck_exp(2.0f * (x))))
#include "trainer_kernels_impl.h"
#undef CK_T
#undef CK_NAME
#undef CK_SIGMOID
#undef CK_TANH
#undef CK_VECTOR_TILE

#define CK_T double
#define CK_NAME(x) x##_d
#define CK_SIGMOID(x) (1.0 / (1.0 + exp(-(x))))
#define CK_TANH(x) tanh(x)
#include "trainer_kernels_impl.h"

#undef CK_T
#undef CK_NAME
#undef CK_SIGMOID
#undef CK_TANH

CK_CLONES void ck_adam_f(float *restrict params, float *restrict grads, float *restrict m, float *restrict v,
                         size_t count, float lr, float beta1, float one_minus_beta1, float beta2,
                         float one_minus_beta2, float c1, float c2, float epsilon, float clip) {
  for (size_t i = 0; i < count; i++) {
    float g = grads[i] < -clip ? -clip : (grads[i] > clip ? clip : grads[i]);
    grads[i] = g;
    m[i] = beta1 * m[i] + one_minus_beta1 * g;
    v[i] = beta2 * v[i] + one_minus_beta2 * g * g;
    params[i] -= lr * (m[i] / c1) / (sqrtf(v[i] / c2) + epsilon);
  }
}
