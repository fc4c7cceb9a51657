"""Questions for 04, China's "fuzzy role": u* in the lesson, q* in the exercise.

Expected answers are computed from the kit's tables (lazily), so a data correction flows into the check.
"""

from __future__ import annotations

from .kinds import (CLAIM_TYPES, ChoiceQuestion, ClassificationQuestion, MatchingQuestion, NumberQuestion,
                    SourceJudgementQuestion, TableQuestion, WrittenQuestion)

# Op-ed phrases (the claims table's `quote`, paragraphs 11-12) and their claim ids, for q4.
Q4_CLAIMS = (
    ("mao_lips_and_teeth", "once described by Mao as being close as \u201clips and teeth,\u201d"),
    ("china_nk_cooling_by_2017", "a cooling of relations by 2017"),
    ("china_frustrated_no_reform", "became a liability for China"),
    ("china_increased_aid_2018", "likely generously increased its aid to North Korea"),
    ("pyongyang_took_better_deal", "Pyongyang took the better deal"),
)

CRUDE_OIL = "KOTRA adds an estimate of Chinese crude oil"
INTER_KOREAN = "KITA includes inter-Korean trade in North Korea's total"
EXPORTS = "North Korea's exports to China"


def _trade():
    from .. import data
    from ..models import trade

    return trade.with_source_years(data.with_source_labels(data.load("trade_dprk")), data.load("sources"))


def _kotra_share(year: int):
    def share() -> float:
        from ..models import trade

        return trade.china_share(_trade(), "kotra", year).percent

    return share


def _customs_totals_2016_2019():
    from .. import data

    trade = data.load("trade_dprk")
    rows = trade[(trade["data_publisher"] == "china_customs") & (trade["partner"] == "CHN")
                 & trade["year"].between(2016, 2019) & trade["total_trade_usd"].notna()]
    return rows.set_index("year")["total_trade_usd"]


def _customs_largest_fall_year() -> int:
    from ..models import trade

    series = trade.publisher_series(_trade(), "china_customs", "total", "CHN", 2000, 2025)
    return trade.largest_fall(series)["year"]


def _cinc_ratio_2017() -> float:
    from .. import data
    from ..models import trade

    return trade.cinc_ratio(data.load("capabilities"), "CHN", "PRK", 2017, "7.0")


def _q4_labels() -> tuple[str, ...]:
    from .. import data

    kinds = data.load("claims").set_index("claim_id")["claim_type"].astype(str)
    labels = [kinds[claim_id] for claim_id, _ in Q4_CLAIMS]
    # 'became a liability for China' mixes a checkable turn (relations soured) with a judgement (of its cost)
    labels[2] = (labels[2], "fact") if labels[2] == "opinion" else labels[2]
    return tuple(labels)


Q4_READINGS = {
    1: {"rhetoric": "That labels Mao's image. The convention labels the op-ed's own sentence, which reports that Mao "
                    "used it: a claim of fact.",
        "opinion": "The sentence reports what Mao said; the convention labels that report, a claim of fact."},
    3: {"fact": "Defensible: that relations with Beijing cooled is on the record; the ledger reads the sentence as "
                "a judgement: calling the programme a 'liability' weighs its cost to China.",
        "rhetoric": "A judgement rather than a charged image: it gives a reason, not a slogan."},
    4: {"forecast": "'Likely ... increased' is about the past (2018), guessing at an amount nobody published.",
        "fact": "Nobody published the aid, and 'likely' hedges: an estimate."},
}


QUESTIONS = [
    # --- check your understanding (lesson) ---
    NumberQuestion(
        qid="u1",
        prompt="Using KOTRA's figures only, what share (percent) of North Korea's total trade was with China in 2017?",
        expected=_kotra_share(2017), tolerance=0.1, unit="percent",
        hints=(
            "trade_models.china_share(trade, 'kotra', 2017) divides KOTRA's China total by KOTRA's world total.",
            "KOTRA's 2017 report gives 5.26 billion dollars with China and 5.55 billion with all partners.",
        ),
        solution="u1 = trade_models.china_share(trade, 'kotra', 2017).percent  # 100 * 5.26 / 5.55 = 94.8",
    ),
    ChoiceQuestion(
        qid="u2",
        prompt="Why are KOTRA's figures for North Korea's imports from China higher than Chinese customs' from 2014 on?",
        options=(CRUDE_OIL, "KOTRA includes inter-Korean trade", "KOTRA counts smuggled goods",
                 "KOTRA uses a different exchange rate"),
        expected=CRUDE_OIL,
        hints=("Compare the two publishers' exports and imports: only one of them differs.",
               "What has Chinese customs recorded as zero since January 2014?"),
        solution="Chinese customs has recorded no crude oil sold to North Korea since January 2014; KOTRA assumes "
                 "deliveries went on and adds an estimate (about 500,000 tonnes, some 280-500 million dollars a year), "
                 "so its import and total figures are higher while exports agree.",
        explanations={
            "KOTRA includes inter-Korean trade": "The opposite: KOTRA leaves trade with South Korea out. And "
                                                 "inter-Korean trade is not trade with China.",
            "KOTRA counts smuggled goods": "No publisher can count smuggling; look at what customs records as zero.",
            "KOTRA uses a different exchange rate": "Both publish in US dollars; the gap is in one kind of good.",
        },
    ),
    ChoiceQuestion(
        qid="u3",
        prompt="In Hirschman's terms, whose dependence does the trade record show to be greater?",
        options=("North Korea's on China", "China's on North Korea", "about equal"),
        expected="North Korea's on China",
        hints=("What share of North Korea's trade is with China (KOTRA)? And how large is North Korea for China?",),
        solution="North Korea's on China: over 90% of its recorded trade was with China in every year since 2014 "
                 "except 2020 (KOTRA), while North Korea is a negligible share of China's trade. Asymmetric dependence is what gives the larger partner "
                 "potential leverage.",
        explanations={"about equal": "Trade between two states is the same sum for both, but not the same share of "
                                     "each one's trade: compare the shares."},
    ),
    # --- exercise ---
    NumberQuestion(
        qid="q1",
        prompt="Using KOTRA's figures only, what share (percent) of North Korea's total trade was with China in 2016?",
        expected=_kotra_share(2016), tolerance=0.2, unit="percent",
        hints=(
            "Filter data_publisher == 'kotra' and year == 2016, and keep the rows with a total_trade_usd.",
            "Divide the CHN total by the WORLD total from the same report (source_id), and multiply by 100.",
            "Mixing KOTRA's China total with another publisher's world total, or another year's, is the mistake to avoid.",
        ),
        solution="kotra_2016 = trade[(trade['data_publisher'] == 'kotra') & (trade['year'] == 2016) & "
                 "trade['total_trade_usd'].notna()]\n"
                 "totals = kotra_2016.set_index(['source_id', 'partner'])['total_trade_usd']\n"
                 "q1 = 100 * totals[('edaily_2017_07_21_kotra_trade_2016', 'CHN')] / "
                 "totals[('edaily_2017_07_21_kotra_trade_2016', 'WORLD')]  # 6.05 / 6.55 = 92.4 (KOTRA prints 92.5)",
    ),
    TableQuestion(
        qid="q2",
        prompt="A Series of North Korea's total trade with China according to Chinese customs, 2016-2019: "
               "indexed by year, values total_trade_usd (US dollars).",
        expected=_customs_totals_2016_2019, key=("year",), tolerance=1.0, unit="US dollars",
        hints=(
            "Three conditions: data_publisher == 'china_customs', partner == 'CHN', year between 2016 and 2019; "
            "and keep rows whose total_trade_usd is not empty.",
            "Then .set_index('year')['total_trade_usd'].",
        ),
        solution="customs = trade[(trade['data_publisher'] == 'china_customs') & (trade['partner'] == 'CHN') & "
                 "trade['year'].between(2016, 2019) & trade['total_trade_usd'].notna()]\n"
                 "q2 = customs.set_index('year')['total_trade_usd']  # 5.82bn, 5.06bn, 2.43bn, 2.789bn",
    ),
    ChoiceQuestion(
        qid="q3",
        prompt="KOTRA gives China 83% of North Korea's trade in 2010; KITA gives 45.3%. Why do they differ so much?",
        options=(INTER_KOREAN, "KITA adds an estimate of Chinese crude oil",
                 "KITA uses Chinese customs data for the year before", "one of the two is a misprint"),
        expected=INTER_KOREAN,
        hints=("Read the note on the KITA 2010 row, or the codebook's paragraph on trade_dprk.",
               "A share changes if its denominator changes. What is in KITA's total that KOTRA leaves out?"),
        solution="KITA's total includes North Korea's trade with South Korea (1.91 billion dollars in 2010, per the "
                 "KOTRA report), KOTRA's does not; a bigger denominator makes China's share smaller. Neither figure is wrong: they "
                 "answer different questions.",
        explanations={
            "KITA adds an estimate of Chinese crude oil": "That is KOTRA, from 2014, and it would raise China's share.",
            "one of the two is a misprint": "Both are confirmed by other reports (KDI gives 56.9%): the definitions differ.",
        },
    ),
    ClassificationQuestion(
        qid="q4",
        prompt="Label each phrase from paragraphs 11-12 of the op-ed as fact, estimate, forecast, opinion or rhetoric, "
               "the way the kit's claims ledger does. Give a list of five labels in order.",
        items=tuple(quote for _, quote in Q4_CLAIMS),
        labels=CLAIM_TYPES, expected=_q4_labels, readings=Q4_READINGS, points=2,
        hints=(
            "Can it be checked against a record (fact)? Is it a number or amount nobody can see directly, hedged with "
            "'likely' (estimate)? A judgement (opinion)?",
            "The claims table has each phrase in its quote column, with claim_type.",
        ),
        solution="q4 = ['fact', 'fact', 'opinion', 'estimate', 'opinion']: Mao's phrase and the 2017 cooling are on "
                 "the record; 'a liability for China' and 'took the better deal' are judgements; "
                 "'likely generously increased its aid' guesses at an amount nobody published.",
    ),
    NumberQuestion(
        qid="q5",
        prompt="Chinese customs, total trade: in which year did North Korea's recorded trade with China fall the most, "
               "in US dollars, compared with the year before?",
        expected=_customs_largest_fall_year, tolerance=0, unit="year",
        hints=(
            "Look for the steepest drop between two neighbouring points of the blue line.",
            "Two candidates: the sanctions year and the first COVID year. Compare the drops in dollars, not percent.",
        ),
        solution="q5 = 2018: from 5.06 billion dollars (2017) to 2.43 billion, a fall of 2.63 billion; 2020 fell by "
                 "2.25 billion (a larger fall in percent, 81%, but not in dollars).",
    ),
    NumberQuestion(
        qid="q6",
        prompt="NMC version 7.0: how many times larger than North Korea's CINC was China's CINC in 2017?",
        expected=_cinc_ratio_2017, tolerance=0.05, unit="times",
        hints=(
            "Filter capabilities on indicator == 'cinc', nmc_version == '7.0' and year == 2017.",
            "Index by iso3 and divide the CHN value by the PRK value.",
        ),
        solution="cinc_2017 = capabilities[(capabilities['indicator'] == 'cinc') & (capabilities['nmc_version'] == "
                 "'7.0') & (capabilities['year'] == 2017)].set_index('iso3')['value']\n"
                 "q6 = cinc_2017['CHN'] / cinc_2017['PRK']  # about 15.6",
    ),
    ChoiceQuestion(
        qid="q7",
        prompt="From 2014 on, KOTRA and Chinese customs differ on North Korea's trade with China. In which measure do "
               "they still agree (within rounding) in most years?",
        options=(EXPORTS, "North Korea's imports from China", "total trade"),
        expected=EXPORTS,
        hints=("Set the explorer to each measure in turn, Chinese customs compared with KOTRA, years 2014-2024.",
               "The summary under the figure lists the years in which they differ."),
        solution="Exports: both publishers take them from China's import records. KOTRA adds estimated crude oil to "
                 "North Korea's imports, so imports and totals differ every year from 2014.",
        explanations={"total trade": "The total includes imports; where do the crude-oil estimates go?",
                      "North Korea's imports from China": "That is where KOTRA's crude-oil estimate sits."},
    ),
    WrittenQuestion(
        qid="q8",
        prompt="Does China have real leverage over North Korea? In 80-200 words use at least two figures from the kit, "
               "one idea from the lesson, and say one thing the data cannot show.",
        hints=(
            "Figures: KOTRA's share of China in a year; Chinese customs' totals 2017 and 2018 or 2019 and 2020; the "
            "CINC ratio.",
            "Ideas: Hirschman's asymmetric interdependence; patron-client bargains; Drezner's sanctions paradox.",
        ),
        solution=(
            "On paper China's leverage is large. By KOTRA's figures China took 94.8% of North Korea's recorded trade in "
            "2017, while North Korea is a negligible partner for China: in Hirschman's terms the dependence is "
            "asymmetric, and China's CINC was about 15.6 times North Korea's in 2017. Beijing used it after the 2017 "
            "resolutions: Chinese customs recorded trade falling from 5.06 billion dollars to 2.43 billion in 2018. "
            "But it did not stop the tests, Beijing re-engaged in 2018-19, and a patron fearing its client's collapse "
            "hesitates to squeeze (Drezner). Since 2023 Russia offers a second patron. The data cannot show trade off "
            "the books or Beijing's intentions."),
        rubric=(("uses at least two figures from the kit, each with its publisher or dataset named", 2),
                ("uses one concept (asymmetric interdependence, patron-client, sanctions paradox) correctly", 1),
                ("distinguishes potential leverage (dependence) from its use (a political choice)", 1),
                ("names something the data cannot show (off-book trade, aid, intentions)", 1)),
        levels=(("No figure from the kit, figures without publisher or dataset, or a share confused with a total.",
                 "One figure used correctly with its publisher or dataset, or two of which one is unsourced or misread.",
                 "Two or more figures used correctly (e.g. China's share of North Korea's trade and a customs total), "
                 "each with its publisher or dataset and year."),
                ("No concept, or one misused (e.g. dependence read as control).",
                 "Uses asymmetric interdependence, patron-client or the sanctions paradox correctly and ties it to the "
                 "figures."),
                ("Treats North Korea's dependence on China as proof that China uses its leverage.",
                 "Separates the leverage China could have (dependence, in the figures) from the leverage it chooses to "
                 "use (a political decision, e.g. enforcing sanctions or not)."),
                ("Treats the trade figures as the whole picture.",
                 "Names something specific the data cannot show: off-book or smuggled trade, unrecorded aid, or "
                 "Beijing's intentions.")),
        min_words=80, max_words=200,
    ),
]


# --- reasoning: which publisher for which question; dependence versus the use of leverage -----------------

CUSTOMS, KOTRA, KITA = "Chinese customs", "KOTRA", "KITA"
PRIMARY = "it is the primary record of the flow, from which the others are built"
ADDS_OIL = "it adds an estimate of what the primary record leaves out (crude oil since 2014)"
NO_INTER_KOREAN = "its total leaves out inter-Korean trade, as the question requires"
TRADE_REASONS = (PRIMARY, ADDS_OIL, NO_INTER_KOREAN, "it gives the larger figure, so it is more complete",
                 "it is published by a government")

# A version per student: the question the figure must answer decides which publisher is stronger.
TRADE_QUESTIONS = {
    "recorded_exports_2017": (CUSTOMS, PRIMARY),
    "imports_with_oil_2017": (KOTRA, ADDS_OIL),
    "share_without_south_2010": (KOTRA, NO_INTER_KOREAN),
}

POTENTIAL, USED, NEITHER = "potential leverage", "leverage used", "neither"
LEVERAGE_EVIDENCE = (
    "KOTRA: China took over 90% of North Korea's recorded trade in 2017.",
    "Chinese customs: North Korea's recorded trade with China more than halved from 2017 to 2018, after the "
    "Security Council's 2017 resolutions.",
    "NMC 7.0: China's composite capability (CINC) was many times North Korea's in 2017.",
    "July 2023: a Chinese delegation was in Pyongyang for the armistice anniversary at the same time as Russia's "
    "defence minister (victory_day_chinese_russian_delegations).",
    "September 2025: Kim Jong Un and Putin joined Xi Jinping at a military parade in Beijing "
    "(beijing_parade_xi_putin_kim).",
)

QUESTIONS += [
    SourceJudgementQuestion(
        qid="q9",
        prompt="Your question about North Korea's trade (shown by my_variant): which publisher answers it best, "
               "and why? Give {'source': ..., 'reason': ...}.",
        sources=(CUSTOMS, KOTRA, KITA), reasons=TRADE_REASONS,
        variants=tuple({"question": q} for q in TRADE_QUESTIONS),
        expected=lambda question: TRADE_QUESTIONS[question],
        explanations={
            "it gives the larger figure, so it is more complete":
                "A larger figure may hold an estimate or another definition; size is not completeness.",
            "it is published by a government": "All three publish for governments or state agencies; that settles "
                                               "nothing. Ask what each one counts.",
            KITA: "KITA's total includes trade with South Korea: right for some questions, not for these.",
        },
        hints=("Each publisher counts something different: lesson 04's table of publishers, and u2 and q3.",
               "The better source is the one whose definition matches the question, not the larger or newer one."),
        solution="Recorded exports: Chinese customs, the primary record (KOTRA's exports agree with it). Imports with "
                 "oil: KOTRA, which adds an estimate of the crude oil customs has recorded as zero since 2014 (an "
                 "estimate, said as such). Share without the South: KOTRA, whose total leaves inter-Korean trade "
                 "out, unlike KITA's.",
        points=2,
    ),
    MatchingQuestion(
        qid="q10",
        prompt="Hirschman separates dependence, which gives a partner potential leverage, from leverage actually "
               "used. Mark each piece of evidence as 'potential leverage', 'leverage used' or 'neither' (it says "
               "nothing about China's leverage over Pyongyang).",
        items=LEVERAGE_EVIDENCE, labels=(POTENTIAL, USED, NEITHER),
        expected=(POTENTIAL, (USED, POTENTIAL), POTENTIAL, NEITHER, NEITHER),
        readings={
            2: {USED: "A fall right after China voted for the 2017 resolutions: enforcement, leverage used (the "
                      "data cannot show how willingly).",
                POTENTIAL: "Defensible: trade figures cannot show intent, and the fall may be enforcement by others."},
            4: {USED: "Presence shows contact, not pressure: the op-ed only infers a role for Beijing from it.",
                POTENTIAL: "A visit is not dependence: it says nothing about what Pyongyang needs from Beijing."},
            5: {USED: "Standing together on a parade shows alignment, not pressure on Pyongyang.",
                POTENTIAL: "A joint appearance is not dependence."},
        },
        hints=("Dependence (shares, ratios of size) is potential leverage; a change in behaviour after a decision "
               "is its use.",
               "Meetings and parades show who is aligned with whom; do they show one pressing the other?"),
        solution="q10 = ['potential leverage', 'leverage used', 'potential leverage', 'neither', 'neither']: the "
                 "trade share and the CINC ratio measure dependence and size; the 2018 fall followed China's votes "
                 "(enforcement, though figures cannot show intent); a visit and a parade show alignment, not leverage.",
        points=3,
    ),
]
