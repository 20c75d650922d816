"""Article -> incidents: the rule-based first pass an analyst would otherwise do by hand.

Steps, all on the noise-blanked, folded text: sentences and clauses; triggers grouped into events
(one per clause); gazetteer mentions given a role (site, destination, meeting, coarse) and linked to
the event of their clause (a clause without a trigger lends its places to the next event, or the
previous one); dates, actors and casualties linked the same way; then one incident per
(event, place).

Date rule: a date in the event's clause or sentence (explicit, or relative to publication) is
used with its precision.  Otherwise a date in the title.  Otherwise the publication date: with
precision 1 when the article reports the same day ("اليوم", today's weekday) and 2 otherwise, and a
note.  Without a publication date the incident has no date (precision 3, noted).

Place rule: an event with no site in its sentence takes the place of the previous event of its
paragraph, or else, when the title names a place but no event of its own ("الأنصاري 4-9-2016"),
the title's place (lower confidence, noted); with none at all it is dropped, unless ``keep_unplaced`` is set, in
which case it is kept with geometry None and a note "no place found".  The places a later clause
says the event spread to ("امتدت لاحقاً إلى …", see :mod:`.spread`) are one more incident each.
"""

from __future__ import annotations

import hashlib
import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from datetime import date
from pathlib import Path

from gazetteer.model import Kind
from gazetteer.normalize import fold_text, normalize_name
from gazetteer.resolve import (
    DIRECTION_NAMES,
    METROPOLIS_POPULATION,
    RIF_OFFSET_KM,
    SEAT_TOWN_REASON,
    countryside_governorates,
    offset_km,
)
from gazetteer.word_or_place import LABEL as WORD_OR_PLACE_LABEL
from geo_incidents.countries import country_name, in_country
from geo_incidents.extraction.actors import named_as_target, pick_two, resolve_actors
from geo_incidents.extraction.aggregate import (
    aggregate_sentences,
    method_notes,
    period_sentences,
    tally_sentences,
    trend_sentences,
)
from geo_incidents.extraction.background import background_spans, cited_spans
from geo_incidents.extraction.casualties import combine, find_casualties
from geo_incidents.extraction.closures import BETWEEN, closure_stretch
from geo_incidents.extraction.dates import DateFinder, DateMention
from geo_incidents.extraction.events import Event, definite_word, group_events, type_by_harm
from geo_incidents.extraction.lexicon import Lexicon
from geo_incidents.extraction.places import SITE, PlaceRef, assign_roles, not_verbs, place_refs, to_hospital_spans
from geo_incidents.extraction.sites import (
    ADMIN_AREAS,
    CITY_RADIUS_KM,
    CONTAINERS,
    FACILITIES,
    HOLDERS,
    INTRA_CITY,
    LINEAR_KINDS,
    LOCAL,
    SETTLEMENTS,
    TITLE_PLACE,
    destination_starts,
    distance_km,
    holds,
    line_between_towns,
    link_places,
    place_named_facilities,
    places_of_its_time,
    read_as_area,
)
from geo_incidents.extraction.specific import ANCHORED as SIGNAL_ANCHORED
from geo_incidents.extraction.specific import (
    Decision,
    SentenceSignals,
    day_and_period,
    decisions,
    load_model,
    weigh,
)
from geo_incidents.extraction.spread import spread_spans
from geo_incidents.extraction.unresolved import unresolved_names
from geo_incidents.model import Article, EventType, Incident
from geo_incidents.text import segment
from geo_incidents.text.phrases import PhraseMatch, PhraseMatches, of_payload
from geo_incidents.text.segment import split_sentences

#: Actor1 of crowd events when the text names none (ACLED's generic actors).
DEFAULT_ACTOR1 = {EventType.PROTESTS: ("Protesters (Syria)", 6), EventType.RIOTS: ("Rioters (Syria)", 5)}
#: an armed party or post right after على is what was struck (أغارت الطائرات على مقر، هجوم على حاجز)
_ON_IT = re.compile(r"(?<!\w)علي\s+(?:ال)?$")
#: ACLED inter codes of rioters, protesters and civilians
_UNARMED = frozenset({5, 6, 7})
CHEMICAL = "Chemical weapon"
#: Below this score a place outside Syria named without a cue word is ignored.
FOREIGN_MIN_SCORE = 0.8
#: how a kept word-or-place verdict opens its reason (see _plausible)
WORD_OR_PLACE = WORD_OR_PLACE_LABEL + ":"
#: how many hashtags :meth:`Extractor._place_tag` keeps read (a run meets a few dozen channels' tags)
_TAGS_KEPT = 4096
_HOSPITAL_NAME = re.compile(r"(?<!\w)((?:ال)?(?:مستشفي|مشفي)(?:\s+(?!في|ب|من|علي|الي)[^\s،,.]+){0,2})")


class Extractor:
    """Loads the lexicons once; :meth:`extract` is then pure and cheap per article."""

    def __init__(self, gazetteer, lexicon_dir: Path | str | None = None, *, keep_unplaced: bool = False):
        self.gazetteer = gazetteer
        self.lexicon = Lexicon(Path(lexicon_dir) if lexicon_dir else None)
        self.dates = DateFinder(self.lexicon.dates)
        #: cue words, actors and triggers, and the literals of the sentence, date and facility expressions:
        #: one automaton pass over a text finds them all
        self._text_pass = self.lexicon.phrase_pass([*segment.ANCHORED, *self.dates.anchored, FACILITIES,
                                                    *SIGNAL_ANCHORED])
        self.keep_unplaced = keep_unplaced
        #: hashtags of several words read as a place's whole name or not (:meth:`_place_tag`)
        self._tags_read: dict[str, bool] = {}
        self._tags_index = None
        #: place-like names typed by a cue word (حي X، قرية X …) that the gazetteer did not resolve
        #: in the last article extracted (the run summary lists them)
        self.last_unresolved: list[str] = []
        #: for each incident of the last article extracted (by id), the spans (offsets into the title +
        #: text, like ``evidence_start``) of every sentence that tells it: its evidence and the sentences
        #: folded into it (a later "the shelling" that refers back, the same attack told again)
        self.last_told: dict[str, list[tuple[int, int]]] = {}
        #: whether an event's sentence reports a specific incident (see :mod:`.specific`); None weighs
        #: nothing
        self.specific_model = load_model(self.lexicon.folder)
        # the last article's weighed events (see :attr:`last_decisions`) and its offset map
        self._weighed: list[tuple] = []
        self._to_original = None
        # cue kinds read as groups, by a set lookup for each cue (made once from the lexicon's kinds)
        kinds = self.lexicon.cue_kinds
        #: cue words that count inside an actor's name: casualties, parties, and a source's name (الدفاع المدني)
        self._cues_in_names = frozenset(k for k in kinds if k.startswith(("casualties.", "parties."))
                                        or k in ("places.source", "places.victims"))
        #: cue words that tell harm: damage, poisoning, casualties (civilians are no harm)
        self._harm_cues = frozenset(k for k in kinds if k.startswith("harm.") or (
            k.startswith("casualties.") and k != "casualties.civilian"))

    @property
    def last_decisions(self) -> list[Decision]:
        """Every event weighed in the last article extracted, kept or not, with its reason (made when asked:
        only ``--explain`` and the fitting scripts read them)."""
        return decisions(self._weighed, self.specific_model, self._to_original)

    def _place_tag(self, tag: str) -> bool:
        """Whether a hashtag of several words is a place's whole name (#معرة_النعمان, #دير_الزور). A
        channel's tags recur in every report it sends (#حلب_نيوز), so each tag is read once (bounded memo,
        forgotten when places are added to the gazetteer: its name index is then another)."""
        names = self.gazetteer.names
        if names is not self._tags_index or len(self._tags_read) >= _TAGS_KEPT:
            self._tags_read.clear()
            self._tags_index = names
        known = self._tags_read.get(tag)
        if known is None:
            body = tag.rstrip(_TAG_END)
            known = self._tags_read[tag] = any(m.start <= 1 and m.end >= len(body) for m in self.gazetteer.find(body))
        return known

    def extract(self, article: Article) -> list[Incident]:
        self.last_unresolved = []
        self.last_told = {}
        self._weighed = []
        full = article.full_text
        cleaned = self.lexicon.noise.clean(full, self._place_tag if self.gazetteer is not None else None)
        norm = fold_text(cleaned)
        text = norm.text
        (cues, actor_matches, trigger_matches), anchored = self._text_pass.scan(text, Lexicon.OVERLAPPING)
        breaks_at, dates_at, (facilities_at,), periods_at = _split(anchored, len(segment.ANCHORED),
                                                                   len(self.dates.anchored), 1)
        sentences = split_sentences(text, breaks_at)
        if not sentences:
            return []
        starts = [s.start for s in sentences]

        def sentence_index_of(pos: int) -> int:
            return bisect_right(starts, pos) - 1

        def sentence_of(pos: int):
            return sentences[max(0, bisect_right(starts, pos) - 1)]  # sentence_index_of's, inlined

        actor_spans = _span_index({(m.start, m.end) for m in actor_matches})
        triggers = [t for t in trigger_matches if t.payload is not None and not _inside_name(t, actor_spans)]
        if not triggers:
            # every event has a trigger (group_events): a text without one tells no incident (a third of
            # short reports), so its cue words, dates and sentence kinds need no reading; its places are
            # still read, for the names the gazetteer does not hold (the run's summary lists them)
            if self.gazetteer is not None:
                self.last_unresolved = unresolved_names(self.gazetteer.find(cleaned))
            return []
        # a cue word inside an actor's name ("نصرة" in "جبهة النصرة") is part of the name; a source's or an
        # organisation's name that holds an actor's word ("الدفاع المدني": civilians) is the source's
        cues = PhraseMatches(c for c in cues if c.payload in self._cues_in_names or not _overlaps(c, actor_spans)
                             or _in_support_of(c, text))
        # an actor's word inside an organisation's name or a demand or slogan names no party of the event
        named_only = _span_index(not_party_spans(text, cues, sentence_of))
        actor_matches = [m for m in actor_matches if not _inside_any(m.start, named_only)
                         and not (m.phrase in self.lexicon.attributive and text.startswith("ال", m.start - 2))]
        commentary = _commentary_sentences(cues, sentence_index_of)
        statistics = aggregate_sentences(text, cues, sentence_index_of, self.lexicon.numbers)
        background = background_spans(text, cues, sentence_of, sorted(t.start for t in triggers))
        harm_sentences = frozenset(sentence_index_of(c.start) for c in cues if c.payload in self._harm_cues)
        all_dates = self.dates.find(text, article.published, dates_at)
        statistics |= period_sentences(text, all_dates, sentence_index_of, self.dates.months)
        statistics |= trend_sentences(cues, all_dates, harm_sentences, sentence_index_of, text)
        day, period, over = day_and_period(text, all_dates, sentence_index_of, periods_at)
        statistics |= tally_sentences(cues, day, period, over, sentence_index_of)
        explicit_dates = [(d.start, d.end) for d in all_dates if not d.relative]
        acts = sorted(c.start for c in of_payload(cues, "narrative.past"))  # read by events and by places
        events = group_events(sentences, sentence_index_of, triggers, self.lexicon.refinements, text, commentary,
                              background, harm_sentences, explicit_dates, statistics,
                              cited_spans(text, cues, sentence_of),
                              [(d.start, d.end) for d in all_dates if d.relative],
                              method_notes(cues, sentence_index_of), acts)
        # the whole text, not only the event paragraphs: other places are context for the gazetteer
        mentions = self.gazetteer.find(cleaned) if self.gazetteer is not None else []
        self.last_unresolved = unresolved_names(mentions)
        if not events:
            return []
        published = article.published
        # a background phrase that explains another event of its sentence: its dates and places are
        # not the event's
        by_sentence: dict[int, list[Event]] = {}
        for e in events:
            by_sentence.setdefault(e.sentence_index, []).append(e)
        told = [(b.start, b.end) for b in background
                if b.always or any(e.sentence.start <= b.start < e.sentence.end
                                   and not b.start <= e.trigger.start < b.end
                                   for e in by_sentence.get(sentence_index_of(b.start), ()))]
        told_index = _span_index(told)
        date_mentions = [d for d in all_dates if not _inside_any(d.start, told_index)]
        # a name inside a date is the date's ("25 مارس - آذار 2017"), inside an actor's name the actor's
        date_index = _span_index([(d.start, d.end) for d in date_mentions])
        candidates = not_verbs(place_refs(mentions, norm), text)
        # the countries the text names, as such or by a place it names plainly (a cue, a city of a
        # million, a sure reading: قرب الفلوجة غرب بغداد)
        countries = {r.place.country_code for r in candidates if r.place.kind is Kind.COUNTRY
                     or r.place.country_code not in ("SY", "") and _plausible(r)}
        refs = [r for r in candidates if not _overlaps(r, actor_spans)
                and _plausible(r, countries) and not _inside_any(r.start, date_index)]
        to_hospital = to_hospital_spans(text)
        assign_roles(refs, text, cues, sentence_of, [(b.start, b.end) for b in background if b.always], to_hospital)
        told_spans = set(told)
        explaining = _span_index([(b.start, b.end) for b in background
                                  if not b.always and (b.start, b.end) in told_spans])
        for ref in refs:
            if ref.role == SITE and _inside_any(ref.start, explaining):
                # a cause phrase explaining another event of its sentence: its place gives way to that event's
                ref.origin = True
        title_end = norm.from_original(len(article.title), len(article.title))[0] if article.title else 0
        destinations = destination_starts(cues, to_hospital)  # read twice: by places and by casualties
        # a sentence cut from the one before at ؛ goes on with it ("المشفى الميداني في سراقب، وهو الوحيد
        # في المنطقة؛ قد استهدف بغارتين"): an event of it without a place takes that sentence's sites
        continued = {i for i in range(1, len(sentences)) if sentences[i].paragraph == sentences[i - 1].paragraph
                     and "؛" in text[sentences[i - 1].end : sentences[i].start]}
        link_places(events, refs, sentence_index_of, title_end, spread_spans(text, cues, sentence_of),
                     destinations, continued, sentences, text, acts)
        place_named_facilities(events, refs, text, sentence_of, facilities_at)

        def original(start: int, end: int) -> str:
            o_start, o_end = norm.to_original(start, end)
            return cleaned[o_start:o_end]

        _link_casualties(events, find_casualties(text, cues, self.lexicon.numbers), sentence_index_of, text,
                         destinations, original)
        # civilians, protesters and rioters are no armed party
        armed = [(m.start, m.end) for m in actor_matches if m.payload.inter not in _UNARMED] + [
            (c.start, c.end) for c in of_payload(cues, "armed.party")]
        poisoned = {sentence_index_of(c.start) for c in of_payload(cues, "harm.poisoning")}
        damage_near = _harm_near(sentences, cues, sentence_index_of, "harm.damage")
        type_by_harm(events, damage_near, _harm_near(sentences, cues, sentence_index_of, "harm.poisoning"), poisoned,
                     {sentence_index_of(start) for start, _ in armed}, self.lexicon.unstated_means)
        media = frozenset(sentence_index_of(c.start) for c in of_payload(cues, "evidence.media"))
        standing = _drop_bare_generic(events, date_mentions, harm_sentences, armed, media)
        standing = _drop_natural_harm(standing, of_payload(cues, "context.natural"), armed, sentence_index_of)
        # a foreign force named by what it flies or fires (طائرات حربية روسية، قصف مدفعي تركي) names the
        # attack's means, as its trigger does, and one named as what was hit or arrested (خلية تابعة لتنظيم
        # داعش، مقتل عنصرين من قوات النظام) a side of the told event: neither is a party behind attacks,
        # which the model's actor weighs; nor is an armed post or party struck (على مقر، على حاجز)
        parties = [(m.start, m.end) for m in actor_matches if m.payload.inter not in _UNARMED
                   and not m.payload.by_means and not named_as_target(text, m.start)] + [
            (c.start, c.end) for c in of_payload(cues, "armed.party")
            if not _ON_IT.search(text, max(0, c.start - 8), c.start)]
        signals = SentenceSignals(text, sentences, sentence_index_of, dates=date_mentions, triggers=triggers,
                                  cues=cues, armed=parties, starts=periods_at)
        self._to_original = norm.to_original
        standing = weigh(standing, signals, title_end, self.specific_model, self._weighed)
        # "the attack" refers back to an incident the text tells, not to a bare attack dropped as none
        events = _fold_references(events, standing, text, title_end, harm_sentences, date_mentions,
                                  harm_sentences | damage_near)
        if not events:
            return []
        same_day = published is not None and any(d.relative and d.day == published for d in date_mentions)
        title_dates = [d for d in date_mentions if d.start < title_end]

        date_starts = [d.start for d in date_mentions]  # in text order (DateFinder.find sorts them)
        dates = {id(e): _event_date(e, date_mentions, title_dates, date_starts) for e in events}
        for event in events:
            if len(event.places) > 1 and dates[id(event)] is not None:
                event.places = places_of_its_time(event, dates[id(event)].day.year, text, sentence_of)
        _take_named_means(events, dates)
        events_per_sentence = Counter(e.sentence_index for e in events)
        for event in events:
            if dates[id(event)] is None and event.sentence.start < title_end:
                # a headline without a date reports the body's incident: take the body's date
                dates[id(event)] = next((dates[id(b)] for b in events if b.sentence.start >= title_end
                                         and b.event_type == event.event_type and dates[id(b)]), None)
        incidents: dict[tuple, Incident] = {}
        kinds: dict[str, Kind] = {}
        areas: set[str] = set()  # incidents at a town read as its area (see read_as_area)
        actor_starts = [m.start for m in actor_matches]
        actors_read: dict = {}
        told = self.last_told
        for event in events:
            when = dates[id(event)]
            notes = []
            if when is not None:
                day, precision = when.day, when.precision
            elif published is not None:
                day, precision = published, 1 if same_day else 2
                notes.append("date not stated in the text: publication date used")
            else:
                day, precision = None, 3
                notes.append("no date in the text and no publication date")
            alone = events_per_sentence[event.sentence_index] == 1
            actors = pick_two(_event_actors(event, actor_matches, actor_starts, original, day, alone, text,
                                           actors_read))
            fields = combine(event.casualties)
            places: list[PlaceRef | None] = event.places or [None]
            if places == [None] and not self.keep_unplaced:
                continue
            for n, ref in enumerate(places):
                # one count per event: the people killed "in A and B" are counted once, at A
                shared = n > 0 and any(fields[f] for f in _COUNT_FIELDS)
                here = {**fields, **dict.fromkeys(_COUNT_FIELDS, 0)} if shared else fields
                extra = [f"casualties counted at {places[0].place.name_ar}"] if shared else []
                if any(ref is r for r in event.spread) and ref is not places[0]:
                    extra.insert(0, f"spread here from {places[0].place.name_ar}")
                incident = self._incident(article, event, ref, day, precision, actors, here, notes + extra, norm,
                                          full)
                if ref is not None:
                    kinds[incident.incident_id] = ref.place.kind
                    if read_as_area(ref):
                        areas.add(incident.incident_id)
                key = (incident.event_type, incident.sub_event_type, incident.event_date,
                       incident.place_id or incident.location)
                spans = told.setdefault(incident.incident_id, [])
                for sentence in (event.sentence, *event.told):
                    span = norm.to_original(sentence.start, sentence.end)
                    if span not in spans:
                        spans.append(span)
                previous = incidents.get(key)
                if previous is None or _better(incident, previous, len(article.title)):
                    if previous is not None:
                        _keep_counts(incident, previous)
                    incidents[key] = incident
                else:
                    _keep_counts(previous, incident)
        folded = _fold_into_chemical(
            _fold_headline_duplicates(list(incidents.values()), len(article.title), kinds, told), told)
        kept = _fold_into_finer(folded, kinds, told, areas)
        for gone in told.keys() - {i.incident_id for i in kept}:
            del told[gone]
        return kept

    def _incident(self, article, event: Event, ref, day, precision, actors, fields, notes, norm, full) -> Incident:
        o_start, o_end = norm.to_original(event.sentence.start, event.sentence.end)
        notes = list(notes)
        if event.means_from_article:
            notes.append("means not stated here: those the article names for this attack")
        elif event.means_unstated:
            notes.append("means not stated: the weapon such harm points to")
        if ref is None:
            notes.append("no place found")
        elif event.place_fallback:
            notes.append(event.place_fallback)
        place = ref.place if ref is not None else None
        location = place.name_ar if place else ""
        place_id = place.id if place else ""
        confidence = _confidence(event, ref, precision, bool(actors), bool(notes))
        a1, a2 = _ordered_actors(event, actors)
        geometry = place.geometry if place else None
        geo_precision = ref.precision if ref else 3
        approximate = bool(ref and ref.candidate.approximate)
        if event.event_type == EventType.ROAD_CLOSURE and ref is not None:
            if ref.linear and event.locators:
                between = bool(BETWEEN.search(norm.text, event.sentence.start, event.sentence.end))
                stretch = closure_stretch(geometry, [r.place.geometry for r in event.locators], between)
                if stretch is not None:
                    near = event.locators[0].place
                    notes.insert(0, f"closed stretch near {near.name_en or near.name_ar}; "
                                    f"whole road: {place.name_en or location}")
                    geometry, approximate = stretch, True
            elif not ref.linear:
                geo_precision = max(geo_precision, 2)  # a closure near a place, its road unnamed
        inc = Incident(
            incident_id=incident_id(event.event_type, event.sub_event_type, day, place_id or location, article.id),
            event_type=event.event_type,
            sub_event_type=event.sub_event_type,
            event_date=day,
            time_precision=precision,
            geometry=geometry,
            location=location,
            place_id=place_id,
            place_name_ar=location,
            geo_precision=geo_precision,
            admin1=place.admin1 if place else "",
            admin2=place.admin2 if place else "",
            country=country_name(place.country_code) if place else "",
            actor1=a1.actor.name if a1 else DEFAULT_ACTOR1.get(event.event_type, ("", None))[0],
            actor1_ar=a1.surface if a1 else "",
            inter1=a1.actor.inter if a1 else DEFAULT_ACTOR1.get(event.event_type, ("", None))[1],
            actor2=a2.actor.name if a2 else "",
            actor2_ar=a2.surface if a2 else "",
            inter2=a2.actor.inter if a2 else None,
            casualty_destination=event.destination,
            status=event.status,
            evidence=full[o_start:o_end],
            evidence_start=o_start,
            evidence_end=o_end,
            article_ids=[article.id],
            source=article.source,
            source_urls=[article.url] if article.url else [],
            notes="; ".join([f"{event.sub_event_type} at {place.name_en or location}" if place
                             else event.sub_event_type, *notes]),
            confidence=confidence,
            approximate_geometry=approximate,
            **fields,
        )
        if inc.event_type == EventType.VIOLENCE_AGAINST_CIVILIANS and not inc.actor2 and inc.civilian_casualties:
            inc.actor2, inc.inter2 = "Civilians (Syria)", 7
        if place is not None:  # Civilians (Sudan) abroad, not (Syria)
            code = place.country_code
            inc.actor1, inc.actor2 = in_country(inc.actor1, code), in_country(inc.actor2, code)
        return inc


def _fold_headline_duplicates(incidents: list[Incident], title_length: int, kinds: dict[str, Kind],
                              told: dict[str, list] | None = None) -> list[Incident]:
    """A headline incident also told in the body is the body's incident: same type and place, or
    the body's only incident of that type, or one inside the area the headline names.  An article
    without a headline has nothing to fold (its first sentence starts at offset 0)."""
    if title_length == 0:
        return incidents
    body = [i for i in incidents if i.evidence_start > title_length]
    by_place = {(i.event_type, i.sub_event_type, i.place_id or i.location): i for i in body}
    kept = []
    for incident in incidents:
        if incident.evidence_start > title_length:
            kept.append(incident)
            continue
        twin = by_place.get((incident.event_type, incident.sub_event_type, incident.place_id or incident.location))
        if twin is None:
            kind = (incident.event_type, incident.sub_event_type)
            same = [b for b in body if (b.event_type, b.sub_event_type) == kind
                    and (b.place_id or not incident.place_id)]
            inside = [b for b in same if kinds.get(incident.incident_id) in ADMIN_AREAS | CONTAINERS
                      and b.admin1 and b.admin1 == incident.admin1]
            twin = same[0] if len(same) == 1 else (inside[0] if inside else None)
        if twin is not None:
            _absorb(twin, incident, told)
            continue
        kept.append(incident)
    return kept


def _fold_into_chemical(incidents: list[Incident], told: dict[str, list] | None = None) -> list[Incident]:
    """One event per incident and place: an air strike or shelling told in one sentence and the
    chemical agent it released told in the next, at the same place and day, are one chemical-weapon
    event (ACLED codes the attack by its weapon).  A day known on one side only is that day."""
    chemical = [i for i in incidents if i.sub_event_type == CHEMICAL and i.place_id]
    if not chemical:
        return incidents
    kept = []
    for incident in incidents:
        twin = None
        if incident.event_type == EventType.EXPLOSIONS and incident.sub_event_type != CHEMICAL and incident.place_id:
            twin = next((c for c in chemical if _same_site(c.place_id, incident.place_id) and _same_day(c, incident)),
                        None)
        if twin is None:
            kept.append(incident)
            continue
        if incident.time_precision < twin.time_precision:
            twin.event_date, twin.time_precision = incident.event_date, incident.time_precision
        _absorb(twin, incident, told)
    return kept


def _same_site(a: str, b: str) -> bool:
    """One place, or a place and the point beside it (``خان شيخون``, ``شرق خان شيخون``: ``<id>~east``):
    the same site told at two precisions.  A town's countryside (``~rif``) is an area, not the town."""
    if a == b:
        return True
    base_a, _, side_a = a.partition("~")
    base_b, _, side_b = b.partition("~")
    return base_a == base_b and not (side_a.startswith("rif") or side_b.startswith("rif"))


def _absorb(twin: Incident, incident: Incident, told: dict[str, list] | None) -> None:
    """``incident`` is ``twin`` told again: keep the counts, the confidence and the sentences of both."""
    _keep_counts(twin, incident)
    twin.confidence = max(twin.confidence, incident.confidence)
    if told is not None:
        spans = told.setdefault(twin.incident_id, [])
        spans.extend(s for s in told.get(incident.incident_id, ()) if s not in spans)


def _fold_into_finer(incidents: list[Incident], kinds: dict[str, Kind],
                     told: dict[str, list] | None = None, areas: frozenset[str] | set[str] = frozenset(),
                     ) -> list[Incident]:
    """The most specific place wins: an incident at a city, district or governorate, of the same type
    and day as one at a quarter of that city or a town of that area (``طريق الباب في حلب``, then
    "the chemical attacks on Aleppo"), is that incident told coarser, not another one.  A capital
    named bare or a town after an area word (``areas``, see :func:`read_as_area`) is read as its
    governorate here."""
    finer = [i for i in incidents if kinds.get(i.incident_id) in LOCAL and i.geometry is not None
             and not (kinds.get(i.incident_id) in LINEAR_KINDS and line_between_towns(i.geometry))]
    if not finer:
        return incidents
    kept = []
    for incident in incidents:
        # the cheap tests first: whether a place lies in another reads their geometries
        twins = [f for f in finer if f.place_id != incident.place_id
                 and (f.event_type, f.sub_event_type) == (incident.event_type, incident.sub_event_type)
                 and _same_day(f, incident) and _lies_in(f, incident, kinds, incident.incident_id in areas)]
        if not twins:
            kept.append(incident)
            continue
        # the one told on the same day, if any; a day known on the coarser side only is that day
        twin = next((f for f in twins if f.event_date == incident.event_date), twins[0])
        if incident.time_precision < twin.time_precision:
            twin.event_date, twin.time_precision = incident.event_date, incident.time_precision
        _absorb(twin, incident, told)
    return kept


def _lies_in(inner: Incident, outer: Incident, kinds: dict[str, Kind], bare: bool = False) -> bool:
    """``inner``'s place lies in ``outer``'s: a quarter of its city, a town of its district or governorate
    (of a capital's governorate when the capital is named ``bare``)."""
    kind, inner_kind = kinds.get(outer.incident_id), kinds.get(inner.incident_id)
    if outer.place_id and RIF_MARK in outer.place_id:
        return _in_countryside(inner, outer)
    if bare and inner_kind in SETTLEMENTS and inner.admin1 and outer.admin1 and \
            normalize_name(inner.admin1) in countryside_governorates(outer.admin1):
        return True
    if kind is Kind.CITY and inner_kind in INTRA_CITY and outer.geometry is not None:
        a, b = inner.geometry.representative_point(), outer.geometry.representative_point()
        return distance_km(a.y, a.x, b.y, b.x) <= CITY_RADIUS_KM
    if kind is Kind.GOVERNORATE:
        return bool(outer.admin1) and inner.admin1 == outer.admin1
    if kind in (Kind.DISTRICT, Kind.SUBDISTRICT):
        return bool(outer.admin2) and inner.admin2 == outer.admin2 and inner.admin1 == outer.admin1
    return False


#: how a place id marks the countryside of a town (``ريف إدلب``: ``<town id>~rif``, ``~rif-south``)
RIF_MARK = "~rif"
_RIF_DIRECTIONS = {name: sign for sign, name in DIRECTION_NAMES.items()}


def _in_countryside(inner: Incident, outer: Incident) -> bool:
    """``inner``'s place lies in the countryside ``outer`` names (``ريف إدلب الجنوبي``): a place of the
    town's governorate other than the town, on the named side of it when a side is named.  The
    countryside's point is the town's moved ``RIF_OFFSET_KM`` to that side, so the side is read from
    there."""
    base, _, label = outer.place_id.partition("~")
    if not (outer.admin1 and inner.admin1) or inner.place_id == base or outer.geometry is None or \
            normalize_name(inner.admin1) not in countryside_governorates(outer.admin1):
        return False
    side = _RIF_DIRECTIONS.get(label.removeprefix("rif").removeprefix("-"))
    if side is None:
        return True
    a, b = inner.geometry.representative_point(), outer.geometry.representative_point()
    north, east = offset_km(b.y, b.x, a.y, a.x)
    return (north * side[0] + east * side[1]) / math.hypot(*side) > -RIF_OFFSET_KM


def _same_day(a: Incident, b: Incident) -> bool:
    """The same day, or a day that only one of them states (the other's is the publication date)."""
    return a.event_date == b.event_date or None in (a.event_date, b.event_date) or max(
        a.time_precision, b.time_precision) > 1


def _better(new: Incident, old: Incident, title_length: int) -> bool:
    """Of two readings of one incident, the body's wins over the headline's, then the more confident."""
    new_body, old_body = new.evidence_start > title_length, old.evidence_start > title_length
    if new_body != old_body:
        return new_body
    return new.confidence > old.confidence


def _fold_references(events: list[Event], standing: list[Event], text: str, title_end: int,
                     harm_sentences: frozenset[int] = frozenset(),
                     date_mentions: list[DateMention] = (), harm_near: frozenset[int] = frozenset()) -> list[Event]:
    """The ``standing`` events (``events`` less the bare attacks) less those that only refer back to an
    earlier one: a definite trigger ("القصف استمر"، "الاستهداف") with no place of its own clause, after
    a standing body event of its type (see :func:`_refers_to`; an attack dropped as none is nothing to
    refer to, and a reference to it that says enough stands on its own).  The earlier event keeps what
    the reference adds (its casualties, where the wounded were taken) and, when the reference says
    something of it (a means, or a date or harm in its sentence), the sentence that tells it again."""
    stands = {id(e) for e in standing}
    kept: list[Event] = []
    for event in events:
        if event.cited_past:
            # an earlier attack cited with its own date is not the one told before it: it keeps its date
            # where a place of its own or the harm it did is told, else it is left out ("ونعرض أدناه
            # موقع الهجوم الأول"; past events cited as background keep their own date or are left out)
            if (event.own_place or event.casualties or event.sentence_index in harm_near) and id(event) in stands:
                kept.append(event)
            continue
        if event.use_of and id(event) not in stands:
            continue  # "the use of cluster bombs" names a class of weapons: it tells no attack again
        if event.sentence.start >= title_end and not event.own_place and _definite(event, text):
            referred = next((e for e in reversed(kept) if _refers_to(event, e) and e.sentence.start >= title_end),
                            None)
            if referred is not None:
                referred.casualties.extend(event.casualties)
                referred.destination = referred.destination or event.destination
                guessed = event.means_guessed or event.needs_substance
                if not guessed or event.sentence_index in harm_sentences or any(
                        event.sentence.start <= d.start < event.sentence.end for d in date_mentions):
                    referred.told.extend((event.sentence, *event.told))
                continue
        if id(event) in stands:
            kept.append(event)
    return kept


def _refers_to(reference: Event, event: Event) -> bool:
    """"The attack" refers back to an attack of its type; "the air strike" (a means named) to an air
    strike, not to the shelling told before it."""
    return reference.event_type == event.event_type and (
        reference.means_guessed or reference.sub_event_type == event.sub_event_type)


def _take_named_means(events: list[Event], dates: dict[int, DateMention | None]) -> None:
    """A report is coded with what the whole report says of an attack (ACLED: the type follows the
    means; one event per incident and place).  An attack told without its weapon (هجوم، استهداف،
    مجزرة، an unqualified قصف, one typed by its harm) at a place where the article names the means of
    an attack, on the same day (or a day one of them leaves unstated), is that attack told again and
    takes its type (and the day, where only one of them states it); the nearest such attack in the
    text wins.  Every place of the event must be the other's (or hold it, or lie in it); without a
    place of its own, it must share the other's stated day."""
    named = [e for e in events if e.violent and not e.means_guessed]
    if not named:
        return
    # candidates by what a shared place can have in common (see holds): the same place, a parent, or an
    # area of the same governorate holding it; a long report tells hundreds of events
    by_key: dict[tuple, list[Event]] = {}
    for other in named:
        keys = {("day", dates[id(other)].day)} if dates[id(other)] is not None else set()
        for ref in other.places:
            place = ref.place
            keys |= {("place", place.id), ("admin1", place.admin1), *(("place", p) for p in place.parents)}
            if place.kind in HOLDERS:
                keys.add(("holder", place.admin1))
        for key in keys:
            by_key.setdefault(key, []).append(other)
    for bucket in by_key.values():
        bucket.sort(key=lambda o: o.trigger.start)
    starts = {key: [o.trigger.start for o in bucket] for key, bucket in by_key.items()}
    for event in events:
        if not event.violent or not event.means_guessed:
            continue
        day = dates[id(event)]
        first = event.places[0].place if event.places else None
        if first is None:
            keys = [("day", day.day)] if day is not None else []
        elif first.admin1 == "":
            keys = list(by_key)
        else:
            keys = [("place", first.id), ("holder", first.admin1), ("holder", ""),
                    *(("place", parent) for parent in first.parents)]
            if first.kind in HOLDERS:
                keys += [("admin1", first.admin1), ("admin1", "")]
        matches = [found for key in keys if key in by_key
                   for found in _nearest_same_attack(event, day, by_key[key], starts[key], dates)]
        if not matches:
            continue
        source = min(matches, key=lambda other: abs(other.trigger.start - event.trigger.start))
        event.event_type, event.sub_event_type = source.event_type, source.sub_event_type
        # one attack, one day: the day one of them states is the other's
        if day is None:
            dates[id(event)] = dates[id(source)]
        elif dates[id(source)] is None:
            dates[id(source)] = day
        event.typed_by_means = event.means_from_article = True
        event.means_unstated = False


def _nearest_same_attack(event: Event, day: DateMention | None, bucket: list[Event], starts: list[int],
                         dates: dict[int, DateMention | None]) -> list[Event]:
    """The nearest event of ``bucket`` (in text order, trigger ``starts``) before and after ``event``
    that may be the same attack: the scan stops at the first one each way."""
    found = []
    middle = bisect_right(starts, event.trigger.start)
    for indices in (range(middle - 1, -1, -1), range(middle, len(bucket))):
        other = next((bucket[i] for i in indices if bucket[i] is not event
                      and _same_attack(event, day, bucket[i], dates[id(bucket[i])])), None)
        if other is not None:
            found.append(other)
    return found


def _same_attack(event: Event, day: DateMention | None, other: Event, other_day: DateMention | None) -> bool:
    """``event`` (its means unstated) and ``other`` may be one attack: a shared place and a compatible day."""
    if not event.places:
        return day is not None and other_day is not None and not day.relative and day.day == other_day.day
    # every place of the event (one bombardment "of A and B" is not the strike on B alone)
    if not all(any(a.place.id == b.place.id or holds(a, b) or holds(b, a) for b in other.places)
               for a in event.places):
        return False
    return day is None or other_day is None or day.day == other_day.day or max(day.precision, other_day.precision) > 1


def _drop_bare_generic(events: list[Event], date_mentions: list[DateMention],
                       harm_sentences: frozenset[int] = frozenset(),
                       armed: list[tuple[int, int]] = (), media: frozenset[int] = frozenset()) -> list[Event]:
    """Events told only by words that say that an attack happened (see :func:`.events.resolve_generic`).

    Such an event needs its sentence to give the attack a place, a date, casualties or damage (or the
    headline to name its place): "the attack" as the subject of a method note ("the flights seen
    before the attack") is none.  One typed only by the harm it did (see
    :func:`.events.type_by_harm`) needs a place, a date or casualties: damage alone is what evidence
    descriptions show ("the images show the damage the attack did").  And a bare attack that no means
    typed stays a battle only where its sentence names an armed actor or target (``armed``): ACLED's
    battles are fighting between armed groups, not any attack.
    """
    kept = []
    date_starts = [d.start for d in date_mentions]  # in text order
    for event in events:
        start, end = event.sentence.start, event.sentence.end
        # in a sentence about footage or images, a date labels the evidence, not the attack
        dated = bisect_left(date_starts, start) < bisect_left(date_starts, end) and not (
            event.needs_substance and event.sentence_index in media)
        pinned = event.own_place or event.casualties or dated or (
            event.places and event.place_fallback == TITLE_PLACE)
        if event.needs_substance and not pinned and event.sentence_index not in harm_sentences:
            continue
        if event.use_of and not (event.own_place or dated or event.casualties):
            continue  # "the use of cluster bombs in crowded areas is unlawful": a weapon as a class
        if event.means_unstated and not pinned:
            continue  # "the images show the damage the attack did": evidence, no report of it
        if (event.generic and not event.typed_by_means and event.event_type == EventType.BATTLES
                and not any(start <= a < end for a, _ in armed)):
            continue
        kept.append(event)
    return kept


#: the types a flood or a virus is mistaken for when a verb of violence tells what it did
_VIOLENT = frozenset({EventType.BATTLES, EventType.VIOLENCE_AGAINST_CIVILIANS, EventType.EXPLOSIONS,
                      EventType.STRATEGIC})


def _drop_natural_harm(events: list[Event], hazards: list[PhraseMatch], armed: list[tuple[int, int]],
                       sentence_index_of) -> list[Event]:
    """Events of a sentence that names a natural hazard or an epidemic and no armed party, told by a word
    that names no weapon: the flood swept the car (داهم السيل), the campaign fights the virus (التصدي
    لفيروس كورونا). ACLED codes no natural disaster; a weapon named (سقط صاروخ) or an armed party keeps the
    event, and so do protests, arrests and road closures."""
    if not hazards:
        return events
    hazard_sentences = {sentence_index_of(h.start) for h in hazards}
    kept = []
    for event in events:
        start, end = event.sentence.start, event.sentence.end
        if (event.sentence_index in hazard_sentences and event.event_type in _VIOLENT
                and (event.event_type != EventType.EXPLOSIONS or event.means_guessed)
                and not any(start <= a < end for a, _ in armed)):
            continue
        kept.append(event)
    return kept


def _definite(event: Event, text: str) -> bool:
    return definite_word(text, event.trigger.start)


def incident_id(event_type: str, sub_event_type: str, day: date | None, place: str, article_id: str) -> str:
    """Stable id: the same report read twice gives the same id."""
    key = "\x1f".join([event_type, sub_event_type, day.isoformat() if day else "", place, article_id])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _ordered_actors(event: Event, actors):
    """ACLED order: civilians are never actor1; protesters and rioters always are; an actor named as what
    was hit (its positions, checkpoint, members killed) is actor2, and alone it leaves actor1 unknown."""
    if event.event_type in DEFAULT_ACTOR1:
        crowd = [a for a in actors if a.actor.inter in (5, 6)]
        others = [a for a in actors if a.actor.inter not in (5, 6, 7)]
        return (crowd[0] if crowd else None), (others[0] if others and event.sub_event_type in
                                               ("Protest with intervention", "Excessive force against protesters",
                                                "Violent demonstration") else None)
    if len(actors) == 2 and actors[0].target and not actors[1].target and actors[1].actor.inter != 7:
        actors = [actors[1], actors[0]]  # who acted first, then what was hit
    a1 = actors[0] if actors else None
    a2 = actors[1] if len(actors) > 1 else None
    if a1 is not None and a1.target:
        a1, a2 = None, a1  # the one who acted is not named (civilians are never actor1): actor1 stays unknown
    elif a1 is not None and a1.actor.inter == 7:
        a1, a2 = a2, a1
    return a1, a2


def _split(items: list, *sizes: int) -> list[list]:
    """``items`` cut into runs of ``sizes``, then the rest: the starts of each group of expressions."""
    runs, pos = [], 0
    for size in sizes:
        runs.append(items[pos : pos + size])
        pos += size
    return [*runs, items[pos:]]


def _plausible(ref: PlaceRef, countries: set[str] | frozenset[str] = frozenset()) -> bool:
    """A foreign place named without a cue word is more often a common word (وان، صور، ليل); not a city
    of a million people or more that the gazetteer kept (غارة على صنعاء، انفجار في لندن): its word-or-place
    decision has weighed the name, and prominence wins over the score of a bare name; nor a place of a
    country the text names (``countries``: قصف على تعز في اليمن): the text says where it is; nor the seat
    town the gazetteer read for its province of the same name (في سرت): word or place took the name for
    a place, and the place is the town; nor a city (50,000 people or more) of an Arab country that word
    or place kept (تظاهر مئات في السليمانية، هجوم على محطة الوقود في الضعين): its frequency as a word, the
    city's prominence and the text's other places were weighed there, by weights fitted for this. A
    smaller town it kept still needs this bar (صلاح الدين, an Aleppo quarter and a man's name, is also an
    Iraqi town of 38,000), and a province stays out: no site."""
    place = ref.place
    return place.country_code in ("SY", "") or bool(ref.mention.cue) or ref.candidate.score >= FOREIGN_MIN_SCORE \
        or (place.kind is Kind.CITY and place.population >= METROPOLIS_POPULATION) or place.country_code in countries \
        or SEAT_TOWN_REASON in ref.candidate.reasons \
        or place.kind is Kind.CITY and any(reason.startswith(WORD_OR_PLACE) for reason in ref.candidate.reasons)


def _inside_name(trigger, index: tuple[list[int], list[int]]) -> bool:
    """A trigger word inside an actor's name ("تحرير" in "هيئة تحرير الشام"); an alias that starts
    with the trigger ("غارات روسية", "الطيران الروسي") still reports the event.  ``index``: the names'
    spans, which do not overlap (longest-match output), by :func:`_span_index`."""
    starts, reach = index
    i = bisect_right(starts, trigger.start)
    return i > 0 and starts[i - 1] < trigger.start and trigger.end <= reach[i - 1]


def _span_index(spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Starts and running maximum of ends (spans may overlap), so :func:`_inside_any` is one bisect."""
    starts, reach = [], []
    furthest = -1
    for start, end in sorted(spans):
        if end > furthest:
            furthest = end
        starts.append(start)
        reach.append(furthest)
    return starts, reach


#: quotation marks that open a slogan after its word (لا عودة لحكم النظام), and how far the slogan may run
_QUOTES = {"«": "»", '"': '"', "“": "”", "'": "'"}
_SLOGAN_LENGTH = 120
#: how far after its word a demand or a slogan's quotation may begin, and where a demand ends: its clause
_QUOTE_LEAD = 16
_CLAUSE_END = re.compile(r"[،,.؛;:!?؟\n]")


def not_party_spans(text: str, cues, sentence_of) -> list[tuple[int, int]]:
    """Spans whose actors' words name no party of an event: an organisation's name that holds one
    (الدفاع المدني، المجتمع المدني), and a demand or a slogan, from its word to the end of its clause or
    of the quotation that opens right after it ("تطالب بإسقاط النظام"، لافتة كتب عليها "لا عودة لحكم
    النظام").  The regime whose fall a protest demands did nothing at the protest; who did is told
    outside the demand ("قمعت قوات النظام مظاهرة تطالب برحيله")."""
    spans = [(c.start, c.end) for c in of_payload(cues, "parties.organisation")]
    for c in of_payload(cues, "parties.demand"):
        limit = sentence_of(c.start).end
        opening = next((i for i in range(c.end, min(c.end + _QUOTE_LEAD, limit)) if text[i] in _QUOTES), None)
        if opening is not None:
            close = text.find(_QUOTES[text[opening]], opening + 1, min(opening + _SLOGAN_LENGTH, len(text)))
            spans.append((c.start, close if close != -1 else limit))
            continue
        end = _CLAUSE_END.search(text, c.end, limit)
        spans.append((c.start, end.start() if end else limit))
    return spans


def _inside_any(pos: int, index: tuple[list[int], list[int]]) -> bool:
    """True when ``pos`` lies in one of the spans of ``index`` (see :func:`_span_index`)."""
    starts, reach = index
    i = bisect_right(starts, pos) - 1
    return i >= 0 and pos < reach[i]


def _in_support_of(cue, text: str) -> bool:
    """"نصرةً لمدينة الرقة"، "نصرة لحمص": what a protest supports, a cue word before ل glued to the next
    word, not the armed group's name it also spells (النصرة, written with the article)."""
    return cue.payload == "places.subject" and not text.startswith("ال", max(0, cue.start - 2)) \
        and text.startswith(" ل", cue.end)


def _overlaps(span, index: tuple[list[int], list[int]]) -> bool:
    """``span`` overlaps one of the spans of ``index`` (see :func:`_span_index`): the last one starting at
    or before it reaches past its start, or the next one starts before its end."""
    starts, reach = index
    i = bisect_right(starts, span.start)
    return (i > 0 and reach[i - 1] > span.start) or (i < len(starts) and starts[i] < span.end)


def _harm_near(sentences, cues, sentence_index_of, kind: str) -> set[int]:
    """Sentences that tell a kind of harm (cue payload ``kind``), and their neighbours in the same
    paragraph (a witness's "the hospital is out of service" and "the attack" are often told one
    sentence apart)."""
    found = set()
    for s_idx in {sentence_index_of(c.start) for c in of_payload(cues, kind)}:
        for near in (s_idx - 1, s_idx, s_idx + 1):
            if 0 <= near < len(sentences) and sentences[near].paragraph == sentences[s_idx].paragraph:
                found.add(near)
    return found


def _commentary_sentences(cues, sentence_index_of) -> set[int]:
    statement = {sentence_index_of(c.start) for c in of_payload(cues, "places.statement")}
    speaker = {sentence_index_of(c.start) for c in of_payload(cues, "places.speaker")}
    return statement & speaker


def _link_casualties(events: list[Event], mentions, sentence_index_of, text: str, destinations: list[int],
                     original) -> None:
    violent = [e for e in events if e.violent]
    crowd_only = not violent  # a protest's casualties are only those told in its own sentence
    if crowd_only:
        violent = [e for e in events if e.event_type in (EventType.PROTESTS, EventType.RIOTS)]
    by_sentence: dict[int, list[Event]] = {}
    for event in violent:
        by_sentence.setdefault(event.sentence_index, []).append(event)
    for mention in mentions:
        s_idx = sentence_index_of(mention.start)
        same = by_sentence.get(s_idx, [])
        if crowd_only and not same:
            continue
        if not same and not mention.counted and definite_word(text, mention.start):
            continue  # "ونُقل المصابون في الحادثتين": people already counted, no new casualty
        before = [e for e in same if e.trigger.start <= mention.start]
        if before:
            target = before[-1]
        elif same:
            target = same[0]
        else:
            # casualties told in a sentence of their own belong to an event with a place: not to
            # "أصوات قذائف هاون سُمعت" (no place, dropped), which would lose them
            placed = [e for e in violent if e.places] or violent
            earlier = [e for e in placed if e.sentence_index < s_idx]
            later = [e for e in placed if e.sentence_index > s_idx]
            target = earlier[-1] if earlier else (later[0] if later else None)
        if target is not None:
            target.casualties.append(mention)
    for cue_start in destinations:
        s_idx = sentence_index_of(cue_start)
        sentence_end = next((e.sentence.end for e in events if e.sentence_index == s_idx), None)
        end = sentence_end if sentence_end is not None else cue_start + 200
        match = _HOSPITAL_NAME.search(text, cue_start, end)
        if not match:
            continue
        name = original(match.start(1), match.end(1)).strip()
        same = [e for e in violent if e.sentence_index == s_idx and e.trigger.start <= cue_start]
        earlier = [e for e in violent if e.sentence_index <= s_idx]
        targets = [e for e in violent if e.casualties and any(sentence_index_of(c.start) == s_idx
                                                              for c in e.casualties)]
        for event in targets or same[-1:] or earlier[-1:]:
            if not event.destination:
                event.destination = name


def _event_date(event: Event, mentions: list[DateMention], title_dates: list[DateMention],
                starts: list[int]) -> DateMention | None:
    """``mentions`` in text order, ``starts`` theirs: a clause's and a sentence's are runs of them."""
    clause, sentence = event.clause, event.sentence
    in_clause = mentions[bisect_left(starts, clause.start):bisect_left(starts, clause.end)]
    in_sentence = in_clause or mentions[bisect_left(starts, sentence.start):bisect_left(starts, sentence.end)]
    if in_sentence:  # the most precise date (a day beside "العام الماضي" dates it), then the nearest
        return min(in_sentence, key=lambda d: (d.precision, abs(d.start - event.trigger.start)))
    return title_dates[0] if title_dates else None


def _event_actors(event: Event, matches, starts: list[int], surface_of, day, alone: bool = False, text: str = "",
                  read: dict | None = None):
    """Actors of the event's clause; the sentence's when the clause names none, or names one and the
    event is the only one of its sentence ("اشتباكات بين عناصر الأسايش، جهاز …، ووحدات من القوات الحكومية").
    ``read``: see :func:`.actors.resolve_actors` (one per text)."""
    clause, sentence = event.clause, event.sentence
    # ``matches`` are in text order (``starts`` theirs): a clause's and a sentence's are runs of them, the
    # clause's inside the sentence's
    in_clause = matches[bisect_left(starts, clause.start):bisect_left(starts, clause.end)]
    if not in_clause or (alone and len({m.payload.name for m in in_clause}) < 2):
        chosen = matches[bisect_left(starts, sentence.start):bisect_left(starts, sentence.end)]
    else:
        chosen = in_clause
    return resolve_actors(chosen, surface_of, day, text, read)


#: punctuation that may close a hashtag in running text
_TAG_END = "،,.:؛!?؟)\"'»"

_COUNT_FIELDS = ("fatalities", "fatalities_low", "fatalities_high", "injured_low", "injured_high")


def _keep_counts(target: Incident, other: Incident) -> None:
    """Two readings of one incident's counts: where both give a range and the ranges overlap, the
    overlap (a headline's "جرحى", 2-10, and the body's "سبعة جرحى" are 7); otherwise the larger."""
    for low, high in (("fatalities_low", "fatalities_high"), ("injured_low", "injured_high")):
        a_low, a_high, b_low, b_high = (getattr(target, low), getattr(target, high), getattr(other, low),
                                        getattr(other, high))
        if a_high and b_high and max(a_low, b_low) <= min(a_high, b_high):
            setattr(target, low, max(a_low, b_low))
            setattr(target, high, min(a_high, b_high))
        else:
            setattr(target, low, max(a_low, b_low))
            setattr(target, high, max(a_high, b_high))
    target.fatalities = max(target.fatalities, other.fatalities)
    if target.fatalities_high:
        target.fatalities = min(max(target.fatalities, target.fatalities_low), target.fatalities_high)
    target.civilian_casualties = target.civilian_casualties or other.civilian_casualties
    target.casualty_destination = target.casualty_destination or other.casualty_destination


def _confidence(event: Event, ref, time_precision: int, has_actor: bool, flagged: bool) -> float:
    score = 0.45 + min(event.priority, 90) / 450
    if ref is not None:
        score += 0.15 if ref.precision == 1 else 0.05
    else:
        score -= 0.25
    if event.place_fallback:
        score -= 0.15
    if time_precision == 1:
        score += 0.05
    if has_actor:
        score += 0.05
    if flagged:
        score -= 0.05
    return round(max(0.05, min(0.99, score)), 3)
