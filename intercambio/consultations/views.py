"""Consultation pages: the list, a consultation with its answer form (members and, through
their link, guests), and the organizers' pages: answers, CSV export, opening and closing,
the outcome summary."""

import csv
import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from intercambio.common.i18n import current_language, translated
from intercambio.common.models import LANGUAGE_CHOICES
from intercambio.common.spreadsheets import safe_cell
from intercambio.consultations import domain, queries
from intercambio.consultations.forms import AnswerForm, OutcomeForm, question_field_name
from intercambio.consultations.models import Consultation, Question
from intercambio.events.models import Registration
from intercambio.network.views import permission_view, require_permission
from intercambio.practices.views import PAGE_SIZE, edited_language, requested_page


@require_GET
def consultation_list(request: HttpRequest) -> HttpResponse:
    base = queries.public_consultations()
    past = Paginator(
        base.filter(status=Consultation.Status.CLOSED).order_by("-created_at", "-pk"), PAGE_SIZE
    )
    context = {
        "open_consultations": list(
            base.filter(status=Consultation.Status.OPEN).order_by("-created_at", "-pk")
        ),
        "past": past.get_page(requested_page(request)),
    }
    return render(request, "consultations/list.html", context)


def _consultation_or_404(request: HttpRequest, slug: str) -> Consultation:
    consultation = get_object_or_404(
        Consultation.objects.select_related("event__network", "network", "body"), slug=slug
    )
    if not request.user.has_perm("consultations.view_consultation", consultation):
        raise Http404
    return consultation


@require_http_methods(["GET", "POST"])
def consultation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return _answer_page(request, _consultation_or_404(request, slug), token=None)


@require_http_methods(["GET", "POST"])
def consultation_guest(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    """The same page, for a registrant without an account: the token in the path is their
    registration's (sent to them by e-mail) and the only credential."""
    return _answer_page(request, _consultation_or_404(request, slug), token=token[:64])


def _unsaved_texts(request: HttpRequest, questions: list[Question]) -> list[tuple[Question, str]]:
    """What a refused submission carried, shown back so that the person can keep a copy."""
    texts = [(q, request.POST.get(question_field_name(q), "").strip()) for q in questions]
    return [(question, text) for question, text in texts if text]


def _answer_page(
    request: HttpRequest, consultation: Consultation, *, token: str | None
) -> HttpResponse:
    now = timezone.now()
    questions = list(consultation.questions.all())
    eligibility = domain.respondent_for(consultation=consultation, user=request.user, token=token)
    respondent = eligibility.respondent
    answers = (
        domain.answers_of(consultation=consultation, respondent=respondent) if respondent else {}
    )
    takes_answers = consultation.takes_answers(now)
    form, error, unsaved, status = None, "", [], 200
    if eligibility.reason == "bad_link":
        status = 404
    if request.method == "POST":
        if respondent is None or not takes_answers:
            # 404: an unknown link; 409: closed since the form was shown; 403: not a respondent.
            status = 404 if status == 404 else (409 if respondent is not None else 403)
            unsaved = _unsaved_texts(request, questions)
        else:
            form = AnswerForm(request.POST, questions=questions, answers=answers)
            status = 400
            if form.is_valid():
                try:
                    domain.save_answers(
                        consultation=consultation, respondent=respondent, texts=form.texts(),
                        now=now,
                    )  # fmt: skip
                except domain.ConsultationClosed as refused:
                    error, status, form = refused.message, 409, None
                    takes_answers = False
                    unsaved = _unsaved_texts(request, questions)
                except domain.ConsultationError as refused:
                    form.add_error(None, refused.message)
                else:
                    messages.success(request, _("Thank you, your answers are saved."))
                    # The guest's path keeps the token: they land on their own answers.
                    return redirect(f"{request.path}#answers")
    if form is None and respondent is not None and takes_answers:
        form = AnswerForm(questions=questions, answers=answers)
    can_manage = request.user.has_perm("consultations.manage_consultation", consultation)
    context = {
        "consultation": consultation,
        "event": consultation.event,
        # Dates in the venue's time, as the event announces its own.
        "zone": consultation.event.time_zone if consultation.event_id else settings.TIME_ZONE,
        "text": {name: translated(consultation, name) for name in ("title", "description")},
        "outcome": translated(consultation, "outcome")
        if consultation.outcome_is_published
        else None,
        "questions": questions,
        "form": form,
        "respondent": respondent,
        "reason": eligibility.reason,
        "registration": eligibility.registration,
        "given": [(q, answers[q.pk]) for q in questions if q.pk in answers] if not form else [],
        "takes_answers": takes_answers,
        "not_yet": consultation.status == Consultation.Status.OPEN
        and consultation.opens_at is not None
        and now < consultation.opens_at,
        "error": error,
        "unsaved": unsaved,
        "can_manage": can_manage,
        "login_url": f"{reverse('account_login')}?{urlencode({'next': request.path})}",
    }
    return render(request, "consultations/detail.html", context, status=status)


def _managed_or_404(request: HttpRequest, slug: str) -> Consultation:
    consultation = get_object_or_404(
        Consultation.objects.select_related("event__network", "network", "body"), slug=slug
    )
    require_permission(request, "consultations.manage_consultation", consultation)
    return consultation


@permission_view
@require_GET
def consultation_answers(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = _managed_or_404(request, slug)
    grouped = queries.answers_by_question(consultation)
    context = {
        "consultation": consultation,
        "text": {"title": translated(consultation, "title")},
        "grouped": grouped,
        "respondents": queries.respondent_count(grouped),
        "confirmed": consultation.event.registrations.filter(
            status=Registration.Status.CONFIRMED
        ).count()
        if consultation.event_id
        else None,
        "takes_answers": consultation.takes_answers(timezone.now()),
    }
    return render(request, "consultations/answers.html", context)


@permission_view
@require_GET
def consultation_export(request: HttpRequest, slug: str) -> HttpResponse:
    """Every answer, one a row, in UTF-8 with a byte order mark (so that spreadsheets read
    accents right) and with formula-looking cells neutralized."""
    consultation = _managed_or_404(request, slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{consultation.slug}-answers.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([
        _("Question number"), _("Question"), _("Respondent"), _("Organization"), _("Answer"),
        _("Last changed (UTC)"),
    ])  # fmt: skip
    for number, (question, answers) in enumerate(queries.answers_by_question(consultation), 1):
        question_text = translated(question, "text").text
        for answer in answers:
            writer.writerow([safe_cell(str(cell)) for cell in (
                number, question_text, answer.respondent_name, answer.respondent_organization,
                answer.text, answer.updated_at.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M"),
            )])  # fmt: skip
    return response


@permission_view
@require_POST
def consultation_status(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = _managed_or_404(request, slug)
    action = request.POST.get("action", "")
    try:
        if action == "open":
            domain.open_consultation(consultation=consultation, by=request.user)
            messages.success(request, _("The consultation is open: participants can answer."))
        elif action == "close":
            domain.close_consultation(consultation=consultation, by=request.user)
            messages.success(request, _("The consultation is closed. The answers are kept."))
        else:
            return HttpResponse(_("Unknown action."), status=400, content_type="text/plain")
    except domain.ConsultationError as refused:
        messages.error(request, refused.message)
        return redirect("consultations:answers", slug=consultation.slug)
    return redirect("consultations:answers", slug=consultation.slug)


OUTCOME_ACTIONS = {"save": None, "publish": True, "withdraw": False}


@permission_view
@require_http_methods(["GET", "POST"])
def consultation_outcome(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = _managed_or_404(request, slug)
    language = edited_language(request, consultation)
    column = f"outcome_{language.replace('-', '_')}"
    status = 200
    if request.method == "POST":
        form = OutcomeForm(request.POST, language=language)
        action = request.POST.get("action", "save")
        status = 400
        if action not in OUTCOME_ACTIONS:
            form.add_error(None, _("Unknown action."))
        elif form.is_valid():
            try:
                domain.save_outcome(
                    consultation=consultation, language=language,
                    text=form.cleaned_data["outcome"], publish=OUTCOME_ACTIONS[action],
                    by=request.user,
                )  # fmt: skip
            except domain.ConsultationError as refused:
                form.add_error("outcome", refused.message)
            else:
                done = {
                    "save": _("The summary was saved."),
                    "publish": _("The summary is published on the consultation's page."),
                    "withdraw": _("The summary was withdrawn from the consultation's page."),
                }[action]
                messages.success(request, done)
                if action == "save":
                    return redirect(f"{request.path}?language={language}")
                return redirect(consultation)
    else:
        form = OutcomeForm(initial={"outcome": getattr(consultation, column)}, language=language)
    context = {
        "consultation": consultation,
        "text": {"title": translated(consultation, "title")},
        "form": form,
        "language": language,
        "language_name": dict(LANGUAGE_CHOICES)[language],
        "other_languages": [(code, name) for code, name in LANGUAGE_CHOICES if code != language],
        "current_language": current_language(),
    }
    return render(request, "consultations/outcome.html", context, status=status)
