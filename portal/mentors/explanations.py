"""Why a mentor is proposed, in words a person can check: the themes and the telling words shared with
the need, as the mentor wrote them, and a short quoted excerpt of the biography with those words marked.

Only what weighs is shown: words most profiles use ("mobilité", "accompagne", "projet") count for
little in the score (portal/mentors/relevance.py) and are never given as a reason.
"""

import re
from dataclasses import dataclass

from portal.mentors import relevance
from search import analysis

MAX_WORDS = 4
# A token is given as a reason when it adds at least this share of what the need's most telling token can
# add, and when few profiles use it (relevance.Statistics.is_common).
SHARE_OF_BEST = 0.25
EXCERPT_WORDS = 26
SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
# Words of every profile and every need of the field, never a reason even where rare (a small directory).
GENERIC_WORDS = """
    accompagne accompagner accompagnement accompagnements accompagné aide aider conseil conseille conseiller
    projet projets expérience expériences ans années depuis travaille travailler travail équipe équipes
    partage partager sujet sujets question questions mobilité mobilités besoin besoins service services
    organisation organisations structure structures acteur acteurs démarche démarches enjeu enjeux
    mentor mentors mentorat mentoré mentorée échanger échange échanges dix vingt trente quinze
    """.split()  # noqa: SIM905 - a word list reads best as prose
GENERIC_TERMS = frozenset(analysis.expression_terms(" ".join(GENERIC_WORDS)))


@dataclass(frozen=True)
class Span:
    token: str
    field: str
    start: int
    end: int

    def overlaps(self, other):
        return self.field == other.field and self.start < other.end and other.start < self.end


def spans(texts, wanted):
    """Where each wanted token first appears in the mentor's texts (field name -> text)."""
    found = {}
    for field_name, text in texts.items():
        for token in analysis.tokens(text):
            if token.text in wanted and token.text not in found:
                found[token.text] = Span(token.text, field_name, token.start, token.end)
    return found


def telling_tokens(added, statistics, yardstick):
    """The shared tokens worth showing, most telling first: `yardstick` is what the need's most telling
    token can add, so that a rare word barely related to the need ("demandé" for "à la demande") is not."""
    kept = []
    for token, value in sorted(added.items(), key=lambda item: -item[1]):
        whole = analysis.is_phrase(token) or analysis.is_equivalent(token)
        # A phrase weighs less than its words in the score (they count too), not as a reason.
        threshold = SHARE_OF_BEST * yardstick * (0.5 if whole else 1)
        if value < threshold or relevance.is_theme(token) or statistics.is_common(token):
            continue
        if all(term in GENERIC_TERMS for term in token_terms(token)):
            continue
        kept.append(token)
    # A phrase or an equivalent says more than its words alone: they go first.
    return sorted(kept, key=lambda token: not (analysis.is_phrase(token) or analysis.is_equivalent(token)))


def token_terms(token):
    return [token] if analysis.is_equivalent(token) else token.split(analysis.PHRASE_SEPARATOR)


def explain_words(mentor, added, statistics, yardstick, theme_names):
    """(words as the mentor wrote them, excerpt) for the tokens the mentor shares with the need; words
    already said by a theme in common are not repeated, but are marked in the excerpt."""
    theme_terms = {term for name in theme_names for term in analysis.expression_terms(name)}
    texts = {"headline": mentor.headline, "bio": mentor.bio, "organisation": mentor.organisation}
    candidates = telling_tokens(added, statistics, yardstick)
    located = spans(texts, set(candidates))
    chosen, covered = [], set()
    for token in candidates:
        span = located.get(token)
        terms = set(token_terms(token))
        if not span or terms <= theme_terms or terms <= covered or any(span.overlaps(other) for other in chosen):
            continue
        chosen.append(span)
        covered |= {word.term for word in analysis.meaningful_words(texts[span.field][span.start : span.end])}
        if len(chosen) == MAX_WORDS:
            break
    words = list(dict.fromkeys(texts[span.field][span.start : span.end] for span in chosen))
    return words, excerpt(mentor.bio, set(candidates))


def excerpt(text, wanted):
    """The sentence of the text sharing the most telling tokens, cut to a few words around them, as
    segments [text, marked]: [["… a ouvert les ", False], ["données de transport", True], …]."""
    text = text or ""
    best, best_marks = None, []
    for sentence in SENTENCE.finditer(text):
        marks = merged([(t.start, t.end) for t in analysis.tokens(sentence.group()) if t.text in wanted])
        if len(marks) > len(best_marks):
            best, best_marks = sentence, marks
    if best is None:
        return []
    sentence = best.group().strip()
    offset = best.group().index(sentence)
    marks = [(start - offset, end - offset) for start, end in best_marks]
    start, end = window(sentence, marks)
    segments, position = [], start
    for mark_start, mark_end in marks:
        if mark_start < start or mark_end > end:
            continue
        segments.append([sentence[position:mark_start], False])
        segments.append([sentence[mark_start:mark_end], True])
        position = mark_end
    segments.append([sentence[position:end], False])
    if start > 0:
        segments[0][0] = "… " + segments[0][0]
    if end < len(sentence):
        segments[-1][0] += " …"
    return [segment for segment in segments if segment[0]]


def merged(marks):
    result = []
    for start, end in sorted(marks):
        if result and start <= result[-1][1]:
            result[-1] = (result[-1][0], max(end, result[-1][1]))
        else:
            result.append((start, end))
    return result


def window(sentence, marks):
    """The character range of about EXCERPT_WORDS words around the first marks, cut at word boundaries."""
    words = list(re.finditer(r"\S+", sentence))
    if len(words) <= EXCERPT_WORDS:
        return 0, len(sentence)
    first = next(index for index, word in enumerate(words) if word.end() > marks[0][0])
    begin = max(0, min(first - EXCERPT_WORDS // 3, len(words) - EXCERPT_WORDS))
    last = begin + EXCERPT_WORDS - 1
    return words[begin].start(), words[last].end()


def plain(segments):
    return "".join(text for text, _marked in segments)
