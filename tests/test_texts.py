"""Free texts: HTML paragraphs kept, tags and entities gone, wrapped lines re-joined."""

from __future__ import annotations

from jixiao.texts import clean, join_wrapped


def test_html_paragraphs_become_lines():
    raw = "<p>（一）贯彻执行&nbsp;科技方针。</p>\n<p>  </p><p>(二) 组织<b>拟订</b>规划。</p>"
    assert clean(raw) == "（一）贯彻执行 科技方针。\n(二) 组织拟订规划。"


def test_plain_text_is_one_paragraph_with_white_space_folded():
    assert clean("  加强  科技\t创新 ") == "加强 科技 创新"


def test_wrapped_chinese_joins_without_separator():
    assert join_wrapped(["培育科技型中小企", "业2400家。"]) == "培育科技型中小企业2400家。"


def test_new_paragraph_only_after_a_sentence_and_an_enumerator():
    lines = ["（一）贯彻落实国家科技方针。", "（二）负责全市科技", "（专项）资金管理。", "负责技术市场。", "1.组织实施。"]
    assert join_wrapped(lines) == "（一）贯彻落实国家科技方针。\n（二）负责全市科技（专项）资金管理。负责技术市场。\n1.组织实施。"


def test_blank_lines_are_ignored():
    assert join_wrapped(["第一行", "", "   ", "第二行"]) == "第一行第二行"


def test_text_outside_paragraphs_is_kept_in_place():
    assert clean("前言<p>第一段。</p>\n<p>第二段。</p>附：说明") == "前言\n第一段。\n第二段。\n附：说明"
