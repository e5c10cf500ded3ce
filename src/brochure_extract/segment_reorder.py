"""Cards in the order the page printed them, where plain-text OCR read them in another: a card
heading read before the end of the card above it, and a column of fact boxes read after all the
cards. Lines only move within the cards' spans, so the card starts stay valid."""
from __future__ import annotations

from dataclasses import replace

from .segment_cardheads import FACT_HEAD_RE, OWNER_ROW_RE, card_head
from .segment_common import Line, ends_sentence, strip_bullet
from .segment_facts import is_fact_line
from .segment_quotes import find_quote, parse_attribution


def lower_early_heads(ls: list[Line], starts: list[int], end: int) -> list[Line]:
    """OCR may read a card's heading ("PROJEKT 2") before the end of the card above it: the heading
    stands over prose, and the title, partner line and facts of its own card come further down.
    Put the heading back over its title. (Start indexes stay valid: lines only move within a span.)"""
    out = list(ls)
    for k in range(1, len(starts)):
        s = starts[k]
        stop = starts[k + 1] if k + 1 < len(starts) else end
        if s + 1 >= stop or card_head(out[s].text.strip())[1] or not (
                len(out[s + 1].text) > 60 and not is_fact_line(out[s + 1].text)):
            continue
        f = next((x for x in range(s + 2, min(stop, s + 40))
                  if FACT_HEAD_RE.match(out[x].text) or is_fact_line(strip_bullet(out[x].text)[0])), None)
        if f is None:
            continue
        t = f  # up from the facts over the card's title and partner line, to the prose above them
        while (t - 1 > s + 1 and f - t < 3 and out[t - 1].gap_before and len(out[t - 1].text) <= 90
               and not ends_sentence(out[t - 1].text)
               and not (parse_attribution(out[t - 1].text) or find_quote(out, t - 1, stop))):
            t -= 1  # (each a block of its own: OCR sets the title and partner lines apart)
        if t < f:
            head = out.pop(s)
            out.insert(t - 1, replace(head, gap_before=True))
            starts[k] = t - 1
    return out


def return_fact_boxes(ls: list[Line], starts: list[int], end: int) -> tuple[list[Line], list[int]]:
    """OCR reads a column of fact boxes set beside the cards after all of them: several "Fakta i
    korthet" boxes in the last card's span, none in the cards before. Give them back in order,
    each to the end of its card's span (where a fact list after the body is read)."""
    heads = [i for i in range(starts[-1], end) if (m := FACT_HEAD_RE.match(ls[i].text)) and not m.group(2)]
    m = len(heads)
    if m < 2 or m > len(starts):
        return ls, starts
    owners = list(range(len(starts) - m, len(starts)))
    for k in owners[:-1]:
        span = range(starts[k], starts[k + 1])
        if (any(FACT_HEAD_RE.match(ls[i].text) for i in span)
                or sum(is_fact_line(strip_bullet(ls[i].text)[0]) for i in span) >= 2):
            return ls, starts  # that card has its own facts: the boxes are the last card's
    blocks = [ls[heads[j]:heads[j + 1]] for j in range(m - 1)]
    moved = set(range(heads[0], heads[-1]))
    out: list[Line] = []
    new_starts: list[int] = []
    for k, s in enumerate(starts):
        stop = starts[k + 1] if k + 1 < len(starts) else len(ls)
        new_starts.append(len(out))
        out.extend(ln for i, ln in enumerate(ls[s:stop], s) if i not in moved)
        if k in owners[:-1]:
            block = blocks[owners.index(k)]
            out.extend([replace(block[0], gap_before=True), *block[1:]])
    return ls[:starts[0]] + out, [starts[0] + n for n in new_starts]


def return_side_columns(ls: list[Line], starts: list[int], end: int) -> tuple[list[Line], list[int]]:
    """Two cards on a page, each with a side column (fact box, quote) beside its body: OCR reads
    both bodies, then both side columns. A card's span then holds two fact boxes, the card before
    it none; the first box, with what follows it up to the second, goes back to the card before."""
    out = list(ls)
    new_starts = list(starts)
    for k in range(1, len(new_starts)):
        a, s = new_starts[k - 1], new_starts[k]
        stop = new_starts[k + 1] if k + 1 < len(new_starts) else end
        owners = [i for i in range(s + 1, stop) if OWNER_ROW_RE.match(strip_bullet(out[i].text)[0])]
        facts_before = any(OWNER_ROW_RE.match(strip_bullet(out[i].text)[0]) or FACT_HEAD_RE.match(out[i].text)
                           or is_fact_line(strip_bullet(out[i].text)[0]) for i in range(a + 1, s))
        if len(owners) != 2 or facts_before or owners[0] <= s + 1:
            continue
        block = out[owners[0]:owners[1]]
        rest = out[s:owners[0]] + out[owners[1]:stop]
        out[a:stop] = out[a:s] + [replace(block[0], gap_before=True), *block[1:]] + rest
        new_starts[k] = s + len(block)  # the card's own heading moved down by the block's length
    return out, new_starts
