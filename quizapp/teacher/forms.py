"""Teachers' forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
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

from quizapp.domain.identifiers import ID_PATTERN, LANGUAGE_TAG
from quizapp.services.classrooms import BOARD_MODES


class NewClassForm(FlaskForm):
    """Create a class."""

    name = StringField(_l("Class name"), validators=[DataRequired(), Length(max=120)])
    submit = SubmitField(_l("Create the class"))


class ButtonForm(FlaskForm):
    """A form that is only a button (renew the code, make or revoke the projector link)."""

    submit = SubmitField(_l("Go"))


class BoardForm(FlaskForm):
    """Choose who sees the class board."""

    mode = SelectField(_l("Class board"), choices=[
        SelectChoice(mode, label) for mode, label in zip(BOARD_MODES, [
            _l("Shown to learners"), _l("Top 10 and each learner's own rank"), _l("Hidden")],
            strict=True)])
    submit = SubmitField(_l("Save"))


class AssignForm(FlaskForm):
    """Assign a bank to a class."""

    bank = SelectField(_l("Quiz"), validators=[DataRequired()])
    opens_at = DateTimeLocalField(_l("Opens (optional, UTC)"), validators=[Optional()],
                                  format="%Y-%m-%dT%H:%M")
    due_at = DateTimeLocalField(_l("Due (optional, UTC)"), validators=[Optional()],
                                format="%Y-%m-%dT%H:%M")
    attempts_allowed = IntegerField(_l("Attempts that count (empty: no limit)"),
                                    validators=[Optional(), NumberRange(min=1, max=100)])
    submit = SubmitField(_l("Assign"))


class RosterForm(FlaskForm):
    """Paste a list of names, one per line, to make learner accounts."""

    names = TextAreaField(_l("Names, one per line"), validators=[DataRequired(),
                                                                 Length(max=20_000)],
                          render_kw={"rows": 8})
    submit = SubmitField(_l("Make login cards"))


class BankUploadForm(FlaskForm):
    """A bank to check: a .yaml file, or its text pasted."""

    file = FileField(_l("A bank file (.yaml)"), validators=[
        FileAllowed(["yaml", "yml"], _l("Choose a .yaml file, or paste the text below."))])
    text = TextAreaField(_l("Or paste the bank's text"),
                         render_kw={"rows": 18, "spellcheck": "false", "class": "source-text"})
    submit = SubmitField(_l("Check the bank"))


class PublishBankForm(FlaskForm):
    """Publish a bank that passed its check; the text travels back unchanged."""

    text = HiddenField()
    submit = SubmitField(_l("Publish the bank"))


class ArticleForm(FlaskForm):
    """An article for citations: read from a saved page, or typed and pasted, then saved."""

    page = FileField(_l("A saved web page (.html)"), validators=[
        FileAllowed(["html", "htm", "xhtml"], _l("Choose the .html file your browser saved."))])
    read = SubmitField(_l("Fill in from the page"))
    source_id = StringField(_l("Source id (how your banks cite it)"), validators=[
        Optional(), Regexp(ID_PATTERN.pattern + "$", message=_l(
            "Use lower-case letters, digits and hyphens, starting with a letter or digit.")),
        Length(max=64)])
    title = StringField(_l("Headline"), validators=[Optional(), Length(max=300)])
    publisher = StringField(_l("Publisher (optional)"), validators=[Optional(), Length(max=200)])
    published = DateField(_l("Published on (optional)"), validators=[Optional()])
    url = URLField(_l("Web address (optional)"), validators=[
        Optional(), Length(max=2000), Regexp(r"^https?://", message=_l(
            "Write the full address, starting with https://."))])
    language = StringField(_l("Language (optional)"), validators=[
        Optional(), Regexp(LANGUAGE_TAG.pattern + "$", message=_l(
            "Write a language tag such as en, es, ur or pt-BR."))])
    text = TextAreaField(_l("The article's text"), render_kw={"rows": 18})
    save = SubmitField(_l("Save the article"))
