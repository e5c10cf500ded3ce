"""Scorer: per-field counts, entity matching, descriptive gold fields, loose mode."""
from __future__ import annotations

import copy
import json
from pathlib import Path

from brochure_extract.models import Brochure, ProjectCard, Quote
from brochure_extract.scoring import norm_text, score

ROOT = Path(__file__).resolve().parents[1]
GOLD = json.loads((ROOT / "corpus" / "seed_brochure_gold.json").read_text(encoding="utf-8"))

SMALL_GOLD = {
    "title": "Titel",
    "projects": [{"number": 1, "title": "A", "facts": ["x", "y"], "body_first_words": "Det var",
                  "body_paragraphs": 2, "quote_speaker": "Eva Ek"}],
    "contact": {"email": "a@b.se", "phone": None},
}


def _pred(**changes: object) -> Brochure:
    card = ProjectCard(number=1, title="A", facts=["y", "x"], body=["Det var en gång.", "Slut."],
                       quote=Quote(speaker="Eva Ek", text="Hej."))
    b = Brochure(title="Titel", projects=[card])
    b.contact = None
    for k, v in changes.items():
        setattr(card, k, v)
    return b


def test_perfect_prediction_scores_one() -> None:
    d = _pred().to_dict()
    d["contact"] = {"email": "a@b.se", "phone": None}
    r = score(d, SMALL_GOLD)
    assert r.f1 == 1.0, r.errors


def test_list_items_are_units_and_order_is_ignored() -> None:
    r = score(_pred(facts=["x", "z"]), SMALL_GOLD)
    fs = r.fields["projects.facts"]
    assert (fs.tp, fs.fp, fs.fn) == (1, 1, 1)


def test_descriptive_fields() -> None:
    r = score(_pred(body=["Annat först.", "Två.", "Tre."], quote=Quote(speaker="Per Al", text="t")), SMALL_GOLD)
    for key in ("projects.body_first_words", "projects.body_paragraphs", "projects.quote_speaker"):
        assert r.fields[key].f1 == 0.0, key


def test_a_card_without_a_quote_found_without_one_is_right() -> None:
    gold = copy.deepcopy(SMALL_GOLD)
    gold["projects"][0]["quote_speaker"] = None
    fs = score(_pred(quote=None), gold).fields["projects.quote_speaker"]
    assert (fs.tp, fs.fp, fs.fn) == (1, 0, 0)
    fs = score(_pred(), gold).fields["projects.quote_speaker"]  # a quote the gold does not have
    assert (fs.tp, fs.fp, fs.fn) == (0, 1, 0)
    fs = score(_pred(quote=None), SMALL_GOLD).fields["projects.quote_speaker"]  # a quote missed
    assert (fs.tp, fs.fp, fs.fn) == (0, 0, 1)


def test_unmatched_project_counts_all_fields_missed() -> None:
    r = score(_pred(number=2), SMALL_GOLD)
    assert r.fields["projects.title"].fn == 1 and r.fields["projects.facts"].fn == 2
    assert r.fields["projects.number"].fp == 1
    assert any("no match" in e for e in r.errors)


def test_whitespace_normalised_but_letters_count_unless_loose() -> None:
    gold = {"title": "Växjö  kommun\n"}
    assert score({"title": "Växjö kommun"}, gold).f1 == 1.0
    assert score({"title": "Vaxjo kommun"}, gold).f1 == 0.0
    assert score({"title": "Vaxjo kommun"}, gold, loose=True).f1 == 1.0
    assert score({"title": "Helt annan rubrik"}, gold, loose=True).f1 == 0.0
    assert norm_text("’x’", loose=True) == "'x'"


def test_quote_without_project_key_expects_none() -> None:
    gold = {"quotes": [{"speaker": "Eva Ek", "text": "Hej."}]}
    ok = score({"quotes": [{"speaker": "Eva Ek", "text": "Hej.", "project": None}]}, gold)
    wrong = score({"quotes": [{"speaker": "Eva Ek", "text": "Hej.", "project": 3}]}, gold)
    assert ok.f1 == 1.0 and wrong.fields["quotes.project"].fp == 1


def test_seed_gold_against_itself_minus_a_project() -> None:
    pred = copy.deepcopy(GOLD)
    for p in pred["projects"]:  # turn the descriptive gold into real output fields
        p["body"] = [p["body_first_words"] + " ..."] + ["x"] * (p["body_paragraphs"] - 1)
        p["quote"] = {"speaker": p["quote_speaker"]}
    assert score(pred, GOLD).f1 == 1.0
    del pred["projects"][0]
    r = score(pred, GOLD)
    assert 0.8 < r.f1 < 1.0
    assert r.fields["projects.title"].recall == 0.75


def test_a_cards_quote_is_scored_on_the_fields_the_gold_gives() -> None:
    # The gold's card quote leaves out 'project' (the card says which): ours may carry it.
    from brochure_extract.scoring import _Cmp

    cmp = _Cmp(loose=False, threshold=0.9)
    gold = {"speaker": "Eva Ek", "party": "S", "role": None, "text": "Hej."}
    assert cmp.eq({**gold, "project": 2}, gold)
    assert not cmp.eq({**gold, "text": "Hej då."}, gold)
