"""Tests for catalog search as you type: matching and ranking, with hand-written pinyin readings."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.domain.search import (
    MatchedField,
    SearchEntry,
    SearchHit,
    SearchIndex,
    SearchText,
    normalise_query,
)

PROPERTY = settings(max_examples=200, deadline=None)

# Every reading pypinyin gives for the characters used here (polyphones have several).
READINGS: dict[str, tuple[str, ...]] = {
    "社": ("she",), "会": ("hui", "kuai"), "保": ("bao",), "障": ("zhang",), "卡": ("ka", "qia"),
    "申": ("shen",), "领": ("ling",), "挂": ("gua",), "失": ("shi",), "城": ("cheng",),
    "乡": ("xiang",), "居": ("ju", "ji"), "民": ("min",), "养": ("yang",), "老": ("lao",),
    "险": ("xian",), "参": ("can", "shen", "cen"), "登": ("deng",), "记": ("ji",), "银": ("yin",),
    "行": ("hang", "xing", "heng"), "代": ("dai",), "发": ("fa",), "重": ("chong", "zhong"),
    "庆": ("qing",), "籍": ("ji",), "人": ("ren",), "员": ("yuan",), "住": ("zhu",), "长": ("chang", "zhang"),
    "期": ("qi",), "护": ("hu",), "理": ("li",), "请": ("qing",), "户": ("hu",), "口": ("kou",),
    "迁": ("qian",), "移": ("yi",), "死": ("si",), "亡": ("wang",), "注": ("zhu",), "销": ("xiao",),
    "落": ("luo", "la", "lao"), "开": ("kai",), "证": ("zheng",), "明": ("ming",), "新": ("xin",),
    "生": ("sheng",), "儿": ("er",), "科": ("ke",), "所": ("suo",), "簿": ("bu",), "需": ("xu",),
    "提": ("ti",), "供": ("gong",), "市": ("shi",), "本": ("ben",), "考": ("kao",), "试": ("shi",),
    "报": ("bao",), "名": ("ming",), "务": ("wu",), "绿": ("lv", "lu"), "色": ("se", "shai"),
    "通": ("tong",), "道": ("dao",), "岁": ("sui",), "高": ("gao",), "龄": ("ling",), "津": ("jin",),
    "贴": ("tie",), "镇": ("zhen",), "服": ("fu",),
}  # fmt: skip


def zh(text: str) -> SearchText:
    """A Chinese text with its readings from the table; every 汉字 must be in it."""
    missing = [char for char in text if "\u4e00" <= char <= "\u9fff" and char not in READINGS]
    assert not missing, f"add readings for {missing}"
    return SearchText(text, tuple(READINGS.get(char, ()) for char in text))


def entry(
    code: str,
    name: str,
    name_en: str = "",
    *,
    keywords: tuple[str, ...] = (),
    department: str = "乡镇服务所",
    department_en: str = "",
    guide_zh: tuple[str, ...] = (),
    guide_en: tuple[str, ...] = (),
) -> SearchEntry:
    """A search entry for a made-up service."""
    return SearchEntry(
        code=code,
        name=zh(name),
        name_en=name_en or f"Service {code}",
        keywords=tuple(zh(keyword) for keyword in keywords),
        department=zh(department),
        department_en=department_en,
        guide_zh=guide_zh,
        guide_en=guide_en,
    )


CATALOG = (
    entry("SB-APPLY", "社会保障卡申领", "Application for a social security card", keywords=("社保卡",)),
    entry("SB-LOST", "社会保障卡挂失", "Reporting a lost social security card", keywords=("社保卡", "挂失")),
    entry(
        "PENSION",
        "城乡居民养老保险参保登记",
        "Enrolment in basic pension insurance for urban and rural residents",
        keywords=("养老", "参保"),
    ),
    entry("BANK", "银行卡代发登记", "Registering a bank card for payments"),
    entry("CHONGQING", "重庆籍人员居住登记", "Residence registration for people from Chongqing"),
    entry("CARE", "长期护理保险申请", "Application for long-term care insurance"),
    entry("GREEN", "绿色通道", "Green channel"),
    entry("OLD-AGE", "高龄津贴申请", "Old-age allowance", keywords=("80岁",)),
)


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    """The small test catalog, indexed."""
    return SearchIndex.build(CATALOG)


def codes(hits: list[SearchHit]) -> list[str]:
    """The service codes of some hits, in order."""
    return [hit.code for hit in hits]


def highlighted(hit: SearchHit) -> str:
    """The part of the matched text the UI highlights."""
    return hit.text[hit.span[0] : hit.span[1]]


# --- normalising what was typed ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("SBK", "sbk"),
        ("ｓｂｋ", "sbk"),
        ("ＳＨＥ　ＢＡＯ", "shebao"),
        (" she bao ka ", "shebaoka"),
        ("xi'an", "xian"),
        ("shè bǎo", "shebao"),
        ("社保 卡", "社保卡"),
        ("'; DROP TABLE", "droptable"),
        ("😀", ""),
        ("\u202e\x00", ""),
    ],
)
def test_normalise_query_folds_width_case_tones_and_drops_the_rest(typed: str, folded: str) -> None:
    assert normalise_query(typed) == folded


# --- what finds a service -----------------------------------------------------------------------------


def test_initials_of_a_keyword_find_the_service(index: SearchIndex) -> None:
    hits = index.search("sbk")
    assert codes(hits) == ["SB-APPLY", "SB-LOST"]
    assert hits[0].field is MatchedField.KEYWORD
    assert highlighted(hits[0]) == "社保卡"


@pytest.mark.parametrize(
    "typed", ["shbzk", "shbz", "shehuibaozhangka", "she hui bao zhang ka", "shehuibaozhangk"]
)
def test_initials_and_full_pinyin_of_the_name_find_it_as_a_name_prefix(
    index: SearchIndex, typed: str
) -> None:
    hits = index.search(typed)
    assert codes(hits)[:2] == ["SB-APPLY", "SB-LOST"]
    assert hits[0].field is MatchedField.NAME
    assert hits[0].score == 90


@pytest.mark.parametrize("typed", ["shebaoka", "she bao ka", "shebao", "shebaok", "shebk", "社bk", "社保k"])
def test_full_pinyin_mid_syllable_and_mixed_typing_find_the_keyword(index: SearchIndex, typed: str) -> None:
    assert codes(index.search(typed)) == ["SB-APPLY", "SB-LOST"]


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("yinhang", "BANK"),
        ("yinxing", "BANK"),
        ("yhk", "BANK"),
        ("chongqing", "CHONGQING"),
        ("zhongqing", "CHONGQING"),
        ("cqj", "CHONGQING"),
        ("changqihuli", "CARE"),
        ("zhangqihuli", "CARE"),
        ("zqhl", "CARE"),
        ("lvse", "GREEN"),
        ("luse", "GREEN"),
        ("lüse", "GREEN"),
    ],
)
def test_every_reading_of_a_polyphonic_character_is_accepted(
    index: SearchIndex, typed: str, code: str
) -> None:
    assert codes(index.search(typed))[0] == code


def test_a_character_alone_is_a_pinyin_prefix_not_a_free_for_all(index: SearchIndex) -> None:
    # hu|ji would need 户籍; 护理 is hu|li, so "huji" matches nothing here.
    assert index.search("huji") == []
    assert codes(index.search("huli")) == ["CARE"]


def test_hanzi_find_names_keywords_and_exact_names(index: SearchIndex) -> None:
    assert codes(index.search("社会保障卡")) == ["SB-APPLY", "SB-LOST"]
    assert codes(index.search("养老")) == ["PENSION"]
    exact = index.search("绿色通道")
    assert codes(exact) == ["GREEN"] and exact[0].score == 100
    assert highlighted(exact[0]) == "绿色通道"


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("pension", "PENSION"),
        ("PENSION", "PENSION"),
        ("social security", "SB-APPLY"),
        ("socialsec", "SB-APPLY"),
        ("ｂａｎｋ", "BANK"),
        ("long-term care", "CARE"),
        ("chongq", "CHONGQING"),
    ],
)
def test_english_words_find_the_service(index: SearchIndex, typed: str, code: str) -> None:
    assert codes(index.search(typed))[0] == code


def test_an_english_match_says_so_and_highlights_the_words(index: SearchIndex) -> None:
    (hit,) = index.search("pension")
    assert hit.field is MatchedField.NAME
    assert hit.text == "Enrolment in basic pension insurance for urban and rural residents"
    assert highlighted(hit) == "pension"


def test_english_matches_start_at_a_word_that_is_not_a_stop_word(index: SearchIndex) -> None:
    assert index.search("ension") == []
    assert "PENSION" not in codes(index.search("forurban"))


@pytest.mark.parametrize("typed", ["ｓｂｋ", "ＳＢＫ", "S B K", "ｓｈｅ　ｂａｏ　ｋａ", "sHeBaOkA"])
def test_full_width_upper_case_and_stray_spaces_are_tolerated(index: SearchIndex, typed: str) -> None:
    assert codes(index.search(typed)) == ["SB-APPLY", "SB-LOST"]


def test_digits_in_a_keyword_are_found(index: SearchIndex) -> None:
    assert codes(index.search("80")) == ["OLD-AGE"]
    assert codes(index.search("80sui")) == ["OLD-AGE"]


# --- ranking ------------------------------------------------------------------------------------------

TIERS = (
    entry("GUIDE", "居住证申领", guide_zh=("需提供户口簿",)),
    entry("DEPARTMENT", "新生儿登记", department="户口科"),
    entry("KEYWORD-PREFIX", "开证明", keywords=("户口证明",)),
    entry("KEYWORD-EXACT", "落户申请", keywords=("户口",)),
    entry("CONTAINS-LONG", "死亡注销户口登记"),
    entry("CONTAINS", "死亡注销户口"),
    entry("CONTAINS-TIE", "新生儿落户口"),
    entry("PREFIX", "户口迁移"),
    entry("EXACT", "户口"),
)
TIER_ORDER = [
    "EXACT",
    "PREFIX",
    "CONTAINS",
    "CONTAINS-TIE",
    "CONTAINS-LONG",
    "KEYWORD-EXACT",
    "KEYWORD-PREFIX",
    "DEPARTMENT",
    "GUIDE",
]


def test_ranking_exact_prefix_contains_keyword_department_guide() -> None:
    hits = SearchIndex.build(TIERS).search("户口")
    assert codes(hits) == TIER_ORDER
    assert [hit.score for hit in hits] == [100, 90, 80, 80, 80, 70, 65, 35, 20]
    assert [hit.field for hit in hits][-3:] == [
        MatchedField.KEYWORD,
        MatchedField.DEPARTMENT,
        MatchedField.GUIDE,
    ]


@pytest.mark.parametrize("typed", ["hukou", "hu kou", "HUKOU", "hk"])
def test_ranking_is_the_same_for_pinyin_except_guides(typed: str) -> None:
    # Guide texts are searched by their characters and English words, not by pinyin.
    assert codes(SearchIndex.build(TIERS).search(typed)) == TIER_ORDER[:-1]


def test_initials_of_a_name_rank_before_initials_of_a_keyword() -> None:
    index = SearchIndex.build((*CATALOG, entry("EXAM", "市本考试报名")))
    hits = index.search("sbk")
    assert codes(hits) == ["EXAM", "SB-APPLY", "SB-LOST"]
    assert [hit.field for hit in hits] == [MatchedField.NAME, MatchedField.KEYWORD, MatchedField.KEYWORD]


def test_an_exact_keyword_lifts_a_name_match_above_shorter_names() -> None:
    index = SearchIndex.build((entry("SHORT", "居民养老"), *CATALOG))
    hits = index.search("养老")
    assert codes(hits) == ["PENSION", "SHORT"]
    assert [hit.score for hit in hits] == [85, 80]


def test_ties_keep_catalog_order() -> None:
    twins = [entry(f"T{number}", "社会保障卡申领") for number in range(5)]
    assert codes(SearchIndex.build(twins).search("sbk")) == []
    assert codes(SearchIndex.build(twins).search("shbz")) == [f"T{number}" for number in range(5)]


def test_limit_cuts_the_list_after_ranking(index: SearchIndex) -> None:
    everything = index.search("s")
    assert len(everything) > 2
    assert index.search("s", limit=2) == everything[:2]
    assert index.search("s", limit=0) == []


def test_guide_texts_need_two_characters() -> None:
    index = SearchIndex.build(TIERS)
    assert "GUIDE" not in codes(index.search("簿"))
    assert "GUIDE" in codes(index.search("口簿"))


def test_english_guide_texts_need_three_letters() -> None:
    index = SearchIndex.build([entry("G", "居住证申领", guide_en=("Bring your household register",))])
    assert index.search("ho") == []
    assert codes(index.search("hou")) == ["G"]
    assert index.search("hou")[0].field is MatchedField.GUIDE


# --- junk never crashes -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "junk",
    [
        "",
        "   ",
        "\u3000",
        "'; DROP TABLE services; --",
        "😀😀",
        "a" * 500,
        "社" * 500,
        "\x00\x1b[2J",
        "\ud800",
        "%%%",
    ],
)
def test_empty_and_junk_queries_find_nothing(index: SearchIndex, junk: str) -> None:
    assert index.search(junk) == []


@PROPERTY
@given(st.text(max_size=60))
def test_any_text_is_searched_without_error(text: str) -> None:
    hits = SearchIndex.build(CATALOG).search(text)
    assert all(0 <= hit.span[0] < hit.span[1] <= len(hit.text) for hit in hits)
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)


def test_readings_must_line_up_with_the_characters() -> None:
    with pytest.raises(ValueError, match="readings"):
        SearchText("社保", (("she",),))


# --- narrowing while typing gives the same answers as a fresh search ----------------------------------

typing_alphabet = st.sampled_from([*"shebaozkqiyngclu", "社", "保", "户", "口", " "])


@PROPERTY
@given(st.lists(st.text(typing_alphabet, min_size=1, max_size=12), min_size=1, max_size=6))
def test_typing_step_by_step_gives_the_results_of_a_fresh_search(queries: list[str]) -> None:
    typing = SearchIndex.build(CATALOG + TIERS)
    for query in queries:
        for end in range(1, len(query) + 1):
            typing.search(query[:end])
        assert typing.search(query) == SearchIndex.build(CATALOG + TIERS).search(query)


def test_backspace_and_retyping_give_the_results_of_a_fresh_search(index: SearchIndex) -> None:
    fresh = SearchIndex.build(CATALOG)
    for typed in ["s", "sh", "she", "sheb", "she", "sh", "shb", "shbz", "sh", "s", "社", "社b", "sb", "sbk"]:
        assert index.search(typed) == fresh.search(typed), typed
