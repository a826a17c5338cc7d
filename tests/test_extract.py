"""The extractor's wiring (scorer.evidence.extract) and its weights (scorer.learned.ExtractionWeights)."""

import random
import shutil

import pytest
from scorer.errors import ModelLoadError
from scorer.learned import SentenceModel
from scorer.evidence import ExtractionWeights, Extractor, default_extractor, extract
from scorer.evidence.cues import _cue_inside_another
from scorer.paths import shipped_model_dir
from scorer.segment import segment
from scorer.types import Attribution, Span


def test_weights_from_dir_loads_the_three_files():
    w = ExtractionWeights.from_dir(shipped_model_dir())
    assert w.sentence is not None and w.cue is not None and w.stance is not None
    assert ExtractionWeights.rules_only() == ExtractionWeights(None, None, None)


@pytest.mark.parametrize("name", ["sentences.json", "cues.json", "stance.json"])
def test_weights_from_dir_refuses_a_missing_or_altered_file(tmp_path, name):
    d = tmp_path / "m"
    shutil.copytree(shipped_model_dir(), d)
    (d / name).unlink()
    with pytest.raises(ModelLoadError, match=name):
        ExtractionWeights.from_dir(d)
    (d / name).write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelLoadError, match="SHA-256"):
        ExtractionWeights.from_dir(d)


def test_weights_from_dir_needs_the_sidecar(tmp_path):
    for f in ("sentences.json", "cues.json", "stance.json"):
        shutil.copy(shipped_model_dir() / f, tmp_path / f)
    with pytest.raises(ModelLoadError, match="scorer.json"):
        ExtractionWeights.from_dir(tmp_path)


def test_extract_uses_the_default_extractor_unless_given_one():
    seg = segment("The council hid the true cost of the levy from voters for two years.")
    assert extract(seg) == default_extractor().extract(seg)
    # No cue: the rules alone flag it; a sentence classifier that reads "levy" as reported speech
    # marks it attributed instead.
    assert len(extract(seg, Extractor(ExtractionWeights.rules_only())).assertions) == 1
    reads_levy = Extractor(ExtractionWeights(SentenceModel({"w:levy": 10.0}, 0.0)))
    ev = extract(seg, reads_levy)
    assert ev.assertions == () and ev.attributed_sentences == {0}


def _att(cue, source=None):
    span = lambda ab: None if ab is None else Span(ab[0], ab[1], "")
    return Attribution(0, span(cue), span(source), None, "vague", None), None


def test_cue_inside_another_sweep_agrees_with_all_pairs():
    rng = random.Random(13)
    for _ in range(500):
        found = []
        for _ in range(rng.randint(1, 6)):
            a = rng.randint(0, 40)
            src = None if rng.random() < 0.3 else (lambda s: (s, s + rng.randint(0, 15)))(rng.randint(0, 40))
            found.append(_att((a, a + rng.randint(1, 4)), src))
        found.sort(key=lambda x: x[0].cue.start)
        brute = [any(o.source is not None and o.source.start <= a.cue.start and a.cue.end <= o.source.end
                     for k2, (o, _) in enumerate(found) if k2 != k) for k, (a, _) in enumerate(found)]
        assert _cue_inside_another(found, lambda x: x.source) == brute
