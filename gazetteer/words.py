"""Ordinary Arabic words that are also place names somewhere.

GeoNames holds a village called almost every frequent word (قال، السوق، الشهداء …). A name in
this list counts in running text only after a cue word or as the exact name of a curated place
or neighbourhood; an imported neighbourhood named by one of them is marked
:attr:`~gazetteer.model.Place.needs_cue`. Kept apart from the matcher so that importers can use
it without loading the automaton's libraries.
"""

from __future__ import annotations

from gazetteer.normalize import normalize_name

#: Frequent Arabic words that are also names of some village in GeoNames. They count as a place
#: only after a cue word or as the exact name of a curated place or neighbourhood. A town of an Arab
#: country whose name does not inflect like a word (معان، حولي، المفرق، الشلف: rare with the article
#: toggled) is not listed: the word-or-place model weighs it (:mod:`gazetteer.word_or_place`).
_STOP_WORDS = """
    قال يوم حي اليوم امس غدا بعد قبل بين عند حول علي الي في من عن ان كان قد هذا هذه ذلك تلك التي الذي
    السوق المدينه الشيخ الجديده القديمه المنطقه الدوله البلاد الحكومه الجيش الامن الاتفاق الحرب الحل
    العام الرئيس الوزير الشعب الوطن النور السلام الامل النصر الحريه الوحده الثوره العروبه الفرقان
    التقدم الاسلام الخير الفرح الجمعه الاحد السبت الاثنين الثلاثاء الاربعاء الخميس الحاليه الحالي
    المقبل الماضي الجمهوريه العربيه الدوليه الوطنيه الكبير الكبري الصغير الصغري الشرقيه الغربيه
    الشماليه الجنوبيه الشمالي الجنوبي الشرقي الغربي الوسطي المركز القصر الجامع المسجد الكنيسه
    المحطه المطار المعمل الطاحونه المزرعه البستان العين البير البئر التل الجبل الوادي النهر الجسر
    الساحه البحر الشارع الطريق الحاره الضيعه القريه البلده الحي الريف الحمام المشفي المستشفي
    الدفاع الداخليه الخارجيه المدني المدنيين العسكري العسكريه القوات الجيش الشرطه القياده
    مرحله جديده الجديد الامم المتحده العالم الدول الحدود ريف مدينه بلده قريه
    عام اعوام سنوات سنه شهر ايام ساعه ساعات دقيقه الان هنا هناك ايضا كل بعض جميع اكثر اقل
    مع ضد الي حتي منذ خلال عبر نحو دون غير اثر اجل حيث كما لكن بل ثم او ام اي ايه
    الرحمن الرحيم الله محمد احمد علي حسن حسين عمر خالد عثمان ابو ابن بن بني
    الشهداء شهداء شهيد قتلي جرحي مقتل قصف غارات غاره اشتباكات معارك هجوم
    هام ثوره بشار الشاميه امل كيف دوله مشهد الخضراء الجزيره سوري روسي عنه حصار صور سيده طراز
    الام الم داخله بلد العبور معسكر غازي سكر ليل وادي الحي قوم بشري بالا ميلان كرمان ينا
    السكري المحافظه تشرين الميدان الزهور السبيل المعادي الشعار سلوك الحراك
    كانون شباط اذار نيسان ايار حزيران تموز اب ايلول
    دورا فلاديمير صوفيا فيكتوريا جورج سانتياغو مريم حمزه فاطمه زينب عائشه امينه سلمي ليلي نور هدي
    """
STOP_NAMES: frozenset[str] = frozenset(_STOP_WORDS.split())


def is_ordinary_word(name: str) -> bool:
    """True when ``name`` (raw or normalised) is one of :data:`STOP_NAMES`."""
    return normalize_name(name) in STOP_NAMES
