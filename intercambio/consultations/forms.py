"""The input boundary of the consultation pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from intercambio.common.i18n import translated
from intercambio.consultations.models import ANSWER_MAX_LENGTH, Answer, Question
from intercambio.practices.forms import MARKDOWN_HELP

OUTCOME_MAX_LENGTH = 20_000


class AnswerField(forms.CharField):
    def to_python(self, value) -> str:
        # Browsers send CRLF: count (and store) a line break as one character.
        return super().to_python(value).replace("\r\n", "\n")


def question_field_name(question: Question) -> str:
    """By id, not by position: a question added while someone writes cannot shift their
    answers onto another question."""
    return f"question_{question.pk}"


class AnswerForm(forms.Form):
    """One text area per guiding question, all saved together."""

    def __init__(self, *args, questions: list[Question], answers: dict[int, Answer], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for number, question in enumerate(questions, start=1):
            text = translated(question, "text")
            help_text = translated(question, "help_text")
            field = AnswerField(
                label=text.text, required=False, max_length=ANSWER_MAX_LENGTH,
                help_text=help_text.text, widget=forms.Textarea(attrs={"rows": 6}),
                initial=answers[question.pk].text if question.pk in answers else "",
            )  # fmt: skip
            # For `lang=` on the label and the help: a question may be shown in its original.
            field.label_language = text.language
            field.help_language = help_text.language
            # The error summary names the question by its number, not its whole text.
            field.summary_label = _("Question %(number)s") % {"number": number}
            self.fields[question_field_name(question)] = field

    def clean(self) -> dict:
        cleaned = super().clean()
        if not self.errors and not any(cleaned.values()):
            raise forms.ValidationError(
                _("Write an answer to at least one question."), code="empty"
            )
        return cleaned

    def texts(self) -> dict[int, str]:
        return {
            question.pk: self.cleaned_data.get(question_field_name(question), "")
            for question in self.questions
        }


class OutcomeForm(forms.Form):
    outcome = forms.CharField(
        label=_("Outcome summary"), required=False, max_length=OUTCOME_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 14}), help_text=MARKDOWN_HELP,
    )  # fmt: skip

    def __init__(self, *args, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        # The text is in the version being written, whatever the interface's language: for
        # spell checkers and screen readers.
        self.fields["outcome"].widget.attrs["lang"] = language
