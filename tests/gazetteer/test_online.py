"""The Nominatim fallback against a small Nominatim look-alike on 127.0.0.1 (never the internet)."""

from __future__ import annotations

import json
import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest

from gazetteer.model import Kind, Precision
from gazetteer.online import NominatimGeocoder, candidate_of, default_user_agent

RESULTS = {
    "دوار الليرمون": [
        {
            "place_id": 1,
            "osm_type": "way",
            "osm_id": 123456,
            "lat": "36.2445",
            "lon": "37.1115",
            "class": "junction",
            "type": "roundabout",
            "name": "دوار الليرمون",
            "display_name": "دوار الليرمون, حلب, سوريا",
            "importance": 0.31,
            "address": {"country_code": "sy"},
        },
        {
            "place_id": 2,
            "osm_type": "node",
            "osm_id": 42,
            "lat": "36.241",
            "lon": "37.109",
            "class": "place",
            "type": "suburb",
            "name": "الليرمون",
            "display_name": "الليرمون, حلب, سوريا",
            "importance": 0.2,
        },
    ],
    "حلب": [
        {
            "osm_type": "relation",
            "osm_id": 5,
            "lat": "36.2",
            "lon": "37.16",
            "class": "boundary",
            "type": "administrative",
            "addresstype": "state",
            "name": "محافظة حلب",
            "display_name": "محافظة حلب, سوريا",
            "importance": 0.7,
        }
    ],
}


class FakeNominatim(BaseHTTPRequestHandler):
    requests: list[dict] = []
    user_agents: list[str] = []
    fail = False

    def do_GET(self):  # noqa: N802 - http.server's naming
        url = urlparse(self.path)
        params = {k: v[0] for k, v in parse_qs(url.query).items()}
        type(self).requests.append({"path": url.path, **params})
        type(self).user_agents.append(self.headers.get("User-Agent", ""))
        if type(self).fail:
            self.send_response(503)
            self.end_headers()
            self.wfile.write(b"overloaded")
            return
        body = json.dumps(RESULTS.get(params.get("q", ""), []), ensure_ascii=False).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):  # keep pytest output clean
        pass


@pytest.fixture
def server():
    FakeNominatim.requests, FakeNominatim.user_agents, FakeNominatim.fail = [], [], False
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FakeNominatim)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def geocoder(server, tmp_path):
    host, port = server.server_address
    return NominatimGeocoder(
        domain=f"{host}:{port}", scheme="http", cache_path=tmp_path / "cache.sqlite", min_delay_seconds=0.0, timeout=5
    )


def test_query_parameters_and_candidates(geocoder):
    candidates = geocoder.geocode("دوار الليرمون")
    (request,) = FakeNominatim.requests
    assert request["path"] == "/search"
    assert request["q"] == "دوار الليرمون" and request["format"] == "json" and request["accept-language"] == "ar"
    assert FakeNominatim.user_agents[0].startswith("geo-incidents/") and "(+http" in FakeNominatim.user_agents[0]
    first, second = candidates
    assert first.place.id == "nominatim:way123456" and first.place.kind is Kind.ROUNDABOUT
    assert (first.place.lat, first.place.lon) == (36.2445, 37.1115)
    assert first.precision is Precision.EXACT and first.approximate is False
    assert first.place.country_code == "SY" and "ODbL" in first.place.licence
    assert second.place.id == "nominatim:node42" and second.place.kind is Kind.NEIGHBOURHOOD


def test_second_lookup_hits_the_cache(geocoder, server, tmp_path):
    first = geocoder.geocode("دوار الليرمون")
    assert len(FakeNominatim.requests) == 1
    again = geocoder.geocode("  دوار   الليرمون ")  # same query once whitespace is normalised
    assert len(FakeNominatim.requests) == 1
    assert [c.place.id for c in again] == [c.place.id for c in first]
    # the cache persists: a new geocoder on the same file asks nothing either
    host, port = server.server_address
    other = NominatimGeocoder(domain=f"{host}:{port}", scheme="http", cache_path=tmp_path / "cache.sqlite")
    assert [c.place.id for c in other.geocode("دوار الليرمون")] == [c.place.id for c in first]
    assert len(FakeNominatim.requests) == 1


def test_empty_answer_is_cached_too(geocoder):
    assert geocoder.geocode("لا مكان بهذا الاسم") == []
    assert geocoder.geocode("لا مكان بهذا الاسم") == []
    assert len(FakeNominatim.requests) == 1


def test_server_error_gives_empty_list_and_a_warning(geocoder, caplog):
    FakeNominatim.fail = True
    with caplog.at_level(logging.WARNING, logger="gazetteer.online"):
        assert geocoder.geocode("حلب") == []
    assert any("Nominatim lookup of 'حلب' failed" in r.getMessage() for r in caplog.records)
    FakeNominatim.fail = False  # errors are not cached: the next call asks again
    (candidate,) = geocoder.geocode("حلب")
    assert candidate.place.kind is Kind.GOVERNORATE and candidate.precision is Precision.REGION
    assert len(FakeNominatim.requests) == 2


def test_unreachable_server_gives_empty_list(tmp_path, caplog):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    geocoder = NominatimGeocoder(
        domain=f"127.0.0.1:{port}", scheme="http", cache_path=tmp_path / "c.sqlite", min_delay_seconds=0, timeout=2
    )
    with caplog.at_level(logging.WARNING, logger="gazetteer.online"):
        assert geocoder.geocode("حلب") == []
    assert caplog.records


def test_rate_limit_defaults_to_one_request_a_second(tmp_path):
    geocoder = NominatimGeocoder(cache_path=tmp_path / "c.sqlite")
    assert geocoder.rate_limiter.min_delay_seconds == 1.0
    assert default_user_agent().startswith("geo-incidents/")


def test_result_without_coordinates_is_dropped():
    assert candidate_of({"osm_type": "node", "osm_id": 1, "class": "place", "type": "city"}) is None


# -- the fallback wired into the gazetteer ---------------------------------------------------------


@pytest.fixture
def local_only():
    from shapely.geometry import Point

    from gazetteer import Place

    return [Place(id="t:aleppo", name_ar="حلب", kind=Kind.CITY, geometry=Point(37.16, 36.2), population=2_000_000,
                  country_code="SY", source="test")]


def test_lookup_asks_online_only_when_the_index_has_nothing(geocoder, local_only):
    from gazetteer import Gazetteer

    gz = Gazetteer.from_places(local_only, online=geocoder)
    assert gz.lookup("حلب")[0].place.id == "t:aleppo"
    assert FakeNominatim.requests == []  # known locally: nothing asked
    found = gz.lookup("دوار الليرمون")
    assert [c.place.id for c in found] == ["nominatim:way123456", "nominatim:node42"]
    assert gz.lookup("دوار الليرمون", kind="neighbourhood")[0].place.id == "nominatim:node42"
    assert len(FakeNominatim.requests) == 1  # the second call came from the cache


def test_find_asks_online_for_an_unknown_name_after_a_place_cue(geocoder, local_only):
    from gazetteer import Gazetteer

    gz = Gazetteer.from_places(local_only, online=geocoder)
    text = "اشتباكات قرب دوار الليرمون في حلب"
    mentions = gz.find(text)
    assert [m.best.place.id for m in mentions] == ["nominatim:way123456", "t:aleppo"]
    first = mentions[0]
    assert text[first.start:first.end] == "دوار الليرمون" and first.cue == "دوار"
    assert [r["q"] for r in FakeNominatim.requests] == ["دوار الليرمون"]


def test_online_is_off_by_default(server, local_only):
    from gazetteer import Gazetteer

    gz = Gazetteer.from_places(local_only)
    assert gz.online is None
    assert gz.lookup("دوار الليرمون") == [] and [m.best.place.id for m in gz.find("قرب دوار الليرمون") if m.best] == []
    assert FakeNominatim.requests == []


def test_cli_lookup_online(server, tmp_path, capsys, local_only):
    import json as json_module

    from gazetteer import Gazetteer
    from gazetteer.cli import main
    from gazetteer.store import IndexStore

    index = tmp_path / "index.sqlite"
    Gazetteer(IndexStore(index)).add(local_only)
    host, port = server.server_address
    argv = ["--index", str(index), "--cache-dir", str(tmp_path / "cache"), "lookup", "دوار الليرمون", "--json"]
    assert main(argv) == 1  # nothing found: exit 1, the JSON document still printed
    assert json_module.loads(capsys.readouterr().out)["candidates"] == []  # off by default
    assert main([*argv, "--online", "--nominatim-url", f"http://{host}:{port}"]) == 0
    doc = json_module.loads(capsys.readouterr().out)
    assert doc["candidates"][0]["id"] == "nominatim:way123456"
    assert (tmp_path / "cache" / "nominatim.sqlite").exists()
    assert main([*argv, "--online", "--nominatim-url", "ftp://x"]) == 2
