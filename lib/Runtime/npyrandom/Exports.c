/*===- Exports.c - libkern_npyrandom: NumPy's random distributions --------===*
 *
 * libkern_npyrandom is NumPy's libnpyrandom.a (numpy/random/lib, shipped
 * with NumPy for extensions) linked whole into a shared library: the
 * distributions of np.random.Generator, `random_standard_normal(bitgen_t *)`
 * and the others of numpy/random/distributions.h, which compiled code calls
 * with the bitgen_t of the Generator passed to it (kern/np/generator.py).
 * The JIT loads it, beside libkern_runtime, when code calls random_*.
 * This file names the library's version and adds two entries with
 * 64-bit parameters over NumPy's bounded integers (below).
 *
 *===----------------------------------------------------------------------===*/

const char kern_npyrandom_version[] = "numpy libnpyrandom";

/* Entries with only 64-bit integer parameters, for compiled code (whose
 * calls do not widen i8/i16/i1 arguments as the C ABI expects), over the
 * distributions.h functions of numpy/random/distributions.h. */
#include <stdbool.h>
#include <stdint.h>

typedef struct bitgen bitgen_t;
typedef intptr_t npy_intp;

uint64_t random_bounded_uint64(bitgen_t *, uint64_t off, uint64_t rng,
                               uint64_t mask, bool use_masked);
void random_bounded_uint64_fill(bitgen_t *, uint64_t off, uint64_t rng,
                                npy_intp cnt, bool use_masked, uint64_t *out);
void random_bounded_uint32_fill(bitgen_t *, uint32_t off, uint32_t rng,
                                npy_intp cnt, bool use_masked, uint32_t *out);
void random_bounded_uint16_fill(bitgen_t *, uint16_t off, uint16_t rng,
                                npy_intp cnt, bool use_masked, uint16_t *out);
void random_bounded_uint8_fill(bitgen_t *, uint8_t off, uint8_t rng,
                               npy_intp cnt, bool use_masked, uint8_t *out);
void random_bounded_bool_fill(bitgen_t *, unsigned char off,
                              unsigned char rng, npy_intp cnt, bool use_masked,
                              unsigned char *out);

/* Generator.integers of an integer (or bool) dtype of `bits` bits:
 * `count` numbers in [off, off + rng] into `out` by Lemire's method, as
 * NumPy's _bounded_integers does (off and rng are the bits of the
 * dtype's unsigned values). */
void random_kern_bounded_fill(bitgen_t *g, int64_t bits, uint64_t off,
                              uint64_t rng, int64_t count, void *out) {
  switch (bits) {
  case 64:
    random_bounded_uint64_fill(g, off, rng, count, false, out);
    break;
  case 32:
    random_bounded_uint32_fill(g, (uint32_t)off, (uint32_t)rng, count, false,
                               out);
    break;
  case 16:
    random_bounded_uint16_fill(g, (uint16_t)off, (uint16_t)rng, count, false,
                               out);
    break;
  case 8:
    random_bounded_uint8_fill(g, (uint8_t)off, (uint8_t)rng, count, false,
                              out);
    break;
  default: /* bool */
    random_bounded_bool_fill(g, (unsigned char)off, (unsigned char)rng,
                             count, false, out);
  }
}

/* One number in [off, off + rng] as Generator.choice and _shuffle_int
 * draw it (random_bounded_uint64(g, off, rng, 0, 0)). */
uint64_t random_kern_bounded_uint64(bitgen_t *g, uint64_t off, uint64_t rng) {
  return random_bounded_uint64(g, off, rng, 0, false);
}
