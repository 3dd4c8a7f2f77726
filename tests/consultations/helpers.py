from intercambio.consultations.models import Consultation


def answer_data(consultation: Consultation, *texts: str) -> dict[str, str]:
    """The answer form's POST: texts in question order."""
    questions = list(consultation.questions.order_by("order"))
    return {f"question_{q.pk}": text for q, text in zip(questions, texts, strict=False)}


def detail_url(consultation: Consultation, language: str = "en") -> str:
    return f"/{language}/consultations/{consultation.slug}/"


def guest_url(consultation: Consultation, token, language: str = "en") -> str:
    return f"/{language}/consultations/{consultation.slug}/guest/{token}/"
