"""Actors: canonical names, inter codes, aliases by camp, and names that depend on the period."""

from __future__ import annotations

from datetime import date


def actors_of(extractor, article, title, text="", published=date(2025, 12, 24)):
    [inc] = extractor.extract(article(title, text, published=published))
    return (inc.actor1, inc.inter1, inc.actor1_ar), (inc.actor2, inc.inter2, inc.actor2_ar)


def test_syrian_army_before_and_after_december_2024(tiny_extractor, article):
    text = "دارت اشتباكات بين الجيش السوري وتنظيم داعش قرب سراقب."
    old, other = actors_of(tiny_extractor, article, "سراقب", text, published=date(2016, 5, 1))
    new, _ = actors_of(tiny_extractor, article, "سراقب", text)
    assert old[0].startswith("Syrian government forces (Assad") and old[1] == 1
    assert new[0] == "Syrian government forces"
    assert other == ("Islamic State (Syria)", 2, "تنظيم داعش")


def test_how_each_camp_writes_the_sdf(tiny_extractor, article):
    for alias in ("قسد", "قوات سوريا الديمقراطية", "ميليشيا قسد"):
        (name, inter, found), _ = actors_of(tiny_extractor, article, f"اشتباكات بين {alias} والأهالي في سراقب")
        assert (name, inter, found) == ("Syrian Democratic Forces (SDF)", 2, alias)


def test_longest_alias_wins(tiny_extractor, article):
    (name, inter, found), _ = actors_of(
        tiny_extractor, article, "اشتبكت قوى الأمن الداخلي الكردية مع عناصر مجهولين في سراقب")
    assert name.startswith("Asayish") and found == "قوى الأمن الداخلي الكردية"


def test_civilians_are_the_second_actor_of_an_attack_on_civilians(tiny_extractor, article):
    [inc] = tiny_extractor.extract(article("مقتل مدني برصاص قناص في سراقب"))
    assert inc.event_type == "Violence against civilians"
    assert (inc.actor2, inc.inter2) == ("Civilians (Syria)", 7)


def test_an_actor_keeps_its_article_after_a_clitic(tiny_extractor, article):
    # "والقوات", "وبالأسايش": the clitic goes, the article stays, as the lexicon writes the name
    text = "اندلعت اشتباكات بين الأسايش والقوات الحكومية في سراقب."
    (_, _, first), (_, _, second) = actors_of(tiny_extractor, article, "سراقب", text)
    assert (first, second) == ("الأسايش", "القوات الحكومية")


def test_an_actor_is_shown_with_the_article_the_text_gives_it(tiny_extractor, article):
    # the alias قصف روسي written القصف الروسي; ل + النظام written للنظام (the article's alef dropped)
    (first, _, shown), _ = actors_of(tiny_extractor, article, "القصف الروسي على سراقب", published=date(2016, 5, 1))
    assert (first, shown) == ("Military Forces of Russia", "القصف الروسي")
    text = "سقطت قذائف للنظام على سراقب."
    (_, _, shown), _ = actors_of(tiny_extractor, article, "سراقب", text, published=date(2016, 5, 1))
    assert shown == "النظام"


def test_a_foreign_state_s_forces_by_what_they_fly_or_fire_and_its_adjective(tiny_extractor, article):
    """الطيران الحربي الروسي، طائرات حربية روسية، قصف مدفعي تركي: noun, a word of kind or none, the adjective;
    the name shown as the text writes it, article included."""
    cases = [("غارة للطيران الحربي الروسي على سراقب", "Military Forces of Russia", "الطيران الحربي الروسي"),
             ("طائرات حربية روسية تقصف سراقب", "Military Forces of Russia", "طائرات حربية روسية"),
             ("قصف مدفعي تركي على سراقب", "Military Forces of Turkey", "قصف مدفعي تركي"),
             ("غارات جوية إسرائيلية على سراقب", "Military Forces of Israel", "غارات جوية إسرائيلية")]
    for title, name, found in cases:
        (actor, inter, shown), _ = actors_of(tiny_extractor, article, title, published=date(2023, 5, 1))
        assert (actor, inter, shown) == (name, 8, found)


def test_a_weapon_of_foreign_make_names_no_foreign_force(tiny_extractor, article):
    (actor, _, _), _ = actors_of(tiny_extractor, article, "سقوط صاروخ روسي الصنع على سراقب")
    assert actor == ""


def test_an_organisation_s_name_that_holds_an_actor_s_word_names_no_party(tiny_extractor, article):
    """الدفاع المدني is a rescue organisation (civil, not civilians): who reports or rescues is no party."""
    for text in ("قصفت الطائرات الحربية سراقب، وقال الدفاع المدني إن فرقه انتشلت جثتين.",
                 "استهدفت غارة جوية مركز الدفاع المدني في سراقب."):
        (first, _, _), (second, _, _) = actors_of(tiny_extractor, article, "سراقب", text)
        assert "Civilians (Syria)" not in (first, second), text
    # civilians named beside it still are
    text = "قتل ثلاثة مدنيين بغارة جوية على سراقب، وانتشل الدفاع المدني جثثهم."
    _, (second, _, _) = actors_of(tiny_extractor, article, "سراقب", text)
    assert second == "Civilians (Syria)"


def test_an_actor_in_a_demand_or_a_slogan_names_no_party(tiny_extractor, article):
    """The regime whose fall a protest demands did nothing at it; who did is told outside the demand."""
    for text in ("قمع المتظاهرين الذين هتفوا بإسقاط النظام في سراقب.",
                 'اعتقال ناشط كتب على جدار "لا عودة لحكم النظام" في سراقب.'):
        first, second = actors_of(tiny_extractor, article, "سراقب", text)
        assert not first[0].startswith("Syrian government") and not second[0].startswith("Syrian government"), text
    text = "اعتقلت قوات النظام عشرة متظاهرين هتفوا بإسقاط النظام في سراقب."
    first, second = actors_of(tiny_extractor, article, "سراقب", text, published=date(2016, 5, 1))
    assert first[0].startswith("Syrian government forces (Assad")
