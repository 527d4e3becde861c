"""Where each line of a tangled source comes from in the book.

notangle -L writes `#line N "chapters/FILE.nw"` before every stretch of code;
the lines after a directive are lines N, N+1, ... of that chapter file. The
chapter's name gives the tier (chapters/tierN-<slug>.nw)."""

import re

LINE_DIRECTIVE = re.compile(r'^\s*#\s*line\s+(\d+)\s+"([^"]*)"')
TIER_CHAPTER = re.compile(r"tier(\d+)-")


def book_locations(text):
    """For each line of a tangled file (index 0 is line 1): (chapter, line)
    in the book, or None for a #line directive and lines before the first."""
    where = []
    chapter, line = None, 0
    for source_line in text.splitlines():
        directive = LINE_DIRECTIVE.match(source_line)
        if directive:
            chapter, line = directive.group(2), int(directive.group(1))
            where.append(None)
            continue
        where.append((chapter, line) if chapter else None)
        line += 1
    return where


def tier_of(chapter):
    """The tier a chapter file describes, or None (the frame, the measuring chapter...)."""
    found = TIER_CHAPTER.search(chapter or "")
    return int(found.group(1)) if found else None
