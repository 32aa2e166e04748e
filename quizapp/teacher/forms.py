"""Teachers' forms."""

from __future__ import annotations

from typing import Any, TypeVar

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileAllowed, FileField
from wtforms import (
    DateField,
    DateTimeLocalField,
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
    URLField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp

from quizapp.domain.class_time import DEFAULT_ZONE, LIKELY_ZONES, other_zones
from quizapp.domain.curriculum import Shelves
from quizapp.domain.identifiers import ID_PATTERN, LANGUAGE_TAG
from quizapp.domain.languages import own_name
from quizapp.services.authoring import AssignableBank
from quizapp.services.classrooms import BOARD_MODES
from quizapp.web.forms import QuizappForm
from quizapp.web.i18n import number, text_direction
from quizapp.web.message_catalogs import in_page_language

T = TypeVar("T")


def zone_choices() -> list[SelectChoice]:
    """The likely zones first (Karachi, El Salvador, UTC), then every other, by name."""
    likely, rest = _l("Most likely"), _l("Every time zone")
    return ([SelectChoice(zone, zone.replace("_", " "), optgroup=likely) for zone in LIKELY_ZONES]
            + [SelectChoice(zone, zone.replace("_", " "), optgroup=rest) for zone in other_zones()])


def language_choices() -> list[SelectChoice]:
    """'Each learner's browser', then each language of the app, named in itself."""
    return [SelectChoice("", _l("Each learner's own (their browser's)"))] + [
        SelectChoice(code, own_name(code), render_kw={"lang": code, "dir": text_direction(code)})
        for code in current_app.config["LANGUAGES"]]


def _timezone_field() -> Any:
    # Zone names are IANA identifiers, the same in every language: not for translation.
    return SelectField(_l("Time zone: dates are typed and shown on its clock"),
                       default=DEFAULT_ZONE, render_kw={"translate": "no"})


def _language_field() -> Any:
    return SelectField(_l("Language for learners who have not chosen one"), default="")


class _ClassSettings(QuizappForm):
    """A form with a class's clock and language: their choices are filled in when made."""

    timezone: SelectField
    language: SelectField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.timezone.choices = zone_choices()
        self.language.choices = language_choices()


class NewClassForm(_ClassSettings):
    """Create a class, on its clock, with its default language."""

    name = StringField(_l("Class name"), validators=[DataRequired(), Length(max=120)],
                       render_kw={"dir": "auto"})
    timezone = _timezone_field()
    language = _language_field()
    submit = SubmitField(_l("Create the class"))


class ClassSettingsForm(_ClassSettings):
    """Change a class's time zone and default language."""

    timezone = _timezone_field()
    language = _language_field()
    submit = SubmitField(_l("Save the settings"))


class ButtonForm(QuizappForm):
    """A form that is only a button (renew the code, make or revoke the projector link)."""

    submit = SubmitField(_l("Go"))


class BoardForm(QuizappForm):
    """Choose who sees the class board."""

    mode = SelectField(_l("Class board"), choices=[
        SelectChoice(mode, label) for mode, label in zip(BOARD_MODES, [
            _l("Shown to learners"), _l("Top 10 and each learner's own rank"), _l("Hidden")],
            strict=True)])
    submit = SubmitField(_l("Save"))


class AssignForm(QuizappForm):
    """Assign a bank to a class."""

    bank = SelectField(_l("Quiz"), validators=[DataRequired()],
                       render_kw={"translate": "no"})  # bank titles: data, each in its language
    # Typed on the class's clock; the view names the zone in the labels.
    opens_at = DateTimeLocalField(_l("Opens (optional)"), validators=[Optional()],
                                  format="%Y-%m-%dT%H:%M")
    due_at = DateTimeLocalField(_l("Due (optional)"), validators=[Optional()],
                                format="%Y-%m-%dT%H:%M")
    attempts_allowed = IntegerField(_l("Attempts that count (empty: no limit)"),
                                    validators=[Optional(), NumberRange(min=1, max=100)],
                                    render_kw={"dir": "ltr"})
    mode = SelectField(_l("How learners take it"), default="test", choices=[
        SelectChoice("test", _l("Test: right answers and explanations at the end")),
        SelectChoice("learn", _l("Learn: each answer checked at once, with its explanation")),
    ])
    submit = SubmitField(_l("Assign"))


class EditAssignmentForm(QuizappForm):
    """Change an assignment's opening time, due date and attempts: the assign form's fields."""

    opens_at = AssignForm.opens_at
    due_at = AssignForm.due_at
    attempts_allowed = AssignForm.attempts_allowed
    submit = SubmitField(_l("Save the changes"))


class RenameClassForm(QuizappForm):
    """Give a class a new name."""

    name = StringField(_l("Class name"), validators=[DataRequired(), Length(max=120)],
                       render_kw={"dir": "auto"})
    submit = SubmitField(_l("Rename"))


class RenameLearnerForm(QuizappForm):
    """Change a learner's display name; their username stays."""

    name = StringField(_l("Name, as the class sees it"), validators=[DataRequired(), Length(max=80)],
                       render_kw={"dir": "auto"})
    submit = SubmitField(_l("Rename"))


class RosterForm(QuizappForm):
    """Paste a list of names, one per line, to make learner accounts."""

    names = TextAreaField(_l("Names, one per line"), validators=[DataRequired(),
                                                                 Length(max=20_000)],
                          render_kw={"rows": 8, "dir": "auto"})
    submit = SubmitField(_l("Make login cards"))


class BankUploadForm(QuizappForm):
    """A bank to check: a .yaml file, or its text pasted."""

    file = FileField(_l("A bank file (.yaml)"), validators=[
        FileAllowed(["yaml", "yml"], _l("Choose a .yaml file, or paste the text below."))])
    text = TextAreaField(_l("Or paste the bank's text"),
                         render_kw={"rows": 18, "spellcheck": "false", "class": "source-text",
                                    "dir": "ltr"})
    submit = SubmitField(_l("Check the bank"))


class ArticleTranslationForm(QuizappForm):
    """A translation of one of the teacher's articles: a .md file, or its text pasted."""

    file = FileField(_l("A translation file (.md)"), validators=[
        FileAllowed(["md", "txt"], _l("Choose a .md file, or paste the text below."))])
    text = TextAreaField(_l("Or paste the translation"),
                         render_kw={"rows": 18, "spellcheck": "false", "class": "source-text",
                                    "dir": "auto"})
    submit = SubmitField(_l("Check and save the translation"))


class PublishBankForm(QuizappForm):
    """Publish a bank that passed its check; the text travels back unchanged."""

    text = HiddenField()
    submit = SubmitField(_l("Publish the bank"))


class ArticleForm(QuizappForm):
    """An article for citations: read from a saved page, or typed and pasted, then saved."""

    page = FileField(_l("A saved web page (.html)"), validators=[
        FileAllowed(["html", "htm", "xhtml"], _l("Choose the .html file your browser saved."))])
    read = SubmitField(_l("Fill in from the page"))
    source_id = StringField(_l("Source id (how your banks cite it)"), validators=[
        Optional(), Regexp(ID_PATTERN.pattern + "$", message=_l(
            "Use lower-case letters, digits and hyphens, starting with a letter or digit.")),
        Length(max=64)], render_kw={"dir": "ltr"})
    title = StringField(_l("Headline"), validators=[Optional(), Length(max=300)],
                        render_kw={"dir": "auto"})
    publisher = StringField(_l("Publisher (optional)"), validators=[Optional(), Length(max=200)])
    published = DateField(_l("Published on (optional)"), validators=[Optional()])
    url = URLField(_l("Web address (optional)"), validators=[
        Optional(), Length(max=2000), Regexp(r"^https?://", message=_l(
            "Write the full address, starting with https://."))], render_kw={"dir": "ltr"})
    language = StringField(_l("Language (optional)"), validators=[
        Optional(), Regexp(LANGUAGE_TAG.pattern + "$", message=_l(
            "Write a language tag such as en, es, ur or pt-BR."))], render_kw={"dir": "ltr"})
    text = TextAreaField(_l("The article's text"), render_kw={"rows": 18, "dir": "auto"})
    save = SubmitField(_l("Save the article"))


def shelf_groups(shelves: Shelves[T]) -> list[tuple[str, tuple[T, ...]]]:
    """The library's groups of banks, each with its heading: each concept in teaching order
    (numbered), then the case studies, then any other bank."""
    groups = [(f"{number(step.number)}. {in_page_language(step.concept.title)}", step.items)
              for step in shelves.steps]
    if shelves.case_studies:
        groups.append((_("Case studies: the news of July 2025"), shelves.case_studies))
    if shelves.others:
        groups.append((_("More quizzes"), shelves.others))
    return groups


def assign_choices(shelves: Shelves[AssignableBank]) -> dict[str, list[SelectChoice]]:
    """The banks to choose from, grouped as the library shows them (``shelf_groups``)."""
    return {heading: [SelectChoice(bank.slug, bank.title) for bank in banks]
            for heading, banks in shelf_groups(shelves)}
