/*===- Exports.c - libkern_npyrandom: NumPy's random distributions --------===*
 *
 * libkern_npyrandom is NumPy's libnpyrandom.a (numpy/random/lib, shipped
 * with NumPy for extensions) linked whole into a shared library: the
 * distributions of np.random.Generator, `random_standard_normal(bitgen_t *)`
 * and the others of numpy/random/distributions.h, which compiled code calls
 * with the bitgen_t of the Generator passed to it (kern/np/generator.py).
 * The JIT loads it, beside libkern_runtime, when code calls random_*.
 * This file only names the library's version.
 *
 *===----------------------------------------------------------------------===*/

const char kern_npyrandom_version[] = "numpy libnpyrandom";
