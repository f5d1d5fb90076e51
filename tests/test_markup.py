"""The one markup function: sanitising, tables, lists, references, pasting from Word/e-mail.

Pure Python: runs with `-p no:django`.
"""

import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from arenden.diarienummer import Diarienummer
from arenden.markup import (
    MAX_BODY_CHARS,
    BodyTooLong,
    default_reference_url,
    html_to_markdown,
    plain_text,
    render_markdown,
)

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "del", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li",
    "table", "thead", "tbody", "tr", "th", "td", "blockquote", "code", "pre", "a", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"href", "title", "rel", "class", "start"}


class Elements(HTMLParser):
    """Every element and attribute the browser would see."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.comments: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {k: v or "" for k, v in attrs}))

    handle_startendtag = handle_starttag

    def handle_comment(self, data):
        self.comments.append(data)

    def hrefs(self) -> list[str]:
        return [attrs["href"] for tag, attrs in self.elements if "href" in attrs]


def assert_safe(html: str) -> None:
    parsed = Elements(html)
    assert parsed.comments == []
    for tag, attrs in parsed.elements:
        assert tag in ALLOWED_TAGS, (tag, html)
        for name, value in attrs.items():
            assert name in ALLOWED_ATTRIBUTES, (name, html)
            assert not name.startswith("on")
            lowered = "".join(value.split()).lower()
            for bad in ("javascript:", "vbscript:", "data:", "evil", "expression("):
                assert bad not in lowered, (tag, name, value)
        if "href" in attrs:
            href = attrs["href"]
            assert href.startswith(("http://", "https://", "mailto:", "/")), href
            assert not href.startswith(("//", "/\\")), href
        if "class" in attrs:
            assert set(attrs["class"].split()) <= {
                "ref",
                "ref-diarienummer",
                "ref-paragraf",
                "ref-forfattning",
                "ref-utredning",
                "align-left",
                "align-center",
                "align-right",
            }
    # Markup the browser would act on can only appear as escaped text.
    for raw in (
        "<script",
        "<iframe",
        "<img",
        "<style",
        "<link",
        "<svg",
        "<math",
        "<object",
        "<embed",
        "<form",
        "<input",
        "<meta",
        "<base",
        "<h1",
        "<!--",
    ):
        assert raw not in html.lower(), (raw, html)


XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=http://evil.example/xss.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<img src=x onerror=alert(1)//",
    '<IMG SRC="javascript:alert(1)">',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mi xlink:href=javascript:alert(1)>x</mi></math>",
    '<iframe src="http://evil.example/"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "<object data=http://evil.example/x.swf></object>",
    "<embed src=http://evil.example/x.swf>",
    "<style>body{background:url(http://evil.example/x)}</style>",
    '<link rel=stylesheet href="http://evil.example/x.css">',
    '<meta http-equiv="refresh" content="0;url=http://evil.example/">',
    '<base href="http://evil.example/">',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<p style="width:expression(alert(1))">x</p>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="java&#x09;script:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    "<form action=http://evil.example/><input type=submit></form>",
    "<!-- <script>alert(1)</script> -->",
    "<details open ontoggle=alert(1)>",
    "<body onload=alert(1)>",
    "![x](http://evil.example/x.png)",
    '![x](http://evil.example/x.png "title")',
    "![x][pic]\n\n[pic]: http://evil.example/x.png",
    "[![x](http://evil.example/x.png)](https://example.org/)",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x]( javascript:alert(1) )",
    "[x](java&#x09;script:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](java\\script:alert(1))",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](data:image/png;base64,iVBORw0KGgo=)",
    "[x](file:///etc/passwd)",
    "[x](//evil.example/)",
    "[x](/\\example.net/)",
    '[x](http://example.org "a\\" onmouseover=\\"alert(1)")',
    "[x][ref]\n\n[ref]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "<vbscript:alert(1)>",
    '<http://example.org/"onmouseover="alert(1)>',
    "`<script>alert(1)</script>`",
    "```html\n<script>alert(1)</script>\n```",
    "    <script>alert(1)</script>",
    "| a |\n|---|\n| <img src=x onerror=alert(1)> |",
    "# <script>alert(1)</script>",
    "> <iframe src=http://evil.example/>",
    "**<svg onload=alert(1)>**",
    "<a href='javascript:alert(1)'>[x](javascript:alert(1))</a>",
]


def test_there_are_enough_payloads():
    assert len(XSS_PAYLOADS) >= 25


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_markdown_payloads_render_harmless(payload):
    assert_safe(render_markdown(payload))


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_pasted_payloads_render_harmless(payload):
    assert_safe(render_markdown(html_to_markdown(payload)))


HTML_PAYLOADS = [p for p in XSS_PAYLOADS if p.startswith("<") and p.endswith(">")]


@pytest.mark.parametrize("payload", HTML_PAYLOADS)
def test_pasting_drops_active_html(payload):
    lowered = html_to_markdown(payload).lower()
    for bad in ("<script", "<img", "<iframe", "<svg", "<style", "<link", "<meta", "<base"):
        assert bad not in lowered
    for bad in ("onerror", "onload", "ontoggle", "javascript:", "evil.example"):
        assert bad not in lowered or "[x](javascript:" in payload


def test_raw_html_in_markdown_is_shown_as_text():
    assert render_markdown("Se <b>detta</b>") == "<p>Se &lt;b&gt;detta&lt;/b&gt;</p>\n"


def test_a_reference_url_callable_cannot_inject_a_script_link():
    html = render_markdown("RS/1/2019", reference_url=lambda ref: "javascript:alert(1)")
    assert_safe(html)
    assert "RS/1/2019" in html


def test_links_get_rel_noopener_and_keep_safe_targets():
    html = render_markdown(
        "[a](https://www.regionjh.se/) [b](mailto:registrator@regionjh.se) [c](/diarium/)"
    )
    assert Elements(html).hrefs() == [
        "https://www.regionjh.se/",
        "mailto:registrator@regionjh.se",
        "/diarium/",
    ]
    assert html.count('rel="noopener noreferrer"') == 3


def test_remote_images_keep_only_their_alt_text():
    html = render_markdown("Före ![Organisationsskiss](https://example.org/x.png) efter")
    assert html == "<p>Före Organisationsskiss efter</p>\n"


# --- structure ---------------------------------------------------------------------------

SUM_TABLE = """\
| Belopp i miljoner kronor | 2018 | 2019 | 2020 |
|---|---:|---:|---:|
| Införande av förstärkt vårdgaranti | 6,3 | 6,2 | 6,2 |
| Införande av *patientkontrakt* | 6,3 | 6,3 | 6,2 |
| **SUMMA** | **12,6** | **12,5** | **12,4** |
"""


def test_a_table_with_a_bold_sum_row():
    html = render_markdown(SUM_TABLE)
    assert html.startswith("<table>\n<thead>\n<tr>\n<th>Belopp i miljoner kronor</th>")
    rows = html.split("<tr>")
    assert len(rows) == 5
    last = rows[-1]
    assert "<td><strong>SUMMA</strong></td>" in last
    assert '<td class="align-right"><strong>12,4</strong></td>' in last
    assert "<em>patientkontrakt</em>" in rows[-2]
    assert "style=" not in html
    assert_safe(html)


def test_nested_lists():
    html = render_markdown("- a\n  - b\n    - c\n- d\n\n1. ett\n2. två\n   - under två")
    assert html == (
        "<ul>\n<li>a\n<ul>\n<li>b\n<ul>\n<li>c</li>\n</ul>\n</li>\n</ul>\n</li>\n<li>d</li>\n"
        "</ul>\n<ol>\n<li>ett</li>\n<li>två\n<ul>\n<li>under två</li>\n</ul>\n</li>\n</ol>\n"
    )


def test_a_numbered_list_keeps_its_start():
    assert render_markdown("3. tre\n4. fyra").startswith('<ol start="3">')


def test_headings_never_render_as_h1():
    html = render_markdown("# Ett\n\n## Två\n\nTre\n===\n\n###### Sex")
    assert html == "<h2>Ett</h2>\n<h2>Två</h2>\n<h2>Tre</h2>\n<h6>Sex</h6>\n"


def test_a_bodys_headings_start_at_the_level_it_is_given():
    # Word's "Rubrik 1" arrives as "#", a typed heading as "##", the toolbar's as "###":
    # under a section heading (h2) each is the first level inside it, h3.
    for markdown in ("# Rubrik", "## Rubrik", "### Rubrik"):
        assert render_markdown(markdown, rubrikniva=3) == "<h3>Rubrik</h3>\n", markdown
    assert render_markdown("## Rubrik", rubrikniva=4) == "<h4>Rubrik</h4>\n"


def test_a_bodys_heading_levels_keep_their_distance_and_stop_at_h6():
    html = render_markdown("# Ett\n\n## Två\n\n#### Fyra\n\n###### Sex", rubrikniva=3)
    assert html == "<h3>Ett</h3>\n<h4>Två</h4>\n<h6>Fyra</h6>\n<h6>Sex</h6>\n"
    # Headings inside lists and quotes move with the rest.
    html = render_markdown("## Ett\n\n> ### I citat\n\n- #### I lista", rubrikniva=4)
    assert "<h4>Ett</h4>" in html and "<h5>I citat</h5>" in html and "<h6>I lista</h6>" in html


def test_a_heading_level_that_would_make_a_second_title_is_refused():
    for niva in (0, 1, 7):
        with pytest.raises(ValueError):
            render_markdown("# Rubrik", rubrikniva=niva)


def test_emphasis_strikethrough_quote_code_and_rule():
    html = render_markdown(
        "**fet** *kursiv* ~~struken~~ `kod`\n\n> citat\n\n---\n\n```\nblock\n```"
    )
    assert html == (
        "<p><strong>fet</strong> <em>kursiv</em> <del>struken</del> <code>kod</code></p>\n"
        "<blockquote>\n<p>citat</p>\n</blockquote>\n<hr>\n<pre><code>block\n</code></pre>\n"
    )


def test_a_single_newline_is_a_line_break():
    html = render_markdown("I tjänsten\nHans Svensson\nRegiondirektör")
    assert html == "<p>I tjänsten<br>\nHans Svensson<br>\nRegiondirektör</p>\n"


def test_empty_text_renders_nothing():
    assert render_markdown("") == ""
    assert render_markdown("  \n ") == ""


def test_body_too_long():
    render_markdown("a" * MAX_BODY_CHARS)
    with pytest.raises(BodyTooLong) as raised:
        render_markdown("a" * (MAX_BODY_CHARS + 1))
    assert raised.value.length == MAX_BODY_CHARS + 1
    assert "för lång" in str(raised.value)
    assert isinstance(raised.value, ValueError)


# --- references --------------------------------------------------------------------------

SEED_SENTENCE = (
    "Regionstyrelsen beslutade i augusti 2019 § 130 (RS/554/2019) om inrättande av en "
    "styrgrupp. Se även RS/203/2021, Lag (1993:1652) och SOU 2020:19."
)


def test_references_link_to_the_case_by_default():
    html = render_markdown(SEED_SENTENCE)
    assert html == (
        "<p>Regionstyrelsen beslutade i augusti 2019 "
        '<a href="/arenden/RS-554-2019/" class="ref ref-paragraf" rel="noopener noreferrer">'
        "§ 130 (RS/554/2019)</a> om inrättande av en styrgrupp. Se även "
        '<a href="/arenden/RS-203-2021/" class="ref ref-diarienummer" rel="noopener noreferrer">'
        "RS/203/2021</a>, Lag (1993:1652) och SOU 2020:19.</p>\n"
    )


def test_references_can_be_left_plain():
    assert "<a" not in render_markdown(SEED_SENTENCE, link_references=False)


def test_a_reference_url_callable_decides_every_kind():
    def url(ref):
        if ref.kind == "forfattning":
            return f"https://www.riksdagen.se/sfs/{ref.value}"
        if ref.kind == "diarienummer":
            return None
        return default_reference_url(ref)

    html = render_markdown(SEED_SENTENCE, reference_url=url)
    links = [(a["href"], a["class"]) for tag, a in Elements(html).elements if tag == "a"]
    assert links == [
        ("/arenden/RS-554-2019/", "ref ref-paragraf"),
        ("https://www.riksdagen.se/sfs/1993:1652", "ref ref-forfattning"),
    ]


def test_references_are_not_linked_inside_code_or_existing_links():
    text = (
        "`RS/1/2019` och [se RS/2/2019](https://example.org/) och <https://example.org/RS/3/2019>"
        "\n\n```\nRS/4/2019\n```\n\n    RS/5/2019"
    )
    html = render_markdown(text)
    assert "/arenden/" not in html
    assert Elements(html).hrefs() == ["https://example.org/", "https://example.org/RS/3/2019"]


def test_references_are_linked_in_headings_tables_and_lists():
    html = render_markdown("## RS/1/2019\n\n| a |\n|---|\n| RS/2/2019 |\n\n- RS/3/2019")
    assert Elements(html).hrefs() == [
        "/arenden/RS-1-2019/",
        "/arenden/RS-2-2019/",
        "/arenden/RS-3-2019/",
    ]


def test_a_number_without_a_diarium_is_not_linked():
    assert "<a" not in render_markdown("Dnr 4468-2017")


def test_known_prefixes_limit_what_is_linked():
    html = render_markdown("RS/1/2019 och SKL/2/2019", prefixes=["RS"])
    assert Elements(html).hrefs() == ["/arenden/RS-1-2019/"]


def test_default_reference_url():
    from arenden.diarienummer import find

    [paragraf, dnr, lag] = find("§ 1 (HSN/2/2020) RS/3/2021 Lag (1993:1652)")
    assert default_reference_url(paragraf) == "/arenden/HSN-2-2020/"
    assert default_reference_url(dnr) == "/arenden/RS-3-2021/"
    assert default_reference_url(lag) is None
    assert dnr.value == Diarienummer("RS", 3, 2021)


def test_reference_text_is_escaped():
    html = render_markdown("a<b & RS/1/2019 & c>d")
    assert html == (
        "<p>a&lt;b &amp; "
        '<a href="/arenden/RS-1-2019/" class="ref ref-diarienummer" rel="noopener noreferrer">'
        "RS/1/2019</a> &amp; c&gt;d</p>\n"
    )


# --- plain text ----------------------------------------------------------------------------


def test_plain_text():
    markdown = (
        "# Rubrik\n\n**Fet** och *kursiv* [länk](https://example.org) `kod` ~~bort~~\n\n"
        "- ett\n  - två\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n```\nblock\n```\n\n"
        "<b>rå html</b> ![bild](https://example.org/x.png)"
    )
    assert plain_text(markdown) == (
        "Rubrik\nFet och kursiv länk kod bort\nett\ntvå\nA\tB\n1\t2\nblock\n<b>rå html</b> bild"
    )


def test_plain_text_of_nothing():
    assert plain_text("") == ""
    assert plain_text("\n\n") == ""


# --- pasting from Word and e-mail -------------------------------------------------------------

# What Word 2016 on Windows puts on the clipboard as text/html, trimmed to one heading,
# a paragraph with a bold run, a two-level bulleted list and a 2x3 table.
WORD_CLIPBOARD = """<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns="http://www.w3.org/TR/REC-html40">
<head><meta http-equiv=Content-Type content="text/html; charset=utf-8">
<meta name=ProgId content=Word.Document><meta name=Generator content="Microsoft Word 15">
<link rel=File-List href="file:///C:/Users/x/AppData/Local/Temp/msohtmlclip1/01/clip_filelist.xml">
<!--[if gte mso 9]><xml>
 <o:OfficeDocumentSettings><o:AllowPNG/></o:OfficeDocumentSettings>
</xml><![endif]-->
<style>
<!--
 p.MsoNormal, li.MsoNormal, div.MsoNormal
	{mso-style-unhide:no; margin:0cm; font-size:11.0pt; font-family:"Calibri",sans-serif;}
@list l0:level1 {mso-level-number-format:bullet; mso-level-text:\\F0B7;}
-->
</style></head>
<body lang=SV style='tab-interval:65.2pt;word-wrap:break-word'>
<!--StartFragment-->
<h1><a name="_Toc1"></a><span style='mso-bookmark:_Toc1'>Bakgrund</span><o:p></o:p></h1>

<p class=MsoNormal>Regionstyrelsen beslutade i augusti 2019 §&nbsp;130 (RS/554/2019) om
inrättande av en styrgrupp. <b><span style='font-size:12.0pt'>Viktigt:</span></b>
<i>läs detta</i>.<o:p></o:p></p>

<p class=MsoListParagraphCxSpFirst
style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span
style='font-family:Symbol;mso-fareast-font-family:Symbol'><span style='mso-list:Ignore'>·<span
style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;
</span></span></span><![endif]>Nära vård med stöd av IT<o:p></o:p></p>

<p class=MsoListParagraphCxSpMiddle style='margin-left:72.0pt;mso-add-space:
auto;text-indent:-18.0pt;mso-list:l0 level2 lfo1'><![if !supportLists]><span
style='font-family:"Courier New"'><span style='mso-list:Ignore'>o<span
style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span></span><![endif]>fysiska
hembesök<o:p></o:p></p>

<p class=MsoListParagraphCxSpMiddle style='margin-left:72.0pt;mso-add-space:
auto;text-indent:-18.0pt;mso-list:l0 level2 lfo1'><![if !supportLists]><span
style='font-family:"Courier New"'><span style='mso-list:Ignore'>o<span
style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span></span><![endif]>digitala
hembesök<o:p></o:p></p>

<p class=MsoListParagraphCxSpLast
style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span
style='font-family:Symbol'><span style='mso-list:Ignore'>·<span
style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;
</span></span></span><![endif]>Patientkontrakt<o:p></o:p></p>

<p class=MsoNormal><o:p>&nbsp;</o:p></p>

<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0
 style='border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt'>
 <tr style='mso-yfti-irow:0;mso-yfti-firstrow:yes'>
  <td width=302 valign=top style='width:226.55pt;border:solid windowtext 1.0pt'>
  <p class=MsoNormal>Belopp i miljoner kronor<o:p></o:p></p>
  </td>
  <td width=302 valign=top style='width:226.55pt'><p class=MsoNormal>2018<o:p></o:p></p></td>
 </tr>
 <tr style='mso-yfti-irow:1'>
  <td width=302 valign=top><p class=MsoNormal>Förstärkt vårdgaranti<o:p></o:p></p></td>
  <td width=302 valign=top><p class=MsoNormal>6,3<o:p></o:p></p></td>
 </tr>
 <tr style='mso-yfti-irow:2;mso-yfti-lastrow:yes'>
  <td width=302 valign=top><p class=MsoNormal><b>SUMMA<o:p></o:p></b></p></td>
  <td width=302 valign=top><p class=MsoNormal><b>12,6</b><span
  onclick="alert(1)"> | x</span></p></td>
 </tr>
</table>
<p class=MsoNormal>Se <a href="https://www.regionjh.se/">regionens webb</a> och
<a href="javascript:alert(1)">detta</a>.<img src="http://evil.example/x.png"></p>
<!--EndFragment-->
</body>
</html>"""

WORD_MARKDOWN = """\
# Bakgrund

Regionstyrelsen beslutade i augusti 2019 § 130 (RS/554/2019) om inrättande av en styrgrupp. \
**Viktigt:** *läs detta*.

- Nära vård med stöd av IT
  - fysiska hembesök
  - digitala hembesök
- Patientkontrakt

| Belopp i miljoner kronor | 2018 |
| --- | --- |
| Förstärkt vårdgaranti | 6,3 |
| **SUMMA** | **12,6** \\| x |

Se [regionens webb](https://www.regionjh.se/) och detta."""


def test_word_clipboard_becomes_markdown():
    assert html_to_markdown(WORD_CLIPBOARD) == WORD_MARKDOWN


def test_word_clipboard_round_trips_to_the_same_structure():
    html = render_markdown(html_to_markdown(WORD_CLIPBOARD))
    assert_safe(html)
    assert "<h2>Bakgrund</h2>" in html
    assert "<strong>Viktigt:</strong> <em>läs detta</em>" in html
    assert (
        "<ul>\n<li>Nära vård med stöd av IT\n<ul>\n<li>fysiska hembesök</li>\n"
        "<li>digitala hembesök</li>\n</ul>\n</li>\n<li>Patientkontrakt</li>\n</ul>"
    ) in html
    assert "<thead>\n<tr>\n<th>Belopp i miljoner kronor</th>\n<th>2018</th>" in html
    assert "<td><strong>SUMMA</strong></td>\n<td><strong>12,6</strong> | x</td>" in html
    assert Elements(html).hrefs() == ["/arenden/RS-554-2019/", "https://www.regionjh.se/"]
    for junk in ("mso-", "o:p", "Symbol", "·", "MsoNormal", "StartFragment", "x.png"):
        assert junk not in html


def test_word_numbered_list_with_lettered_sublist():
    html = (
        "<p class=MsoListParagraphCxSpFirst style='mso-list:l1 level1 lfo2'>"
        "<!--[if !supportLists]--><span style='mso-list:Ignore'>1.<span>&nbsp;&nbsp;</span>"
        "</span><!--[endif]-->Styrgruppen upplöses<o:p></o:p></p>\n"
        "<p class=MsoListParagraphCxSpMiddle style='mso-list:l1 level2 lfo2'>"
        "<!--[if !supportLists]--><span style='mso-list:Ignore'>a.<span>&nbsp;</span></span>"
        "<!--[endif]-->första delen</p>\n"
        "<p class=MsoListParagraphCxSpMiddle style='mso-list:l1 level2 lfo2'>"
        "<!--[if !supportLists]--><span style='mso-list:Ignore'>b.<span>&nbsp;</span></span>"
        "<!--[endif]-->andra delen</p>\n"
        "<p class=MsoListParagraphCxSpLast style='mso-list:l1 level1 lfo2'>"
        "<!--[if !supportLists]--><span style='mso-list:Ignore'>2.<span>&nbsp;</span></span>"
        "<!--[endif]-->Frågan överförs</p>\n<p class=MsoNormal>Efter listan</p>"
    )
    markdown = html_to_markdown(html)
    assert markdown == (
        "1. Styrgruppen upplöses\n   1. första delen\n   2. andra delen\n2. Frågan överförs"
        "\n\nEfter listan"
    )
    assert render_markdown(markdown).startswith("<ol>\n<li>Styrgruppen upplöses\n<ol>\n")


def test_word_list_continuing_at_three_keeps_its_number():
    html = (
        "<p style='mso-list:l0 level1 lfo1'><![if !supportLists]><span>3.</span>"
        "<![endif]>tre</p><p style='mso-list:l0 level1 lfo1'><![if !supportLists]>"
        "<span>4.</span><![endif]>fyra</p>"
    )
    assert html_to_markdown(html) == "3. tre\n4. fyra"


# Word's clipboard for a bulleted list, a numbered list and a second numbered list,
# each its own list in Word ("l0", "l1", "l2"), one straight after the other.
WORD_ADJACENT_LISTS = """\
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'>\
<![if !supportLists]><span style='font-family:Symbol;mso-fareast-font-family:Symbol'>\
<span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;\
&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>Nära vård<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'>\
<![if !supportLists]><span style='font-family:Symbol;mso-fareast-font-family:Symbol'>\
<span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;\
&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>Patientkontrakt<o:p></o:p></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l1 level1 lfo2'>\
<![if !supportLists]><span style='mso-fareast-font-family:Calibri'><span \
style='mso-list:Ignore'>1.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;\
</span></span></span><![endif]>Styrgruppen upplöses<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l1 level1 lfo2'>\
<![if !supportLists]><span style='mso-fareast-font-family:Calibri'><span \
style='mso-list:Ignore'>2.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;\
</span></span></span><![endif]>Frågan överförs<o:p></o:p></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l2 level1 lfo3'>\
<![if !supportLists]><span style='mso-fareast-font-family:Calibri'><span \
style='mso-list:Ignore'>1.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;\
</span></span></span><![endif]>Rapporten antas<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l2 level1 lfo3'>\
<![if !supportLists]><span style='mso-fareast-font-family:Calibri'><span \
style='mso-list:Ignore'>2.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;\
</span></span></span><![endif]>Uppdraget avslutas<o:p></o:p></p>
"""


def test_adjacent_word_lists_stay_apart():
    markdown = html_to_markdown(WORD_ADJACENT_LISTS)
    assert markdown == (
        "- Nära vård\n- Patientkontrakt\n\n"
        "1. Styrgruppen upplöses\n2. Frågan överförs\n\n"
        "1) Rapporten antas\n2) Uppdraget avslutas"
    )
    html = render_markdown(markdown)
    assert html.count("<ul>") == 1 and html.count("<ol>") == 2
    # Each numbered list counts from 1: the second one does not go on at 3.
    assert "start=" not in html
    assert "<ol>\n<li>Rapporten antas</li>\n<li>Uppdraget avslutas</li>\n</ol>" in html


def test_a_word_list_whose_marker_changes_kind_at_one_level_becomes_two_lists():
    # One Word list (l0) in which the official switched the last items to bullets.
    def punkt(markor, text, niva=1):
        return (
            f"<p class=MsoListParagraphCxSpMiddle style='mso-list:l0 level{niva} lfo1'>"
            f"<![if !supportLists]><span style='mso-list:Ignore'>{markor}<span>&nbsp; "
            f"</span></span><![endif]>{text}<o:p></o:p></p>\n"
        )

    html = (
        punkt("1.", "Första beslutet")
        + punkt("o", "en underpunkt", 2)
        + punkt("a)", "en bokstavspunkt", 2)
        + punkt("2.", "Andra beslutet")
        + punkt("·", "Att notera")
    )
    markdown = html_to_markdown(html)
    rendered = render_markdown(markdown)
    assert rendered == (
        "<ol>\n<li>Första beslutet\n<ul>\n<li>en underpunkt</li>\n</ul>\n"
        "<ol>\n<li>en bokstavspunkt</li>\n</ol>\n</li>\n<li>Andra beslutet</li>\n</ol>\n"
        "<ul>\n<li>Att notera</li>\n</ul>\n"
    )


def test_adjacent_html_lists_of_one_kind_stay_apart():
    for html, antal in (
        ("<ol><li>a</li><li>b</li></ol><ol><li>c</li></ol>", "<ol>"),
        ("<ul><li>a</li></ul><ul><li>b</li></ul><ul><li>c</li></ul>", "<ul>"),
    ):
        assert render_markdown(html_to_markdown(html)).count(antal) == html.count(antal)


EMAIL_FRAGMENT = (
    '<div dir="ltr"><div>Hej,</div><div><br></div>'
    "<div>Här kommer underlaget till ärendet RS/203/2021.<br>Se bilagan.<br></div>"
    "<div><br></div><div>Med vänlig hälsning<br>Charlotte Funseth<br>Sekretariatet</div>"
    '<div><a href="mailto:charlotte.funseth@regionjh.se">charlotte.funseth@regionjh.se</a></div>'
    '<blockquote class="gmail_quote" style="margin:0 0 0 .8ex">'
    "<div>Tidigare meddelande</div></blockquote></div>"
)


def test_email_fragment_becomes_markdown():
    assert html_to_markdown(EMAIL_FRAGMENT) == (
        "Hej,\n\nHär kommer underlaget till ärendet RS/203/2021.\\\nSe bilagan.\n\n"
        "Med vänlig hälsning\\\nCharlotte Funseth\\\nSekretariatet\n\n"
        "[charlotte.funseth@regionjh.se](mailto:charlotte.funseth@regionjh.se)\n\n"
        "> Tidigare meddelande"
    )


def test_email_fragment_round_trips():
    html = render_markdown(html_to_markdown(EMAIL_FRAGMENT))
    assert_safe(html)
    assert "<p>Med vänlig hälsning<br>\nCharlotte Funseth<br>\nSekretariatet</p>" in html
    assert "<blockquote>\n<p>Tidigare meddelande</p>\n</blockquote>" in html
    assert "\\" not in html


def test_google_docs_styles_become_emphasis():
    html = (
        '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1">'
        '<h2 dir="ltr"><span style="font-size:16pt">Rubrik</span></h2>'
        '<p dir="ltr"><span style="font-weight:700">Fet</span><span> och </span>'
        '<span style="font-style:italic">kursiv</span></p>'
        "<ul><li><p>ett</p><ul><li><p>två</p></li></ul></li></ul></b>"
    )
    assert html_to_markdown(html) == "## Rubrik\n\n**Fet** och *kursiv*\n\n- ett\n  - två"


def test_html_lists_and_tables_with_a_header():
    html = (
        "<h3>Lista</h3><ol><li>ett<ul><li>under</li></ul></li><li>två</li></ol>"
        "<table><thead><tr><th>A</th><th>B</th></tr></thead>"
        "<tbody><tr><td>1</td><td>2</td></tr></tbody></table>"
    )
    assert html_to_markdown(html) == (
        "### Lista\n\n1. ett\n   - under\n2. två\n\n| A | B |\n| --- | --- |\n| 1 | 2 |"
    )


def test_pasted_markdown_characters_are_escaped():
    markdown = html_to_markdown("<p>5 * 3 = 15 och file_name</p>")
    assert render_markdown(markdown) == "<p>5 * 3 = 15 och file_name</p>\n"


def test_pasting_nothing():
    assert html_to_markdown("") == ""
    assert html_to_markdown("<p>&nbsp;</p><div><br></div>") == ""


def test_pasting_plain_text_keeps_it():
    assert html_to_markdown("bara text") == "bara text"


# --- importability -------------------------------------------------------------------------


def test_importable_without_django_settings():
    root = Path(__file__).resolve().parents[1]
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    code = (
        "import sys; import arenden.markup, arenden.diarienummer; "
        "print(arenden.markup.render_markdown('RS/1/2019')); "
        "assert 'django.conf' not in sys.modules"
    )
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "/arenden/RS-1-2019/" in result.stdout
