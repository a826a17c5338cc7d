"""Build script: compiles the scoring hot path with mypyc when it can, else builds the pure-Python
package (the metadata is in pyproject.toml).

The compiled build is optional. The pure-Python package is built instead, with a warning, when
``SCORER_NO_COMPILE=1`` is set, for an editable install (``pip install -e .``: a compiled module
next to its source would shadow later edits), or when compiling fails (mypyc not importable or
refusing the code, no C compiler, no Python headers). Either build gives byte-identical reports.
"""

from __future__ import annotations

import os
import sys

from setuptools import setup
from setuptools.command.build_ext import build_ext

# The modules compiled, chosen by measurement (README, "Speed"): the extractor (evidence/), then
# segmentation, lexicons, evidence types, voice, claims and wording, then the learned classifiers'
# scoring, features, the pipeline and the report (together 3% fewer instructions per article).
# Everything else stays Python: the command line, batch runner, HTTP service and training.
# (features.py crashed at import when compiled while its Readers dataclass named classes imported
# only for type checking; it imports them for real now.)
COMPILED = (
    "scorer/evidence/grammar.py",
    "scorer/evidence/sentences.py",
    "scorer/evidence/quotes.py",
    "scorer/evidence/phrases.py",
    "scorer/evidence/subjects.py",
    "scorer/evidence/mentions.py",
    "scorer/evidence/sources.py",
    "scorer/evidence/attribution.py",
    "scorer/evidence/cues.py",
    "scorer/evidence/verb_cues.py",
    "scorer/evidence/learned_cues.py",
    "scorer/evidence/hedges.py",
    "scorer/evidence/assertions.py",
    "scorer/evidence/transcripts.py",
    "scorer/evidence/extract.py",
    "scorer/segment.py",
    "scorer/lexicon.py",
    "scorer/types.py",
    "scorer/voice.py",
    "scorer/claims.py",
    "scorer/framing.py",
    "scorer/learned.py",
    "scorer/features.py",
    "scorer/pipeline.py",
    "scorer/report.py",
)
# Commands that build a wheel or install from it; metadata steps (egg_info, dist_info) compile nothing.
_BUILDING = {"bdist_wheel", "build", "build_ext", "install"}
_EDITABLE = {"editable_wheel", "develop"}


def _say(msg: str) -> None:
    print(f"sourcing-scorer build: {msg}", file=sys.stderr, flush=True)


def _modules() -> tuple[str, ...]:
    # For measuring other choices: SCORER_COMPILE_MODULES=scorer/a.py,scorer/b.py pip install .
    chosen = os.environ.get("SCORER_COMPILE_MODULES", "").strip()
    return tuple(p.strip() for p in chosen.split(",") if p.strip()) if chosen else COMPILED


def compiled_extensions() -> list:
    """mypyc's extensions for :data:`COMPILED`, or none (pure Python) with the reason said."""
    commands = set(sys.argv[1:])
    if commands & _EDITABLE:
        _say("editable install: pure Python (a compiled module would shadow edits to its source)")
        return []
    if not commands & _BUILDING:
        return []
    if os.environ.get("SCORER_NO_COMPILE", "").strip() not in ("", "0"):
        _say("SCORER_NO_COMPILE is set: pure Python")
        return []
    try:
        from mypyc.build import mypycify

        # follow-imports=silent: the modules left in Python are read for their types only.
        return mypycify(["--follow-imports=silent", "--ignore-missing-imports", *_modules()],
                        opt_level="3", group_name="scorer_compiled")
    except (Exception, SystemExit) as exc:  # mypyc reports type errors by exiting
        _say(f"mypyc could not compile ({type(exc).__name__}: {exc}): pure Python")
        return []


class OptionalBuildExt(build_ext):
    """build_ext that falls back to no extensions at all when any of them fails to build (the
    modules share one library, so one failure leaves the others unusable)."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as exc:  # no compiler, no Python.h, a compiler error
            _say(f"compiling failed ({type(exc).__name__}: {exc}): pure Python")
            for path in self.get_outputs():
                if os.path.exists(path):
                    os.remove(path)
            self.extensions = []
            self.distribution.ext_modules = []


setup(ext_modules=compiled_extensions(), cmdclass={"build_ext": OptionalBuildExt})
