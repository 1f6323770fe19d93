"""French words reduced to comparable terms: lower case, no accents, Snowball-stemmed, no stop words.

"Données ouvertes", "donnee ouverte" and "DONNÉES OUVERTES" all become {"donne", "ouvert"}. The search
backends fold case and accents but do not stem French (SQLite FTS5, PostgreSQL's default configuration), so mentors are
indexed with these terms as well (MentorProfile.matching_terms) and queries use them too.
"""

import re
import unicodedata
from functools import lru_cache

import Stemmer

WORD = re.compile(r"\w+", re.UNICODE)
_stemmer = Stemmer.Stemmer("french")

# Snowball's French stop words, plus words every need contains ("aider", "mise en œuvre").
STOP_WORDS = frozenset(
    """
    a à afin ai aie aient aies ait alors au aucun aucune aupres auquel aura aurai auraient aurais aurait
    aussi autre autres aux auxquels avaient avais avait avant avec avez aviez avions avoir avons ayant bien
    c ça car ce ceci cela celle celles celui cependant certain certaine certains ces cet cette ceux chaque
    chez ci comme comment d dans de des desquels deux dois doit donc dont du duquel durant elle elles en
    encore entre est et étaient étais était étant été être eu eux faire fait faut fois font hors ici il ils
    j je jusqu l la laquelle le lequel les lesquels leur leurs lors lui m ma mais me même mêmes mes moi
    mon moins n ne ni non nos notre nous on ont or ou où par parce pas peu peut peuvent plus plupart pour
    pourquoi qu quand que quel quelle quelles quels qui quoi s sa sans se selon ses si sien son sont sous
    sur t ta tandis te tel telle telles tels tes toi ton tous tout toute toutes très tu un une unes uns
    va vers via voici voilà vos votre vous y
    exemple exemples the of and to in for on with
    aide aider aident aidé doivent permet permettent mise œuvre oeuvre chose choses veut veulent souhaite
    souhaitent cas
    mieux ensemble rendre rend rendu penser pense comprendre compris développer développe développé faire
    fais travailler travaille donner donnent donnons mettre mis passer passe trouver trouve savoir sais sait
    vouloir voulons voudrions aimerions souhaitons cherchons chercher cherche pouvoir pouvons devons devoir
    vraiment toujours jamais déjà beaucoup autant plusieurs aujourd hui demain hier également ainsi puis
    enfin notamment surtout plutôt trop assez quelque quelques côté aime aimer adore vivre vécu commencé
    commencer début ancien ancienne idée idées façon manière besoin besoins question questions sujet sujets
    """.split()  # noqa: SIM905 - a word list reads best as prose
)


def fold(text):
    """Lower case without accents: "Données" -> "donnees"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


# Compared without accents, so that "deja" is a stop word as "déjà" is.
FOLDED_STOP_WORDS = frozenset(fold(word) for word in STOP_WORDS)


@lru_cache(maxsize=50_000)
def term(word):
    """The comparable term of one word: folded first, so that a word typed without its accents
    ("collectivites") stems like the accented one ("collectivités"), then stemmed."""
    return _stemmer.stemWord(fold(word))


@lru_cache(maxsize=50_000)
def is_meaningful(word):
    """Not a stop word, a letter alone or a number."""
    return len(word) > 1 and not word.isdigit() and fold(word) not in FOLDED_STOP_WORDS


def words(text):
    """The meaningful words of a text, in order, stop words, one-letter words and numbers left out."""
    return [word for word in WORD.findall(text or "") if is_meaningful(word)]


def terms(text):
    """The terms of a text, in order of first appearance, without repeats."""
    return list(dict.fromkeys(term(word) for word in words(text)))


def surface_forms(text):
    """Each term of a text mapped to the first word that produced it, to show people real words."""
    forms = {}
    for word in words(text):
        forms.setdefault(term(word), word.lower())
    return forms
