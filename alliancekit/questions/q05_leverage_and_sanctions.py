"""Questions for 05, leverage and sanctions: u* in the lesson, q* in the exercise.

Expected answers that come from the kit's data are computed from it (lazily), so a corrected table changes
the answer key with it.
"""

from __future__ import annotations

from .kinds import CLAIM_TYPES, ChoiceQuestion, ClassificationQuestion, NumberQuestion, TableQuestion, WrittenQuestion

ES11_1 = "A/RES/ES-11/1"
P5 = ("China", "France", "Russia", "United Kingdom", "United States")
TREND = ("rose", "fell", "stayed about the same")


def _votes():
    from .. import data

    return data.load("un_votes")


def _states_against_es11_1():
    votes = _votes()
    chosen = votes[(votes["resolution"].astype(str) == ES11_1) & (votes["vote"].astype(str) == "no")]
    return chosen[["country", "iso3"]].sort_values("iso3").reset_index(drop=True)


def _count_against_es11_1() -> int:
    return len(_states_against_es11_1())


def _cinc_ratio(patron_cow: str, client_cow: str, year: int) -> float:
    from .. import data, models

    ratio = models.capability_ratio(data.load("capabilities"), patron_cow, client_cow, "7.0")
    return float(ratio.set_index("year").loc[year, "ratio"])


def _north_korea_cinc_peak() -> int:
    from .. import data, models

    return models.peak_year(models.cinc_series(data.load("capabilities"), "731", "7.0"))


def _russia_veto_2024() -> str:
    from .. import data, models

    one = models.unsc_by_resolution(data.load("unsc_resolutions")).set_index("resolution")
    vetoed_by = one.loc["vetoed draft 2024-03-28 (United States)", "vetoed_by"]
    return {"RUS": "Russia", "CHN": "China", "USA": "United States", "GBR": "United Kingdom", "FRA": "France"}[vetoed_by]


VETO_EXPLANATIONS = {
    "China": "China abstained on the 2024 draft; it vetoed (with Russia) the draft of May 2022.",
    "United States": "The United States tabled the draft and voted for it.",
    "France": "France voted for the draft.",
    "United Kingdom": "The United Kingdom voted for the draft.",
}

QUESTIONS = [
    # --- lesson (check your understanding) ---
    NumberQuestion(
        qid="u1",
        prompt="How many states voted against resolution ES-11/1 (2 March 2022)?",
        expected=_count_against_es11_1, tolerance=0, unit="states",
        hints=("The bar labelled 'no (against)' in the UN vote explorer, for ES-11/1.",
               "Or: models.vote_counts(votes, 'A/RES/ES-11/1')['no']"),
        solution="models.vote_counts(votes, 'A/RES/ES-11/1')['no'] gives 5: Belarus, North Korea, Eritrea, "
                 "Russia and Syria.",
    ),
    ChoiceQuestion(
        qid="u2",
        prompt="Which permanent member vetoed the draft of 28 March 2024 renewing the Panel of Experts?",
        options=P5, expected=_russia_veto_2024,
        hints=("Pick 'vetoed drafts' in the Security Council explorer and hover over the 2024 bar.",
               "Or read unsc's column vetoed_by for the 2024 draft."),
        solution="Russia (13 in favour, Russia against, China abstaining). The panel's mandate lapsed on 30 April 2024.",
        explanations=VETO_EXPLANATIONS,
    ),
    NumberQuestion(
        qid="u3",
        prompt="In 1961, how many times larger was China's CINC than North Korea's (NMC 7.0)?",
        expected=lambda: _cinc_ratio("710", "731", 1961), tolerance=0.1, unit="times",
        hints=("In the capability explorer, pick China as patron and North Korea as client; hover over 1961 in the "
               "lower panel.",
               "Or: models.capability_ratio(capabilities, '710', '731').set_index('year').loc[1961, 'ratio']"),
        solution="models.capability_ratio(capabilities, '710', '731').set_index('year').loc[1961, 'ratio'] is about "
                 "19.7 (0.1049 / 0.0053).",
    ),
    # --- exercise ---
    NumberQuestion(
        qid="q1",
        prompt="How many states voted against resolution ES-11/1 (2 March 2022) in the General Assembly?",
        expected=_count_against_es11_1, tolerance=0, unit="states",
        hints=("Filter `votes` to the resolution 'A/RES/ES-11/1' and the vote 'no'.",
               "The number of rows of that table is the answer: len(...)."),
        solution="q1 = len(votes[(votes['resolution'] == 'A/RES/ES-11/1') & (votes['vote'] == 'no')])  # 5",
    ),
    TableQuestion(
        qid="q2",
        prompt="The states that voted against ES-11/1: a table with the columns country and iso3, one row per state.",
        expected=_states_against_es11_1, key=("iso3",),
        hints=("Start from the filter of q1 and keep two columns: [['country', 'iso3']].",
               "Filter the rows with two conditions joined by &, each in brackets."),
        solution="q2 = votes[(votes['resolution'] == 'A/RES/ES-11/1') & (votes['vote'] == 'no')]"
                 "[['country', 'iso3']].reset_index(drop=True)  # BLR, PRK, ERI, RUS, SYR",
    ),
    ChoiceQuestion(
        qid="q3",
        prompt="Which permanent member of the Security Council vetoed the draft of 28 March 2024 that would have "
               "renewed the Panel of Experts on North Korea sanctions?",
        options=P5, expected=_russia_veto_2024,
        hints=("Look at the rows of `unsc` whose resolution starts with 'vetoed draft'.",
               "The column vetoed_by gives ISO3 codes: RUS is Russia, CHN China."),
        solution="q3 = 'Russia'  # unsc.loc[unsc['resolution'] == 'vetoed draft 2024-03-28 (United States)', "
                 "'vetoed_by'] is 'RUS'; China abstained.",
        explanations=VETO_EXPLANATIONS,
    ),
    ClassificationQuestion(
        qid="q4",
        prompt="Label what each sentence of the op-ed asserts: fact, estimate, forecast, opinion or rhetoric. For a "
               "quotation, label the quoted words themselves, not the fact that someone said them.",
        items=(
            "North Korea had been sanctioned as late as August 2023 for trying to secretly aid Russia.",
            "She was ignored. (Of Vice President Harris's warning against a Putin-Kim meeting.)",
            "Joel Wit's words: \u201cWe have no leverage over North Korea at all\u201d.",
            "Joel Wit's words: \u201cIt doesn\u2019t take a brain surgeon to figure out the answer is a resounding no.\u201d",
        ),
        labels=CLAIM_TYPES,
        expected=("fact", "fact", "opinion", "rhetoric"),
        hints=("Could the sentence be checked against a record (a Treasury notice, the date of a summit)? Then it is "
               "a fact, even if the record turns out to say something slightly different.",
               "A judgement about what the United States can do is an opinion; a figure of speech that adds force "
               "but no evidence is rhetoric."),
        solution="q4 = ['fact', 'fact', 'opinion', 'rhetoric']. 1: checkable (the US Treasury designations of 16 "
                 "August 2023; they hit third-country firms, so the kit rates the claim 'partly_supported'). 2: checkable "
                 "(the summit went ahead on 13 September 2023). 3: a judgement. 4: a figure of speech.",
    ),
    NumberQuestion(
        qid="q5",
        prompt="In 1961, the year of the treaties, how many times larger was the USSR's CINC than North Korea's "
               "(NMC 7.0)? Give the ratio USSR / North Korea, to one decimal.",
        expected=lambda: _cinc_ratio("365", "731", 1961), tolerance=0.1, unit="times",
        hints=("COW code 365 is Russia/USSR, 731 North Korea: models.capability_ratio(capabilities, '365', '731').",
               "Index the result by year and read the column 'ratio' in 1961; it is the USSR's CINC divided by "
               "North Korea's, not the other way round."),
        solution="q5 = models.capability_ratio(capabilities, '365', '731').set_index('year').loc[1961, 'ratio']  "
                 "# about 32.6 (0.1738 / 0.0053)",
    ),
    NumberQuestion(
        qid="q6",
        prompt="In which year did North Korea's CINC reach its highest value in NMC 7.0?",
        expected=_north_korea_cinc_peak, tolerance=0, unit="year",
        hints=("models.cinc_series(capabilities, '731', '7.0') gives North Korea's CINC by year.",
               "A Series' .idxmax() gives the index (here, the year) of its largest value."),
        solution="q6 = models.cinc_series(capabilities, '731', '7.0').idxmax()  # 2018 (NMC 6.0, which ends in "
                 "2016, would say 2016)",
    ),
    ChoiceQuestion(
        qid="q7",
        prompt="Read the lower panel of the capability figure (Russia/USSR as patron, North Korea as client). "
               "Between 1961 and 1991, did the ratio of the USSR's CINC to North Korea's rise, fall, or stay "
               "about the same?",
        options=TREND, expected="fell",
        hints=("Hover over 1961 and over 1991 in the lower panel.",
               "About 33 in 1961; about 8 in 1991."),
        solution="q7 = 'fell': from about 32.6 in 1961 to about 8.0 in 1991, as North Korea's CINC rose and the "
                 "USSR's fell at the end.",
        explanations={"stayed about the same": "Compare 1961 with 1991: the ratio is about four times smaller.",
                      "rose": "The line in the lower panel goes down: North Korea's share grew."},
    ),
    WrittenQuestion(
        qid="q8",
        prompt="Joel Wit says the United States has 'no leverage over North Korea at all'. Do you agree? In 80 to "
               "200 words, use at least two pieces of the kit's evidence (Security Council votes, General Assembly "
               "votes, capability ratios) and one idea from the lesson (leverage, sanctions' limits, costly "
               "signals, asymmetric alliances).",
        min_words=80, max_words=200,
        rubric=(
            ("States a clear position on whether the US has leverage, and over what", 1),
            ("Uses at least two pieces of the kit's evidence correctly (e.g. 11 unanimous resolutions 2006-2017; "
             "the 2022 double veto; the 2024 Panel veto; votes of Russia and North Korea on ES-11/1; CINC ratios)", 2),
            ("Applies a concept correctly: leverage depends on what the target needs from the sender; sanctions "
             "need the target's suppliers (Drezner; Hufbauer et al.); costly versus cheap signals (Fearon)", 1),
            ("Names a limit of the evidence (votes are not enforcement; CINC is not leverage; few roll-calls) or "
             "the strongest counter-argument", 1),
        ),
        hints=("Leverage comes from what North Korea needs: who supplies it, and who could withhold it?",
               "What changed between the 2017 resolutions and the 2022 and 2024 vetoes?"),
        solution="A model answer: Wit is mostly right about direct US leverage, but wrong if 'leverage' includes "
                 "working through others. The United States gives North Korea almost nothing it could withhold, so "
                 "its warnings in 2023 were cheap signals that Pyongyang could ignore (Fearon). Its real lever was "
                 "multilateral: from 2006 to 2017 the Security Council adopted eleven sanctions resolutions 15-0, "
                 "with Russia and China voting for them. That lever needs North Korea's suppliers: in May 2022 China "
                 "and Russia vetoed a tougher draft, and in March 2024 Russia's veto ended the Panel of Experts "
                 "that monitored enforcement. Drezner's argument fits: sanctions fail when the target's partners "
                 "defect. Russia also needs Pyongyang more than before (its CINC fell from about 33 times North "
                 "Korea's in 1961 to under 3 times), so the asymmetric alliance gives North Korea a second patron. "
                 "Limits: votes are not enforcement, and CINC does not measure leverage or count nuclear weapons.",
    ),
]


def _count_votes(resolution: str, vote: str) -> int:
    votes = _votes()
    return int(((votes["resolution"].astype(str) == resolution) & (votes["vote"].astype(str) == vote)).sum())


# A question with a version per student: each counts a different vote on one of the two resolutions.
QUESTIONS += [
    NumberQuestion(
        qid="q9",
        prompt="How many states cast your vote (shown by my_variant) on your General Assembly resolution?",
        variants=({"resolution": "A/RES/68/262", "vote": "no"}, {"resolution": "A/RES/68/262", "vote": "abstain"},
                  {"resolution": "A/RES/68/262", "vote": "absent"}, {"resolution": "A/RES/ES-11/1", "vote": "abstain"},
                  {"resolution": "A/RES/ES-11/1", "vote": "absent"}),
        expected=lambda resolution, vote: _count_votes(resolution, vote), tolerance=0, unit="states",
        hints=("As in q1, with your resolution and your vote.",
               "Keep the rows of `votes` where both `resolution` and `vote` match yours, then count them."),
        solution="q9 = len(votes[(votes['resolution'] == mine['resolution']) & (votes['vote'] == mine['vote'])])",
    )
]
