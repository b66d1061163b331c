"""The action plan 2025-2028 as derived from case 25/555 (Norddjurs Kommune, 4 February 2025).

Activities are derived from the case text; which committee owns each one is a starting point for
the director to edit (``committee_suggested=True``), not a fact of the case. Timestamps are fixed so
the seed is reproducible byte for byte.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from .budget import BudgetLine, StrategicPool, VisitBudget
from .enums import MilestoneKind, MilestoneStatus, Side, Status
from .fuzzy_date import FuzzyDate
from .model import Activity, Committee, Decision, FocusArea, Milestone
from .plan import Plan, PlanInfo

SEEDED_AT = datetime(2025, 2, 4, 12, 0, tzinfo=UTC)
SEEDED_BY = "seed"
CASE = "25/555"

FOCUS_AREAS = [
    FocusArea("HAVN", {"da": "Havne- og erhvervsudvikling", "sv": "Hamn- och näringslivsutveckling",
                       "en": "Port and business development"}, 1,
              "Udvikling af havnene og den fælles infrastruktur; nye etableringer og arbejdspladser."),
    FocusArea("TUR", {"da": "Turisme og branding", "sv": "Turism och varumärke",
                      "en": "Tourism and branding"}, 2,
              "Markedsføre/brande det fælles geografiske samarbejdsområde, Kattegatalliancen."),
    FocusArea("UDD", {"da": "Uddannelse", "sv": "Utbildning", "en": "Education"}, 3,
              "Styrket fokus på uddannelsessamarbejder, fx branchespecifikke efteruddannelser."),
    FocusArea("KLIMA", {"da": "Klima og natur", "sv": "Klimat och natur",
                        "en": "Climate and nature"}, 4,
              "Nyt indsatsområde: vidensdeling om udfordringer og muligheder i kystnære bymiljøer."),
    FocusArea("PART", {"da": "Partnerskabet", "sv": "Partnerskapet", "en": "The partnership"}, 5,
              "Forankring, opfølgning, sekretariatsmøder og besøg mellem kommunerne."),
]

COMMITTEES = [
    Committee("OU", "Økonomiudvalget", "ØU"),
    Committee("MTU", "Miljø- og Teknikudvalget", "MTU"),
    Committee("KFU", "Kultur- og Fritidsudvalget", "KFU"),
    Committee("EAU", "Erhvervs- og Arbejdsmarkedsudvalget", "EAU"),
    Committee("BFU", "Børne- og Familieudvalget", "BFU"),
]


def _activity(aid: str, focus: str, title: str, committee: str, description: str, *,
              owner: str = "", side: Side = Side.JOINT, start: date | None = None,
              due: date | None = None, status: Status = Status.PLANNED) -> Activity:
    return Activity(id=aid, focus=focus, title=title, committee=committee,
                    description=description, owner=owner, side=side, start=start, due=due,
                    status=status, committee_suggested=True, updated_at=SEEDED_AT,
                    updated_by=SEEDED_BY)


ACTIVITIES = [
    _activity("HAVN-1", "HAVN", "Dialog med Stena Line om færgeruten Grenaa-Halmstad", "EAU",
              "Styrke dialogen med interessenter, eksempelvis Stena Line, om færgeforbindelsen.",
              start=date(2025, 3, 1), due=date(2025, 12, 31), status=Status.IN_PROGRESS),
    _activity("HAVN-2", "HAVN", "Udvikling af havnene og den fælles infrastruktur", "MTU",
              "Arbejde for udvikling af havnene i Grenaa og Halmstad og den dertil hørende "
              "fælles infrastruktur.", start=date(2025, 3, 1), due=date(2027, 12, 31)),
    _activity("HAVN-3", "HAVN", "Nye etableringer og nye arbejdspladser", "EAU",
              "Arbejde for nye etableringer og skabelse af nye arbejdspladser i Kattegatregionen.",
              start=date(2025, 3, 1), due=date(2028, 12, 31)),
    _activity("HAVN-4", "HAVN", "Erhvervs- og havneudvikling som tema ved genbesøget", "EAU",
              "Besøg på relevante lokaliteter og faglige drøftelser om erhvervs- og "
              "havneudvikling under genbesøget 8.-9. maj 2025.", side=Side.NORDDJURS,
              start=date(2025, 2, 18), due=date(2025, 5, 9)),
    _activity("TUR-1", "TUR", "Fælles markedsføring og branding af Kattegatalliancen", "KFU",
              "Markedsføre/brande det nye geografiske samarbejdsområde, Kattegatalliancen.",
              start=date(2025, 3, 1), due=date(2026, 6, 30)),
    _activity("TUR-2", "TUR", "Samarbejde om erhvervsudvikling med fokus på turisme", "EAU",
              "Videreføre handleplan 2021-2024's samarbejde om erhvervsudvikling med særligt "
              "fokus på turisme.", start=date(2025, 1, 1), due=date(2028, 12, 31),
              status=Status.IN_PROGRESS),
    _activity("TUR-3", "TUR", "Norddjurs-råvarer som tema ved fællesmiddagen 8. maj", "KFU",
              "Kommunalbestyrelsen er vært ved en fælles middag, hvor råvarer fra Norddjurs "
              "fremhæves som et særligt tema.", side=Side.NORDDJURS,
              start=date(2025, 4, 1), due=date(2025, 5, 8)),
    _activity("UDD-1", "UDD", "Samarbejde om branchespecifikke efteruddannelser", "EAU",
              "Styrket indsats inden for uddannelse med samarbejder om branchespecifikke "
              "efteruddannelser på tværs af Kattegat.", start=date(2025, 6, 1),
              due=date(2026, 12, 31)),
    _activity("UDD-2", "UDD", "Uddannelsessamarbejder mellem institutioner", "BFU",
              "Kortlægge og etablere uddannelsessamarbejder mellem uddannelsesinstitutioner i "
              "Norddjurs og Halmstad.", start=date(2025, 9, 1), due=date(2027, 6, 30)),
    _activity("UDD-3", "UDD", "Uddannelse som tema ved genbesøget", "BFU",
              "Oplæg og faglige drøftelser om uddannelse under genbesøget 8.-9. maj 2025.",
              side=Side.NORDDJURS, start=date(2025, 2, 18), due=date(2025, 5, 9)),
    _activity("KLIMA-1", "KLIMA", "Vidensdeling om kystnære bymiljøer", "MTU",
              "Vidensdeling om håndtering af udfordringer og muligheder i kystnære bymiljøer, "
              "hvor beliggenheden ved Kattegat spiller en stor rolle for begge kommuner.",
              start=date(2025, 6, 1), due=date(2026, 12, 31)),
    _activity("KLIMA-2", "KLIMA", "Klima og natur som tema ved genbesøget", "MTU",
              "Besøg og drøftelser om klima og natur under genbesøget 8.-9. maj 2025.",
              side=Side.NORDDJURS, start=date(2025, 2, 18), due=date(2025, 5, 9)),
    _activity("PART-1", "PART", "Underskrift af partnerskabsaftale og handleplan 2025-2028",
              "OU", "Borgmester og kommunaldirektør underskriver partnerskabsaftalen og "
              "handleplanen ved mødet med Halmstad 5.-6. februar 2025, betinget af KB's "
              "godkendelse 18. februar.", owner="Kommunaldirektør Jonas Kroustrup",
              start=date(2025, 2, 4), due=date(2025, 2, 18), status=Status.IN_PROGRESS),
    _activity("PART-2", "PART", "Program for genbesøg fra Halmstad forelægges ØU", "OU",
              "Økonomiudvalget forelægges forslag til program for besøget på møde i april 2025.",
              side=Side.NORDDJURS, start=date(2025, 2, 18), due=date(2025, 4, 30)),
    _activity("PART-3", "PART", "Genbesøg fra Halmstads kommunstyrelse 8.-9. maj 2025", "OU",
              "Besøg fra hele kommunstyrelsen og den administrative ledelse i Halmstad "
              "(25-30 deltagere) med fokus på erhvervs- og havneudvikling, klima og natur samt "
              "uddannelse. Budget op til 127.000 kr. fra ØU's strategiske pulje 2025.",
              side=Side.NORDDJURS, start=date(2025, 2, 18), due=date(2025, 5, 9)),
    _activity("PART-4", "PART", "Halvårlige sekretariatsmøder", "OU",
              "Opfølgning på handleplanen med ½-årlige sekretariatsmøder.",
              start=date(2025, 3, 1), due=date(2028, 12, 31), status=Status.IN_PROGRESS),
    _activity("PART-5", "PART", "Løbende opfølgning mellem kommunaldirektørerne", "OU",
              "Kommunaldirektørerne i Norddjurs og Halmstad følger løbende op for at sikre den "
              "koncernstrategiske forankring af partnerskabsaftalen.",
              owner="Kommunaldirektør Jonas Kroustrup", start=date(2025, 1, 1),
              due=date(2028, 12, 31), status=Status.IN_PROGRESS),
]

MILESTONES = [
    Milestone("M-1", "Partnerskabsaftalen underskrives i Grenaa",
              FuzzyDate.day(date(2019, 10, 10)), MilestoneKind.SIGNING, MilestoneStatus.DONE,
              description="Kattegatalliancen indgås af de daværende borgmestre."),
    Milestone("M-2", "Økonomiudvalgets studietur til Halmstad", FuzzyDate.month(2023, 6),
              MilestoneKind.VISIT, MilestoneStatus.DONE, CASE),
    Milestone("M-3", "ØU beslutter at revidere handleplanen", FuzzyDate.month(2023, 8),
              MilestoneKind.DECISION, MilestoneStatus.DONE, CASE),
    Milestone("M-4", "Møde mellem kommunaldirektørerne i Halmstad", FuzzyDate.month(2024, 8),
              MilestoneKind.MEETING, MilestoneStatus.DONE, CASE),
    Milestone("M-5", "Handleplan 2021-2024 udløber", FuzzyDate.day(date(2024, 12, 31)),
              MilestoneKind.DEADLINE, MilestoneStatus.DONE, CASE),
    Milestone("M-6", "Økonomiudvalget behandler sag 25/555 (pkt. 1-3 tiltrådt)",
              FuzzyDate.day(date(2025, 2, 4)), MilestoneKind.DECISION, MilestoneStatus.DONE,
              CASE, ["PART-1"]),
    Milestone("M-7", "Besøg fra Halmstad; aftale og handleplan underskrives den 6.",
              FuzzyDate.day(date(2025, 2, 5), date(2025, 2, 6)), MilestoneKind.SIGNING,
              MilestoneStatus.PLANNED, CASE, ["PART-1"]),
    Milestone("M-8", "Kommunalbestyrelsen behandler sagen", FuzzyDate.day(date(2025, 2, 18)),
              MilestoneKind.DECISION, MilestoneStatus.PLANNED, CASE, ["PART-1"]),
    Milestone("M-9", "ØU forelægges program for genbesøget", FuzzyDate.month(2025, 4),
              MilestoneKind.MEETING, MilestoneStatus.PLANNED, CASE, ["PART-2"]),
    Milestone("M-10", "Genbesøg fra Halmstad (25-30 deltagere); fællesmiddag den 8.",
              FuzzyDate.day(date(2025, 5, 8), date(2025, 5, 9)), MilestoneKind.VISIT,
              MilestoneStatus.PLANNED, CASE,
              ["PART-3", "HAVN-4", "TUR-3", "UDD-3", "KLIMA-2"]),
    Milestone("M-11", "Handleplan 2025-2028 udløber (afledt af planperioden)",
              FuzzyDate.day(date(2028, 12, 31)), MilestoneKind.DEADLINE,
              MilestoneStatus.PLANNED, CASE),
]

DECISIONS = [
    Decision(1, "Borgmesteren bemyndiges til at underskrive partnerskabsaftalen.", "Tiltrådt",
             date(2025, 2, 4), "Økonomiudvalget", CASE),
    Decision(2, "Handleplan 2025-2028 godkendes, og kommunaldirektøren bemyndiges til at "
                "underskrive den på møde d. 6. februar, betinget af Kommunalbestyrelsens "
                "godkendelse d. 18. februar.", "Tiltrådt", date(2025, 2, 4), "Økonomiudvalget",
             CASE),
    Decision(3, "Estimeret budget til genbesøg fra Halmstad godkendes; udgifter på op til "
                "0,127 mio. kr. finansieres via Økonomiudvalgets strategiske pulje i 2025.",
             "Tiltrådt", date(2025, 2, 4), "Økonomiudvalget", CASE),
]

VISIT_BUDGET = VisitBudget(
    name="Genbesøg fra Halmstad 8.-9. maj 2025",
    lines=(
        BudgetLine("catering", "Forplejning", fixed=0, per_participant=1_250),
        BudgetLine("facilitation", "Facilitering, underholdning og øvrige udgifter",
                   fixed=20_000),
        BudgetLine("tour", "Rundvisning og bustransport", fixed=32_000),
    ),
    planned_participants=40,
    approved_cap=127_000,
    case_ref=CASE,
)

STRATEGIC_POOL = StrategicPool(name="Økonomiudvalgets strategiske pulje", year=2025,
                               budget=1_200_000, used_before=200_000, reserved=127_000)


def seed_plan() -> Plan:
    """A fresh copy of the seeded plan."""
    return Plan(
        info=PlanInfo(),
        focus_areas=list(FOCUS_AREAS),
        committees=list(COMMITTEES),
        activities=[Activity.from_dict(a.to_dict()) for a in ACTIVITIES],
        milestones=[Milestone.from_dict(m.to_dict()) for m in MILESTONES],
        decisions=list(DECISIONS),
        budget=VISIT_BUDGET,
        pool=STRATEGIC_POOL,
    )
