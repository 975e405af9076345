"""一分钟自查: the reading order in words, each step a link to its page.

The widget sits on docs/start.md, built at ``start/`` (``zh-Hant/start/`` in the Traditional
edition), so every link is written relative to that page: ``../guide/sued/`` is the guide's
被起诉了怎么办 in either edition. tests/web/test_triage_view.py checks that each link
resolves to a built page and each anchor exists on it.

No PURPOSE: this is not one of the 计算器 section's pages, so the overview table leaves it out.
"""

from __future__ import annotations

from calculators.triage import Result
from calculators.web.blocks import Figure, View, figures, para
from calculators.web.format import esc

# Links are relative to the page that holds the widget (docs/start.md -> start/).
BASE = "../"

# page code -> its title as in the site's navigation.
TITLES: dict[str, str] = {
    "guide/enforcement": "判决以后：执行、失信和限高",
    "guide/sued": "被起诉了怎么办",
    "guide/family": "家人和通讯录",
    "guide/collection-rights": "催收：你的权利",
    "guide/agent-scams": "警惕“代理协商”和“征信修复”",
    "guide/debt-sold": "债务被转让了",
    "guide/why-overdue": "为什么会逾期，逾期会怎样",
    "guide/prepare": "协商前的准备",
    "calculators/budget": "还款能力",
    "calculators/allocate": "协商分配",
    "calculators/payoff": "多笔债务还款顺序",
    "guide/negotiate": "怎样协商",
    "guide/outcomes": "常见的协商结果",
    "calculators/negotiate": "协商方案对比",
    "guide/lenders": "网贷背后是谁",
    "guide/if-refused": "协商不成怎么办",
    "guide/support": "心理与支持",
}

# (page, reason) -> (the section to open at, or "", and why this step, in one or two
# sentences that match what the page says).
STEPS: dict[tuple[str, str], tuple[str, str]] = {
    ("guide/enforcement", "judged"): (
        "",
        "判决生效后，看清楚要还多少、哪天之前还。限高和失信名单是两回事，"
        "到了执行阶段也还能和对方商量分期或延期。",
    ),
    ("guide/sued", "summoned"): (
        "",
        "先核实通知是真的：自己找到这家法院的电话，或者拨打 12368 诉讼服务热线、"
        "用法院官方的网上诉讼服务，报上案号查一查；不要打短信里给的号码。"
        "核实以后，把答辩、交证据和开庭的日期抄下来。",
    ),
    ("guide/sued", "threatened"): (
        "real-or-not",
        "“移交法务”“马上起诉”是催收常用的说法，本身不是法律程序。真的起诉了，"
        "会收到写明法院和案号的通知，你可以自己去核实。",
    ),
    ("guide/family", "contacts_called"): (
        "",
        "父母、子女和朋友没有签过担保的，不用替你还；配偶在什么情况下要一起还，"
        "这一页也讲了。还有怎样提醒家人、留证据和举报。",
    ),
    ("guide/collection-rights", "contacts_called"): (
        "",
        "欠钱也有权利：哪些催收做法越界了，怎样留下录音、截图和通话记录，向哪里投诉。",
    ),
    ("guide/agent-scams", "agent_offer"): (
        "",
        "和放款机构协商不需要中介，也不收费；真实的逾期记录，谁都不能花钱删掉。"
        "别付钱，也别把身份证、银行卡和密码交给对方。已经付了钱的，这一页讲怎么办。",
    ),
    ("guide/debt-sold", "debt_sold"): (
        "",
        "转让要通知到你才对你有效。付任何钱之前，先通过原来那家机构的官方渠道核实："
        "转没转、转给了谁、还欠多少。",
    ),
    ("guide/why-overdue", "card_over_3m"): (
        "malicious-overdraft",
        "信用卡逾期超过 3 个月，很多人担心会不会坐牢。还不上钱本身是民事纠纷；"
        "恶意透支要同时满足几个条件，这一节一条一条写清楚了。",
    ),
    ("guide/prepare", "start"): (
        "",
        "列一张欠款清单，做一份收支表，备好证明材料，定下一个守得住的每月还款数。"
        "多数人一个晚上就能做完。",
    ),
    ("guide/prepare", "court_plan"): (
        "",
        "不管是在法院调解，还是和对方谈和解，都要拿出一个具体的还款方案："
        "先列清欠款和收支，定下你守得住的每月还款数。",
    ),
    ("calculators/budget", "capacity"): (
        "",
        "用收入减去必要开支，算出每月最多能拿出多少钱还债。后面每一步都会用到这个数。",
    ),
    ("calculators/allocate", "not_enough"): (
        "",
        "能拿出的钱不够付所有最低还款时，按每笔欠款的比例分给每一家，谁也不偏。"
        "这张分配表可以直接拿给对方看。",
    ),
    ("calculators/payoff", "several"): (
        "",
        "欠了好几家、最低还款又付得起时，比一比先还利率最高的和先还余额最小的，"
        "哪种顺序还得更快、利息更少。",
    ),
    ("guide/negotiate", "early"): (
        "timing",
        "还没逾期就主动联系，是最好的时机：欠款还没有被罚息和违约金滚大。"
        "这一页讲找谁谈、怎么开口、怎样留证据。",
    ),
    ("guide/negotiate", "talk"): (
        "",
        "只通过官方渠道联系，说清楚你的困难和能还多少，每次联系都记下来。"
        "一轮谈不成，就准备下一轮。",
    ),
    ("guide/outcomes", "card_plan"): (
        "credit-card-plan",
        "信用卡可以申请个性化分期，这是有规章依据的做法。这一页也讲网贷分期、"
        "减免罚息和一次性结清各有什么条件。",
    ),
    ("guide/outcomes", "options"): (
        "",
        "分期、延期、减免罚息和一次性结清各是什么、有什么条件，怎样比较。",
    ),
    ("calculators/negotiate", "compare"): (
        "",
        "对方给出方案后，把按现状还清、减免罚息、分期和一次性结清各要付多少放在一起比，"
        "看每月还不还得起，还能生成一份协商还款申请的草稿。",
    ),
    ("guide/lenders", "online_loan"): (
        "",
        "借款 App 常常不是放款的那一家。查清每一笔的放款机构和担保公司，才知道该和谁谈、向谁投诉。",
    ),
    ("guide/if-refused", "no_deal"): (
        "",
        "对方拒绝或者一直拖着，也还有路可走：在机构内部升级、投诉、调解、免费法律咨询。",
    ),
    ("guide/support", "pressure"): (
        "",
        "压力大是正常的，不说明你失败。想找人说说话，可以拨打 12356 心理援助热线"
        "（各地接听的时段不同，不一定 24 小时有人接）；有危险时马上打 120 或 110。",
    ),
}

# `note` -> the calm sentence the answer opens with. General information, not legal advice.
NOTES: dict[str, str] = {
    "judged": "判决以后，事情还有商量的余地：执行阶段照样可以谈分期。"
    "先把判决书上的金额和日期看清楚，再按下面的顺序一步一步来。",
    "summoned": "被起诉是民事纠纷，不会因此把你带走。要紧的是别错过法院给的期限："
    "先核实，再记下日期；到了法院，也还有调解的机会。",
    "threatened": "电话里说要起诉，不等于已经起诉了。真的起诉会有法院的通知和案号，"
    "你可以自己核实，不用被对方定的期限吓住。",
    "contacts_called": "家人和朋友没有签过担保的，不用替你还钱。"
    "催收打扰他们，你可以留下证据、去投诉。",
    "agent_offer": "先别付钱。和放款机构协商，你自己就能谈，不需要任何中介。",
    "debt_sold": "换了一家来要钱，先别急着付。核实清楚是真的以后，照样可以和新债权人商量怎么还。",
    "almost_none": "眼下拿不出钱，也可以如实告诉对方。先顾好吃饭、住处和看病，再谈能还多少。",
    "not_yet": "还没逾期就来想办法，正是时候：现在主动联系，能选的路最多。",
    "behind": "逾期的人并不少，这件事可以一步一步处理。先从下面第一步开始。",
}


def href(page: str, anchor: str = "") -> str:
    """The link to a step's page from the widget's page: ``../guide/sued/#real-or-not``."""
    return f"{BASE}{page}/" + (f"#{anchor}" if anchor else "")


def step_html(page: str, reason: str) -> str:
    anchor, why = STEPS[(page, reason)]
    tool = "（计算器）" if page.startswith("calculators/") else ""
    return (
        f'<li data-step="{esc(page)}" data-reason="{esc(reason)}">'
        f'<a href="{esc(href(page, anchor))}">{esc(TITLES[page])}</a>{esc(tool)}：{esc(why)}</li>'
    )


def view(result: Result) -> View:
    steps = result["steps"]
    items = [
        Figure("guide_count", "要读的指南", result["guide_count"], unit="篇", main=True),
        Figure("tool_count", "用得上的计算器", result["tool_count"], unit="个", main=True),
    ]
    html = (
        f'<p class="calc-verdict" data-level="{esc(result["urgency"])}">'
        f"{esc(NOTES[result['note']])}</p>"
        + figures(items)
        + '<ol class="calc-steps" aria-label="按这个顺序看">'
        + "".join(step_html(s["page"], s["reason"]) for s in steps)
        + "</ol>"
        + para(
            "顺序按你选的几项排出：和法院有关的排在最前面，其次是眼下正在发生、要先处理的事，"
            "然后是准备和协商。这是一般性的信息，不是法律意见。",
            "calc-fine",
        )
    )
    first = TITLES[steps[0]["page"]]
    summary = (
        f"按你的情况，先看“{first}”；一共 {len(steps)} 步，其中计算器 {result['tool_count']} 个。"
    )
    return View(html, summary)
