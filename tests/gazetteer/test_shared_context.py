"""Texts that name the same places share their context's rankings: the mentions of a text do not
depend on which texts were read before it."""

from gazetteer.resolve import Resolver

TEXTS = [
    "قصف على حي الأشرفية في حلب وإصابة مدنيين",
    "اشتباكات في حي الشيخ مقصود بحلب",
    "قصف على حي الأشرفية في حلب",
    "غارات على أريحا في ريف إدلب الجنوبي ومعرة النعمان",
    "اشتباكات في حي الشيخ مقصود بحلب",
    "حلب: قصف على دوار شيحان وطريق حلب غازي عنتاب",
    "غارات على أريحا في ريف إدلب الجنوبي",
]


def _fresh_resolver(gz) -> Resolver:
    return Resolver(gz.names, gz.table.get, gz.table.get_many, gz.table.primary_names)


def _mentions(gz, texts):
    resolver = gz._resolver = _fresh_resolver(gz)
    resolver.roads = gz._roads
    return [[(m.start, m.end, m.name, tuple((c.place.id, c.score, c.precision, c.reasons) for c in m.candidates))
             for m in gz.find(text)] for text in texts]


def test_mentions_do_not_depend_on_earlier_texts(default_gz):
    in_order = _mentions(default_gz, TEXTS)
    alone = [_mentions(default_gz, [text])[0] for text in TEXTS]
    backwards = _mentions(default_gz, TEXTS[::-1])[::-1]
    assert in_order == alone == backwards
    assert any(in_order), "the texts name places the bundled gazetteer knows"
    default_gz._resolver = None


def test_contexts_are_shared_and_bounded(default_gz, monkeypatch):
    import gazetteer.resolve as resolve

    _mentions(default_gz, TEXTS)
    contexts = default_gz._resolver._contexts
    assert 0 < len(contexts) < len(TEXTS)  # the repeated texts found their context again
    monkeypatch.setattr(resolve, "CONTEXTS_KEPT", 2)
    _mentions(default_gz, TEXTS)
    assert len(default_gz._resolver._contexts) <= 2
    monkeypatch.setattr(resolve, "SHARED_CONTEXT_ANCHORS", 0)  # texts naming more places keep their own
    assert _mentions(default_gz, TEXTS) == _mentions(default_gz, TEXTS[::-1])[::-1]
    assert not default_gz._resolver._contexts
    default_gz._resolver = None
