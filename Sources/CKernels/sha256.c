// SHA-256 per FIPS 180-4, written from the standard's description.
#include "ckernels.h"
#include <string.h>

static const uint32_t K[64] = {
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

#define ROTR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void compress(uint32_t s[8], const uint8_t block[64]) {
  uint32_t w[64];
  for (int i = 0; i < 16; i++)
    w[i] = ((uint32_t)block[4 * i] << 24) | ((uint32_t)block[4 * i + 1] << 16) |
           ((uint32_t)block[4 * i + 2] << 8) | (uint32_t)block[4 * i + 3];
  for (int i = 16; i < 64; i++) {
    uint32_t s0 = ROTR(w[i - 15], 7) ^ ROTR(w[i - 15], 18) ^ (w[i - 15] >> 3);
    uint32_t s1 = ROTR(w[i - 2], 17) ^ ROTR(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  uint32_t a = s[0], b = s[1], c = s[2], d = s[3], e = s[4], f = s[5], g = s[6], h = s[7];
  for (int i = 0; i < 64; i++) {
    uint32_t t1 = h + (ROTR(e, 6) ^ ROTR(e, 11) ^ ROTR(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
    uint32_t t2 = (ROTR(a, 2) ^ ROTR(a, 13) ^ ROTR(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
    h = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
  }
  s[0] += a; s[1] += b; s[2] += c; s[3] += d; s[4] += e; s[5] += f; s[6] += g; s[7] += h;
}

static void compress_portable(uint32_t s[8], const uint8_t *blocks, size_t count) {
  for (size_t i = 0; i < count; i++) compress(s, blocks + 64 * i);
}

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
// x86 SHA extensions (SHA-NI): about 7x the portable code on audio files, which are hashed whole
// as their cache key. The state lives in two registers as (A,B,E,F) and (C,D,G,H), highest lane
// first, the layout sha256rnds2 works on; each call of it runs two rounds.
#include <cpuid.h>
#include <immintrin.h>

#define SHA_TARGET __attribute__((target("sha,ssse3,sse4.1")))

SHA_TARGET static void compress_shani(uint32_t s[8], const uint8_t *blocks, size_t count) {
  const __m128i byteswap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
  __m128i abcd = _mm_loadu_si128((const __m128i *)&s[0]);
  __m128i efgh = _mm_loadu_si128((const __m128i *)&s[4]);
  abcd = _mm_shuffle_epi32(abcd, 0xB1);  // b a d c
  efgh = _mm_shuffle_epi32(efgh, 0x1B);  // h g f e
  __m128i abef = _mm_alignr_epi8(abcd, efgh, 8);
  __m128i cdgh = _mm_blend_epi16(efgh, abcd, 0xF0);
  for (size_t b = 0; b < count; b++) {
    const uint8_t *block = blocks + 64 * b;
    const __m128i savedABEF = abef, savedCDGH = cdgh;
    __m128i w[4];  // the last four groups of four schedule words, w[j % 4] = W[4j..4j+3]
    for (int j = 0; j < 16; j++) {
      __m128i words;
      if (j < 4) {
        words = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(block + 16 * j)), byteswap);
      } else {
        // W[t] = s1(W[t-2]) + W[t-7] + s0(W[t-15]) + W[t-16], four words at a time.
        __m128i partial = _mm_sha256msg1_epu32(w[j & 3], w[(j + 1) & 3]);
        partial = _mm_add_epi32(partial, _mm_alignr_epi8(w[(j + 3) & 3], w[(j + 2) & 3], 4));
        words = _mm_sha256msg2_epu32(partial, w[(j + 3) & 3]);
      }
      w[j & 3] = words;
      __m128i wk = _mm_add_epi32(words, _mm_loadu_si128((const __m128i *)&K[4 * j]));
      // Two rounds make the old (A,B,E,F) the new (C,D,G,H), so the registers swap roles twice.
      cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk);
      wk = _mm_shuffle_epi32(wk, 0x0E);
      abef = _mm_sha256rnds2_epu32(abef, cdgh, wk);
    }
    abef = _mm_add_epi32(abef, savedABEF);
    cdgh = _mm_add_epi32(cdgh, savedCDGH);
  }
  __m128i feba = _mm_shuffle_epi32(abef, 0x1B);  // a b e f, lowest lane first
  __m128i hgdc = _mm_shuffle_epi32(cdgh, 0xB1);  // g h c d
  _mm_storeu_si128((__m128i *)&s[0], _mm_blend_epi16(feba, hgdc, 0xF0));
  _mm_storeu_si128((__m128i *)&s[4], _mm_alignr_epi8(hgdc, feba, 8));
}

static int has_sha_extensions(void) {
  unsigned a, b, c, d;
  if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
  int ssse3 = (c >> 9) & 1, sse41 = (c >> 19) & 1;
  if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
  return ssse3 && sse41 && ((b >> 29) & 1);
}

typedef void (*compress_fn)(uint32_t *, const uint8_t *, size_t);

static void compress_blocks(uint32_t s[8], const uint8_t *blocks, size_t count) {
  // Chosen once; a race only stores the same pointer twice.
  static _Atomic(compress_fn) chosen = 0;
  compress_fn f = chosen;
  if (!f) {
    f = has_sha_extensions() ? compress_shani : compress_portable;
    chosen = f;
  }
  f(s, blocks, count);
}

int ck_sha256_accelerated(void) { return has_sha_extensions(); }
#else
static void compress_blocks(uint32_t s[8], const uint8_t *blocks, size_t count) {
  compress_portable(s, blocks, count);
}

int ck_sha256_accelerated(void) { return 0; }
#endif

static void compress_any(ck_sha256_ctx *ctx, const uint8_t *blocks, size_t count) {
  if (ctx->portable) compress_portable(ctx->state, blocks, count);
  else compress_blocks(ctx->state, blocks, count);
}

void ck_sha256_init(ck_sha256_ctx *ctx) {
  static const uint32_t H0[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  memcpy(ctx->state, H0, sizeof H0);
  ctx->length = 0;
  ctx->used = 0;
  ctx->portable = 0;
}

void ck_sha256_init_portable(ck_sha256_ctx *ctx) {
  ck_sha256_init(ctx);
  ctx->portable = 1;
}

void ck_sha256_update(ck_sha256_ctx *ctx, const void *data, size_t count) {
  const uint8_t *p = (const uint8_t *)data;
  ctx->length += count;
  if (ctx->used) {
    size_t take = 64 - ctx->used < count ? 64 - ctx->used : count;
    memcpy(ctx->buffer + ctx->used, p, take);
    ctx->used += take; p += take; count -= take;
    if (ctx->used < 64) return;
    compress_any(ctx, ctx->buffer, 1);
    ctx->used = 0;
  }
  if (count >= 64) {
    size_t blocks = count / 64;
    compress_any(ctx, p, blocks);
    p += 64 * blocks;
    count -= 64 * blocks;
  }
  if (count) { memcpy(ctx->buffer, p, count); ctx->used = count; }
}

void ck_sha256_final(ck_sha256_ctx *ctx, uint8_t digest[32]) {
  uint64_t bits = ctx->length * 8;
  uint8_t pad = 0x80;
  ck_sha256_update(ctx, &pad, 1);
  uint8_t zero = 0;
  while (ctx->used != 56) ck_sha256_update(ctx, &zero, 1);
  uint8_t len[8];
  for (int i = 0; i < 8; i++) len[i] = (uint8_t)(bits >> (56 - 8 * i));
  ck_sha256_update(ctx, len, 8);
  for (int i = 0; i < 8; i++) {
    digest[4 * i] = (uint8_t)(ctx->state[i] >> 24);
    digest[4 * i + 1] = (uint8_t)(ctx->state[i] >> 16);
    digest[4 * i + 2] = (uint8_t)(ctx->state[i] >> 8);
    digest[4 * i + 3] = (uint8_t)ctx->state[i];
  }
}
