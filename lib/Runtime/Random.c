/*===- Random.c - per-thread random numbers for kern.random ---------------===*
 *
 * xoshiro256** (Blackman and Vigna) with one state per thread, so that
 * parallel loops draw without locks.
 *
 *   - kern_rt_seed(s) makes a new seeded run: the state of stream 0 is
 *     splitmix64 of `s`, and the calling thread takes stream 0.
 *   - Any other thread, at its first draw after a seed, takes stream t:
 *     stream 0 advanced by t jumps of 2^128 draws, where t is its OpenMP
 *     thread number inside a parallel region (deterministic for a given seed
 *     and team size) and otherwise a counter of threads.
 *   - Before any seed, the run is seeded from the clock and the process id,
 *     like NumPy's unseeded generator.
 *
 * uniform: the top 53 bits of a draw scaled to [0, 1). normal: the polar
 * Box-Muller method, which makes two values per accepted pair; the second is
 * kept for the next call on the thread.
 *
 *===----------------------------------------------------------------------===*/

#include "kern-c/Runtime.h"

#include <dlfcn.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <time.h>
#include <unistd.h>

/*===----------------------------------------------------------------------===*
 * xoshiro256** and splitmix64
 *===----------------------------------------------------------------------===*/

typedef struct Xoshiro {
  uint64_t s[4];
} Xoshiro;

static inline uint64_t rotl(uint64_t x, int k) {
  return (x << k) | (x >> (64 - k));
}

static uint64_t xoshiroNext(Xoshiro *g) {
  uint64_t *s = g->s;
  uint64_t result = rotl(s[1] * 5, 7) * 9;
  uint64_t t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl(s[3], 45);
  return result;
}

/* Advances `g` by 2^128 draws: streams far enough apart for any run. */
static void xoshiroJump(Xoshiro *g) {
  static const uint64_t jump[4] = {0x180ec6d33cfd0aba, 0xd5a61266f0c9392c,
                                   0xa9582618e03fc9aa, 0x39abdc4529b1661c};
  uint64_t acc[4] = {0, 0, 0, 0};
  for (int i = 0; i < 4; ++i)
    for (int b = 0; b < 64; ++b) {
      if (jump[i] & (UINT64_C(1) << b))
        for (int k = 0; k < 4; ++k)
          acc[k] ^= g->s[k];
      xoshiroNext(g);
    }
  for (int k = 0; k < 4; ++k)
    g->s[k] = acc[k];
}

static uint64_t splitmix64(uint64_t *x) {
  uint64_t z = (*x += 0x9e3779b97f4a7c15);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
  z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
  return z ^ (z >> 31);
}

static Xoshiro streamOf(uint64_t seed, uint64_t stream) {
  Xoshiro g;
  for (int k = 0; k < 4; ++k)
    g.s[k] = splitmix64(&seed);
  for (uint64_t t = 0; t < stream; ++t)
    xoshiroJump(&g);
  return g;
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

typedef struct ThreadRandom {
  Xoshiro g;
  uint64_t generation;
  bool hasSpare;
  double spare;
} ThreadRandom;

/* Initial-exec: a draw must not pay a __tls_get_addr call. The state is
 * small enough for the static TLS that glibc keeps for dlopen'ed
 * libraries. */
static _Thread_local ThreadRandom threadRandom
    __attribute__((tls_model("initial-exec")));

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
  pthread_mutex_lock(&runLock);
  uint64_t generation = startRun((uint64_t)seed);
  pthread_mutex_unlock(&runLock);
  threadRandom.g = streamOf((uint64_t)seed, 0);
  threadRandom.generation = generation;
  threadRandom.hasSpare = false;
}

/* Joins this thread to the current run (or starts one). */
static Xoshiro *joinRun(void) {
  ThreadRandom *r = &threadRandom;
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
  r->g = streamOf(seed, stream);
  r->generation = generation;
  r->hasSpare = false;
  return &r->g;
}

/* This thread's generator, joined to the current run. */
static inline Xoshiro *threadGenerator(void) {
  uint64_t generation =
      atomic_load_explicit(&runGeneration, memory_order_acquire);
  if (__builtin_expect(generation != 0 &&
                           threadRandom.generation == generation, 1))
    return &threadRandom.g;
  return joinRun();
}

/*===----------------------------------------------------------------------===*
 * Draws
 *===----------------------------------------------------------------------===*/

static double uniform(Xoshiro *g) {
  return (double)(xoshiroNext(g) >> 11) * 0x1.0p-53;
}

double kern_rt_random_uniform_f64(void) { return uniform(threadGenerator()); }

double kern_rt_random_normal_f64(void) {
  Xoshiro *g = threadGenerator();
  ThreadRandom *r = &threadRandom;
  if (r->hasSpare) {
    r->hasSpare = false;
    return r->spare;
  }
  double u, v, s;
  do {
    u = 2.0 * uniform(g) - 1.0;
    v = 2.0 * uniform(g) - 1.0;
    s = u * u + v * v;
  } while (s >= 1.0 || s == 0.0);
  double m = sqrt(-2.0 * log(s) / s);
  r->spare = v * m;
  r->hasSpare = true;
  return u * m;
}
