"""benchmarks/judge.py: a judged --blind question sheet split per site by its key."""

from __future__ import annotations

from pathlib import Path

from benchmarks import judge


def test_a_blind_question_sheet_is_tallied_per_site(tmp_path: Path) -> None:
    sites = {
        "main": {"stories": [_story("s-1", ["Where is Smith?"]), _story("s-2", ["Who fired?", "Why now?"])]},
        "branch": {"stories": [_story("s-1", ["Where is Smith?"]), _story("s-2", [])]},
    }
    sheet, key = judge.blind_questions(sites, None, seed=1)
    marks = {"Where is Smith?": "y", "Who fired?": "n", "Why now?": "y"}
    judged = []
    for line in sheet.splitlines():
        if line.startswith("- question:"):
            line = line.replace("[ ]", f"[{next(m for q, m in marks.items() if q in line)}]")
        elif line.startswith("- open point: s-1"):
            line = line.replace("[ ]", "[y]")
        elif line.startswith("- open point:"):
            line = line.replace("[ ]", "[n] nothing open")
        judged.append(line)
    (tmp_path / "sheet.md").write_text("\n".join(judged), encoding="utf-8")
    (tmp_path / "key.tsv").write_text(key, encoding="utf-8")
    assert judge.tally_sites([tmp_path / "sheet.md"], tmp_path / "key.tsv").splitlines() == [
        "site branch: questions right 1 of 1; stories with a real open point: 1, showing a right question: 1",
        "site main: questions right 2 of 3; stories with a real open point: 1, showing a right question: 1",
    ]


def _story(sid: str, questions: list[str]) -> dict[str, object]:
    return {
        "id": sid,
        "title": f"Story {sid}",
        "summary": [{"text": "Something happened."}],
        "questions": [{"question": q, "kind": "unknown", "evidence": []} for q in questions],
    }
