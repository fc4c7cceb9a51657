"""Questions for 03, lips and teeth and the split: u* in the lesson, q* in the exercise.

Expected answers are computed from the kit's tables when first needed, so a data correction flows into
the check. Aid figures are never added up here either: the questions select, compare and count.
"""

from __future__ import annotations

from .kinds import (CLAIM_TYPES, ChoiceQuestion, ClassificationQuestion, MatchingQuestion, NumberQuestion,
                    SourceJudgementQuestion, TableQuestion, WrittenQuestion)

# Op-ed phrases (the claims table's `quote` column) and the claim each belongs to, for q5.
Q5_CLAIMS = (
    ("soviet_millions_of_shells", "received millions of shells from the Soviet Union"),
    ("nk_diplomacy_cunning", "Pyongyang\u2019s diplomacy is more cunning than many realize"),
    ("china_increased_aid_2018", "likely generously increased its aid to North Korea"),
    ("space_tech_on_the_block", "may be on the block in exchange for military help from Pyongyang"),
    ("saturation_bombing", "continue saturation bombing"),
    ("mao_lips_and_teeth", "once described by Mao as being close as \u201clips and teeth,\u201d"),
)


def _deliveries():
    from .. import data
    from ..models import aid

    return aid.deliveries_to(data.load("arms_transfers"))


def _soviet_share_1950_1991() -> float:
    from ..models import aid

    return aid.tiv_share_percent(_deliveries(), "SUN", 1950, 1991)


def _first_year_china_more() -> int:
    from ..models import aid

    return aid.first_year_more(_deliveries(), "CHN", "SUN")


def _peak_year_1950_1991() -> int:
    return int(_deliveries().loc[1950:1991].sum(axis=1).idxmax())


def _tiv_by_supplier_1992_2021():
    from .. import data

    arms = data.load("arms_transfers")
    rows = arms[(arms["recipient"] == "PRK") & (arms["measure"] == "annual_delivery") & arms["year"].between(1992, 2021)]
    return rows.groupby("supplier")["tiv"].sum()


def _chinese_aid_in_old_roubles():
    from .. import data

    aid = data.load("aid_to_dprk")
    rows = aid[(aid["donor"] == "CHN") & (aid["currency"] == "RUB_old")]
    return rows[["aid_id", "amount", "basis"]].reset_index(drop=True)


def _koval_delivered_percent() -> float:
    from .. import data
    from ..models import aid as model

    amount = data.load("aid_to_dprk").set_index("aid_id")["amount"]
    return model.delivered_share_percent(amount["koval_sun_equipment_obligation"], amount["koval_sun_equipment_delivered"])


def _q5_labels() -> tuple[str, ...]:
    from .. import data

    kinds = data.load("claims").set_index("claim_id")["claim_type"].astype(str)
    labels = [kinds[claim_id] for claim_id, _ in Q5_CLAIMS]
    # arguable readings, each accepted: 'cunning' is a judgement in a charged word; 'saturation bombing' a
    # characterisation that carries a judgement
    labels[1] = (labels[1], "rhetoric") if labels[1] == "opinion" else labels[1]
    labels[4] = (labels[4], "opinion") if labels[4] == "rhetoric" else labels[4]
    return tuple(labels)


Q5_READINGS = {
    1: {"estimate": "'Millions' sounds like a guess, but the sentence asserts a past delivery that records could "
                    "confirm: a claim of fact (the ledger found no evidence for it: no_evidence_found)."},
    2: {"rhetoric": "Defensible: 'cunning' is a charged word, though the sentence mainly judges.",
        "fact": "No record could show that diplomacy is 'more cunning than many realize': a judgement."},
    5: {"opinion": "Defensible: calling Russia's fire 'saturation bombing' carries a judgement of it.",
        "fact": "The phrase characterises without measuring anything a record could check."},
    6: {"rhetoric": "That labels Mao's words. The convention labels the op-ed's own sentence, which reports that Mao "
                    "said them: a claim of fact.",
        "opinion": "The sentence reports what Mao said; the convention labels that report, a claim of fact."},
}


SAME_GRANT = "they are the same 1953 Soviet grant, reported by different sources in different currencies"
TERMS = (
    "Soviet treaty: a fixed 10-year term, renewed automatically for 5 years at a time unless notice is given; "
    "Chinese treaty: no fixed term"
)

QUESTIONS = [
    # --- check your understanding (lesson) ---
    NumberQuestion(
        qid="u1",
        prompt="Under the free-aid agreement of 19 September 1953, what percentage of the Soviet equipment owed had been "
               "delivered by 1 January 1956 (Koval memo: koval_sun_equipment_obligation and koval_sun_equipment_delivered)?",
        expected=_koval_delivered_percent, tolerance=0.1, unit="percent",
        hints=(
            "Both rows come from the same memo, the same agreement and the same currency (pre-1961 roubles): this is "
            "the one kind of pair you may divide.",
            "models.aid.delivered_share_percent(committed, delivered) gives delivered / committed x 100.",
        ),
        solution="amount = aid.set_index('aid_id')['amount']\n"
                 "u1 = models.aid.delivered_share_percent(amount['koval_sun_equipment_obligation'], "
                 "amount['koval_sun_equipment_delivered'])  # 184.6 / 403.2 = 45.8 %",
    ),
    ChoiceQuestion(
        qid="u2",
        prompt="The table holds 1,000,000,000 RUB_old (sd_sun_decision_1953) and US$250,000,000 (time53_sun_grant_1953) "
               "for the USSR in 1953. Why must you not add them?",
        options=(SAME_GRANT,
                 "one is a loan and the other a grant",
                 "the dollar figure is Chinese aid",
                 "you may add them once the roubles are converted to dollars"),
        expected=SAME_GRANT,
        hints=("Read the description of each row: what was decided in August and announced in September 1953?",
               "1 billion old roubles at the official 4 roubles to the dollar is US$250 million."),
        solution="Both describe the one billion roubles of free aid decided on 3 August 1953 and announced in September: "
                 "Time gives it in dollars, Shen and Dong in roubles. Adding them counts one grant twice. The table keeps "
                 "every source's figure as its own row precisely so that you can see this.",
        explanations={"you may add them once the roubles are converted to dollars":
                      "Converting does not help: converted, they are the same US$250 million, counted twice.",
                      "one is a loan and the other a grant": "Both rows have aid_type 'grant'."},
    ),
    ChoiceQuestion(
        qid="u3",
        prompt="In ATOP 5.1's coding, which provision does the 1961 Chinese-North Korean treaty have that the 1961 "
               "Soviet-North Korean treaty lacks?",
        options=("defense", "nonaggression", "consultation", "economic aid (ecaid)"),
        expected="economic aid (ecaid)",
        hints=("Look at models.obligations_side_by_side(obligations): the columns SUN 1961 and CHN 1961.",
               "Which row has 1 in one column and 0 in the other?"),
        solution="economic aid: ATOP codes ecaid = 1 for the Chinese treaty (a promise of economic "
                 "aid) and 0 for the Soviet one. Both promise defence (defense = 1) and nonaggression, neither "
                 "consultation.",
        explanations={"defense": "Both 1961 treaties are coded defense = 1: the mutual-assistance clauses match.",
                      "consultation": "Neither 1961 treaty is coded for consultation; the 2000 Russian treaty is."},
    ),
    # --- exercise ---
    NumberQuestion(
        qid="q1",
        prompt="Using SIPRI's annual deliveries (July 2022 TIV tables), what percentage of all TIV delivered to North "
               "Korea in 1950-1991 came from the Soviet Union?",
        expected=_soviet_share_1950_1991, tolerance=0.5, unit="percent",
        hints=(
            "The share is the Soviet total divided by the total of every supplier, over the same years.",
            "deliveries = models.deliveries_to(arms) gives one column per supplier; .loc[1950:1991] keeps the years.",
            "models.tiv_share_percent(deliveries, 'SUN', 1950, 1991) checks your arithmetic.",
        ),
        solution="span = deliveries.loc[1950:1991]\n"
                 "q1 = 100 * span['SUN'].sum() / span.to_numpy().sum()  # 18,300 of 23,203 million TIV: 78.9 %",
    ),
    NumberQuestion(
        qid="q2",
        prompt="In which year did China first deliver more major arms (TIV) to North Korea than the Soviet Union did?",
        expected=_first_year_china_more, tolerance=0, unit="year",
        hints=(
            "Compare the CHN and SUN columns of `deliveries` year by year.",
            "deliveries.index[deliveries['CHN'] > deliveries['SUN']] lists every such year; take the first.",
        ),
        solution="q2 = int(deliveries.index[deliveries['CHN'] > deliveries['SUN']][0])  # 1958: 463 against 364",
    ),
    TableQuestion(
        qid="q3",
        prompt="After the USSR: make a pandas Series of the TIV delivered to North Korea in 1992-2021 by each supplier, "
               "from the annual rows of `arms` (measure 'annual_delivery'), indexed by supplier.",
        expected=_tiv_by_supplier_1992_2021, key=("supplier",), tolerance=0, unit="million TIV",
        hints=(
            "Filter with three conditions: recipient 'PRK', measure 'annual_delivery', year between 1992 and 2021.",
            "Then a grouped total: .groupby('supplier')['tiv'].sum().",
        ),
        solution="rows = arms[(arms['recipient'] == 'PRK') & (arms['measure'] == 'annual_delivery') "
                 "& arms['year'].between(1992, 2021)]\n"
                 "q3 = rows.groupby('supplier')['tiv'].sum()  # RUS 482, KAZ 177, CHN 121 (SIPRI's own Total column "
                 "says 479 for Russia: annual figures are rounded)",
    ),
    ChoiceQuestion(
        qid="q4",
        prompt="ATOP codes how long each 1961 treaty runs (columns speclgth, length, proren and renewlgt of "
               "alliance_obligations). Which statement matches ATOP's coding?",
        options=(TERMS,
                 "both treaties: no fixed term",
                 "both treaties: 20 years, renewed automatically",
                 "Chinese treaty: a fixed 10-year term; Soviet treaty: no fixed term"),
        expected=TERMS,
        hints=("speclgth: 1 = fixed period, 3 = indefinite; length and renewlgt are in months; proren 2 = renewed "
               "automatically unless notice is given.",
               "models.obligations_side_by_side(obligations, columns=('speclgth', 'length', 'proren', 'renewlgt'))"),
        solution="SUN 1961: speclgth 1, length 120 months, proren 2, renewlgt 60 months; CHN 1961: speclgth 3 "
                 "(indefinite), length 0. That is why Moscow could let its treaty lapse by notice (1995-96), while the "
                 "Chinese treaty stays in force until both agree otherwise (the '20-year renewal' told in some accounts "
                 "is not ATOP's reading).",
        explanations={"both treaties: 20 years, renewed automatically":
                      "A story often told of the Chinese treaty; ATOP codes it as indefinite (speclgth 3).",
                      "both treaties: no fixed term": "Look at the Soviet treaty's length: 120 months."},
    ),
    ClassificationQuestion(
        qid="q5",
        prompt="Label each of the op-ed's phrases as fact, estimate, forecast, opinion or rhetoric, the way the kit's "
               "claims ledger does (the kind of statement, not whether it is true). Give a list of six labels in order.",
        items=tuple(quote for _, quote in Q5_CLAIMS),
        labels=CLAIM_TYPES, expected=_q5_labels, readings=Q5_READINGS, points=2,
        hints=(
            "Ask of each: could it be checked against a record (fact)? Is it a guess at a number or a likelihood "
            "(estimate)? About the future (forecast)? A judgement (opinion)? Charged words carrying no evidence (rhetoric)?",
            "A fact-type claim can be false or unsupported and still be a claim of fact: the first phrase is one.",
        ),
        solution="q5 = ['fact', 'opinion', 'estimate', 'forecast', 'rhetoric', 'fact']: the shells are a checkable "
                 "claim of fact (one the kit found no evidence for); 'cunning' is a judgement; 'likely ... increased' guesses at what "
                 "happened; 'may be on the block' looks ahead; 'saturation bombing' characterises without measuring; "
                 "Mao's phrase is on the record.",
    ),
    NumberQuestion(
        qid="q6",
        prompt="Reading the figure: in the arms explorer set all suppliers, 1950-1991, stacked. In which year is the bar "
               "tallest, i.e. the most TIV delivered to North Korea in one year?",
        expected=_peak_year_1950_1991, tolerance=0, unit="year",
        hints=("Hover over the tallest bars: each segment gives the supplier's TIV for that year.",
               "In code: deliveries.loc[1950:1991].sum(axis=1).idxmax()."),
        solution="q6 = int(deliveries.loc[1950:1991].sum(axis=1).idxmax())  # 1971: 1,472 Soviet + 101 Chinese",
    ),
    TableQuestion(
        qid="q7",
        prompt="Which Chinese aid figures are stated in pre-1961 Soviet roubles? Make a DataFrame of the rows of `aid` "
               "with donor 'CHN' and currency 'RUB_old', with the columns aid_id, amount and basis, numbered afresh from 0 "
               "(.reset_index(drop=True)).",
        expected=_chinese_aid_in_old_roubles, key=("aid_id",), tolerance=0, unit="RUB_old",
        hints=("Two conditions joined with &: aid['donor'] == 'CHN' and aid['currency'] == 'RUB_old'.",
               "Then keep three columns with [['aid_id', 'amount', 'basis']] and renumber the rows with "
               ".reset_index(drop=True). Do not add the amounts up."),
        solution="q7 = aid[(aid['donor'] == 'CHN') & (aid['currency'] == 'RUB_old')][['aid_id', 'amount', 'basis']]"
                 ".reset_index(drop=True)\n"
                 "# four figures: two commitments, a write-off and an estimate, from three sources; summing them would mix "
                 "a 1954 commitment with the 1954-57 estimate that includes it",
    ),
    WrittenQuestion(
        qid="q8",
        prompt="Cohen writes that during the Sino-Soviet split North Korea 'adroitly threaded a middle ground ... "
               "extracting huge quantities of economic aid with few concessions'. In 120-250 words, say how far the kit's "
               "data support this. Use at least two figures (each with its currency or unit, source and whether it is a "
               "commitment, delivery or estimate), one turning point of the split, and one idea from alliance theory "
               "(patron-client leverage, abandonment and entrapment, or Keohane's 'Lilliputians' dilemmas').",
        hints=("Look at when the big aid figures are dated (before or after 1960?) and when the split began.",
               "SIPRI's deliveries show who armed Pyongyang after 1961, and when each patron's deliveries dipped.",
               "What could the data not show: concessions, or aid between 1966 and 1989?"),
        solution="A model answer: The largest aid figures predate the open split: the 1953 Soviet grant of 1 billion "
                 "old roubles (a commitment; Renmin Ribao, Shen and Dong) and China's 800 million yuan (commitment, "
                 "Nov 1953). During the split, the leverage ran both ways: in 1960 Moscow wrote off US$190 million "
                 "(Time) and Beijing lent 420 million old roubles (Huanqiu), and in July 1961 both signed defence "
                 "treaties within five days, a small state exploiting two patrons' fear of losing it (Keohane's "
                 "Lilliputians). But 'few concessions' overstates it: after siding with Beijing in 1962-63 Pyongyang saw "
                 "Soviet arms deliveries fall to 64-192 million TIV a year (SIPRI, 1961-65) until the 1965 military-aid "
                 "agreement (150 million new roubles, commitment), and in 1958-60 Chinese deliveries exceeded Soviet. "
                 "The kit holds almost no aid figures for 1966-89 and none on concessions, so 'huge' and 'few' remain "
                 "judgements the data cannot settle.",
        rubric=(
            ("Uses at least two aid or arms figures correctly, each with its currency or unit and basis, never summing "
             "figures from different sources or currencies", 2),
            ("Places the evidence against at least one turning point of the split (1956, 1960, 1961 treaties, 1962-65 "
             "tilt, 1969, 1991)", 1),
            ("Applies one concept (patron-client leverage, abandonment/entrapment, Lilliputians' dilemmas) to "
             "Pyongyang's position, not just names it", 1),
            ("Reaches a judgement on 'huge' and 'few concessions' and says what the data cannot show", 1),
        ),
        levels=(
            ("No aid or arms figure, figures from different sources or currencies added together, or units missing.",
             "One figure used correctly with its currency or unit, source and basis (commitment, delivery or "
             "estimate), or two with a basis missing.",
             "Two or more figures used correctly, each with currency or unit, source and basis; none summed across "
             "sources or currencies."),
            ("No turning point of the split, or one misdated.",
             "Places the evidence against a turning point (1956, 1960, the 1961 treaties, the 1962-65 tilt, 1969, "
             "1991) and says what the aid did around it."),
            ("No concept, or a concept only named ('this is patron-client leverage') and not applied.",
             "Applies one concept to Pyongyang's position, e.g. how rivalry between two patrons let a client "
             "threaten to tilt, or how fear of losing the client shaped Moscow's and Beijing's offers."),
            ("No judgement on 'huge' and 'few concessions', or one the figures cannot bear.",
             "Judges 'huge' and 'few concessions', treated as the op-ed's claims, and says what the data cannot show "
             "(e.g. gaps in the aid series, concessions no table records)."),
        ),
        min_words=120, max_words=250, points=5,
    ),
]


# --- reasoning: the split through alliance concepts; which source for the 1953 grant -------------------------

CONCEPTS = ("client leverage", "patron leverage", "entrapment risk", "abandonment")

# A version per student: a set of five episodes (event ids of the kit's `events` table) to read through the
# concepts. For each episode, the concept it illustrates best; a tuple where two readings are defensible.
EPISODE_SETS = {
    "a": (("china_dprk_treaty_1961", "client leverage"),
          ("soviet_aid_cut_off_1963", ("patron leverage", "abandonment")),
          ("soviet_military_aid_agreement_1965", ("client leverage", "patron leverage")),
          ("uss_pueblo_seized_1968", "entrapment risk"),
          ("ussr_rok_relations_1990", "abandonment")),
    "b": (("ussr_dprk_treaty_1961", "client leverage"),
          ("soviet_aid_cut_off_1963", ("patron leverage", "abandonment")),
          ("kosygin_visits_pyongyang_1965", "client leverage"),
          ("ec121_shootdown_1969", "entrapment risk"),
          ("shevardnadze_pyongyang_1990", "abandonment")),
    "c": (("sino_soviet_delegation_pyongyang_1956", "patron leverage"),
          ("china_dprk_treaty_1961", "client leverage"),
          ("soviet_military_aid_agreement_1965", ("client leverage", "patron leverage")),
          ("blue_house_raid_1968", "entrapment risk"),
          ("ussr_rok_relations_1990", "abandonment")),
}

SHEN_DONG = "Shen and Dong (2011), from the CPSU Presidium decision of 3 August 1953: 1 billion roubles"
TIME = "Time, 7 December 1953: US$250 million"
IN_ITS_CURRENCY = "it reports the decision itself, in the currency of the agreement; the other is a conversion"

QUESTIONS += [
    MatchingQuestion(
        qid="q9",
        prompt="Your five episodes (shown by my_variant): which concept does each illustrate best? Patron leverage "
               "(a patron withholds or grants support to bend its client), client leverage (a client gains from its "
               "patrons' rivalry or fear of losing it), entrapment risk (a patron may be dragged into its client's "
               "conflict), abandonment (a patron drops or downgrades its client).",
        items=tuple(f"episode {i}" for i in range(1, 6)), labels=CONCEPTS,
        variants=tuple({"episodes": k} for k in EPISODE_SETS),
        expected=lambda episodes: tuple(concept for _, concept in EPISODE_SETS[episodes]),
        hints=("Read each episode's full text in the table the notebook shows. Who does what to whom?",
               "Ask who gains bargaining power: a patron using aid (patron leverage), or a small state courted by "
               "two rivals (client leverage)? Is a patron at risk of a war it did not choose (entrapment)?"),
        solution="Treaties signed with both patrons within five days (1961) and Moscow's courting after 1964 are client "
                 "leverage; the 1956 joint delegation and the 1963 aid cut are patron leverage (the cut may be read "
                 "as abandonment); Pueblo, the Blue House raid and the EC-121 risked dragging a patron into Pyongyang's "
                 "fights (entrapment); Moscow's recognition of Seoul in 1990 is abandonment.",
        points=3,
    ),
    SourceJudgementQuestion(
        qid="q10",
        prompt="For the size of the Soviet grant of 1953 in the currency it was given in, which source is stronger, "
               "and why? Give {'source': ..., 'reason': ...}.",
        sources=(SHEN_DONG, TIME),
        reasons=(IN_ITS_CURRENCY, "it is the more recent source, so it had more time to check",
                 "it gives the larger sum", "a news magazine is never a valid source"),
        expected=(SHEN_DONG, IN_ITS_CURRENCY),
        explanations={
            TIME: "Time's dollars are a conversion of the same grant (the kit's reading: 1 billion roubles at 4 to "
                  "the dollar); it says nothing the decision does not.",
            "it is the more recent source, so it had more time to check":
                "Recency helps only if it brings better evidence; what matters is that it reports the decision.",
            "it gives the larger sum": "Converted, the two are the same grant; neither sum is larger.",
            "a news magazine is never a valid source":
                "Too strong: Time is a contemporary record and agrees once converted; it is simply one step further "
                "from the decision.",
            IN_ITS_CURRENCY: "The closer a source is to the decision, and the fewer conversions, the fewer errors.",
        },
        hints=("Read the rows sd_sun_decision_1953 and time53_sun_grant_1953 of `aid`, with their notes.",),
        solution="Shen and Dong: they report the Presidium's decision itself, in roubles; Time gives a dollar "
                 "conversion of the same grant.",
        points=2,
    ),
]
