"""The `heapq` module in compiled code on lists (CPython's Lib/heapq.py
algorithms, compiled by kern): heapify, heappush, heappop, heapreplace,
heappushpop, nlargest, nsmallest.

    >>> import kern, heapq
    >>> @kern.njit
    ... def f(l):
    ...     heapq.heapify(l)
    ...     heapq.heappush(l, 0)
    ...     return heapq.heappop(l), heapq.heappop(l), heapq.nsmallest(2, l)
    >>> f([5, 3, 8, 1])
    (0, 1, [3, 5])
"""

from __future__ import annotations

import heapq

from .. import types
from ..extending import overload, register_jitable


def _list(t):
    return isinstance(t, types.List)


@register_jitable
def _siftdown(heap, startpos, pos):
    newitem = heap[pos]
    while pos > startpos:
        parentpos = (pos - 1) >> 1
        parent = heap[parentpos]
        if newitem < parent:
            heap[pos] = parent
            pos = parentpos
            continue
        break
    heap[pos] = newitem


@register_jitable
def _siftup(heap, pos):
    endpos = len(heap)
    startpos = pos
    newitem = heap[pos]
    childpos = 2 * pos + 1
    while childpos < endpos:
        rightpos = childpos + 1
        if rightpos < endpos and not heap[childpos] < heap[rightpos]:
            childpos = rightpos
        heap[pos] = heap[childpos]
        pos = childpos
        childpos = 2 * pos + 1
    heap[pos] = newitem
    _siftdown(heap, startpos, pos)


@overload(heapq.heapify)
def py_heapify(x):
    if _list(x):
        def impl(x):
            for i in range(len(x) // 2 - 1, -1, -1):
                _siftup(x, i)
        return impl


@overload(heapq.heappush)
def py_heappush(heap, item):
    if _list(heap):
        def impl(heap, item):
            heap.append(item)
            _siftdown(heap, 0, len(heap) - 1)
        return impl


@overload(heapq.heappop)
def py_heappop(heap):
    if _list(heap):
        def impl(heap):
            if len(heap) == 0:
                raise IndexError("index out of range")
            lastelt = heap.pop()
            if len(heap) > 0:
                returnitem = heap[0]
                heap[0] = lastelt
                _siftup(heap, 0)
                return returnitem
            return lastelt
        return impl


@overload(heapq.heapreplace)
def py_heapreplace(heap, item):
    if _list(heap):
        def impl(heap, item):
            if len(heap) == 0:
                raise IndexError("index out of range")
            returnitem = heap[0]
            heap[0] = item
            _siftup(heap, 0)
            return returnitem
        return impl


@overload(heapq.heappushpop)
def py_heappushpop(heap, item):
    if _list(heap):
        def impl(heap, item):
            if len(heap) > 0 and heap[0] < item:
                item, heap[0] = heap[0], item
                _siftup(heap, 0)
            return item
        return impl


def _select(largest):
    def typer(n, iterable):
        if not _list(iterable):
            return None

        def impl(n, iterable):
            s = sorted(iterable, reverse=largest)
            out = []
            for i in range(min(max(n, 0), len(s))):
                out.append(s[i])
            return out
        return impl
    return typer


overload(heapq.nlargest)(_select(True))
overload(heapq.nsmallest)(_select(False))
