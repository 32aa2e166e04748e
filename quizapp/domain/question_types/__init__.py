"""The question types, one module each: how a type is read from a bank, shown, graded and analysed.

Adding a type: a module here with a ``QuestionType`` subclass, its entry in ``TYPES`` below,
its template part ``templates/questions/<name>.html`` and its tests; nothing else.
"""

from __future__ import annotations

from quizapp.domain.question_types.base import (
    AnalysedChoices,
    QuestionType,
    ReadResponse,
    Response,
    ResponseError,
)
from quizapp.domain.question_types.multiple import Multiple
from quizapp.domain.question_types.number import Number
from quizapp.domain.question_types.order import Order
from quizapp.domain.question_types.single import Single
from quizapp.domain.question_types.true_false import TrueFalse

TYPES: dict[str, QuestionType] = {kind.name: kind for kind in (
    Single(), Multiple(), TrueFalse(), Number(), Order())}

__all__ = ["TYPES", "AnalysedChoices", "QuestionType", "ReadResponse", "Response", "ResponseError"]
