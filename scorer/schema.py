"""A JSON Schema (draft 2020-12) of the report, ``Report.to_dict()`` schema version 2.

Served by ``scorer serve`` at ``GET /v1/schema`` so that a CMS plugin in any language can check
what it receives; the tests validate real reports against it. Written from the specification's
output contract: every key of version 2 is required and no other key is allowed, except ``text``,
which a report carries when the input was HTML (its offsets index that extracted text).
"""

from __future__ import annotations

from typing import Any

from .report import SCHEMA_VERSION
from .types import LEVEL_LABELS, SOURCE_TYPES

COUNT_KEYS: tuple[str, ...] = (
    "sentences", "words", "attributions", *SOURCE_TYPES, "hedges", "unattributed_assertions",
)

_OFFSET = {"type": "integer", "minimum": 0}


def _object(properties: dict[str, Any], optional: tuple[str, ...] = ()) -> dict[str, Any]:
    """A closed object: the listed keys, all required except ``optional``."""
    return {
        "type": "object",
        "properties": properties,
        "required": [k for k in properties if k not in optional],
        "additionalProperties": False,
    }


_SPAN = _object({"start": _OFFSET, "end": _OFFSET, "text": {"type": "string"}})
_SPAN_OR_NULL = {"oneOf": [{"type": "null"}, {"$ref": "#/$defs/span"}]}

REPORT_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "urn:sourcing-scorer:report:v2",
    "title": "sourcing-scorer report, schema version 2",
    "description": "The sourcing-transparency report of one article. Every start/end is a character "
                   "(code point) offset into the text as given; text[start:end] equals the span's text.",
    "$defs": {"span": _SPAN},
    **_object(
        {
            "schema_version": {"const": SCHEMA_VERSION},
            "scorer_version": {"type": "string"},
            "model": _object({"name": {"type": "string"}, "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"}}),
            "article": _object({k: {"type": ["string", "null"]} for k in ("id", "title", "url", "path")}),
            "reliability": {"type": ["string", "null"]},
            "score": {"type": "number", "minimum": 0, "maximum": 100},
            "level": {"type": "integer", "minimum": 1, "maximum": 5},
            "label": {"enum": [LEVEL_LABELS[k] for k in sorted(LEVEL_LABELS, reverse=True)]},
            "counts": _object({k: {"type": "integer", "minimum": 0} for k in COUNT_KEYS}),
            "sentences": {"type": "array", "items": _object({
                "index": _OFFSET, "start": _OFFSET, "end": _OFFSET,
                "attributed": {"type": "boolean"}, "unattributed_assertion": {"type": "boolean"},
                "why": {"type": "array", "items": {"oneOf": [
                    {"type": "integer", "minimum": 0},
                    {"enum": ["quotation", "continues", "transcript"]},
                    _object({"classifier": {"type": "string"}, "probability": {"type": "number", "minimum": 0, "maximum": 1}}),
                ]}},
            })},
            "excluded": {"type": "array", "items": _object({
                "start": _OFFSET, "end": _OFFSET, "text": {"type": "string"}, "reason": {"type": "string"},
            })},
            "attributions": {"type": "array", "items": _object({
                "sentence": _OFFSET,
                "cue": {"$ref": "#/$defs/span"},
                "source": _SPAN_OR_NULL,
                "content": _SPAN_OR_NULL,
                "source_type": {"enum": list(SOURCE_TYPES)},
                "resolved_to": {"type": ["string", "null"]},
                "via": _SPAN_OR_NULL,
                "second_hand": {"type": "boolean"},
            })},
            "sources": {"type": "array", "items": _object({
                "name": {"type": "string"}, "type": {"enum": list(SOURCE_TYPES)}, "mentions": {"type": "integer", "minimum": 1},
            })},
            "hedges": {"type": "array", "items": _object({
                "sentence": _OFFSET, "start": _OFFSET, "end": _OFFSET, "text": {"type": "string"},
            })},
            "unattributed_assertions": {"type": "array", "items": _object({
                "sentence": _OFFSET, "start": _OFFSET, "end": _OFFSET,
            })},
            "explanation": {"type": "array", "items": _object({
                "feature": {"type": "string"}, "value": {"type": "number"},
                "effect": {"type": "number"}, "message": {"type": "string"},
            })},
            "warnings": {"type": "array", "items": {"type": "string"}},
            "text": {"type": "string", "description": "the extracted main text, present for HTML input"},
        },
        optional=("text",),
    ),
}
