"""Questions for 01, the summit and the argument: u* in the lesson, q* in the exercise."""

from .kinds import ChoiceQuestion, NumberQuestion

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
        prompt="How many days passed between the Vostochny summit and the signing of the treaty in Pyongyang?",
        expected=280, tolerance=0, unit="days",
        hints=(
            "Find the two rows in `events` by their event_id: 'vostochny_summit' and 'putin_pyongyang_treaty_signed'.",
            "Subtracting two pandas Timestamps gives a Timedelta; its `.days` is a whole number of days.",
        ),
        solution="q1 = (date_of['putin_pyongyang_treaty_signed'] - date_of['vostochny_summit']).days  # 280",
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
