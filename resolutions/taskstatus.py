"""The status of a task at a cut-off date (DOMAIN.md §3.3), and the counts reports quote. Pure."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class TaskStatus(StrEnum):
    EARLY = "early"  # hoàn thành trước hạn
    ON_TIME = "on_time"  # hoàn thành đúng hạn
    LATE = "late"  # hoàn thành quá hạn (trễ hạn)
    IN_PROGRESS = "in_progress"  # đang thực hiện trong hạn
    OVERDUE = "overdue"  # chưa hoàn thành, quá hạn
    ONGOING = "ongoing"  # thường xuyên: no deadline


LABELS_VI = {
    TaskStatus.EARLY: "Hoàn thành trước hạn",
    TaskStatus.ON_TIME: "Hoàn thành đúng hạn",
    TaskStatus.LATE: "Hoàn thành trễ hạn",
    TaskStatus.IN_PROGRESS: "Đang thực hiện trong hạn",
    TaskStatus.OVERDUE: "Chưa hoàn thành, quá hạn",
    TaskStatus.ONGOING: "Thường xuyên",
}


def task_status(due_on: date | None, done_on: date | None, cut_off: date) -> TaskStatus:
    if due_on is None:
        return TaskStatus.ONGOING
    if done_on is not None and done_on <= cut_off:
        if done_on < due_on:
            return TaskStatus.EARLY
        return TaskStatus.ON_TIME if done_on == due_on else TaskStatus.LATE
    return TaskStatus.IN_PROGRESS if cut_off <= due_on else TaskStatus.OVERDUE


@dataclass(frozen=True)
class TaskCounts:
    counts: Counter[TaskStatus]

    @property
    def with_deadline(self) -> int:
        """Ongoing tasks are left out of on-time ratios."""
        return sum(n for status, n in self.counts.items() if status is not TaskStatus.ONGOING)

    @property
    def done(self) -> int:
        return self.counts[TaskStatus.EARLY] + self.counts[TaskStatus.ON_TIME] + self.counts[TaskStatus.LATE]

    @property
    def late(self) -> int:
        """Trễ hạn: finished after the deadline, or not finished and past it."""
        return self.counts[TaskStatus.LATE] + self.counts[TaskStatus.OVERDUE]

    def phrase_vi(self) -> str:
        """ "20/55 nội dung đầu việc hoàn thành trước hạn, không có nội dung trễ hạn"."""
        early = f"{self.counts[TaskStatus.EARLY]}/{self.with_deadline} nội dung đầu việc hoàn thành trước hạn"
        late = "không có nội dung trễ hạn" if self.late == 0 else f"{self.late} nội dung trễ hạn"
        return f"{early}, {late}"


def count_tasks(pairs: Iterable[tuple[date | None, date | None]], cut_off: date) -> TaskCounts:
    return TaskCounts(Counter(task_status(due, done, cut_off) for due, done in pairs))
