"""An export that fails half-way leaves no file and no temporary file behind."""

from __future__ import annotations

import pytest

import geo_incidents.export.geopackage as geopackage_module
import geo_incidents.export.kml as kml_module
from geo_incidents.export import export
from geo_incidents.export.atomic import atomic_output


class Boom(RuntimeError):
    pass


def test_atomic_output_removes_the_half_file(tmp_path):
    target = tmp_path / "out.csv"
    with pytest.raises(Boom), atomic_output(target) as tmp:
        tmp.write_text("half a line")
        raise Boom
    assert list(tmp_path.iterdir()) == []


def test_failed_kml_export_keeps_the_previous_file(store, tmp_path, monkeypatch):
    target = tmp_path / "incidents.kml"
    target.write_text("previous export")

    real_write_all = kml_module._write_all
    calls = []

    def fail_on_second_layer(out, marks):
        calls.append(len(marks))
        if len(calls) == 2:
            out.write(b"<Placemark><name>half")
            raise Boom("disk full")
        return real_write_all(out, marks)

    monkeypatch.setattr(kml_module, "_write_all", fail_on_second_layer)
    with pytest.raises(Boom):
        export(store, "kml", target)
    assert len(calls) == 2
    assert [p.name for p in tmp_path.iterdir()] == ["incidents.kml"]
    assert target.read_text() == "previous export"


def test_failed_geopackage_export_leaves_nothing(store, tmp_path, monkeypatch):
    real_write = geopackage_module.pyogrio.write_dataframe
    calls = []

    def fail_on_second_layer(frame, path, **kwargs):
        calls.append(kwargs["layer"])
        if len(calls) == 2:
            raise Boom("killed between layers")
        return real_write(frame, path, **kwargs)

    monkeypatch.setattr(geopackage_module.pyogrio, "write_dataframe", fail_on_second_layer)
    with pytest.raises(Boom):
        export(store, "gpkg", tmp_path / "out.gpkg")
    assert calls == ["incidents", "road_closures"]
    assert list(tmp_path.iterdir()) == []
