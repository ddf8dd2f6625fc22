"""np.histogram, np.cov, np.corrcoef and np.linspace's end point, against
NumPy."""

import numpy as np
import pytest

import kern

rng = np.random.default_rng(1)
V = rng.normal(size=1000)
A = rng.random((3, 50))
W = rng.random(50)


def histograms(v):
    return (np.histogram(v), np.histogram(v, 7), np.histogram(v, 5, (-1.0, 1.0)),
            np.histogram(v, np.array([-2.0, 0.0, 0.5, 3.0])),
            np.histogram(np.ones(4)), np.histogram(v.reshape(10, 100), 3))


def test_histogram_matches_numpy():
    for (gc, ge), (wc, we) in zip(kern.njit(histograms)(V), histograms(V)):
        np.testing.assert_array_equal(gc, wc)
        np.testing.assert_array_equal(ge, we)


def covariances(a, w):
    return (np.cov(a), np.cov(a, rowvar=False), np.cov(a[0], a[1]), np.cov(w),
            np.cov(a, bias=True), np.cov(a, ddof=2), np.corrcoef(a),
            np.corrcoef(a[0], a[1]), np.corrcoef(w))


def test_cov_and_corrcoef_match_numpy():
    for got, want in zip(kern.njit(covariances)(A, W), covariances(A, W)):
        assert np.shape(got) == np.shape(want)
        np.testing.assert_allclose(got, want, rtol=1e-12)


def spaced(a, b, n):
    return np.linspace(a, b, n)


@pytest.mark.parametrize("a, b, n", [(-3.5488, 3.7516, 8), (0.0, 1.0, 7),
                                     (0.1, 0.7, 50), (5.0, 5.0, 3), (0.0, 1.0, 1)])
def test_linspace_is_numpys_to_the_last_bit(a, b, n):
    np.testing.assert_array_equal(kern.njit(spaced)(a, b, n), np.linspace(a, b, n))


def test_histogram_errors():
    with pytest.raises(ValueError, match="must be positive"):
        kern.njit(lambda v: np.histogram(v, 0))(V)
    with pytest.raises(ValueError, match="max must be larger than min"):
        kern.njit(lambda v: np.histogram(v, 3, (1.0, 0.0)))(V)
