"""Teachers' forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateTimeLocalField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

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
