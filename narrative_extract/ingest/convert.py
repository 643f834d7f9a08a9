"""Formats read through LibreOffice: DOC, WPS, ET, RTF and OpenDocument (``convert_and_read``).

No well-kept Python library reads Word 97 (DOC), Kingsoft WPS/ET or RTF tables faithfully, and
LibreOffice does: when ``soffice`` (or ``libreoffice``) is on PATH — looked up when such a file
comes, not at import — the file is converted headless into a temporary folder (``--convert-to
docx`` / ``xlsx``, a private profile so that parallel workers never share one) and the result is
read by the DOCX or XLSX reader, every location and message still naming the original file.
Without LibreOffice the file gets one clear error saying what to convert it to.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import InputError
from ..model import RawDocument
from ..settings import Settings

#: what each kind of file is converted to, and the name a reader knows it by
TARGETS = {"docx": "DOCX", "xlsx": "XLSX"}
#: the name a file is handed to LibreOffice under: Kingsoft's WPS and ET are Word and Excel binaries
#: inside, and LibreOffice takes a ``.wps`` for Microsoft Works
HANDED_AS = {".wps": ".doc", ".wpt": ".doc", ".et": ".xls", ".ett": ".xls"}


def find_converter(settings: Settings) -> str | None:
    """The LibreOffice program to convert with, or None when none is installed."""
    if settings.office_converter:
        return shutil.which(settings.office_converter)
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_and_read(path: str, kind: str, target: str, settings: Settings) -> RawDocument:
    """Read ``path`` (a ``kind`` file such as "legacy Word (DOC)") converted to ``target``
    ("docx" or "xlsx"). Raises InputError naming the file when it cannot be converted."""
    program = find_converter(settings)
    if program is None:
        raise InputError(path, f"{kind} file: it is read through LibreOffice, which is not installed "
                               f"(no soffice or libreoffice on PATH); save it as {TARGETS[target]} or PDF "
                               "and check that file, or install LibreOffice")
    with tempfile.TemporaryDirectory(prefix="narrative-extract-") as tmp:
        suffix = Path(path).suffix.lower()
        source = Path(tmp) / ("input" + HANDED_AS.get(suffix, suffix))
        shutil.copyfile(path, source)  # a plain name: LibreOffice mangles some paths, and the output is named after it
        command = [program, f"-env:UserInstallation={Path(tmp, 'profile').as_uri()}", "--headless", "--norestore",
                   "--convert-to", target, "--outdir", tmp, str(source)]
        try:
            done = subprocess.run(command, capture_output=True, timeout=settings.convert_timeout, check=False)
        except subprocess.TimeoutExpired:
            raise InputError(path, f"{kind} file: LibreOffice did not convert it to {TARGETS[target]} within "
                                   f"{settings.convert_timeout:g} s") from None
        except OSError as err:
            raise InputError(path, f"{kind} file: LibreOffice ({program}) could not be run: {err.strerror}") from None
        out = Path(tmp) / f"input.{target}"
        if not out.is_file():
            why = (done.stderr or done.stdout).decode("utf-8", "replace").strip().splitlines()
            raise InputError(path, f"{kind} file: LibreOffice could not convert it to {TARGETS[target]}"
                                   + (f" ({why[-1]})" if why else " (corrupt or not that format?)"))
        if target == "docx":
            from .docx import docx_to_raw

            raw = docx_to_raw(str(out), source=path)
        else:
            from .xlsx import xlsx_to_raw

            raw = xlsx_to_raw(str(out), source=path)
    return raw
