"""Short reports of our own, each giving one incident at a different place, for integrity tests."""

from __future__ import annotations

import json

#: (title, text) pairs; every one extracts to exactly one incident.
REPORTS = [
    ("قصف مدفعي على مدينة سراقب", "تعرضت مدينة سراقب في ريف إدلب لقصف مدفعي صباح اليوم أدى إلى إصابة ثلاثة مدنيين."),
    ("اشتباكات في بلدة كفرنبل", "اندلعت اشتباكات عنيفة بين فصائل المعارضة وقوات النظام في بلدة كفرنبل جنوب إدلب."),
    ("غارة جوية على معرة النعمان", "شنت طائرات حربية غارة جوية على مدينة معرة النعمان في ريف إدلب الجنوبي."),
    ("قصف صاروخي على مدينة الباب", "سقطت قذائف صاروخية صباح اليوم على أحياء مدينة الباب شرقي حلب."),
    ("اشتباكات في حي الأشرفية بحلب", "اندلعت اشتباكات بين قوات الأسايش والقوات الحكومية في حي الأشرفية بمدينة حلب."),
    ("مظاهرة في مدينة السويداء", "خرج مئات المتظاهرين في مدينة السويداء احتجاجاً على الأوضاع المعيشية."),
]


def jsonl(reports, published: str | None = None, **extra) -> str:
    """JSON lines without ids (as many wires deliver them)."""
    lines = []
    for title, text in reports:
        record = {"title": title, "text": text, **extra}
        if published:
            record["published"] = published
        lines.append(json.dumps(record, ensure_ascii=False))
    return "\n".join(lines) + "\n"
