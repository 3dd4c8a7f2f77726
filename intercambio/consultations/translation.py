from modeltranslation.translator import TranslationOptions, register

from intercambio.consultations.models import (
    CONSULTATION_TEXT_FIELDS,
    QUESTION_TEXT_FIELDS,
    Consultation,
    Question,
)


@register(Consultation)
class ConsultationTranslation(TranslationOptions):
    fields = CONSULTATION_TEXT_FIELDS


@register(Question)
class QuestionTranslation(TranslationOptions):
    fields = QUESTION_TEXT_FIELDS
