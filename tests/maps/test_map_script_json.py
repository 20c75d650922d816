import json

from maps.script_json import script_json


def test_script_closing_tags_and_line_separators_are_escaped():
    hostile = "</script><script>window.__pwned=1</script> & <!-- \u2028\u2029 `x` 'q' \"d\""
    text = script_json({"evidence": hostile})
    for raw in ("<", ">", "&", "\u2028", "\u2029"):
        assert raw not in text
    assert json.loads(text) == {"evidence": hostile}


def test_arabic_stays_readable_and_compact():
    assert script_json(["اشتباكات", 1.5, None]) == '["اشتباكات",1.5,null]'
