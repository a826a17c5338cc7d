"""Agreement and accuracy figures shared by training, evaluation and the scripts.

Pure functions over plain lists: span overlap and one-to-one matching, precision/recall/F1,
rank correlation, mean absolute error, quadratic weighted kappa and spread ratios.
"""

from __future__ import annotations

import math
from typing import Sequence

Range = tuple[int, int]


def overlaps(a: Range, b: Range) -> bool:
    """True when two half-open character ranges share at least one character."""
    return a[0] < b[1] and b[0] < a[1]


def prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> dict[str, float]:
    """Precision, recall and F1 from matched counts."""
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "predicted": n_pred, "gold": n_gold}


def match_spans(gold: list[list[Range]], pred: list[Range]) -> list[tuple[int, int]]:
    """Greedy one-to-one matching by overlap; gold items may be fragmented. Returns (gold, pred) pairs."""
    used: set[int] = set()
    pairs = []
    for gi, frags in enumerate(gold):
        for pi, p in enumerate(pred):
            if pi not in used and any(overlaps(f, p) for f in frags):
                used.add(pi)
                pairs.append((gi, pi))
                break
    return pairs


def _ranks(values: Sequence[float]) -> list[float]:
    """Average ranks (1-based), ties sharing the mean of their positions."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2.0 + 1.0
        i = j + 1
    return ranks


def pearson(a: Sequence[float], b: Sequence[float]) -> float:
    """Pearson correlation; 0.0 when either side is constant or there are fewer than 3 pairs."""
    n = len(a)
    if n < 3 or n != len(b):
        return 0.0
    ma, mb = sum(a) / n, sum(b) / n
    sab = sum((x - ma) * (y - mb) for x, y in zip(a, b))
    saa = sum((x - ma) ** 2 for x in a)
    sbb = sum((y - mb) ** 2 for y in b)
    if saa <= 0 or sbb <= 0:
        return 0.0
    return sab / math.sqrt(saa * sbb)


def spearman(a: Sequence[float], b: Sequence[float]) -> float:
    """Spearman rank correlation (Pearson over average ranks)."""
    if len(a) < 3:
        return 0.0
    return pearson(_ranks(list(a)), _ranks(list(b)))


def mae(a: Sequence[float], b: Sequence[float]) -> float:
    """Mean absolute difference."""
    return sum(abs(x - y) for x, y in zip(a, b)) / len(a) if len(a) else 0.0


def std(a: Sequence[float]) -> float:
    """Population standard deviation."""
    if not a:
        return 0.0
    m = sum(a) / len(a)
    return math.sqrt(sum((x - m) ** 2 for x in a) / len(a))


def spread_ratio(pred: Sequence[float], gold: Sequence[float]) -> float:
    """Standard deviation of ``pred`` over that of ``gold`` (1.0 = the same spread)."""
    g = std(gold)
    return std(pred) / g if g else 0.0


def quadratic_weighted_kappa(a: Sequence[int], b: Sequence[int], categories: Sequence[int] = (1, 2, 3, 4, 5)) -> float:
    """Cohen's kappa with quadratic weights between two ratings on ordered categories."""
    k = len(categories)
    index = {c: i for i, c in enumerate(categories)}
    n = len(a)
    if n == 0:
        return 0.0
    observed = [[0.0] * k for _ in range(k)]
    for x, y in zip(a, b):
        observed[index[x]][index[y]] += 1
    row = [sum(r) for r in observed]
    col = [sum(observed[i][j] for i in range(k)) for j in range(k)]
    num = den = 0.0
    for i in range(k):
        for j in range(k):
            w = (i - j) ** 2 / (k - 1) ** 2
            num += w * observed[i][j]
            den += w * row[i] * col[j] / n
    return 1.0 - num / den if den else 1.0


def agreement(a: Sequence[float], b: Sequence[float]) -> dict[str, float]:
    """Spearman, MAE, quadratic weighted kappa on rubric levels, and the spread ratio of ``a`` to ``b``."""
    from .types import level_of

    return {
        "n": len(a),
        "spearman": round(spearman(a, b), 4),
        "mae": round(mae(a, b), 3),
        "qwk": round(quadratic_weighted_kappa([level_of(x) for x in a], [level_of(y) for y in b]), 4),
        "spread_ratio": round(spread_ratio(a, b), 3),
    }
