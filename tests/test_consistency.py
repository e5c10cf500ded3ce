"""Document consistency: misread capitals and half-straightened quote pairs."""
from __future__ import annotations

from brochure_extract.consistency import half_straight_quotes, misread_capitals, repair_consistency, wide_space_underscores
from brochure_extract.edits import compose
from brochure_extract.edits import apply_edits
from brochure_extract.repair import repair

TEXT = (
    "Samarbetet med JB Marks började 2015. JB Marks ligger i Sydafrika.\n"
    "Projektet drevs av IB Marks och Växjö. Besök i JB Marks skedde varje år.\n"
)


def test_rare_spelling_of_a_capitals_name_follows_the_common_one() -> None:
    assert misread_capitals(TEXT) == {"IB": "JB"}
    result = repair_consistency(TEXT)
    assert result.text == TEXT.replace("IB Marks", "JB Marks")
    (edit,) = result.edits
    assert (edit.before, edit.after, edit.reason) == ("IB", "JB", "document")
    assert "'J' as 'I'" in edit.explanation
    assert apply_edits(TEXT, result.edits)[0] == result.text


def test_needs_shared_neighbours_and_a_clear_majority() -> None:
    # 'IT' and 'JT' never share a neighbour: two different names, both kept.
    text = "IT avdelningen. IT avdelningen. IT avdelningen. Vi och JT. Vi och JT. Vi och JT."
    assert misread_capitals(text) == {}
    # Two against one is not enough.
    assert misread_capitals("JB Marks. JB Marks. IB Marks. Annat ord. Ett till.") == {}


def test_half_straight_quote_pair_takes_the_closing_mark() -> None:
    text = "Ett nytt så kallat 'Familjeteam’ och \"en väg in” för alla."
    assert [m for _, m in half_straight_quotes(text)] == ["’", "”"]
    assert repair_consistency(text).text == "Ett nytt så kallat ’Familjeteam’ och ”en väg in” för alla."


def test_straight_pairs_and_apostrophes_are_left_alone() -> None:
    text = "Det är 'rätt' så, och it's fine; Kalle’s bil."
    assert repair_consistency(text).edits == []


def test_repair_includes_consistency_and_stays_idempotent() -> None:
    once = repair(TEXT + "Ett 'Familjeteam’ bildades.\n")
    assert "JB Marks och Växjö" in once.text and "’Familjeteam’" in once.text
    assert repair(once.text).edits == []


def test_a_bar_opening_a_sentence_is_the_preposition_i() -> None:
    text = "Det gick bra. | Taberga har det gått bra.\n| Lunhangas hamnkvarter\nKommunen | Partnerskap\n| samarbete sedan 2016"
    out = repair_consistency(text)
    assert out.text == ("Det gick bra. I Taberga har det gått bra.\nI Lunhangas hamnkvarter\nKommunen | Partnerskap\n"
                        "| samarbete sedan 2016")
    assert all(e.reason == "glyph" for e in out.edits)


def test_a_bar_before_a_place_name_inside_a_line_is_the_preposition_i() -> None:
    text = "partnerskap | Tanzania och\nkommun | Sydafrika | Kosovo\növersikt | Tabell"
    out = repair_consistency(text, lambda w: w == "tanzania")
    assert out.text == "partnerskap i Tanzania och\nkommun | Sydafrika | Kosovo\növersikt | Tabell"
    assert repair_consistency(text).text == text  # without a way to tell names, no change inside lines


def test_em_dashes_of_english_model_ocr_become_swedish_en_dashes() -> None:
    ocr = "Tva partnerskap — manga lardomar\n\n— Det var en bra resa, sager hon.\nSida 3—4 och ord—ord.\n"
    out = repair(ocr)
    assert out.text.startswith("Två partnerskap – många lärdomar\n\n– Det var")
    assert "3—4" in out.text and "ord—ord" in out.text  # unspaced dashes are another matter
    assert all(e.reason == "typography" for e in out.edits if e.before == "—")
    assert repair(out.text).text == out.text
    # a text that sets en dashes, or clean text, keeps its em dashes as they are
    assert "—" in repair("Två partnerskap — många lärdomar – och mer.").text
    assert repair("Två partnerskap — många lärdomar, här och där.").text == "Två partnerskap — många lärdomar, här och där."
    assert repair_consistency(ocr).text == ocr  # only for folded text


def test_a_bar_opening_a_sentence_before_any_word_even_on_the_next_line_is_i() -> None:
    text = "Det var roligt. | stället kom vi hem.\nDen är motsatt. |\nMuanhiwa har vi sett.\n| Land | Kenya |\n"
    out = repair_consistency(text).text
    assert out == "Det var roligt. I stället kom vi hem.\nDen är motsatt. I\nMuanhiwa har vi sett.\n| Land | Kenya |\n"


def test_ocr_glyphs_for_wide_spaces_and_square_kilometres() -> None:
    text = "Under tre år har en_ projektgrupp med_ fem personer arbetat.\nYta: 1 842 km? och file_name, a_b@x.se\n"
    out = compose(wide_space_underscores(text), repair_consistency(wide_space_underscores(text).text))
    assert out.text == "Under tre år har en projektgrupp med fem personer arbetat.\nYta: 1 842 km² och file_name, a_b@x.se\n"
    assert all(e.reason == "glyph" for e in out.edits)
    # before the words are judged: "pa_" is the word "pa", that is "på"
    assert repair("Vi bor pa_ landet.").text == "Vi bor på landet."


def test_capital_a_for_a_lowercase_letter_inside_a_paragraph_line() -> None:
    # a line of running text after a blank line is no heading: 'Aven' there is 'även'
    out = repair("Text.\n\nkonkreta resultat Aven pa hemmaplan. Nagra exem-\n").text
    assert out == "Text.\n\nkonkreta resultat även på hemmaplan. Några exem-\n"
    assert repair("Text.\n\nProjekt 2 – Oppna data\n").text == "Text.\n\nProjekt 2 – Öppna data\n"


def test_specks_read_as_full_stops_in_english_model_ocr() -> None:
    ocr = "Vi har fortsatt.att arbeta med projekt.i Ekby. Nar. gruppen kom ca. 300, bl.a. via www. ekby.se och lumbo.go.ug.\n"
    out = repair(ocr).text
    assert out == "Vi har fortsatt att arbeta med projekt i Ekby. När gruppen kom ca. 300, bl.a. via www. ekby.se och lumbo.go.ug.\n"
    assert repair(out).text == out
    assert repair_consistency("Det var fortsatt.att göra. och mer").text == "Det var fortsatt.att göra. och mer"  # clean text
    # an address with a country's domain no list holds stays whole: "sn" is no common word
    assert "Webbplats: koumbadiala.sn\n" in repair("Webbplats: koumbadiala.sn\nVi har fortsatt.att arbeta pa landet.\n").text


def test_a_street_or_place_name_keeps_its_capital_a() -> None:
    out = repair("Du bor eller har verksamhet langs Akervagen, och vi vill att du ska veta det.").text
    assert out == "Du bor eller har verksamhet längs Åkervägen, och vi vill att du ska veta det."
