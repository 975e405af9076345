"""一分钟自查: a few answers about the reader's situation -> what to read first, and which tools.

A questionnaire run like every other calculator (fields, `calculate`, a view), so it has a
share link, a prerendered answer, exact tests and no JavaScript of its own. The result is
codes only: each step names a page of the site (``guide/sued`` is docs/guide/sued.md,
``calculators/budget`` the 还款能力 calculator) with a reason code; every sentence, title
and link is the view's (calculators/web/views/triage.py).

The rules, applied in this order; a page already placed is never placed again, so the
first rule that names a page fixes its place:

====  ==================================================  ==================================
rule  when                                                steps (reason)
====  ==================================================  ==================================
1     court = judged                                      guide/enforcement (judged)
2     court = summoned (a court's notice with a 案号)     guide/sued (summoned)
3     court = threatened (a caller or message says so)    guide/sued (threatened)
4     contacts_called                                     guide/family, guide/collection-rights
                                                          (contacts_called)
5     agent_offer                                         guide/agent-scams (agent_offer)
6     debt_sold                                           guide/debt-sold (debt_sold)
7     card and overdue = over_3m                          guide/why-overdue (card_over_3m)
8     always                                              guide/prepare (court_plan when
                                                          summoned or judged, else start),
                                                          calculators/budget (capacity)
9     money_left is some or almost_none                   calculators/allocate (not_enough)
      else two kinds of debt or more                      calculators/payoff (several)
10    always                                              guide/negotiate (early when
                                                          overdue = not_yet, else talk)
11    court is not judged                                 guide/outcomes (card_plan with a
                                                          card, else options),
                                                          calculators/negotiate (compare)
12    online_loan and court is not judged                 guide/lenders (online_loan)
13    overdue is 1_to_3m or over_3m, and court is none    guide/if-refused (no_deal)
      or threatened
14    money_left = almost_none, or court is summoned or   guide/support (pressure)
      judged, or contacts_called
====  ==================================================  ==================================

So the court's pages always come first when there is a real case (rules 1-2), what is being
done to the reader or offered to them comes next (3-7), then the ordinary path from
preparing to negotiating (8-11), then what fits the kind of debt and what to do if talks
fail (12-13), and support last but never missing when the pressure is high (14).

``urgency``: "court" when summoned or judged (dates run: act this week); "pressure" when
threatened, contacts called, a paid agent, a debt sold on or more than 3 months overdue;
"steady" otherwise.

``note`` (the calm sentence the view opens with): the first that holds of judged,
summoned, threatened, contacts_called, agent_offer, debt_sold, almost_none (money_left),
not_yet (overdue), and "behind" otherwise.

>>> answers = dict.fromkeys(["card", "bank_loan", "consumer_finance", "other"], False)
>>> answers |= dict.fromkeys(["contacts_called", "agent_offer", "debt_sold"], False)
>>> r = calculate(online_loan=True, overdue="1_to_3m", court="none", money_left="some",
...               **answers)
>>> [s["page"] for s in r["steps"]]  # doctest: +NORMALIZE_WHITESPACE
['guide/prepare', 'calculators/budget', 'calculators/allocate', 'guide/negotiate',
 'guide/outcomes', 'calculators/negotiate', 'guide/lenders', 'guide/if-refused']
"""

from __future__ import annotations

from typing import TypedDict

from calculators.fields import Field, Kind

TITLE = "一分钟自查"

OVERDUE = (
    ("not_yet", "还没逾期，但快还不上了"),
    ("under_1m", "1 个月以内"),
    ("1_to_3m", "1 到 3 个月"),
    ("over_3m", "3 个月以上"),
)
COURT = (
    ("none", "没有"),
    ("threatened", "收到短信或电话说要起诉"),
    ("summoned", "收到法院的传票或短信（有案号）"),
    ("judged", "已经判决"),
)
MONEY_LEFT = (
    ("enough_minimum", "够付最低还款"),
    ("some", "有一些，但不够"),
    ("almost_none", "几乎没有"),
)

# The kinds of debt, in the order of the form: (field name, label).
KINDS = (
    ("card", "有信用卡欠款"),
    ("bank_loan", "有银行贷款"),
    ("consumer_finance", "有消费金融公司的贷款"),
    ("online_loan", "有网络小贷或网贷 App 的借款"),
    ("other", "有其他欠款（比如向亲友借的）"),
)

FIELDS: tuple[Field, ...] = (
    *(
        Field(
            name,
            label,
            Kind.FLAG,
            "1" if name in ("card", "online_loan") else "0",
            help="欠了哪几类就勾哪几类，可以多选。" if name == "card" else "",
        )
        for name, label in KINDS
    ),
    Field(
        "overdue",
        "逾期多久了",
        Kind.CHOICE,
        "under_1m",
        choices=OVERDUE,
        help="有几笔的，按逾期最久的那一笔选。",
    ),
    Field(
        "court",
        "有没有被起诉",
        Kind.CHOICE,
        "none",
        choices=COURT,
        help="案号是法院给每个案子编的号，写在传票或法院的短信里。",
    ),
    Field(
        "contacts_called",
        "催收打过电话给家人、通讯录里的人或单位",
        Kind.FLAG,
        "0",
    ),
    Field(
        "agent_offer",
        "有人找我收费“代理协商”“停息挂账”或“征信修复”",
        Kind.FLAG,
        "0",
    ),
    Field(
        "debt_sold",
        "收到过“债权转让”通知，或者陌生公司说这笔债归它了",
        Kind.FLAG,
        "0",
    ),
    Field(
        "money_left",
        "每月付完房租、吃饭、交通这些必要开支后，剩下的钱",
        Kind.CHOICE,
        "some",
        choices=MONEY_LEFT,
        help="“最低还款”指各笔欠款每月最少要还的合计。",
    ),
)

# Every page a step can name, and the reasons it can be given for (the view holds a
# sentence for each pair; tests check both directions).
REASONS: dict[str, tuple[str, ...]] = {
    "guide/enforcement": ("judged",),
    "guide/sued": ("summoned", "threatened"),
    "guide/family": ("contacts_called",),
    "guide/collection-rights": ("contacts_called",),
    "guide/agent-scams": ("agent_offer",),
    "guide/debt-sold": ("debt_sold",),
    "guide/why-overdue": ("card_over_3m",),
    "guide/prepare": ("court_plan", "start"),
    "calculators/budget": ("capacity",),
    "calculators/allocate": ("not_enough",),
    "calculators/payoff": ("several",),
    "guide/negotiate": ("early", "talk"),
    "guide/outcomes": ("card_plan", "options"),
    "calculators/negotiate": ("compare",),
    "guide/lenders": ("online_loan",),
    "guide/if-refused": ("no_deal",),
    "guide/support": ("pressure",),
}


class Step(TypedDict):
    page: str  # a key of REASONS: "guide/<page>" or "calculators/<name>"
    reason: str  # one of REASONS[page]


class Result(TypedDict):
    """What `calculate` returns: the answers echoed, and codes."""

    kinds: list[str]  # the field names of KINDS that were ticked, in form order
    overdue: str
    court: str
    contacts_called: bool
    agent_offer: bool
    debt_sold: bool
    money_left: str
    urgency: str  # "court", "pressure" or "steady"
    note: str  # which calm sentence fits (see the module docstring)
    steps: list[Step]  # in reading order, each page once
    tools: list[str]  # the calculators among the steps, in the same order (registry names)
    guide_count: int  # guide pages among the steps
    tool_count: int  # len(tools)


def calculate(
    card: bool,
    bank_loan: bool,
    consumer_finance: bool,
    online_loan: bool,
    other: bool,
    overdue: str,
    court: str,
    contacts_called: bool,
    agent_offer: bool,
    debt_sold: bool,
    money_left: str,
) -> Result:
    """The reading order for these answers (`Result`); the rules are in the module docstring."""
    ticked = {
        "card": card,
        "bank_loan": bank_loan,
        "consumer_finance": consumer_finance,
        "online_loan": online_loan,
        "other": other,
    }
    kinds = [name for name, _ in KINDS if ticked[name]]
    in_court = court in ("summoned", "judged")
    late = overdue == "over_3m"
    steps: list[Step] = []

    def add(page: str, reason: str) -> None:
        if all(s["page"] != page for s in steps):
            steps.append({"page": page, "reason": reason})

    if court == "judged":  # 1
        add("guide/enforcement", "judged")
    if court == "summoned":  # 2
        add("guide/sued", "summoned")
    if court == "threatened":  # 3
        add("guide/sued", "threatened")
    if contacts_called:  # 4
        add("guide/family", "contacts_called")
        add("guide/collection-rights", "contacts_called")
    if agent_offer:  # 5
        add("guide/agent-scams", "agent_offer")
    if debt_sold:  # 6
        add("guide/debt-sold", "debt_sold")
    if card and late:  # 7
        add("guide/why-overdue", "card_over_3m")
    add("guide/prepare", "court_plan" if in_court else "start")  # 8
    add("calculators/budget", "capacity")
    if money_left in ("some", "almost_none"):  # 9
        add("calculators/allocate", "not_enough")
    elif len(kinds) >= 2:
        add("calculators/payoff", "several")
    add("guide/negotiate", "early" if overdue == "not_yet" else "talk")  # 10
    if court != "judged":  # 11
        add("guide/outcomes", "card_plan" if card else "options")
        add("calculators/negotiate", "compare")
    if online_loan and court != "judged":  # 12
        add("guide/lenders", "online_loan")
    if overdue in ("1_to_3m", "over_3m") and court in ("none", "threatened"):  # 13
        add("guide/if-refused", "no_deal")
    if money_left == "almost_none" or in_court or contacts_called:  # 14
        add("guide/support", "pressure")

    if in_court:
        urgency = "court"
    elif court == "threatened" or contacts_called or agent_offer or debt_sold or late:
        urgency = "pressure"
    else:
        urgency = "steady"

    notes = (
        ("judged", court == "judged"),
        ("summoned", court == "summoned"),
        ("threatened", court == "threatened"),
        ("contacts_called", contacts_called),
        ("agent_offer", agent_offer),
        ("debt_sold", debt_sold),
        ("almost_none", money_left == "almost_none"),
        ("not_yet", overdue == "not_yet"),
    )
    note = next((code for code, holds in notes if holds), "behind")
    tools = [s["page"].removeprefix("calculators/") for s in steps if s["page"].startswith("calc")]
    return {
        "kinds": kinds,
        "overdue": overdue,
        "court": court,
        "contacts_called": contacts_called,
        "agent_offer": agent_offer,
        "debt_sold": debt_sold,
        "money_left": money_left,
        "urgency": urgency,
        "note": note,
        "steps": steps,
        "tools": tools,
        "guide_count": len(steps) - len(tools),
        "tool_count": len(tools),
    }
