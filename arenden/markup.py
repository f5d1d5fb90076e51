"""The one markup function: stored Markdown in, safe HTML out.

The web page, the live preview and the PDF all call `render_markdown`, so what the
official sees is what prints. Text is stored as Markdown; `html_to_markdown` turns what
officials paste from Word and e-mail into the same Markdown, and `plain_text` gives
the words alone for search documents and snippets.

Safety is layered: markdown-it never passes raw HTML through (`html=False` escapes it),
and its output is then sanitised by nh3 against a short allow-list, so a mistake in one
layer is caught by the other. No images: a remote image in a body would make the PDF
renderer fetch any address (SSRF) and let the page call home to whoever wrote it.

Importable without Django settings; nothing here touches Django.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import cache

import nh3
from bs4 import BeautifulSoup, Comment, Declaration, NavigableString, Tag
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markdownify import ATX, BACKSLASH, MarkdownConverter

from arenden.diarienummer import Diarienummer, Reference, find

__all__ = [
    "MAX_BODY_CHARS",
    "MAX_PASTE_HTML_CHARS",
    "BodyTooLong",
    "default_reference_url",
    "html_to_markdown",
    "plain_text",
    "render_markdown",
]

MAX_BODY_CHARS = 100_000
# Word's clipboard HTML is many times larger than its text (styles, spans, conditional
# comments), so the limit on what may be pasted is far above the body limit.
MAX_PASTE_HTML_CHARS = 1_000_000


class BodyTooLong(ValueError):
    """A text longer than the app stores; the message is shown to the user as is."""

    def __init__(self, length: int, limit: int = MAX_BODY_CHARS) -> None:
        self.length = length
        self.limit = limit
        super().__init__(
            f"Texten är för lång: {length:_} tecken, högst {limit:_} får plats.".replace("_", " ")
        )


# --- Markdown to HTML ----------------------------------------------------------------


@cache
def _md() -> MarkdownIt:
    md = MarkdownIt(
        "commonmark",
        {
            "html": False,
            "linkify": False,
            "typographer": False,
            "xhtmlOut": False,
            # Officials write in a textarea and expect Enter to start a new line, as in
            # Word and e-mail; signature blocks ("Hans Svensson / Regiondirektör") and
            # the seeds' line-per-item texts depend on it.
            "breaks": True,
        },
    )
    md.enable(["table", "strikethrough"])
    md.disable(["html_inline", "html_block"])
    return md


_ALIGN_CLASSES = frozenset({"align-left", "align-center", "align-right"})
_REF_CLASSES = frozenset(
    {"ref", "ref-diarienummer", "ref-paragraf", "ref-forfattning", "ref-utredning"}
)
_RENDER_TAGS = frozenset(
    {
        "p", "br", "strong", "em", "del", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li",
        "table", "thead", "tbody", "tr", "th", "td", "blockquote", "code", "pre", "a", "hr",
    }
)  # fmt: skip
_URL_SCHEMES = frozenset({"http", "https", "mailto"})


def _site_relative(url: str) -> str | None:
    # Only paths on this site. "//host" and "/\host" are other sites to a browser.
    if url.startswith("/") and not url.startswith(("//", "/\\")):
        return url
    return None


def _filter_attribute(tag: str, attr: str, value: str) -> str | None:
    if tag == "ol" and attr == "start":
        return value if value.isdigit() and len(value) <= 9 else None
    return value


@cache
def _cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=set(_RENDER_TAGS),
        clean_content_tags={"script", "style"},
        attributes={"a": {"href", "title"}, "ol": {"start"}},
        attribute_filter=_filter_attribute,
        allowed_classes={
            "a": set(_REF_CLASSES),
            "th": set(_ALIGN_CLASSES),
            "td": set(_ALIGN_CLASSES),
        },
        url_schemes=set(_URL_SCHEMES),
        url_relative=_site_relative,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def default_reference_url(ref: Reference) -> str | None:
    """Where a reference links by default: a case page for diarienummer and paragraf.

    A prefix-less number ("Dnr 4468-2017") names no diarium and so no page.
    """
    if ref.kind not in ("diarienummer", "paragraf"):
        return None
    dnr = ref.value[1] if isinstance(ref.value, tuple) else ref.value
    if not isinstance(dnr, Diarienummer) or dnr.prefix is None:
        return None
    return f"/arenden/{dnr.slug}/"


def _inline_text(children: Sequence[Token]) -> str:
    out: list[str] = []
    for tok in children:
        if tok.type in ("text", "code_inline"):
            out.append(tok.content)
        elif tok.type == "image":
            out.append(_inline_text(tok.children or []))
        elif tok.type in ("softbreak", "hardbreak"):
            out.append("\n")
    return "".join(out)


def _text_token(content: str) -> Token:
    return Token("text", "", 0, content=content)


def _linked(
    content: str,
    url_for: Callable[[Reference], str | None],
    prefixes: list[str] | None,
) -> list[Token]:
    tokens: list[Token] = []
    pos = 0
    for ref in find(content, prefixes):
        href = url_for(ref)
        if not href:
            continue
        if ref.start > pos:
            tokens.append(_text_token(content[pos : ref.start]))
        tokens.append(
            Token("link_open", "a", 1, attrs={"href": href, "class": f"ref ref-{ref.kind}"})
        )
        tokens.append(_text_token(ref.text))
        tokens.append(Token("link_close", "a", -1))
        pos = ref.end
    if not tokens:
        return [_text_token(content)]
    if pos < len(content):
        tokens.append(_text_token(content[pos:]))
    return tokens


def _rewrite_inline(
    children: list[Token],
    url_for: Callable[[Reference], str | None] | None,
    prefixes: list[str] | None,
) -> list[Token]:
    out: list[Token] = []
    link_depth = 0
    for tok in children:
        if tok.type == "image":
            # The alt text stays readable; the address is never rendered.
            tok = _text_token(_inline_text(tok.children or []))
        elif tok.type in ("s_open", "s_close"):
            tok.tag = "del"
        elif tok.type == "link_open":
            link_depth += 1
        elif tok.type == "link_close":
            link_depth -= 1
        # Code spans are their own token type, so only prose reaches find().
        if url_for is not None and tok.type == "text" and link_depth == 0 and tok.content:
            out.extend(_linked(tok.content, url_for, prefixes))
        else:
            out.append(tok)
    return out


def _heading_levels(tokens: list[Token], rubrikniva: int | None) -> dict[int, str]:
    """The tag each Markdown heading level becomes.

    Without `rubrikniva` only "#" moves (to h2: the page's h1 is the document title).
    With it the body's shallowest heading gets that level and the others keep their
    distance below it, capped at h6: a body sits under a heading the page gives it, so
    Word's "Rubrik 1", a typed "## " and the toolbar's "### " all mean the first level
    inside the section, and no level is skipped on the way down.
    """
    levels = {int(tok.tag[1]) for tok in tokens if tok.type == "heading_open"}
    if rubrikniva is None:
        return {1: "h2"} if 1 in levels else {}
    shift = rubrikniva - min(levels, default=rubrikniva)
    return {level: f"h{min(6, level + shift)}" for level in levels}


def _rewrite(
    tokens: list[Token],
    url_for: Callable[[Reference], str | None] | None,
    prefixes: list[str] | None,
    rubrikniva: int | None = None,
) -> None:
    headings = _heading_levels(tokens, rubrikniva)
    for tok in tokens:
        if tok.type in ("heading_open", "heading_close"):
            tok.tag = headings.get(int(tok.tag[1]), tok.tag)
        elif tok.type in ("th_open", "td_open"):
            style = str(tok.attrs.pop("style", ""))
            if style.startswith("text-align:"):
                tok.attrs["class"] = "align-" + style.removeprefix("text-align:")
        elif tok.type == "inline" and tok.children:
            tok.children = _rewrite_inline(tok.children, url_for, prefixes)


def render_markdown(
    text: str,
    *,
    link_references: bool = True,
    reference_url: Callable[[Reference], str | None] | None = None,
    prefixes: Iterable[str] | None = None,
    rubrikniva: int | None = None,
) -> str:
    """Markdown as sanitised HTML, ready for mark_safe().

    CommonMark plus tables and strikethrough; raw HTML is shown as text; a single
    newline is a line break; "#" headings come out as h2, since the page's h1 is the
    document title. `rubrikniva` (2–6) places a body's headings under the heading the
    page gives the body: its shallowest heading becomes h<rubrikniva>, deeper ones
    follow at the same distance, none deeper than h6. References found by
    `diarienummer.find()` in prose (never inside code or an existing link) become
    links with class "ref ref-<kind>": `reference_url(ref)` gives the href, or None to
    leave the text plain; by default diarienummer and paragraf references point at the
    case page and statutes and SOU/Ds are left as text. `prefixes` are the known
    diaria, passed on to find().

    Raises BodyTooLong for text over MAX_BODY_CHARS.
    """
    if rubrikniva is not None and not 2 <= rubrikniva <= 6:
        raise ValueError(f"rubrikniva must be 2–6 (h1 is the page's title), not {rubrikniva}")
    if len(text) > MAX_BODY_CHARS:
        raise BodyTooLong(len(text))
    if not text.strip():
        return ""
    md = _md()
    env: dict = {}
    tokens = md.parse(text, env)
    url_for = (reference_url or default_reference_url) if link_references else None
    known = list(prefixes) if prefixes is not None else None
    _rewrite(tokens, url_for, known, rubrikniva)
    html = md.renderer.render(tokens, md.options, env)
    return _cleaner().clean(html)


def plain_text(markdown: str) -> str:
    """The words of a Markdown text without markup: one line per block, cells by tab."""
    if not markdown or not markdown.strip():
        return ""
    parts: list[str] = []
    for tok in _md().parse(markdown):
        if tok.type == "inline":
            parts.append(_inline_text(tok.children or []))
        elif tok.type in ("code_block", "fence"):
            parts.append(tok.content + "\n")
        elif tok.type in ("th_close", "td_close"):
            parts.append("\t")
        elif tok.type.endswith("_close") or tok.type == "hr":
            parts.append("\n")
    lines = (line.split("\t") for line in "".join(parts).splitlines())
    cleaned = ("\t".join(" ".join(cell.split()) for cell in line).strip() for line in lines)
    return "\n".join(line for line in cleaned if line)


# --- pasted HTML to Markdown -----------------------------------------------------------

# Elements whose content is never text the official meant to paste.
_DROP = frozenset(
    {
        "head", "style", "script", "meta", "link", "title", "xml", "noscript", "template",
        "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math", "img",
        "picture", "video", "audio", "source", "track", "canvas", "map", "form", "input",
        "button", "select", "textarea", "option", "o:p",
    }
)  # fmt: skip
_PASTE_TAGS = frozenset(
    {
        "p", "br", "div", "h1", "h2", "h3", "h4", "h5", "h6", "b", "strong", "i", "em", "s",
        "strike", "del", "ul", "ol", "li", "table", "thead", "tbody", "tfoot", "tr", "th", "td",
        "a", "blockquote", "pre", "code", "hr",
    }
)  # fmt: skip
_MSO_LIST_RE = re.compile(r"mso-list\s*:\s*(?:(l\d+)\s+)?level(\d+)", re.I)
_ORDERED_MARKER_RE = re.compile(r"\(?(?:\d{1,4}|[a-z]|[ivxlcdm]{1,6})[.)]", re.I)


def _style(tag: Tag) -> dict[str, str]:
    # One CSS declaration list from one attribute, not HTML: a split is enough.
    declarations: dict[str, str] = {}
    for part in str(tag.get("style") or "").split(";"):
        name, sep, value = part.partition(":")
        if sep:
            declarations[name.strip().lower()] = value.strip().lower()
    return declarations


def _is_marker(node: object, text: str) -> bool:
    return isinstance(node, (Comment, Declaration)) and node.strip().strip("[]").lower() == text


def _pop_conditional(start: Comment | Declaration) -> str:
    """Remove a Word `<![if !supportLists]>…<![endif]>` block, returning its text."""
    removed: list[str] = []
    node = start.next_sibling
    while node is not None and not _is_marker(node, "endif"):
        nxt = node.next_sibling
        removed.append(node.get_text() if isinstance(node, Tag) else str(node))
        node.extract()
        node = nxt
    if node is not None:
        node.extract()
    start.extract()
    return "".join(removed)


def _list_marker(p: Tag) -> str:
    for node in p.descendants:
        if _is_marker(node, "if !supportlists"):
            return _pop_conditional(node)
    for span in p.find_all("span"):
        if _style(span).get("mso-list") == "ignore":
            marker = span.get_text()
            span.decompose()
            return marker
    return ""


def _word_list(node: object) -> tuple[str, int] | None:
    """A Word list paragraph's list id ("l0", "l1"; "" when unnamed) and level."""
    if isinstance(node, Tag) and node.name == "p":
        m = _MSO_LIST_RE.search(str(node.get("style") or ""))
        if m:
            return (m.group(1) or "").lower(), int(m.group(2))
    return None


def _word_list_level(node: object) -> int | None:
    found = _word_list(node)
    return found[1] if found else None


def _convert_word_lists(soup: BeautifulSoup) -> None:
    """Word's clipboard has no <ul>/<ol>: each item is a <p> with "mso-list: l0 level2".

    Runs of such paragraphs become real, nested lists; the marker Word draws ("·", "o",
    "1.", "a)") decides bulleted or numbered, item by item. A run ends where the list id
    changes (two lists side by side, "l0" then "l1"), and a marker of the other kind at
    the same level starts a new list there, so adjacent lists stay apart.
    """
    for first in soup.find_all("p"):
        start = _word_list(first)
        if first.parent is None or start is None:
            continue
        run: list[Tag] = [first]
        node = first.next_sibling
        while node is not None:
            if isinstance(node, NavigableString) and (
                isinstance(node, (Comment, Declaration)) or not node.strip()
            ):
                node = node.next_sibling
                continue
            found = _word_list(node)
            if found is None or (found[0] and start[0] and found[0] != start[0]):
                break
            run.append(node)
            node = node.next_sibling

        roots: list[Tag] = []
        stack: list[tuple[int, Tag]] = []
        for p in run:
            level = _word_list_level(p) or 1
            marker = " ".join(_list_marker(p).split())
            m = _ORDERED_MARKER_RE.fullmatch(marker)
            kind = "ol" if m else "ul"
            while stack and stack[-1][0] > level:
                stack.pop()
            if stack and stack[-1][0] == level and stack[-1][1].name != kind:
                stack.pop()
            if not stack or stack[-1][0] < level:
                new = soup.new_tag(kind)
                if m and marker.strip("().").isdigit() and int(marker.strip("().")) != 1:
                    new["start"] = marker.strip("().")
                if stack:
                    items = stack[-1][1].find_all("li", recursive=False)
                    holder = items[-1] if items else stack[-1][1]
                    holder.append(new)
                else:
                    roots.append(new)
                stack.append((level, new))
            li = soup.new_tag("li")
            for child in list(p.contents):
                li.append(child.extract())
            stack[-1][1].append(li)
        for root in roots:
            first.insert_before(root)
        for p in run:
            p.decompose()


def _apply_inline_styles(soup: BeautifulSoup) -> None:
    # Google Docs wraps everything in <b style="font-weight:normal"> and marks real
    # bold and italic only by style; Outlook and Word sometimes do the same on spans.
    for tag in soup.find_all(True):
        style = _style(tag)
        weight = style.get("font-weight", "")
        if tag.name in ("b", "strong") and weight in ("normal", "400"):
            tag.unwrap()
            continue
        if tag.name == "span":
            if weight in ("bold", "bolder", "600", "700", "800", "900"):
                tag.wrap(soup.new_tag("strong"))
            if style.get("font-style") == "italic":
                tag.wrap(soup.new_tag("em"))
        elif tag.name == "p" and "MsoTitle" in (tag.get("class") or []):
            tag.name = "h1"


_BLOCKS = frozenset(
    {"p", "div", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"}
)


def _trim_breaks(soup: BeautifulSoup) -> None:
    # E-mail clients write blank lines as <div><br></div> and end lines with <br>
    # before </div>; at the edge of a block a break is spacing, not content, and in
    # Markdown it would become a stray backslash.
    for block in soup.find_all(_BLOCKS):
        for children in (reversed(block.contents), block.contents):
            for child in list(children):
                if isinstance(child, Tag) and child.name == "br":
                    child.decompose()
                elif isinstance(child, Tag) or str(child).strip(" \t\r\n\xa0"):
                    break


def _prepare(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(lambda t: t.name in _DROP or t.name.startswith(("v:", "w:"))):
        tag.decompose()
    _convert_word_lists(soup)
    for node in soup.find_all(string=lambda s: isinstance(s, Comment | Declaration)):
        if _is_marker(node, "if !supportlists"):
            _pop_conditional(node)
        else:
            node.extract()
    _apply_inline_styles(soup)
    for li in soup.find_all("li"):
        # Google Docs puts each item in a <p>, which would make every list "loose".
        paragraphs = li.find_all("p", recursive=False)
        if len(paragraphs) == 1:
            paragraphs[0].unwrap()
    _trim_breaks(soup)
    for node in soup.find_all(string=True):
        if "\xa0" in node:
            # Word pads with no-break spaces; left in, they stop "**" from closing.
            node.replace_with(node.replace("\xa0", " "))
    return str(soup)


# markdownify recurses once per element level; real documents (an e-mail thread's
# quotes included) stay far below this, and deeper content is kept, just flattened.
_MAX_DEPTH = 40


def _flatten(soup: BeautifulSoup) -> None:
    depth: dict[int, int] = {id(soup): 0}
    too_deep: list[Tag] = []
    for tag in soup.find_all(True):
        depth[id(tag)] = depth.get(id(tag.parent), 0) + 1
        if depth[id(tag)] > _MAX_DEPTH:
            too_deep.append(tag)
    # Innermost first, so each unwrap moves an already flat handful of nodes.
    for tag in reversed(too_deep):
        tag.unwrap()


def _follows_same_kind(lista: Tag) -> bool:
    """Whether this list comes right after an odd number of lists of its own kind.

    In Markdown two lists side by side with the same marker are one list (the second
    "1." would go on counting from the first); alternating the marker keeps them apart.
    """
    count = 0
    node = lista.previous_sibling
    while node is not None:
        if isinstance(node, NavigableString) and not node.strip():
            node = node.previous_sibling
            continue
        if not (isinstance(node, Tag) and node.name == lista.name):
            break
        count += 1
        node = node.previous_sibling
    return count % 2 == 1


class _PasteConverter(MarkdownConverter):
    def convert_li(self, el, text, parent_tags):
        markdown = super().convert_li(el, text, parent_tags)
        parent = el.parent
        if parent is not None and parent.name in ("ol", "ul") and _follows_same_kind(parent):
            if parent.name == "ol":
                markdown = re.sub(r"^(\d+)\.", r"\1)", markdown, count=1)
            else:
                markdown = re.sub(r"^-", "*", markdown, count=1)
        return markdown

    def convert_td(self, el, text, parent_tags):
        return super().convert_td(el, text.replace("|", r"\|"), parent_tags)

    def convert_th(self, el, text, parent_tags):
        return super().convert_th(el, text.replace("|", r"\|"), parent_tags)

    def convert_img(self, el, text, parent_tags):
        return ""


@cache
def _paste_cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=set(_PASTE_TAGS),
        clean_content_tags=set(_DROP - _PASTE_TAGS) | {"script", "style"},
        attributes={"a": {"href"}, "td": {"colspan"}, "th": {"colspan"}, "ol": {"start"}},
        attribute_filter=_filter_attribute,
        url_schemes=set(_URL_SCHEMES),
        # A relative link from someone else's page means nothing here.
        url_relative="deny",
        link_rel=None,
        strip_comments=True,
    )


def html_to_markdown(html: str) -> str:
    """Pasted rich text (the clipboard's text/html from Word or e-mail) as Markdown.

    Keeps headings, bold, italic, strikethrough, bulleted and numbered lists with their
    nesting (Word's paragraph-based lists included), tables (the first row becomes the
    header, as Word tables have none), links with http/https/mailto addresses and line
    breaks. Drops Word's styles, conditional comments and <o:p>, spans and fonts,
    scripts, event handlers and images.
    """
    if not html or not html.strip():
        return ""
    if len(html) > MAX_PASTE_HTML_CHARS:
        raise BodyTooLong(len(html), MAX_PASTE_HTML_CHARS)
    soup = BeautifulSoup(_paste_cleaner().clean(_prepare(html)), "html.parser")
    _flatten(soup)
    markdown = _PasteConverter(
        heading_style=ATX,
        bullets="-",
        strong_em_symbol="*",
        newline_style=BACKSLASH,
        table_infer_header=True,
        # Source HTML is hard-wrapped (Word at ~76 columns); those newlines are not
        # line breaks, and with breaks=True in render_markdown they would become some.
        wrap=True,
        wrap_width=None,
    ).convert_soup(soup)
    lines = [line.rstrip() for line in markdown.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
