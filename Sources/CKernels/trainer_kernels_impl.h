// The trainer's elementwise kernels for one element type, included twice by trainer_kernels.c:
// with CK_T = float (fast activations) and CK_T = double (libm activations, for the
// finite-difference gradient checks). CK_T, CK_NAME(x), CK_SIGMOID(x) and CK_TANH(x) come from the
// includer. Plain loops over restrict pointers: the compiler vectorizes them.

// The LSTM kernels run over the hidden units in chunks of CK_CHUNK with a fixed trip count, so the
// whole chunk is one vector loop; a last partial chunk runs on zero-padded local copies. (A plain
// loop over 60 units leaves a scalar remainder of 12 that costs more than the 48 vectorized units.)
#ifndef CK_CHUNK
#define CK_CHUNK 16
#endif

static inline __attribute__((always_inline)) void CK_NAME(lstm_forward_chunk)(
    CK_T *restrict gi, CK_T *restrict gf, CK_T *restrict gg, CK_T *restrict go, const CK_T *restrict cp,
    CK_T *restrict c, CK_T *restrict tc, CK_T *restrict y) {
  for (size_t j = 0; j < CK_CHUNK; j++) {
    CK_T i = CK_SIGMOID(gi[j]);
    CK_T f = CK_SIGMOID(gf[j]);
    CK_T g = CK_TANH(gg[j]);
    CK_T o = CK_SIGMOID(go[j]);
    CK_T cj = f * cp[j] + i * g;
    CK_T t = CK_TANH(cj);
    gi[j] = i;
    gf[j] = f;
    gg[j] = g;
    go[j] = o;
    c[j] = cj;
    tc[j] = t;
    y[j] = o * t;
  }
}

CK_CLONES void CK_NAME(ck_lstm_forward)(CK_T *restrict gates, size_t gate_stride, const CK_T *restrict c_prev,
                                        CK_T *restrict cell, CK_T *restrict tanh_cell, CK_T *restrict out,
                                        size_t state_stride, size_t rows, size_t hidden) {
  const size_t h = hidden;
  const CK_T zeros[CK_CHUNK] = {0};
  for (size_t r = 0; r < rows; r++) {
    CK_T *g = gates + r * gate_stride;
    CK_T *c = cell + r * state_stride;
    CK_T *tc = tanh_cell + r * state_stride;
    CK_T *y = out + r * state_stride;
    const CK_T *cp = c_prev ? c_prev + r * state_stride : 0;
    size_t j = 0;
    for (; j + CK_CHUNK <= h; j += CK_CHUNK) {
      CK_NAME(lstm_forward_chunk)
      (g + j, g + h + j, g + 2 * h + j, g + 3 * h + j, cp ? cp + j : zeros, c + j, tc + j, y + j);
    }
    if (j < h) {
      const size_t n = h - j;
      CK_T lg[4][CK_CHUNK] = {{0}}, lcp[CK_CHUNK] = {0}, lc[CK_CHUNK], ltc[CK_CHUNK], ly[CK_CHUNK];
      for (size_t k = 0; k < n; k++) {
        for (size_t q = 0; q < 4; q++) lg[q][k] = g[q * h + j + k];
        lcp[k] = cp ? cp[j + k] : 0;
      }
      CK_NAME(lstm_forward_chunk)(lg[0], lg[1], lg[2], lg[3], lcp, lc, ltc, ly);
      for (size_t k = 0; k < n; k++) {
        for (size_t q = 0; q < 4; q++) g[q * h + j + k] = lg[q][k];
        c[j + k] = lc[k];
        tc[j + k] = ltc[k];
        y[j + k] = ly[k];
      }
    }
  }
}

static inline __attribute__((always_inline)) void CK_NAME(lstm_backward_chunk)(
    const CK_T *restrict gi, const CK_T *restrict gf, const CK_T *restrict gg, const CK_T *restrict go,
    const CK_T *restrict cp, const CK_T *restrict tc, const CK_T *restrict dy, const CK_T *restrict dh,
    CK_T *restrict dc, CK_T *restrict di, CK_T *restrict df, CK_T *restrict dg, CK_T *restrict d_o) {
  for (size_t j = 0; j < CK_CHUNK; j++) {
    CK_T i = gi[j], f = gf[j], g = gg[j], o = go[j], t = tc[j];
    CK_T dhj = dy[j] + dh[j];
    CK_T dcj = dc[j] + dhj * o * (1 - t * t);
    di[j] = dcj * g * i * (1 - i);
    df[j] = dcj * cp[j] * f * (1 - f);
    dg[j] = dcj * i * (1 - g * g);
    d_o[j] = dhj * t * o * (1 - o);
    dc[j] = dcj * f;
  }
}

CK_CLONES void CK_NAME(ck_lstm_backward)(const CK_T *restrict gates, size_t gate_stride,
                                         const CK_T *restrict c_prev, const CK_T *restrict tanh_cell,
                                         const CK_T *restrict d_out, size_t state_stride, const CK_T *restrict dh,
                                         CK_T *restrict dc, CK_T *restrict d_gates, size_t rows, size_t hidden) {
  const size_t h = hidden;
  const CK_T zeros[CK_CHUNK] = {0};
  for (size_t r = 0; r < rows; r++) {
    const CK_T *g = gates + r * gate_stride;
    CK_T *dgr = d_gates + r * gate_stride;
    const CK_T *tc = tanh_cell + r * state_stride;
    const CK_T *dy = d_out + r * state_stride;
    const CK_T *cp = c_prev ? c_prev + r * state_stride : 0;
    const CK_T *dhr = dh + r * h;
    CK_T *dcr = dc + r * h;
    size_t j = 0;
    for (; j + CK_CHUNK <= h; j += CK_CHUNK) {
      CK_NAME(lstm_backward_chunk)
      (g + j, g + h + j, g + 2 * h + j, g + 3 * h + j, cp ? cp + j : zeros, tc + j, dy + j, dhr + j, dcr + j,
       dgr + j, dgr + h + j, dgr + 2 * h + j, dgr + 3 * h + j);
    }
    if (j < h) {
      const size_t n = h - j;
      CK_T lg[4][CK_CHUNK] = {{0}}, lcp[CK_CHUNK] = {0}, ltc[CK_CHUNK] = {0}, ldy[CK_CHUNK] = {0};
      CK_T ldh[CK_CHUNK] = {0}, ldc[CK_CHUNK] = {0}, ld[4][CK_CHUNK];
      for (size_t k = 0; k < n; k++) {
        for (size_t q = 0; q < 4; q++) lg[q][k] = g[q * h + j + k];
        lcp[k] = cp ? cp[j + k] : 0;
        ltc[k] = tc[j + k];
        ldy[k] = dy[j + k];
        ldh[k] = dhr[j + k];
        ldc[k] = dcr[j + k];
      }
      CK_NAME(lstm_backward_chunk)
      (lg[0], lg[1], lg[2], lg[3], lcp, ltc, ldy, ldh, ldc, ld[0], ld[1], ld[2], ld[3]);
      for (size_t k = 0; k < n; k++) {
        for (size_t q = 0; q < 4; q++) dgr[q * h + j + k] = ld[q][k];
        dcr[j + k] = ldc[k];
      }
    }
  }
}

CK_CLONES void CK_NAME(ck_bias_activation)(CK_T *restrict y, const CK_T *restrict bias, size_t rows, size_t cols,
                                           size_t ld, int relu) {
  for (size_t r = 0; r < rows; r++) {
    CK_T *restrict row = y + r * ld;
    if (relu) {
      for (size_t c = 0; c < cols; c++) {
        CK_T v = row[c] + bias[c];
        row[c] = v < 0 ? 0 : v;  // NaN passes through, as a diverging run must show it
      }
    } else {
      for (size_t c = 0; c < cols; c++) row[c] += bias[c];
    }
  }
}

CK_CLONES void CK_NAME(ck_relu_backward)(CK_T *restrict dy, const CK_T *restrict y, size_t count) {
  for (size_t i = 0; i < count; i++) dy[i] = y[i] <= 0 ? 0 : dy[i];
}

CK_CLONES void CK_NAME(ck_add_column_sums)(const CK_T *restrict m, size_t rows, size_t cols, size_t ld,
                                           CK_T *restrict sums) {
  for (size_t r = 0; r < rows; r++) {
    const CK_T *restrict row = m + r * ld;
    for (size_t c = 0; c < cols; c++) sums[c] += row[c];
  }
}

CK_CLONES void CK_NAME(ck_add)(CK_T *restrict y, const CK_T *restrict x, size_t count) {
  for (size_t i = 0; i < count; i++) y[i] += x[i];
}

CK_CLONES void CK_NAME(ck_multiply)(CK_T *restrict y, const CK_T *restrict x, size_t count) {
  for (size_t i = 0; i < count; i++) y[i] *= x[i];
}

// One recurrent step's matrix product, c[r][j] += sum_k a[r][k] * wt[k][j] (r < rows, j < cols,
// k < depth), where wt is the recurrent weight transposed ([depth][cols], row-major). OpenBLAS
// packs both operands on every call; at this size (16 × 240 × 60 per step) packing and call
// overhead cost about as much as the arithmetic. Here the weights are read as they are: tiles of
// CK_RT rows × CK_CT columns accumulate in registers over k (one weight row loaded per k, shared by
// the tile's rows); the loop bounds of a full tile are constants, so the compiler unrolls it into
// vector FMAs. Partial tiles (the last rows or columns) take plain loops with variable bounds. The
// float instance is written with explicit vectors instead (trainer_kernels.c, CK_VECTOR_TILE).
#ifndef CK_RT
#define CK_RT 4
#define CK_CT 48
#endif

#ifndef CK_VECTOR_TILE
static inline __attribute__((always_inline)) void CK_NAME(recurrent_tile)(
    const CK_T *restrict a, size_t lda, const CK_T *restrict wt, size_t ldw, size_t depth, CK_T *restrict c,
    size_t ldc) {
  CK_T acc[CK_RT][CK_CT];
  for (size_t r = 0; r < CK_RT; r++)
    for (size_t j = 0; j < CK_CT; j++) acc[r][j] = c[r * ldc + j];
  for (size_t k = 0; k < depth; k++) {
    const CK_T *w = wt + k * ldw;
    for (size_t r = 0; r < CK_RT; r++) {
      const CK_T x = a[r * lda + k];
      for (size_t j = 0; j < CK_CT; j++) acc[r][j] += x * w[j];
    }
  }
  for (size_t r = 0; r < CK_RT; r++)
    for (size_t j = 0; j < CK_CT; j++) c[r * ldc + j] = acc[r][j];
}

static void CK_NAME(recurrent_partial)(const CK_T *restrict a, size_t lda, const CK_T *restrict wt, size_t ldw,
                                       size_t depth, CK_T *restrict c, size_t ldc, size_t rows, size_t cols) {
  for (size_t r = 0; r < rows; r++) {
    CK_T *cr = c + r * ldc;
    for (size_t k = 0; k < depth; k++) {
      const CK_T x = a[r * lda + k];
      const CK_T *w = wt + k * ldw;
      for (size_t j = 0; j < cols; j++) cr[j] += x * w[j];
    }
  }
}

CK_CLONES void CK_NAME(ck_recurrent_gemm)(const CK_T *restrict a, size_t lda, const CK_T *restrict wt, size_t cols,
                                          size_t depth, CK_T *restrict c, size_t ldc, size_t rows) {
  size_t r = 0;
  for (; r + CK_RT <= rows; r += CK_RT) {
    size_t j = 0;
    for (; j + CK_CT <= cols; j += CK_CT) {
      CK_NAME(recurrent_tile)(a + r * lda, lda, wt + j, cols, depth, c + r * ldc + j, ldc);
    }
    if (j < cols) CK_NAME(recurrent_partial)(a + r * lda, lda, wt + j, cols, depth, c + r * ldc + j, ldc, CK_RT, cols - j);
  }
  if (r < rows) CK_NAME(recurrent_partial)(a + r * lda, lda, wt, cols, depth, c + r * ldc, ldc, rows - r, cols);
}
#endif
