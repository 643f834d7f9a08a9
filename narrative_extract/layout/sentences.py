"""Paragraph → sentences. Only 。！？ end a sentence: a ``其中：A；B；C`` list stays whole."""

from __future__ import annotations

import regex

from ..model import Paragraph, Sentence

SENTENCE = regex.compile(r"[^。！？!?]*(?:[。！？!?]+[”’」』）)]*|$)")


def paragraph_to_sentences(paragraph: Paragraph) -> list[Sentence]:
    out = []
    for m in SENTENCE.finditer(paragraph.text):
        text = m.group(0)
        if text.strip():
            lead = len(text) - len(text.lstrip())
            out.append(Sentence(text=text.strip(), paragraph=paragraph, start=m.start() + lead))
    return out
