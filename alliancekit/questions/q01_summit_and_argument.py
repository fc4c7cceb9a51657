"""Questions for 01, the summit and the argument: u* in the lesson, q* in the exercise."""

from .kinds import ArgumentMapQuestion, ChoiceQuestion, HiddenCase, MatchingQuestion, NumberQuestion, WrittenQuestion

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
        prompt="'[Little can be done to stop] the inevitable arms deal between Russia and North Korea.' "
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
        levels=(("No event cited by its event_id, or the events cited are misdated or misdescribed.",
                 "One event cited by event_id with its date, or two cited but one misread (e.g. a treaty's signing "
                 "taken for its entry into force).",
                 "Two or more events cited by event_id, each dated and described as the kit's row records it, and "
                 "tied to the forecast of an 'inevitable arms deal'."),
                ("Treats later events as if a reader in September 2023 could have known them (hindsight presented as "
                 "foresight).",
                 "Says what was known in September 2023 (the summit, the US warnings) and what came only later "
                 "(deliveries confirmed, the treaty, troops)."),
                ("States the verdict as certain: no limit of the evidence and no contrary reading.",
                 "Weighs one source of doubt: counts from interested governments, estimates versus confirmed "
                 "deliveries, or a reading in which the deal fell short of the forecast.")),
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


# --- reasoning: the argument's structure, balance of threat, evidence for a claim ------------------------------

# The op-ed's own sentences (paragraphs 4, 7 and 9), mapped to their role in its argument. Where a sentence
# is longer than the claims ledger's quote, the kit's words in square brackets stand in for the rest.
ARGUMENT_SENTENCES = (
    "[Little can be done to stop] the inevitable arms deal between Russia and North Korea.",
    "[Russia, fighting in Ukraine mainly with artillery,] has exhausted its stockpiles.",
    "North Korea has an estimated 14,000 artillery systems.",
    "Artillery does not have to be cutting-edge to be devastating.",
    "North Korea had been sanctioned as late as August 2023 for trying to secretly aid Russia.",
)

THREAT = "a threat both perceive: the United States and the states arming Ukraine or allied with Seoul"

# Events a student weighs against one claim of the op-ed (their variant): ids from the kit's `events` table.
EVIDENCE_EVENTS = ("kirby_covert_shell_shipments", "white_house_1000_containers", "nk_satellite_russian_help",
                   "russia_vetoes_panel_of_experts", "putin_pyongyang_treaty_signed", "pyongyang_confirms_troops")

# For each claim (claims table), the relation of each event to it; a tuple where two readings are defensible
# (the kit's first). Kept beside the events so a changed event list fails the tests rather than a student.
EVIDENCE_FOR_CLAIM = {
    "inevitable_arms_deal": (("supports", "neither"), "supports", ("supports", "neither"), ("neither", "supports"),
                             "supports", ("supports", "neither")),
    "troop_claims_absurd": ("neither", "neither", "neither", "neither", ("neither", "contradicts"), "contradicts"),
    "russia_gives_what_sanctions_block": ("neither", "neither", "supports", ("supports", "neither"),
                                          ("supports", "neither"), "neither"),
}

QUESTIONS += [
    ArgumentMapQuestion(
        qid="q8",
        prompt="Map each of the op-ed's own sentences to its role in the argument: claim (what the op-ed argues "
               "for), premise (a general assumption the argument needs but does not show) or evidence (a particular, "
               "checkable fact or figure offered in support).",
        items=ARGUMENT_SENTENCES,
        expected=("claim", ("evidence", "premise"), "evidence", "premise", "evidence"),
        readings={
            1: {"evidence": "This is what the paragraphs argue for: the conclusion, not a reason for it.",
                "premise": "It is the conclusion the other sentences are offered to support."},
            2: {"evidence": "A particular state of affairs offered as a reason (the ledger calls it an estimate).",
                "premise": "Defensible: the op-ed gives no figure for it, so it works as an assumption the "
                           "argument needs.",
                "claim": "It is offered as a reason why Russia needs shells, not as the conclusion."},
            3: {"premise": "It is a particular figure that can be checked (lesson 02 does): evidence, however "
                           "uncertain.",
                "claim": "A figure offered in support, not the conclusion."},
            4: {"evidence": "A general statement about all artillery, with no particular case: an assumption.",
                "claim": "The op-ed does not argue for it; it assumes it to make the 14,000 matter."},
            5: {"premise": "A dated, checkable event (US Treasury, 16 August 2023): evidence.",
                "claim": "A particular event offered as evidence that the deal was already under way."},
        },
        hints=("Find the sentence the others are reasons for: that is the claim.",
               "Of the rest, which could you check against a record or a source (evidence), and which is a general "
               "rule the argument takes for granted (premise)?"),
        solution="q8 = ['claim', 'evidence', 'evidence', 'premise', 'evidence']: the inevitable deal is the "
                 "conclusion; the stockpiles, the 14,000 and the August 2023 sanctions are particulars offered in "
                 "support (the stockpiles may also be read as an unshown premise); 'artillery does not have to be "
                 "cutting-edge' is the general assumption that makes North Korea's old guns relevant.",
        points=3,
    ),
    ChoiceQuestion(
        qid="q9",
        prompt="Walt's balance of threat: states ally against the power they find most threatening, not simply the "
               "strongest. On this reading, what drew Moscow and Pyongyang together in 2023?",
        options=(THREAT,
                 "both balance against the strongest power in their region, China",
                 "Russia bandwagons with North Korea, the stronger military power",
                 "a shared communist ideology"),
        expected=THREAT,
        explanations={
            "both balance against the strongest power in their region, China":
                "China is a partner of both, not the threat either aligns against (lesson 04).",
            "Russia bandwagons with North Korea, the stronger military power":
                "Russia is by far the stronger state (lesson 05's CINC ratios); bandwagoning means joining the "
                "threatening side.",
            "a shared communist ideology":
                "Russia has not been communist since 1991; Walt himself finds ideology a weak cause of alliances.",
        },
        hints=("Balance of threat weighs power together with proximity, offensive capability and intentions.",
               "Whom does each of the two see as threatening it: who arms Ukraine, and who is allied with Seoul?"),
        solution="A threat both perceive: for Moscow the United States and the states arming Ukraine, for "
                 "Pyongyang the United States and its alliance with South Korea. Walt's point is that alignment "
                 "follows perceived threat, which is why two such unequal states align.",
        points=2,
    ),
    MatchingQuestion(
        qid="q10",
        prompt="Your claim of the op-ed (shown by my_variant): for each of the six events, in order, does it "
               "support the claim, contradict it, or neither?",
        items=EVIDENCE_EVENTS, item_ids=EVIDENCE_EVENTS,
        variants=tuple({"claim_id": c} for c in EVIDENCE_FOR_CLAIM),
        expected=lambda claim_id: EVIDENCE_FOR_CLAIM[claim_id],
        hints=("Read your claim's words in the claims table, then each event's full text in the table above.",
               "An event supports a claim if it is what the claim says or predicts; it contradicts it if it shows the "
               "opposite; events about something else are 'neither'. Who gives what to whom matters."),
        solution="inevitable_arms_deal: supports for shipments, Russian help, the treaty (the veto and the troops "
                 "can be read either way); troop_claims_absurd: contradicted by the confirmed troops, nothing else "
                 "bears on it; russia_gives_what_sanctions_block: supported by the satellite help (and arguably the "
                 "veto and the treaty), not by what North Korea sends.",
        points=3,
    ),
]
