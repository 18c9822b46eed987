"""The import page: upload, a dry run's preview, confirm, result.

Nothing is written before the owner confirms: the upload runs as a dry run first (the
importers do all their work and roll it back), the preview shows what would be added,
changed and skipped, and only the confirm button imports for real, from the same files
with the same options (format, column mapping, customer map: `ImportOptionsForm`, kept
with the upload).

Both runs are background jobs (`kundenwert.web.importing`): the upload and the confirm
button lead to the job's page, which shows its progress until it has ended (polling its
status URL with a small script, or reloading itself where scripts do not run) and then the
preview or the result. Only the person who started a job sees it.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kundenwert.web import importing
from kundenwert.web.forms import ImportOptionsForm
from kundenwert.web.permissions import owner_required
from kundenwert.workspace.models import ImportJob
from kundenwert.workspace.services import get_settings

BUSY = 409


@owner_required
def import_upload(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _upload_page(request, ImportOptionsForm())
    form = ImportOptionsForm(request.POST, request.FILES)
    files = request.FILES.getlist("files")
    if not files:
        return _upload_page(request, form, _("Please choose a file."))
    if big := importing.too_big([*files, *request.FILES.getlist("customer_map")]):
        error = _("These files are too big: %(names)s") % {"names": ", ".join(big)}
        return _upload_page(request, form, error)
    if not form.is_valid():
        return _upload_page(request, form)
    if importing.import_running():
        return _upload_page(request, form, _busy(), status=BUSY)
    customer_map = form.cleaned_data["customer_map"]
    upload = importing.store_upload(files, request.user.pk, form.options(), customer_map)
    job = importing.start_job(upload, request.user, ImportJob.Kind.PREVIEW)
    return redirect("import_job", token=job.token)


def _upload_page(
    request: HttpRequest, form: ImportOptionsForm, error: str = "", status: int = 200
) -> HttpResponse:
    context = {
        "form": form,
        "error": error,
        "active": importing.active_job(request.user),
        "own_addresses": get_settings().own_addresses,
    }
    return render(request, "imports/upload.html", context, status=status)


def _busy() -> str:
    return _("Another import is running. Please wait until it has ended, then try again.")


@owner_required
@require_POST
def import_confirm(request: HttpRequest, token: str) -> HttpResponse:
    cancel = "cancel" in request.POST
    started = importing.job_of_upload(token, request.user, ImportJob.Kind.IMPORT)
    if started is not None and not cancel:  # a second click: the import is on its way
        return redirect("import_job", token=started.token)
    upload = importing.find_upload(token, request.user.pk)
    if upload is None:
        messages.error(request, _("This upload is no longer available. Please upload again."))
        return redirect("import_upload")
    if cancel:
        importing.discard(upload)
        messages.info(request, _("The import was cancelled; nothing was changed."))
        return redirect("import_upload")
    if importing.import_running():
        messages.error(request, _busy())
        return redirect("import_upload")
    job = importing.start_job(upload, request.user, ImportJob.Kind.IMPORT)
    return redirect("import_job", token=job.token)


@owner_required
@require_GET
def import_job(request: HttpRequest, token: str) -> HttpResponse:
    job = importing.find_job(token, request.user)
    if job is None:
        raise Http404
    status = importing.job_status(job)
    context = {"job": job, "status": status, "names": job.names}
    outcome = importing.Outcome.from_json(job.result) if status.finished else None
    if outcome is not None:
        context["options"] = importing.ImportOptions.from_json(outcome.options).described()
    if status.state == ImportJob.State.DONE and not outcome.problem:
        context["outcome"] = outcome
        if job.kind == ImportJob.Kind.PREVIEW:
            context["upload_token"] = job.upload
            return render(request, "imports/preview.html", context)
        return render(request, "imports/result.html", context)
    context["problem"] = outcome.problem if outcome else ""
    restartable = status.state == "interrupted" and job.kind == ImportJob.Kind.IMPORT
    if restartable and importing.find_upload(job.upload, job.user_id):
        context["upload_token"] = job.upload  # the files are still there: start again
    return render(request, "imports/job.html", context)


@owner_required
@require_GET
def import_status(request: HttpRequest, token: str) -> JsonResponse:
    """The job's state and progress as JSON, for the job page's script."""
    job = importing.find_job(token, request.user)
    if job is None:
        return JsonResponse({"error": "not found"}, status=404)
    response = JsonResponse(importing.job_status(job).as_json())
    response["Cache-Control"] = "no-store"
    return response
