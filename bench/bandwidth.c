/* The memory-bandwidth limit of a parallel sum, for bench/parallel.py: the
 * fastest a read of every element can go with `threads` OpenMP threads
 * (the reduction vectorized, in any order). Built by the benchmark with the
 * system's C compiler and -fopenmp. */
#include <omp.h>

double kern_bench_read_limit(const double *a, long n, int threads) {
  double s = 0.0;
#pragma omp parallel for simd num_threads(threads) reduction(+ : s) \
    schedule(static)
  for (long i = 0; i < n; ++i)
    s += a[i];
  return s;
}
