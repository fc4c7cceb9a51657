"""Questions for 06, an arsenal of autocracy in hindsight: u* in the lesson, q* in the exercise.

Expected answers are computed from the kit's tables (lazily), so a data correction flows into the check.
"""

from __future__ import annotations

from .kinds import (ChoiceQuestion, ClassificationQuestion, MatchingQuestion, NumberQuestion, SourceJudgementQuestion,
                    TableQuestion, WrittenQuestion)

CLAIM_TYPES = ("fact", "estimate", "forecast", "opinion", "rhetoric")

# Op-ed words (the claims table's `quote` column) and the claim each belongs to, for q5.
Q5_CLAIMS = (
    ("pyongyang_denied_support", "Pyongyang earlier denied it would send any support"),
    ("russia_gives_what_sanctions_block", "Russia will give North Korea things it can\u2019t get elsewhere due to sanctions"),
    ("vilest_regimes", "one of the vilest regimes on Earth"),
    ("artillery_need_not_be_cutting_edge", "Artillery does not have to be cutting-edge to be devastating"),
    ("iranian_drones_then_nk_artillery", "first Iranian drones, and now North Korean artillery"),
)


def _claims():
    from .. import data

    return data.load("claims")


def _supported_forecasts() -> int:
    claims = _claims()
    return int(((claims["claim_type"] == "forecast") & (claims["verdict"] == "supported")).sum())


def _north_korean_defence_pacts() -> int:
    from .. import data, models

    summary = models.alliance_summary(data.load("alliance_obligations"))
    return models.count_with_obligation(models.select_alliances(summary, "north_korea_all"), "defense", coded_by="ATOP 5.1")


def _container_counts():
    from .. import data

    shells = data.load("shells")
    rows = shells[(shells["actor"] == "PRK") & (shells["unit"] == "containers")]
    return rows.set_index("shell_id")["value_low"]


def _shells_per_container_dia_2025() -> float:
    from .. import data, models

    value = data.load("shells").set_index("shell_id")["value_low"]
    return models.shells_per_container(value["prk_deliv_2025_07_dia"], value["prk_containers_2025_07_dia"])


def _q5_labels() -> tuple[str, ...]:
    kinds = _claims().set_index("claim_id")["claim_type"].astype(str)
    labels = [kinds[claim_id] for claim_id, _ in Q5_CLAIMS]
    # 'vilest regimes': a charged image, and also a judgement
    labels[2] = (labels[2], "opinion") if labels[2] == "rhetoric" else labels[2]
    return tuple(labels)


Q5_READINGS = {
    1: {"forecast": "The denial came before (Kirby, November 2022): a past statement on the record."},
    2: {"opinion": "It may hide a judgement, but 'will give' says what Russia will do: a forecast."},
    3: {"opinion": "Defensible: under the charged words is a judgement of the regime.",
        "fact": "No record could rank regimes by vileness."},
    4: {"fact": "A general judgement about artillery: no record could settle it.",
        "rhetoric": "It argues a point (quantity over quality) rather than just stirring feeling: an opinion."},
}


QUESTIONS = [
    # --- check your understanding (lesson) ---
    NumberQuestion(
        qid="u1",
        prompt="How many of the op-ed's forecasts does the kit's claims ledger judge 'supported'?",
        expected=_supported_forecasts, tolerance=0, unit="claims",
        hints=(
            "Set the claims explorer to the kind 'forecast' and read the bar for 'supported'.",
            "In pandas: claims[(claims['claim_type'] == 'forecast') & (claims['verdict'] == 'supported')], then len().",
        ),
        solution="u1 = len(claims[(claims['claim_type'] == 'forecast') & (claims['verdict'] == 'supported')])  # 4 of 6",
    ),
    ChoiceQuestion(
        qid="u2",
        prompt="In ATOP's coding, what changed between the 1961 Soviet-North Korean treaty and the 2000 Russian-North "
               "Korean treaty?",
        options=("a defence pact was replaced by consultation only", "consultation was replaced by a defence pact",
                 "nothing changed", "an offensive alliance was added"),
        expected="a defence pact was replaced by consultation only",
        hints=("Look at the rows SUN\u2013PRK 1961 and RUS\u2013PRK 2000 in the obligations explorer.",
               "Which cells say 'yes' in each row?"),
        solution="ATOP codes the 1961 treaty defense = 1 (and nonaggression = 1), the 2000 treaty consultation = 1 "
                 "and nothing else: Moscow no longer promised to fight for Pyongyang.",
        explanations={"nothing changed": "Compare the 'defense' column of the two rows.",
                      "consultation was replaced by a defence pact": "That is the change from 2000 to 2024, and the "
                      "2024 row is the kit's coding, not ATOP's."},
    ),
    ChoiceQuestion(
        qid="u3",
        prompt="Which of these treaties is coded by the kit itself rather than by ATOP?",
        options=("the 1961 Soviet treaty", "the 1961 Chinese treaty", "the 2000 Russian treaty", "the 2024 Russian treaty"),
        expected="the 2024 Russian treaty",
        hints=("ATOP 5.1 ends on 31 December 2018.", "Look at the coded_by column of alliance_obligations."),
        solution="The 2024 Treaty on Comprehensive Strategic Partnership: ATOP 5.1 stops in 2018, so the kit coded it "
                 "(coded_by = 'alliancekit') from news reports of the text: defense 1 (Article 4), consultation 1 "
                 "(Article 3), the other obligations left uncoded.",
    ),
    # --- exercise ---
    NumberQuestion(
        qid="q1",
        prompt="ATOP 5.1 lists every alliance North Korea belongs to. How many of them (coded by ATOP, so not the kit's "
               "2024 coding) carry a defence obligation (defense = 1)?",
        expected=_north_korean_defence_pacts, tolerance=0, unit="alliances",
        hints=(
            "Count alliances, not rows: ATOP has one row per member, so each bilateral alliance appears twice.",
            "Keep rows with member == 'PRK', coded_by == 'ATOP 5.1' and defense == 1, then count distinct atop_id.",
            "One of them is not with Moscow or Beijing.",
        ),
        solution="prk = obligations[(obligations['member'] == 'PRK') & (obligations['coded_by'] == 'ATOP 5.1')]\n"
                 "q1 = prk[prk['defense'] == 1]['atop_id'].nunique()  # 3: USSR 1961, China 1961, Cuba 1986",
    ),
    ChoiceQuestion(
        qid="q2",
        prompt="Which obligation does ATOP 5.1 code (= 1) for the 2000 Russia-North Korea Treaty of Friendship, "
               "Good-Neighbourliness and Cooperation (ATOP 4940)?",
        options=("defense", "offense", "neutrality", "nonaggression", "consultation"),
        expected="consultation",
        hints=("Filter alliance_obligations on atop_id == '4940' and look at the five obligation columns.",),
        solution="Consultation only: obligations[obligations['atop_id'] == '4940'][['defense', 'offense', 'neutrality', "
                 "'nonaggression', 'consultation']] shows 0, 0, 0, 0, 1.",
        explanations={"defense": "That was the 1961 treaty (and the 2024 one, in the kit's coding), not the 2000 treaty.",
                      "nonaggression": "ATOP codes nonaggression for the 1961 treaties; check the 2000 row."},
    ),
    TableQuestion(
        qid="q3",
        prompt="Make a pandas Series of North Korea's reported container deliveries: the rows of `shells` with actor "
               "'PRK' and unit 'containers', indexed by shell_id, with the value_low column as values.",
        expected=_container_counts, key=("shell_id",), tolerance=0, unit="containers",
        hints=(
            "Combine two conditions with &: (shells['actor'] == 'PRK') & (shells['unit'] == 'containers').",
            "Then .set_index('shell_id')['value_low'].",
        ),
        solution="rows = shells[(shells['actor'] == 'PRK') & (shells['unit'] == 'containers')]\n"
                 "q3 = rows.set_index('shell_id')['value_low']  # 8 reports, 1,000 (Oct 2023) to 28,000 (Jul 2025)",
    ),
    NumberQuestion(
        qid="q4",
        prompt="In July 2025 South Korea's Defense Intelligence Agency counted about 28,000 containers "
               "(prk_containers_2025_07_dia) and said they held 'more than 12 million' shells if all were 152 mm "
               "(prk_deliv_2025_07_dia). How many shells per container does that conversion assume? Round to the nearest "
               "whole shell.",
        expected=_shells_per_container_dia_2025, tolerance=1, unit="shells per container",
        hints=(
            "Divide the shell figure by the container count from the same report.",
            "models.shells_per_container(shells_estimate, containers) does the division and refuses zero containers.",
        ),
        solution="value = shells.set_index('shell_id')['value_low']\n"
                 "q4 = value['prk_deliv_2025_07_dia'] / value['prk_containers_2025_07_dia']  # about 429 shells per container",
    ),
    ClassificationQuestion(
        qid="q5",
        prompt="Label each of the op-ed's phrases as fact, estimate, forecast, opinion or rhetoric, the way the kit's "
               "claims ledger does. Give a list of five labels in order.",
        items=tuple(quote for _, quote in Q5_CLAIMS),
        labels=CLAIM_TYPES, expected=_q5_labels, readings=Q5_READINGS, points=2,
        hints=(
            "Ask of each: can it be checked against a record (fact)? Is it about the future (forecast)? A judgement "
            "(opinion)? Charged words carrying no evidence (rhetoric)?",
            "The claims explorer lists each phrase with its kind: filter by excerpt (p02, p03, p09, p13).",
        ),
        solution="q5 = ['fact', 'forecast', 'rhetoric', 'opinion', 'fact']: the denial is on the record (Kirby, 2 Nov "
                 "2022); 'will give' predicts; 'vilest regimes' is a charged image; 'does not have to be cutting-edge' "
                 "is a general judgement; the order drones-then-artillery is checkable (NYT, Sept 2022; deliveries from "
                 "autumn 2023).",
    ),
    ChoiceQuestion(
        qid="q6",
        prompt="In the deliveries explorer, counted in shells, the highest point is the July 2025 figure of 'more than "
               "12 million'. What kind of figure is it?",
        options=("a count of shells seen arriving in Russia",
                 "an upper-bound conversion of a container count, as if every container held 152 mm shells",
                 "the sum of all the earlier reports",
                 "an average of South Korean and Ukrainian estimates"),
        expected="an upper-bound conversion of a container count, as if every container held 152 mm shells",
        hints=("Hover over the point: the period and the note say how it was obtained.",
               "Compare it with the container count of the same month (switch the explorer to containers)."),
        solution="The South Korean DIA converted about 28,000 containers into shells 'if calculated with 152 mm single "
                 "shells'; the containers also held missiles and other arms, so it is an upper bound, not a count.",
        explanations={
            "a count of shells seen arriving in Russia": "Nobody counted shells: agencies counted containers and converted.",
            "the sum of all the earlier reports": "The reports are cumulative; adding them would count the same shells many times.",
            "an average of South Korean and Ukrainian estimates": "The kit never averages sources; the hover names one source.",
        },
    ),
    ChoiceQuestion(
        qid="q7",
        prompt="Article 4 of the 2024 treaty commits each party to give military assistance 'without delay' if the other is "
               "invaded and in a state of war. In Snyder's (1984) terms, which risk does this firmer commitment increase "
               "for Russia?",
        options=("abandonment", "entrapment", "balancing", "free-riding"),
        expected="entrapment",
        hints=("Snyder's alliance security dilemma: a firmer commitment lowers one risk and raises the other.",
               "Which risk is about being dragged into a partner's war on the partner's terms?"),
        solution="Entrapment: by promising assistance, Moscow risks being drawn into a war on the Korean peninsula over "
                 "interests it does not share. The same firmer promise lowers Pyongyang's fear of abandonment, the fear "
                 "that grew after Moscow dropped the 1961 defence pact.",
        explanations={"abandonment": "A firmer commitment reduces the fear of being abandoned (Pyongyang's fear); "
                                     "what does it add for the one who commits?"},
    ),
    WrittenQuestion(
        qid="q8",
        prompt="The op-ed called Russian-media troop claims 'absurd' (paragraph 2). In 80-200 words, say what happened "
               "afterwards, using at least two of the kit's tables (e.g. events, claims, alliance_obligations, treaties), "
               "and say whether the treaty's mutual-assistance clause explains the deployment or merely accompanied it.",
        hints=(
            "Timeline explorer: kind 'troops', 2022-2025. The claims ledger: troop_claims_absurd and russian_media_50000_troops.",
            "Note the order: treaty in force 4 Dec 2024, troops moving from Oct 2024, acknowledged in April 2025 'under the treaty'.",
        ),
        solution=(
            "In September 2023 the troop claims did look absurd: the traced Russian-media figure (100,000 'volunteers', "
            "August 2022) was denied by Moscow, and the op-ed's 50,000 is not found (claims: russian_media_50000_troops, "
            "partly supported). But from October 2024 South Korea's NIS reported North Korean special forces moving to Russia, "
            "NATO confirmed a deployment to Kursk on 28 October 2024, and in April 2025 Gerasimov and KCNA confirmed it "
            "(events: nis_troops_to_russia, nato_confirms_kursk_deployment, pyongyang_confirms_troops), so the kit marks "
            "troop_claims_absurd as overtaken by events. The treaty (treaties: rus_prk_2024_comprehensive_strategic_partnership, Article 4; "
            "alliance_obligations: defense = 1 in the kit's coding) entered into force on 4 December 2024, after troops "
            "began moving; in April 2025 KCNA presented the deployment as assistance under the treaty. So the clause "
            "supplied a legal frame, partly after the fact, more than it caused the deployment, which also fits a "
            "patron-client bargain (troops and shells for technology and money). That reading is mine, not a fact."),
        rubric=(("uses at least two of the kit's tables, naming rows or sources", 2),
                ("separates what was reported (dates, sources) from interpretation", 1),
                ("notes the order of events: deployment before the treaty entered into force", 1),
                ("uses an alliance concept (mutual assistance, entrapment, patron-client bargain) correctly", 1)),
        levels=(("No table of the kit used, or its rows misread.",
                 "One table used with rows or sources named, or two tables with no row or source named.",
                 "Two or more tables used (e.g. events and treaties), naming the rows or sources relied on."),
                ("Reports and interpretation run together (e.g. 'they deployed because of the treaty' stated as fact).",
                 "Keeps what was reported (by whom, when) apart from the reading of why it happened."),
                ("Misses or misstates the order of events.",
                 "Notes that troops were reported deployed before the treaty entered into force, and draws the "
                 "consequence for whether the clause explains the deployment."),
                ("No alliance concept, or one misapplied (e.g. the treaty read as an automatic trigger).",
                 "Uses mutual assistance, entrapment or the patron-client bargain correctly to judge whether the clause "
                 "caused the deployment or accompanied it.")),
        min_words=80, max_words=200,
    ),
]


# --- reasoning: which report is stronger; abandonment and entrapment --------------------------------------------

COUNT = "South Korea's DIA: about 28,000 containers (prk_containers_2025_07_dia)"
CONVERSION = "South Korea's DIA: 'more than 12 million' shells (prk_deliv_2025_07_dia)"
MINISTER = "Shin Won-sik: up to about 3 million 152 mm or 500,000 122 mm shells (prk_deliv_2024_02_shin)"
REWRITE = "a report rewriting 'or' as 'and': 3 million and 500,000 shells"
OBSERVED = "it reports what was observed; the other converts it under an assumption (an upper bound)"
APART = "it keeps alternative loads apart instead of adding them"
REPORT_REASONS = (OBSERVED, APART, "the larger figure is the more complete one", "it comes from a government",
                  "it is the more recent report")

# A version per student: the question a figure must answer, and so which of two reports is stronger for it.
REPORT_VARIANTS = {
    "observed_by_july_2025": (COUNT, OBSERVED),
    "shells_by_february_2024": (MINISTER, APART),
}

REDUCES_ABANDONMENT = "eases the client's fear of abandonment"
RAISES_ABANDONMENT = "raises the client's fear of abandonment"
RAISES_ENTRAPMENT = "raises a risk of entrapment"
LIMITS_ENTRAPMENT = "limits the patron's risk of entrapment"
DILEMMA_ITEMS = (
    "For Pyongyang: Article 4 of the 2024 treaty promises military assistance 'without delay' if it is invaded.",
    "For Moscow: the same Article 4 promise.",
    "For Moscow: the 2000 treaty, which ATOP codes as consultation only (no defence obligation).",
    "For Pyongyang: Moscow establishes diplomatic relations with Seoul (September 1990).",
    "For Pyongyang: its troops fight for Russia in Kursk, confirmed in April 2025.",
)

QUESTIONS += [
    SourceJudgementQuestion(
        qid="q9",
        prompt="Your question about North Korea's deliveries (shown by my_variant): which of its two reports is "
               "stronger for it, and why? Give {'source': ..., 'reason': ...}.",
        sources=(COUNT, CONVERSION, MINISTER, REWRITE), reasons=REPORT_REASONS,
        variants=tuple({"question": q} for q in REPORT_VARIANTS),
        expected=lambda question: REPORT_VARIANTS[question],
        explanations={
            CONVERSION: "A hypothetical: 'if calculated with 152 mm single shells'. The containers also held other "
                        "arms, so it is an upper bound built on the count.",
            REWRITE: "Adding two alternative loads counts the same containers twice (the kit's note on the row).",
            "the larger figure is the more complete one": "Larger here means a conversion or a double count.",
            "it comes from a government": "Both reports come from the same government; that settles nothing.",
            "it is the more recent report": "Both are of the same date; recency is not the difference.",
        },
        hints=("Read the two rows in `shells`: their evidence quote and note.",
               "Is the figure something someone saw, or a calculation from it under an assumption? Are alternatives "
               "added up?"),
        solution="By July 2025: the container count, what was observed; the 12 million is a conversion. By February "
                 "2024: the minister's own words, which keep the two loads as alternatives; adding them double-counts.",
        points=2,
    ),
    MatchingQuestion(
        qid="q10",
        prompt="Snyder's alliance security dilemma: for each item, does it ease the client's fear of abandonment, "
               "raise that fear, raise a risk of entrapment (being dragged into a partner's war), or limit the "
               "patron's risk of entrapment?",
        items=DILEMMA_ITEMS,
        labels=(REDUCES_ABANDONMENT, RAISES_ABANDONMENT, RAISES_ENTRAPMENT, LIMITS_ENTRAPMENT),
        expected=(REDUCES_ABANDONMENT, RAISES_ENTRAPMENT, (LIMITS_ENTRAPMENT, RAISES_ABANDONMENT),
                  RAISES_ABANDONMENT, RAISES_ENTRAPMENT),
        readings={
            3: {LIMITS_ENTRAPMENT: "Consultation only: Moscow promised to talk, not to fight.",
                RAISES_ABANDONMENT: "Defensible from Pyongyang's side: losing the 1961 defence pact is what it feared."},
            5: {REDUCES_ABANDONMENT: "Fighting for the patron may buy goodwill, but the item asks about risk: the small "
                                     "ally is now in the patron's war, which is entrapment running the other way."},
            2: {REDUCES_ABANDONMENT: "That is the promise's effect on Pyongyang; for the one who promises, the risk "
                                     "is being drawn into a Korean war."},
        },
        hints=("A firmer promise lowers the promisee's fear of abandonment and raises the promiser's risk of "
               "entrapment; a looser one does the opposite.",
               "Entrapment can run both ways: which side is fighting in the other's war in 2024-25?"),
        solution="q10 = [eases abandonment, raises entrapment, limits entrapment, raises abandonment, raises "
                 "entrapment]: Article 4 reassures Pyongyang and binds Moscow; the 2000 treaty bound Moscow to "
                 "nothing but talks (from Pyongyang's side, abandonment); recognising Seoul was abandonment; in "
                 "Kursk the client is drawn into its patron's war.",
        points=3,
    ),
]
