"""The import page: upload, a dry run's preview, confirm, result.

Nothing is written before the owner confirms: the upload runs as a dry run first (the
importers do all their work and roll it back), the preview shows what would be added,
changed and skipped, and only the confirm button imports for real, from the same files.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kundenwert.web import importing
from kundenwert.web.permissions import owner_required


@owner_required
def import_upload(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, "imports/upload.html")
    files = request.FILES.getlist("files")
    if not files:
        return render(request, "imports/upload.html", {"error": _("Please choose a file.")})
    if big := importing.too_big(files):
        error = _("These files are too big: %(names)s") % {"names": ", ".join(big)}
        return render(request, "imports/upload.html", {"error": error})
    upload = importing.store_upload(files, request.user.pk)
    names = [p.name for p in upload.files]
    outcome = importing.run_import(upload, request.user, dry_run=True)
    if outcome.errors:
        importing.discard(upload)
    context = {"outcome": outcome, "upload": upload, "names": names}
    return render(request, "imports/preview.html", context)


@owner_required
@require_POST
def import_confirm(request: HttpRequest, token: str) -> HttpResponse:
    upload = importing.find_upload(token, request.user.pk)
    if upload is None:
        messages.error(request, _("This upload is no longer available. Please upload again."))
        return redirect("import_upload")
    if "cancel" in request.POST:
        importing.discard(upload)
        messages.info(request, _("The import was cancelled; nothing was changed."))
        return redirect("import_upload")
    names = [p.name for p in upload.files]
    outcome = importing.run_import(upload, request.user, dry_run=False)
    importing.discard(upload)
    return render(request, "imports/result.html", {"outcome": outcome, "names": names})
