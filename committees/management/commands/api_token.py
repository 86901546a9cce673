from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from committees import services


class Command(BaseCommand):
    help = "Print a new API key for a user (the old one stops working), or revoke it with --revoke."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")
        parser.add_argument("--revoke", action="store_true", help="Delete the user's key instead.")

    def handle(self, *args: Any, username: str, revoke: bool, **options: Any) -> None:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Không có người dùng «{username}» (no such user).")
        if revoke:
            revoked = services.api_token_revoke(user=user, acting_user=None)
            self.stdout.write("Đã thu hồi khóa API (revoked)." if revoked else "Chưa có khóa API (no key).")
            return
        self.stdout.write(services.api_token_issue(user=user, acting_user=None))
