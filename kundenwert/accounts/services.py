"""Writes about users and the change log. Every service that changes data records it here."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Model

from kundenwert.accounts.models import ChangeRecord, Role, User


def do_record_change(
    user: User | None,
    action: str,
    obj: Model | str,
    summary: str = "",
    changes: dict[str, Any] | None = None,
) -> ChangeRecord:
    if isinstance(obj, Model):
        model, object_id = obj._meta.label, str(obj.pk)
    else:
        model, object_id = obj, ""
    return ChangeRecord.objects.create(
        user=user if user is not None and user.pk else None,
        action=action,
        model=model,
        object_id=object_id,
        summary=summary[:300],
        changes=changes or {},
    )


def do_create_user(
    username: str, password: str, *, role: str = Role.STAFF, language: str = "de", email: str = ""
) -> User:
    user = User.objects.create_user(
        username=username, password=password, email=email, role=role, language=language
    )
    if role == Role.OWNER:
        # Owners manage the installation, including the Django admin.
        user.is_staff = True
        user.is_superuser = True
        user.save(update_fields=["is_staff", "is_superuser"])
    do_record_change(None, "create", user, f"user {username} ({role})")
    return user


def do_set_language(user: User, language: str) -> None:
    """The user's language for pages, mails and reports (one of settings.LANGUAGES)."""
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"unsupported language {language!r}")
    if user.language == language:
        return
    old, user.language = user.language, language
    user.save(update_fields=["language"])
    do_record_change(user, "update", user, "language", {"language": [old, language]})
