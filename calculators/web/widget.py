"""The widget's HTML: a form drawn from a calculator's `Field`s, with its result prerendered.

Built at site-build time (hooks/shortcodes.py) with the same `calculators.web.render` that the
browser worker calls, so the page shows a real result at first paint and with JavaScript off.
The browser bridge (docs/assets/calc/bridge.js) knows nothing about any one calculator: it
reads the form by the `name` attributes drawn here and writes what `render` returns.

Every piece of text goes through `html.escape`: labels and help come from our own code, but
`values` may come from anywhere.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from urllib.parse import urlencode

from calculators import InputError, registry
from calculators.errors import UnknownCalculator
from calculators.fields import YES_WORDS, Field, Kind
from calculators.money import MAX_LINES_TEXT, MAX_TEXT
from calculators.registry import Calculator
from calculators.web.format import esc
from calculators.web.rows import rows_html, save_bar

# Field kinds that a phone should offer a number pad for. "decimal" keeps the dot key;
# "numeric" is digits only. Both still accept pasted text such as "10万".
_INPUTMODE = {
    Kind.MONEY: "decimal",
    Kind.RATE: "decimal",
    Kind.INTEGER: "numeric",
}
_TRUE = frozenset(YES_WORDS)


def _number(value: Decimal) -> str:
    """ "600" rather than "6E+2" or "600.00"."""
    return format(value.normalize(), "f")


def limits_text(field: Field) -> str:
    """The field's allowed range in words, or "" when it says nothing a person needs.

    >>> from calculators.fields import Field, Kind
    >>> limits_text(Field("months", "期数", Kind.INTEGER, "12", minimum=Decimal(1),
    ...                   maximum=Decimal(600)))
    '可填 1 到 600'
    """
    low, high = field.minimum, field.maximum
    if low is not None and high is not None and not field.exclusive_minimum:
        return f"可填 {_number(low)} 到 {_number(high)}"
    parts = []
    if low is not None and field.exclusive_minimum:
        parts.append(f"需大于 {_number(low)}")
    elif low is not None and low != 0:
        parts.append(f"至少 {_number(low)}")
    if high is not None:
        parts.append(f"最多 {_number(high)}")
    return "，".join(parts)


def _says_limits(field: Field) -> bool:
    """Whether the help sentence already gives the range ("1 到 600"), so it is not repeated."""
    text = field.help.replace(" ", "")
    low, high = field.minimum, field.maximum
    if low is not None and high is not None:
        return f"{_number(low)}到{_number(high)}" in text
    if low is not None and field.exclusive_minimum:
        return f"大于{_number(low)}" in text
    return False


def _ids(key: str, field: Field) -> tuple[str, str, str]:
    base = f"calc-{key}-{field.name}"
    return base, f"{base}-help", f"{base}-error"


def _control(key: str, field: Field, value: str) -> str:
    input_id, help_id, error_id = _ids(key, field)
    described = f"{help_id} {error_id}"
    common = (
        f'id="{esc(input_id)}" name="{esc(field.name)}" '
        f'aria-describedby="{esc(described)}" data-default="{esc(field.default)}"'
    )
    if field.saved_as:
        common += f' data-saved-as="{esc(field.saved_as)}"'
    if field.personal:
        common += " data-personal"
    if field.device_today:
        common += " data-today"
    if field.required and field.kind not in (Kind.FLAG, Kind.CHOICE):
        common += ' aria-required="true"'
    if field.kind is Kind.CHOICE:
        options = []
        for option_value, option_label in field.choices:
            selected = " selected" if option_value == value else ""
            options.append(
                f'<option value="{esc(option_value)}"{selected}>{esc(option_label)}</option>'
            )
        return f"<select {common}>{''.join(options)}</select>"
    if field.kind is Kind.FLAG:
        checked = " checked" if value.strip().lower() in _TRUE else ""
        return f'<input type="checkbox" value="1" {common}{checked}>'
    if field.kind is Kind.LINES:
        rows = min(max(4, value.count("\n") + 2), 12)
        return (
            f'<textarea rows="{rows}" autocomplete="off" spellcheck="false" '
            f'maxlength="{MAX_LINES_TEXT}" {common}>{esc(value)}</textarea>'
        )
    if field.kind is Kind.DATE:
        return f'<input type="date" value="{esc(value)}" {common}>'
    inputmode = _INPUTMODE.get(field.kind, "text")
    return (
        f'<input type="text" inputmode="{inputmode}" autocomplete="off" spellcheck="false" '
        f'enterkeyhint="done" maxlength="{MAX_TEXT}" value="{esc(value)}" {common}>'
    )


def field_html(key: str, field: Field, value: str) -> str:
    """One `.calc-field`: label, control with its unit, help line and (hidden) error line."""
    input_id, help_id, error_id = _ids(key, field)
    label = esc(field.label)
    if not field.required and field.kind is not Kind.FLAG:
        label += '<span class="calc-optional">（选填）</span>'
    limits = limits_text(field)
    help_html = esc(field.help)
    if limits and not _says_limits(field):
        space = " " if field.help else ""
        help_html += f'{space}<span class="calc-limits">{esc(limits)}。</span>'
    unit = f'<span class="calc-unit">{esc(field.unit)}</span>' if field.unit else ""
    kind = esc(field.kind.value)
    if field.kind is Kind.CASE:
        from calculators.web.caseform import editor_html

        return (
            f'<div class="calc-field calc-field-case" data-field="{esc(field.name)}" '
            f'data-kind="{kind}">{editor_html(field, value, input_id, f"{help_id} {error_id}")}'
            f'<p class="calc-help" id="{esc(help_id)}">{help_html}</p>'
            f'<p class="calc-error" id="{esc(error_id)}" hidden></p></div>'
        )
    control = _control(key, field, value)
    if field.rows:
        text_box = (
            f'<label for="{esc(input_id)}">{esc(field.label)}（文字）</label>'
            f'<div class="calc-input">{control}</div>'
        )
        head = rows_html(field, value, text_box, f"{help_id} {error_id}")
    elif field.kind is Kind.FLAG:
        # A checkbox reads best with its label after it, and the whole line is the tap target.
        head = (
            f'<div class="calc-input calc-input-flag">{control}'
            f'<label for="{esc(input_id)}">{label}</label></div>'
        )
    else:
        head = (
            f'<label for="{esc(input_id)}">{label}</label>'
            f'<div class="calc-input">{control}{unit}</div>'
        )
    return (
        f'<div class="calc-field" data-field="{esc(field.name)}" data-kind="{kind}">'
        f"{head}"
        f'<p class="calc-help" id="{esc(help_id)}">{help_html}</p>'
        f'<p class="calc-error" id="{esc(error_id)}" hidden></p>'
        "</div>"
    )


def share_query(fields: Sequence[Field], values: Mapping[str, str]) -> str:
    """ "#principal=100000&months=36": the inputs in the link's fragment, which browsers never
    send to the host (the page reads it, and still reads the older "?..." form). Personal
    details (`Field.personal`) are never in it: a link carries numbers."""
    pairs = [(f.name, values.get(f.name, f.default)) for f in fields if not f.personal]
    return "#" + urlencode(pairs)


# Every sentence the browser bridge (docs/assets/calc/bridge.js) shows, kept here so that the
# Traditional edition gets them converted with the rest of the widget: the bridge carries no
# Chinese of its own. It reads them as data-msg-* attributes; "{names}" is filled in by it.
MESSAGES = {
    "starting": "计算器正在启动……下面的结果是按默认数字算出的。",
    "starting-stale": "计算器正在启动，启动后按你填的数字重新计算……",
    "failed": "计算器没能启动，可能是网络不稳定。下面的结果是按默认数字算出的。",
    "retry": "重试",
    "broken": "这次没能算出结果，请检查填写的数字，或刷新页面再试。",
    "invalid": "请先改正标出的输入，下面的结果还是改之前的。",
    "copied": "已复制。",
    "copy-failed": "没能自动复制，请选中文字后手动复制。",
    "link-copied": "链接已复制。打开这个链接，会看到现在填的这些数字。",
    "link-copy-failed": "没能自动复制，请长按或选中下面的链接复制：",
    "separator": "、",  # between the names in a list the bridge writes into a sentence
    "unknown-param": (
        "链接里的 {names} 不是这个计算器的输入项，可能是拼写有误，已忽略。请核对下面的数字。"
    ),
    "csv-waiting": "计算器还在启动，启动后会自动下载表格……",
    "csv-failed": "表格要等计算器启动后才能生成，但计算器没能启动。可以点“重试”，或刷新页面。",
    "csv-invalid": "请先改正标出的输入，改正后才能下载表格。",
    "csv-broken": "这次没能算出结果，所以没有表格可下载。请检查填写的数字，或刷新页面再试。",
    "file-waiting": "计算器还在启动，启动后会自动下载……",
    "file-failed": "文件要等计算器启动后才能生成，但计算器没能启动。可以点“重试”，或刷新页面。",
    "file-invalid": "请先改正标出的输入，改正后才能下载。",
    "letter-kept": "你改过这封信：数字变了，但你的修改保留着，信里的数字可能还是旧的。",
    "letter-regenerate": "按新的数字重新生成（会替换你的修改）",
    "saved": "已保存在这台设备上。以后在这台设备上打开本站，这些数字会自动填上。",
    "cleared": "已清除这台设备上保存的数据。",
    "nothing-saved": "这台设备上没有保存的数据。",
    "exported": "已导出。文件里有你的欠款和收支，请放在安全的地方。",
    "imported": "已导入，下面的数字来自这个文件，并保存在这台设备上。",
    "import-waiting": "计算器还在启动，启动后会检查并导入这个文件……",
    "import-failed": "计算器没能启动，现在没法检查这个文件，请刷新页面再试。",
    # While the runtime downloads ({loaded}, {total}: "3.2 MB"; {percent}: "25%"), on a slow or
    # metered link before it starts ({size}), and once the site is kept for offline use.
    "downloading": "正在下载计算器：已收到 {loaded}，共约 {total}（{percent}）。下载完会自动计算。",
    "slow-link": (
        "你的网络较慢或开着省流量，计算器还没有下载（约 {size}）。"
        "下面的结果是按默认数字算出的；改任何一个数字，或点下面的按钮，就开始下载。"
    ),
    "start-download": "现在下载（约 {size}）",
    "offline-ready": "本站已存到这台设备上，没有网络时也能打开，计算器也能用。",
    "storage-blocked": (
        "这个浏览器不让网页保存数据（可能是无痕模式，或存储空间满了），数字没有保存。"
    ),
    # A paper (a letter, the plan, a statement, a table, a calendar) is not printed, copied or
    # downloaded while the form has an error or its answer is not back yet: said next to the
    # button pressed.
    "paper-invalid": "现在不能打印、复制或下载：上面有标出的输入要改正，下面的内容还是改之前的。",
    "paper-waiting": "正在按你填的内容重新生成，生成好以后再点一次。",
    # The reader's kept case (calculators/casefill.py): "{label}", "{before}", "{after}" and
    # "{why}" are filled in by the page.
    "case-differs": (
        "这一页的数字和你保存的方案不一样。只是试试别的数字的话，不用管它；方案不会改。"
    ),
    "case-save": "存进我的方案",
    "case-preview": "存进方案以后，会改动这些：",
    "case-change": "{label}：{before} → {after}",
    "case-kept-out": "（不会存：{why}）",
    "case-blank": "空着",
    "case-confirm": "确定存进方案",
    "case-cancel": "不存",
    "case-saved": "已存进你的方案。",
    "case-not-saved": "没有存，你的方案没有改动。",
    "case-other": "其他（不在我的方案里）",
    "case-unfit": "（这封信一般不写给这一家）",
    "case-migrated": "以前保存的数据已经换成新的格式，内容都在。",
}


# Shown over a result that no longer matches the form (an input error, or an answer still
# being made): the page's CSS shows it from this attribute, the paper below stays visible.
STALE_PAPER = "下面是改之前的结果，已经过期，不能打印或下载：先改正上面标出的输入。"
WAITING_PAPER = "下面还不是按你填的内容算出的结果，正在重新计算……"


def _case_pick(key: str) -> str:
    """写给哪一家？: the reader's debts, filled in by the page from their kept case."""
    pick_id = f"calc-{key}-case-pick"
    return (
        '<div class="calc-case-pick" hidden>'
        f'<label for="{esc(pick_id)}">写给哪一家？</label>'
        f'<div class="calc-input"><select id="{esc(pick_id)}" data-case-pick></select></div>'
        '<p class="calc-help">从你保存的方案里选一家，信就按这一笔的数字和你的信息填好；'
        "写给方案以外的机构，选“其他”。</p></div>"
    )


def _messages_html() -> str:
    words = " ".join(w for w in YES_WORDS if w)
    return "".join(f' data-msg-{key}="{esc(text)}"' for key, text in MESSAGES.items()) + (
        f' data-yes-words="{esc(words)}"'
    )


def widget_html(
    calc: str | Calculator,
    values: Mapping[str, str],
    *,
    key: str | None = None,
    lang: str = "zh-Hans",
) -> str:
    """The whole widget for calculator `calc` (or its name, looked up here once), filled with
    `values` (missing ones: defaults).

    `key` (default: the calculator's name) makes the element ids unique when one page shows
    the same calculator twice. `lang` "zh-Hant" draws it for the Traditional edition: the same
    HTML with its text (labels, units, help, limits, values shown in the boxes) converted by
    the catalog, and the result rendered in Traditional, as the browser will render it.
    Raises an InputError (a ValueError, with a sentence) when there is no such calculator
    (`UnknownCalculator`, also a KeyError) or it rejects `values` (a build must not ship a
    widget whose first result is an error). The values shown are those `render` used: what
    follows from what was given (apr's mode) is inferred before the defaults fill the rest,
    exactly as in the browser.
    """
    from calculators.web import hant, rendered

    if isinstance(calc, str) and calc in registry.NAMES:
        calc = registry.get(calc)
    elif not isinstance(calc, Calculator):
        raise UnknownCalculator(calc)
    name = calc.name
    result, filled = rendered(calc, values, lang)
    if not result.get("ok"):
        field, message = str(result.get("field")), str(result.get("message"))
        raise InputError(field, f"calculator {name!r} rejects its inputs: {field}: {message}")
    key = key or name
    # In Traditional, what the boxes show (converted below with the rest of the form) and
    # the share link carry the Traditional text (render's `inputs`); render reads it back
    # (hant.input_forms).
    share = share_query(calc.fields, result["inputs"])
    basic = [f for f in calc.fields if not f.advanced]
    advanced = [f for f in calc.fields if f.advanced]
    parts = [
        # A <section>, a tag used nowhere inside: the theme's search indexer matches elements
        # by tag name only, so the first inner <div> to close would end a <div>'s exclusion
        # and leak the rest of the widget into the index (and crash it on a <li><div>).
        f'<section class="calc" data-calc="{esc(name)}" data-state="static" data-search-exclude'
        f"{_messages_html()}>",
        f'<form class="calc-form" novalidate aria-label="{esc(calc.title)}计算器">',
        '<div class="calc-fields">',
        *(field_html(key, f, filled[f.name]) for f in basic),
        "</div>",
    ]
    if advanced:
        parts += [
            '<details class="calc-advanced"><summary>更多选项</summary>',
            '<div class="calc-fields">',
            *(field_html(key, f, filled[f.name]) for f in advanced),
            "</div></details>",
        ]
    if any(f.saved_as.startswith("debt.") for f in calc.fields):
        parts.insert(parts.index('<div class="calc-fields">', 1), _case_pick(key))
    parts += ["</form>"]
    if any(f.saved_as for f in calc.fields):
        parts.append(save_bar())
    parts += [
        '<noscript><p class="calc-noscript">你的浏览器没有开启 JavaScript，'
        "下面是按默认数字算出的结果。开启 JavaScript 后可以填自己的数字。</p></noscript>",
        '<div class="calc-status" role="status"></div>',
        *(
            ['<div class="calc-case-bar" role="region" aria-live="polite" hidden></div>']
            if any(f.saved_as and f.kind is not Kind.CASE for f in calc.fields)
            else []
        ),
        '<div class="calc-result" aria-live="polite" aria-atomic="false"'
        f' data-msg-stale="{esc(STALE_PAPER)}" data-msg-waiting="{esc(WAITING_PAPER)}">',
        str(result["html"]),
        "</div>",
        '<div class="calc-actions">',
        f'<a class="calc-action" data-action="share" href="{esc(share)}">复制链接</a>',
        *(
            ['<button type="button" class="calc-action" data-action="csv">下载表格（CSV）</button>']
            if result.get("csv")
            else []
        ),
        '<button type="button" class="calc-action" data-action="print">打印</button>',
        "</div>",
        "</section>",
    ]
    if lang == hant.HANT:
        # Everything but the result, which `render` has already converted: text is converted
        # exactly once (a second pass is not safe: 若干 -> 若幹 through the character table).
        at = parts.index(str(result["html"]))
        return (
            hant.to_hant("".join(parts[:at])) + parts[at] + hant.to_hant("".join(parts[at + 1 :]))
        )
    return "".join(parts)
