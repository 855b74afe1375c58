"""The calculator page's forms and the developer page's tables, generated from the contract.

``{{ calculator_forms }}`` in a page's Markdown becomes the calculator: its status line, its
load-error box and one ``<form data-tool="…">`` per command of ``calculator.contract.COMMANDS``,
with an input per field named as the contract names it (dates as ``<input type="date">``,
amounts and counts as text with a numeric keyboard, flags as checkboxes), the field's prompt
as its label, and a slot ``data-error-for`` for its error message. So a field added to the
contract appears on the page without any hand-written HTML.

``{{ contract_tables }}`` becomes the developer page's tables: every command with its fields,
CLI options and examples, the rules with their thresholds, and the statuses.
"""

from __future__ import annotations

import re
from html import escape

from calcdocs.errors import PlaceholderError
from calculator.contract import (
    COMMANDS,
    COUNT_THRESHOLDS,
    RULE_LABELS,
    STATUS_LABELS,
    Command,
    Field,
    Group,
    Kind,
    RuleId,
)

_PLACEHOLDER = re.compile(r"\{\{\s*(calculator_forms|contract_tables)\s*\}\}")
_INPUT_MODES = {Kind.AMOUNT: "decimal", Kind.COUNT: "numeric"}
_KIND_ZH = {Kind.DATE: "日期", Kind.AMOUNT: "金额（元）", Kind.COUNT: "次数", Kind.FLAG: "是/否"}


def _attrs(**attrs: str | bool) -> str:
    parts = []
    for name, value in attrs.items():
        if value is False or value == "":
            continue
        key = name.rstrip("_").replace("_", "-")
        parts.append(key if value is True else f'{key}="{escape(str(value))}"')
    return " ".join(parts)


def _field(tool: str, field: Field) -> str:
    ident = f"{tool}-{field.name.replace('_', '-')}"
    error = f'<p class="calc-error" id="{ident}-error" data-error-for="{field.name}" aria-live="polite"></p>'
    if field.kind is Kind.FLAG:
        box = _attrs(type="checkbox", id=ident, name=field.name, aria_describedby=f"{ident}-error")
        return f'<div class="calc-check"><input {box}><label for="{ident}">{escape(field.asks)}</label>{error}</div>'
    label = escape(field.asks) + (f"（{escape(field.hint)}）" if field.hint else "")
    if field.kind is Kind.DATE:
        # min/max keep the year to four digits, so that 2026/5/15 typed into the date input
        # moves on from the year instead of making it 202651
        kind = _attrs(type="date", min="0001-01-01", max="9999-12-31")
    else:
        kind = _attrs(type="text", inputmode=_INPUT_MODES[field.kind], autocomplete="off", spellcheck="false")
    control = _attrs(
        id=ident,
        name=field.name,
        value=field.default,
        placeholder=field.placeholder,
        required=field.required,
        data_default="today" if field.today else "",
        aria_describedby=f"{ident}-error",
    )
    return f'<div class="calc-field"><label for="{ident}">{label}</label><input {kind} {control}>{error}</div>'


def _group(tool: str, group: Group) -> str:
    inner = "".join(_field(tool, field) for field in group.fields)
    if not group.legend:
        return inner
    checks = ' class="calc-checks"' if all(f.kind is Kind.FLAG for f in group.fields) else ""
    return f"<fieldset{checks}><legend>{escape(group.legend)}</legend>{inner}</fieldset>"


def _form(command: Command) -> str:
    tool = command.name
    return f"""
<section class="calc-tool" id="{tool}" aria-labelledby="{tool}-title">
<h2 id="{tool}-title">{escape(command.title)}</h2>
<p class="calc-hint">{escape(command.hint)}</p>
<form data-tool="{tool}" novalidate>
{"".join(_group(tool, group) for group in command.groups)}
<p class="calc-error" data-form-error aria-live="polite"></p>
<div class="calc-actions">
<button type="submit" class="md-button md-button--primary">{escape(command.button)}</button>
<button type="reset" class="md-button">清空</button>
</div>
<div class="calc-result" data-result aria-live="polite"></div>
</form>
</section>"""


def calculator_html() -> str:
    """The whole calculator: status, errors, the jump links and one form per command."""
    jump = "".join(f'<a href="#{c.name}">{escape(c.title)}</a>' for c in COMMANDS.values())
    forms = "".join(_form(command) for command in COMMANDS.values())
    return f"""<div class="calc" data-calculator data-state="loading" markdown="0">
<div class="calc-top">
<p class="calc-noscript admonition warning">这个计算器需要启用 JavaScript。
本站的文档不需要 JavaScript，可以照常阅读。</p>
<div class="calc-status">
<progress data-progress max="1" value="0" aria-label="计算器加载进度"></progress>
<ol class="calc-steps">
<li data-step="download">下载计算器</li>
<li data-step="start">准备计算</li>
<li data-step="ready">就绪</li>
</ol>
<p data-status-text role="status">正在准备计算器：第一次要下载，之后可离线使用。可以先填表。</p>
<p class="calc-bytes" data-bytes></p>
</div>
</div>
<div class="calc-load-error admonition failure" data-load-error role="alert" hidden>
<p class="admonition-title">计算器没能加载</p>
<p data-load-error-text></p>
<p>请检查网络后点“重试”：已经下载的部分会保留，不用从头再来。本站的文档照常可用。</p>
<p><button type="button" class="md-button md-button--primary" data-retry>重试</button></p>
</div>
<p class="calc-link-error admonition warning" data-link-error role="alert" hidden></p>
<nav class="calc-jump" aria-label="选择计算">{jump}</nav>
{forms}
</div>"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def contract_tables() -> str:
    """Markdown tables of the contract, for docs/developers.md."""
    out = []
    for command in COMMANDS.values():
        out += [
            f"### `{command.name}`：{command.summary}",
            "",
            "| 字段（JSON / 表单） | 命令行选项 | 类型 | 必填 | 说明 |",
            "| --- | --- | --- | --- | --- |",
        ]
        for field in command.fields:
            default = "今天（北京时间）" if field.today else field.default
            note = field.help + (f"；默认 {default}" if default and default not in field.help else "")
            required = "是" if field.required else "否"
            out.append(
                f"| `{field.name}` | `{field.cli_option}` | {_KIND_ZH[field.kind]} | {required} | {_cell(note)} |"
            )
        examples = [
            " ".join(f"{f.cli_option} {ex[f.name]}" for f in command.fields if f.name in ex) for ex in command.examples
        ]
        out += ["", "例子：", ""] + [f"    python -m calculator {command.name} {ex}" for ex in examples] + [""]
    out += [
        "### 规则与状态",
        "",
        "| 规则 id | 名称 | 有风险 | 已触发 | 来源的说法 |",
        "| --- | --- | --- | --- | --- |",
    ]
    for rule in RuleId:
        row = COUNT_THRESHOLDS.get(rule)
        risk, hit = (f"{row.at_risk} 次", f"{row.triggered} 次及以上") if row else ("见下文", "见下文")
        source = _cell(row.source) if row else "见下文"
        out.append(f"| `{rule.value}` | {RULE_LABELS[rule]} | {risk} | {hit} | {source} |")
    out += ["", "| 状态 | 页面上显示为 |", "| --- | --- |"]
    out += [f"| `{status.value}` | {label} |" for status, label in STATUS_LABELS.items()]
    return "\n".join(out) + "\n"


def fill(markdown: str) -> str:
    """``markdown`` with ``{{ calculator_forms }}`` and ``{{ contract_tables }}`` filled in."""

    def replace(match: re.Match[str]) -> str:
        if match.group(1) == "calculator_forms":
            return calculator_html()
        return contract_tables()

    result = _PLACEHOLDER.sub(replace, markdown)
    if "{{ calculator_forms" in result or "{{ contract_tables" in result:
        raise PlaceholderError("占位符写法有误：应为 {{ calculator_forms }} 或 {{ contract_tables }}")
    return result
