"""A creditor's card on the plan page (calculators/web/views/plan.py): what to offer, what the
months assume, what a term the creditor could accept requires and what to ask for instead,
the 恶意透支 note where it applies, what to say on the phone, and the letters that fit this
debt, each opened with this debt's own figures.

A letter link carries numbers only (the offer of this creditor, never the whole capacity,
never more months than the longest term) and the debt's id (``debt=``): a page that finds
the reader's case on this device fills the rest from that debt and the person, and nothing
from any other debt.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode

from calculators import registry
from calculators.debts import KINDS
from calculators.plan_offer import MALICIOUS_DAYS, Offer
from calculators.web.blocks import months_text, para
from calculators.web.format import esc, yuan

KIND_LABELS = dict(KINDS)
STATUS_LABELS = {"new": "未联系", "talking": "协商中", "agreed": "已达成", "settled": "已结清"}
# The letters shown first on a card; the others behind "其他信".
FIRST_LETTERS = ("letter_negotiate", "letter_installment", "letter_written", "letter_transfer")
GUIDE_MALICIOUS = "../guide/sued/#malicious-overdraft"
CONTACT_LOG = "../letters/contact-log/"


def letter_page(name: str) -> str:
    """The letter's page under letters/: letter_third_party -> third-party."""
    return name.removeprefix("letter_").replace("_", "-")


def letter_values(name: str, o: Offer) -> dict[str, str]:
    """What a link to letter `name` carries for this creditor: numbers and its name only."""
    months = str(o["months"]) if o["months"] is not None else ""
    values: dict[str, str] = {"debt": o["id"], "institution": o["name"]}
    if name == "letter_negotiate":
        values.update(
            owed=o["balance"],
            ask_instalment="1",
            months=months,
            monthly=o["amount"],
            freeze="1" if o["ask_stop_interest"] else "0",
            ask_waive="1" if o["ask_waive_penalty"] else "0",
            ask_settlement="0",
        )
    elif name == "letter_installment":
        values.update(owed=o["balance"], months=months, monthly=o["amount"])
        values["freeze"] = "1" if o["ask_stop_interest"] else "0"
    elif name in ("letter_third_party", "letter_written"):
        values["credit_card"] = "1" if o["kind"] == "card" else "0"
    return values


def letter_link(name: str, o: Offer) -> str:
    return f"../letters/{letter_page(name)}/#" + urlencode(letter_values(name, o))


def compare_link(o: Offer) -> str:
    """协商方案对比 with this creditor's balance, months and monthly amount (its share)."""
    values = {
        "principal": o["balance"],
        "interest": "0",
        "penalty": "0",
        "fees": "0",
        "months": str(o["months"] or 60),
        "annual_rate": "0" if o["ask_stop_interest"] or not o["annual_rate"] else o["annual_rate"],
        "waive_penalty": "0",
        "settlement_discount": "0",
        "capacity": o["amount"],
    }
    return "../calculators/negotiate/#" + urlencode(values)


def _letters(o: Offer) -> str:
    def item(name: str) -> str:
        title = registry.get(name).title
        return (
            f'<li><a class="calc-letter-link" data-letter="{esc(name)}" '
            f'href="{esc(letter_link(name, o))}">{esc(title)}</a></li>'
        )

    first = [n for n in o["letters"] if n in FIRST_LETTERS]
    rest = [n for n in o["letters"] if n not in FIRST_LETTERS]
    return (
        '<div class="calc-offer-letters">'
        f'<p class="calc-offer-sub">写给{esc(o["name"])}的信（已按这一家的数字填好）：</p>'
        f'<ul class="calc-letter-links">{"".join(map(item, first))}</ul>'
        '<details class="calc-details"><summary>其他信</summary>'
        f'<ul class="calc-letter-links">{"".join(map(item, rest))}</ul></details>'
        f'<p class="calc-fine"><a href="{esc(compare_link(o))}">比较分期和一次结清</a></p>'
        "</div>"
    )


def basis_text(o: Offer) -> str:
    """What the months assume, in words."""
    if o["clear_months"] is None:
        return "按原利率，这个数连每月的利息都不够，欠款只会越来越多：首先要争取停息。"
    clear = months_text(o["clear_months"])
    if o["basis"] == "stop_interest":
        return (
            f"按停息计算（以后不再加利息）：{yuan(o['balance'])} 元每月还 "
            f"{yuan(o['amount'])} 元，要 {clear}。"
        )
    if o["basis"] == "rate":
        return f"按年利率 {o['annual_rate']}% 继续计息计算，要 {clear}。"
    return f"没填年利率，按以后不再加利息估算，要 {clear}；如果还在计息，会更久。"


def term_text(o: Offer, capacity: str | None) -> list[str]:
    """What the longest term requires, and what to ask for instead when it is out of reach."""
    term = o["term"]
    base = "本金" if term["base_is_principal"] else "欠款余额（不知道本金，先按余额算）"
    if o["kind"] == "card":
        rule = (
            f"信用卡的个性化分期最长 {term['max_months']} 期"
            "（5 年，《商业银行信用卡业务监督管理办法》"
            f"第七十条）：{base} {yuan(term['base'])} 元分 {term['max_months']} 期，"
            f"每月至少要还 {yuan(term['needed'])} 元。"
        )
    else:
        rule = (
            f"这类借款没有统一规定的最长分期；本站的方案最长按 {term['max_months']} 期算，"
            f"期数越长，对方越难答应。{base} {yuan(term['base'])} 元分 {term['max_months']} 期，"
            f"每月至少要还 {yuan(term['needed'])} 元。"
        )
    lines = [rule + ("这一家的数够了。" if term["reachable"] else "这一家分到的数不够。")]
    if o["gap"] is None:
        return lines
    lines.append(
        f"每月 {yuan(o['amount'])} 元还 {o['months']} 期，还差 {yuan(o['gap'])} 元还不清。"
        "方案不往更长里拖，可以改为提出："
    )
    asks = {
        "waive": f"请对方减免 {yuan(o['gap'])} 元（罚息、利息和费用先减），"
        f"剩下的分 {o['months']} 期；",
        "first": f"先集中还这一家：每月给它 {yuan(term['needed'])} 元"
        + (f"（你每月能拿出 {yuan(capacity)} 元）" if capacity else "")
        + "，其他几家先少分一些，以后再补；",
        "lump": f"先按 {o['months']} 期谈，剩下的 {yuan(o['gap'])} 元约定在收入恢复后一次付清；",
        "longer": "问对方能不能分更长的期数（期数越长，越难谈成）。",
    }
    return lines + [asks[code] for code in o["instead"]]


def malicious_text(o: Offer) -> str:
    """The calm note for a card that is long overdue with a large principal."""
    amount = "本金超过 5 万元" if o["malicious"] == "over" else "欠款超过 5 万元（本金没填）"
    return (
        f"这张卡{amount}、逾期超过 {MALICIOUS_DAYS} 天。只是还不上，不构成恶意透支；"
        "法律上要同时满足几个条件，其中关键是存心不还、躲着银行。"
        "最要紧的是不躲：电话保持畅通，银行的催收和来信都回应，能还多少就按方案还，"
        "并保留协商和还款的记录。"
    )


def _script(o: Offer, capacity: str | None, count: int) -> str:
    asks = []
    if o["ask_stop_interest"]:
        asks.append("停止计息")
    if o["ask_waive_penalty"]:
        asks.append("减免逾期后的罚息和违约金")
    whole = (
        f"我每月扣除必要开支后能拿出 {yuan(capacity)} 元还债，一共欠 {count} 家，"
        if capacity
        else ""
    )
    lines = [
        whole + f"给贵机构的是每月 {yuan(o['amount'])} 元。",
        f"我申请按每月 {yuan(o['amount'])} 元还款，分 {o['months']} 期"
        + (f"，并{'、'.join(asks)}" if asks else "")
        + "。",
        "请问需要我提供哪些材料？审核要多久？您的工号是多少？",
    ]
    return (
        '<details class="calc-details"><summary>打电话时可以这样说</summary>'
        + "".join(f'<p class="calc-script">{esc(line)}</p>' for line in lines)
        + "</details>"
    )


def _facts(o: Offer) -> list[tuple[str, str]]:
    amount_label = "每月还（你定的数）" if o["amount_chosen"] else "每月还（按欠款比例）"
    facts = [(amount_label, f"{yuan(o['amount'])} 元")]
    if o["months"] is not None:
        facts.append(("分几期", f"{o['months']} 期"))
    facts.append(("欠款余额", f"{yuan(o['balance'])} 元"))
    if o["minimum"] is not None:
        facts.append(("原来每月应还", f"{yuan(o['minimum'])} 元"))
    if o["overdue_days"]:
        facts.append(("逾期", f"{o['overdue_days']} 天"))
    return facts


def card(o: Offer, capacity: str | None, count: int, call: str = "") -> str:
    """One creditor's card: an <li> of the plan's list of offers."""
    asks = []
    if o["ask_stop_interest"]:
        asks.append("停止计息（停息）")
    if o["ask_waive_penalty"]:
        asks.append("减免逾期后的罚息和违约金")
    notes = [basis_text(o)]
    if o["months_cut"]:
        notes.append(f"你填的期数超过了 {o['term']['max_months']} 期，方案按 {o['months']} 期算。")
    if o["below_minimum"]:
        notes.append("比原来的每月应还少，这正是要和这一家协商的部分。")
    figures = "".join(f"<div><dt>{esc(k)}</dt><dd>{esc(v)}</dd></div>" for k, v in _facts(o))
    malicious = ""
    if o["malicious"]:
        malicious = (
            f'<p class="calc-note calc-offer-warning">{esc(malicious_text(o))}'
            f' <a href="{GUIDE_MALICIOUS}">恶意透支要满足哪些条件</a></p>'
        )
    contacts = (
        f"沟通记录 {o['contacts']} 条，最近一次 {o['last_contact']}。"
        if o["contacts"]
        else "还没有这一家的沟通记录。"
    )
    return (
        f'<li class="calc-offer" id="calc-debt-{esc(o["id"])}" data-debt="{esc(o["id"])}">'
        f'<p class="calc-offer-name">{esc(o["name"])}'
        f'<span class="calc-offer-kind">{esc(KIND_LABELS[o["kind"]])}</span>'
        f'<span class="calc-offer-status">{esc(STATUS_LABELS[o["status"]])}</span></p>'
        f'<dl class="calc-scenario-figures">{figures}</dl>'
        + call
        + (para(f"要提出的：{'；'.join(asks)}。") if asks else "")
        + "".join(para(n) for n in notes)
        + '<div class="calc-term">'
        + "".join(para(line) for line in term_text(o, capacity))
        + "</div>"
        + malicious
        + _script(o, capacity, count)
        + _letters(o)
        + f'<p class="calc-fine calc-offer-log">{esc(contacts)} '
        f'<a href="{CONTACT_LOG}">记一笔沟通记录</a></p>' + "</li>"
    )


def cards(offers: list[Offer], capacity: str | None, calls: Mapping[str, str]) -> str:
    """The cards; `calls`: each debt's call and agreement part (web/plan_agreement.py)."""
    items = "".join(card(o, capacity, len(offers), calls.get(o["id"], "")) for o in offers)
    return f'<ol class="calc-offers">{items}</ol>'


def debt_rows(offers: list[Offer]) -> str:
    """The debts in the plan's order as stacked rows (no table wider than a phone)."""

    def row(o: Offer) -> str:
        parts: Mapping[str, str] = {
            "欠款余额": f"{yuan(o['balance'])} 元",
            "年利率": f"{o['annual_rate']}%" if o["annual_rate"] else "没填",
            "原来每月应还": f"{yuan(o['minimum'])} 元" if o["minimum"] else "没填",
            "逾期": f"{o['overdue_days']} 天" if o["overdue_days"] is not None else "没填",
        }
        cells = "".join(f"<div><dt>{esc(k)}</dt><dd>{esc(v)}</dd></div>" for k, v in parts.items())
        return (
            f'<li class="calc-debt-row"><p class="calc-offer-name">{esc(o["name"])}'
            f'<span class="calc-offer-kind">{esc(KIND_LABELS[o["kind"]])}</span></p>'
            f'<dl class="calc-debt-cells">{cells}</dl></li>'
        )

    return f'<ol class="calc-debt-rows">{"".join(map(row, offers))}</ol>'
