"""Progress display for long builds (rich), on stderr, only on a terminal."""

from __future__ import annotations

import threading
from types import TracebackType
from typing import Any


class BuildReport:
    def __init__(self, enabled: bool = True) -> None:
        from rich.console import Console

        self.console = Console(stderr=True)
        self.enabled = enabled and self.console.is_terminal
        self._progress: Any = None
        self._tasks: dict[str, Any] = {}
        self._lock = threading.Lock()  # PDFs report from a thread of their own while other stages run

    def __enter__(self) -> BuildReport:
        if self.enabled:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self._progress = Progress(
                TextColumn("{task.description:<10}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=self.console,
                transient=True,
            )
            self._progress.__enter__()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self._progress is not None:
            self._progress.__exit__(exc_type, exc, tb)

    def progress(self, stage: str, done: int, total: int) -> None:
        """``done`` of ``total`` steps of ``stage`` (files, articles, stories, PDFs, pages) are finished."""
        if self._progress is None:
            return
        with self._lock:
            task = self._tasks.get(stage)
            if task is None:
                task = self._tasks[stage] = self._progress.add_task(stage, total=total)
            self._progress.update(task, completed=done, total=total)
