// Vectorizable exp-based activations for the LSTM gates (glibc's expf and
// tanhf are scalar calls). Elementwise loops vectorize without reassociation, so none is enabled
// here: the round-to-nearest trick below must not be folded away.
#include "ckernels.h"

#include "fastmath_inline.h"

CK_CLONES void ck_sigmoid(float *values, size_t count) {
  for (size_t i = 0; i < count; i++) values[i] = 1.0f / (1.0f + ck_exp(-values[i]));
}

CK_CLONES void ck_tanh(float *values, size_t count) {
  for (size_t i = 0; i < count; i++) values[i] = 1.0f - 2.0f / (1.0f + ck_exp(2.0f * values[i]));
}

CK_CLONES void ck_exp_inplace(float *values, size_t count) {
  for (size_t i = 0; i < count; i++) values[i] = ck_exp(values[i]);
}
