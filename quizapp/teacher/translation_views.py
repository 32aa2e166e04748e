"""Translations of a teacher's own articles, checked as ``quizapp validate`` checks seeds/<id>.<lang>.md."""

from __future__ import annotations

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from quizapp.domain.source_translation import source_fingerprint, translation_template
from quizapp.domain.yaml_reader import MAX_FILE_BYTES
from quizapp.extensions import db
from quizapp.services import source_translations
from quizapp.teacher.forms import ArticleTranslationForm
from quizapp.teacher.problem_listing import lines_around_problems
from quizapp.teacher.views import teacher, teacher_only
from quizapp.web.form_responses import form_status
from quizapp.web.message_catalogs import language_name
from quizapp.web.upload_limits import within_bank_limit


@teacher.route("/articles/<source_id>/translation", methods=["GET", "POST"])
@teacher_only
def article_translation(source_id: str) -> tuple[str, int] | Response:
    """Add or update a translation of one of the teacher's articles: a file, or its text pasted."""
    article = source_translations.own_article(db.session, current_user.account_id, source_id)
    if article is None:
        abort(404)
    form = ArticleTranslationForm()
    if not form.validate_on_submit():
        language = request.args.get("language", "")
        if language in current_app.config["LANGUAGES"] and not form.is_submitted():
            form.text.data = translation_template(article, language)
        return _page(form, article, None), form_status(form)
    data, name = _submitted(form)
    problems, _notices = source_translations.save_translation(db.session, current_user.account_id,
                                                              source_id, data, name)
    if problems:
        form.text.data = data.decode("utf-8", "replace")
        return _page(form, article, lines_around_problems(form.text.data, problems)), 422
    flash(_("The translation of “%(title)s” is saved. Learners who read its language now read "
            "the article in it.", title=article.title))
    return redirect(url_for(".banks"), code=303)


def _submitted(form: ArticleTranslationForm) -> tuple[bytes, str | None]:
    """The translation's bytes and its file's name (None when pasted); 413 past 1 MiB."""
    upload = form.file.data
    if upload and upload.filename:
        return (within_bank_limit(upload.stream.read(MAX_FILE_BYTES + 1)),
                upload.filename.rsplit("/", 1)[-1].rsplit("\\", 1)[-1])
    return within_bank_limit((form.text.data or "").replace("\r\n", "\n").encode("utf-8")), None


def _page(form: ArticleTranslationForm, article: source_translations.Article,
          listing: list | None) -> str:  # type: ignore[type-arg]
    languages = [(code, language_name(code)) for code in current_app.config["LANGUAGES"]
                 if code.split("-")[0] != article.language.split("-")[0]]
    return render_template("teacher/article_translation.html", form=form, article=article,
                           listing=listing, fingerprint=source_fingerprint(article),
                           target_languages=languages)
