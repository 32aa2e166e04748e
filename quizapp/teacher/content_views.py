"""Teachers' own content: upload, check, preview and publish banks; import and save articles."""

from __future__ import annotations

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup

from quizapp.domain.article_extraction import (
    ExtractedArticle,
    NotAnArticle,
    article_markdown,
    extract_article,
    suggested_source_id,
)
from quizapp.domain.yaml_reader import MAX_FILE_BYTES
from quizapp.extensions import db
from quizapp.services import (
    authoring,
    classrooms,
    item_reports,
    problem_reports,
    source_translations,
)
from quizapp.teacher.confirmation import confirm_page, confirmed, say
from quizapp.teacher.forms import ArticleForm, BankUploadForm, ButtonForm, PublishBankForm
from quizapp.teacher.problem_listing import lines_around_problems
from quizapp.teacher.starter import STARTER_BANK
from quizapp.teacher.views import teacher, teacher_only
from quizapp.web.form_responses import form_status
from quizapp.web.ids import read_id
from quizapp.web.item_words import item_views
from quizapp.web.message_catalogs import in_page_language, language_name
from quizapp.web.upload_limits import within_bank_limit

YAML_TYPE = "application/yaml; charset=utf-8"


@teacher.get("/banks")
@teacher_only
def banks() -> str:
    """The teacher's banks and the articles they can cite."""
    me = current_user.account_id
    banks = authoring.teacher_banks(db.session, me, current_app.config["LANGUAGES"], str(get_locale()))
    return render_template("teacher/banks.html", banks=banks,
                           articles=authoring.citable_articles(db.session, me),
                           open_reports=problem_reports.open_counts(db.session, me),
                           article_translations=source_translations.translation_statuses(
                               db.session, me, current_app.config["LANGUAGES"]))


def _submitted_bank(form: BankUploadForm) -> tuple[bytes, str]:
    """The bank's bytes and the name problems are reported under; 413 past 1 MiB, unread."""
    upload = form.file.data
    if upload and upload.filename:
        return (within_bank_limit(upload.stream.read(MAX_FILE_BYTES + 1)),
                upload.filename.rsplit("/", 1)[-1].rsplit("\\", 1)[-1])
    return _pasted(form.text.data), "pasted.yaml"


def _pasted(text: str | None) -> bytes:
    """Pasted text as a file's bytes (the browser's CR LF as LF); 413 past a bank's limit."""
    return within_bank_limit((text or "").replace("\r\n", "\n").encode("utf-8"))


@teacher.route("/banks/new", methods=["GET", "POST"])
@teacher_only
def new_bank() -> tuple[str, int] | str:
    """Upload or paste a bank; it is checked and previewed, and nothing is saved yet."""
    form = BankUploadForm()
    if not form.validate_on_submit():
        return render_template("teacher/bank_upload.html", form=form, check=None), form_status(form)
    data, name = _submitted_bank(form)
    if not data.strip():
        form.text.errors = [_("Choose a .yaml file or paste the bank's text.")]
        return render_template("teacher/bank_upload.html", form=form, check=None), 422
    check = authoring.check_bank_text(db.session, current_user.account_id, data, name)
    if not check.passed:
        form.text.data = check.text
        return _fix_page(form, check)
    # formdata=None: the text comes from the check, never from this request's own "text"
    # field, which is empty when the bank came as a file.
    return render_template("teacher/bank_preview.html", check=check,
                           publish=PublishBankForm(formdata=None, text=check.text))


def _fix_page(form: BankUploadForm, check: authoring.BankCheck) -> tuple[str, int]:
    listing = lines_around_problems(check.text, check.problems)
    return render_template("teacher/bank_upload.html", form=form, check=check,
                           listing=listing), 422


@teacher.post("/banks/publish")
@teacher_only
def publish_bank() -> tuple[str, int] | Response:
    """Publish a previewed bank: checked again, then stored as a new version."""
    form = PublishBankForm()
    if not form.validate_on_submit():
        abort(400)
    data = _pasted(form.text.data)
    check = authoring.publish_bank(db.session, current_user.account_id, data, "pasted.yaml")
    if not check.passed:  # something changed since the preview, such as an id now taken
        return _fix_page(BankUploadForm(formdata=None, text=check.text), check)
    assert check.bank is not None
    if check.translation is not None:
        flash(_("The translation of “%(title)s” into %(language)s is published. Learners who "
                "read %(language)s now take it in their language.", title=check.bank.title,
                language=language_name(check.translation.language)))
    else:
        flash(_("“%(title)s” is published. Assign it to a class from the class's page.",
                title=check.bank.title))
    return redirect(url_for(".banks"), code=303)


@teacher.get("/banks/<slug>.yaml")
@teacher_only
def download_bank(slug: str) -> Response:
    """A bank the teacher can see, as the YAML file it was published from."""
    text = authoring.bank_yaml(db.session, current_user.account_id, slug)
    if text is None:
        abort(404)
    return Response(text, content_type=YAML_TYPE,
                    headers={"Content-Disposition": f'attachment; filename="{slug}.yaml"'})


@teacher.get("/banks/<slug>/translations/<language>.yaml")
@teacher_only
def translation_file(slug: str, language: str) -> Response:
    """The translation of one of the teacher's banks, or a file to translate it in."""
    if language not in current_app.config["LANGUAGES"]:
        abort(404)
    text = authoring.translation_file(db.session, current_user.account_id, slug, language)
    if text is None:
        abort(404)
    return Response(text, content_type=YAML_TYPE, headers={
        "Content-Disposition": f'attachment; filename="{slug}.{language}.yaml"'})


@teacher.get("/starter-bank.yaml")
@teacher_only
def starter_bank() -> Response:
    """A bank to start from, whose comments explain the format."""
    return Response(STARTER_BANK, content_type=YAML_TYPE,
                    headers={"Content-Disposition": 'attachment; filename="my-first-bank.yaml"'})


def _fill_from_page(form: ArticleForm) -> tuple[list[str], list[str]]:
    """Put what the saved page declares into the form; returns the fields it did not declare
    and what the teacher should check in its text (it looks short, or like a list)."""
    upload = form.page.data
    if not upload or not upload.filename:
        form.page.errors = [_("Choose the .html file your browser saved.")]
        return [], []
    data = upload.stream.read(current_app.config["SAVED_PAGE_MAX_BYTES"] + 1)
    if len(data) > current_app.config["SAVED_PAGE_MAX_BYTES"]:
        abort(413)
    try:
        found = extract_article(data)
    except NotAnArticle as problem:
        form.page.errors = [_("We could not take an article from this page: %(why)s.",
                              why=in_page_language(problem.message))]
        return [], []
    form.source_id.data = suggested_source_id(found.title, found.published)
    for name in ("title", "publisher", "published", "url", "language"):
        getattr(form, name).data = getattr(found, name)
    form.text.data = found.body
    return found.missing, [in_page_language(note) for note in found.notes]


def _article_from(form: ArticleForm) -> ExtractedArticle:
    return ExtractedArticle(title=(form.title.data or "").strip() or None,
                            publisher=(form.publisher.data or "").strip() or None,
                            published=form.published.data, url=(form.url.data or "").strip() or None,
                            language=(form.language.data or "").strip() or None,
                            body=(form.text.data or "").replace("\r\n", "\n").strip())


# How the "the page did not say" notice names each field, in the page's language.
MISSING_FIELD_NAMES = {"title": _l("headline"), "publisher": _l("publisher"),
                       "published": _l("publication date"), "url": _l("web address"),
                       "language": _l("language")}


@teacher.route("/articles/new", methods=["GET", "POST"])
@teacher_only
def new_article() -> tuple[str, int] | Response:
    """Bring an article: read a saved page into the form, correct it, and save it."""
    form = ArticleForm()
    missing: list[str] | None = None
    notes: list[str] = []
    problems: list[str] = []
    if form.is_submitted() and form.read.data:
        missing, notes = _fill_from_page(form)
    elif form.validate_on_submit():
        if not form.source_id.data or not form.title.data:
            problems.append(_("Give the article a source id and a headline."))
        else:
            saved = authoring.save_article(db.session, current_user.account_id,
                                           form.source_id.data, article_markdown(_article_from(form)))
            if not saved.problems:
                flash(_("The article is saved. Your banks can cite it as “%(id)s”.",
                        id=form.source_id.data))
                return redirect(url_for(".banks"), code=303)
            problems = [in_page_language(problem.message) for problem in saved.problems]
    status = 422 if problems or any(f.errors for f in form) else form_status(form)
    return render_template("teacher/article.html", form=form, missing=missing, notes=notes,
                           missing_labels=[str(MISSING_FIELD_NAMES[name]) for name in missing or []],
                           problems=problems), status


def _to_banks(message: str | Markup) -> Response:
    flash(message)
    return redirect(url_for(".banks"), code=303)


@teacher.route("/banks/<slug>/unpublish", methods=["GET", "POST"])
@teacher_only
def unpublish_bank(slug: str) -> str | Response:
    """Take one of the teacher's banks out of the library, once they have read what stops."""
    bank = authoring.own_bank(db.session, current_user.account_id, slug) or abort(404)
    if not bank.listed:
        return _to_banks(say(_("%(title)s is already unpublished."), title=bank.title))
    if not confirmed():
        return confirm_page(say(_("Unpublish %(title)s?"), title=bank.title), [
            _unpublished_means(), _("To publish it again, upload it again.")],
            _("Unpublish the bank"), url_for(".banks"))
    authoring.unpublish_bank(db.session, bank)
    return _to_banks(say(_("%(title)s is unpublished. Results of past attempts stay readable."),
                         title=bank.title))


def _unpublished_means() -> str:
    """What unpublishing does, said on the unpublish and delete pages."""
    return _("It leaves the library, and nobody can start it any more: assignments of it stop "
             "and leave learners' lists. Results of past attempts stay readable, and the scores "
             "already recorded stay on the class boards and reports.")


@teacher.route("/banks/<slug>/delete", methods=["GET", "POST"])
@teacher_only
def delete_bank(slug: str) -> str | Response:
    """Unpublish one of the teacher's banks and take it off their list; nothing is lost."""
    bank = authoring.own_bank(db.session, current_user.account_id, slug) or abort(404)
    if not confirmed():
        return confirm_page(say(_("Delete %(title)s?"), title=bank.title), [
            _unpublished_means(),
            _("It also leaves your list of banks. Its questions are kept, so that past results "
              "stay readable: uploading a bank with the same id brings it back.")],
            _("Delete the bank"), url_for(".banks"))
    authoring.delete_bank(db.session, bank)
    return _to_banks(say(_("%(title)s is deleted. Results of past attempts stay readable."),
                         title=bank.title))


@teacher.route("/articles/<source_id>/delete", methods=["GET", "POST"])
@teacher_only
def delete_article(source_id: str) -> str | Response:
    """Delete one of the teacher's articles, if no question quotes it."""
    article = authoring.own_article(db.session, current_user.account_id, source_id) or abort(404)
    if authoring.banks_citing(db.session, source_id):
        return _cited(article.title, authoring.banks_citing(db.session, source_id))
    if not confirmed():
        return confirm_page(say(_("Delete the article %(title)s?"), title=article.title),
                            [_("No question quotes it. It is deleted for good.")],
                            _("Delete the article"), url_for(".banks"))
    citing = authoring.delete_article(db.session, article)
    if citing:  # a bank quoting it was published meanwhile
        return _cited(article.title, citing)
    return _to_banks(say(_("The article %(title)s is deleted."), title=article.title))


def _cited(title: str, banks: list[str]) -> Response:
    return _to_banks(say(_("%(title)s cannot be deleted: questions of these banks quote it, and "
                           "their results show the quotes: %(banks)s."),
                         title=title, banks=", ".join(banks)))


@teacher.get("/banks/<slug>/questions")
@teacher_only
def bank_questions(slug: str) -> str:
    """A bank's questions: their item analysis and the problems learners reported."""
    me = current_user.account_id
    bank = item_reports.teacher_bank(db.session, me, slug) or abort(404)
    page = item_reports.bank_page(db.session, me, bank, str(get_locale()))
    return render_template("teacher/bank_questions.html", page=page,
                           item_views=item_views(page.report, page.mine), close_form=ButtonForm())


@teacher.post("/flags/<id:flag_id>/close")
@teacher_only
def close_flag(flag_id: int) -> Response:
    """Close a problem a learner reported, once dealt with."""
    if not ButtonForm().validate_on_submit():
        abort(400)
    slug = problem_reports.close_flag(db.session, current_user.account_id, flag_id) or abort(404)
    flash(_("The report is closed."))
    if request.args.get("back") == "problems":  # closed from the page of every open report
        return redirect(url_for(".problems"), code=303)
    return redirect(url_for(".bank_questions", slug=slug), code=303)


@teacher.get("/problems")
@teacher_only
def problems() -> str:
    """Every open problem learners reported on the teacher's banks, with the question's figures;
    ``?classroom=`` keeps those on the banks assigned in one of their classes."""
    me = current_user.account_id
    classroom_id = request.args.get("classroom", type=read_id)
    if classroom_id is None and "classroom" in request.args:
        abort(404)
    classroom = (classrooms.owned_classroom(db.session, me, classroom_id) or abort(404)
                 if classroom_id is not None else None)
    pages = problem_reports.open_reports(db.session, me, str(get_locale()), classroom_id)
    return render_template("teacher/problems.html", pages=pages, classroom=classroom,
                           views={page.slug: item_views(page.report, page.mine) for page in pages},
                           close_form=ButtonForm())
