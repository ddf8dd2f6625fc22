"""Core functions shared by test_guvectorize.py and test_cuda_guvectorize.py:
plain Python, decorated there for the CPU, parallel and CUDA targets, so the
two targets are checked on the same code."""

DOT_SIGS = ['void(float64[:], float64[:], float64[:])',
            'void(int64[:], int64[:], int64[:])']
MATMUL_SIGS = ['void(float64[:, :], float64[:, :], float64[:, :])']
SHIFT_SIGS = ['void(float64[:], float64, float64[:])',
              'void(float32[:], float32, float32[:])']
MINMAX_SIGS = ['void(float64[:], float64[:], float64[:])']


def dot(x, y, out):
    """'(n),(n)->()': the inner product of x and y."""
    s = x[0] * 0
    for i in range(x.shape[0]):
        s += x[i] * y[i]
    out[0] = s


def matmul(a, b, c):
    """'(m,n),(n,p)->(m,p)': the matrix product written as loops."""
    for i in range(a.shape[0]):
        for j in range(b.shape[1]):
            s = 0.0
            for k in range(a.shape[1]):
                s += a[i, k] * b[k, j]
            c[i, j] = s


def shift(x, d, out):
    """'(n),()->(n)': x plus the scalar d."""
    for i in range(x.shape[0]):
        out[i] = x[i] + d


def minmax(x, lo, hi):
    """'(n)->(),()': two outputs, the least and the greatest item."""
    a = x[0]
    b = x[0]
    for i in range(x.shape[0]):
        a = min(a, x[i])
        b = max(b, x[i])
    lo[0] = a
    hi[0] = b
