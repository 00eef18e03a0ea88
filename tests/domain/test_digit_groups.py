"""ID and mobile numbers grouped for checking: 6-8-4 and 3-4-4, as typed so far."""

from hypothesis import given
from hypothesis import strategies as st

from kiosk.domain.digit_groups import group_id_number, group_mobile


def test_full_numbers_are_grouped_6_8_4_and_3_4_4() -> None:
    assert group_id_number("11010519491231002X") == "110105 19491231 002X"
    assert group_mobile("13812345678") == "138 1234 5678"


def test_a_number_being_typed_is_grouped_as_far_as_it_goes() -> None:
    assert [group_id_number("1101051949123100"[:n]) for n in (0, 5, 6, 7, 14, 15)] == [
        "",
        "11010",
        "110105",
        "110105 1",
        "110105 19491231",
        "110105 19491231 0",
    ]
    assert group_mobile("1381") == "138 1"


def test_spaces_already_typed_do_not_count() -> None:
    assert group_id_number(" 110 105 19491231002X ") == "110105 19491231 002X"


@given(st.text(alphabet="0123456789X ", max_size=24))
def test_grouping_keeps_every_character_in_order_and_is_stable(raw: str) -> None:
    grouped = group_id_number(raw)
    assert grouped.replace(" ", "") == raw.replace(" ", "")
    assert group_id_number(grouped) == grouped
