"""How large a request may be: 1 MiB for a bank, more for a saved web page."""

from __future__ import annotations

from flask import Request, abort, current_app

from quizapp.domain.yaml_reader import MAX_FILE_BYTES

# Room for the form's other fields and the multipart framing around the file itself.
FORM_OVERHEAD = 64 * 1024


class SizeLimitedRequest(Request):
    """A request whose size limit depends on the page it is sent to.

    Flask reads the limit before any view runs (CSRF protection reads the form first),
    so it is chosen here from the matched endpoint rather than set in the view.
    """

    @property
    def max_content_length(self) -> int | None:  # type: ignore[override]
        """The largest body this endpoint accepts."""
        if self._max_content_length is not None:
            return self._max_content_length
        config = current_app.config
        if self.endpoint in config["LARGE_UPLOAD_ENDPOINTS"]:
            return int(config["SAVED_PAGE_MAX_BYTES"]) + FORM_OVERHEAD
        if config["MAX_CONTENT_LENGTH"] is None:
            return None
        return int(config["MAX_CONTENT_LENGTH"]) + FORM_OVERHEAD

    @max_content_length.setter
    def max_content_length(self, value: int | None) -> None:
        self._max_content_length = value

    @property
    def max_form_memory_size(self) -> int | None:  # type: ignore[override]
        """Pasted text is a form field, not a file: it may be as large as an upload."""
        return self.max_content_length

    @max_form_memory_size.setter
    def max_form_memory_size(self, value: int | None) -> None:
        self._max_form_memory_size = value


def within_bank_limit(data: bytes) -> bytes:
    """``data``, when a bank may be that large (the spec's 1 MiB); 413 otherwise."""
    if len(data) > MAX_FILE_BYTES:
        abort(413)
    return data
