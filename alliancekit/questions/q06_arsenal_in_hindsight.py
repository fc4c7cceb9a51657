"""Questions for 06, an arsenal of autocracy in hindsight: u* in the lesson, q* in the exercise.

Expected answers are computed from the kit's tables (lazily), so a data correction flows into the check.
"""

from __future__ import annotations

from .kinds import ChoiceQuestion, ClassificationQuestion, NumberQuestion, TableQuestion, WrittenQuestion

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
    return tuple(kinds[claim_id] for claim_id, _ in Q5_CLAIMS)


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
        labels=CLAIM_TYPES, expected=_q5_labels,
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
        min_words=80, max_words=200,
    ),
]


def _claims_with_verdict(verdict: str) -> int:
    return int((_claims()["verdict"].astype(str) == verdict).sum())


# A question with a version per student: each counts the claims given a different verdict in hindsight.
QUESTIONS += [
    NumberQuestion(
        qid="q9",
        prompt="How many of the op-ed's claims does the kit's ledger give your verdict (shown by my_variant)?",
        variants=tuple({"verdict": v} for v in ("supported", "partly_supported", "no_evidence_found", "not_checkable")),
        expected=lambda verdict: _claims_with_verdict(verdict), tolerance=0, unit="claims",
        hints=("The `verdict` column of `claims` holds each claim's verdict.",
               "Compare the `verdict` column with your verdict, then count the rows that match."),
        solution="q9 = int((claims['verdict'] == my_verdict).sum())",
    )
]
