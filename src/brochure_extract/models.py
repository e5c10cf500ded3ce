"""Typed result of brochure segmentation.

Field names follow the gold JSON (``corpus/seed_brochure_gold.json``) so a result can
be scored against a hand-made gold file without a mapping layer. Every class has
``to_dict``/``from_dict`` (lossless round trip through JSON) so batch output can be
re-read and compared later.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def load_schema() -> dict[str, Any]:
    """The JSON Schema of ``Brochure.to_dict()`` (shipped as ``brochure.schema.json``)."""
    text = resources.files(__package__).joinpath("brochure.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def _opt_int(value: Any) -> int | None:
    """Gold files and hand edits may hold numbers as strings; keep ints typed."""
    if value is None or value == "":
        return None
    return int(value)


def _str_list(value: Any) -> list[str]:
    return [str(v) for v in (value or [])]


@dataclass
class Quote:
    """A quoted statement with its attribution; ``project`` is the card number it belongs to."""

    speaker: str
    text: str
    party: str | None = None
    role: str | None = None
    project: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"speaker": self.speaker, "party": self.party, "role": self.role,
                "text": self.text, "project": self.project}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Quote:
        return cls(speaker=d.get("speaker") or "", text=d.get("text") or "", party=d.get("party"),
                   role=d.get("role"), project=_opt_int(d.get("project")))


@dataclass
class Section:
    """A headed run of prose; ``heading`` is None for text before any heading."""

    heading: str | None
    paragraphs: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"heading": self.heading, "paragraphs": list(self.paragraphs), "items": list(self.items)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Section:
        return cls(heading=d.get("heading"), paragraphs=_str_list(d.get("paragraphs")),
                   items=_str_list(d.get("items")))


@dataclass
class Partnership:
    """One municipal partnership: the partner's fact box plus the project facts about it."""

    partner: str
    country: str | None = None
    area_km2: int | None = None
    population: int | None = None
    website: str | None = None
    project_count: int | None = None
    start_year: int | None = None
    themes: list[str] = field(default_factory=list)
    funding: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {f.name: (list(getattr(self, f.name)) if f.name == "themes" else getattr(self, f.name))
                for f in fields(self)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Partnership:
        return cls(partner=d.get("partner") or "", country=d.get("country"),
                   area_km2=_opt_int(d.get("area_km2")), population=_opt_int(d.get("population")),
                   website=d.get("website"), project_count=_opt_int(d.get("project_count")),
                   start_year=_opt_int(d.get("start_year")), themes=_str_list(d.get("themes")),
                   funding=d.get("funding"))


@dataclass
class ProjectCard:
    """A numbered project example: header, fact list, body paragraphs and its quote."""

    number: int | None
    title: str
    acronym: str | None = None
    partners: list[str] = field(default_factory=list)
    country: str | None = None
    owner: str | None = None
    start_year: int | None = None
    end_year: int | None = None
    sdg_goals: list[int] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)
    result: str | None = None
    body: list[str] = field(default_factory=list)
    quote: Quote | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "title": self.title, "acronym": self.acronym,
                "partners": list(self.partners), "country": self.country, "owner": self.owner,
                "start_year": self.start_year, "end_year": self.end_year,
                "sdg_goals": list(self.sdg_goals), "facts": list(self.facts), "result": self.result,
                "body": list(self.body), "quote": self.quote.to_dict() if self.quote else None}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ProjectCard:
        q = d.get("quote")
        return cls(number=_opt_int(d.get("number")), title=d.get("title") or "", acronym=d.get("acronym"),
                   partners=_str_list(d.get("partners")), country=d.get("country"), owner=d.get("owner"),
                   start_year=_opt_int(d.get("start_year")), end_year=_opt_int(d.get("end_year")),
                   sdg_goals=[int(g) for g in d.get("sdg_goals") or []], facts=_str_list(d.get("facts")),
                   result=d.get("result"), body=_str_list(d.get("body")),
                   quote=Quote.from_dict(q) if isinstance(q, dict) else None)


@dataclass
class Contact:
    """The footer line: who publishes the brochure and how to reach them."""

    organisation: str | None = None
    website: str | None = None
    email: str | None = None
    phone: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"organisation": self.organisation, "website": self.website,
                "email": self.email, "phone": self.phone}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Contact:
        return cls(organisation=d.get("organisation"), website=d.get("website"),
                   email=d.get("email"), phone=d.get("phone"))

    def is_empty(self) -> bool:
        return not any((self.organisation, self.website, self.email, self.phone))


@dataclass
class Brochure:
    """A whole brochure. ``notes`` keeps loose lines (e.g. "read more at ...") outside sections."""

    title: str | None = None
    subtitle: str | None = None
    sections: list[Section] = field(default_factory=list)
    partnerships: list[Partnership] = field(default_factory=list)
    projects: list[ProjectCard] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    contact: Contact | None = None
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "subtitle": self.subtitle,
                "sections": [s.to_dict() for s in self.sections],
                "partnerships": [p.to_dict() for p in self.partnerships],
                "projects": [p.to_dict() for p in self.projects],
                "quotes": [q.to_dict() for q in self.quotes],
                "contact": self.contact.to_dict() if self.contact else None,
                "notes": list(self.notes)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Brochure:
        c = d.get("contact")
        return cls(title=d.get("title"), subtitle=d.get("subtitle"),
                   sections=[Section.from_dict(s) for s in d.get("sections") or []],
                   partnerships=[Partnership.from_dict(p) for p in d.get("partnerships") or []],
                   projects=[ProjectCard.from_dict(p) for p in d.get("projects") or []],
                   quotes=[Quote.from_dict(q) for q in d.get("quotes") or []],
                   contact=Contact.from_dict(c) if isinstance(c, dict) else None,
                   notes=_str_list(d.get("notes")))

    def to_json(self, *, indent: int | None = 2) -> str:
        """JSON with real å/ä/ö (``ensure_ascii=False``): the output is for Swedish readers."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_json(cls, text: str) -> Brochure:
        return cls.from_dict(json.loads(text))

    def to_markdown(self) -> str:
        """A readable rendering for humans reviewing an extraction."""
        out: list[str] = []
        if self.title:
            out.append(f"# {self.title}")
        if self.subtitle:
            out.append(f"*{self.subtitle}*")
        for s in self.sections:
            out.append(f"## {s.heading}" if s.heading else "## (untitled)")
            out.extend(s.paragraphs)
            if s.items:
                out.append("\n".join(f"- {i}" for i in s.items))
        for p in self.partnerships:
            out.append(f"## Partnership: {p.partner}")
            rows = [f"- **{name}**: {getattr(p, name)}" for name in
                    ("country", "area_km2", "population", "website", "project_count", "start_year", "funding")
                    if getattr(p, name) is not None]
            if p.themes:
                rows.append(f"- **themes**: {', '.join(p.themes)}")
            if rows:
                out.append("\n".join(rows))
        for c in self.projects:
            out.append(f"## Project {c.number}: {c.title}" + (f" ({c.acronym})" if c.acronym else ""))
            if c.partners:
                out.append(f"*{' & '.join(c.partners)}*" + (f" ({c.country})" if c.country else ""))
            if c.facts:
                out.append("\n".join(f"- {f}" for f in c.facts))
            out.extend(c.body)
            if c.quote:
                out.append(_md_quote(c.quote))
        standalone = [q for q in self.quotes if q.project is None]
        if standalone:
            out.append("## Quotes")
            out.extend(_md_quote(q) for q in standalone)
        if self.notes:
            out.append("## Notes")
            out.extend(self.notes)
        if self.contact and not self.contact.is_empty():
            c = self.contact
            out.append("## Contact")
            out.append(" · ".join(v for v in (c.organisation, c.website, c.email, c.phone) if v))
        return "\n\n".join(out) + "\n"


def _md_quote(q: Quote) -> str:
    who = q.speaker + (f" ({q.party})" if q.party else "") + (f", {q.role}" if q.role else "")
    return f"> {q.text}\n>\n> — {who}"
