"""How what a coach says becomes the kam command that records it."""

from datetime import date, timedelta

QUESTIONS = 12


def answers_for(total: int) -> str:
    """Twelve answers from 1 to 10 that add up to total, e.g. 108 -> '9,9,...,9'."""
    assert QUESTIONS <= total <= QUESTIONS * 10, f"a scorecard total is 12-120, not {total}"
    base, extra = divmod(total, QUESTIONS)
    return ",".join(str(base + 1 if n < extra else base) for n in range(QUESTIONS))


def entry_args(day: str | None, by: str | None) -> list[str]:
    """--at and --by as typed; 'today' and 'tomorrow' are counted from the real today."""
    args = []
    if day:
        relative = {"today": 0, "tomorrow": 1}.get(day)
        args += ["--at", day if relative is None else (date.today() + timedelta(days=relative)).isoformat()]
    if by:
        args += ["--by", by]
    return args


def optional(option: str, value: str | None) -> list[str]:
    """An option the coach may leave out (to see that kam asks for it)."""
    return [] if value is None else [option, value]


# A client a scenario registers without saying when was registered before anything it tells of
# happened (nothing can be recorded for a client before its registration date).
REGISTERED_BEFORE_THE_STORY = "2020-01-01"


def registration_args(key, name=None, owner=None, day=None, by=None):
    return ["client", "add", key, "--name", name or key.title(), *optional("--owner", owner),
            *entry_args(day or REGISTERED_BEFORE_THE_STORY, by)]


def score_args(key, total, day, by):
    return ["score", key, "--answers", answers_for(int(total)), *entry_args(day, by)]


def value_args(key, revenue, cost, period, day, by):
    return ["value", key, "--revenue", revenue, "--cost", cost, "--period", period, *entry_args(day, by)]


def note_args(key, dimension, level, note, day, by):
    return ["note", key, dimension, "--level", level, *optional("--note", note), *entry_args(day, by)]


def burden_args(key, signal, note, day, by, resolved=False):
    resolution = ["--resolved"] if resolved else []
    return ["burden", key, signal, *resolution, *optional("--note", note), *entry_args(day, by)]


def override_args(key, tier, reason, day, by):
    return ["tier", key, tier, *optional("--reason", reason), *entry_args(day, by)]


def clear_args(key, reason, day, by):
    return ["tier", key, "--clear", *optional("--reason", reason), *entry_args(day, by)]


def pyramid_args(key, level, reason, day, by):
    return ["pyramid", key, level, *optional("--reason", reason), *entry_args(day, by)]


def survey_args(key, satisfaction, nps, comment, day, by):
    return ["survey", key, "--satisfaction", satisfaction, "--nps", nps, *optional("--comment", comment),
            *entry_args(day, by)]


def owner_args(key, owner, day, by):
    return ["owner", key, owner, *entry_args(day, by)]


def goal_args(key, text, due, day, by):
    return ["goal", key, "add", text, *optional("--due", due), *entry_args(day, by)]


def goal_done_args(key, goal_id, day, by):
    return ["goal", key, "done", str(goal_id), *entry_args(day, by)]
