"""Questions in 00b, the on-ramp: one check per table operation the exercises use (practice, not graded).

Expected answers are computed from the kit's tables, so they follow any correction of the data.
"""

from __future__ import annotations

from .kinds import CLAIM_TYPES, ChoiceQuestion, ClassificationQuestion, NumberQuestion, TableQuestion

TREATY_IDS = ("putin_pyongyang_treaty_signed", "putin_ratifies_treaty", "treaty_enters_force", "vostochny_summit")


def _events():
    from .. import data

    return data.load("events")


def _days_from_summit(event_id: str) -> int:
    date_of = _events().set_index("event_id")["date"]
    return int((date_of[event_id] - date_of["vostochny_summit"]).days)


def _id_on(date: str) -> str:
    events = _events()
    return str(events.loc[events["date"] == date, "event_id"].item())


def _troop_events_after_oped() -> int:
    events = _events()
    return int(((events["category"].astype(str) == "troops") & (events["after_oped"].astype(str) == "yes")).sum())


def _treaty_events_from_2024():
    events = _events()
    chosen = events[(events["category"].astype(str) == "treaty") & (events["date"].dt.year >= 2024)]
    return chosen[["event_id", "date"]].reset_index(drop=True)


def _most_common_claim_type() -> str:
    from .. import data

    return str(data.load("claims")["claim_type"].astype(str).value_counts().idxmax())


QUESTIONS = [
    ChoiceQuestion(
        qid="u1",
        prompt="Step 2: which event happened on 19 June 2024? Give its event_id.",
        options=TREATY_IDS, expected=lambda: _id_on("2024-06-19"),
        explanations={
            "treaty_enters_force": "That is 4 December 2024: read the date column of each row.",
            "putin_ratifies_treaty": "That is 9 November 2024.",
            "vostochny_summit": "That is the summit of 13 September 2023.",
        },
        hints=("reading.rows('events', [...]) shows rows whole; or look at the table of events since 2022 above.",),
        solution="u1 = 'putin_pyongyang_treaty_signed': Putin signs the treaty in Pyongyang on 19 June 2024.",
    ),
    NumberQuestion(
        qid="u2",
        prompt="Step 4: how many days after the Vostochny summit did the White House report the first 1,000 "
               "containers (white_house_1000_containers)?",
        expected=lambda: _days_from_summit("white_house_1000_containers"), tolerance=0, unit="days",
        hints=("Look both dates up with date_of[...], later minus earlier.",
               "A difference of two dates is a Timedelta; .days gives a whole number."),
        solution="u2 = (date_of['white_house_1000_containers'] - date_of['vostochny_summit']).days  # 30",
    ),
    NumberQuestion(
        qid="u3",
        prompt="Step 5: how many events of the category 'troops' came after the op-ed (after_oped == 'yes')?",
        expected=_troop_events_after_oped, tolerance=0, unit="events",
        hints=("Two conditions, each in brackets, joined by &.",
               "events[(events['category'] == 'troops') & (events['after_oped'] == 'yes')], then len()."),
        solution="u3 = len(events[(events['category'] == 'troops') & (events['after_oped'] == 'yes')])",
    ),
    TableQuestion(
        qid="u4",
        prompt="Step 6: a table of the treaty events from 2024 on, with only the columns event_id and date.",
        expected=_treaty_events_from_2024, key=("event_id",),
        hints=("Filter: events['category'] == 'treaty' and events['date'].dt.year >= 2024.",
               "Then keep two columns with [['event_id', 'date']] and renumber with .reset_index(drop=True)."),
        solution="u4 = events[(events['category'] == 'treaty') & (events['date'].dt.year >= 2024)]"
                 "[['event_id', 'date']].reset_index(drop=True)",
    ),
    ChoiceQuestion(
        qid="u5",
        prompt="Step 7: which kind of statement is the most common in the kit's claims ledger (claim_type)?",
        options=CLAIM_TYPES, expected=_most_common_claim_type,
        hints=("claims['claim_type'].value_counts() counts each kind, largest first.",),
        solution="u5 = claims['claim_type'].value_counts().idxmax()  # 'fact': most of the op-ed's checkable claims "
                 "are claims of fact (true or not).",
    ),
    NumberQuestion(
        qid="u6",
        prompt="Step 9: write days_from_summit(event_id), the days from the Vostochny summit to that event, and set "
               "u6 = days_from_summit('treaty_enters_force').",
        expected=lambda: _days_from_summit("treaty_enters_force"), tolerance=0, unit="days",
        hints=("def days_from_summit(event_id):\n    return (date_of[event_id] - date_of['vostochny_summit']).days",),
        solution="def days_from_summit(event_id):\n    return (date_of[event_id] - date_of['vostochny_summit']).days\n"
                 "u6 = days_from_summit('treaty_enters_force')  # 448",
    ),
    ClassificationQuestion(
        qid="u7",
        prompt="Step 10: label each of the op-ed's own sentences (its key words; the kit's words in [brackets]) "
               "fact, estimate, forecast, opinion or rhetoric.",
        # Each item keeps the op-ed's key words and puts the rest in the kit's words in square brackets, so that
        # the on-ramp quotes no more of the op-ed than the claims ledger does.
        items=("[Adrienne Watson, for the National Security Council, asked that Pyongyang] cease negotiations "
               "with Russia.",
               "[Russia's arms technology] can still provide [Pyongyang with engineering, production processes and] "
               "space support.",
               "[The absurd headlines from North Korea are meant as] deception, not self-delusion."),
        labels=CLAIM_TYPES,
        expected=("fact", "forecast", ("opinion", "rhetoric")),
        readings={
            1: {"opinion": "Watson's statement urges, but the op-ed's sentence reports that she said it: a claim "
                           "of fact (the kit found the statement)."},
            2: {"fact": "'Can still provide' looks ahead to what Russia may give: a forecast later events can test."},
            3: {"opinion": "A judgement about intentions nobody can observe.",
                "rhetoric": "Defensible: 'absurd' is a charged word, and the sentence persuades more than it argues."},
        },
        hints=("Label the op-ed's own sentence: if it reports what someone said, it is a claim of fact.",
               "'Can still provide' is about what will happen."),
        solution="u7 = ['fact', 'forecast', 'opinion'] ('rhetoric' is also accepted for the third).",
    ),
]
