"""A condition written as code (`trust >= 40`), said as the keys a condition is made of.

Authors who have met a spreadsheet or a programming language write comparisons:
`when = "trust >= 40"` (a text, which loads and fails validation) or
`when = { trust >= 40 }` (not TOML at all, which tomli stops at the `>`). Both
places say the same fix, so the translation lives here.
"""

from __future__ import annotations

import re

_COMPARISON = re.compile(
    r"^\s*(?:(min|max)_)?(trust|empowerment)\s*(>=|=>|>|<=|=<|<|==|=)\s*(\d{1,3})\s*$"
)


def as_condition(text: str) -> str:
    """`trust >= 40 and empowerment < 30` as keys (min_trust = 40, max_empowerment = 29),
    or "" if any part is not a comparison of a meter with a number."""
    keys = []
    for part in re.split(r"\s*(?:\band\b|&&|,)\s*", text.strip(), flags=re.IGNORECASE):
        found = _COMPARISON.match(part)
        if found is None:
            return ""
        prefix, meter, op, number = found.groups()
        n = int(number)
        if prefix:  # `min_trust >= 40`, `min_trust = 40`: the key was right
            keys.append(f"{prefix}_{meter} = {n}")
        elif op in (">=", "=>", ">"):
            keys.append(f"min_{meter} = {min(n + (op == '>'), 100)}")
        elif op in ("<=", "=<", "<"):
            keys.append(f"max_{meter} = {max(n - (op == '<'), 0)}")
        else:  # `trust = 40`
            keys.append(f"min_{meter} = {n}, max_{meter} = {n}")
    return ", ".join(keys)
