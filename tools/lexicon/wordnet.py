"""A reader for the WordNet 3.0 database files (Debian's `wordnet-base`).

Reads data.*, index.*, *.exc and cntlist.rev from one directory into plain
Python structures. Only what the lexicon generator needs: synsets with their
lexicographer file, words and pointers; each lemma's senses in order; the
SemCor tag count of each sense; and morphy's exception lists and rules.
"""

import os
from dataclasses import dataclass, field

# lexnames(5WN): the lexicographer file of a synset, by number.
LEXNAMES = [
    "adj.all", "adj.pert", "adv.all", "noun.Tops", "noun.act", "noun.animal", "noun.artifact",
    "noun.attribute", "noun.body", "noun.cognition", "noun.communication", "noun.event", "noun.feeling",
    "noun.food", "noun.group", "noun.location", "noun.motive", "noun.object", "noun.person",
    "noun.phenomenon", "noun.plant", "noun.possession", "noun.process", "noun.quantity",
    "noun.relation", "noun.shape", "noun.state", "noun.substance", "noun.time", "verb.body",
    "verb.change", "verb.cognition", "verb.communication", "verb.competition", "verb.consumption",
    "verb.contact", "verb.creation", "verb.emotion", "verb.motion", "verb.perception",
    "verb.possession", "verb.social", "verb.stative", "verb.weather", "adj.ppl",
]

POS_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
SS_TYPE = {"1": "n", "2": "v", "3": "a", "4": "r", "5": "a"}


@dataclass
class Synset:
    pos: str  # n, v, a, r (satellites are "a" with satellite=True)
    offset: int
    lexname: str
    satellite: bool
    words: list  # lemmas, lower case, "_" turned to " "
    pointers: list = field(default_factory=list)  # (symbol, (pos, offset), source word index, target word index)

    @property
    def key(self):
        return (self.pos, self.offset)


class WordNet:
    def __init__(self, root):
        self.root = root
        self.synsets = {}
        self.index = {}  # (lemma, pos) -> [synset key, ...] in sense order
        self.counts = {}  # (lemma, pos, sense number from 1) -> SemCor tag count
        self.exceptions = {}  # (form, pos) -> [lemma, ...]
        for pos, name in POS_FILES.items():
            self._read_data(pos, os.path.join(root, "data." + name))
            self._read_index(pos, os.path.join(root, "index." + name))
            self._read_exc(pos, os.path.join(root, name + ".exc"))
        self._read_counts(os.path.join(root, "cntlist.rev"))

    # -- reading -------------------------------------------------------------

    def _read_data(self, pos, path):
        with open(path, encoding="latin-1") as f:
            for line in f:
                if line.startswith("  "):
                    continue  # the licence header
                fields = line.split(" | ", 1)[0].split()
                offset = int(fields[0])
                lexname = LEXNAMES[int(fields[1])]
                ss_type = fields[2]
                n_words = int(fields[3], 16)
                words = []
                i = 4
                for _ in range(n_words):
                    w = fields[i].lower()
                    # Adjective markers: (a), (p), (ip).
                    if "(" in w:
                        w = w[: w.index("(")]
                    words.append(w.replace("_", " "))
                    i += 2
                n_ptrs = int(fields[i])
                i += 1
                ptrs = []
                for _ in range(n_ptrs):
                    sym, off, p, st = fields[i : i + 4]
                    p = "a" if p == "s" else p
                    ptrs.append((sym, (p, int(off)), int(st[:2], 16), int(st[2:], 16)))
                    i += 4
                s = Synset(pos, offset, lexname, ss_type == "s", words, ptrs)
                self.synsets[s.key] = s

    def _read_index(self, pos, path):
        with open(path, encoding="latin-1") as f:
            for line in f:
                if line.startswith("  "):
                    continue
                fields = line.split()
                lemma = fields[0].replace("_", " ")
                synset_cnt = int(fields[2])
                offsets = [int(o) for o in fields[-synset_cnt:]]
                self.index[(lemma, pos)] = [(pos, o) for o in offsets]

    def _read_exc(self, pos, path):
        with open(path, encoding="latin-1") as f:
            for line in f:
                form, *lemmas = line.split()
                self.exceptions[(form.replace("_", " "), pos)] = [l.replace("_", " ") for l in lemmas]

    def _read_counts(self, path):
        with open(path, encoding="latin-1") as f:
            for line in f:
                key, sense, count = line.split()
                lemma, rest = key.split("%", 1)
                pos = SS_TYPE[rest[0]]
                k = (lemma.replace("_", " "), pos, int(sense))
                self.counts[k] = self.counts.get(k, 0) + int(count)

    # -- queries -------------------------------------------------------------

    def senses(self, lemma, pos):
        """The synsets of `lemma` as `pos`, most frequent first."""
        return [self.synsets[k] for k in self.index.get((lemma, pos), [])]

    def count(self, lemma, pos, sense):
        return self.counts.get((lemma, pos, sense), 0)

    def lemma_count(self, lemma, pos):
        """SemCor tags of the lemma over all its senses as `pos`."""
        return sum(self.count(lemma, pos, i + 1) for i in range(len(self.index.get((lemma, pos), []))))

    def targets(self, synset, symbols, word=None):
        """Synsets reached from `synset` by a pointer in `symbols`; lexical
        pointers count only from `word` (a lemma of the synset) when given."""
        out = []
        for sym, key, src, tgt in synset.pointers:
            if sym not in symbols:
                continue
            if src and word is not None and synset.words[src - 1] != word:
                continue
            out.append((self.synsets[key], tgt))
        return out

    def hypernym_closure(self, synset, limit=20):
        seen = set()
        todo = [synset]
        while todo and len(seen) < 200:
            s = todo.pop()
            for t, _ in self.targets(s, ("@", "@i")):
                if t.key not in seen:
                    seen.add(t.key)
                    todo.append(t)
        return seen

    def name(self, synset):
        """NLTK's name for a synset: its first lemma, pos and sense number."""
        lemma = synset.words[0]
        keys = self.index.get((lemma, synset.pos), [])
        n = keys.index(synset.key) + 1 if synset.key in keys else 0
        return "%s.%s.%02d" % (lemma.replace(" ", "_"), synset.pos, n)

    def by_name(self, name):
        lemma, pos, n = name.rsplit(".", 2)
        return self.synsets[self.index[(lemma.replace("_", " "), pos)][int(n) - 1]]

    # -- morphy --------------------------------------------------------------

    RULES = {
        "n": [("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"), ("men", "man"), ("ies", "y")],
        "v": [("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", "")],
        "a": [("er", ""), ("est", ""), ("er", "e"), ("est", "e")],
        "r": [],
    }

    def morphy(self, form, pos):
        """WordNet's base forms of `form` as `pos` (exceptions, then the
        detachment rules), only those that are lemmas of WordNet."""
        out = []
        if (form, pos) in self.index:
            out.append(form)
        for lemma in self.exceptions.get((form, pos), []):
            if (lemma, pos) in self.index and lemma not in out:
                out.append(lemma)
        if (form, pos) in self.exceptions:
            return out
        for suffix, ending in self.RULES[pos]:
            if form.endswith(suffix) and len(form) > len(suffix):
                base = form[: len(form) - len(suffix)] + ending
                if (base, pos) in self.index and base not in out:
                    out.append(base)
        return out
