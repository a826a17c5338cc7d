"""Accuracy measurement: PolNeAR-format attribution data and the project's annotated corpus.

PolNeAR scoring follows the data set's README: cues are matched one to one by character
overlap. The scorer reads only the article body (headlines, captions, bylines and other residue
are set aside by design), so besides the figure over all gold cues, a body figure leaves out the
gold cues that lie in the residue the scorer set aside (their number is reported); a matched gold source is found when the predicted source overlaps it; a gold sentence is
attributed when any cue, source or content span overlaps it (sentences from this package's
segmenter over the whole text). A sentence is predicted attributed when the extractor credits it
to someone: a predicted cue, source or content span overlaps it, or it is a direct quotation
(it opens with a quotation mark or holds a long quoted run) that the scorer does not count as
an unattributed claim. The figure from spans alone is reported beside it.
"""

from __future__ import annotations

import collections
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .errors import ScorerError
from .evidence import extract
from .metrics import Range, match_spans, overlaps, prf, spearman
from .paths import default_shared_dir
from .segment import Segmented, segment


def sentence_flags(seg: Segmented, spans: Iterable[Range]) -> list[bool]:
    spans = sorted(spans)
    flags = []
    for s in seg.sentences:
        flags.append(any(overlaps((s.start, s.end), sp) for sp in spans))
    return flags


@dataclass
class PolnearResult:
    """Totals of a PolNeAR evaluation."""

    articles: int = 0
    cue_tp_pred: int = 0
    cue_pred: int = 0
    cue_tp_gold: int = 0
    cue_gold: int = 0
    cue_gold_in_residue: int = 0  # gold cues inside text the scorer sets aside as residue (headlines, captions...)
    cue_tp_in_residue: int = 0
    source_pairs: int = 0
    source_found: int = 0
    source_exact: int = 0
    sent_tp: int = 0
    sent_pred: int = 0
    sent_gold: int = 0
    span_sent_tp: int = 0
    span_sent_pred: int = 0
    type_pairs: list = field(default_factory=list)  # (gold label, predicted type) on labelled sources
    type_unmatched: int = 0
    missed_by_cue: collections.Counter = field(default_factory=collections.Counter)
    false_by_cue: collections.Counter = field(default_factory=collections.Counter)
    gold_by_cue: collections.Counter = field(default_factory=collections.Counter)

    def summary(self) -> dict[str, Any]:
        cue = prf(self.cue_tp_pred, self.cue_pred, self.cue_tp_gold, self.cue_gold)
        body_gold = self.cue_gold - self.cue_gold_in_residue
        cue_body = prf(self.cue_tp_pred, self.cue_pred, self.cue_tp_gold - self.cue_tp_in_residue, body_gold)
        sent = prf(self.sent_tp, self.sent_pred, self.sent_tp, self.sent_gold)
        span_sent = prf(self.span_sent_tp, self.span_sent_pred, self.span_sent_tp, self.sent_gold)
        return {
            "articles": self.articles,
            "cue": cue,
            "cue_body": cue_body,
            "cue_gold_in_residue": self.cue_gold_in_residue,
            "source_found_rate": round(self.source_found / self.source_pairs, 4) if self.source_pairs else 0.0,
            "source_exact_rate": round(self.source_exact / self.source_pairs, 4) if self.source_pairs else 0.0,
            "sentence": sent,
            "sentence_from_spans": span_sent,
            **({"source_types": self.type_summary()} if self.type_pairs or self.type_unmatched else {}),
        }

    def type_summary(self) -> dict[str, Any]:
        """5-way source-type accuracy and unnamed-source (anonymous + vague) P/R/F1 on labelled sources."""
        five = [(g, p) for g, p in self.type_pairs if g != "unresolved"]
        acc = sum(g == p for g, p in five) / len(five) if five else 0.0
        unnamed = {"anonymous", "vague"}
        tp = sum(1 for g, p in five if g in unnamed and p in unnamed)
        pred = sum(1 for _, p in five if p in unnamed)
        gold = sum(1 for g, _ in five if g in unnamed)
        table = collections.Counter(five)
        return {
            "labelled_matched": len(five),
            "labelled_unmatched_cue": self.type_unmatched,
            "accuracy_5way": round(acc, 4),
            "unnamed": prf(tp, pred, tp, gold),
            "confusion": {f"{g}->{p}": n for (g, p), n in sorted(table.items())},
        }

    def confusion(self, top: int = 25) -> list[tuple[str, int, int, int]]:
        """Rows of (cue word, gold count, missed, false positives), most errors first."""
        words = set(self.missed_by_cue) | set(self.false_by_cue)
        rows = [(w, self.gold_by_cue[w], self.missed_by_cue[w], self.false_by_cue[w]) for w in words]
        rows.sort(key=lambda r: (-(r[2] + r[3]), r[0]))
        return rows[:top]


def fragments(a: dict[str, Any], key: str) -> list[Range]:
    frs = a.get(key + "_fragments")
    if frs:
        return [(f[0], f[1]) for f in frs]
    sp = a.get(key)
    return [(sp[0], sp[1])] if sp else []


def load_type_labels(path: str | Path) -> dict[tuple[str, int, int], str]:
    """Source-type labels kept as ``article_id, start, end, label`` (no text)."""
    labels = {}
    with open(path, encoding="utf-8") as fh:
        next(fh, None)
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 4:
                labels[(parts[0], int(parts[1]), int(parts[2]))] = parts[3]
    return labels


def _count_cues(res: PolnearResult, seg: Segmented, ev: Any, gold: list[dict[str, Any]],
                gold_cues: list[list[Range]], pairs: list[tuple[int, int]]) -> None:
    """Cue counts of one article: matched, in residue, and missed or false by cue word."""
    res.articles += 1
    res.cue_gold += len(gold_cues)
    res.cue_pred += len(ev.attributions)
    res.cue_tp_gold += len(pairs)
    res.cue_tp_pred += len(pairs)
    matched_g = {g for g, _ in pairs}
    matched_p = {p for _, p in pairs}
    residue = [(x.start, x.end) for x in seg.excluded]
    for gi, frags in enumerate(gold_cues):
        if any(overlaps(f, r) for f in frags for r in residue):
            res.cue_gold_in_residue += 1
            res.cue_tp_in_residue += gi in matched_g
    for gi, a in enumerate(gold):
        w = a["cue"][2].lower()
        res.gold_by_cue[w] += 1
        if gi not in matched_g:
            res.missed_by_cue[w] += 1
    for pi, a in enumerate(ev.attributions):
        if pi not in matched_p:
            res.false_by_cue[a.cue.text.lower()] += 1


def _count_types(res: PolnearResult, doc: dict[str, Any], ev: Any, gold: list[dict[str, Any]], pairs: list[tuple[int, int]],
                 type_labels: dict[tuple[str, int, int], str]) -> None:
    """Gold source types against predicted ones, for labelled gold sources whose cue matched."""
    pair_of = dict(pairs)
    for gi, a in enumerate(gold):
        if not a.get("source"):
            continue
        label = type_labels.get((doc["id"], a["source"][0], a["source"][1]))
        if label is None:
            continue
        if gi in pair_of:
            res.type_pairs.append((label, ev.attributions[pair_of[gi]].source_type))
        else:
            res.type_unmatched += 1


def _count_sources(res: PolnearResult, ev: Any, gold: list[dict[str, Any]], pairs: list[tuple[int, int]]) -> None:
    """Sources of matched attributions: found (overlapping) and exact."""
    for gi, pi in pairs:
        gsrc = fragments(gold[gi], "source")
        if not gsrc:
            continue
        res.source_pairs += 1
        psrc = ev.attributions[pi].source
        if psrc is not None and any(overlaps(f, (psrc.start, psrc.end)) for f in gsrc):
            res.source_found += 1
            if len(gsrc) == 1 and gsrc[0] == (psrc.start, psrc.end):
                res.source_exact += 1


def _count_sentences(res: PolnearResult, doc: dict[str, Any], seg: Segmented, ev: Any) -> None:
    """Attributed sentences: gold (any gold span) against predicted (any predicted span, or attributed)."""
    gold_spans = [f for a in doc.get("attributions", []) for k in ("cue", "source", "content") for f in fragments(a, k)]
    pred_spans = []
    for a in ev.attributions:
        for sp in (a.cue, a.source, a.content):
            if sp is not None:
                pred_spans.append((sp.start, sp.end))
    g = sentence_flags(seg, gold_spans)
    p_spans = sentence_flags(seg, pred_spans)
    p = [flag or k in ev.attributed_sentences for k, flag in enumerate(p_spans)]
    res.span_sent_pred += sum(p_spans)
    res.span_sent_tp += sum(1 for x, y in zip(g, p_spans) if x and y)
    res.sent_gold += sum(g)
    res.sent_pred += sum(p)
    res.sent_tp += sum(1 for x, y in zip(g, p) if x and y)


def _evaluate_polnear_doc(res: PolnearResult, doc: dict[str, Any],
                          type_labels: dict[tuple[str, int, int], str] | None) -> None:
    seg = segment(doc["text"])
    ev = extract(seg)
    gold = [a for a in doc.get("attributions", []) if a.get("cue")]
    gold_cues = [fragments(a, "cue") for a in gold]
    pred_cues = [(a.cue.start, a.cue.end) for a in ev.attributions]
    pairs = match_spans(gold_cues, pred_cues)
    _count_cues(res, seg, ev, gold, gold_cues, pairs)
    if type_labels:
        _count_types(res, doc, ev, gold, pairs, type_labels)
    _count_sources(res, ev, gold, pairs)
    _count_sentences(res, doc, seg, ev)


def evaluate_polnear(path: str | Path, limit: int | None = None,
                     type_labels: dict[tuple[str, int, int], str] | None = None) -> PolnearResult:
    """Score the extractor against a PolNeAR-format JSON Lines file.

    With ``type_labels`` (see :func:`load_type_labels`), also compare the predicted source type of
    each labelled gold source whose cue was matched.
    """
    res = PolnearResult()
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if limit is not None and n >= limit:
                break
            if not line.strip():
                continue
            _evaluate_polnear_doc(res, json.loads(line), type_labels)
    return res


def evaluate_corpus(data_dir: str | Path | None = None, split: str = "test", model_path: str | None = None) -> dict[str, Any]:
    """Article-level and extraction figures on the held-out split of the project's corpus.

    Extraction is scored per kind: attributions by cue overlap (one to one), source type accuracy
    on matched attributions, hedges by overlap, unattributed assertions by sentence. A predicted cue
    on a gold stance cue (``training_data/stance_cues.tsv``) is a stance, not a wrong attribution:
    the attribution figure leaves it out, and a second figure scores speech and stance cues together.
    """
    from .corpus import STANCE_FILE, load_corpus, load_stance_cues, split_of
    from .pipeline import Scorer
    from .paths import default_data_dir

    data = Path(data_dir) if data_dir else default_data_dir()
    if not (data / "articles").is_dir():
        raise ScorerError(f"no annotated corpus at {data / 'articles'}: it is in the repository's training_data/, not in the installed package; pass --data PATH/TO/training_data")
    articles = [a for a in load_corpus(data / "articles") if split == "all" or split_of(a.id) == split]
    stance = load_stance_cues(data / STANCE_FILE)
    scorer = Scorer(model_path)
    counts = collections.Counter()
    pred_scores, gold_scores, errs = [], [], []
    type_ok = type_n = 0
    for art in articles:
        rep = scorer.score(art.text)
        pred_scores.append(rep.score)
        gold_scores.append(art.score)
        errs.append(abs(rep.score - art.score))
        counts["level_ok"] += rep.level == art.level
        gold = [[a.cue] for a in art.attributions if a.cue]
        pred = [(a.cue.start, a.cue.end) for a in rep.attributions]
        pairs = match_spans(gold, pred)
        matched = {pi for _, pi in pairs}
        stance_cues = stance.get(art.id, [])
        on_stance = sum(1 for pi, p in enumerate(pred) if pi not in matched and any(overlaps(p, k) for k in stance_cues))
        counts["att_tp"] += len(pairs)
        counts["att_gold"] += len(gold)
        counts["att_pred"] += len(pred) - on_stance
        both = match_spans(gold + [[k] for k in stance_cues], pred)
        counts["cue_tp"] += len(both)
        counts["cue_gold"] += len(gold) + len(stance_cues)
        counts["cue_pred"] += len(pred)
        for gi, pi in pairs:
            type_n += 1
            type_ok += art.attributions[gi].source_type == rep.attributions[pi].source_type
        hp = match_spans([[h] for h in art.hedges], [(h.start, h.end) for h in rep.hedges])
        counts["hedge_tp"] += len(hp)
        counts["hedge_gold"] += len(art.hedges)
        counts["hedge_pred"] += len(rep.hedges)
        gold_u = {s.index for s in rep.sentences if any(overlaps((s.start, s.end), u) for u in art.unattributed)}
        pred_u = {a.sentence for a in rep.assertions}
        counts["u_tp"] += len(gold_u & pred_u)
        counts["u_gold"] += len(gold_u)
        counts["u_pred"] += len(pred_u)
    n = len(articles)
    return {
        "articles": n,
        "split": split,
        "article": {
            "mae": round(sum(errs) / n, 3) if n else 0.0,
            "spearman": round(spearman(pred_scores, gold_scores), 4),
            "level_accuracy": round(counts["level_ok"] / n, 4) if n else 0.0,
        },
        "extraction": {
            "attributions": prf(counts["att_tp"], counts["att_pred"], counts["att_tp"], counts["att_gold"]),
            "speech_and_stance_cues": prf(counts["cue_tp"], counts["cue_pred"], counts["cue_tp"], counts["cue_gold"]),
            "hedges": prf(counts["hedge_tp"], counts["hedge_pred"], counts["hedge_tp"], counts["hedge_gold"]),
            "unattributed_assertions": prf(counts["u_tp"], counts["u_pred"], counts["u_tp"], counts["u_gold"]),
        },
        "source_type_accuracy": round(type_ok / type_n, 4) if type_n else 0.0,
    }


# The texts of the rated real articles live outside the repository (their publishers' copyright);
# these are their files under the shared data folder.
REAL_SOURCES = ("data/polnear/dev.jsonl", "data/polnear/train.jsonl", "data/wikinews/articles.jsonl")
# A naive baseline for comparison: speech verbs and "according to" per word.
_NAIVE = re.compile(r"\b(?:said|says|say|told|according to)\b", re.IGNORECASE)


def _naive_density(text: str) -> float:
    return len(_NAIVE.findall(text)) / max(1, len(text.split()))


# The report's counts set against the raters' counts (:data:`scorer.ratings.RATER_COUNTS`): each
# report count and the raters' count it is compared with. The raters' unsourced share is compared
# twice: with the share of sentences flagged, and with the claim classifier's share (the mean
# probability, a feature of the score).
COUNT_PAIRS = (("named_sources", "named_sources"), ("unnamed_sources", "unnamed_sources"),
               ("second_hand", "second_hand"), ("hedges", "hedges"),
               ("flagged_share", "unsourced_share"), ("claim_share", "unsourced_share"))


def report_counts(rep: Any) -> dict[str, float]:
    """A report's counts of what the raters count: distinct named and unnamed sources,
    second-hand attributions, hedges, the share of sentences flagged as unsourced claims, and the
    claim classifier's share of unsourced claims (the score's feature)."""
    from .types import NAMED_TYPES, UNNAMED_TYPES

    claim_share = next((r.value for r in rep.explanation if r.feature == "unsourced_claim_share"), 0.0)
    return {"named_sources": sum(1 for s in rep.sources if s.type in NAMED_TYPES),
            "unnamed_sources": sum(1 for s in rep.sources if s.type in UNNAMED_TYPES),
            "second_hand": sum(1 for a in rep.attributions if a.second_hand),
            "hedges": len(rep.hedges),
            "flagged_share": len(rep.assertions) / max(1, rep.counts.get("sentences", 0)),
            "claim_share": claim_share}


def evaluate_real(shared: str | Path | None = None, data_dir: str | Path | None = None,
                  model_path: str | None = None) -> dict[str, Any]:
    """Validity on rated real news: the score against the raters' consensus, per domain.

    Scores every rated article (texts from the shared data folder, ratings from
    ``training_data/ratings/ratings.tsv``) with the scorer as a user runs it, and reports per
    domain the raters' agreement with each other, the score's Spearman, MAE, quadratic weighted
    kappa and spread ratio against the raters' mean, a naive baseline (speech verbs per word), and
    the Spearman of the report's own counts against the raters' mean counts (:data:`COUNT_PAIRS`).
    PolNeAR dev is the measurement domain (never fitted); the other domains were fitted, so their
    figures here are in-sample: the model sidecar carries their cross-validated figures, which
    this function also returns.
    """
    from .metrics import agreement, spearman
    from .pipeline import Scorer
    from .ratings import RATER_COUNTS, RATINGS_FILE, inter_rater, rated_articles, read_ratings
    from .paths import default_data_dir

    data = Path(data_dir) if data_dir else default_data_dir()
    root = Path(shared) if shared else default_shared_dir()
    rated = rated_articles(read_ratings(data / "ratings" / RATINGS_FILE))
    texts = real_texts(root, rated)
    scorer = Scorer(model_path)
    by: dict[str, list[tuple[float, float, float]]] = collections.defaultdict(list)
    counts: dict[str, list[tuple[dict[str, float], dict[str, float]]]] = collections.defaultdict(list)
    for i, a in rated.items():
        if i in texts:
            rep = scorer.score(texts[i])
            by[a.domain].append((rep.score, a.score, _naive_density(texts[i])))
            counts[a.domain].append((report_counts(rep), {k: a.mean_count(k) for k in RATER_COUNTS}))
    raters = inter_rater(rated)
    domains = {}
    for dom, rows in sorted(by.items()):
        pred, gold, naive = [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]
        domains[dom] = {**agreement(pred, gold), "naive_spearman": round(spearman(naive, gold), 4),
                        "raters": raters.get(dom, {}),
                        "counts_spearman": {ours: round(spearman([o[ours] for o, _ in counts[dom]], [g[theirs] for _, g in counts[dom]]), 4)
                                            for ours, theirs in COUNT_PAIRS}}
    sidecar = scorer.model.meta
    return {"domains": domains, "measurement_domain": "polnear-dev",
            "cross_validated": sidecar.get("selection", {}).get("cv", {}),
            "domain_shift_to_wikinews": (sidecar.get("metrics", {}).get("domain_shift_to_wikinews") or {}).get("wikinews")}


def real_texts(root: Path, wanted: Any) -> dict[str, str]:
    """The texts of the articles whose ids are in ``wanted``, from the shared data's real sources.

    Raises:
        ScorerError: a source file is missing under ``root``.
    """
    texts: dict[str, str] = {}
    for rel in REAL_SOURCES:
        path = root / rel
        if not path.is_file():
            raise ScorerError(f"no shared data at {path}: pass --shared DIR (the folder holding data/polnear and data/wikinews)")
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                if r["id"] in wanted:
                    texts[r["id"]] = r["text"]
    return texts


def _count_units(c: collections.Counter, art: Any, rep: Any) -> None:
    """Residue and unattributed-assertion counts over the units both annotators labelled alike."""
    sents = [(s.start, s.end, s.unattributed_assertion) for s in rep.sentences]
    for (u0, u1), gold in zip(art.units, art.agreed()):
        if gold is None:
            continue
        best, flag = 0, None
        for s0, s1, un in sents:
            ov = min(u1, s1) - max(u0, s0)
            if ov > best:
                best, flag = ov, un
        pred_residue = flag is None
        c["res_gold"] += gold == "residue"
        c["res_pred"] += pred_residue
        c["res_tp"] += pred_residue and gold == "residue"
        c["un_gold"] += gold == "unattributed"
        c["un_pred"] += bool(flag)
        c["un_tp"] += bool(flag) and gold == "unattributed"


def _count_hedges(c: collections.Counter, art: Any, rep: Any) -> None:
    """Hedge counts against the spans both annotators marked (those only one marked left out)."""
    if len(art.labels) < 2:
        return
    a_h = art.hedges.get(sorted(art.labels)[0], [])
    b_h = art.hedges.get(sorted(art.labels)[1], [])
    agreed = [h for h in a_h if any(overlaps(h, g) for g in b_h)]
    single = [h for h in a_h + b_h if h not in agreed and not any(overlaps(h, g) for g in agreed)]
    pred = [(h.start, h.end) for h in rep.hedges]
    pred = [p for p in pred if any(overlaps(p, g) for g in agreed) or not any(overlaps(p, g) for g in single)]
    tp = len(match_spans([[g] for g in agreed], pred))
    c["h_tp"] += tp
    c["h_gold"] += len(agreed)
    c["h_pred"] += len(pred)


def _sentence_figures(c: collections.Counter) -> dict[str, Any]:
    return {"residue": prf(c["res_tp"], c["res_pred"], c["res_tp"], c["res_gold"]),
            "unattributed_assertions": prf(c["un_tp"], c["un_pred"], c["un_tp"], c["un_gold"]),
            "hedges": prf(c["h_tp"], c["h_pred"], c["h_tp"], c["h_gold"])}


def evaluate_sentences(shared: str | Path | None = None, data_dir: str | Path | None = None, model_path: str | None = None,
                       which: str = "measure") -> dict[str, Any]:
    """The scorer against real sentence labels (``training_data/sentences``), per domain.

    Units are those the annotators labelled; only units both annotators labelled alike count.
    - residue: a unit is predicted residue when no body sentence of the report overlaps it;
    - unattributed assertions: a unit is predicted one when the report sentence overlapping it
      most is flagged ``unattributed_assertion``;
    - hedges: the spans both annotators marked (overlapping) are gold; a predicted hedge counts
      when it overlaps one; a predicted hedge on a span only one annotator marked is left out
      of precision (the annotators could not agree on it).
    """
    from .pipeline import Scorer
    from .sentence_labels import read_labels
    from .paths import default_data_dir

    data = Path(data_dir) if data_dir else default_data_dir()
    root = Path(shared) if shared else default_shared_dir()
    labelled = {i: a for i, a in read_labels(data / "sentences").items() if a.set == which}
    texts = real_texts(root, labelled)
    scorer = Scorer(model_path)
    counts: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for i, art in sorted(labelled.items()):
        if i not in texts:
            continue
        dom = "wikinews" if i.startswith("wikinews_") else "polnear"
        rep = scorer.score(texts[i])
        _count_units(counts[dom], art, rep)
        _count_hedges(counts[dom], art, rep)
    out = {}
    for dom, c in sorted(counts.items()):
        out[dom] = _sentence_figures(c)
    total = collections.Counter()
    for c in counts.values():
        total.update(c)
    out["all"] = _sentence_figures(total)
    return {"set": which, "articles": len(texts), "domains": out}
