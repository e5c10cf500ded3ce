"""The context model must pick the right form of an ambiguous fold key.

Sentences are general Swedish, not taken from any brochure.
"""
from __future__ import annotations

import math

import pytest

from brochure_extract.context import BOS, EOS, PROXY, ContextModel


@pytest.fixture(scope="module")
def model() -> ContextModel:
    return ContextModel.default()


@pytest.mark.parametrize("left, good, bad, right", [
    ("det", "här", "har", "ger"),
    ("att", "vara", "våra", "en"),
    ("jag", "har", "här", "en"),
    ("vi", "har", "här", "gjort"),
    ("ett", "sätt", "satt", "att"),
    ("har", "fått", "fatt", "en"),
    ("mer", "än", "an", "en"),
    ("det", "är", "ar", "en"),
    ("kan", "vara", "våra", "bra"),
    ("ett", "mål", "mal", "för"),
    ("är", "så", "sa", "att"),
    ("alla", "våra", "vara", "kunder"),  # through the pooled stand-ins of våra
    ("till", "vår", "var", "förening"),
    ("vill", "vara", "våra", "med"),
])
def test_prefers_right_form(model: ContextModel, left: str, good: str, bad: str,
                            right: str) -> None:
    assert model.logprob(left, good, right) > model.logprob(left, bad, right)
    assert model.best(left, [bad, good], right) == good


def test_case_insensitive(model: ContextModel) -> None:
    assert model.logprob("Det", "HÄR", "Ger") == pytest.approx(model.logprob("det", "här", "ger"))


def test_none_context_falls_back_to_frequency(model: ContextModel) -> None:
    # without context the more frequent form wins
    assert model.logprob(None, "för", None) > model.logprob(None, "for", None)
    assert math.isfinite(model.logprob(None, "qxzvkj", None))


def test_boundaries(model: ContextModel) -> None:
    assert math.isfinite(model.logprob(BOS, "här", EOS))


def test_probabilities_are_probabilities(model: ContextModel) -> None:
    for given in ("det", "att", "qxzvkj"):
        p = model.cond_prob("här", given)
        assert 0.0 < p < 1.0


def test_possessive_before_rare_noun(model: ContextModel) -> None:
    assert model.logprob("och", "våra", "medarbetare") > model.logprob("och", "vara", "medarbetare")


def test_evidence_is_bounded(model: ContextModel) -> None:
    # a never-seen neighbour cannot outweigh the frequency prior by much
    gap = model.logprob(None, "för", None) - model.logprob(None, "for", None)
    worst = model.logprob("qxzvkj", "för", "qxzvkj") - model.logprob("qxzvkj", "for", "qxzvkj")
    assert worst > gap - 4.5


def test_pickles_as_reference(model: ContextModel) -> None:
    import pickle

    assert pickle.loads(pickle.dumps(model)) is model


def test_missing_data_is_a_clear_error(tmp_path) -> None:
    with pytest.raises(FileNotFoundError, match="build_context"):
        ContextModel.load(tmp_path)


def test_little_data_is_little_evidence(model: ContextModel) -> None:
    # A form seen a handful of times (two 'ett läger', no 'ett lager' once) must not outvote the
    # lexicon: its evidence is shrunk by n / (n + TRUST_N0).
    rare = next(h for h in sorted(model._heads)
                if not h.startswith(PROXY) and 3 <= model._seen(h, True) <= 8 and not model._seen(PROXY + h, True))
    assert model._trust(rare, True) <= 0.5
    assert model._trust("här", True) > 0.95
    # ...while well-attested forms keep their weight: 'Här är' opens sentences, 'Har är' never.
    assert model.logprob(BOS, "här", "är") - model.logprob(BOS, "har", "är") > 1.5


def test_prior_moves_toward_the_corpus(model: ContextModel) -> None:
    # wordfreq counts subtitles, where 'är' outnumbers 'år' 18 to 1; in documents far less.
    assert model.prior_shift("år") > 0 > model.prior_shift("är")

    def score(w: str) -> float:
        return model.logprob("många", w, None) + model.prior_shift(w)

    assert score("år") > score("är")
    assert model.prior_shift("qwzx") == 0.0  # no counts, no shift


def test_trigram_counts_between_two_neighbours(model: ContextModel) -> None:
    counts = model.trigram_counts("vi", ["har", "här"], "gjort")
    assert counts[0] > 0 and counts[1] == 0
    assert model.trigram_counts("qwzx", ["har", "här"], "qwzx") == [0, 0]


def test_trigram_counts_move_the_gains() -> None:
    from brochure_extract.repair import Repairer

    class Stub:
        def logprob(self, left, word, right):  # no bigram preference at all
            return 0.0

        def trigram_counts(self, left, words, right):
            return [3, 0] if (left, right) == ("den", "gröna") else [1, 0]

    r = Repairer(context=Stub())  # type: ignore[arg-type]
    up, down = r.context_gains("den", ["här", "har"], "gröna")
    assert up > down
    assert r.context_gains("en", ["här", "har"], "bil") == [0.0, 0.0]  # seen once: too little to say
    assert r.context_gains(None, ["här", "har"], "gröna") == [0.0, 0.0]
