"""Sets of (trust, empowerment) pairs as one Python int: a 101 x 101 bit grid.

The checker has to know every pair of meter values a scene can be reached
with. Enumerating them one state at a time grows with the number of paths;
holding them as a bitset makes a whole set one value, and the operations the
rules need are a handful of big-int operations each, done in C:

- a condition (`min_trust = 40`, ...) is an AND with a rectangle mask;
- a meter change is a shift, with the values pushed past 0 or 100 folded onto
  the edge, exactly as the engine clamps;
- merging two ways of reaching a scene is an OR.

Bit `t * 101 + e` is set when (trust t, empowerment e) is possible.
"""

from __future__ import annotations

from functools import lru_cache

W = 101  # values 0..100
TOP = W - 1
ROW = (1 << W) - 1  # one trust value, every empowerment
FULL = (1 << (W * W)) - 1
# One bit in every row at column 0: multiply a row pattern by it to repeat it.
_REPEAT = sum(1 << (t * W) for t in range(W))


def point(trust: int, empowerment: int) -> int:
    return 1 << (trust * W + empowerment)


@lru_cache(maxsize=512)
def rows(lo: int, hi: int) -> int:
    """Every cell with lo <= trust <= hi."""
    if lo > hi:
        return 0
    return ((1 << ((hi - lo + 1) * W)) - 1) << (lo * W)


@lru_cache(maxsize=512)
def cols(lo: int, hi: int) -> int:
    """Every cell with lo <= empowerment <= hi."""
    if lo > hi:
        return 0
    return (((1 << (hi - lo + 1)) - 1) << lo) * _REPEAT


@lru_cache(maxsize=1024)
def rect(min_t: int | None, max_t: int | None, min_e: int | None, max_e: int | None) -> int:
    lo_t, hi_t = min_t or 0, TOP if max_t is None else max_t
    lo_e, hi_e = min_e or 0, TOP if max_e is None else max_e
    return rows(lo_t, hi_t) & cols(lo_e, hi_e)


def fold_rows(x: int, n: int) -> int:
    """OR rows 0..n-1 of x (which has no bits above row n-1) together into row 0."""
    while n > 1:
        half = (n + 1) >> 1
        x |= x >> (half * W)  # rows past `half` keep stray bits, never read again
        n = half
    return x & ROW


@lru_cache(maxsize=256)
def _trust_masks(d: int) -> tuple[int, int, int]:
    """For a trust change d: the rows that just move, the rows that clamp, the shift."""
    if d > 0:
        return rows(0, TOP - d), rows(W - d, TOP), d * W
    return rows(-d, TOP), rows(0, -d - 1), -d * W


@lru_cache(maxsize=256)
def empowerment_masks(d: int) -> tuple[int, int]:
    """For an empowerment change d: the columns that just move, the columns that clamp."""
    if d > 0:
        return cols(0, TOP - d), cols(W - d, TOP)
    return cols(-d, TOP), cols(0, -d - 1)


LAST_COL = cols(TOP, TOP)
FIRST_COL = cols(0, 0)


def shift_trust(bits: int, d: int) -> int:
    """Trust + d for every pair (d in -100..100, as the format allows)."""
    if d == 0 or not bits:
        return bits
    if d > 0:
        cut = (W - d) * W
        over = bits >> cut  # rows pushed past 100 (a small int: d rows)
        if not over:
            return bits << (d * W)
        # They all land on row 100.
        return ((bits & _trust_masks(d)[0]) << (d * W)) | (fold_rows(over, d) << (TOP * W))
    out = bits >> (-d * W)  # the rows pushed below 0 fall off ...
    under = bits & rows(0, -d - 1)  # ... and all land on row 0 (a small int: -d rows)
    if under:
        out |= fold_rows(under, -d)
    return out


def shift_empowerment(bits: int, d: int) -> int:
    """Every pair moved by `d` empowerment at once, clamped to 0..100 as the engine clamps."""
    if d == 0 or not bits:
        return bits
    move, clamp = empowerment_masks(d)
    # Clamped columns: adding the all-ones segment to each row's segment carries
    # one bit out of the row exactly when the row had any bit there; that carry
    # is the clamped value's bit. Each row's sum stays inside its own 101 bits.
    if d > 0:
        out = (bits & move) << d
        over = bits & clamp
        if over:
            out |= ((over + clamp) >> 1) & LAST_COL
        return out
    out = (bits & move) >> -d
    under = bits & clamp
    if under:
        out |= ((under + clamp) >> -d) & FIRST_COL
    return out


def shift(bits: int, dt: int, de: int) -> int:
    """Apply a choice's changes to every pair at once, clamped to 0..100."""
    return shift_empowerment(shift_trust(bits, dt), de)


def first(bits: int) -> tuple[int, int]:
    """One pair in the set (lowest trust, then lowest empowerment)."""
    i = (bits & -bits).bit_length() - 1
    return divmod(i, W)


def ranges(bits: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """((min trust, max trust), (min empowerment, max empowerment)) of the set; None if empty.

    An empty set has no range. Unchecked, the shift below went negative and a
    caller that had not guarded got a bare ValueError (code-review-4); every
    caller now says what an empty set means where it is.
    """
    if bits <= 0:  # empty (or a search's FINAL/PENDING marker, never a set)
        return None
    lo_t = ((bits & -bits).bit_length() - 1) // W
    hi_t = (bits.bit_length() - 1) // W
    row = fold_rows(bits >> (lo_t * W), hi_t - lo_t + 1)
    return (lo_t, hi_t), ((row & -row).bit_length() - 1, row.bit_length() - 1)


def pairs(bits: int) -> set[tuple[int, int]]:
    """Every pair, for tests and small sets."""
    out = set()
    while bits:
        low = bits & -bits
        out.add(divmod(low.bit_length() - 1, W))
        bits ^= low
    return out


def count(bits: int) -> int:
    return bits.bit_count()
