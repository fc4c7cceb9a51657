"""Questions for 07, the capstone: an evidence-based assessment of the op-ed. u* in the worksheet, q* in the exercise.

Mostly written answers graded with a rubric; two auto-checked questions keep the evidence honest.
"""

from __future__ import annotations

from .kinds import ClassificationQuestion, NumberQuestion, WrittenQuestion

CLAIM_TYPES = ("fact", "estimate", "forecast", "opinion", "rhetoric")

# Op-ed words (the claims table's `quote` column) and the claim each belongs to, for q2.
Q2_CLAIMS = (
    ("putin_kim_more_despised", "a man who is even more widely despised than himself"),
    ("nk_14000_artillery_systems", "North Korea has an estimated 14,000 artillery systems"),
    ("harris_huge_mistake", "it would be a \u201chuge mistake\u201d for Putin and Kim to meet"),
    ("russia_can_offer_nuclear_sub_tech", "nuclear submarine tech"),
    ("nk_diplomacy_cunning", "Pyongyang\u2019s diplomacy is more cunning than many realize"),
)

# What every written answer of the capstone is graded on (the rubric the brief and the guide share).
ASSESSMENT_RUBRIC = (
    ("evidence cited: every claim backed by rows of at least two tables, with source_ids or data.cite references", 3),
    ("fact separated from claim: the op-ed's words, the kit's verdicts and your own judgement kept apart", 2),
    ("counter-evidence acknowledged: at least one source or reading that cuts against your conclusion", 2),
    ("an alliance concept used correctly (abandonment/entrapment, asymmetric alliance, patron-client leverage, "
     "balance of threat, or ATOP's obligations)", 2),
    ("clear structure and a conclusion that follows from the evidence", 1),
)
# What earns each mark on each criterion above (index = mark), shown to students above the answer cell.
ASSESSMENT_LEVELS = (
    ("Claims are not backed by the kit's rows, or the rows are misread.",
     "Some claims backed by rows, but from one table only or with no source_id.",
     "Most claims backed by rows of two tables with source_ids; at least one rests on a single table or an unnamed "
     "source.",
     "Every claim backed by rows of at least two tables, with source_ids or data.cite references, read accurately "
     "(dates, units, containers versus shells)."),
    ("The op-ed's words, the kit's verdicts and your own judgement are blended.",
     "Mostly kept apart, but somewhere an op-ed claim or forecast is treated as fact, or the kit's verdict as yours.",
     "Throughout, the op-ed's claims (marked as claims or forecasts), the kit's verdicts and your judgement are "
     "kept distinct."),
    ("No counter-evidence: only sources and readings that agree with your conclusion.",
     "Counter-evidence mentioned but not weighed (listed, then ignored).",
     "At least one source or reading against your conclusion, weighed: you say how far it changes your verdict "
     "(e.g. the treaty's conditions, estimates of deliveries that disagree)."),
    ("No alliance concept, or one misused.",
     "A concept named and defined but applied only loosely to the case.",
     "A concept applied to the case and doing work in the argument, e.g. who accepted entrapment risk for what, or "
     "how a weak partner gains leverage over a patron at war."),
    ("No clear thesis, or a conclusion the evidence does not support.",
     "A clear structure (thesis, claims with evidence, verdict) and a conclusion that follows from the evidence."),
)


def _count_verdict(verdict: str) -> int:
    from .. import data

    return int((data.load("claims")["verdict"] == verdict).sum())


def _sources_of_troop_claim() -> int:
    from .. import data, models

    return len(models.evidence_for(["troop_claims_absurd"], data.load("claims"), data.load("sources")))


def _q2_labels() -> tuple[str, ...]:
    from .. import data

    kinds = data.load("claims").set_index("claim_id")["claim_type"].astype(str)
    labels = [kinds[claim_id] for claim_id, _ in Q2_CLAIMS]
    # 'more widely despised': no measure given, a charged comparison that is also a judgement
    labels[0] = (labels[0], "opinion") if labels[0] == "rhetoric" else labels[0]
    return tuple(labels)


QUESTIONS = [
    # --- check your understanding (worksheet) ---
    NumberQuestion(
        qid="u1",
        prompt="How many of the op-ed's claims does the kit's ledger mark 'partly_supported'?",
        expected=lambda: _count_verdict("partly_supported"), tolerance=0, unit="claims",
        hints=("Set the claims explorer's verdict to 'partly supported', or count in pandas.",
               "(claims['verdict'] == 'partly_supported').sum()"),
        solution="u1 = (claims['verdict'] == 'partly_supported').sum()  # 10",
    ),
    NumberQuestion(
        qid="u2",
        prompt="How many sources does the evidence table list for the claim 'troop_claims_absurd'?",
        expected=_sources_of_troop_claim, tolerance=0, unit="sources",
        hints=("models.evidence_for(['troop_claims_absurd'], claims, sources) gives one row per cited source.",
               "len() of that table."),
        solution="u2 = len(models.evidence_for(['troop_claims_absurd'], claims, sources))  # 3: NIS (KBS), Rutte (Moscow "
                 "Times), KCNA (Politico)",
    ),
    # --- exercise ---
    NumberQuestion(
        qid="q1",
        prompt="How many of the op-ed's claims does the kit's ledger mark 'overtaken_by_events'?",
        expected=lambda: _count_verdict("overtaken_by_events"), tolerance=0, unit="claims",
        hints=("Filter claims on the verdict column.", "(claims['verdict'] == 'overtaken_by_events').sum()"),
        solution="q1 = (claims['verdict'] == 'overtaken_by_events').sum()  # 2: troop_claims_absurd, "
                 "nk_center_stage_battlefield",
    ),
    ClassificationQuestion(
        qid="q2",
        prompt="Label each phrase of the op-ed as fact, estimate, forecast, opinion or rhetoric, the way the kit's claims "
               "ledger does. Give a list of five labels in order.",
        items=tuple(quote for _, quote in Q2_CLAIMS), labels=CLAIM_TYPES, expected=_q2_labels,
        readings={
            1: {"opinion": "Defensible as a judgement too, but with no measure given the ledger reads it as rhetoric."},
            3: {"opinion": "That labels Harris's words. The convention labels the op-ed's own sentence, which reports "
                           "that she said them: a claim of fact, and the record confirms it.",
                "rhetoric": "'Huge mistake' is Harris's phrase; the op-ed's sentence reports it: a claim of fact."},
        },
        hints=(
            "In the ledger's reading the five phrases use all five labels once; label the op-ed's own sentence.",
            "Ask: checkable record? number nobody can count exactly? about the future? a judgement? a charged image?",
        ),
        solution="q2 = ['rhetoric', 'estimate', 'fact', 'forecast', 'opinion']: 'more widely despised' has no measure "
                 "(rhetoric); 'an estimated 14,000' (estimate); Harris's words are on the record (fact); what Russia 'can' "
                 "give is a forecast; 'more cunning than many realize' is a judgement (opinion).",
    ),
    WrittenQuestion(
        qid="q3",
        prompt="Your evidence table (60-250 words). Name the three claims you chose (their claim_id) and, for each, the "
               "rows of at least two of the kit's tables you rely on (table and row id or source_id, with data.cite where "
               "you quote a source). Say in one line what each row shows.",
        hints=("Start from models.evidence_for(my_claims, claims, sources), then models.rows_citing(source_ids, tables).",
               "A second table: events (dates), shells (figures), treaties or alliance_obligations (obligations)."),
        solution=(
            "inevitable_arms_deal: claims row (forecast, supported); events white_house_1000_containers (13 Oct 2023, over "
            "1,000 containers), rok_13000_containers (27 Aug 2024) and reuters_rusi_4m_shells (16 Apr 2025); shells "
            "prk_containers_2025_07_dia (about 28,000 containers, ROK DIA). troop_claims_absurd: claims row (opinion, "
            "overtaken); events nis_troops_to_russia (8 Oct 2024), nato_confirms_kursk_deployment (28 Oct 2024), "
            "pyongyang_confirms_troops (28 Apr 2025); treaties rus_prk_2024_comprehensive_strategic_partnership (Article 4, "
            "in force 4 Dec 2024). sino_soviet_split_aid_extraction: claims row (fact, partly supported); aid_to_dprk rows for "
            "Soviet and Chinese aid 1953-1960; alliance_obligations ATOP 3440 and 3445 (two defence pacts signed five days "
            "apart in July 1961); events of kind split. References via data.cite, e.g. data.cite('atop_5_1')."),
        rubric=(("three claims named by claim_id", 1), ("at least two tables per claim, rows or source_ids named", 2),
                ("what each row shows stated accurately (dates, units)", 1)),
        levels=(("Fewer than three claims, or claims described in words but not named by claim_id.",
                 "Three claims, each named by its claim_id."),
                ("Rows from one table only, or no rows or source_ids named.",
                 "Two tables for some claims but not all, or tables named without rows or source_ids.",
                 "For every claim, rows of at least two tables, each named by row id or source_id (data.cite where "
                 "a source is quoted)."),
                ("What the rows show is missing or misstated (a wrong date, containers given as shells).",
                 "Each row's content stated accurately in a line, with dates and units as the table gives them.")),
        min_words=60, max_words=250,
    ),
    WrittenQuestion(
        qid="q4",
        prompt="Where do you disagree with the kit's verdict (60-250 words)? Pick one claim whose verdict you would change "
               "(or defend one you would keep against an objection), and give the evidence that decides it.",
        hints=("The partly supported and overtaken claims are the natural candidates: claims explorer, verdict 'partly supported'.",
               "Say what evidence would change your mind, too."),
        solution=(
            "The kit marks nk_center_stage_battlefield ('North Korea is taking center stage on the Ukrainian battlefield') "
            "as overtaken by events. I would mark it contradicted at the time of writing: the note itself says North Korean "
            "weapons had 'not been widely observed' on the battlefield in July 2023 (FT/Reuters), and the first confirmed "
            "delivery (over 1,000 containers, events white_house_1000_containers) came a month after the op-ed. "
            "'Overtaken' suits a claim that was defensible when written and later undone; this one was the reverse, "
            "unfounded when written and later borne out (by October 2024 Western intelligence said North Korea supplied "
            "about half of Russia's shells, events times_half_russian_shells). Against my view: US intelligence had "
            "reported purchases since September 2022 (events us_intel_russia_buying_nk_shells), so an informed author "
            "could call it a reasonable estimate. The ledger may need a verdict such as 'premature' for this case."),
        rubric=(("a specific claim and verdict named", 1), ("evidence from the kit's tables that decides the disagreement", 2),
                ("the strongest counter-evidence acknowledged", 1)),
        levels=(("No specific claim, or no verdict, named.",
                 "One claim named by claim_id with the kit's verdict on it, and whether you would change or keep it."),
                ("No evidence from the kit's tables, or evidence that does not bear on the verdict.",
                 "Rows from the kit's tables cited, but they do not decide between the verdicts (they fit both).",
                 "Rows from the kit's tables, named, that decide the disagreement: they show why one verdict fits "
                 "better than the other."),
                ("The strongest evidence against your position is ignored.",
                 "Names the strongest counter-evidence and says why it does not change your conclusion, or how far "
                 "it does.")),
        min_words=60, max_words=250,
    ),
    WrittenQuestion(
        qid="q5",
        prompt="Your assessment of the op-ed (300-500 words). Using your three claims and your evidence table: how well "
               "does the op-ed's argument hold up in hindsight? Keep the op-ed's claims, the kit's verdicts and your own "
               "judgement apart; cite rows and sources; acknowledge counter-evidence; use at least one alliance concept.",
        hints=(
            "Structure: the op-ed's thesis in one sentence; each claim with its evidence; what the op-ed missed; your verdict.",
            "Concepts: abandonment and entrapment (Snyder 1984), asymmetric alliances (Morrow 1991), patron-client leverage, "
            "balance of threat (Walt 1987), ATOP's obligations.",
        ),
        solution=(
            "Ariel Cohen's op-ed of September 2023 argued that Russia, short of artillery ammunition, would turn to North "
            "Korea, that Washington had little leverage to stop it, and that Pyongyang, practised at playing patrons off "
            "against each other, would extract a price. Two years later its central forecast has held, its dismissal of "
            "troops has not, and its history is partly contested.\n\n"
            "First, the arms deal. The op-ed called it 'inevitable' (claims: inevitable_arms_deal, a forecast the kit marks "
            "supported). The evidence is strong and comes from several tables: the White House reported more than 1,000 "
            "containers by 13 October 2023 (events), South Korea about 28,000 by mid-2025 (shells, "
            "prk_containers_2025_07_dia), and a Reuters/RUSI investigation nearly 16,000 containers (events, "
            "reuters_rusi_4m_shells). These are counts of containers by interested governments; the shell totals are "
            "conversions, and two of them are alternative loads that cannot be added. The direction is not in doubt; the "
            "size is an estimate with a wide range.\n\n"
            "Second, troops. The op-ed called troop claims 'absurd' (troop_claims_absurd). It was right that the traced "
            "media figure of 100,000 'volunteers' was unfounded in 2022, but from October 2024 North Korean soldiers "
            "fought in Kursk, confirmed by NATO and, in April 2025, by Moscow and Pyongyang (events). The kit marks this "
            "overtaken by events; I agree, because the claim was reasonable when written.\n\n"
            "Third, the Cold War history. The op-ed says Pyongyang balanced between Moscow and Beijing and extracted aid "
            "(sino_soviet_split_aid_extraction, partly supported). The alliance data support the balancing: ATOP records two "
            "defence pacts signed five days apart in July 1961 (atop_id 3440 and 3445). The aid tables are thinner: "
            "figures for 1966-1989 are almost absent, so 'extracted' is more than the kit can show.\n\n"
            "What the op-ed missed is the treaty. In June 2024 Russia signed a treaty whose Article 4 promises "
            "assistance 'with all means at its disposal' (treaties; the kit's coding gives defense = 1, where ATOP coded the "
            "2000 treaty consultation only). In Snyder's terms, Moscow accepted more risk of entrapment on the Korean "
            "peninsula to secure shells and soldiers, and Pyongyang reduced its fear of abandonment. This is an asymmetric "
            "alliance in which the weaker partner gained leverage because the stronger one was at war. A counter-argument: "
            "the clause has conditions (an invasion, a state of war, national laws), so its commitment may be weaker in "
            "practice than on paper; nothing in the kit tests it yet.\n\n"
            "My verdict: as a forecast of an arms relationship, the op-ed was right and early; as an account of its limits, "
            "it underestimated how far a patron at war would go. Its rhetoric ('pariahs', 'vilest regimes') adds no evidence, "
            "and its policy section is opinion the data cannot settle."),
        rubric=ASSESSMENT_RUBRIC,
        levels=ASSESSMENT_LEVELS,
        min_words=300, max_words=500,
    ),
]


def _count_claim_type(claim_type: str) -> int:
    from alliancekit import data

    return int((data.load("claims")["claim_type"].astype(str) == claim_type).sum())


# A question with a version per student: each counts the claims of a different type.
QUESTIONS += [
    NumberQuestion(
        qid="q6",
        prompt="How many of the op-ed's claims does the kit's ledger class as your type of claim (shown by my_variant)?",
        variants=tuple({"claim_type": t} for t in ("fact", "forecast", "opinion", "rhetoric")),
        expected=lambda claim_type: _count_claim_type(claim_type), tolerance=0, unit="claims",
        hints=("The `claim_type` column of `claims` holds each claim's type.",
               "Compare the `claim_type` column with your type, then count the rows that match."),
        solution="q6 = int((claims['claim_type'] == my_type).sum())",
    )
]
