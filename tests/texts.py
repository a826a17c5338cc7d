"""Named example texts written for the tests (invented people, places and events)."""

SAID_AFTER = 'The bridge will reopen in June, Maria Lopez, the county engineer, said on Monday.'
SAID_BEFORE = '"We found cracks in two of the piers," said Tom Reyes, a state inspector.'
TOLD = 'Three officials told the Gazette that the plan had been shelved.'
ACCORDING_TO = 'According to the Ministry of Transport, the line carried 40,000 people a day.'
CITING = 'The council paused the tender, citing a report by its auditors.'
STATEMENT = 'The Harbor Board said in a statement that it would appeal.'
DOCUMENT_SHOWS = 'Records obtained by the Courier show that the pump failed twice.'
ANONYMOUS = 'An unnamed official said the talks had collapsed.'
FAMILIAR = 'People familiar with the matter said the deal was close.'
VAGUE = 'Critics say the scheme wastes money.'
PASSIVE = 'It was reported that the mayor had resigned.'
PRONOUN_CHAIN = (
    'Nadia Park, the clinic director, said the wait had doubled. '
    'She said staff were exhausted. "We need help," she added.'
)
QUOTE_NEXT_SENTENCE = 'Park was blunt:\n\n"This cannot go on. People are waiting for hours."'
HEDGES = 'The suspect allegedly fled north and reportedly crossed the border, and he may have had help.'
NOT_HEDGES = 'The vote was held in May. Residents may apply online. She could not find the file.'
ABBREVIATIONS = (
    'U.S. troops arrived on Jan. 3 with Gen. Mark Diaz. Mr. Diaz met officials in Washington, D.C. '
    'on Friday. J. R. Tolkien Street was closed.'
)
QUOTE_INSIDE = '"We will rebuild. We will not leave," the mayor said. The crowd cheered.'
RESIDUE = (
    'Bus depot plan stalls again\n\n'
    'The depot plan stalled on Tuesday, the transit authority said.\n\n'
    'The site has been empty since 2019.\n\n'
    'Sam Ortiz is a reporter covering transport for the Valley Post.\n\n'
    'In Other News\n'
    'Load More\n'
)
UNATTRIBUTED = 'The factory closed in 2019 and 300 people lost their jobs. The owners moved production abroad.'


def article_variations(n, example):
    """``n`` articles (folder, file name, text) made from the project's own example article and the
    texts above: paragraphs of the example, in a varying order and number, with a varying share of
    the sourced and unsourced sentences above, in three desks (folders). Deterministic."""
    import random

    rng = random.Random(17)
    paragraphs = [p for p in example.split("\n\n") if p.strip()]
    sourced = [SAID_AFTER, SAID_BEFORE, TOLD, ACCORDING_TO, CITING, STATEMENT, DOCUMENT_SHOWS, PRONOUN_CHAIN]
    weak = [ANONYMOUS, FAMILIAR, VAGUE, PASSIVE, HEDGES, UNATTRIBUTED, UNATTRIBUTED]
    out = []
    for i in range(n):
        body = rng.sample(paragraphs[1:], rng.randint(2, len(paragraphs) - 1))
        extra = rng.sample(sourced, rng.randint(0, 4)) + rng.sample(weak, rng.randint(0, 6))
        rng.shuffle(extra)
        text = "\n\n".join([paragraphs[0], *body[: len(body) // 2], *extra, *body[len(body) // 2 :]]) + "\n"
        out.append((f"desk-{'abc'[i % 3]}", f"article-{i:02d}.txt", text))
    return out
