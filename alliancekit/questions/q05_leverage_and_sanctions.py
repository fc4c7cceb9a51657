"""Questions for 05, leverage and sanctions: u* in the lesson, q* in the exercise.

Expected answers that come from the kit's data are computed from it (lazily), so a corrected table changes
the answer key with it.
"""

from __future__ import annotations

from .kinds import CLAIM_TYPES, ChoiceQuestion, ClassificationQuestion, MatchingQuestion, NumberQuestion, TableQuestion, WrittenQuestion

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


# The op-ed's own sentences for q4 (claims table), one convention: label the sentence, not the words it quotes.
# Each is in the words of the excerpts table: the op-ed's own, with the kit's in square brackets.
Q4_CLAIMS = (
    ("sanctioned_august_2023", "North Korea had been sanctioned as late as August 2023 for trying to secretly aid Russia."),
    ("harris_ignored", "She was ignored. (Of Vice President Harris's warning against a Putin-Kim meeting.)"),
    ("harris_huge_mistake", "Vice President Kamala Harris stated it would be a \u201chuge mistake\u201d for Putin and "
                            "Kim to meet."),
    ("joel_wit_quote", "Joel Wit, a former State Department official [\u2026], stated: \u201c[\u2026] We have no "
                       "leverage over North Korea at all [\u2026].\u201d"),
    ("russia_gives_what_sanctions_block", "[In return,] Russia will give North Korea things it can\u2019t get "
                                          "elsewhere due to sanctions."),
)

Q4_READINGS = {
    3: {"opinion": "That labels Harris's words. The op-ed's sentence reports that she said them: a claim of fact, "
                   "and the record confirms it.",
        "rhetoric": "'Huge mistake' is Harris's phrase; the op-ed's sentence reports it: a claim of fact."},
    4: {"opinion": "Wit's words are an opinion, but the convention labels the op-ed's sentence, which reports that "
                   "he said them: a claim of fact (one the ledger could not confirm).",
        "rhetoric": "The convention labels the op-ed's report of Wit's words, a claim of fact."},
    5: {"opinion": "It may express a judgement, but its core is what Russia will do: a forecast later events test."},
}


def _q4_labels() -> tuple[str, ...]:
    from .. import data

    kinds = data.load("claims").set_index("claim_id")["claim_type"].astype(str)
    return tuple(kinds[claim_id] for claim_id, _ in Q4_CLAIMS)


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
        prompt="Label each of the op-ed's own sentences as fact, estimate, forecast, opinion or rhetoric. Where the "
               "op-ed quotes someone, label the op-ed's sentence (that the person said it), not the quoted words.",
        items=tuple(text for _, text in Q4_CLAIMS),
        labels=CLAIM_TYPES, expected=_q4_labels, readings=Q4_READINGS,
        hints=("Could the sentence be checked against a record (a Treasury notice, the date of a summit, a "
               "published interview)? Then it is a fact, even if the record turns out to say something different.",
               "A sentence that reports what someone said is a claim of fact about what they said, whatever the "
               "quoted words are; a sentence about what will happen is a forecast."),
        solution="q4 = ['fact', 'fact', 'fact', 'fact', 'forecast']. 1: checkable (the US Treasury designations of 16 "
                 "August 2023; they hit third-country firms, so the ledger rates it 'partly_supported'). 2: checkable (the "
                 "summit went ahead). 3 and 4: the op-ed reports what Harris and Wit said, which can be checked "
                 "(the ledger found Harris's words, not Wit's). 5: it says what Russia will do.",
        points=2,
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
        levels=(
            ("No clear position, or one that changes within the answer.",
             "States a clear position on whether the US has leverage over North Korea and over what (its weapons, its "
             "arms trade with Russia, its sanctions evasion)."),
            ("No evidence from the kit, or evidence misread (e.g. a veto counted as an abstention, years wrong).",
             "One piece of the kit's evidence used correctly, or two of which one is misread.",
             "Two or more pieces used correctly (e.g. the unanimous resolutions of 2006-2017 set against the 2022 "
             "double veto and the 2024 Panel veto) and tied to the position."),
            ("No concept, or one only named.",
             "Applies a concept: leverage depends on what the target needs from the sender; sanctions need the "
             "target's suppliers; a vote is a cheap signal next to costly ones."),
            ("Ignores the limits of the evidence and the strongest objection.",
             "Names a limit (votes are not enforcement; CINC is not leverage; few roll-calls) or answers the "
             "strongest counter-argument."),
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


# --- reasoning: evidence for a claim about leverage; costly signals -------------------------------------------

SANCTIONS_EVIDENCE = (
    "2006-2017: the Security Council adopts eleven sanctions resolutions on North Korea, all 15-0, Russia and China "
    "voting for them.",
    "May 2022: China and Russia veto a draft that would have tightened the sanctions.",
    "March 2024: Russia vetoes the renewal of the Panel of Experts that monitored the sanctions; China abstains.",
    "September 2023: Harris warns that a Putin-Kim meeting would be a 'huge mistake'; the summit goes ahead.",
    "2 March 2022: North Korea is one of five states voting against General Assembly resolution ES-11/1.",
)

# A version per student: which of the op-ed's claims (claims table) the same evidence is weighed against.
EVIDENCE_FOR_CLAIM = {
    "joel_wit_quote": ("contradicts", "supports", "supports", "supports", "neither"),
    "russia_gives_what_sanctions_block": (("neither", "supports"), ("supports", "neither"), "supports", "neither",
                                          "neither"),
}

COSTLY, CHEAP = "costly signal", "cheap talk"
SIGNALS = (
    "Vice President Harris says a Putin-Kim meeting would be a 'huge mistake' (September 2023).",
    "The National Security Council urges North Korea to stop its arms negotiations with Russia (September 2023).",
    "The US Treasury sanctions firms tied to North Korea-Russia arms deals (August 2023).",
    "Russia vetoes the renewal of the Panel of Experts, alone against thirteen votes (March 2024).",
    "Russia and North Korea sign and ratify a treaty with a mutual-assistance clause (2024).",
)

QUESTIONS += [
    MatchingQuestion(
        qid="q9",
        prompt="Leverage and sanctions: your claim of the op-ed (shown by my_variant) is about who can make "
               "Pyongyang do what. For each of the five pieces of evidence, in order, does it support the claim, "
               "contradict it, or neither?",
        items=SANCTIONS_EVIDENCE,
        variants=tuple({"claim_id": c} for c in EVIDENCE_FOR_CLAIM),
        expected=lambda claim_id: EVIDENCE_FOR_CLAIM[claim_id],
        hints=("Read your claim in full (claims table); then ask of each piece: is it what the claim says, its "
               "opposite, or about something else?",
               "Leverage needs something the target wants and others will not supply; sanctions need the suppliers' "
               "votes."),
        solution="joel_wit_quote: the 2006-2017 resolutions contradict 'no leverage at all' (a multilateral lever "
                 "existed); the 2022 and 2024 vetoes and the ignored warning support it; the ES-11/1 vote is about "
                 "something else. russia_gives_what_sanctions_block: the 2024 veto supports it (Russia shields what "
                 "sanctions block); the 2022 veto arguably too; the resolutions are the premise, not evidence.",
        points=3,
    ),
    MatchingQuestion(
        qid="q10",
        prompt="Fearon's costly signals: a signal is credible when it costs the sender something it would not pay "
               "if bluffing (sunk costs, or hands tied by a public commitment); words that cost nothing are cheap "
               "talk. Label each signal 'costly signal' or 'cheap talk'.",
        items=SIGNALS, labels=(COSTLY, CHEAP),
        expected=(CHEAP, CHEAP, (COSTLY, CHEAP), COSTLY, COSTLY),
        readings={
            3: {COSTLY: "Sanctions are action, with some cost to the sender's relations and trade.",
                CHEAP: "Defensible: sanctions on a few third-country firms cost Washington little, and Pyongyang "
                       "was already sanctioned."},
            4: {CHEAP: "A veto breaking with 2006-2017 practice, alone against thirteen, costs Russia standing: "
                       "that cost is what makes it credible to Pyongyang."},
            5: {CHEAP: "A ratified treaty ties the parties' hands in public: breaking it would cost them."},
        },
        hints=("Ask what the sender loses if it turns out to be bluffing.",
               "Statements and warnings are free to make and free to ignore."),
        solution="q10 = ['cheap talk', 'cheap talk', 'costly signal', 'costly signal', 'costly signal']: the warnings "
                 "cost nothing and were ignored; the veto and the ratified treaty cost Moscow something; the "
                 "Treasury designations can be read either way.",
        points=2,
    ),
]
