"""Errors raised by the scorer. Every unusable input or model raises a :class:`ScorerError`."""

from __future__ import annotations


class ScorerError(Exception):
    """Base class: the input or the model cannot be used; the message says why."""


class InputError(ScorerError):
    """The input cannot be read or decoded (missing file, directory, binary, too large)."""


class EmptyArticleError(ScorerError):
    """The input holds no article text (empty, whitespace only, or no sentences)."""


class ModelLoadError(ScorerError):
    """The model file is missing, tampered with, untrusted or built with an incompatible library."""
