"""Questions in 00_start_here: one practice question, to learn how checking works."""

from .kinds import ChoiceQuestion

QUESTIONS = [
    ChoiceQuestion(
        qid="u1",
        prompt="'North Korea has an estimated 14,000 artillery systems.' What kind of statement is this?",
        options=("fact", "estimate", "forecast", "opinion", "rhetoric"),
        expected="estimate",
        hints=(
            "Look at the word the author puts before the number.",
            "Could anyone outside North Korea's army count its guns exactly? What does that make the number?",
        ),
        solution="An estimate: 'an estimated 14,000' is a count nobody can check directly, and the op-ed does not "
                 "say who made it. Lesson 02 traces where such numbers come from and why they differ.",
        explanations={
            "fact": "A fact can be checked against a record. Who counted these guns, and how would you check?",
            "forecast": "A forecast is about the future; this sentence describes the present.",
        },
    ),
]
