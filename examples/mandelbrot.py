"""Mandelbrot set: a per-pixel function called from the image function
(the call is resolved at compile time; no Python in between)."""

import numpy as np

import kern


@kern.njit
def mandelbrot_pixel(c, max_iter):
    z = 0j
    for i in range(max_iter):
        z = z * z + c
        if z.real * z.real + z.imag * z.imag > 4.0:
            return i
    return max_iter


@kern.njit
def mandelbrot_set(width, height, max_iter):
    image = np.zeros((height, width), dtype=np.int64)
    for y in range(height):
        for x in range(width):
            c = complex(-2.0 + 3.0 * x / width, -1.5 + 3.0 * y / height)
            image[y, x] = mandelbrot_pixel(c, max_iter)
    return image


def reference(width, height, max_iter):
    xs = -2.0 + 3.0 * np.arange(width) / width
    ys = -1.5 + 3.0 * np.arange(height) / height
    c = xs[None, :] + 1j * ys[:, None]
    z = np.zeros_like(c)
    out = np.full(c.shape, max_iter)
    for i in range(max_iter):
        z = np.where(out == max_iter, z * z + c, z)
        escaped = (z.real ** 2 + z.imag ** 2 > 4.0) & (out == max_iter)
        out[escaped] = i
    return out


if __name__ == "__main__":
    image = mandelbrot_set(300, 200, 100)
    expected = reference(300, 200, 100)
    print(f"mandelbrot: {image.shape}, {int((image == 100).sum())} points "
          f"inside, mismatches vs NumPy: {int((image != expected).sum())}")
    assert (image != expected).mean() < 1e-3  # rounding at the boundary
