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

/// Returns the whole free pages of every malloc heap to the system (glibc's malloc_trim(0)); 1 when
/// some memory was returned, 0 otherwise or on a C library without it.
int ck_release_free_memory(void);

/// In-place logistic sigmoid, tanh and exp on floats (vectorizable approximations; absolute
/// error of sigmoid and tanh below 1e-6, relative error of exp below 1e-6: see fastmath.c).
void ck_sigmoid(float *values, size_t count);
void ck_tanh(float *values, size_t count);
void ck_exp_inplace(float *values, size_t count);

/// Trainer kernels (trainer_kernels.c), `_f` for float with the fast activations above and `_d` for
/// double with libm's, from the same source.
///
/// LSTM cell at one step of one direction for `rows` samples, PyTorch gate order i, f, g, o:
/// `gates` rows (`gate_stride` apart, 4·hidden used) hold pre-activations and are replaced by the
/// activations; c = f·c_prev + i·g (c_prev NULL: zero state), tanh_cell = tanh(c), out = o·tanh(c);
/// state rows (c_prev, cell, tanh_cell, out) are `state_stride` apart.
void ck_lstm_forward_f(float *gates, size_t gate_stride, const float *c_prev, float *cell, float *tanh_cell,
                       float *out, size_t state_stride, size_t rows, size_t hidden);
void ck_lstm_forward_d(double *gates, size_t gate_stride, const double *c_prev, double *cell, double *tanh_cell,
                       double *out, size_t state_stride, size_t rows, size_t hidden);
/// One recurrent step's product for `rows` samples: c[r·ldc + j] += Σ_k a[r·lda + k] · wt[k·cols + j]
/// for j < cols, k < depth (`wt` is the recurrent weight matrix transposed, depth × cols).
void ck_recurrent_gemm_f(const float *a, size_t lda, const float *wt, size_t cols, size_t depth, float *c,
                         size_t ldc, size_t rows);
void ck_recurrent_gemm_d(const double *a, size_t lda, const double *wt, size_t cols, size_t depth, double *c,
                         size_t ldc, size_t rows);
/// Backward of ck_lstm_forward: d_out (state rows) plus dh (rows × hidden, the gradient from the
/// next step) give d_gates (pre-activation gradients, gate rows); dc (rows × hidden) carries the cell
/// gradient backwards in time (in: from the next step, out: to the previous one).
void ck_lstm_backward_f(const float *gates, size_t gate_stride, const float *c_prev, const float *tanh_cell,
                        const float *d_out, size_t state_stride, const float *dh, float *dc, float *d_gates,
                        size_t rows, size_t hidden);
void ck_lstm_backward_d(const double *gates, size_t gate_stride, const double *c_prev, const double *tanh_cell,
                        const double *d_out, size_t state_stride, const double *dh, double *dc, double *d_gates,
                        size_t rows, size_t hidden);
/// y[r][c] += bias[c], then max(·, 0) when relu is nonzero; rows `ld` apart.
void ck_bias_activation_f(float *y, const float *bias, size_t rows, size_t cols, size_t ld, int relu);
void ck_bias_activation_d(double *y, const double *bias, size_t rows, size_t cols, size_t ld, int relu);
/// dy[i] = 0 where y[i] <= 0 (ReLU backward).
void ck_relu_backward_f(float *dy, const float *y, size_t count);
void ck_relu_backward_d(double *dy, const double *y, size_t count);
/// sums[c] += Σ_r m[r][c]; rows `ld` apart.
void ck_add_column_sums_f(const float *m, size_t rows, size_t cols, size_t ld, float *sums);
void ck_add_column_sums_d(const double *m, size_t rows, size_t cols, size_t ld, double *sums);
/// y[i] += x[i].
void ck_add_f(float *y, const float *x, size_t count);
void ck_add_d(double *y, const double *x, size_t count);
/// y[i] *= x[i].
void ck_multiply_f(float *y, const float *x, size_t count);
void ck_multiply_d(double *y, const double *x, size_t count);
/// One Adam step over `count` parameters, PyTorch's update: g ← clamp(g, −clip, clip) (written
/// back), m ← β1·m + (1 − β1)·g, v ← β2·v + (1 − β2)·g², p ← p − lr·(m / c1) / (√(v / c2) + ε)
/// with the bias corrections c1 = 1 − β1^t, c2 = 1 − β2^t of step t. 1 − β1 and 1 − β2 are passed
/// in (computed in double, as PyTorch does: 1 − 0.999f would be off by 1e-5 relative).
void ck_adam_f(float *params, float *grads, float *m, float *v, size_t count, float lr, float beta1,
               float one_minus_beta1, float beta2, float one_minus_beta2, float c1, float c2, float epsilon,
               float clip);

#endif
