"""Generate the test brochures: born-digital PDFs, OCR'd scans, gold JSON and broken PDFs.

Usage: ``python tools/make_brochures.py [--out tests/data/brochures] [--no-scan]``.

Three invented Swedish municipalities with international partners, in the genre of
``corpus/seed_brochure_*`` (title page, intro, partnership fact boxes, results list,
numbered project cards with a fact list, body and quote, contact footer), laid out
with reportlab in one- and two-column variants.  Each brochure's content is a dict
in the gold-JSON shape, written next to the PDF as ``NAME.gold.json``, so extraction
can be scored against it.  Scans (``NAME.scan.pdf``) are made the way a scanner with
OCR would: ``pdftoppm`` at 200 dpi, ``tesseract ... pdf`` (English model, so å/ä/ö
come out damaged), pages merged with ``qpdf``.  Output is deterministic.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfgen.canvas import Canvas
from reportlab.lib.pdfencrypt import StandardEncryption

# --------------------------------------------------------------------------- content
# Each brochure: the gold-JSON shape plus what only the layout needs: ``layout``
# ("one"/"two" columns), ``card_label`` ("PROJEKTEXEMPEL"/"Projekt") and each
# project's full ``body`` paragraphs, from which ``body_first_words`` and
# ``body_paragraphs`` are derived.  All names are fictitious.
FUNDING_ICLD = "Finansiering via ICLD, där {org}s bidrag består av personalens arbetstid"

LOVSJO: dict[str, Any] = {
    "name": "lovsjo",
    "layout": "one",
    "card_label": "PROJEKTEXEMPEL",
    "title": "Lövsjö kommuns internationella partnerskap i Tanzania och Moldavien",
    "subtitle": "Kunskapsutbyte, nya arbetssätt, varaktiga resultat",
    "sections": [
        {
            "heading": "Om Lövsjö kommuns internationella arbete",
            "paragraphs": [
                "Lövsjö kommun har under många år samarbetat med kommuner i andra länder för att lära nytt "
                "och dela med sig av egna erfarenheter. Partnerskapen med Kibaoni District Council i Tanzania "
                "och Comuna Dolinesti i Moldavien inleddes 2011 respektive 2016 och finansieras via ICLD.",
                "Samarbetet bygger på ömsesidighet och på FN:s Agenda 2030. Medarbetare från förvaltningar och "
                "bolag möts på studiebesök och i digitala träffar, prövar nya metoder på hemmaplan och följer "
                "upp vad som fungerar. Så får både Lövsjö och våra partner konkreta verktyg för en hållbar "
                "utveckling av välfärden.",
            ],
        },
        {
            "heading": "Resultat för Lövsjö kommun",
            "paragraphs": ["Exempel på resultat som i dag används i Lövsjö kommuns verksamheter"],
            "items": [
                "Ny rutin för samordnad hemtjänst på landsbygden",
                "Lokal plan för klimatanpassning av dagvattensystemet",
                "Utbildningspaket i digital delaktighet för äldre invånare och deras anhöriga",
                "Gemensam modell för medborgardialog i fullmäktiges beredningar",
                "Förbättrad källsortering på kommunens förskolor och skolor",
            ],
        },
    ],
    "partnerships": [
        {
            "partner": "Kibaoni District Council",
            "country": "Tanzania",
            "area_km2": 4820,
            "population": 310000,
            "website": "www.kibaonidc.go.tz",
            "project_count": 14,
            "start_year": 2011,
            "themes": ["Vattenförsörjning", "folkhälsa", "äldreomsorg", "digital förvaltning", "jämställdhet"],
            "funding": FUNDING_ICLD.format(org="Lövsjö kommun"),
        },
        {
            "partner": "Comuna Dolinesti",
            "country": "Moldavien",
            "area_km2": 212,
            "population": 38000,
            "website": "www.dolinesti.md",
            "project_count": 6,
            "start_year": 2016,
            "themes": ["Medborgardialog", "avfallshantering", "skolutveckling", "näringsliv"],
            "funding": FUNDING_ICLD.format(org="Lövsjö kommun"),
        },
    ],
    "projects": [
        {
            "number": 1,
            "title": "Sustainable water management in rural villages",
            "acronym": None,
            "partners": ["Lövsjö kommun", "Kibaoni District Council"],
            "country": "Tanzania",
            "owner": "Tekniska förvaltningen, Lövsjö kommun",
            "start_year": 2018,
            "end_year": 2020,
            "sdg_goals": [6],
            "result": "Lokal plan för klimatanpassning av dagvattensystemet",
            "facts": [
                "Projektägare: Tekniska förvaltningen, Lövsjö kommun",
                "Genomförande, 2018-2020",
                "Fokus på mål 6, Agenda 2030",
                "Resultat: Lokal plan för klimatanpassning av dagvattensystemet",
            ],
            "body": [
                "Projektet har tagit fram metoder för att säkra dricksvatten och hantera dagvatten i mindre "
                "byar där avstånden är långa och resurserna små.",
                "Ingenjörer från båda kommunerna har kartlagt brunnar, ledningar och översvämningsrisker och "
                "jämfört hur arbetet planeras i Lövsjö och i Kibaoni.",
                "Erfarenheterna har lett till en ny plan för klimatanpassning i Lövsjö som nu används i den "
                "fysiska planeringen.",
            ],
            "quote_speaker": "Anders Lindqvist",
        },
        {
            "number": 2,
            "title": "Digital delaktighet för äldre",
            "acronym": "DIDA",
            "partners": ["Lövsjö kommun", "Comuna Dolinesti"],
            "country": "Moldavien",
            "owner": "Omsorgsförvaltningen, Lövsjö kommun",
            "start_year": 2019,
            "end_year": 2021,
            "sdg_goals": [],
            "result": "Utbildningspaket i digital delaktighet för äldre invånare",
            "facts": [
                "Projektägare: Omsorgsförvaltningen, Lövsjö kommun",
                "Genomförande, 2019-2021",
                "Studiecirklar för äldre och anhöriga i båda kommunerna",
                "Resultat: Utbildningspaket i digital delaktighet för äldre invånare",
            ],
            "body": [
                "Många äldre invånare har svårt att använda digitala tjänster från kommunen, vården och banken.",
                "Projektet utbildade frivilliga handledare som i små grupper har träffat över 200 äldre i "
                "Lövsjö och Dolinesti. Deltagarna har lärt sig att boka tider, betala räkningar och hålla "
                "kontakt med släkt och vänner.",
            ],
            "quote_speaker": "Märta Öberg",
        },
        {
            "number": 3,
            "title": "Medborgardialog i fullmäktige",
            "acronym": None,
            "partners": ["Lövsjö kommun", "Comuna Dolinesti"],
            "country": "Moldavien",
            "owner": "Kommunledningskontoret, Lövsjö kommun",
            "start_year": 2020,
            "end_year": 2022,
            "sdg_goals": [16],
            "result": None,
            "facts": [
                "Projektägare: Kommunledningskontoret, Lövsjö kommun",
                "Genomförande, 2020-2022",
                "Fokus på mål 16, Agenda 2030",
                "Dialogmöten med unga och föreningar",
            ],
            "body": [
                "Projektet prövar hur förtroendevalda kan föra en öppen dialog med invånarna innan viktiga "
                "beslut fattas i fullmäktige.",
                "Politiker och tjänstepersoner från båda kommunerna har genomfört dialogmöten med unga, "
                "föreningar och företagare.",
                "En gemensam modell för medborgardialog har tagits fram och prövas nu i flera beredningar.",
            ],
            "quote_speaker": "Sofia Håkansson",
        },
    ],
    "quotes": [
        {
            "speaker": "Karin Åström",
            "party": "C",
            "role": "kommunstyrelsens ordförande",
            "text": "Vi lär oss minst lika mycket som vi lär ut. Våra medarbetare kommer hem med nya idéer och "
            "ett större perspektiv på vad en kommun kan göra för sina invånare.",
        },
        {
            "speaker": "Anders Lindqvist",
            "party": None,
            "role": "VA-ingenjör, Lövsjö kommun",
            "project": 1,
            "text": "Det var lärorikt att se hur kollegorna i Kibaoni löser stora uppgifter med små medel. "
            "Vi har fått en ny blick på vår egen planering.",
        },
        {
            "speaker": "Märta Öberg",
            "party": None,
            "role": "enhetschef, äldreomsorgen",
            "project": 2,
            "text": "Flera deltagare berättar att de nu vågar använda sina mobiler och att de känner sig "
            "mindre ensamma.",
        },
        {
            "speaker": "Sofia Håkansson",
            "party": "S",
            "role": "ordförande i demokratiberedningen",
            "project": 3,
            "text": "Dialogen har gett oss bättre underlag och invånarna känner att de blir lyssnade på.",
        },
    ],
    "contact": {
        "organisation": "Lövsjö kommun",
        "website": "www.lovsjo.se",
        "email": "info@lovsjo.se",
        "phone": "0345-123 00",
    },
}

NORRBACKE: dict[str, Any] = {
    "name": "norrbacke",
    "layout": "two",
    "card_label": "Projekt",
    "title": "Norrbäcke kommun och Asokwa Municipal Assembly i Ghana",
    "subtitle": "Ett partnerskap för hållbar stadsutveckling",
    "sections": [
        {
            "heading": "Om partnerskapet",
            "paragraphs": [
                "Norrbäcke kommun och Asokwa Municipal Assembly i Ghana inledde sitt partnerskap 2014. "
                "Samarbetet finansieras via ICLD och handlar om att pröva nya lösningar på gemensamma "
                "utmaningar inom stadsplanering, avfall och ungas väg till arbete.",
                "Båda kommunerna växer snabbt. Genom att jämföra arbetssätt och följa upp resultaten tillsammans "
                "får förvaltningarna i Norrbäcke nya perspektiv på sin egen verksamhet.",
            ],
        },
        {
            "heading": "Det här har partnerskapet gett",
            "paragraphs": ["Några resultat som har införts i Norrbäcke kommun"],
            "items": [
                "Ny metod för att kartlägga gröna ytor i växande stadsdelar",
                "Sommarjobb för unga med fokus på återbruk",
                "Gemensam checklista för trygghetsvandringar",
                "Fördjupat samarbete med gymnasieskolans byggprogram",
            ],
        },
    ],
    "partnerships": [
        {
            "partner": "Asokwa Municipal Assembly",
            "country": "Ghana",
            "area_km2": 36,
            "population": 145000,
            "website": "www.asokwa.gov.gh",
            "project_count": 8,
            "start_year": 2014,
            "themes": ["Stadsplanering", "avfallshantering", "ungas sysselsättning", "trygghet"],
            "funding": FUNDING_ICLD.format(org="Norrbäcke kommun"),
        }
    ],
    "projects": [
        {
            "number": 1,
            "title": "Gröna ytor i täta stadsdelar",
            "acronym": "GRÖN",
            "partners": ["Norrbäcke kommun", "Asokwa Municipal Assembly"],
            "country": "Ghana",
            "owner": "Stadsbyggnadsförvaltningen, Norrbäcke kommun",
            "start_year": 2018,
            "end_year": 2020,
            "sdg_goals": [11],
            "result": "Ny metod för att kartlägga gröna ytor i växande stadsdelar",
            "facts": [
                "Projektägare: Stadsbyggnadsförvaltningen, Norrbäcke kommun",
                "Genomförande, 2018-2020",
                "Fokus på mål 11, Agenda 2030",
                "Resultat: Ny metod för att kartlägga gröna ytor i växande stadsdelar",
            ],
            "body": [
                "När städer förtätas minskar ofta parker och andra gröna ytor. Projektet har undersökt hur "
                "grönska kan bevaras och utvecklas när nya bostäder byggs.",
                "Planerare från Norrbäcke och Asokwa har tillsammans inventerat parker, gårdar och gatuträd i "
                "två stadsdelar och intervjuat boende om hur de använder sina närområden.",
                "Arbetet har resulterat i en metod för att kartlägga gröna ytor som nu ingår i kommunens "
                "översiktsplanering.",
            ],
            "quote_speaker": "Elin Björk",
        },
        {
            "number": 2,
            "title": "Youth employment through recycling",
            "acronym": None,
            "partners": ["Norrbäcke kommun", "Asokwa Municipal Assembly"],
            "country": "Ghana",
            "owner": "Arbetsmarknadsenheten, Norrbäcke kommun",
            "start_year": 2019,
            "end_year": 2021,
            "sdg_goals": [8],
            "result": "Sommarjobb för unga med fokus på återbruk",
            "facts": [
                "Projektägare: Arbetsmarknadsenheten, Norrbäcke kommun",
                "Genomförande, 2019-2021",
                "Fokus på mål 8, Agenda 2030",
                "Samverkan med lokala företag",
                "Resultat: Sommarjobb för unga med fokus på återbruk",
            ],
            "body": [
                "Projektet har prövat hur återbruk och återvinning kan ge unga sin första kontakt med "
                "arbetslivet.",
                "I Asokwa har unga startat små verksamheter som samlar in och säljer plast och metall. I "
                "Norrbäcke har kommunen erbjudit sommarjobb på återbruksverkstaden där unga reparerar möbler "
                "och cyklar.",
            ],
            "quote_speaker": "Kwame Mensah",
        },
    ],
    "quotes": [
        {
            "speaker": "Lars Nyström",
            "party": "M",
            "role": "kommunalråd",
            "text": "Partnerskapet med Asokwa har lärt oss att tänka nytt. Det gör oss till en bättre "
            "arbetsgivare och en bättre kommun för våra invånare.",
        },
        {
            "speaker": "Elin Björk",
            "party": None,
            "role": "landskapsarkitekt, Norrbäcke kommun",
            "project": 1,
            "text": "Vi fick syn på hur mycket de gröna ytorna betyder för vardagslivet, både här och i Ghana.",
        },
        {
            "speaker": "Kwame Mensah",
            "party": None,
            "role": "projektledare, Asokwa Municipal Assembly",
            "project": 2,
            "text": "De unga har visat att avfall kan bli en resurs och en inkomst.",
        },
    ],
    "contact": {
        "organisation": "Norrbäcke kommun",
        "website": "www.norrbacke.se",
        "email": "kommun@norrbacke.se",
        "phone": "0612-450 00",
    },
}

EKDALA: dict[str, Any] = {
    "name": "ekdala",
    "layout": "two",
    "card_label": "PROJEKTEXEMPEL",
    "title": "Ekdala kommuns internationella samarbeten i Georgien och Botswana",
    "subtitle": "Lärande, utbyte och hållbar välfärd",
    "sections": [
        {
            "heading": "Om Ekdala kommuns internationella engagemang",
            "paragraphs": [
                "Ekdala kommun deltar i två kommunala partnerskap som finansieras via ICLD. Samarbetet med "
                "Zeda Vake Municipality i Georgien inleddes 2012 och samarbetet med Selebi Hills Sub-District "
                "i Botswana inleddes 2017.",
                "Partnerskapen ger medarbetare möjlighet att utveckla sin kompetens, pröva nya arbetsmetoder "
                "och se den egna verksamheten med nya ögon. Projekten kretsar kring teman som parterna kommer "
                "överens om och följs upp varje år.",
            ],
        },
        {
            "heading": "Positiva resultat för Ekdala kommun",
            "paragraphs": ["Projektresultat som har införts i Ekdala kommun (urval)"],
            "items": [
                "Nytt arbetssätt för tidiga insatser i förskolan",
                "Energiplan för kommunens fastigheter",
                "Mentorprogram för nyanställda socialsekreterare",
                "Gemensamt material om barns rättigheter",
                "Rutiner för krisberedskap vid långvariga strömavbrott",
                "Nätverk för kvinnliga företagare på landsbygden",
            ],
        },
    ],
    "partnerships": [
        {
            "partner": "Zeda Vake Municipality",
            "country": "Georgien",
            "area_km2": 1470,
            "population": 52000,
            "website": "www.zedavake.gov.ge",
            "project_count": 11,
            "start_year": 2012,
            "themes": ["Socialt arbete", "förskola", "energi", "krisberedskap", "jämställdhet"],
            "funding": FUNDING_ICLD.format(org="Ekdala kommun"),
        },
        {
            "partner": "Selebi Hills Sub-District",
            "country": "Botswana",
            "area_km2": 3950,
            "population": 61000,
            "website": "www.selebihills.gov.bw",
            "project_count": 5,
            "start_year": 2017,
            "themes": ["Näringslivsutveckling", "barns rättigheter", "solenergi"],
            "funding": FUNDING_ICLD.format(org="Ekdala kommun"),
        },
    ],
    "projects": [
        {
            "number": 1,
            "title": "Tidiga insatser i förskolan",
            "acronym": "TIF",
            "partners": ["Ekdala kommun", "Zeda Vake Municipality"],
            "country": "Georgien",
            "owner": "Barn- och utbildningsförvaltningen, Ekdala kommun",
            "start_year": 2017,
            "end_year": 2019,
            "sdg_goals": [4],
            "result": "Nytt arbetssätt för tidiga insatser i förskolan",
            "facts": [
                "Projektägare: Barn- och utbildningsförvaltningen, Ekdala kommun",
                "Genomförande, 2017-2019",
                "Fokus på mål 4, Agenda 2030",
                "Resultat: Nytt arbetssätt för tidiga insatser i förskolan",
            ],
            "body": [
                "Projektet har utvecklat ett arbetssätt där förskollärare, specialpedagoger och socialtjänst "
                "tillsammans upptäcker barn som behöver stöd.",
                "Personal från båda kommunerna har besökt varandras förskolor och prövat samma "
                "observationsmaterial under ett år.",
                "Arbetssättet används nu i alla förskolor i Ekdala.",
            ],
            "quote_speaker": "Johanna Ek",
        },
        {
            "number": 2,
            "title": "Energy planning for public buildings",
            "acronym": None,
            "partners": ["Ekdala kommun", "Zeda Vake Municipality"],
            "country": "Georgien",
            "owner": "Fastighetsavdelningen, Ekdala kommun",
            "start_year": 2019,
            "end_year": 2021,
            "sdg_goals": [7],
            "result": "Energiplan för kommunens fastigheter",
            "facts": [
                "Projektägare: Fastighetsavdelningen, Ekdala kommun",
                "Genomförande, 2019-2021",
                "Fokus på mål 7, Agenda 2030",
                "Resultat: Energiplan för kommunens fastigheter",
            ],
            "body": [
                "Skolor, äldreboenden och förvaltningsbyggnader står för en stor del av kommunernas "
                "energianvändning.",
                "Projektet har mätt förbrukningen i tio byggnader i varje kommun och jämfört åtgärder som "
                "isolering, styrning av värme och solceller på taken.",
            ],
            "quote_speaker": "Nino Beridze",
        },
        {
            "number": 3,
            "title": "Kvinnors företagande på landsbygden",
            "acronym": "KFL",
            "partners": ["Ekdala kommun", "Selebi Hills Sub-District"],
            "country": "Botswana",
            "owner": "Näringslivskontoret, Ekdala kommun",
            "start_year": 2018,
            "end_year": 2020,
            "sdg_goals": [],
            "result": "Nätverk för kvinnliga företagare på landsbygden",
            "facts": [
                "Projektägare: Näringslivskontoret, Ekdala kommun",
                "Genomförande, 2018-2020",
                "Mentorskap och studiebesök för företagare",
                "Resultat: Nätverk för kvinnliga företagare på landsbygden",
            ],
            "body": [
                "Kvinnor som driver företag på landsbygden har ofta svårt att nå kunder, kapital och "
                "rådgivning.",
                "Projektet har samlat företagare från båda länderna i ett mentorprogram med studiebesök och "
                "digitala träffar.",
                "Ett nätverk för kvinnliga företagare har bildats i Ekdala och träffas varje månad.",
            ],
            "quote_speaker": "Ulla Sjöberg",
        },
        {
            "number": 4,
            "title": "Barns rättigheter i skolan",
            "acronym": None,
            "partners": ["Ekdala kommun", "Selebi Hills Sub-District"],
            "country": "Botswana",
            "owner": "Socialförvaltningen, Ekdala kommun",
            "start_year": 2020,
            "end_year": 2022,
            "sdg_goals": [16],
            "result": "Gemensamt material om barns rättigheter",
            "facts": [
                "Projektägare: Socialförvaltningen, Ekdala kommun",
                "Genomförande, 2020-2022",
                "Fokus på mål 16, Agenda 2030",
                "Resultat: Gemensamt material om barns rättigheter",
            ],
            "body": [
                "Projektet har tagit fram material om barnkonventionen för lärare och elever i årskurs 4 till 6.",
                "Materialet har prövats i fem skolor i varje kommun och bearbetats efter elevernas synpunkter.",
            ],
            "quote_speaker": "Gustav Ågren",
        },
    ],
    "quotes": [
        {
            "speaker": "Helena Dahl",
            "party": "S",
            "role": "kommunstyrelsens ordförande",
            "text": "De internationella partnerskapen gör Ekdala till en modigare kommun. Vi vågar pröva "
            "nya idéer och lär oss av kollegor som möter samma frågor som vi.",
        },
        {
            "speaker": "Johanna Ek",
            "party": None,
            "role": "specialpedagog, Ekdala kommun",
            "project": 1,
            "text": "Vi upptäcker barnens behov tidigare och kan sätta in rätt stöd från början.",
        },
        {
            "speaker": "Nino Beridze",
            "party": None,
            "role": "energisamordnare, Zeda Vake Municipality",
            "project": 2,
            "text": "Mätningarna visade att små åtgärder kan ge stora besparingar.",
        },
        {
            "speaker": "Ulla Sjöberg",
            "party": None,
            "role": "företagare, Ekdala",
            "project": 3,
            "text": "Nätverket har gett mig både nya kunder och modet att anställa min första medarbetare.",
        },
        {
            "speaker": "Gustav Ågren",
            "party": "V",
            "role": "ordförande i socialnämnden",
            "project": 4,
            "text": "Barnen har själva varit med och format materialet, och det märks.",
        },
    ],
    "contact": {
        "organisation": "Ekdala kommun",
        "website": "www.ekdala.se",
        "email": "info@ekdala.se",
        "phone": "0474-210 00",
    },
}

HASSLEBRO: dict[str, Any] = {
    "name": "hasslebro",
    "layout": "two",
    "card_label": "PROJEKTEXEMPEL",
    "boxes": "side_by_side",
    "title": "Hässlebro kommuns internationella partnerskap i Kenya och Ukraina",
    "subtitle": "Gemensamt lärande för en hållbar och trygg välfärd",
    "sections": [
        {
            "heading": "Om Hässlebro kommuns internationella arbete",
            "paragraphs": [
                "Hässlebro kommun är sedan länge engagerad i internationellt samarbete. I dag har kommunen "
                "två partnerskap som finansieras via ICLD: med Ngarua Municipal Board i Kenya sedan 2013 och "
                "med Vyshneva Hromada i Ukraina sedan 2018.",
                "Partnerskapen vilar på ömsesidighet, öppenhet och FN:s Agenda 2030. Medarbetare och "
                "förtroendevalda från båda håll möts på studiebesök och i digitala träffar, jämför sina "
                "arbetssätt och prövar nya lösningar i den egna vardagen. Det är ett givande och tagande där "
                "alla parter växer och där lärdomarna stannar kvar i förvaltningarna.",
            ],
        },
        {
            "heading": "Så har Hässlebro kommun förändrats",
            "paragraphs": ["Exempel på resultat som nu används i Hässlebro kommuns verksamheter"],
            "items": [
                "Handbok för trygga skolvägar i tätorten",
                "Solcellsplan för kommunens vård- och omsorgsboenden",
                "Gemensam portal för öppna data om kommunens ekonomi",
                "Stödmaterial om krisreaktioner hos barn för elevhälsan",
                "Utvecklad samverkan mellan räddningstjänst och socialtjänst",
            ],
        },
    ],
    "partnerships": [
        {
            "partner": "Ngarua Municipal Board",
            "country": "Kenya",
            "area_km2": 2140,
            "population": 187000,
            "website": "www.ngarua.go.ke",
            "project_count": 12,
            "start_year": 2013,
            "themes": ["Trafiksäkerhet", "förnybar energi", "hälsa", "avfallshantering", "jämställdhet"],
            "funding": "Finansiering via ICLD, där Hässlebro kommuns bidrag består av personalens arbetstid",
        },
        {
            "partner": "Vyshneva Hromada",
            "country": "Ukraina",
            "area_km2": 318,
            "population": 46000,
            "website": "www.vyshneva-rada.gov.ua",
            "project_count": 7,
            "start_year": 2018,
            "themes": ["Öppna data", "krisberedskap", "elevhälsa", "medborgardialog"],
            "funding": "Finansiering via ICLD, där Hässlebro kommuns bidrag består av personalens arbetstid",
        },
    ],
    "projects": [
        {
            "number": 1,
            "title": "Trygga skolvägar för alla barn",
            "acronym": "TSV",
            "partners": ["Hässlebro kommun", "Ngarua Municipal Board"],
            "country": "Kenya",
            "owner": "Samhällsbyggnadsförvaltningen, Hässlebro kommun",
            "start_year": 2018,
            "end_year": 2020,
            "sdg_goals": [11],
            "result": "Handbok för trygga skolvägar i tätorten",
            "facts": [
                "Projektägare: Samhällsbyggnadsförvaltningen, Hässlebro kommun",
                "Genomförande, 2018-2020",
                "Fokus på mål 11, Agenda 2030",
                "Trafikvandringar tillsammans med elever i årskurs 4 och 5",
                "Resultat: Handbok för trygga skolvägar i tätorten",
            ],
            "body": [
                "Många barn i både Hässlebro och Ngarua går eller cyklar till skolan längs vägar där bilarna "
                "kör fort och trottoarerna saknas.",
                "Trafikplanerare och lärare från båda kommunerna har låtit eleverna själva rita sina "
                "skolvägar och märka ut platser där de känner sig otrygga. Förslagen har sedan prövats med "
                "enkla åtgärder som målade övergångsställen och sänkta hastigheter.",
                "Erfarenheterna har samlats i en handbok som nu styr hur Hässlebro planerar gator nära skolor.",
            ],
            "quote_speaker": "Jonas Möller",
        },
        {
            "number": 2,
            "title": "Solar energy for health centres",
            "acronym": None,
            "partners": ["Hässlebro kommun", "Ngarua Municipal Board"],
            "country": "Kenya",
            "owner": "Tekniska förvaltningen, Hässlebro kommun",
            "start_year": 2019,
            "end_year": 2021,
            "sdg_goals": [7],
            "result": "Solcellsplan för kommunens vård- och omsorgsboenden",
            "facts": [
                "Projektägare: Tekniska förvaltningen, Hässlebro kommun",
                "Genomförande, 2019-2021",
                "Fokus på mål 7, Agenda 2030",
                "Resultat: Solcellsplan för kommunens vård- och omsorgsboenden",
            ],
            "body": [
                "Hälsostationerna i Ngarua drabbas ofta av strömavbrott, vilket gör det svårt att förvara "
                "vaccin och ta emot patienter på kvällen.",
                "Tekniker från Hässlebro och Ngarua har tillsammans installerat solpaneler och batterier på "
                "tre hälsostationer och följt upp driften i två år. Samma beräkningar användes sedan för "
                "kommunens egna boenden.",
            ],
            "quote_speaker": "Grace Wanjiru",
        },
        {
            "number": 3,
            "title": "Öppna data i förvaltningen",
            "acronym": "ÖDF",
            "partners": ["Hässlebro kommun", "Vyshneva Hromada"],
            "country": "Ukraina",
            "owner": "Kommunledningsförvaltningen, Hässlebro kommun",
            "start_year": 2020,
            "end_year": 2022,
            "sdg_goals": [],
            "result": "Gemensam portal för öppna data om kommunens ekonomi",
            "facts": [
                "Projektägare: Kommunledningsförvaltningen, Hässlebro kommun",
                "Genomförande, 2020-2022",
                "Workshoppar för tjänstepersoner och förtroendevalda",
                "Resultat: Gemensam portal för öppna data om kommunens ekonomi",
            ],
            "body": [
                "Invånarna ska kunna se hur skattepengarna används. Vyshneva Hromada hade redan kommit långt "
                "med att publicera budget och upphandlingar öppet på nätet.",
                "Ekonomer och it-strateger från båda kommunerna har jämfört sina system och tagit fram en "
                "gemensam struktur för att redovisa kostnader på ett begripligt sätt.",
                "Portalen lanserades i Hässlebro hösten 2022 och besöks av allt fler invånare och journalister.",
            ],
            "quote_speaker": "Åsa Lindström",
        },
        {
            "number": 4,
            "title": "Psykosocialt stöd till barn i kris",
            "acronym": None,
            "partners": ["Hässlebro kommun", "Vyshneva Hromada"],
            "country": "Ukraina",
            "owner": "Socialförvaltningen, Hässlebro kommun",
            "start_year": 2022,
            "end_year": 2024,
            "sdg_goals": [3],
            "result": None,
            "facts": [
                "Projektägare: Socialförvaltningen, Hässlebro kommun",
                "Genomförande, 2022-2024",
                "Fokus på mål 3, Agenda 2030",
                "Handledning för skolkuratorer och psykologer i båda kommunerna",
            ],
            "body": [
                "Kriget har ställt skolorna i Vyshneva inför helt nya uppgifter. Många elever bär på oro, "
                "sorg och sömnlöshet.",
                "Kuratorer och psykologer från båda kommunerna träffas varannan vecka digitalt för att dela "
                "metoder för samtal i grupp och för att ta hand om sin egen återhämtning.",
                "I Hässlebro har arbetet gett elevhälsan ett nytt stödmaterial om krisreaktioner hos barn.",
            ],
            "quote_speaker": "Oksana Kovalenko",
        },
    ],
    "quotes": [
        {
            "speaker": "Birgitta Sjölund",
            "party": "S",
            "role": "kommunstyrelsens ordförande",
            "text": "Partnerskapen gör Hässlebro till en öppnare och modigare kommun. Våra medarbetare "
            "möter kollegor som löser svåra uppgifter med små resurser, och de kommer hem med idéer som "
            "gör vardagen bättre för våra invånare.",
        },
        {
            "speaker": "Jonas Möller",
            "party": None,
            "role": "trafikplanerare, Hässlebro kommun",
            "project": 1,
            "text": "Barnen såg faror som vi vuxna aldrig hade lagt märke till. Det förändrade hur vi ritar "
            "våra gator.",
        },
        {
            "speaker": "Grace Wanjiru",
            "party": None,
            "role": "hälsosamordnare, Ngarua Municipal Board",
            "project": 2,
            "text": "Nu kan sjuksköterskorna ta emot mödrar och barn även efter mörkrets inbrott.",
        },
        {
            "speaker": "Åsa Lindström",
            "party": "L",
            "role": "kommunalråd",
            "project": 3,
            "text": "Öppenhet bygger förtroende. Vi lärde oss av Vyshneva att det går att visa mer än man tror.",
        },
        {
            "speaker": "Oksana Kovalenko",
            "party": None,
            "role": "skolpsykolog, Vyshneva Hromada",
            "project": 4,
            "text": "Samtalen med kollegorna i Sverige har gett oss kraft att orka vidare i ett svårt läge.",
        },
    ],
    "contact": {
        "organisation": "Hässlebro kommun",
        "website": "www.hasslebro.se",
        "email": "info@hasslebro.se",
        "phone": "0451-380 00",
    },
}

BROCHURES: list[dict[str, Any]] = [LOVSJO, NORRBACKE, EKDALA, HASSLEBRO]

#: Keys that steer the layout and are not part of the gold JSON.
LAYOUT_KEYS = ("name", "layout", "card_label", "boxes")


def gold_of(spec: dict[str, Any]) -> dict[str, Any]:
    """The gold JSON for a brochure spec: drop layout keys, summarise each project's body."""
    gold = {k: v for k, v in spec.items() if k not in LAYOUT_KEYS}
    projects = []
    for proj in spec["projects"]:
        p = {k: v for k, v in proj.items() if k != "body"}
        body = proj["body"]
        p["body_first_words"] = " ".join(body[0].split()[:6])
        p["body_paragraphs"] = len(body)
        # keep the seed's key order: facts, body, then the quote speaker
        speaker = p.pop("quote_speaker")
        p["quote_speaker"] = speaker
        projects.append(p)
    gold["projects"] = projects
    return gold


# --------------------------------------------------------------------------- layout

PAGE_W, PAGE_H = A4
LEFT, RIGHT, TOP, BOTTOM = 56.0, PAGE_W - 56.0, 64.0, 72.0
#: Two-column geometry: a narrow fact column and the body beside it (gutter 24 pt).
FACT_X, FACT_W = LEFT, 150.0
BODY_X = LEFT + FACT_W + 24.0
BODY_W = RIGHT - BODY_X


@dataclass(frozen=True)
class Style:
    """How one paragraph is set: font, size, leading, space after it, bullet or not."""

    font: str
    size: float
    leading: float
    after: float = 0.0
    bullet: bool = False


H1 = Style("Helvetica-Bold", 16, 19, 8)
H2 = Style("Helvetica-Bold", 13, 16, 6)
H3 = Style("Helvetica-Bold", 10.5, 13, 9)
LABEL = Style("Helvetica-Bold", 10, 13, 4)
CARD_TITLE = Style("Helvetica-Bold", 18, 21.5, 8)
PARTNERS = Style("Helvetica", 11, 14, 14)
BODY = Style("Helvetica", 10, 13.5, 8)
LEAD_IN = Style("Helvetica", 10, 13.5, 8)
QUOTE = Style("Helvetica-Oblique", 10, 13.5, 9)
ATTRIB = Style("Helvetica", 9, 12, 14)
ITEM = Style("Helvetica", 10, 13.5, 2, bullet=True)
FACT = Style("Helvetica", 9, 11.5, 2, bullet=True)
BOX = Style("Helvetica", 9.5, 12.5, 0)
BOX_HEAD = Style("Helvetica-Bold", 10, 13, 1)
BULLET_INDENT = 11.0

Item = tuple[Style, str]


def wrap(item: Item, width: float) -> list[str]:
    """Break one paragraph into lines that fit ``width`` (no hyphenation)."""
    style, text = item
    if style.bullet:
        width -= BULLET_INDENT
    return simpleSplit(text, style.font, style.size, width)


def height(items: list[Item], width: float) -> float:
    """Vertical space the items need, so a group can be moved whole to the next page."""
    return sum(len(wrap(it, width)) * it[0].leading + it[0].after for it in items)


def draw(c: Canvas, items: list[Item], x: float, y: float, width: float) -> float:
    """Draw the items top-down from ``y`` (top of the first line); return the new ``y``."""
    for style, text in items:
        lines = wrap((style, text), width)
        c.setFont(style.font, style.size)
        for i, line in enumerate(lines):
            y -= style.leading
            if style.bullet:
                if i == 0:
                    c.drawString(x, y, "•")
                c.drawString(x + BULLET_INDENT, y, line)
            else:
                c.drawString(x, y, line)
        y -= style.after
    return y


def draw_box(c: Canvas, items: list[Item], x: float, y: float, width: float) -> float:
    """A fact box: a light grey panel with the items inset by 6 pt."""
    pad = 6.0
    h = height(items, width - 2 * pad) + 2 * pad
    c.setFillGray(0.9)
    c.rect(x, y - h, width, h, stroke=0, fill=1)
    c.setFillGray(0.0)
    draw(c, items, x + pad, y - pad, width - 2 * pad)
    return y - h - 10


class Flow:
    """A cursor down the pages; groups that do not fit start a new page."""

    def __init__(self, c: Canvas) -> None:
        self.c = c
        self.y = PAGE_H - TOP

    def new_page(self) -> None:
        self.c.showPage()
        self.y = PAGE_H - TOP

    def need(self, h: float) -> None:
        if self.y - h < BOTTOM:
            self.new_page()

    def group(self, items: list[Item], x: float = LEFT, width: float = RIGHT - LEFT) -> None:
        self.need(height(items, width))
        self.y = draw(self.c, items, x, self.y, width)

    def columns(self, left: list[Item], right: list[Item], boxed_left: bool = False) -> None:
        """Fact column beside the body; their first baselines line up (as a scanner's OCR expects)."""
        hl = height(left, FACT_W - (12 if boxed_left else 0)) + (22 if boxed_left else 0)
        self.need(max(hl, height(right, BODY_W)))
        top = self.y
        yl = (draw_box if boxed_left else draw)(self.c, left, FACT_X, top, FACT_W)
        drop = 6.0 + left[0][0].leading - right[0][0].leading if boxed_left else 0.0
        yr = draw(self.c, right, BODY_X, top - drop, BODY_W)
        self.y = min(yl, yr)
        if self.y < BOTTOM - 1:
            raise ValueError("content overflows the page; shorten it")


    def pair(self, left: list[Item], right: list[Item], under_left: list[Item], under_right: list[Item]) -> None:
        """Two partner boxes side by side, each with its bullets below it (what OCR reads row by row)."""
        gutter = 20.0
        w = (RIGHT - LEFT - gutter) / 2
        self.need(max(height(left, w - 12) + height(under_left, w), height(right, w - 12) + height(under_right, w)) + 40)
        top = self.y
        yl = draw(self.c, under_left, LEFT, draw_box(self.c, left, LEFT, top, w) - 6, w)
        yr = draw(self.c, under_right, LEFT + w + gutter, draw_box(self.c, right, LEFT + w + gutter, top, w) - 6, w)
        self.y = min(yl, yr) - 10
        if self.y < BOTTOM - 1:
            raise ValueError("content overflows the page; shorten it")


def thousands(n: int) -> str:
    """Swedish digit grouping: 310000 -> '310 000'."""
    return f"{n:,}".replace(",", " ")


def attribution(q: dict[str, Any]) -> str:
    """'Name (Party), role' or 'Name, role'."""
    party = f" ({q['party']})" if q.get("party") else ""
    return f"{q['speaker']}{party}, {q['role']}"


def quote_items(q: dict[str, Any]) -> list[Item]:
    return [(QUOTE, "– " + q["text"]), (ATTRIB, attribution(q))]


def render(spec: dict[str, Any], out: Path) -> None:
    """Lay out one brochure as a born-digital PDF (deterministic: ``invariant=1``)."""
    two = spec["layout"] == "two"
    c = Canvas(str(out), pagesize=A4, invariant=1, pageCompression=1)
    c.setTitle(spec["title"])
    c.setAuthor(spec["contact"]["organisation"])
    # Title page: title and subtitle only.
    y = draw(c, [(Style("Helvetica-Bold", 28, 34, 14), spec["title"])], LEFT, PAGE_H - 260, RIGHT - LEFT)
    draw(c, [(Style("Helvetica", 16, 20), spec["subtitle"])], LEFT, y, RIGHT - LEFT)
    c.setLineWidth(2)
    c.line(LEFT, PAGE_H - 230, LEFT + 120, PAGE_H - 230)
    flow = Flow(c)
    flow.new_page()

    intro, results = spec["sections"]
    general = [q for q in spec["quotes"] if "project" not in q]
    flow.group([(H1, intro["heading"]), (BODY, intro["paragraphs"][0])])
    for para in intro["paragraphs"][1:]:
        flow.group([(BODY, para)])
    for q in general:
        flow.group(quote_items(q))

    boxes = []
    for p in spec["partnerships"]:
        box = [(BOX_HEAD, p["partner"]), (BOX, p["country"]), (BOX, f"{thousands(p['area_km2'])} km2"),
               (BOX, f"{thousands(p['population'])} invånare"), (BOX, p["website"])]
        bullets = [(ITEM, f"{p['project_count']} projekt"),
                   (ITEM, "Exempel på projektteman: " + ", ".join(p["themes"])), (ITEM, p["funding"])]
        boxes.append((box, bullets))
    if spec.get("boxes") == "side_by_side":  # both partners' boxes next to each other under one heading
        flow.group([(H2, "Våra partnerkommuner")])
        (box_a, bul_a), (box_b, bul_b) = boxes
        flow.pair(box_a, box_b, bul_a, bul_b)
    for p, (box, bullets) in zip(spec["partnerships"], boxes):
        if spec.get("boxes") == "side_by_side":
            break
        heading = (H2, f"Samarbetet med {p['partner']}")
        if two:
            flow.need(140)
            flow.group([heading])
            flow.columns(box, bullets, boxed_left=True)
            flow.y -= 10
        else:
            flow.need(height([heading], RIGHT - LEFT) + height(box, 200) + 20 + height(bullets, RIGHT - LEFT))
            flow.group([heading])
            flow.y = draw_box(c, box, LEFT, flow.y, 200)
            flow.group(bullets)
            flow.y -= 12

    items = [(ITEM, it) for it in results["items"]]
    flow.group([(H1, results["heading"]), (LEAD_IN, results["paragraphs"][0])] + items[:2])
    flow.group(items[2:])

    quotes = {q["project"]: q for q in spec["quotes"] if "project" in q}
    for proj in spec["projects"]:
        flow.new_page()
        title = proj["title"] + (f" ({proj['acronym']})" if proj["acronym"] else "")
        a, b = proj["partners"]
        flow.group([(LABEL, f"{spec['card_label']} {proj['number']}"), (CARD_TITLE, title),
                    (PARTNERS, f"{a} & {b} ({proj['country']})")])
        facts = [(H3, "Kort om projektet")] + [(FACT if two else ITEM, f) for f in proj["facts"]]
        body = [(H3, "Projektets syfte och resultat")] + [(BODY, para) for para in proj["body"]]
        body += quote_items(quotes[proj["number"]])
        if two:
            flow.columns(facts, body)
        else:
            flow.group(facts)
            flow.y -= 8
            flow.group(body[:2])
            for it in body[2:-2]:
                flow.group([it])
            flow.group(body[-2:])

    ct = spec["contact"]
    c.setFont("Helvetica", 8.5)
    c.drawString(LEFT, 40, f"{ct['organisation']} • {ct['website']} • {ct['email']} • tel. {ct['phone']}")
    c.showPage()
    c.save()


# --------------------------------------------------------------------------- scans and broken files


def run(cmd: list[str], **env: str) -> None:
    """Run a tool, failing loudly; tesseract gets one thread (shared machine)."""
    try:
        subprocess.run(cmd, check=True, capture_output=True, env={**os.environ, **env})
    except FileNotFoundError:
        sys.exit(f"{cmd[0]} not found: scans need poppler-utils, tesseract-ocr(-eng) and qpdf; or pass --no-scan")
    except subprocess.CalledProcessError as err:
        sys.exit(f"{' '.join(cmd)} failed: {err.stderr.decode(errors='replace').strip()[:300]}")


def rasterise(pdf: Path, tmp: Path, dpi: int, quality: int) -> list[Path]:
    """Grayscale JPEG per page; JPEG keeps the scanned fixtures small."""
    run(["pdftoppm", "-r", str(dpi), "-gray", "-jpeg", "-jpegopt", f"quality={quality}", str(pdf),
         str(tmp / "page")])
    return sorted(tmp.glob("page-*.jpg"))


def scan(pdf: Path, out: Path) -> None:
    """Rasterise at 200 dpi and OCR with tesseract's English model into an invisible text layer.

    tesseract embeds the JPEG as is, so each page is one image plus render-mode-3 text,
    like a scanner's "searchable PDF". Pages are merged with qpdf.
    """
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        parts = []
        for jpg in rasterise(pdf, tmp, SCAN_DPI, SCAN_QUALITY):
            base = jpg.with_suffix("")
            run(["tesseract", str(jpg), str(base), "-l", "eng", "--dpi", str(SCAN_DPI), "pdf"],
                OMP_THREAD_LIMIT="1")
            parts.append(str(base) + ".pdf")
        run(["qpdf", "--deterministic-id", "--empty", "--pages", *parts, "--", str(out)])


def image_only(pdf: Path, out: Path) -> None:
    """One scanned page with no text layer at all: what a scanner without OCR produces."""
    with tempfile.TemporaryDirectory() as t:
        jpg = rasterise(pdf, Path(t), 72, 40)[1]
        c = Canvas(str(out), pagesize=A4, invariant=1)
        # from bytes, so the temporary file name does not end up in the PDF
        c.drawImage(ImageReader(io.BytesIO(jpg.read_bytes())), 0, 0, PAGE_W, PAGE_H)
        c.showPage()
        c.save()


def encrypted(out: Path) -> None:
    """A PDF that needs a user password to open."""
    c = Canvas(str(out), pagesize=A4, invariant=1, encrypt=StandardEncryption("hemligt", canPrint=0))
    c.setFont("Helvetica", 12)
    c.drawString(LEFT, PAGE_H - 100, "Hemlig broschyr om kommunala partnerskap")
    c.showPage()
    c.save()


def truncated(pdf: Path, out: Path) -> None:
    """The first 60 % of a good PDF: a download that was cut off."""
    data = pdf.read_bytes()
    out.write_bytes(data[: len(data) * 6 // 10])


SCAN_DPI = 200
SCAN_QUALITY = 50


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "tests/data/brochures")
    ap.add_argument("--no-scan", action="store_true", help="skip the (slow) OCR'd scans")
    args = ap.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    for spec in BROCHURES:
        pdf = out / f"{spec['name']}.pdf"
        render(spec, pdf)
        (out / f"{spec['name']}.gold.json").write_text(
            json.dumps(gold_of(spec), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        if not args.no_scan:
            scan(pdf, out / f"{spec['name']}.scan.pdf")
        print(pdf)
    first = out / f"{BROCHURES[0]['name']}.pdf"
    image_only(first, out / "broken_image_only.pdf")
    encrypted(out / "broken_encrypted.pdf")
    truncated(out / f"{BROCHURES[1]['name']}.pdf", out / "broken_truncated.pdf")
    return 0


if __name__ == "__main__":
    sys.exit(main())
