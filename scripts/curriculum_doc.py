#!/usr/bin/env python3
"""Write docs/curriculum.md from the bundled banks' tags: the order to teach, the objectives, their questions,
the competency map (questions per competency, skill and language) and the balance figures.

Run it after changing a bundled bank: .venv/bin/python scripts/curriculum_doc.py
(tests/test_bundled_banks.py fails while docs/curriculum.md is out of date).
"""

# ruff: noqa: E501  (the objectives below are sentences, one to a line)
from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from textwrap import dedent

from quizapp.domain.catalog import read_catalog
from quizapp.domain.competencies import COMPETENCIES, balance, competency_of
from quizapp.domain.curriculum import CONCEPTS, concept_of, is_case_study, skill_of

OBJ = {
 "money": ("Say what money does (pay, measure, keep value) and what \"legal tender\" means: a money the law says must be accepted.",
           "Work out who must accept what in El Salvador and Pakistan today: dollars and rupees must be taken, bitcoin need not be.",
           "Judge claims that a law, a government or popularity makes a money safe or valuable.",
           "Tell the story of El Salvador's Bitcoin Law: 2021, the IMF deal of December 2024, the reform of January 2025."),
 "blockchain": ("Say what a blockchain is: a shared record of payments, copied on many computers, that is very hard to change.",
                "Follow a payment from signing to confirmations, and say what others can see of it.",
                "Judge claims that a blockchain makes a project honest, an investment safe or a supply unlimited.", None),
 "mining": ("Say what mining, proof of work, surplus generating capacity and a subsidy are.",
            "Work out who pays when miners get cheap power, and what mining means for the people living near it.",
            "Judge claims about how much electricity mining uses and when power is \"spare\".",
            "Recall what Pakistan planned for its spare power in 2025."),
 "volatility": ("Say what volatility and speculation mean, and what does (and does not) stand behind a coin's price.",
                "Decide what money you can afford to risk, and work out what is left after a fall.",
                "Judge claims that past rises, a country's buying or a famous name make a price safe.", None),
 "custody": ("Say what a private key, a public address, a seed phrase and custodial storage are.",
             "Act safely when a \"support agent\" asks for your seed phrase, a phone is lost or a payment goes to the wrong address.",
             "Judge claims that a big exchange is safe or that lost keys can be recovered.", None),
 "scams": ("Name the warning signs of a scam: guaranteed profits, hurry, fees to release money, fake identities, Ponzi and pyramid schemes, phishing.",
           "Decide what to do with a message from a fake official, a giveaway that rides the news or a look-alike login page.",
           "Judge claims that on-time payouts, a famous face or a blockchain prove an offer is real.", None),
 "stablecoins": ("Say what a stablecoin, its peg, its issuer, a run and an algorithmic stablecoin are.",
                 "Work out what to check before holding a stablecoin, and what happens when its issuer fails.",
                 "Judge claims that a stablecoin always keeps its value or that a law guarantees it.", None),
 "remittances": ("Say what a remittance, an exchange-rate margin and the total cost of a transfer are.",
                 "Compare two offers by their total cost, not their fee.",
                 "Judge claims about what sending money costs and whether crypto makes it cheaper.", None),
 "regulation": ("Say what a regulator, a licence, KYC, AML and recourse are.",
                "Check a firm's licence on the regulator's own list, and act when an exchange closes or a \"recovery\" service calls.",
                "Judge claims that a licence makes an investment safe or insured, and what \"not recognised\" means for a user.",
                "Recall what Pakistan set up in 2025: the Crypto Council, the PDAA in May and PVARA by ordinance in July."),
 "imf": ("Say what the IMF is, what a balance-of-payments problem is and why its loans come with conditions.",
         "Work out what an IMF programme means for a country's new spending plans.",
         "Judge claims that an IMF loan comes with no strings or is paid out at once.",
         "Recall what the IMF said about Pakistan's and El Salvador's crypto plans in 2025."),
 "reserves": ("Say what official reserves are for and what makes a reserve asset \"liquid\".",
              "Work out what a bitcoin reserve is worth when the price halves, and what happens when it must be sold in a crisis.",
              "Judge claims that a bitcoin reserve is safe savings or was bought with new money.",
              "Recall what Pakistan and the United States announced about bitcoin reserves in 2025."),
 "news": ("Say what attribution, \"reportedly\", a primary source and a conflict of interest are.",
          "Check a claim at its source, and write who said what.",
          "Judge what to believe when articles disagree, when a figure comes from an interested party or when an article names no publisher.",
          "Recall who met, who signed and when, as the July 2025 articles report it."),
}
# The competency map's rows in a few words (the map itself says what the learner can do).
COMPETENCY_NAME = {
    "money": "Money and legal tender", "inflation": "Inflation and dollar stablecoins",
    "ledger": "A shared ledger, mining, a fixed supply", "asset-kinds": "Coins, tokens and stablecoins",
    "lose-it-all": "A crypto asset can lose most of its value", "no-guarantee": "No return is guaranteed",
    "keys": "Seed phrases, keys and custody", "irreversible": "A transfer cannot be reversed",
    "account-security": "One-time codes, two-factor, SIM swap, fake apps",
    "platform-risk": "An exchange can freeze, be hacked or fail", "red-flags": "Red flags of a scam",
    "scam-types": "The kinds of scam", "p2p": "Person-to-person trading", "hype": "Hype, influencers and leverage",
    "mules": "Money mules", "who-regulates": "Who regulates, and checking a licence",
    "recourse": "No refund, and where to report", "sources": "Judging a source",
    "remittances": "Sending money home", "duties": "Taxes and the national context",
}
STARRED_GOAL, OTHER_GOAL = 10, 5  # questions in every language, per competency
SKILL_NAME = {"define": "Knows", "apply": "Applies", "judge": "Judges", "recall": "Recalls (the 2025 news)"}

PROJECT = Path(__file__).resolve().parent.parent
DOC = PROJECT / "docs" / "curriculum.md"


def render() -> str:
    """The curriculum page, as Markdown."""
    cat = read_catalog(PROJECT / "questions", PROJECT / "seeds")
    return "\n".join(_lines(cat) + _competency_lines(cat)) + "\n"


def _languages(cat) -> dict[str, set[str]]:  # type: ignore[no-untyped-def]
    """For each language, the full ids of the questions a learner reads in it: every question of a
    bank in that language, and each question its translation file has, up to date."""
    read_in = defaultdict(set)
    for b in cat.banks:
        read_in[b.language].update(f"{b.id}/{q.id}" for q in b.questions)
    for t in cat.translations:
        read_in[t.language].update(f"{t.bank_id}/{q}" for q in t.current_questions())
    return dict(sorted(read_in.items(), key=lambda item: (item[0] != "en", item[0])))


def _concept_id(question_tags, bank_tags) -> str | None:  # type: ignore[no-untyped-def]
    found = concept_of(question_tags) or concept_of(bank_tags)
    return found.id if found else None


def _percent(part: int, whole: int) -> str:
    return f"{part} of {whole} ({round(100 * part / whole) if whole else 0} %)"


def _competency_lines(cat) -> list[str]:  # type: ignore[no-untyped-def]
    languages = _languages(cat)
    by = defaultdict(list)
    for b in cat.banks:
        for q in b.questions:
            found = competency_of(q.tags)
            by[found.id if found else None].append((f"{b.id}/{q.id}", skill_of(q.tags)))
    weights = balance((is_case_study(b.tags), _concept_id(q.tags, b.tags), q.tags)
                      for b in cat.banks for q in b.questions)
    out = [dedent("""
        ## The competency map

        The curriculum is measured against a map of twenty competencies, what a young learner must be able
        to do (the project's `curriculum/competencies.md`). Fourteen are **starred** (★): they protect a
        learner from losing money or being used by criminals, and each needs at least ten cited questions
        in every language, across define, apply and judge; the others need about five. A question names the
        competency it teaches with the tag `competency:<id>`; `quizapp validate` refuses an id the map does
        not have. A question counts in a language when a learner reads it there: in its bank's language,
        and in each language whose translation file has it up to date.
        """).strip("\n"), ""]
    header = " | ".join(languages)
    out.append(f"| Competency | id | ★ | define | apply | judge | recall | {header} | enough in every language |")
    out.append("|---|---|---|---|---|---|---|" + "---|" * len(languages) + "---|")
    for c in COMPETENCIES:
        questions = by.get(c.id, [])
        skills = [sum(1 for _, skill in questions if skill == name) for name in ("define", "apply", "judge", "recall")]
        counts = [sum(1 for full, _ in questions if full in ids) for ids in languages.values()]
        goal = STARRED_GOAL if c.starred else OTHER_GOAL
        short = min(counts, default=0)
        met = "yes" if short >= goal else f"no: {short} of {goal}"
        out.append(f"| {COMPETENCY_NAME[c.id]} | `{c.id}` | {'★' if c.starred else ''} | "
                   f"{' | '.join(map(str, skills))} | {' | '.join(map(str, counts))} | {met} |")
    untagged = by.get(None, [])
    out.append(f"| *No competency tag yet* | | | | | | | {' | '.join(str(sum(1 for full, _ in untagged if full in ids)) for ids in languages.values())} | |")
    starred_met = sum(1 for c in COMPETENCIES if c.starred
                      and min((sum(1 for full, _ in by.get(c.id, []) if full in ids) for ids in languages.values()),
                              default=0) >= STARRED_GOAL)
    out += ["", "## Balance", "",
            "| figure | today | goal |", "|---|---|---|",
            f"| active questions | {weights.active} | at least 260 |",
            f"| the three case-study banks and the IMF, reserves and mining concepts together "
            f"| {_percent(weights.news_and_national, weights.active)} | at most 30 % |",
            f"| questions teaching a starred competency | {_percent(weights.starred, weights.active)} | at least half |",
            f"| starred competencies with ten questions in every language "
            f"| {starred_met} of {sum(c.starred for c in COMPETENCIES)} | all |",
            "", "## Questions by competency", ""]
    for c in COMPETENCIES:
        ids = sorted(full for full, _ in by.get(c.id, []))
        out.append(f"- **{COMPETENCY_NAME[c.id]}**{' ★' if c.starred else ''} (`{c.id}`, {len(ids)}): "
                   f"{', '.join(f'`{i}`' for i in ids) or '—'}")
    return out


def _lines(cat) -> list[str]:  # type: ignore[no-untyped-def]
    by = defaultdict(lambda: defaultdict(list))
    banks_of = defaultdict(set)
    explainers = defaultdict(set)
    for b in cat.banks:
        for q in b.questions:
            c = concept_of(q.tags).id
            by[c][skill_of(q.tags)].append(f"`{b.id}/{q.id}`")
            banks_of[c].add(b.id)
            for cit in q.citations:
                if cit.source.startswith("explainer-"):
                    explainers[c].add(cit.source)
    out = []
    out.append(dedent("""\
    # The curriculum: crypto literacy that protects learners

    quizapp's bundled banks teach twelve concepts. Six are **core**: they protect a newcomer to
    crypto most (what money and legal tender are, volatility, custody, scams, regulation, reading
    the news), and each has at least eight questions. Six **support** them (blockchain, mining, stablecoins,
    remittances, the IMF, reserves), with at least four each. The July 2025 news about Pakistan and
    El Salvador is where the class applies them: three **case-study** banks retell it.

    Every question is tagged in its bank with its concept (`concept:<id>`) and what it asks of
    the learner (`skill:define`, `skill:apply`, `skill:judge`, or `skill:recall` for a fact of the
    2025 news). In each core concept about a third of the questions define, a third apply the idea to
    a short situation and a third judge a claim; recall of the news event is kept under a fifth of all
    questions. `tests/test_bundled_banks.py` checks these figures, and that every question below is
    still in its bank.

    Every question's evidence is a passage quoted from a source: a news article, or an
    **explainer written for quizapp** in our own words, whose page lists the references its facts come
    from (laws, central banks, the IMF, consumer-protection agencies, reputable news).

    ## The order to teach it in

    The library shows the banks in this order, as numbered steps.

    | Step | Concept | Kind | Its bank | Also asked in | Explainers |
    |---|---|---|---|---|---|""").strip("\n"))
    for n, c in enumerate(CONCEPTS, 1):
        own = sorted(b.id for b in cat.banks if concept_of(b.tags) and concept_of(b.tags).id == c.id)
        also = sorted(banks_of[c.id] - set(own))
        ex = ", ".join(f"`{e}`" for e in sorted(explainers[c.id]))
        out.append(f"| {n} | {c.title} | {'core' if c.core else 'supporting'} | {', '.join(f'`{b}`' for b in own)} "
                   f"| {', '.join(f'`{b}`' for b in also) or '—'} | {ex} |")
    out.append("| then | Case studies: the news of July 2025 | case study | `el-salvador`, `pakistan-crypto-policy`, "
               "`partnership` | | |")
    out.append(dedent("""
    A lesson plan that works: one step per lesson, the explainer read aloud or at home (three
    minutes on a phone), then the step's quiz, then **Redo only the questions I got wrong**. The case
    studies come last, when the class has the concepts to judge the news with.

    ## Review and mastery

    Each question a signed-in learner answers becomes a review card, scheduled by FSRS
    (`quizapp/domain/review_schedule.py`): wrong rates it Again, right rates it Good. A
    question counts as **mastered** once its card's stability is at least **21 days**: FSRS
    then expects the learner to still recall it (nine times in ten) three weeks on, the span of
    a unit of teaching. A question belongs to the concept of its `concept:<id>` tag (or its
    bank's), so the home page and the teacher's reports count mastered questions by concept,
    out of that concept's questions in the banks the learner may see. `/review?concept=<id>`
    reviews the due questions of one concept.

    ## Learning objectives and their questions
    """))
    for n, c in enumerate(CONCEPTS, 1):
        qs = sum(len(v) for v in by[c.id].values())
        out.append(f"### {n}. {c.title} ({'core' if c.core else 'supporting'}, {qs} questions)\n")
        out.append(f"{c.goal}\n")
        for skill, text in zip(("define", "apply", "judge", "recall"), OBJ[c.id], strict=True):
            items = by[c.id].get(skill, [])
            if text is None and not items:
                continue
            out.append(f"- **{SKILL_NAME[skill]}.** {text or 'Recall facts of the 2025 news.'}  ")
            out.append(f"  Questions ({len(items)}): {', '.join(items) if items else '—'}")
        out.append("")
    return out


if __name__ == "__main__":
    DOC.write_text(render(), encoding="utf-8")
    print(f"wrote {DOC.relative_to(PROJECT)}")
