"""Where one client stands: the fold of its events that both the aggregate and the read side use.

Every relationship event updates a ``Standing`` through ``event.update(standing)``, so the
aggregate and the projections derive the same current state the same way.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import Enum
from itertools import chain
from typing import Any

from kamledger.domain import business_time as bt
from kamledger.domain.business_time import Mark, insert_mark, said_on
from kamledger.domain.effort import Problem, Severity
from kamledger.domain.people import threads_on
from kamledger.domain.threads import is_single_threaded
from kamledger.domain.prospects import Departure, ProspectRecord, Stage
from kamledger.domain.pyramid import STARTING_LEVEL, PyramidLevel
from kamledger.domain.scorecard import Band, band_for
from kamledger.domain.tiers import NOT_RATING_SOURCES, ClientInputs, EventRef, Tier
from kamledger.domain.value import BurdenSignal, Level, Period, ValueDimension


@dataclass(frozen=True)
class LatestScore:
    questionnaire_version: str
    answers: tuple[int, ...]
    total: int
    band: Band
    occurred_on: date
    ref: EventRef


@dataclass(frozen=True)
class PeriodValue:
    period: str
    revenue: Decimal
    cost_to_serve: Decimal
    ref: EventRef

    @property
    def profit(self) -> Decimal:
        return self.revenue - self.cost_to_serve


@dataclass(frozen=True)
class DimensionNote:
    level: Level
    occurred_on: date
    ref: EventRef


@dataclass(frozen=True)
class LatestSurvey:
    satisfaction: int
    nps: int
    occurred_on: date
    ref: EventRef


@dataclass(frozen=True)
class LatestRating:
    """Our latest rating on the client's criteria (by business date): 1-10 each, and its source."""

    ratings: dict[str, int]
    source: str
    occurred_on: date
    ref: EventRef


@dataclass(frozen=True)
class Goal:
    """A development goal for the relationship; ids count up per client and are never reused."""

    id: int
    text: str
    added_on: date
    due: date | None = None
    done_on: date | None = None
    kind: str | None = None  # retain or develop (domain/plans.py); None for a goal set before plans had kinds
    target: str | None = None  # what the ledger checks (domain/plans.py Target); None: marked done by hand
    cancelled_on: date | None = None


@dataclass(frozen=True)
class Feedback:
    """What the client said outside a survey (the words stay in the sealed history); a complaint
    is open until resolved. Numbers count up per client."""

    id: int
    kind: str
    given_on: date
    resolved_on: date | None = None


@dataclass(frozen=True)
class TierOverride:
    tier: Tier
    ref: EventRef


@dataclass(frozen=True)
class TierStanding:
    tier: Tier = Tier.UNRATED
    rule: str | None = None
    policy_version: str | None = None
    ref: EventRef | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain data, as the whole Standing's to_dict holds it under "tier"."""
        return {"tier": self.tier.value, "rule": self.rule, "policy_version": self.policy_version, "ref": self.ref and self.ref.to_dict()}


@dataclass
class Standing:
    key: str
    name: str
    owner: str | None
    registered_on: date
    pyramid_level: PyramidLevel = STARTING_LEVEL
    score: LatestScore | None = None
    values: dict[str, PeriodValue] = field(default_factory=dict)
    dimensions: dict[ValueDimension, DimensionNote] = field(default_factory=dict)
    burdens: dict[BurdenSignal, EventRef] = field(default_factory=dict)
    override: TierOverride | None = None
    survey: LatestSurvey | None = None
    tier: TierStanding = field(default_factory=TierStanding)
    goals: dict[int, Goal] = field(default_factory=dict)
    feedback: dict[int, Feedback] = field(default_factory=dict)
    stage: Stage = Stage.CLIENT  # by its latest business date: only clients are in the portfolio
    prospect: ProspectRecord | None = None  # its time as a prospect, if it was one
    departure: Departure | None = None  # when it last left (and came back), if it ever did
    # The criteria the client rates suppliers by, with their weights (as given), and our latest
    # rating on them: the latest by business date (their marks keep every one, by date).
    criteria: dict[str, Decimal] = field(default_factory=dict)
    rating: LatestRating | None = None
    # Hours of work spent on the client, by kind (each entry adds), and the problems it caused or had.
    effort: dict[str, Decimal] = field(default_factory=dict)
    effort_refs: list[EventRef] = field(default_factory=list)
    problems: dict[int, Problem] = field(default_factory=dict)
    problem_refs: dict[int, EventRef] = field(default_factory=dict)  # the event that noted each open one
    # The facts that shaped the map of the client's people (added, left, linked...: domain/people.py).
    people_refs: list[EventRef] = field(default_factory=list)
    # Every input's marks by business date (domain/business_time.py): what the client's inputs were
    # on any date, and which fact is the latest of its slot whatever order they were recorded in.
    marks: dict[str, list[Mark]] = field(default_factory=dict)
    # The recorded period covering each month: the overlap check at every value recorded looks up
    # a period's few months rather than comparing it with every period recorded before.
    covering: dict[int, str] = field(default_factory=dict, init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        for label in self.values:
            self._cover(label)

    @property
    def profit(self) -> Decimal | None:
        """Profit contribution: revenue minus cost to serve, over every recorded period."""
        if not self.values:
            return None
        return sum((v.profit for v in self.values.values()), Decimal(0))

    @property
    def open_complaints(self) -> list[Feedback]:
        return [f for f in self.feedback.values() if f.kind == "complaint" and f.resolved_on is None]

    @property
    def revenue(self) -> Decimal | None:
        return sum((v.revenue for v in self.values.values()), Decimal(0)) if self.values else None

    @property
    def cost_to_serve(self) -> Decimal | None:
        return sum((v.cost_to_serve for v in self.values.values()), Decimal(0)) if self.values else None

    @property
    def hours(self) -> Decimal:
        return sum(self.effort.values(), Decimal(0))

    @property
    def open_problems(self) -> list[Problem]:
        return [p for p in self.problems.values() if p.resolved_on is None]

    def spend(self, kind: str, hours: Decimal, ref: EventRef) -> None:
        self.effort[kind] = self.effort.get(kind, Decimal(0)) + hours
        self.effort_refs.append(ref)

    def problem_marked(self, problem_id: int, ref: EventRef | None = None) -> None:
        """The problem as its marks say now: noted (with its severity and date), resolved or not."""
        marks = self.marks.get(bt.slot(bt.PROBLEM, str(problem_id)), [])
        noted = next((m for m in marks if m.says is not None), None)
        if noted is None:
            return
        resolved_on = marks[-1].on if marks[-1].says is None else None
        self.problems[problem_id] = Problem(problem_id, Severity(noted.says), noted.on, resolved_on)
        if ref is not None and ref.type == "ProblemNoted":
            self.problem_refs[problem_id] = ref
        if resolved_on is not None:
            self.problem_refs.pop(problem_id, None)

    @property
    def open_goals(self) -> list[Goal]:
        return [goal for goal in self.goals.values() if goal.done_on is None and goal.cancelled_on is None]

    def mark(self, slot: str, on: date, version: int, says: Any) -> bool:
        """Put a fact's mark on a slot; True when it is now the slot's latest (by business date)."""
        marks = self.marks.setdefault(slot, [])
        return insert_mark(marks, Mark(on, version, says)) == len(marks) - 1

    def said_on(self, slot: str, day: date, default: Any = None) -> Any:
        """What the slot said on that business date (its latest mark on or before it)."""
        return said_on(self.marks.get(slot), day, default)

    def stage_on(self, day: date) -> Stage:
        """Prospect, client or former client on that business date (a client without stage marks;
        before its registration, what it was registered as)."""
        return Stage(self.said_on(bt.STAGE, max(day, self.registered_on), Stage.CLIENT.value))

    def in_portfolio_on(self, day: date) -> bool:
        return self.stage_on(day) is Stage.CLIENT

    def band_on(self, day: date) -> Band | None:
        """The band of the latest score on or before that business date."""
        total = self.said_on(bt.SCORE, day)
        return None if total is None else band_for(total)

    def record_value(self, value: PeriodValue) -> None:
        self.values[value.period] = value
        self._cover(value.period)

    def period_overlapping(self, period: Period) -> Period | None:
        """A recorded period other than this one that overlaps it."""
        covering = (self.covering.get(month) for month in range(period.first_month, period.last_month + 1))
        clash = next((label for label in covering if label is not None and label != period.label), None)
        return None if clash is None else Period.parse(clash)

    def _cover(self, label: str) -> None:
        recorded = Period.parse(label)
        for month in range(recorded.first_month, recorded.last_month + 1):
            self.covering[month] = label

    def note_score(self, score: LatestScore) -> None:
        if self.score is None or _is_newer(score.occurred_on, score.ref, self.score.occurred_on, self.score.ref):
            self.score = score

    def note_dimension(self, dimension: ValueDimension, note: DimensionNote) -> None:
        current = self.dimensions.get(dimension)
        if current is None or _is_newer(note.occurred_on, note.ref, current.occurred_on, current.ref):
            self.dimensions[dimension] = note

    def note_survey(self, survey: LatestSurvey) -> None:
        if self.survey is None or _is_newer(survey.occurred_on, survey.ref, self.survey.occurred_on, self.survey.ref):
            self.survey = survey

    def tier_inputs(self) -> ClientInputs:
        sources = {
            "profit": tuple(v.ref for v in self.values.values()),
            "score": (self.score.ref,) if self.score else (),
            "dimensions": tuple(n.ref for n in self.dimensions.values()),
            "burdens": tuple(self.burdens.values()),
            "override": (self.override.ref,) if self.override else (),
            "effort": tuple(self.effort_refs),
            "problems": tuple(self.problem_refs[p.id] for p in self.open_problems if p.id in self.problem_refs),
            "people": tuple(self.people_refs),
        }
        return ClientInputs(
            key=self.key,
            has_inputs=any(refs for name, refs in sources.items() if name not in NOT_RATING_SOURCES),
            profit=self.profit,
            score_total=self.score.total if self.score else None,
            band=self.score.band if self.score else None,
            high_dimensions=frozenset(d for d, n in self.dimensions.items() if n.level is Level.HIGH),
            burdens=frozenset(self.burdens),
            override=self.override.tier if self.override else None,
            sources={name: refs for name, refs in sources.items() if refs},
            revenue=self.revenue, cost_to_serve=self.cost_to_serve, hours=self.hours, open_problems=len(self.open_problems),
            single_threaded=is_single_threaded(threads_on(self.marks, date.max)),
        )

    def to_dict(self, marks: bool = True, tier: bool = True, short_refs: bool = False) -> dict[str, Any]:
        """Plain JSON-ready data (dates as ISO text, money as text), as from_dict reads it.

        Spelled out rather than plain_data(dataclasses.asdict(self)): the read models write it for every
        client an event touches, and asdict's deep copies made that the slowest part of a rebuild.
        With short_refs (the read models' copy), a reference to one of the client's own events is
        written as a list, without the client and event id it shares with the others ("refs_of"):
        the references behind five years of monthly values were two thirds of a client's data.
        """
        score, survey, override, rating = self.score, self.survey, self.override, self.rating
        own = self._own_events() if short_refs else None

        def to_data(r: EventRef) -> Any:
            if own is None or r.client != own[0] or r.event_id != own[1]:
                return r.to_dict()
            return r.short()

        return {
            "key": self.key,
            "name": self.name,
            "owner": self.owner,
            "registered_on": self.registered_on.isoformat(),
            "pyramid_level": self.pyramid_level.value,
            "score": score and {
                "questionnaire_version": score.questionnaire_version, "answers": list(score.answers),
                "total": score.total, "band": score.band.value, "occurred_on": score.occurred_on.isoformat(),
                "ref": to_data(score.ref),
            },
            "values": {
                label: {"period": v.period, "revenue": str(v.revenue), "cost_to_serve": str(v.cost_to_serve), "ref": to_data(v.ref)}
                for label, v in self.values.items()
            },
            "dimensions": {
                d.value: {"level": n.level.value, "occurred_on": n.occurred_on.isoformat(), "ref": to_data(n.ref)}
                for d, n in self.dimensions.items()
            },
            "burdens": {signal.value: to_data(ref) for signal, ref in self.burdens.items()},
            "override": override and {"tier": override.tier.value, "ref": to_data(override.ref)},
            "survey": survey and {
                "satisfaction": survey.satisfaction, "nps": survey.nps, "occurred_on": survey.occurred_on.isoformat(),
                "ref": to_data(survey.ref),
            },
            **({"tier": self.tier.to_dict()} if tier else {}),  # the read models keep it in columns of their own
            "goals": {
                g.id: {"id": g.id, "text": g.text, "added_on": g.added_on.isoformat(),
                       "due": g.due and g.due.isoformat(), "done_on": g.done_on and g.done_on.isoformat(),
                       "kind": g.kind, "target": g.target, "cancelled_on": g.cancelled_on and g.cancelled_on.isoformat()}
                for g in self.goals.values()
            },
            "feedback": {
                f.id: {"id": f.id, "kind": f.kind, "given_on": f.given_on.isoformat(), "resolved_on": f.resolved_on and f.resolved_on.isoformat()}
                for f in self.feedback.values()
            },
            "stage": self.stage.value,
            "prospect": self.prospect and self.prospect.to_dict(),
            "departure": self.departure and self.departure.to_dict(),
            "criteria": {name: str(weight) for name, weight in self.criteria.items()},
            "effort": {kind: str(hours) for kind, hours in self.effort.items()},
            "effort_refs": [to_data(r) for r in self.effort_refs],
            "problems": {p.id: {"id": p.id, "severity": p.severity.value, "noted_on": p.noted_on.isoformat(),
                                "resolved_on": p.resolved_on and p.resolved_on.isoformat()} for p in self.problems.values()},
            "problem_refs": {i: to_data(r) for i, r in self.problem_refs.items()},
            "people_refs": [to_data(r) for r in self.people_refs],
            "rating": rating and {
                "ratings": dict(rating.ratings), "source": rating.source,
                "occurred_on": rating.occurred_on.isoformat(), "ref": to_data(rating.ref),
            },
            **({"refs_of": list(own)} if own else {}),
            **({"marks": {name: [[m.on.isoformat(), m.version, m.says] for m in kept] for name, kept in self.marks.items()}}
               if marks else {}),
        }

    def _own_events(self) -> tuple[str, str] | None:
        """The client and event id its references to its own events carry (None: it holds none)."""
        refs = chain((v.ref for v in self.values.values()), (n.ref for n in self.dimensions.values()), self.burdens.values(),
                     self.effort_refs, self.problem_refs.values(), self.people_refs,
                     (kept.ref for kept in (self.score, self.survey, self.override, self.rating) if kept))
        first = next((r for r in refs if r.client == self.key), None)
        return None if first is None else (first.client, first.event_id)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Standing":
        own = data.get("refs_of")  # the client and event id of the references written short (to_dict)

        def ref(d: dict[str, Any] | list[Any]) -> EventRef:
            return EventRef(**d) if type(d) is dict else EventRef.of_short(own[0], own[1], d)  # type: ignore[index, arg-type]

        def ref_if_any(d: dict[str, Any] | None) -> EventRef | None:
            return ref(d) if d else None

        score = data["score"]
        survey = data["survey"]
        rating = data.get("rating")  # older snapshots and rows have neither criteria nor rating
        tier = data.get("tier")  # none in the read models' data (their own columns hold it)
        standing = cls(
            key=data["key"],
            name=data["name"],
            owner=data["owner"],
            registered_on=date.fromisoformat(data["registered_on"]),
            pyramid_level=PyramidLevel(data["pyramid_level"]),
            score=score and LatestScore(
                score["questionnaire_version"], tuple(score["answers"]), score["total"],
                Band(score["band"]), date.fromisoformat(score["occurred_on"]), ref(score["ref"]),
            ),
            values={
                label: PeriodValue(label, Decimal(v["revenue"]), Decimal(v["cost_to_serve"]), ref(v["ref"]))
                for label, v in data["values"].items()
            },
            dimensions={
                ValueDimension(d): DimensionNote(Level(n["level"]), date.fromisoformat(n["occurred_on"]), ref(n["ref"]))
                for d, n in data["dimensions"].items()
            },
            burdens={BurdenSignal(s): ref(r) for s, r in data["burdens"].items()},
            override=data["override"] and TierOverride(Tier(data["override"]["tier"]), ref(data["override"]["ref"])),
            survey=survey and LatestSurvey(
                survey["satisfaction"], survey["nps"], date.fromisoformat(survey["occurred_on"]), ref(survey["ref"])
            ),
            tier=TierStanding(Tier(tier["tier"]), tier["rule"], tier["policy_version"], ref_if_any(tier["ref"])) if tier else TierStanding(),
            goals={int(i): _goal(g) for i, g in data.get("goals", {}).items()},  # older snapshots have none
            feedback={int(i): Feedback(f["id"], f["kind"], date.fromisoformat(f["given_on"]),
                                       date.fromisoformat(f["resolved_on"]) if f["resolved_on"] else None)
                      for i, f in data.get("feedback", {}).items()},
            stage=Stage(data.get("stage", Stage.CLIENT.value)),  # older snapshots: every one a client
            prospect=data.get("prospect") and ProspectRecord.from_dict(data["prospect"]),
            departure=data.get("departure") and Departure.from_dict(data["departure"]),
            criteria={name: Decimal(weight) for name, weight in data.get("criteria", {}).items()},
            effort={kind: Decimal(hours) for kind, hours in data.get("effort", {}).items()},
            effort_refs=[ref(r) for r in data.get("effort_refs", [])],
            problems={int(i): Problem(p["id"], Severity(p["severity"]), date.fromisoformat(p["noted_on"]),
                                      p["resolved_on"] and date.fromisoformat(p["resolved_on"]))
                      for i, p in data.get("problems", {}).items()},
            problem_refs={int(i): ref(r) for i, r in data.get("problem_refs", {}).items()},
            people_refs=[ref(r) for r in data.get("people_refs", [])],
            rating=rating and LatestRating(
                dict(rating["ratings"]), rating["source"], date.fromisoformat(rating["occurred_on"]), ref(rating["ref"])
            ),
            marks={name: [Mark(date.fromisoformat(on), version, says) for on, version, says in marks]
                   for name, marks in data.get("marks", {}).items()},
        )
        if "marks" not in data:  # a snapshot from before business time: its latest facts, as marks
            standing.marks = _marks_of_latest(standing)
        return standing


def _marks_of_latest(s: Standing) -> dict[str, list[Mark]]:
    """Marks for a Standing saved before marks were kept: only its latest facts are known."""
    def at(ref: EventRef, says: Any) -> list[Mark]:
        return [Mark(date.fromisoformat(ref.occurred_on), ref.version, says)]

    marks = {bt.OWNER: [Mark(s.registered_on, 1, s.owner)]}
    if s.pyramid_level is not STARTING_LEVEL:
        marks[bt.PYRAMID] = [Mark(s.registered_on, 1, s.pyramid_level.value)]
    if s.score:
        marks[bt.SCORE] = at(s.score.ref, s.score.total)
    if s.survey:
        marks[bt.SURVEY] = at(s.survey.ref, [s.survey.satisfaction, s.survey.nps])
    if s.override:
        marks[bt.OVERRIDE] = at(s.override.ref, s.override.tier.value)
    for label, v in s.values.items():
        marks[bt.slot(bt.VALUE, label)] = at(v.ref, str(v.profit))
    for dimension, n in s.dimensions.items():
        marks[bt.slot(bt.DIMENSION, dimension.value)] = at(n.ref, n.level.value)
    for signal, ref in s.burdens.items():
        marks[bt.slot(bt.BURDEN, signal.value)] = at(ref, True)
    return marks


def _goal(data: dict[str, Any]) -> Goal:
    def day(text: str | None) -> date | None:
        return date.fromisoformat(text) if text else None

    return Goal(data["id"], data["text"], date.fromisoformat(data["added_on"]), day(data["due"]), day(data["done_on"]),
                data.get("kind"), data.get("target"), day(data.get("cancelled_on")))


def _is_newer(on: date, ref: EventRef, current_on: date, current_ref: EventRef) -> bool:
    """The later business date wins; on the same date, the later recorded event."""
    return (on, ref.version) >= (current_on, current_ref.version)


def plain_data(value: Any) -> Any:
    """JSON-ready data: dates as ISO text, money as text, enums as their values."""
    if isinstance(value, dict):
        return {plain_data(k): plain_data(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain_data(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    return value
