// Elementwise kernels of the trainer (LSTM cell forward/backward, bias + ReLU, ReLU backward,
// column sums, elementwise add/multiply) for float and double from one source
// (trainer_kernels_impl.h): the double instances run the finite-difference gradient checks, so
// those checks cover the same code the float training path runs.
#include "ckernels.h"
#include <math.h>

#include "fastmath_inline.h"

// ck_recurrent_gemm_f, c[r][j] += sum_k a[r][k] * wt[k][j], with explicit 16-lane vectors: tiles of
// R rows x V vectors (16·V columns) accumulate in registers over k; per k the tile loads V weight
// vectors once and shares them across its R rows. Full tiles are 4 rows x 4 vectors (16
// accumulators); the last columns take 4 x 3, 2 or 1 vectors, the last rows 1-row tiles, and
// columns past a multiple of 16 a scalar loop. (The compiler's own vectorization of the plain
// loops in trainer_kernels_impl.h shuffles registers on every k; the double instance keeps them.)
#define CK_VECTOR_TILE
typedef float ck_v16f __attribute__((vector_size(64)));
static inline __attribute__((always_inline)) ck_v16f ck_load16(const float *p) {
  ck_v16f v;
  __builtin_memcpy(&v, p, sizeof v);
  return v;
}
static inline __attribute__((always_inline)) void ck_store16(float *p, ck_v16f v) { __builtin_memcpy(p, &v, sizeof v); }

#define CK_TILE_F(R, V)                                                                                        \
  static inline __attribute__((always_inline)) void ck_tile_f_##R##x##V(                                       \
      const float *restrict a, size_t lda, const float *restrict wt, size_t ldw, size_t depth, float *restrict c, \
      size_t ldc) {                                                                                            \
    ck_v16f acc[R][V];                                                                                         \
    for (size_t r = 0; r < R; r++)                                                                             \
      for (size_t v = 0; v < V; v++) acc[r][v] = ck_load16(c + r * ldc + 16 * v);                              \
    for (size_t k = 0; k < depth; k++) {                                                                       \
      const float *w = wt + k * ldw;                                                                           \
      ck_v16f wv[V];                                                                                           \
      for (size_t v = 0; v < V; v++) wv[v] = ck_load16(w + 16 * v);                                            \
      for (size_t r = 0; r < R; r++) {                                                                         \
        const float x = a[r * lda + k];                                                                        \
        for (size_t v = 0; v < V; v++) acc[r][v] += x * wv[v];                                                 \
      }                                                                                                        \
    }                                                                                                          \
    for (size_t r = 0; r < R; r++)                                                                             \
      for (size_t v = 0; v < V; v++) ck_store16(c + r * ldc + 16 * v, acc[r][v]);                              \
  }
CK_TILE_F(4, 4)
CK_TILE_F(4, 3)
CK_TILE_F(4, 2)
CK_TILE_F(4, 1)
CK_TILE_F(1, 4)
CK_TILE_F(1, 3)
CK_TILE_F(1, 2)
CK_TILE_F(1, 1)

#define CK_ROW_BLOCK_F(R)                                                                                      \
  static inline __attribute__((always_inline)) void ck_rows_f_##R(const float *restrict a, size_t lda,         \
                                                                  const float *restrict wt, size_t cols,       \
                                                                  size_t depth, float *restrict c, size_t ldc) { \
    size_t j = 0;                                                                                              \
    for (; j + 64 <= cols; j += 64) ck_tile_f_##R##x4(a, lda, wt + j, cols, depth, c + j, ldc);                \
    switch ((cols - j) / 16) {                                                                                 \
    case 3: ck_tile_f_##R##x3(a, lda, wt + j, cols, depth, c + j, ldc); j += 48; break;                         \
    case 2: ck_tile_f_##R##x2(a, lda, wt + j, cols, depth, c + j, ldc); j += 32; break;                         \
    case 1: ck_tile_f_##R##x1(a, lda, wt + j, cols, depth, c + j, ldc); j += 16; break;                         \
    default: break;                                                                                            \
    }                                                                                                          \
    for (size_t r = 0; r < R; r++)                                                                             \
      for (size_t k = 0; k < depth; k++)                                                                       \
        for (size_t jj = j; jj < cols; jj++) c[r * ldc + jj] += a[r * lda + k] * wt[k * cols + jj];            \
  }
CK_ROW_BLOCK_F(4)
CK_ROW_BLOCK_F(1)

CK_CLONES void ck_recurrent_gemm_f(const float *restrict a, size_t lda, const float *restrict wt, size_t cols,
                                   size_t depth, float *restrict c, size_t ldc, size_t rows) {
  size_t r = 0;
  for (; r + 4 <= rows; r += 4) ck_rows_f_4(a + r * lda, lda, wt, cols, depth, c + r * ldc, ldc);
  for (; r < rows; r++) ck_rows_f_1(a + r * lda, lda, wt, cols, depth, c + r * ldc, ldc);
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
