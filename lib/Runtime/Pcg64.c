/*===- Pcg64.c - np.random.default_rng in compiled code: PCG64 ------------===*
 *
 * `np.random.default_rng(seed)` called by compiled code (kern/np/rng.py)
 * makes one of these: NumPy's PCG64 bit generator seeded through NumPy's
 * SeedSequence, behind a `bitgen_t` (numpy/random/bitgen.h) that is its
 * first member. A Generator passed in from Python reaches compiled code as
 * its BitGenerator's bitgen_t *; one made here is the same kind of pointer,
 * so the Generator methods (kern/np/generator.py: NumPy's own
 * distributions, libkern_npyrandom) draw from either alike, and a seed
 * gives the numbers `np.random.default_rng(seed)` gives in Python:
 *
 *   %g = func.call @kern_rt_pcg64_new(%seed) : (i64) -> !llvm.ptr
 *   %x = func.call @random_standard_normal(%g) : (!llvm.ptr) -> f64
 *
 * The algorithms are NumPy's (numpy/random/bit_generator.pyx: SeedSequence
 * with its pool of 4 words, hashmix and mix; numpy/random/src/pcg64:
 * the 128-bit LCG with the XSL-RR output, next_uint32 handing out the two
 * halves of one 64-bit draw, next_double the top 53 bits).
 *
 * Lifetime: a Generator cannot be a result of compiled code, so one made
 * there lives as long as the lists of the call (List.c): recorded with
 * them and freed when the call's results are Python objects.
 *
 *===----------------------------------------------------------------------===*/

#include "kern-c/Runtime.h"

#include "Internal.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

typedef unsigned __int128 u128;

/* numpy/random/bitgen.h */
typedef struct {
  void *state;
  uint64_t (*next_uint64)(void *st);
  uint32_t (*next_uint32)(void *st);
  double (*next_double)(void *st);
  uint64_t (*next_raw)(void *st);
} BitGen;

typedef struct {
  BitGen bitgen; /* first: compiled code holds a pointer to it */
  u128 state, inc;
  int hasUint32;
  uint32_t uinteger;
} Pcg64;

#define MULTIPLIER                                                            \
  (((u128)2549297995355413924ULL << 64) | (u128)4865540595714422341ULL)

static inline void step(Pcg64 *g) { g->state = g->state * MULTIPLIER + g->inc; }

static uint64_t next64(void *st) {
  Pcg64 *g = st;
  step(g);
  uint64_t hi = (uint64_t)(g->state >> 64), lo = (uint64_t)g->state;
  unsigned rot = (unsigned)(g->state >> 122);
  uint64_t x = hi ^ lo;
  return (x >> rot) | (x << ((-rot) & 63));
}

static uint32_t next32(void *st) {
  Pcg64 *g = st;
  if (g->hasUint32) {
    g->hasUint32 = 0;
    return g->uinteger;
  }
  uint64_t next = next64(g);
  g->hasUint32 = 1;
  g->uinteger = (uint32_t)(next >> 32);
  return (uint32_t)(next & 0xffffffffu);
}

static double nextDouble(void *st) {
  return (double)(next64(st) >> 11) * (1.0 / 9007199254740992.0);
}

/* ---- SeedSequence (pool size 4) --------------------------------------- */

enum { POOL = 4 };
#define INIT_A 0x43b0d7e5u
#define MULT_A 0x931e8875u
#define INIT_B 0x8b51f9ddu
#define MULT_B 0x58f38dedu
#define MIX_MULT_L 0xca01f9ddu
#define MIX_MULT_R 0x4973f715u

static uint32_t hashmix(uint32_t value, uint32_t *hashConst) {
  value ^= *hashConst;
  *hashConst *= MULT_A;
  value *= *hashConst;
  value ^= value >> 16;
  return value;
}

static uint32_t mix(uint32_t x, uint32_t y) {
  uint32_t result = MIX_MULT_L * x - MIX_MULT_R * y;
  result ^= result >> 16;
  return result;
}

/* SeedSequence(entropy).generate_state(4, np.uint64) into PCG64's seed. */
static void seedFromEntropy(Pcg64 *g, const uint32_t *entropy, int64_t n) {
  uint32_t pool[POOL], hashConst = INIT_A;
  for (int i = 0; i < POOL; i++)
    pool[i] = hashmix(i < n ? entropy[i] : 0, &hashConst);
  for (int src = 0; src < POOL; src++)
    for (int dst = 0; dst < POOL; dst++)
      if (src != dst)
        pool[dst] = mix(pool[dst], hashmix(pool[src], &hashConst));
  for (int64_t src = POOL; src < n; src++)
    for (int dst = 0; dst < POOL; dst++)
      pool[dst] = mix(pool[dst], hashmix(entropy[src], &hashConst));

  uint32_t words[8];
  uint32_t constB = INIT_B;
  for (int i = 0; i < 8; i++) {
    uint32_t v = pool[i % POOL];
    v ^= constB;
    constB *= MULT_B;
    v *= constB;
    v ^= v >> 16;
    words[i] = v;
  }
  uint64_t s[4]; /* little-endian pairs of words */
  for (int i = 0; i < 4; i++)
    s[i] = (uint64_t)words[2 * i] | ((uint64_t)words[2 * i + 1] << 32);

  /* pcg64_set_seed: seed = s[0]:s[1], inc = s[2]:s[3]; srandom_r */
  u128 initstate = ((u128)s[0] << 64) | s[1];
  u128 initseq = ((u128)s[2] << 64) | s[3];
  g->state = 0;
  g->inc = (initseq << 1) | 1;
  step(g);
  g->state += initstate;
  step(g);
  g->hasUint32 = 0;
  g->uinteger = 0;
}

static void releaseNothing(void *container) { (void)container; }

static Pcg64 *make(const uint32_t *entropy, int64_t n) {
  Pcg64 *g = kernRuntimeNewContainer(sizeof *g, releaseNothing);
  if (!g)
    return NULL;
  g->bitgen.state = g;
  g->bitgen.next_uint64 = next64;
  g->bitgen.next_uint32 = next32;
  g->bitgen.next_double = nextDouble;
  g->bitgen.next_raw = next64;
  seedFromEntropy(g, entropy, n);
  return g;
}

/* A non-negative integer as SeedSequence takes it: its 32-bit words,
 * lowest first (0 is one word). */
static int64_t words(uint64_t x, uint32_t *out) {
  out[0] = (uint32_t)x;
  if (x >> 32) {
    out[1] = (uint32_t)(x >> 32);
    return 2;
  }
  return 1;
}

void *kern_rt_pcg64_new(uint64_t seed) {
  uint32_t entropy[2];
  return make(entropy, words(seed, entropy));
}

/* default_rng(sequence of non-negative integers): each one's words. */
void *kern_rt_pcg64_new_seq(int64_t n, const uint64_t *seeds) {
  uint32_t small[16];
  uint32_t *entropy = n <= 8 ? small : malloc((size_t)n * 2 * sizeof *entropy);
  if (!entropy) {
    kern_rt_raise(KernErrorMemory, "cannot seed a Generator", 0, NULL);
    return NULL;
  }
  int64_t count = 0;
  for (int64_t i = 0; i < n; i++)
    count += words(seeds[i], entropy + count);
  Pcg64 *g = make(entropy, count);
  if (entropy != small)
    free(entropy);
  return g;
}

/* default_rng() / default_rng(None): 128 bits from the operating system,
 * as SeedSequence() takes them (secrets.randbits(128)). */
void *kern_rt_pcg64_new_entropy(void) {
  uint32_t entropy[POOL];
  size_t got = 0;
  while (got < sizeof entropy) {
    ssize_t r = getrandom((char *)entropy + got, sizeof entropy - got, 0);
    if (r <= 0) {
      kern_rt_raise(KernErrorRuntime, "cannot read entropy for a Generator",
                    0, NULL);
      return NULL;
    }
    got += (size_t)r;
  }
  int64_t n = POOL;
  while (n > 1 && entropy[n - 1] == 0) /* an int's words */
    n--;
  return make(entropy, n);
}
