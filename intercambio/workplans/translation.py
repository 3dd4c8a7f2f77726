from modeltranslation.translator import TranslationOptions, register

from intercambio.workplans.models import (
    ACTIVITY_TEXT_FIELDS,
    AXIS_TEXT_FIELDS,
    OBJECTIVE_TEXT_FIELDS,
    PLAN_TEXT_FIELDS,
    Activity,
    Axis,
    Objective,
    WorkPlan,
)


@register(WorkPlan)
class WorkPlanTranslation(TranslationOptions):
    fields = PLAN_TEXT_FIELDS


@register(Objective)
class ObjectiveTranslation(TranslationOptions):
    fields = OBJECTIVE_TEXT_FIELDS


@register(Axis)
class AxisTranslation(TranslationOptions):
    fields = AXIS_TEXT_FIELDS


@register(Activity)
class ActivityTranslation(TranslationOptions):
    fields = ACTIVITY_TEXT_FIELDS
