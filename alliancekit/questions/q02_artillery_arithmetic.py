"""Questions for 02, artillery arithmetic: u* in the lesson, q* in the exercise.

Expected answers are computed from the kit's data (zero-argument callables, evaluated when first
needed), so a corrected figure in ``data/`` changes the answer with it.
"""

from __future__ import annotations

from .kinds import (CLAIM_TYPES, ChoiceQuestion, ClassificationQuestion, NumberQuestion, OrderingQuestion,
                    SourceJudgementQuestion, TableQuestion, WrittenQuestion)

# The op-ed sentences to classify, keyed by their claim_id in the kit's `claims` table (one of each kind), in
# the words of the excerpts table: the op-ed's own, with the kit's in square brackets.
CLASSIFY = (
    ("nk_14000_artillery_systems", "North Korea has an estimated 14,000 artillery systems."),
    ("dia_rates_artillery_threat", "The Defense Intelligence Agency rates Pyongyang\u2019s artillery as a significant threat."),
    ("artillery_need_not_be_cutting_edge", "Artillery does not have to be cutting-edge to be devastating."),
    ("pyongyang_tehran_arsenal_of_autocracy", "[North Korea, with Iran, has emerged] as an arsenal of autocracy."),
    ("russia_gives_what_sanctions_block", "[In return,] Russia will give North Korea things it can\u2019t get elsewhere "
                                          "due to sanctions."),
)


def _claim_types() -> tuple:
    """The ledger's label for each sentence; item 4 ('arsenal of autocracy') also accepts 'opinion'."""
    from .. import data

    claims = data.load("claims").set_index("claim_id")
    labels = [str(claims.loc[claim_id, "claim_type"]) for claim_id, _ in CLASSIFY]
    labels[3] = (labels[3], "opinion") if labels[3] != "opinion" else labels[3]
    return tuple(labels)


def _field_plus_mrl_2022() -> float:
    from .. import data
    from ..models import artillery as m

    sums = m.field_plus_mrl(data.load("artillery"))
    return float(sums.loc[sums["source_id"] == "hankyung_2023_02_16_rok_white_paper_2022", "field_plus_mrl"].item())


def _per_day(shell_id: str) -> float:
    from .. import data
    from ..models import artillery as m

    row = data.load("shells").set_index("shell_id").loc[shell_id]
    return m.shells_per_day(row["value_low"], str(row["unit"]))


def _stock(shell_id: str) -> float:
    from .. import data

    return float(data.load("shells").set_index("shell_id").loc[shell_id, "value_low"])


def _u2_days() -> float:
    from ..models import artillery as m

    return m.days_sustained(1_000_000, 20_000, produced_per_day=_per_day("rus_prod_2023_rusi"))


def _q4_days() -> float:
    from ..models import artillery as m

    return m.days_sustained(_stock("prk_deliv_2024_02_gur"), _per_day("rus_fire_2023_08_syrskyi"),
                            produced_per_day=_per_day("rus_prod_2023_gur"))


def _milper_ratio_2022() -> float:
    from .. import data
    from ..models import artillery as m

    ratio = m.nmc_ratio(data.load("capabilities"), "PRK", "KOR", "milper", "7.0", 2022, 2022)
    return float(ratio["ratio"].item())


def _prk_milex_missing_years() -> float:
    from .. import data
    from ..models import artillery as m

    series = m.nmc_series(data.load("capabilities"), ["PRK"], "milex", "7.0", 1946, 2022)
    return float(len(m.missing_years(series, "PRK")))


def _fire_jan_2023():
    from .. import data

    shells = data.load("shells")
    chosen = shells[(shells["actor"] == "RUS") & (shells["metric"] == "fired_per_day")
                    & (shells["date"].dt.year == 2023) & (shells["date"].dt.month == 1)]
    return chosen[["shell_id", "value_low", "value_high"]].reset_index(drop=True)


QUESTIONS = [
    # --- lesson: check your understanding -----------------------------------------------------------
    NumberQuestion(
        qid="u1",
        prompt="South Korea's 2022 Defense White Paper counts North Korean field artillery and multiple rocket "
               "launchers separately. What do the two add up to?",
        expected=_field_plus_mrl_2022, tolerance=0, unit="pieces",
        hints=("Look at `models.field_plus_mrl(artillery)`, or at the two rows of the artillery table with "
               "country 'PRK', year 2022.",
               "Field artillery about 8,800; multiple rocket launchers about 5,500."),
        solution="8,800 + 5,500 = 14,300 (the kit's sum, not a figure any source states). It is the definition "
                 "that matches the op-ed's '14,000': field artillery plus rocket launchers, without mortars.",
    ),
    NumberQuestion(
        qid="u2",
        prompt="A stock of 1,000,000 shells, fired at 20,000 a day, while Russia produces RUSI's 2.5 million a year "
               "(rus_prod_2023_rusi). How many days does the stock last?",
        expected=_u2_days, tolerance=1, unit="days",
        hints=("Production first becomes shells per day: `models.shells_per_day(2_500_000, 'shells_per_year')`.",
               "Days = stock / (fire - production per day); or call `models.days_sustained(...)`."),
        solution="models.days_sustained(1_000_000, 20_000, produced_per_day=2_500_000 / 365) = 1,000,000 / "
                 "(20,000 - 6,849) = about 76 days.",
    ),
    ChoiceQuestion(
        qid="u3",
        prompt="NMC 7.0 has no value for North Korea's military expenditure in 2010. What does that mean?",
        options=("North Korea spent nothing on its military in 2010",
                 "NMC has no figure it trusts for that year: the value is missing, not zero",
                 "the 2010 value equals the last one reported, for 2001"),
        expected="NMC has no figure it trusts for that year: the value is missing, not zero",
        explanations={
            "North Korea spent nothing on its military in 2010":
                "An empty cell is missing data (NMC writes -9), not a zero: North Korea kept over a million troops.",
            "the 2010 value equals the last one reported, for 2001":
                "NMC does not carry values forward; filling the gap would be your assumption, not NMC's figure.",
        },
        hints=("Read the codebook: `data.describe('capabilities')`, the column `value`.",),
        solution="Missing, not zero: NMC writes -9 where it has no figure, and the kit keeps it empty. A chart "
                 "must show a gap, and a ratio for those years is missing too.",
    ),
    # --- exercise ---------------------------------------------------------------------------------
    NumberQuestion(
        qid="q1",
        prompt="NMC 7.0: North Korea's military personnel divided by South Korea's, in 2022.",
        expected=_milper_ratio_2022, tolerance=0.01, unit="(ratio, no unit)",
        hints=("Filter `capabilities` to indicator 'milper', nmc_version '7.0', year 2022, iso3 'PRK' and 'KOR'.",
               "Both values are in thousands of personnel, so the units cancel: 1,280 / 555.",
               "Or: `models.nmc_ratio(capabilities, 'PRK', 'KOR', 'milper')`."),
        solution="q1 = models.nmc_ratio(capabilities, 'PRK', 'KOR', 'milper', '7.0', 2022, 2022)['ratio'].item()"
                 "  # 1,280 / 555 = 2.31",
    ),
    NumberQuestion(
        qid="q2",
        prompt="NMC 7.0: in how many years from 1946 to 2022 is North Korea's military expenditure missing?",
        expected=_prk_milex_missing_years, tolerance=0, unit="years",
        hints=("Filter to iso3 'PRK', indicator 'milex', nmc_version '7.0', years 1946-2022.",
               "Missing values are NaN: `.isna().sum()` counts them. A value of 0 is not missing.",
               "NMC's North Korean rows begin in 1948; the gaps are 1949-57, 1959 and 2002-2022."),
        solution="q2 = int(nk_milex['value'].isna().sum())  # 9 + 1 + 21 = 31 years",
    ),
    TableQuestion(
        qid="q3",
        prompt="A table of every estimate of Russia's daily rate of fire dated January 2023, with the columns "
               "shell_id, value_low and value_high.",
        expected=_fire_jan_2023, key=("shell_id",),
        hints=("Filter `shells` on actor 'RUS' and metric 'fired_per_day'.",
               "Then on the date: `shells['date'].dt.year == 2023` and `shells['date'].dt.month == 1`.",
               "Keep only the three columns: `[['shell_id', 'value_low', 'value_high']]`."),
        solution="q3 = shells[(shells['actor'] == 'RUS') & (shells['metric'] == 'fired_per_day') & "
                 "(shells['date'].dt.year == 2023) & (shells['date'].dt.month == 1)][['shell_id', 'value_low', "
                 "'value_high']]  # US officials 5,000; Ukrainian officials 20,000; Defense Express 10,000-17,000",
    ),
    NumberQuestion(
        qid="q4",
        prompt="Ukrainian intelligence's 1.5 million North Korean shells (prk_deliv_2024_02_gur), fired at Syrskyi's "
               "20,000 a day (rus_fire_2023_08_syrskyi), while Russia produces the same agency's 2 million a year "
               "(rus_prod_2023_gur). How many days does the stock last?",
        expected=_q4_days, tolerance=1, unit="days",
        hints=("Production is per year: convert it to per day at 365 days a year.",
               "`models.days_sustained(stockpile, fired_per_day, produced_per_day=...)`."),
        solution="q4 = models.days_sustained(1_500_000, 20_000, produced_per_day=2_000_000 / 365)  # about 103 days",
    ),
    ChoiceQuestion(
        qid="q5",
        prompt="Which definition makes the op-ed's '14,000 artillery systems' agree with South Korea's 2020 and 2022 "
               "Defense White Papers?",
        options=("field artillery alone", "field artillery plus multiple rocket launchers",
                 "field artillery, multiple rocket launchers and mortars", "only systems within range of Seoul"),
        expected="field artillery plus multiple rocket launchers",
        explanations={
            "field artillery alone": "The white papers give about 8,800 field artillery pieces: far below 14,000.",
            "field artillery, multiple rocket launchers and mortars":
                "Totals that add mortars are near 18,000 (IISS 2010), above the op-ed's figure.",
            "only systems within range of Seoul": "That is RAND's subset of about 6,000.",
        },
        hints=("Compare 14,000 with the sums in `models.field_plus_mrl(artillery)`.",),
        solution="Field artillery plus multiple rocket launchers: 8,800 + 5,500 = 14,300 in the 2020 and 2022 white "
                 "papers (the kit's sum). The op-ed names no source and no definition.",
    ),
    ClassificationQuestion(
        qid="q6",
        prompt="Label each sentence of the op-ed as fact, estimate, forecast, opinion or rhetoric.",
        items=tuple(text for _, text in CLASSIFY), labels=CLAIM_TYPES, expected=_claim_types,
        hints=("A fact can be checked against a record; an estimate is a number nobody can count exactly; a forecast "
               "says what will happen; an opinion judges; rhetoric persuades with charged words.",
               "Exactly one sentence of each kind."),
        solution="q6 = ['estimate', 'fact', 'opinion', 'rhetoric', 'forecast'] (the kit's claims table: "
                 "claim_type of each claim_id). Item 4 may also be read as an opinion (a judgement in a slogan).",
        readings={
            2: {"fact": "Labelled by the convention: the op-ed's sentence reports what the DIA says, which can be "
                        "checked (the kit could not find these exact words).",
                "opinion": "The convention labels the op-ed's own sentence, which reports the DIA's rating: a claim "
                           "of fact, not the DIA's judgement itself."},
            3: {"fact": "A general judgement about all artillery: no record could settle it."},
            4: {"opinion": "Defensible: under the slogan is a judgement (that the two supply autocracies' wars).",
                "rhetoric": "A slogan that persuades by its echo of the 'arsenal of democracy', with no measure."},
        },
        points=2,
    ),
    ChoiceQuestion(
        qid="q7",
        prompt="Read the artillery explorer for North Korea, multiple rocket launchers. Which kind of source gives "
               "the lowest figures?",
        options=("ROK Ministry of National Defense", "US Department of Defense", "IISS", "Global Firepower"),
        expected="Global Firepower",
        explanations={
            "ROK Ministry of National Defense": "The white papers give 4,800-5,500 launchers; look below them.",
            "IISS": "IISS's 2021 figure (about 5,500) equals the white paper's.",
            "US Department of Defense": "The US DoD's 5,100 (2012) sits among the white-paper figures.",
        },
        hints=("In the explorer choose Country: North Korea, Category: multiple rocket launchers; hover over the "
               "lowest points.",),
        solution="Global Firepower: 2,400 (2017) and 2,920 (2024), about half the 5,500 of the white papers and IISS; "
                 "its method is undisclosed.",
    ),
    WrittenQuestion(
        qid="q8",
        prompt="Russia needs North Korea's shells. Using the shell-gap calculator and NMC, explain what each side "
               "gives and gets, and whether this is an asymmetric alliance in which one side trades autonomy for "
               "security. Cite at least two figures with their sources. (60-200 words)",
        min_words=60, max_words=200,
        rubric=(("Uses at least two of the kit's figures correctly, each with its source (row id or publisher)", 2),
                ("Explains what Russia gets (shells to close a gap between fire and production) and what North Korea "
                 "gets (technology, food, energy, protection, diplomatic cover), with evidence or the op-ed", 2),
                ("Applies the autonomy-security trade-off or asymmetry correctly (who is the stronger party, who "
                 "depends on whom, and how that may run both ways here)", 2),
                ("Says what the data cannot show (e.g. shell counts are container conversions; no North Korean "
                 "spending after 2001)", 1)),
        levels=(("No figure from the kit, figures without sources, or figures misread (containers taken for shells).",
                 "One figure used correctly with its source, or two of which one lacks its source or is misread.",
                 "Two or more figures used correctly, each with its row id or publisher, units kept apart (shells "
                 "versus containers, per day versus per year)."),
                ("Does not say what either side gets, or only repeats that Russia needs shells.",
                 "Explains what one side gets with evidence, or names both sides' gains without evidence.",
                 "Explains both sides' gains (Russia: shells to close the gap between fire and production; North "
                 "Korea: technology, food, energy, protection or cover), each backed by the kit or the op-ed, the "
                 "op-ed's words labelled as its claims."),
                ("No alliance concept, or one misapplied (e.g. the weaker state assumed to have no leverage at all).",
                 "Names asymmetry or the autonomy-security trade-off but applies it one way only (who is stronger), "
                 "without asking who depends on whom now.",
                 "Applies the trade-off: says who is the stronger party and who gives up autonomy for security, and "
                 "shows how a patron's wartime need can make dependence run both ways."),
                ("Treats the figures as exact and complete.",
                 "Names a specific limit of the data (shell totals are conversions of container counts; NMC has no "
                 "North Korean spending after 2001) and what it means for the answer.")),
        hints=("Start from the calculator: how long do North Korean deliveries keep Russian guns firing?",
               "Then NMC: compare the two states' military personnel and say what missing spending data hides.",
               "Morrow (1991): in an asymmetric alliance the weaker side gains security and gives up autonomy. "
               "Does that fit, or is Russia the one that depends?"),
        solution="Model answer: At Syrskyi's 20,000 shells a day (rus_fire_2023_08_syrskyi), the ROK NIS's 'more than "
                 "one million' North Korean shells (prk_deliv_2023_11_nis) last about 50 days; with RUSI's 2.5 "
                 "million a year of Russian output, about 76. Shells buy Russia time it could not produce. North "
                 "Korea is the weaker state (NMC has no spending figure for it after 2001, but its 1.28 million "
                 "personnel in 2022 are not matched by money or industry) and gets technology, food, energy and, "
                 "from 2024, a mutual-assistance treaty: security for autonomy, as Morrow's asymmetric alliance "
                 "predicts. Yet the stronger partner depends on the weaker one for a wartime good, so the leverage "
                 "runs both ways while the war lasts. Shell counts are container conversions, so the 50-76 days "
                 "are an order of magnitude, not a measurement.",
    ),
]


# --- reasoning: which source is stronger, the chain of the shell bargain, balance of threat ----------------------

WHITE_PAPER = "South Korea's Defense White Paper"
GFP = "Global Firepower"
OPED = "the op-ed"
CONFIRMED = "its figure is confirmed by an independent source"
DEFINED = "it says who counted and what it counts; the other gives neither"
SOURCE_REASONS = (CONFIRMED, DEFINED, "it is the more recent figure", "it is the more cautious (lower) figure",
                  "it is a precise figure, not a round number")

# A version per student: the figure whose two sources they weigh (rows of the `artillery` table).
SOURCE_VARIANTS = {
    "mrl": (WHITE_PAPER, (CONFIRMED, DEFINED)),        # white papers 5,500 (IISS 2021 the same) vs GFP 2,400-2,920
    "artillery_total": (WHITE_PAPER, (DEFINED,)),      # 8,800 + 5,500 by category vs the op-ed's unsourced 14,000
}

CHAIN_SHOWN = ("supply", "war", "payment", "search", "treaty", "shortfall")
CHAIN = ("war", "shortfall", "search", "supply", "payment", "treaty")

PROXIMITY = "geographic proximity and offensive capability"

QUESTIONS += [
    SourceJudgementQuestion(
        qid="q9",
        prompt="Your figure (shown by my_variant): which of its two sources is stronger, and why? "
               "Give {'source': ..., 'reason': ...}.",
        sources=(WHITE_PAPER, GFP, OPED), reasons=SOURCE_REASONS,
        variants=tuple({"figure": f} for f in SOURCE_VARIANTS),
        expected=lambda figure: SOURCE_VARIANTS[figure],
        explanations={
            GFP: "Global Firepower discloses no method, and its launchers are about half of every other source's.",
            OPED: "The op-ed names no source and no definition for its 14,000.",
            "it is the more recent figure": "Recency does not make a count better: Global Firepower 2024 is recent "
                                            "and still far below everyone else.",
            "it is the more cautious (lower) figure": "Lower is not more careful: a figure is as good as its method.",
            "it is a precise figure, not a round number": "Every figure here is rounded; precision is not evidence.",
            DEFINED: "Naming the counter and the categories lets a reader check the figure.",
            CONFIRMED: "IISS 2021 gives the same 5,500 launchers as the white papers.",
        },
        hints=("Read the two sources' rows in `artillery` (source_id, definition_note) and the explorer's hover text.",
               "A stronger source is one a reader can check: who counted, what was counted, does anyone else agree?"),
        solution="Both variants: South Korea's white paper. For launchers, IISS confirms its 5,500 and it names what it "
                 "counts, while Global Firepower discloses no method; for the op-ed's 14,000, the white papers give "
                 "8,800 field artillery and 5,500 launchers, while the op-ed names no source or definition.",
        points=2,
    ),
    OrderingQuestion(
        qid="q10",
        prompt="Put the links of the shell bargain in causal order, each a cause of the next: "
               "war, shortfall, search, supply, payment, treaty.",
        steps=CHAIN_SHOWN, expected=CHAIN,
        hints=("Start from what Russia lacks and why (the shell-gap calculator), end with how the bargain was "
               "written down.",
               "What North Korea gets comes after what it gives: payment follows supply."),
        solution="q10 = ['war', 'shortfall', 'search', 'supply', 'payment', 'treaty']: an artillery war makes Russia "
                 "fire more than it produces; it looks for a supplier sanctions cannot deter; North Korea ships "
                 "shells; Russia pays with what sanctions withhold; the June 2024 treaty formalises the bargain.",
        points=2,
    ),
    ChoiceQuestion(
        qid="q11",
        prompt="Walt names four sources of threat: aggregate power, geographic proximity, offensive capability and "
               "aggressive intentions. North Korea's artillery within range of Seoul makes it threatening to South "
               "Korea through which two above all?",
        options=(PROXIMITY, "aggregate power and aggressive intentions", "aggregate power and geographic proximity"),
        expected=PROXIMITY,
        explanations={
            "aggregate power and aggressive intentions":
                "Intentions count, but aggregate power is not what makes these guns threatening: they matter because "
                "of where they are and what they can hit.",
            "aggregate power and geographic proximity":
                "Proximity yes; but the threat is the guns' capability against Seoul, not North Korea's total power.",
        },
        hints=("RAND counts about 6,000 systems within range of Seoul (question q5's options).",
               "What makes a weaker state's guns threatening: how many it has overall, or where they are and what "
               "they can hit?"),
        solution="Geographic proximity and offensive capability: the guns sit within range of South Korea's "
                 "capital. That is why a weaker state deterred a stronger one (op-ed paragraph 5) and why its "
                 "stockpile is valuable to Russia.",
        points=2,
    ),
]
