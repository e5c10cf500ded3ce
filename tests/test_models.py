"""Models: lossless dict/JSON round trip, schema validity, markdown rendering."""
from __future__ import annotations

import json

import jsonschema
import pytest

from brochure_extract.models import (Brochure, Contact, Partnership, ProjectCard, Quote, Section,
                                     load_schema)


def _sample() -> Brochure:
    q = Quote(speaker="Anna Berg", party="C", role="kommunalråd", text="Det här gav oss mycket.", project=1)
    return Brochure(
        title="Åsby kommuns partnerskap",
        subtitle="Lärande och utbyte",
        sections=[Section("Om arbetet", ["Första stycket.", "Andra stycket."], ["En punkt", "Två punkter"])],
        partnerships=[Partnership("Alpha District", "Kenya", 1200, 45000, "www.alpha.ke", 5, 2010,
                                  ["vatten", "skola"], "Finansiering via ICLD")],
        projects=[ProjectCard(1, "Rent vatten", "RV 1", ["Åsby kommun", "Alpha District"], "Kenya",
                              "Tekniska förvaltningen", 2019, 2021, [6], ["Projektägare: Tekniska förvaltningen"],
                              "Ny vattenplan", ["Stycke ett.", "Stycke två."], q)],
        quotes=[Quote(speaker="Bo Ek", text="Fristående citat."), q],
        contact=Contact("Åsby kommun", "www.asby.se", "info@asby.se", "0123-456 78"),
        notes=["Läs mer på asby.se"],
    )


def test_round_trip_dict_and_json() -> None:
    b = _sample()
    assert Brochure.from_dict(b.to_dict()) == b
    assert Brochure.from_json(b.to_json()) == b
    assert "Åsby" in b.to_json()  # real letters, not \\u escapes


def test_from_dict_tolerates_missing_and_string_numbers() -> None:
    b = Brochure.from_dict({"title": "T", "projects": [{"number": "3", "title": "X", "sdg_goals": ["7"]}],
                            "partnerships": [{"partner": "P", "area_km2": "345"}]})
    assert b.projects[0].number == 3 and b.projects[0].sdg_goals == [7]
    assert b.partnerships[0].area_km2 == 345
    assert b.sections == [] and b.contact is None


def test_schema_accepts_output_and_rejects_wrong_types() -> None:
    schema = load_schema()
    data = _sample().to_dict()
    jsonschema.validate(data, schema)
    jsonschema.validate(Brochure().to_dict(), schema)
    bad = json.loads(json.dumps(data))
    bad["projects"][0]["start_year"] = "2019"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)
    bad = json.loads(json.dumps(data))
    bad["projects"][0]["sdg_goals"] = [18]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def test_markdown_has_every_part() -> None:
    md = _sample().to_markdown()
    for needle in ("# Åsby kommuns partnerskap", "## Om arbetet", "- En punkt", "Partnership: Alpha District",
                   "Project 1: Rent vatten (RV 1)", "> — Anna Berg (C), kommunalråd", "Fristående citat.",
                   "info@asby.se"):
        assert needle in md
