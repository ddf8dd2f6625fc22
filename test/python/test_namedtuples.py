"""collections.namedtuple and typing.NamedTuple in compiled code
(frontend/namedtuples.py): taken in and returned as their class, built by
calling the class, fields read by name, used as tuples; compared with
CPython."""

import typing
from collections import namedtuple

import numpy as np
import pytest

import kern
from kern.errors import TypingError

Point = namedtuple("Point", ["x", "y"])
Other = namedtuple("Other", "x y")
State = namedtuple("State", "pos vel")


class Particle(typing.NamedTuple):
    mass: float
    charge: int = -1


def same(f, *args):
    got, want = kern.njit(f)(*args), f(*args)
    assert type(got) is type(want) and got == want, (got, want)
    return got


def test_fields_by_name_and_position():
    def norm(p):
        return (p.x ** 2 + p[1] ** 2) ** 0.5
    assert same(norm, Point(3.0, 4.0)) == 5.0
    assert same(norm, Point(3, 4)) == 5.0


def test_built_in_compiled_code_and_returned_as_the_class():
    def make(a, b):
        return Point(a, y=b), Point(b, a)
    same(make, 1, 2.5)
    same(lambda n: Particle(n * 0.5), 3)            # a default filled in
    same(lambda n: Particle(charge=n, mass=1.0), 2)


def test_used_as_a_tuple():
    def misc(p):
        x, y = p
        t = 0
        for v in p:
            t += v
        return len(p), x, y, t, p == Point(1, 2), p[::-1], p + (5,)
    same(misc, Point(1, 2))


def test_array_fields_and_loop_carried_values():
    @kern.njit
    def step(s, dt, n):
        for _ in range(n):
            s = State(s.pos + dt * s.vel, s.vel)
        return s
    out = step(State(np.zeros(3), np.ones(3)), 0.5, 4)
    assert type(out) is State
    np.testing.assert_array_equal(out.pos, np.full(3, 2.0))
    np.testing.assert_array_equal(out.vel, np.ones(3))


def test_each_class_its_own_specialization():
    @kern.njit
    def ident(p):
        return p
    assert type(ident(Point(1, 2))) is Point
    assert type(ident(Other(1, 2))) is Other
    assert type(ident((1, 2))) is tuple
    assert len(ident.signatures) == 3


def test_passed_to_compiled_callees_and_inside_tuples():
    @kern.njit
    def weight(p):
        return p.x * 10 + p.y

    def outer(t):
        return weight(t[0]) + t[1], weight(Other(1, 2))
    assert kern.njit(outer)((Point(1.5, 2), 3)) == outer((Point(1.5, 2), 3))


def test_errors_name_the_field_and_the_call():
    @kern.njit
    def bad(p):
        return p.z
    with pytest.raises(TypingError, match="'Point' object has no attribute 'z'"):
        bad(Point(1, 2))

    @kern.njit
    def short(a):
        return Point(a)
    with pytest.raises(TypingError, match="missing a required argument: 'y'"):
        short(1)

    @kern.njit
    def plain(p):
        return p.x
    with pytest.raises(TypingError, match="unknown attribute 'x'"):
        plain((1, 2))
