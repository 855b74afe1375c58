"""Short Chinese answers for people, made from the JSON answer (CLI and page alike)."""

from __future__ import annotations

from typing import Any

from .dates import format_date_zh

STATUS_ZH = {"ok": "正常", "at_risk": "有风险", "triggered": "已触发"}
RULE_ZH = {
    "deposit": "自缴保证金",
    "complaints": "有效投诉",
    "fake_transactions": "虚假交易",
    "disputes": "有责纠纷",
    "false_materials": "材料不实",
    "sales_target": "销售指标",
    "other": "其他严重违规",
}


def render(command: str, answer: dict[str, Any]) -> str:
    """The answer as a few lines of Chinese.

    >>> print(render("notice", {"exit_on": "2026-12-31", "apply_by": "2026-12-16",
    ...                         "on": "2026-12-01", "days_left": 15, "in_time": True}))
    想在 2026年12月31日（星期四） 退出，最晚在 2026年12月16日（星期三） 提出申请。
    距最晚申请日还有 15 天。
    """
    return "\n".join(_RENDERERS[command](answer))


def _exit(a: dict[str, Any]) -> list[str]:
    lines = [f"申请日：{format_date_zh(a['applied'])}", f"退出日：{format_date_zh(a['exit_date'])}"]
    if a["basis"] == "confirmed":
        lines.append(
            f"依据：阿里巴巴确认的日期，比第 15 日（{format_date_zh(a['fifteenth_day'])}）"
            f"早 {a['days_early']} 天。"
        )
    else:
        lines.append("依据：申请后的第 15 日（申请当天不算）。")
    return lines


def _notice(a: dict[str, Any]) -> list[str]:
    lines = [f"想在 {format_date_zh(a['exit_on'])} 退出，最晚在 {format_date_zh(a['apply_by'])} 提出申请。"]
    if a["in_time"]:
        lines.append(f"距最晚申请日还有 {a['days_left']} 天。")
    else:
        lines.append("按 15 天通知期已来不及；只有阿里巴巴确认更早的日期，才能在这一天退出。")
    return lines


def _reentry(a: dict[str, Any]) -> list[str]:
    lines = [
        f"退出日：{format_date_zh(a['exit_date'])}",
        f"禁止重新加入的最后一天：{format_date_zh(a['ban_last_day'])}",
        f"最早可重新加入：{format_date_zh(a['earliest_rejoin'])}",
    ]
    if a["eligible"]:
        lines.append(f"截至 {format_date_zh(a['on'])}：已可以重新申请加入。")
    else:
        lines.append(f"截至 {format_date_zh(a['on'])}：还需等待 {a['days_left']} 天。")
    return lines


def _risk(a: dict[str, Any]) -> list[str]:
    lines = [f"截至 {format_date_zh(a['on'])}，总体：{STATUS_ZH[a['level']]}"]
    for rule in a["rules"]:
        lines.append(f"- {RULE_ZH[rule['id']]}：{STATUS_ZH[rule['status']]}。{rule['reason']}")
    deposit = a["deposit"]
    if deposit is not None and deposit["safe_deadline"] is not None:
        safe = format_date_zh(deposit["safe_deadline"])
        lines.append(f"需补缴 {deposit['amount_needed']} 元；稳妥期限：{safe} 24:00")
        if deposit["legal_deadline"] is not None:
            lines.append(f"节假日顺延后最晚可主张：{format_date_zh(deposit['legal_deadline'])}")
        else:
            lines.append(f"节假日顺延后的期限：无法计算。{deposit['legal_deadline_note']}")
    return lines


_RENDERERS = {"exit": _exit, "notice": _notice, "reentry": _reentry, "risk": _risk}
