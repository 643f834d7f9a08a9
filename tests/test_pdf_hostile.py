"""Issue 13: hostile PDFs cost a clear error, not the batch; odd pages keep pdfplumber's reading."""

from __future__ import annotations

import json
import zlib
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from narrative_extract import cli
from narrative_extract.errors import InputError
from narrative_extract.ingest.pdf import pdf_to_raw
from narrative_extract.model import TextLine
from narrative_extract.settings import DEFAULT_SETTINGS

PDF = Path(__file__).parent / "fixtures" / "pdf"
runner = CliRunner()


def pdf_with_content(path: Path, content: bytes) -> Path:
    """A one-page PDF whose content stream is ``content``, Flate-compressed (xref offsets exact)."""
    stream = zlib.compress(content, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def test_a_page_whose_content_inflates_past_the_limit_is_refused_before_parsing(tmp_path):
    """A Flate stream of zeros inflating to hundreds of MB hung pdfminer (661 KB file, over 400 s)."""
    bomb = pdf_with_content(tmp_path / "bomb.pdf", bytes(3 * 2**20))
    assert bomb.stat().st_size < 10_000
    with pytest.raises(InputError) as err:
        pdf_to_raw(str(bomb), replace(DEFAULT_SETTINGS, page_content_mb=2))
    assert err.value.reason == "page 1: its content inflates to more than 2 MB (a decompression bomb?); refused"
    # within the limit the same page is read as usual (an empty page: no text layer)
    with pytest.raises(InputError, match="no text layer"):
        pdf_to_raw(str(bomb), replace(DEFAULT_SETTINGS, page_content_mb=4))


def test_a_decompression_bomb_is_an_error_record_with_default_settings(tmp_path):
    bomb = pdf_with_content(tmp_path / "bomb.pdf", bytes(300 * 2**20))  # 300 MB of zeros in ~300 KB
    result = runner.invoke(cli.app, ["check", "-q", str(bomb), str(PDF / "clipped_text_box.pdf")])
    assert result.exit_code == 2
    records = [json.loads(x) for x in result.stdout.splitlines()]
    assert records[0] == {"doc": str(bomb), "error": "page 1: its content inflates to more than 64 MB "
                                                      "(a decompression bomb?); refused"}
    assert records[1]["doc"] == str(PDF / "clipped_text_box.pdf") and "error" not in records[1]


def test_a_page_pdfium_cannot_load_keeps_pdfplumbers_reading(monkeypatch):
    """pdf_clip's docstring promises pdfplumber's reading for a page pypdfium2 cannot read; a page it
    could not load was an internal error instead."""
    import pypdfium2 as pdfium

    real = pdfium.PdfDocument.__getitem__

    def second_page_fails(self, index):
        if index == 1:
            raise pdfium.PdfiumError("Failed to load page.")
        return real(self, index)

    monkeypatch.setattr(pdfium.PdfDocument, "__getitem__", second_page_fails)
    raw = pdf_to_raw(str(PDF / "clipped_text_box.pdf"))
    copies = [i.loc.page for i in raw.items if isinstance(i, TextLine) and "1,623.18" in i.text]
    assert copies == [1, 2]  # p.1 clipped as usual; p.2 unclipped, as pdfplumber reads it
