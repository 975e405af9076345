"""calculators/web/widget.py: the form drawn from the Field definitions, and its escaping."""

from __future__ import annotations

import re
from decimal import Decimal
from html.parser import HTMLParser
from urllib.parse import parse_qsl

import pytest

from calculators import NAMES, registry
from calculators.fields import YES_WORDS, Field, Kind
from calculators.money import MAX_LINES_TEXT, MAX_TEXT
from calculators.web import render
from calculators.web.widget import MESSAGES, field_html, limits_text, share_query, widget_html

VOID = {"input", "br", "img", "hr", "meta", "link", "source", "wbr", "col", "path", "line"}


class Tree(HTMLParser):
    """Collects start tags with attributes, and checks that elements nest properly."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1:]}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def find(self, tag: str, **attrs: str) -> list[dict[str, str | None]]:
        return [
            a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())
        ]


def parse(html: str) -> Tree:
    tree = Tree()
    tree.feed(html)
    tree.close()
    assert tree.stack == [], f"unclosed: {tree.stack}"
    return tree


@pytest.mark.parametrize("name", NAMES)
def test_every_calculator_has_a_well_formed_widget(name: str) -> None:
    html = widget_html(name, {})
    tree = parse(html)
    tag, attrs = tree.tags[0]
    messages = {k: v for k, v in attrs.items() if k.startswith("data-msg-")}
    assert (tag, {k: v for k, v in attrs.items() if k not in messages}) == (
        "section",
        {
            "class": "calc",
            "data-calc": name,
            "data-state": "static",
            "data-search-exclude": None,
            # How a link says yes to a checkbox: the parser's own words (calculators.fields).
            "data-yes-words": " ".join(w for w in YES_WORDS if w),
        },
    )
    # The bridge's sentences travel with the widget (converted with it in zh-Hant).
    assert messages == {f"data-msg-{k}": v for k, v in MESSAGES.items()}
    ids = [a["id"] for _, a in tree.tags if "id" in a]
    assert len(ids) == len(set(ids))
    for field in registry.get(name).fields:
        control_id = f"calc-{name}-{field.name}"
        assert tree.find("label", **{"for": control_id}), field.name
        (control,) = [a for _, a in tree.tags if a.get("id") == control_id]
        assert control["name"] == field.name
        assert control["aria-describedby"] == f"{control_id}-help {control_id}-error"
        assert tree.find("p", id=f"{control_id}-error", hidden="") or tree.find(
            "p", id=f"{control_id}-error"
        )
    assert tree.find("form", **{"class": "calc-form"})
    assert tree.find("div", **{"class": "calc-status", "role": "status"})
    assert tree.find("div", **{"class": "calc-result", "aria-live": "polite"})
    assert tree.find("a", **{"data-action": "share"})
    assert tree.find("button", **{"data-action": "print", "type": "button"})


@pytest.mark.parametrize("name", NAMES)
def test_the_prerendered_result_is_renders_result_for_the_defaults(name: str) -> None:
    result = render(name, {})
    assert result["ok"]
    html = widget_html(name, {})
    assert re.search(
        r'<div class="calc-result" aria-live="polite" aria-atomic="false"[^>]*>'
        + re.escape(result["html"])
        + "</div>",
        html,
    )
    assert ('data-action="csv"' in html) == bool(result.get("csv"))


def test_values_fill_the_form_and_the_result() -> None:
    html = widget_html("budget", {"income": "10000"})
    assert 'value="10000"' in html
    assert render("budget", {"income": "10000"})["html"] in html


def test_inputmode_follows_the_kind() -> None:
    tree = parse(widget_html("schedule", {}))
    assert tree.find("input", name="principal")[0]["inputmode"] == "decimal"
    assert tree.find("input", name="months")[0]["inputmode"] == "numeric"
    assert tree.find("input", name="annual_rate")[0]["inputmode"] == "decimal"


def test_choice_is_a_select_with_the_value_selected() -> None:
    html = widget_html("schedule", {"method": "equal_principal"})
    tree = parse(html)
    (select,) = tree.find("select", name="method")
    assert select["id"] == "calc-schedule-method"
    assert '<option value="equal_principal" selected>' in html


def test_flag_is_a_checkbox_with_its_label_after_it() -> None:
    tree = parse(widget_html("negotiate", {"waive_penalty": "1"}))
    (box,) = tree.find("input", name="waive_penalty")
    assert box["type"] == "checkbox" and box["value"] == "1" and "checked" in box
    tree = parse(widget_html("negotiate", {"waive_penalty": "0"}))
    assert "checked" not in tree.find("input", name="waive_penalty")[0]


def test_lines_is_a_textarea() -> None:
    tree = parse(widget_html("payoff", {}))
    (area,) = tree.find("textarea", name="debts")
    assert area["id"] == "calc-payoff-debts"


def test_advanced_fields_sit_in_a_collapsed_details() -> None:
    html = widget_html("schedule", {})
    advanced = html[html.index('<details class="calc-advanced">') :]
    assert "<summary>更多选项</summary>" in advanced
    assert 'name="upfront_fee"' in advanced
    assert 'name="principal"' not in advanced


def test_date_field_is_a_date_input() -> None:
    tree = parse(widget_html("apr", {}))
    assert tree.find("input", name="contract_date")[0]["type"] == "date"


def test_everything_typed_is_escaped() -> None:
    evil = '"><script>alert(1)</script><b x="'
    lines = Field("debts", "债务", Kind.LINES, "")
    html = field_html("x", lines, "a</textarea><script>alert(1)</script>")
    assert "<script>" not in html and html.count("</textarea>") == 1
    field = Field("note", "备注<b>", Kind.MONEY, "1", unit="元<i>", help="说明 & <u>")
    out = field_html("x", field, evil)
    assert "<script>" not in out and "<b>" not in out and "<i>" not in out and "<u>" not in out
    tree = parse(out)
    assert tree.find("input", name="note")[0]["value"] == evil
    assert "备注<b>" in "".join(tree.text)


def test_share_link_carries_every_input() -> None:
    query = share_query(registry.get("budget").fields, {"income": "9000"})
    assert dict(parse_qsl(query[1:])) == {
        "income": "9000",
        "essential_expenses": registry.defaults("budget")["essential_expenses"],
        "debt_payments": registry.defaults("budget")["debt_payments"],
    }
    html = widget_html("budget", {"income": "9000"})
    # In the fragment, which browsers never send to the host.
    assert 'href="#income=9000&amp;' in html


@pytest.mark.parametrize(
    ("field", "text"),
    [
        (
            Field("m", "期数", Kind.INTEGER, "1", minimum=Decimal(1), maximum=Decimal(600)),
            "可填 1 到 600",
        ),
        (
            Field("p", "本金", Kind.MONEY, "1", minimum=Decimal(0), exclusive_minimum=True),
            "需大于 0",
        ),
        (Field("e", "开支", Kind.MONEY, "1", minimum=Decimal(0)), ""),
        (Field("r", "利率", Kind.RATE, "1", maximum=Decimal("36.0")), "最多 36"),
        (Field("d", "天数", Kind.INTEGER, "1", minimum=Decimal(1)), "至少 1"),
    ],
)
def test_limits_in_words(field: Field, text: str) -> None:
    assert limits_text(field) == text
    out = field_html("x", field, "1")
    assert (f'<span class="calc-limits">{text}。</span>' in out) == bool(text)


def test_optional_fields_say_so() -> None:
    field = Field("fee", "手续费", Kind.MONEY, "", required=False)
    out = field_html("x", field, "")
    assert "（选填）" in out and "aria-required" not in out
    assert 'aria-required="true"' in field_html("x", Field("a", "本金", Kind.MONEY, "1"), "1")


def test_unknown_calculator_raises() -> None:
    with pytest.raises(KeyError):
        widget_html("mortgage", {})


def test_defaults_that_the_calculator_rejects_fail_the_build() -> None:
    with pytest.raises(ValueError, match="rejects its inputs: income"):
        widget_html("budget", {"income": "abc"})


def test_limits_are_not_repeated_when_the_help_gives_them() -> None:
    months = Field(
        "m", "期数", Kind.INTEGER, "1", minimum=Decimal(1), maximum=Decimal(600), help="1 到 600。"
    )
    assert "calc-limits" not in field_html("x", months, "1")
    principal = Field(
        "p", "本金", Kind.MONEY, "1", minimum=Decimal(0), exclusive_minimum=True, help="要大于 0。"
    )
    assert "calc-limits" not in field_html("x", principal, "1")


def test_number_boxes_and_text_have_a_maximum_length() -> None:
    tree = parse(widget_html("schedule", {}))
    assert tree.find("input", name="principal")[0]["maxlength"] == str(MAX_TEXT)
    tree = parse(widget_html("payoff", {}))
    assert tree.find("textarea", name="debts")[0]["maxlength"] == str(MAX_LINES_TEXT)


def test_saved_fields_carry_their_key_and_the_save_bar() -> None:
    html = widget_html("budget", {})
    tree = parse(html)
    assert tree.find("input", name="income")[0]["data-saved-as"] == "budget.income"
    assert tree.find("input", **{"data-save-toggle": None})
    assert "保存在这台设备上（不会上传）" in html
    for action in ("clear", "export", "import"):
        assert tree.find("button", **{"data-save-action": action})
    # A calculator with nothing to keep has no save bar.
    assert "data-save-toggle" not in widget_html("schedule", {})


def test_a_debt_list_is_drawn_as_rows_over_its_text() -> None:
    html = widget_html("payoff", {})
    tree = parse(html)
    rows = tree.find("li", **{"class": "calc-row"})
    assert len(rows) == 4  # the default's three lines (the older 4-column form), the template
    names = [a["value"] for a in tree.find("input", **{"data-col": "0"})]
    assert names == ["信用卡", "网贷甲", "网贷乙", ""]  # the last is the template's blank row
    balances = [a["value"] for a in tree.find("input", **{"data-col": "2"})]
    assert balances[:3] == ["3000", "8000", "12000"]
    assert tree.find("button", **{"data-row-action": "add"})
    assert len(tree.find("button", **{"data-row-action": "remove"})) == 4
    assert "共 3 笔" in html and 'data-legacy="0,2,3,4"' in html
    assert '<details class="calc-rows-text">' in html  # the text box, closed


def test_text_the_rows_cannot_hold_stays_as_open_text() -> None:
    from calculators.web.rows import rows_html

    field = registry.get("allocate").fields[0]
    out = rows_html(field, "甲,1,2", "<textarea></textarea>", "h e")
    assert '<details class="calc-rows-text" open>' in out and "共 0 笔" in out


@pytest.mark.parametrize("name", NAMES)
def test_the_search_index_leaves_every_widget_out(name: str) -> None:
    """The theme's indexer matches excluded elements by tag name only: no inner element may
    share the widget's own tag, or the first one to close would end the exclusion."""
    from material.plugins.search.plugin import Parser

    parser = Parser()
    parser.feed("<h1 id='t'>T</h1><p>前文</p>" + widget_html(name, {}) + "<p>后文</p>")
    parser.close()
    text = "".join("".join(section.text) for section in parser.data)
    assert text == "<p>前文</p><p>后文</p>"


# --- issue 20, item 17: a share link carries numbers, never personal details ------------------

PERSONAL = {"name", "id_tail", "account", "phone", "send_to"}


def test_the_personal_fields_are_marked_in_python_and_in_the_markup() -> None:
    """A name, the ID card's and the account's last digits, a phone number, an address: marked
    `personal` where they are declared, and the box says so to the browser."""
    marked = {f.name for name in NAMES for f in registry.get(name).fields if f.personal}
    assert marked == PERSONAL
    for name in NAMES:
        tree = parse(widget_html(name, {}))
        for field in registry.get(name).fields:
            (box,) = [a for t, a in tree.tags if a.get("name") == field.name and t != "fieldset"]
            assert ("data-personal" in box) == field.personal, (name, field.name)


def test_the_prerendered_share_link_leaves_personal_details_out() -> None:
    values = {"name": "王小明", "id_tail": "123X", "account": "6688", "phone": "13800001234"}
    for name in NAMES:
        fields = registry.get(name).fields
        if not any(f.personal for f in fields):
            continue
        pairs = dict(parse_qsl(share_query(fields, values)[1:], keep_blank_values=True))
        assert pairs and not PERSONAL & set(pairs), name
        assert not any(v in share_query(fields, values) for v in ("王小明", "13800001234"))
        html = widget_html(name, {k: v for k, v in values.items() if k in {f.name for f in fields}})
        share = [a["href"] for t, a in parse(html).tags if a.get("data-action") == "share"]
        assert share and "13800001234" not in share[0] and "%E7%8E%8B" not in share[0], name


def test_the_save_bar_says_how_big_a_file_may_be_and_what_each_part_is() -> None:
    import json

    from calculators.case import MAX_FILE, PARTS, empty, validate

    (bar,) = [a for t, a in parse(widget_html("budget", {})).tags if a.get("class") == "calc-save"]
    assert bar["data-save-max"] == str(MAX_FILE)
    labels = json.loads(bar["data-save-labels"] or "{}")
    # Every part of the case a reader could see change, named (format and version are not, nor
    # the display settings, which an import leaves as they are: store.js write()).
    assert set(labels) == set(PARTS) - {"format", "version", "display"} and all(labels.values())
    # The empty case a first tick keeps: Python's own, valid.
    assert validate(bar["data-save-empty"] or "") == empty()
    for key in ("import-ask", "import-yes", "import-no", "import-undo", "import-too-big"):
        assert bar[f"data-msg-{key}"], key
    assert "{items}" in (bar["data-msg-import-ask"] or "")
    # Beside clear: clear and remove the offline copy too (item 18).
    actions = [
        a["data-save-action"]
        for _, a in parse(widget_html("budget", {})).tags
        if "data-save-action" in a
    ]
    assert actions[actions.index("clear") + 1] == "forget"
