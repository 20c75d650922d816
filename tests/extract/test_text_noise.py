"""Page noise blanked (not cut), folding with offsets, sentence and clause splitting, phrase matching."""

from __future__ import annotations

import pytest

from gazetteer import Kind
from gazetteer.normalize import fold_text
from geo_incidents.extraction.lexicon import Lexicon
from geo_incidents.text import split_sentences
from geo_incidents.text.phrases import PhraseMatcher


@pytest.fixture(scope="module")
def noise():
    return Lexicon().noise


def test_noise_lines_urls_hashtags_and_channel_prefixes_blanked(noise):
    text = ("A.M.C | قصف على الحي https://t.co/x #حلب_نيوز\nنص الخبر.\nاقرأ أيضاً: خبر آخر\n"
            "شارك عبر تلغرام\nاقترح تصحيحاً\nاترك تعليقاً")
    cleaned = noise.clean(text)
    assert len(cleaned) == len(text)
    assert cleaned.count("\n") == text.count("\n")
    for gone in ("A.M.C", "https", "#حلب", "اقرأ", "شارك", "اقترح", "اترك"):
        assert gone not in cleaned
    assert "قصف على الحي" in cleaned and "نص الخبر." in cleaned
    assert cleaned.index("قصف") == text.index("قصف")


def test_a_hashtag_that_is_a_place_s_whole_name_is_the_place(noise, tiny_extractor, article):
    """#معرة_النعمان names the town with "_" for its space; #حلب_نيوز is a channel's tag and goes."""
    text = "غارات تستهدف #كفرنبل و #معرة_النعمان الآن #حلب_نيوز"
    cleaned = noise.clean(text, lambda tag: tag == "#معرة_النعمان")
    assert len(cleaned) == len(text) and " معرة النعمان " in cleaned and "نيوز" not in cleaned
    places = {i.location for i in tiny_extractor.extract(article(text))}
    assert places == {"كفرنبل", "معرة النعمان"}, places


def test_a_hashtag_is_read_once_until_places_are_added(article):
    """A channel's tag recurs in every report it sends: ``find`` reads it once; a place added to the
    gazetteer afterwards (a new name index) is seen at the tag's next reading."""
    from gazetteer import Gazetteer
    from geo_incidents.extraction import Extractor
    from tests.extract.conftest import TINY_PLACES, _place

    gazetteer = Gazetteer.from_places(TINY_PLACES)
    extractor = Extractor(gazetteer)
    read = []
    find = gazetteer.find
    gazetteer.find = lambda text: read.append(text) or find(text)
    text = "قصف على كفرنبل #معرة_مصرين"
    for _ in range(3):
        assert {i.location for i in extractor.extract(article(text))} == {"كفرنبل"}
    assert read.count("#معرة_مصرين") == 1
    assert "مصرين" not in extractor.lexicon.noise.clean(text, extractor._place_tag)  # a channel's tag, it seems
    gazetteer.add([_place("x:misrin", "معرة مصرين", Kind.TOWN, 36.74, 36.01, admin1="إدلب", population=20_000)])
    assert "معرة مصرين" in extractor.lexicon.noise.clean(text, extractor._place_tag)
    assert read.count("#معرة_مصرين") == 2


def test_folding_maps_offsets_back_through_dropped_diacritics():
    text = "سُمِعَت أصواتُ القذائفِ في حيّ الأشرفية"
    norm = fold_text(text)
    assert "سمعت اصوات القذايف" in norm.text
    start = norm.text.index("الاشرفيه")
    o_start, o_end = norm.to_original(start, start + len("الاشرفيه"))
    assert text[o_start:o_end] == "الأشرفية"
    assert norm.from_original(o_start, o_end) == (start, start + len("الاشرفيه"))


def test_alef_maqsura_is_not_folded_into_alef():
    assert fold_text("مستشفى على").text == "مستشفي علي"


def test_sentences_clauses_and_paragraphs():
    text = "عنوان الخبر\n\nقصف على الحي، حيث سقطت قذائف. وجرح اثنان!\n\nفقرة ثانية"
    sentences = split_sentences(text)
    assert [text[s.start : s.end] for s in sentences] == [
        "عنوان الخبر", "قصف على الحي، حيث سقطت قذائف", "وجرح اثنان", "فقرة ثانية"]
    assert [s.paragraph for s in sentences] == [0, 1, 1, 2]
    assert [text[c.start : c.end].strip() for c in sentences[1].clauses] == ["قصف على الحي", "حيث سقطت قذائف"]


def test_phrase_matcher_clitics_article_and_suffixes():
    matcher = PhraseMatcher([("القصف الجوي", "air"), ("قصف", "shell"), ("اشتباك", "clash")])
    text = fold_text("وبالقصف الجوي، واشتباكات، وقصفت، واستقصفوا").text
    found = [(text[m.start : m.end], m.payload) for m in matcher.find(text)]
    assert found == [("قصف الجوي", "air"), ("اشتباك", "clash"), ("قصف", "shell")]


def test_trigger_inside_an_actor_name_is_ignored(tiny_extractor, article):
    assert tiny_extractor.extract(article("بيان من هيئة تحرير الشام حول سراقب")) == []


def test_analyst_lexicon_folder_extends_triggers(tmp_path, tiny_gazetteer, article):
    from geo_incidents.extraction import Extractor
    from geo_incidents.extraction.lexicon import DEFAULT_DIR

    for path in DEFAULT_DIR.glob("*.toml"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    with open(tmp_path / "triggers.toml", "a", encoding="utf-8") as fh:
        fh.write('\n[[trigger]]\nevent_type = "Strategic developments"\nsub_event_type = "Other"\n'
                 'priority = 20\nphrases = ["حفر خنادق"]\n')
    art = article("حفر خنادق حول سراقب")
    assert Extractor(tiny_gazetteer).extract(art) == []
    [inc] = Extractor(tiny_gazetteer, lexicon_dir=tmp_path).extract(art)
    assert (inc.event_type, inc.sub_event_type, inc.place_id) == ("Strategic developments", "Other", "x:saraqib")


def test_a_text_without_a_trigger_tells_no_incident_but_its_unknown_places_are_read(tiny_extractor, article):
    """Every event has a trigger: a text without one returns before its cue words, dates and sentence kinds
    are read, but the names the gazetteer does not hold are still listed (the run's summary counts them)."""
    from gazetteer.normalize import fold_text as fold
    from geo_incidents.extraction.events import group_events
    from geo_incidents.extraction.unresolved import unresolved_names

    text = "افتتاح مستشفى الأمل في حي الفرقان بمدينة كفرنبل يوم الثلاثاء 3 آذار 2020"
    assert tiny_extractor.extract(article(text)) == []
    assert tiny_extractor.last_unresolved == unresolved_names(tiny_extractor.gazetteer.find(text))
    assert "حي الفرقان" in tiny_extractor.last_unresolved
    folded = fold(text).text
    sentences = split_sentences(folded)
    assert group_events(sentences, lambda pos: 0, [], [], folded, set()) == []
