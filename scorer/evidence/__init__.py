"""Stage 2: attributions, hedges and unattributed assertions in the body sentences.

One module per job:

* :mod:`.grammar`: closed-class words and the :class:`Token` type;
* :mod:`.sentences`: the sentences as tokens, with :mod:`.quotes` (quotation state);
* :mod:`.phrases` (noun phrases) and :mod:`.subjects` (the subject before a verb);
* :mod:`.sources` (what type of source a phrase names) and :mod:`.mentions` (the article's
  mentions, pronoun and surname resolution), joined in :mod:`.attribution`;
* :mod:`.cues`: one function per rule family and their dispatcher, with :mod:`.verb_cues`
  (reporting, stance and document verbs);
* :mod:`.learned_cues`: the cue classifier and the stance tagger (:mod:`scorer.learned`);
* :mod:`.hedges` and :mod:`.assertions`;
* :mod:`.extract`: :class:`Extractor`, which wires them.

A sentence the rules leave unattributed is still attributed when the trained sentence classifier
reads it as reporting someone's words; a quotation with no cue of its own that follows an
attributed sentence is in that attribution's scope.
"""

from ..learned import ExtractionWeights
from .extract import Extractor, default_extractor, extract
from .learned_cues import Collector
from .sources import classify_source

__all__ = ["Collector", "ExtractionWeights", "Extractor", "classify_source", "default_extractor", "extract"]
