"""Generator functions (`yield`) consumed in compiled code (kern/frontend/
generators.py): loops, comprehensions, list/sum/min/max/any/all/sorted,
enumerate and zip of them, yields in loops and branches, `return` ending
the generator, break/continue of the consumer, generators calling jitted
functions and consuming other generators; against plain Python, and the
located errors for what kern does not run."""

import numpy as np
import pytest

import kern
from kern.errors import KernError, UnsupportedError


from generator_programs import (A, calls_jitted_j, countdown_j,
                                doubled_evens_j, early_j, evens_j, floats_j,
                                pairs_j, plain, plain_globals, several_j,
                                until_negative_j)


def _both(consumer):
    """(compiled consumer, plain Python consumer): the Python twin and the
    functions it calls see the plain Python functions under the names of
    the jitted ones."""
    return kern.njit(consumer), plain(consumer, plain_globals(globals()))


def sum_loop(n):
    s = 0
    for v in evens_j(n):
        s += v
    return s


def many_yields(x):
    out = 0
    count = 0
    for v in several_j(x):
        out = out * 3 + v
        count += 1
    return out, count


def array_values(a):
    s = 0.0
    for v in until_negative_j(a):
        s += v
    return s


def tuples(a):
    s = 0.0
    for x, y in pairs_j(a):
        s += x * y
    return s


def consumer_break(n, stop):
    s = 0
    for v in evens_j(n):
        if v > stop:
            break
        s += v
    return s


def consumer_continue(n):
    s = 0
    for v in several_j(n):
        if v % 2 == 0:
            continue
        s += v
    return s


def consumer_return(n):
    for v in evens_j(n):
        if v > 5:
            return v
    return -1


def with_calls(n):
    s = 0
    for v in calls_jitted_j(n, 5):
        s += v
    for v in calls_jitted_j(n):
        s += v
    return s


def nested_generators(n):
    s = 0
    for v in doubled_evens_j(n):
        for w in evens_j(v):
            s += w * v
    return s


def keywords(n):
    s = 0
    for v in countdown_j(n, step=2):
        s = s * 10 + v
    for v in countdown_j(step=3, n=n):
        s = s * 10 + v
    return s


def target_after(n):
    last = -1.0
    for v in floats_j(n):
        last = v
    return last


def early_return(n):
    s = 0
    k = 0
    for v in early_j(n):
        s += v * (k + 1)
        k += 1
    return s, k


def builtins_of(n):
    return (sum(evens_j(n)), min(several_j(n)), max(several_j(n)),
            any(v > 7 for v in evens_j(n)), all(evens_j(n)),
            sum(floats_j(n)))


def list_of(n):
    return list(evens_j(n))


def sorted_of(n):
    return sorted(several_j(n))


def comprehension(n):
    return [v * v for v in evens_j(n) if v != 2]


def enumerated(n):
    s = 0
    for i, v in enumerate(evens_j(n)):
        s += i * v
    for i, v in enumerate(evens_j(n), 5):
        s += i * v
    return s


def zipped(a, n):
    s = 0.0
    for x, v in zip(a, evens_j(n)):
        s += x * v
    return s


def generator_expression(a):
    return sum(x * x for x in a), max(x for x in a if x < 3.0)


def generator_expression_loop(n):
    s = 0
    for v in (i * 3 for i in range(n)):
        s += v
    return s


def guarded(n):
    for i in range(n):
        try:
            yield 10 // (i - 2)
        except ZeroDivisionError:
            yield -1


guarded_j = kern.njit(guarded)


def try_in_generator(n):
    s = 0
    for v in guarded_j(n):
        s = s * 3 + v
    return s


def inner_break_continue(n):
    s = 0
    for v in guarded_j(n):
        for w in range(3):
            if w == 1:
                break
            s += w + 1
        if v < 0:
            continue
        s += v
    return s


def inner_generator(a, k):
    def scaled_items(m):
        for i in range(m):
            yield a[i] * k       # reads the enclosing a and k
    s = 0.0
    for v in scaled_items(a.shape[0]):
        s += v
    k = 10.0
    return s + sum(scaled_items(2))




@pytest.mark.parametrize("consumer,args", [
    (sum_loop, (10,)), (sum_loop, (0,)), (many_yields, (3,)),
    (array_values, (A,)), (array_values, (np.abs(A),)), (tuples, (A,)),
    (consumer_break, (20, 7)), (consumer_break, (20, 100)),
    (consumer_continue, (3,)), (consumer_return, (20,)),
    (consumer_return, (4,)), (with_calls, (6,)), (nested_generators, (7,)),
    (keywords, (7,)), (target_after, (5,)), (early_return, (5,)),
    (early_return, (2,)), (builtins_of, (9,)), (list_of, (9,)),
    (sorted_of, (4,)), (comprehension, (10,)), (enumerated, (9,)),
    (zipped, (A, 10)), (zipped, (A, 4)), (generator_expression, (A,)),
    (generator_expression_loop, (6,)), (try_in_generator, (5,)),
    (inner_break_continue, (6,)), (inner_generator, (A, 2.0)),
])
def test_against_python(consumer, args):
    compiled, plain = _both(consumer)
    got, want = compiled(*args), plain(*args)
    assert got == want
    assert type(got) is type(want) or isinstance(got, (float, np.floating))


def test_generator_over_2d_array_rows():
    @kern.njit
    def rows(a):
        for i in range(a.shape[0]):
            yield a[i]

    @kern.njit
    def total(a):
        s = np.zeros(a.shape[1])
        for r in rows(a):
            s += r
        return s

    a = np.arange(12.0).reshape(3, 4)
    np.testing.assert_array_equal(total(a), a.sum(axis=0))


def yields_from(n):
    yield from range(n)


def sends(n):
    x = yield n
    yield x


def self_recursive(n):
    if n > 0:
        for v in self_recursive_j(n - 1):
            yield v
    yield n


yields_from_j = kern.njit(yields_from)
sends_j = kern.njit(sends)
self_recursive_j = kern.njit(self_recursive)


def test_yield_from_is_a_located_error():
    @kern.njit
    def f(n):
        s = 0
        for v in yields_from_j(n):
            s += v
        return s
    with pytest.raises(UnsupportedError, match="yield from") as e:
        f(3)
    assert "test_generators.py" in str(e.value)


def test_send_is_a_located_error():
    @kern.njit
    def f(n):
        s = 0
        for v in sends_j(n):
            s += v
        return s
    with pytest.raises(UnsupportedError, match=r"send\(\)"):
        f(3)


def test_recursive_generator_is_an_error():
    @kern.njit
    def f(n):
        s = 0
        for v in self_recursive_j(n):
            s += v
        return s
    with pytest.raises(UnsupportedError, match="recursive generator"):
        f(3)


def broken(n):
    for i in range(n):
        yield np.no_such_function(i)


broken_j = kern.njit(broken)


def test_error_in_a_generator_names_it():
    @kern.njit
    def f(n):
        s = 0
        for v in broken_j(n):
            s += v
        return s
    with pytest.raises(KernError, match=r"no_such_function.*in the "
                       r"generator 'broken' defined at .*test_generators"
                       r"\.py:\d+, run by this loop"):
        f(3)


def test_generator_returned_to_python_is_an_error():
    @kern.njit
    def f(n):
        g = evens_j(n)
        return g
    with pytest.raises(UnsupportedError, match="returning a generator "
                       "object to Python") as e:
        f(3)
    assert "test_generators.py" in str(e.value)


# ---- generator objects: variables, arguments, results ----------------------

def consume(g, scale):
    s = 0.0
    for v in g:
        s += v * scale
    return s


def make_evens(n):
    return evens_j(n + 1)


def total_of(g):
    return sum(g)


consume_j = kern.njit(consume)
make_evens_j = kern.njit(make_evens)
total_of_j = kern.njit(total_of)


def in_a_variable(n):
    g = several_j(n)
    s = 0
    for v in g:
        s = s * 2 + v
    return s


def passed_on(n, a):
    return consume_j(evens_j(n), 0.5) + consume_j(until_negative_j(a), 2.0)


def made_elsewhere(n):
    s = 0
    for v in make_evens_j(n):
        s += v
    return s + total_of_j(countdown_j(n, step=2))


def variable_builtins(n):
    g = floats_j(n)
    h = countdown_j(n)
    return sum(g), list(h)


@pytest.mark.parametrize("consumer,args", [
    (in_a_variable, (3,)), (passed_on, (9, A)), (made_elsewhere, (6,)),
    (variable_builtins, (4,)),
])
def test_generator_objects(consumer, args):
    compiled, plain = _both(consumer)
    assert compiled(*args) == plain(*args)


def test_positional_only_and_default_parameters():
    @kern.njit
    def multiples(n, /, k=2):
        for i in range(n):
            if i % k == 0:
                yield i

    @kern.njit
    def f(n):
        return max(multiples(n, k=3)), sum(multiples(n)), list(
            multiples(n, 4))
    assert f(10) == (9, 20, [0, 4, 8])
    assert list(multiples(7, k=3)) == [0, 3, 6]


def test_generator_object_used_twice_is_an_error():
    @kern.njit
    def resumed(n):
        g = evens_j(n)
        for v in g:
            if v > 2:
                break
        s = 0
        for v in g:  # Python's goes on after 4: kern's would start again
            s += v
        return s

    @kern.njit
    def in_a_loop(n):
        g = evens_j(n)
        s = 0
        for _ in range(3):
            s += sum(g)  # Python's is exhausted after the first
        return s

    @kern.njit
    def made_in_the_loop(n):
        s = 0
        for i in range(3):
            g = evens_j(n + i)
            s += sum(g)
        return s

    with pytest.raises(UnsupportedError, match="'g' more than once"):
        resumed(9)
    with pytest.raises(UnsupportedError, match="'g' in a loop it was not "
                       "made in"):
        in_a_loop(9)
    assert made_in_the_loop(5) == 6 + 6 + 12


def test_for_else_over_a_generator():
    def f(n, stop):
        s = 0
        for v in evens_j(n):
            if v == stop:
                break
            s += v
        else:
            return -s
        return s
    for stop in (4, 99):
        assert kern.njit(f)(9, stop) == f(9, stop)


def test_yield_in_prange_is_an_error():
    @kern.njit(parallel=True)
    def spread(n):
        for i in kern.prange(n):
            yield i

    @kern.njit
    def f(n):
        return sum(spread(n))
    with pytest.raises(UnsupportedError, match="yield inside a prange"):
        f(3)


def naturals(start):
    k = start
    while True:
        yield k
        k += 1


naturals_j = kern.njit(naturals)


def short_circuits(m):
    return (any(k * k > m for k in naturals_j(0)),
            all(k < m for k in naturals_j(1)),
            any(naturals_j(0)), sum(evens_j(m), 100),
            any(i * j == m for i in range(1, m + 1) for j in range(m) if j),
            all(x > 0.0 for x in [1.0, 2.0]))


def comprehension_in_generator(a):
    s = 0.0
    for v in sums_j(a):
        s = s * 0.5 + v
    return s


def sums(a):
    for i in range(a.shape[0]):
        yield sum([np.sin(x) for x in a[:i + 1]]) + sum(
            np.cos(x) for x in a[:i])


sums_j = kern.njit(sums)


@pytest.mark.parametrize("consumer,args", [
    (short_circuits, (12,)), (short_circuits, (7,)),
    (comprehension_in_generator, (A,)),
])
def test_reductions_and_comprehensions(consumer, args):
    compiled, plain = _both(consumer)
    got, want = compiled(*args), plain(*args)
    assert got == pytest.approx(want, rel=1e-12)


def test_generator_in_a_prange_body():
    @kern.njit
    def steps(n):
        i = 0
        while i < n:
            yield i
            i += 2

    @kern.njit(parallel=True)
    def f(a):
        out = np.zeros(a.shape[0])
        for k in kern.prange(a.shape[0]):
            s = 0.0
            for v in steps(k):
                s += v * a[k]
            out[k] = s
        return out
    a = np.arange(7.0)
    np.testing.assert_array_equal(
        f(a), [sum(range(0, k, 2)) * a[k] for k in range(7)])
