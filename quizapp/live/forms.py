"""The live game's forms: every button a FlaskForm with CSRF, as everywhere."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, IntegerField, SelectField, SelectMultipleField, SubmitField
from wtforms.validators import DataRequired, InputRequired, NumberRange, Optional

from quizapp.domain.live_game import MAX_SECONDS, MIN_SECONDS
from quizapp.services.live_games import Control, Options
from quizapp.web.forms import QuizappForm


class GameOptionsForm(QuizappForm):
    """How a game is played: the options of every new game, whatever its questions."""

    seconds = IntegerField(_l("Seconds per question (10 to 120)"), default=30,
                           validators=[Optional(), NumberRange(MIN_SECONDS, MAX_SECONDS)],
                           render_kw={"min": MIN_SECONDS, "max": MAX_SECONDS, "inputmode": "numeric"})
    no_timer = BooleanField(_l("No timer: I move on myself"))
    speed_bonus = BooleanField(_l("Speed bonus (always less than a right answer is worth)"))
    board_each = BooleanField(_l("Show the board after each question (otherwise only at the end)"),
                              default=True)
    late_join = BooleanField(_l("Learners may join after the start"), default=True)

    def options(self, counts: bool = False) -> Options:
        """The options chosen; ``counts`` only for a game that may count on the class board."""
        return Options(None if self.no_timer.data else (self.seconds.data or 30),
                       bool(self.speed_bonus.data), bool(self.board_each.data),
                       bool(self.late_join.data), counts)


class NewGameForm(GameOptionsForm):
    """What to play and how: the teacher's choices for a new game."""

    source = SelectField(_l("Questions"), validators=[DataRequired()],
                         render_kw={"translate": "no"})  # bank titles: data, each in its language
    counts = BooleanField(_l("Counts on the class board, as the assignment would"))
    create = SubmitField(_l("Open the game"))


class PickGameForm(GameOptionsForm):
    """Questions ticked from several banks (checked by ``live_sources.ticked``), and the options."""

    questions = SelectMultipleField(_l("Questions"), validate_choice=False)
    create = SubmitField(_l("Open the game"))

    def ticked(self) -> set[int]:
        """The questions ticked, to tick them again when the page is shown again."""
        return {int(value) for value in self.questions.data or []
                if value.isascii() and value.isdigit() and len(value) <= 12}


class ControlForm(QuizappForm):
    """The teacher's buttons; ``version`` is the game as their screen showed it, so a button
    pressed twice acts once."""

    version = HiddenField(validators=[InputRequired()])
    back = HiddenField()
    start = SubmitField(_l("Start"))
    next = SubmitField(_l("Next question"))
    pause = SubmitField(_l("Pause"))
    resume = SubmitField(_l("Go on"))
    reveal = SubmitField(_l("Reveal now"))
    skip = SubmitField(_l("Skip"))
    end = SubmitField(_l("End the game"))

    def pressed(self) -> Control | None:
        """The button that was pressed, if any."""
        return next((action for action in Control if self[action.value].data), None)


class RemoveForm(QuizappForm):
    """Take a player out of the game."""

    remove = SubmitField(_l("Remove"))


class JoinForm(QuizappForm):
    """Take a seat in the game."""

    join = SubmitField(_l("Join the live game"))


class AnswerForm(QuizappForm):
    """One answer: the question's position, when the page showed the choices (signed), the button.

    The answer's own field is ``answer``, read by the question's type.
    """

    position = IntegerField(validators=[InputRequired()])
    shown = HiddenField()
    send = SubmitField(_l("Send my answer"))
