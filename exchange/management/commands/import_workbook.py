from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from exchange.workbook import WorkbookError, import_workbook

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class Command(BaseCommand):
    help = (
        "Import the exchange workbook (WORKBOOK.md). Nothing is saved unless every row is valid. "
        "With --user, only what that user may change on the pages; without it, as the operator of the server."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--user",
            metavar="NAME",
            help="import on behalf of this user: their scope, and their name in the audit log",
        )

    def handle(self, *args: Any, path: Path, user: str | None = None, **options: Any) -> None:
        acting_user = _active_user(user) if user is not None else None
        if not path.exists():
            raise CommandError(f"Không có tệp {path}")
        try:
            with path.open("rb") as stream:
                result = import_workbook(stream, acting_user=acting_user, size=path.stat().st_size)
        except WorkbookError as error:
            raise CommandError(error.message) from None
        if not result.ok:
            for problem in result.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{len(result.problems)} lỗi: không có dữ liệu nào được lưu.")
        created = ", ".join(f"{k}: {v}" for k, v in result.created.items()) or "0"
        updated = ", ".join(f"{k}: {v}" for k, v in result.updated.items()) or "0"
        self.stdout.write(f"Đã nhập. Thêm mới — {created}. Cập nhật — {updated}.")


def _active_user(username: str) -> User:
    # A locked account acts for nobody: the command refuses it as it refuses a name that does not exist.
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(_("Không có người dùng «%(name)s» đang hoạt động.") % {"name": username})
    return user
