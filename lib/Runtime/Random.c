/*===- Random.c - per-thread random numbers for kern.random ---------------===*
 *
 * NumPy's legacy generator (RandomState): MT19937 with NumPy's seeding and
 * NumPy's algorithms, so that `np.random.seed(s)` then draws in compiled
 * code give the numbers NumPy gives after the same seed (as Numba does). One
 * state per thread, so that parallel loops draw without locks.
 *
 *   - kern_rt_seed(s) makes a new seeded run: the calling thread's state is
 *     NumPy's `mt19937_seed(s)` (s in [0, 2**32), else ValueError, as
 *     NumPy).
 *   - Any other thread, at its first draw after a seed, takes stream t: MT19937
 *     seeded by init_by_array {s, s >> 32, t, 'kern'}, where t is its OpenMP
 *     thread number inside a parallel region (deterministic for a given seed
 *     and team size) and otherwise a counter of threads.
 *   - Before any seed, the run is seeded from the clock and the process id,
 *     like NumPy's unseeded generator.
 *
 * uniform: NumPy's random_sample, 53 bits from two 32-bit draws
 * ((a >> 5) * 2**26 + (b >> 6)) / 2**53. normal: NumPy's legacy_gauss, the
 * polar method, returning f * x2 and keeping f * x1 for the next call on
 * the thread (a seed drops it).
 *
 *===----------------------------------------------------------------------===*/

#include "kern-c/Runtime.h"

#include <dlfcn.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

/*===----------------------------------------------------------------------===*
 * MT19937 (as NumPy's numpy/random/src/mt19937)
 *===----------------------------------------------------------------------===*/

enum { MtN = 624, MtM = 397 };

typedef struct Mt {
  uint32_t key[MtN];
  int pos;
} Mt;

/* NumPy's mt19937_seed: Knuth's initialization of the key from one word. */
static void mtSeed(Mt *s, uint32_t seed) {
  for (int pos = 0; pos < MtN; ++pos) {
    s->key[pos] = seed;
    seed = 1812433253u * (seed ^ (seed >> 30)) + (uint32_t)pos + 1u;
  }
  s->pos = MtN;
}

/* init_by_array of the reference implementation (and NumPy's). */
static void mtSeedArray(Mt *s, const uint32_t *key, int n) {
  uint32_t *mt = s->key;
  mtSeed(s, 19650218u);
  int i = 1, j = 0;
  for (int k = MtN > n ? MtN : n; k; --k) {
    mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1664525u)) + key[j] +
            (uint32_t)j;
    if (++i >= MtN) {
      mt[0] = mt[MtN - 1];
      i = 1;
    }
    if (++j >= n)
      j = 0;
  }
  for (int k = MtN - 1; k; --k) {
    mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1566083941u)) -
            (uint32_t)i;
    if (++i >= MtN) {
      mt[0] = mt[MtN - 1];
      i = 1;
    }
  }
  mt[0] = 0x80000000u;
  s->pos = MtN;
}

static inline uint32_t mtTwist(uint32_t a, uint32_t b, uint32_t m) {
  uint32_t y = (a & 0x80000000u) | (b & 0x7fffffffu);
  return m ^ (y >> 1) ^ (-(y & 1u) & 0x9908b0dfu);
}

static void mtRefill(Mt *s) {
  uint32_t *mt = s->key;
  int i = 0;
  for (; i < MtN - MtM; ++i)
    mt[i] = mtTwist(mt[i], mt[i + 1], mt[i + MtM]);
  for (; i < MtN - 1; ++i)
    mt[i] = mtTwist(mt[i], mt[i + 1], mt[i + MtM - MtN]);
  mt[MtN - 1] = mtTwist(mt[MtN - 1], mt[0], mt[MtM - 1]);
  s->pos = 0;
}

static inline uint32_t mtNext32(Mt *s) {
  if (__builtin_expect(s->pos == MtN, 0))
    mtRefill(s);
  uint32_t y = s->key[s->pos++];
  y ^= y >> 11;
  y ^= (y << 7) & 0x9d2c5680u;
  y ^= (y << 15) & 0xefc60000u;
  return y ^ (y >> 18);
}

/* Stream `stream` of a run seeded with `seed`: stream 0 is NumPy's. */
static void mtStream(Mt *s, uint64_t seed, uint64_t stream) {
  if (stream == 0) {
    mtSeed(s, (uint32_t)seed);
    return;
  }
  uint32_t key[4] = {(uint32_t)seed, (uint32_t)(seed >> 32), (uint32_t)stream,
                     0x6b65726eu /* 'kern' */};
  mtSeedArray(s, key, 4);
}

/*===----------------------------------------------------------------------===*
 * Seeded runs and per-thread state
 *===----------------------------------------------------------------------===*/

/* The seed of the current run and its generation (bumped by every seed; 0:
 * not seeded yet). Threads compare their generation to pick up a new run. */
static pthread_mutex_t runLock = PTHREAD_MUTEX_INITIALIZER;
static uint64_t runSeed;
static atomic_uint_fast64_t runGeneration;
static uint64_t runThreads; /* streams handed out by the counter */

/* Python's random module's generator (below): apart from NumPy's. */
typedef struct PyRandom {
  Mt g;
  bool seeded; /* else seeded from entropy at the first draw */
  bool hasGauss;
  double gauss;
} PyRandom;

typedef struct ThreadRandom {
  Mt g;
  uint64_t generation;
  bool hasGauss;
  double gauss;
  PyRandom py;
} ThreadRandom;

/* The thread's state is on the heap (5 KB, too big for the static TLS
 * that glibc keeps for dlopen'ed libraries), found through an initial-exec
 * pointer so that a draw pays no __tls_get_addr call; freed at thread exit. */
static _Thread_local ThreadRandom *threadState
    __attribute__((tls_model("initial-exec")));
static pthread_key_t stateKey;
static pthread_once_t stateKeyOnce = PTHREAD_ONCE_INIT;

static void makeStateKey(void) { pthread_key_create(&stateKey, free); }

static ThreadRandom *newThreadState(void) {
  pthread_once(&stateKeyOnce, makeStateKey);
  static ThreadRandom shared; /* if the heap has no 5 KB left: shared */
  ThreadRandom *r = calloc(1, sizeof *r);
  if (!r)
    r = &shared;
  else
    pthread_setspecific(stateKey, r);
  threadState = r;
  return r;
}

/* The OpenMP thread number inside a parallel region, or -1. */
static int ompThreadNumber(void) {
  int (*level)(void) = (int (*)(void))dlsym(RTLD_DEFAULT, "omp_get_level");
  int (*threadNum)(void) =
      (int (*)(void))dlsym(RTLD_DEFAULT, "omp_get_thread_num");
  if (!level || !threadNum || level() == 0)
    return -1;
  return threadNum();
}

static uint64_t entropySeed(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  uint64_t x = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
  return x ^ ((uint64_t)getpid() << 32) ^ (uint64_t)(uintptr_t)&x;
}

/* Starts a run seeded with `seed` (locked) and returns its generation. */
static uint64_t startRun(uint64_t seed) {
  runSeed = seed;
  runThreads = 0;
  return atomic_fetch_add(&runGeneration, 1) + 1;
}

void kern_rt_seed(int64_t seed) {
  if (seed < 0 || seed > (int64_t)UINT32_MAX) {
    int64_t args[1] = {seed};
    kern_rt_raise(KernErrorValue, "Seed must be between 0 and 2**32 - 1 "
                                  "(got %d)", 1, args);
    return;
  }
  pthread_mutex_lock(&runLock);
  uint64_t generation = startRun((uint64_t)seed);
  pthread_mutex_unlock(&runLock);
  ThreadRandom *r = threadState ? threadState : newThreadState();
  mtStream(&r->g, (uint64_t)seed, 0);
  r->generation = generation;
  r->hasGauss = false;
}

/* Joins this thread to the current run (or starts one). */
static ThreadRandom *joinRun(void) {
  ThreadRandom *r = threadState ? threadState : newThreadState();
  int number = ompThreadNumber();
  pthread_mutex_lock(&runLock);
  uint64_t generation = atomic_load(&runGeneration);
  if (generation == 0)
    generation = startRun(entropySeed());
  uint64_t seed = runSeed;
  /* Counter streams start far above any OpenMP team's thread numbers. */
  uint64_t stream =
      number >= 0 ? (uint64_t)number : UINT64_C(1024) + runThreads++;
  pthread_mutex_unlock(&runLock);
  mtStream(&r->g, seed, stream);
  r->generation = generation;
  r->hasGauss = false;
  return r;
}

/* This thread's state, joined to the current run. */
static inline ThreadRandom *threadRandom(void) {
  uint64_t generation =
      atomic_load_explicit(&runGeneration, memory_order_acquire);
  ThreadRandom *r = threadState;
  if (__builtin_expect(r && generation != 0 && r->generation == generation, 1))
    return r;
  return joinRun();
}

/*===----------------------------------------------------------------------===*
 * Draws (NumPy's legacy distributions)
 *===----------------------------------------------------------------------===*/

/* NumPy's legacy_double / random_sample. */
static inline double uniform(Mt *g) {
  int32_t a = (int32_t)(mtNext32(g) >> 5), b = (int32_t)(mtNext32(g) >> 6);
  return (a * 67108864.0 + b) / 9007199254740992.0;
}

double kern_rt_random_uniform_f64(void) { return uniform(&threadRandom()->g); }

uint32_t kern_rt_random_bits32(void) { return mtNext32(&threadRandom()->g); }

/* NumPy's legacy_gauss. */
double kern_rt_random_normal_f64(void) {
  ThreadRandom *r = threadRandom();
  if (r->hasGauss) {
    r->hasGauss = false;
    return r->gauss;
  }
  double x1, x2, r2;
  do {
    x1 = 2.0 * uniform(&r->g) - 1.0;
    x2 = 2.0 * uniform(&r->g) - 1.0;
    r2 = x1 * x1 + x2 * x2;
  } while (r2 >= 1.0 || r2 == 0.0);
  double f = sqrt(-2.0 * log(r2) / r2);
  r->gauss = f * x1;
  r->hasGauss = true;
  return f * x2;
}

/* NumPy's legacy_standard_exponential. */
static double standardExponential(Mt *g) { return -log(1.0 - uniform(g)); }

/* NumPy's legacy_standard_gamma: Marsaglia and Tsang above shape 1,
 * Johnk-style rejection below. */
static double standardGamma(ThreadRandom *r, double shape) {
  if (shape == 1.0)
    return standardExponential(&r->g);
  if (shape == 0.0)
    return 0.0;
  if (shape < 1.0) {
    for (;;) {
      double u = uniform(&r->g), v = standardExponential(&r->g);
      if (u <= 1.0 - shape) {
        double x = pow(u, 1.0 / shape);
        if (x <= v)
          return x;
      } else {
        double y = -log((1.0 - u) / shape);
        double x = pow(1.0 - shape + shape * y, 1.0 / shape);
        if (x <= v + y)
          return x;
      }
    }
  }
  double b = shape - 1.0 / 3.0, c = 1.0 / sqrt(9.0 * b);
  for (;;) {
    double x, v;
    do {
      x = kern_rt_random_normal_f64();
      v = 1.0 + c * x;
    } while (v <= 0.0);
    v = v * v * v;
    double u = uniform(&r->g);
    if (u < 1.0 - 0.0331 * (x * x) * (x * x))
      return b * v;
    if (log(u) < 0.5 * x * x + b * (1.0 - v + log(v)))
      return b * v;
  }
}

double kern_rt_random_standard_gamma(double shape) {
  return standardGamma(threadRandom(), shape);
}

/* NumPy's legacy_beta: Johnk's algorithm when both parameters are at most
 * 1, else the ratio of two gammas. */
double kern_rt_random_beta(double a, double b) {
  ThreadRandom *r = threadRandom();
  if (a <= 1.0 && b <= 1.0) {
    for (;;) {
      double u = uniform(&r->g), v = uniform(&r->g);
      double x = pow(u, 1.0 / a), y = pow(v, 1.0 / b);
      if (x + y <= 1.0) {
        if (x + y > 0)
          return x / (x + y);
        double logX = log(u) / a, logY = log(v) / b;
        double logM = logX > logY ? logX : logY;
        logX -= logM;
        logY -= logM;
        return exp(logX - log(exp(logX) + exp(logY)));
      }
    }
  }
  double ga = standardGamma(r, a), gb = standardGamma(r, b);
  return ga / (ga + gb);
}

/* log(Gamma(x)) as NumPy's random_loggam (Stirling's series from x >= 7). */
double kernRandomLogGamma(double x) {
  static const double a[10] = {
      8.333333333333333e-02, -2.777777777777778e-03, 7.936507936507937e-04,
      -5.952380952380952e-04, 8.417508417508418e-04, -1.917526917526918e-03,
      6.410256410256410e-03, -2.955065359477124e-02, 1.796443723688307e-01,
      -1.39243221690590e+00};
  if (x == 1.0 || x == 2.0)
    return 0.0;
  int64_t n = x < 7.0 ? (int64_t)(7 - x) : 0;
  double x0 = x + (double)n, x2 = (1.0 / x0) * (1.0 / x0);
  double gl0 = a[9];
  for (int k = 8; k >= 0; --k) {
    gl0 *= x2;
    gl0 += a[k];
  }
  double gl = gl0 / x0 + 0.5 * 1.8378770664093453e+00 + (x0 - 0.5) * log(x0) -
              x0;
  for (int64_t k = 1; x < 7.0 && k <= n; ++k) {
    gl -= log(x0 - 1.0);
    x0 -= 1.0;
  }
  return gl;
}

/* NumPy's random_poisson: multiplication of uniforms below lam 10, the
 * PTRS transformed rejection (Hormann) from 10. */
int64_t kern_rt_random_poisson(double lam) {
  ThreadRandom *r = threadRandom();
  if (lam == 0)
    return 0;
  if (!(lam >= 10)) { /* (NaN too: one draw, 0, as NumPy) */
    double enlam = exp(-lam), prod = 1.0;
    for (int64_t x = 0;; ++x) {
      prod *= uniform(&r->g);
      if (!(prod > enlam))
        return x;
    }
  }
  double slam = sqrt(lam), loglam = log(lam);
  double b = 0.931 + 2.53 * slam, a = -0.059 + 0.02483 * b;
  double invalpha = 1.1239 + 1.1328 / (b - 3.4), vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    double u = uniform(&r->g) - 0.5, v = uniform(&r->g);
    double us = 0.5 - fabs(u);
    int64_t k = (int64_t)floor((2 * a / us + b) * u + lam + 0.43);
    if (us >= 0.07 && v <= vr)
      return k;
    if (k < 0 || (us < 0.013 && v > us))
      continue;
    if (log(v) + log(invalpha) - log(a / (us * us) + b) <=
        -lam + (double)k * loglam - kernRandomLogGamma((double)k + 1))
      return k;
  }
}

/* NumPy's legacy_random_geometric: a search from p >= 1/3, else the
 * inversion ceil(log1p(-U) / log(1 - p)). */
int64_t kern_rt_random_geometric(double p) {
  ThreadRandom *r = threadRandom();
  if (p >= 0.333333333333333333333333) {
    double sum = p, prod = p, q = 1.0 - p, u = uniform(&r->g);
    int64_t x = 1;
    while (u > sum) {
      prod *= q;
      sum += prod;
      ++x;
    }
    return x;
  }
  return (int64_t)ceil(log1p(-uniform(&r->g)) / log(1.0 - p));
}

/*===----------------------------------------------------------------------===*
 * Python's random module (CPython's _random.Random, as Numba does)
 *
 * A generator of its own in each thread's state, apart from NumPy's: `random.seed(n)` is
 * CPython's init_by_array of |n|'s 32-bit words, random() its genrand_res53
 * (the formula of NumPy's random_sample), gauss() its Box-Muller with the
 * second value kept. The other functions of the module are written in
 * Python over these (python-frontend/kern/py/pyrandom.py). Before a seed a
 * thread's state is seeded from the clock, the process and the thread.
 *===----------------------------------------------------------------------===*/

static void pySeedWords(PyRandom *r, uint64_t n) {
  uint32_t key[2] = {(uint32_t)n, (uint32_t)(n >> 32)};
  mtSeedArray(&r->g, key, key[1] ? 2 : 1);
  r->seeded = true;
  r->hasGauss = false;
}

/* This thread's Python generator, in the thread's state (NumPy's runs and
 * seeds leave it alone). */
static PyRandom *pyRandom(void) {
  ThreadRandom *t = threadState ? threadState : newThreadState();
  if (__builtin_expect(!t->py.seeded, 0))
    pySeedWords(&t->py, entropySeed());
  return &t->py;
}

void kern_rt_pyrandom_seed(int64_t n) {
  /* |n| as CPython takes it (of INT64_MIN too) */
  uint64_t magnitude = n < 0 ? (uint64_t)0 - (uint64_t)n : (uint64_t)n;
  pySeedWords(pyRandom(), magnitude);
}

uint32_t kern_rt_pyrandom_bits32(void) { return mtNext32(&pyRandom()->g); }

double kern_rt_pyrandom_random(void) { return uniform(&pyRandom()->g); }

/* random.gauss(0, 1): CPython's Box-Muller, keeping sin(...) * g2rad. */
double kern_rt_pyrandom_gauss(void) {
  PyRandom *r = pyRandom();
  if (r->hasGauss) {
    r->hasGauss = false;
    return r->gauss;
  }
  double x2pi = uniform(&r->g) * 6.283185307179586;
  double g2rad = sqrt(-2.0 * log(1.0 - uniform(&r->g)));
  r->gauss = sin(x2pi) * g2rad;
  r->hasGauss = true;
  return cos(x2pi) * g2rad;
}
