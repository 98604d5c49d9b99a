"""Names of bodies cut short inside a sentence, made whole from the letter's addressees."""

from __future__ import annotations

from loaders.cut_names import completed_name

COMMITTEE = "Ban Chỉ đạo quốc gia về khắc phục chất độc hóa học do Mỹ sử dụng tại Việt Nam"


def test_a_name_cut_at_a_verb_inside_it_is_made_whole() -> None:
    text = f"Giao Bộ Ngoại giao, {COMMITTEE}nghiên cứu báo cáo, có ý kiến trình Thủ tướng"
    got = completed_name("Bộ Ngoại giao, Ban", text, ["Bộ Ngoại giao", COMMITTEE])
    assert got == f"Bộ Ngoại giao, {COMMITTEE}"


def test_run_together_words_still_match_the_printed_name() -> None:
    text = "Giao Ban Chỉ đạo quốcgia về khắc phục chất độc hóa học do Mỹ sử dụng tại Việt Nam"
    assert completed_name("Ban Chỉ đạo quốcgia", text, [COMMITTEE]) == COMMITTEE


def test_a_phrase_already_whole_or_a_name_the_text_does_not_go_on_with_is_kept() -> None:
    names = ["Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"]
    whole = "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trungương"
    assert completed_name(whole, f"Yêu cầu {whole} thực hiện", names) == whole
    assert completed_name("Ban", "Giao Ban Tuyên giáo chủ trì", [COMMITTEE]) == "Ban"
    assert completed_name("Bộ Công an", "Giao Bộ Công an chủ trì", []) == "Bộ Công an"
