"""沟通记录: the log as a table with its flags in words, a CSV and a printable table."""

from __future__ import annotations

from calculators.contacts import CALLS_PER_DAY, CHANNELS, DIRECTIONS, Contact, Result
from calculators.web.blocks import Figure, View, figures, make_csv, para
from calculators.web.format import esc

LOG_ID = "calc-contacts-table"
PURPOSE = "记下每一次催收和协商的联系，标出深夜联系、一天内未接来电过多和联系第三人。"

DIRECTION_LABELS = dict(DIRECTIONS)
CHANNEL_LABELS = dict(CHANNELS)
FLAG_TEXT = {
    "night": "在 22 点到次日 8 点之间",
    "calls": f"当天未接来电超过 {CALLS_PER_DAY} 次",
    "third_party": "联系了第三人",
}


def flags_text(contact: Contact) -> str:
    return "；".join(FLAG_TEXT[f] for f in contact["flags"])


def when_text(contact: Contact) -> str:
    return contact["date"] + (f" {contact['time']}" if contact["time"] else "")


def recorded_text(contact: Contact) -> str:
    return {True: "是", False: "否", None: ""}[contact["recorded"]]


def log_rows(contacts: list[Contact]) -> str:
    """Each contact as a stacked row that fits a phone: when, who and which debt on top, what
    was said, and its flags in words beside it (never a table wider than the screen)."""
    out = ['<ol class="calc-log">']
    for c in contacts:
        flagged = " calc-log-flagged" if c["flags"] else ""
        head = [
            when_text(c),
            DIRECTION_LABELS[c["direction"]],
            CHANNEL_LABELS[c["channel"]],
            c["who"],
            f"关于：{c['debt'] or '全部'}",
        ]
        recorded = recorded_text(c)
        body = [
            ("内容", c["content"]),
            ("下一步", c["next_step"]),
            ("录音", recorded),
        ]
        out.append(
            f'<li class="calc-log-row{flagged}">'
            f'<p class="calc-log-head">{esc("，".join(p for p in head if p))}</p>'
            + "".join(
                f'<p class="calc-log-line"><span class="calc-log-label">{esc(label)}：</span>'
                f"{esc(text)}</p>"
                for label, text in body
                if text
            )
            + "".join(f'<p class="calc-log-flag">{esc(FLAG_TEXT[f])}</p>' for f in c["flags"])
            + "</li>"
        )
    out.append("</ol>")
    return "".join(out)


def view(result: Result) -> View:
    contacts = result["contacts"]
    items = [
        Figure("night", "22 点到 8 点之间的联系", result["night"], unit="次", main=True),
        Figure("calls", "一天里第 7 次起的未接来电", result["calls"], unit="条", main=True),
        Figure("third_party", "联系第三人", result["third_party"], unit="次", main=True),
    ]
    notes = []
    for day in result["busy_days"]:
        notes.append(f"{day['date']} 这一天，你记下了 {day['unanswered']} 个未接来电。")
    if result["night"] or result["calls"] or result["third_party"]:
        notes.append(
            "标出的几条，和中国银行业协会《金融机构个人消费类贷款催收工作指引（试行）》"
            "（2026 年 1 月，行业自律文件）的说法不一致：未经同意，22 点到次日 8 点不催收；"
            "同一号码每天未接通的呼叫不宜超过 6 次；只有借款人失联时才联系第三方。"
            "这只是提示，不是对谁违法的判断；投诉时可以把这张表附上。"
        )
    else:
        notes.append(
            "按你记下的内容，没有 22 点到 8 点之间的联系、一天超过 6 次的未接来电，"
            "也没有联系第三人。"
        )
    if any(c["time"] is None for c in contacts):
        notes.append("没写时间的记录，无法判断是不是在 22 点到 8 点之间。")
    dates = [c["date"] for c in contacts]
    title = "沟通记录" + (f"：{result['name']}" if result["name"] else "")
    period = f"{dates[0]} 至 {dates[-1]}" if dates[0] != dates[-1] else dates[0]
    printable = (
        f'<div id="{LOG_ID}" class="calc-contacts-log">'
        f'<p class="calc-plan-title">{esc(title)}（{esc(period)}，共 {len(contacts)} 条）</p>'
        + log_rows(contacts)
        + "</div>"
        + '<div class="calc-letter-actions">'
        f'<button type="button" class="calc-action" data-action="print" data-target="{LOG_ID}">'
        "打印这份记录</button></div>"
    )
    html = (
        figures(items)
        + "".join(para(n) for n in notes)
        + printable
        + para(
            "记录可以用下面的“下载表格（CSV）”存下来，用 Excel 或 WPS 打开。记录只在你的浏览器里，"
            "不会上传；要长期保留，请下载，或者选择保存在这台设备上。",
            "calc-fine",
        )
    )
    summary = (
        f"{len(contacts)} 条联系记录：22 点到 8 点之间 {result['night']} 次，"
        f"联系第三人 {result['third_party']} 次，"
        f"一天里第 7 次起的未接来电 {result['calls']} 条。"
    )
    csv_text = make_csv(
        [
            "日期",
            "时间",
            "方向",
            "渠道",
            "对方姓名或工号",
            "关于哪一笔",
            "内容",
            "下一步",
            "是否录音",
            "提示",
        ],
        [
            [
                c["date"],
                c["time"] or "",
                DIRECTION_LABELS[c["direction"]],
                CHANNEL_LABELS[c["channel"]],
                c["who"],
                c["debt"] or "全部",
                c["content"],
                c["next_step"],
                recorded_text(c),
                flags_text(c),
            ]
            for c in contacts
        ],
    )
    return View(html, summary, csv_text, "沟通记录.csv")
