/*===- RandomDiscrete.c - more of NumPy's legacy distributions ------------===*
 *
 * The distributions of np.random's legacy generator (RandomState) that
 * kern/np/legacy_random.py calls, on the thread's MT19937 state of Random.c
 * (every uniform is kern_rt_random_uniform_f64, every normal
 * kern_rt_random_normal_f64, NumPy's legacy_double and legacy_gauss), in
 * NumPy's order of draws, so that after `np.random.seed(s)` compiled code
 * draws the numbers NumPy draws:
 *
 *   binomial          inversion below n * min(p, 1 - p) = 30, else BTPE
 *                     (Kachitvichyanukul and Schmeiser, with the Stirling
 *                     terms as NumPy's legacy stream has them)
 *   hypergeometric    HYP (sample <= 10), else H2PE-style HRUA (Stadlober)
 *   logseries, zipf   Kemp's method; rejection from the Pareto (Devroye)
 *   vonmises          Best and Fisher's rejection, result wrapped to
 *                     [-pi, pi]
 *   f, wald, negative_binomial, noncentral_chisquare
 *                     ratios, gamma-Poisson mixtures, ... of the legacy
 *                     gamma, normal and Poisson
 *
 * These are written here rather than taken from libkern_npyrandom
 * (NumPy's libnpyrandom.a): NumPy keeps the legacy stream frozen in
 * numpy/random/src/legacy, apart from the Generator's distributions that
 * libnpyrandom holds (whose inversion, hypergeometric, zipf, vonmises and
 * logseries, and from NumPy 2.5 its BTPE, draw other numbers), and
 * np.random must work where libnpyrandom was not found.
 *
 *===----------------------------------------------------------------------===*/

#include "Internal.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

static inline double uniform(void) { return kern_rt_random_uniform_f64(); }

static inline double chisquare(double df) {
  return 2.0 * kern_rt_random_standard_gamma(df / 2.0);
}

/*===----------------------------------------------------------------------===*
 * Binomial
 *===----------------------------------------------------------------------===*/

/* Inversion: walks the probabilities from P(0) = q**n until the uniform
 * is used up, starting over past the bound np + 10 sd. `log1pForm`: q**n
 * as exp(n log1p(-p)) (NumPy 2.4's random_binomial), else exp(n log q). */
static int64_t binomialInversion(int64_t n, double p, bool log1pForm) {
  double q = 1.0 - p;
  double qn = exp(n * (log1pForm ? log1p(-p) : log(q)));
  double np = n * p, limit = np + 10.0 * sqrt(np * q + 1);
  int64_t bound = (int64_t)((double)n < limit ? (double)n : limit);
  int64_t x = 0;
  double px = qn, u = uniform();
  while (u > px) {
    ++x;
    if (x > bound) {
      x = 0;
      px = qn;
      u = uniform();
    } else {
      u -= px;
      px = ((n - x + 1) * p * px) / (x * q);
    }
  }
  return x;
}

/* A term of the Stirling series of log(k!) at k (squared: k2), as the
 * legacy BTPE has it. */
static inline double stirlingTerm(double k, double k2) {
  return (13680. - (462. - (132. - (99. - 140. / k2) / k2) / k2) / k2) / k /
         166320.;
}

/* BTPE for p <= 0.5: a triangle, two parallelograms and two exponential
 * tails over the mode, accepted by a recursive ratio near the mode, by a
 * squeeze, else by Stirling's approximation of the ratio of factorials. */
static int64_t binomialBtpe(int64_t n, double p) {
  double r = p < 1.0 - p ? p : 1.0 - p, q = 1.0 - r;
  double fm = n * r + r;
  int64_t m = (int64_t)floor(fm);
  double p1 = floor(2.195 * sqrt(n * r * q) - 4.6 * q) + 0.5;
  double xm = m + 0.5, xl = xm - p1, xr = xm + p1;
  double c = 0.134 + 20.5 / (15.3 + m);
  double a = (fm - xl) / (fm - xl * r);
  double laml = a * (1.0 + a / 2.0);
  a = (xr - fm) / (xr * q);
  double lamr = a * (1.0 + a / 2.0);
  double p2 = p1 * (1.0 + 2.0 * c), p3 = p2 + c / laml, p4 = p3 + c / lamr;
  double nrq = n * r * q;
  int64_t y;
  for (;;) {
    double u = uniform() * p4, v = uniform();
    if (u <= p1) { /* the triangle: accepted at once */
      y = (int64_t)floor(xm - p1 * v + u);
      break;
    }
    if (u <= p2) { /* the parallelograms */
      double x = xl + (u - p1) / c;
      v = v * c + 1.0 - fabs(m - x + 0.5) / p1;
      if (v > 1.0)
        continue;
      y = (int64_t)floor(x);
    } else if (u <= p3) { /* the left tail (v == 0: the cast is undefined) */
      y = (int64_t)floor(xl + log(v) / laml);
      if (y < 0 || v == 0.0)
        continue;
      v = v * (u - p2) * laml;
    } else { /* the right tail */
      y = (int64_t)floor(xr - log(v) / lamr);
      if (y > n || v == 0.0)
        continue;
      v = v * (u - p3) * lamr;
    }
    int64_t k = llabs(y - m);
    if (!(k > 20 && k < nrq / 2.0 - 1)) { /* f(y) / f(m) by recursion */
      double s = r / q, as = s * (n + 1), f = 1.0;
      if (m < y) {
        for (int64_t i = m + 1; i <= y; ++i)
          f *= (as / i - s);
      } else if (m > y) {
        for (int64_t i = y + 1; i <= m; ++i)
          f /= (as / i - s);
      }
      if (v > f)
        continue;
      break;
    }
    double rho =
        (k / nrq) * ((k * (k / 3.0 + 0.625) + 0.16666666666666666) / nrq + 0.5);
    double t = (double)(-k * k) / (2 * nrq);
    double lv = log(v); /* log(0.0) is fine: rejected or accepted below */
    if (lv < t - rho)
      break;
    if (lv > t + rho)
      continue;
    double x1 = (double)y + 1, f1 = (double)m + 1;
    double z = (double)n + 1 - (double)m, w = (double)n - (double)y + 1;
    double bound = xm * log(f1 / x1) + (n - m + 0.5) * log(z / w) +
                   (y - m) * log(w * r / (x1 * q)) + stirlingTerm(f1, f1 * f1) +
                   stirlingTerm(z, z * z) + stirlingTerm(x1, x1 * x1) +
                   stirlingTerm(w, w * w);
    if (lv > bound)
      continue;
    break;
  }
  return p > 0.5 ? n - y : y;
}

/* NumPy's legacy_random_binomial (variant 0). Variant bits: 1, no draw
 * when n or p is 0, and 2, the log1p form of the inversion: NumPy's
 * random_binomial, which the legacy multinomial uses (NumPy < 2.5: 1 | 2
 * from NumPy 2.4, 1 before). */
int64_t kern_rt_random_binomial(double p, int64_t n, int64_t variant) {
  if ((variant & 1) && (n == 0 || p == 0.0))
    return 0;
  bool log1pForm = (variant & 2) != 0;
  if (p <= 0.5)
    return p * n <= 30.0 ? binomialInversion(n, p, log1pForm)
                         : binomialBtpe(n, p);
  double q = 1.0 - p;
  return n - (q * n <= 30.0 ? binomialInversion(n, q, log1pForm)
                            : binomialBtpe(n, q));
}

/*===----------------------------------------------------------------------===*
 * Hypergeometric
 *===----------------------------------------------------------------------===*/

/* HYP: the draws of the sample one by one, while items of the rarer kind
 * are left (y of them). */
static int64_t hypergeometricHyp(int64_t good, int64_t bad, int64_t sample) {
  int64_t d1 = bad + good - sample;
  double d2 = (double)(bad < good ? bad : good), y = d2;
  for (int64_t k = sample; y > 0.0;) {
    double u = uniform();
    y -= (int64_t)floor(u + y / (d1 + k));
    if (--k == 0)
      break;
  }
  int64_t z = (int64_t)(d2 - y);
  return good > bad ? sample - z : z;
}

/* HRUA: the ratio of uniforms around the mode, with log-factorials of
 * NumPy's random_loggam. */
static int64_t hypergeometricHrua(int64_t good, int64_t bad, int64_t sample) {
  const double d1 = 1.7155277699214135; /* 2 sqrt(2 / e) */
  const double d2 = 0.8989161620588988; /* 3 - 2 sqrt(3 / e) */
  int64_t minGB = good < bad ? good : bad, maxGB = good < bad ? bad : good;
  int64_t popsize = good + bad;
  int64_t m = sample < popsize - sample ? sample : popsize - sample;
  double d4 = ((double)minGB) / popsize, d5 = 1.0 - d4;
  double d6 = m * d4 + 0.5;
  double d7 =
      sqrt((double)(popsize - m) * sample * d4 * d5 / (popsize - 1) + 0.5);
  double d8 = d1 * d7 + d2;
  int64_t d9 = (int64_t)floor((double)(m + 1) * (minGB + 1) / (popsize + 2));
  double d10 = kernRandomLogGamma(d9 + 1) + kernRandomLogGamma(minGB - d9 + 1) +
               kernRandomLogGamma(m - d9 + 1) +
               kernRandomLogGamma(maxGB - m + d9 + 1);
  double least = (m < minGB ? m : minGB) + 1.0, tail = floor(d6 + 16 * d7);
  double d11 = least < tail ? least : tail;
  int64_t z;
  for (;;) {
    double x = uniform(), y = uniform();
    double w = d6 + d8 * (y - 0.5) / x;
    if (w < 0.0 || w >= d11)
      continue;
    z = (int64_t)floor(w);
    double t =
        d10 -
        (kernRandomLogGamma(z + 1) + kernRandomLogGamma(minGB - z + 1) +
         kernRandomLogGamma(m - z + 1) + kernRandomLogGamma(maxGB - m + z + 1));
    if ((x * (4.0 - x) - 3.0) <= t)
      break;
    if (x * (x - t) >= 1)
      continue;
    if (2.0 * log(x) <= t)
      break;
  }
  if (good > bad)
    z = m - z;
  if (m < sample)
    z = good - z;
  return z;
}

/* NumPy's legacy_random_hypergeometric (parameters checked by the
 * caller). */
int64_t kern_rt_random_hypergeometric(int64_t good, int64_t bad,
                                      int64_t sample) {
  if (sample > 10)
    return hypergeometricHrua(good, bad, sample);
  return sample > 0 ? hypergeometricHyp(good, bad, sample) : 0;
}

/*===----------------------------------------------------------------------===*
 * Logarithmic series, Zipf, von Mises
 *===----------------------------------------------------------------------===*/

/* NumPy's legacy_logseries (0 <= p < 1). */
int64_t kern_rt_random_logseries(double p) {
  double r = log(1.0 - p);
  for (;;) {
    double v = uniform();
    if (v >= p)
      return 1;
    double u = uniform(), q = 1.0 - exp(r * u);
    if (v <= q * q) {
      int64_t result = (int64_t)floor(1 + log(v) / log(q));
      if (result < 1 || v == 0.0)
        continue;
      return result;
    }
    return v >= q ? 1 : 2;
  }
}

/* NumPy's legacy_random_zipf (a > 1): values past INT64_MAX rejected. */
int64_t kern_rt_random_zipf(double a) {
  double am1 = a - 1.0, b = pow(2.0, am1);
  for (;;) {
    double u = 1.0 - uniform(), v = uniform();
    double x = floor(pow(u, -1.0 / am1));
    if (x > (double)INT64_MAX || x < 1.0)
      continue;
    double t = pow(1.0 + 1.0 / x, am1);
    if (v * x * (t - 1.0) / (b - 1.0) <= t / b)
      return (int64_t)x;
  }
}

/* NumPy's legacy_vonmises (kappa >= 0 or NaN). */
double kern_rt_random_vonmises(double mu, double kappa) {
  if (isnan(kappa))
    return NAN;
  if (kappa < 1e-8)
    return M_PI * (2 * uniform() - 1);
  double s;
  if (kappa < 1e-5) { /* second order Taylor expansion around 0 */
    s = 1. / kappa + kappa;
  } else {
    double r = 1 + sqrt(1 + 4 * kappa * kappa);
    double rho = (r - sqrt(2 * r)) / (2 * kappa);
    s = (1 + rho * rho) / (2 * rho);
  }
  double w;
  for (;;) {
    double u = uniform(), z = cos(M_PI * u);
    w = (1 + s * z) / (s + z);
    double y = kappa * (s - w), v = uniform();
    if ((y * (2 - y) - v >= 0) || (log(y / v) + 1 - y >= 0))
      break;
  }
  double u = uniform(), result = acos(w);
  if (u < 0.5)
    result = -result;
  result += mu;
  bool neg = result < 0;
  double mod = fmod(fabs(result) + M_PI, 2 * M_PI) - M_PI;
  return neg ? -mod : mod;
}

/*===----------------------------------------------------------------------===*
 * Built on the legacy gamma, normal and Poisson
 *===----------------------------------------------------------------------===*/

/* NumPy's legacy_f: the numerator's chi-square drawn first. */
double kern_rt_random_f(double dfnum, double dfden) {
  double num = chisquare(dfnum) * dfden;
  return num / (chisquare(dfden) * dfnum);
}

/* NumPy's legacy_wald (mean, scale > 0). */
double kern_rt_random_wald(double mean, double scale) {
  double mu2l = mean / (2 * scale), y = kern_rt_random_normal_f64();
  y = mean * y * y;
  double x = mean + mu2l * (y - sqrt(4 * scale * y + y * y));
  double u = uniform();
  return u <= mean / (mean + x) ? x : mean * mean / x;
}

/* NumPy's legacy_negative_binomial: Poisson of a gamma. */
int64_t kern_rt_random_negative_binomial(double n, double p) {
  double y = (1 - p) / p * kern_rt_random_standard_gamma(n);
  return kern_rt_random_poisson(y);
}

/* NumPy's legacy_noncentral_chisquare (df > 0, nonc >= 0 or NaN). */
double kern_rt_random_noncentral_chisquare(double df, double nonc) {
  if (nonc == 0)
    return chisquare(df);
  if (1 < df) {
    double chi2 = chisquare(df - 1);
    double n = kern_rt_random_normal_f64() + sqrt(nonc);
    return chi2 + n * n;
  }
  int64_t i = kern_rt_random_poisson(nonc / 2.0); /* NaN: 0, one draw */
  double out = chisquare(df + 2 * i);
  return isnan(nonc) ? NAN : out; /* after the draws, as NumPy */
}
