"""Questions for 01, the summit and the argument: u* in the lesson, q* in the exercise."""

from .kinds import ChoiceQuestion, HiddenCase, NumberQuestion, TableQuestion, WrittenQuestion

CLAIM_TYPES = ("fact", "estimate", "forecast", "opinion", "rhetoric")

QUESTIONS = [
    NumberQuestion(
        qid="u1",
        prompt="How many days passed between the Vostochny summit and the signing of the treaty in Pyongyang?",
        expected=280, tolerance=0, unit="days",
        hints=(
            "Find the two rows in `events` by their event_id: 'vostochny_summit' and 'putin_pyongyang_treaty_signed'.",
            "Subtracting two pandas Timestamps gives a Timedelta; its `.days` is a whole number of days.",
        ),
        solution="(treaty - summit).days, with summit = 13 September 2023 and treaty = 19 June 2024: 280 days.",
    ),
    NumberQuestion(
        qid="q1",
        prompt="How many days passed between the signing of the treaty in Pyongyang and its entry into force?",
        expected=168, tolerance=0, unit="days",
        hints=(
            "Find the two rows in `events` by their event_id: 'putin_pyongyang_treaty_signed' and "
            "'treaty_enters_force'.",
            "Subtracting two pandas Timestamps gives a Timedelta; its `.days` is a whole number of days.",
        ),
        solution="q1 = (date_of['treaty_enters_force'] - date_of['putin_pyongyang_treaty_signed']).days",
    ),
    NumberQuestion(
        qid="q2",
        prompt="How many days passed between Russia's full-scale invasion of Ukraine and the Vostochny summit?",
        expected=566, tolerance=0, unit="days",
        hints=(
            "The invasion is the event 'russia_invades_ukraine'.",
            "Order matters: the later date minus the earlier one gives a positive number of days.",
        ),
        solution="q2 = (date_of['vostochny_summit'] - date_of['russia_invades_ukraine']).days  # 566",
    ),
    ChoiceQuestion(
        qid="q3",
        prompt="'There is little to be done to halt the inevitable arms deal between Russia and North Korea.' "
               "What kind of statement is this?",
        options=CLAIM_TYPES, expected="forecast",
        hints=("Is the sentence about what is, or about what will happen?",),
        solution="A forecast: it predicts an arms deal. Lesson 06 checks it against what happened later "
                 "(deliveries of shells, the 2024 treaty).",
        explanations={"opinion": "There is judgement in it, but its core is a prediction that later events can test."},
    ),
    ChoiceQuestion(
        qid="q4",
        prompt="'The two held their summit at a Russian space facility in Russia's far east.' "
               "What kind of statement is this?",
        options=CLAIM_TYPES, expected="fact",
        hints=("Could you check this sentence against a record? Look the summit up in `events`.",),
        solution="A fact: the 13 September 2023 summit took place at the Vostochny cosmodrome in the Russian Far "
                 "East, as the events table's source records.",
        explanations={"estimate": "Nothing here is counted or guessed: where a meeting took place is on the record."},
    ),
]


def _days(first: str, second: str) -> int:
    """Days from one event to another, from the kit's events table (the instructor's reference)."""
    from alliancekit import data

    date_of = data.load("events").set_index("event_id")["date"]
    return int((date_of[second] - date_of[first]).days)


QUESTIONS += [
    NumberQuestion(
        qid="q5",
        prompt="Write a function days_between(first_id, second_id) returning the whole number of days from the "
               "first event to the second (negative if the second came first); then set "
               "q5 = days_between('russia_invades_ukraine', 'putin_pyongyang_treaty_signed').",
        expected=lambda: _days("russia_invades_ukraine", "putin_pyongyang_treaty_signed"), tolerance=0, unit="days",
        hints=(
            "Inside the function, look both ids up in `date_of` and subtract.",
            "Return `.days` of the difference, second minus first, so that an earlier second event gives a "
            "negative number.",
        ),
        solution="def days_between(first_id, second_id):\n"
                 "    return (date_of[second_id] - date_of[first_id]).days\n"
                 "q5 = days_between('russia_invades_ukraine', 'putin_pyongyang_treaty_signed')",
    ),
    WrittenQuestion(
        qid="q6",
        prompt="In 60 to 180 words: did what happened after September 2023 bear out Cohen's forecast of an "
               "'inevitable arms deal'? Cite at least two events by their event_id and say what a reader in "
               "September 2023 could not yet know.",
        hints=("Filter `events` to after_oped == 'yes' and read the rows about shells, the treaty and troops.",),
        solution="A model answer names the October 2023 container shipments (white_house_1000_containers) and the "
                 "June 2024 treaty (putin_pyongyang_treaty_signed) as evidence the forecast held, notes that "
                 "troops (nis_troops_to_russia) went beyond it, and that container counts are estimates.",
        rubric=(("cites at least two dated events from the kit's timeline by event_id", 2.0),
                ("separates what was known in September 2023 from later evidence", 1.0),
                ("weighs at least one source of uncertainty or counter-evidence", 1.0)),
        min_words=60, max_words=180,
    ),
]

# Instructor-only cases: run on the student's own days_between at grading time, never shipped to students.
HIDDEN_CASES = [
    HiddenCase("q5", "days_between('vostochny_summit', 'treaty_enters_force')",
               NumberQuestion(qid="q5", prompt="", hints=("",), solution="", unit="days", tolerance=0,
                              expected=lambda: _days("vostochny_summit", "treaty_enters_force"))),
    HiddenCase("q5", "days_between('putin_pyongyang_treaty_signed', 'vostochny_summit')",
               NumberQuestion(qid="q5", prompt="", hints=("",), solution="", unit="days", tolerance=0,
                              expected=lambda: _days("putin_pyongyang_treaty_signed", "vostochny_summit"))),
]


def _events_of_kind(category: str) -> int:
    from alliancekit import data

    events = data.load("events")
    return int((events["category"].astype(str) == category).sum())


# A version per student: each draws one kind of event from their id (and the assignment's seed).
QUESTIONS.append(
    NumberQuestion(
        qid="q7",
        prompt="How many events of your kind (shown by my_variant) does the kit's timeline hold, over all years?",
        variants=tuple({"category": c} for c in ("war", "treaty", "summit", "troops", "diplomacy", "nuclear")),
        expected=lambda category: _events_of_kind(category), tolerance=0, unit="events",
        hints=("Compare the `category` column with your kind, then count the rows that match.",),
        solution="q7 = int((events['category'] == my_kind).sum())",
    )
)


def _north_korean_disputes():
    from alliancekit import data

    participants = data.load("dispute_participants")
    return participants[participants["country"] == "PRK"]


def _hostility_counts():
    """North Korea's own highest hostility level in each MID 5.0 dispute, counted by level."""
    import pandas as pd

    levels = _north_korean_disputes().groupby("dispute_id")["hostility_level"].max()
    counts = levels.value_counts().sort_index()
    return pd.Series(counts.to_numpy(), index=pd.Index(counts.index.astype(int), name="hostility_level"), name="disputes")


# The field's own data on conflict: COW Militarized Interstate Disputes 5.0 (table `disputes` and its participants).
QUESTIONS += [
    NumberQuestion(
        qid="q8",
        prompt="How many militarized interstate disputes with North Korea as a participant does MID 5.0 record "
               "(its coverage ends in 2014)?",
        expected=lambda: int(_north_korean_disputes()["dispute_id"].nunique()), tolerance=0, unit="disputes",
        hints=("Each row of `disputes` is one dispute; or count the distinct dispute_id of North Korea's rows in "
               "`dispute_participants`.",),
        solution="q8 = disputes['dispute_id'].nunique()",
    ),
    TableQuestion(
        qid="q9",
        prompt="For each hostility level North Korea itself reached (1 no militarized action, 2 threat to use force, "
               "3 display of force, 4 use of force, 5 war), how many disputes? A Series indexed by hostility level.",
        expected=_hostility_counts, key=("hostility_level",), tolerance=0, unit="disputes",
        hints=("Keep the rows of `dispute_participants` where country is 'PRK'.",
               "Group by dispute_id, take the highest hostility_level in each, then value_counts()."),
        solution="nk = participants[participants['country'] == 'PRK']\n"
                 "q9 = nk.groupby('dispute_id')['hostility_level'].max().value_counts().sort_index()",
    ),
]
