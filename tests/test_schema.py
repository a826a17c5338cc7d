"""The report's JSON Schema (scorer/schema.py): real reports validate, broken ones do not."""

import copy

import pytest
from conftest import EXAMPLE
import texts

jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is not installed (it is in the 'test' extra)")

from scorer.schema import COUNT_KEYS, REPORT_SCHEMA  # noqa: E402

VALIDATOR = jsonschema.Draft202012Validator(REPORT_SCHEMA)


def test_schema_is_a_valid_draft_2020_12_schema():
    jsonschema.Draft202012Validator.check_schema(REPORT_SCHEMA)


@pytest.fixture(scope="module")
def reports(shared_scorer):
    samples = [EXAMPLE.read_text(encoding="utf-8")] + [v for k, v in vars(texts).items() if k.isupper() and isinstance(v, str)]
    out = [shared_scorer.score(t).to_dict() for t in samples]
    out.append(shared_scorer.score(samples[0], warnings=["decoded as UTF-16"], include_text=True).to_dict())
    return out


def test_real_reports_validate(reports):
    assert len(reports) >= 15
    for d in reports:
        errors = sorted(VALIDATOR.iter_errors(d), key=str)
        assert not errors, errors[0].message


def test_every_report_key_and_count_is_in_the_schema(reports):
    d = reports[0]
    assert set(d) <= set(REPORT_SCHEMA["properties"])
    assert set(REPORT_SCHEMA["required"]) == set(d)  # only "text" is optional
    assert tuple(d["counts"]) == COUNT_KEYS


@pytest.mark.parametrize("break_it", [
    lambda d: d.pop("score"),
    lambda d: d.update(level=6),
    lambda d: d.update(label="superb"),
    lambda d: d.update(extra_field=1),
    lambda d: d["counts"].pop("hedges"),
    lambda d: d["attributions"][0].update(source_type="rumour"),
    lambda d: d["attributions"][0]["cue"].pop("text"),
    lambda d: d["model"].update(sha256="not-a-hash"),
    lambda d: d["sentences"][0].update(start=-1),
], ids=["no-score", "level-6", "bad-label", "extra-key", "count-missing", "bad-type", "span-without-text",
        "bad-sha", "negative-offset"])
def test_broken_reports_fail(reports, break_it):
    d = copy.deepcopy(reports[0])
    assert d["attributions"], "the example article has attributions"
    break_it(d)
    assert list(VALIDATOR.iter_errors(d))
