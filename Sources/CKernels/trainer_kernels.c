// Elementwise kernels of the trainer (LSTM cell forward/backward, bias + ReLU, ReLU backward,
// column sums, elementwise add/multiply) for float and double from one source
// (trainer_kernels_impl.h): the double instances run the finite-difference gradient checks, so
// those checks cover the same code the float training path runs.
#include "ckernels.h"
#include <math.h>

#include "fastmath_inline.h"

#define CK_T float
#define CK_NAME(x) x##_f
#define CK_SIGMOID(x) (1.0f / (1.0f + ck_exp(-(x))))
#define CK_TANH(x) (1.0f - 2.0f / (1.0f + ck_exp(2.0f * (x))))
#include "trainer_kernels_impl.h"
#undef CK_T
#undef CK_NAME
#undef CK_SIGMOID
#undef CK_TANH

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
