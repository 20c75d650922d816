/* geo-incidents map controls, our own small plugins: title and date, legend, fullscreen (Fullscreen API),
 * minimap (a second small L.map), measure (click distances), time slider (filters layers by day),
 * scale and attribution. Text from data goes in with textContent only. Needs gi-layers.js. */
(function () {
  "use strict";
  var GI = (window.GI = window.GI || {});
  var node = GI.node;

  /* button faces: our own SVG constants (no icon font needed) */
  var FACES = {
    fullscreen: '<path d="M4 9V4h5M15 4h5v5M20 15v5h-5M9 20H4v-5"/>',
    measure: '<path d="M3 16L16 3l5 5L8 21z"/><path d="M7 12l2 2M10 9l2 2M13 6l2 2"/>',
    play: '<path d="M8 5l11 7-11 7z" fill="currentColor"/>',
    pause: '<path d="M7 5h3v14H7zM14 5h3v14h-3z" fill="currentColor"/>'
  };
  function face(name) {
    return '<svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" ' +
      'stroke-linejoin="round">' + FACES[name] + "</svg>";
  }
  GI.buttonFace = face;

  function button(container, faceName, title, onClick) {
    var a = L.DomUtil.create("a", "gi-button gi-button-" + faceName, container);
    a.href = "#";
    a.setAttribute("role", "button");
    a.title = title;
    a.setAttribute("aria-label", title);
    a.innerHTML = face(faceName); /* constant markup */
    L.DomEvent.disableClickPropagation(a);
    L.DomEvent.on(a, "click", function (e) { L.DomEvent.preventDefault(e); onClick(a); });
    return a;
  }

  /* ---- Title and date, centred at the top ---- */
  function addTitle(map, title, date, force) {
    if (!title && !date && !force) return;
    var box = node("div", "gi-title");
    box.setAttribute("dir", "auto");
    if (title) box.appendChild(node("div", "gi-title-main", title));
    var dateLine = node("div", "gi-title-date", date || "");
    box.appendChild(dateLine);
    L.DomEvent.disableClickPropagation(box);
    map.getContainer().appendChild(box);
    return dateLine;
  }

  /* ---- Legend ---- */
  function swatchLine(style) {
    var svg = '<svg width="34" height="12" viewBox="0 0 34 12"><line x1="2" y1="6" x2="32" y2="6" stroke="' +
      GI.safeColour(style.color) + '" stroke-width="' + (+style.weight || 3) + '"' +
      (style.dash ? ' stroke-dasharray="' + style.dash + '"' : "") + ' stroke-linecap="round"/></svg>';
    var span = node("span", "gi-swatch");
    span.innerHTML = svg; /* our constants only; colour checked by safeColour */
    return span;
  }
  function legendRow(list, swatch, text) {
    var li = node("li", "gi-legend-row");
    li.appendChild(swatch);
    li.appendChild(GI.twoLang(node("span", "gi-legend-text"), text));
    list.appendChild(li);
    return li;
  }
  function addLegend(map, spec) {
    var control = L.control({ position: "bottomright" });
    control.onAdd = function () {
      var box = L.DomUtil.create("div", "gi-legend leaflet-bar");
      box.setAttribute("dir", "rtl");
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      var details = node("details");
      details.addEventListener("toggle", function () { if (GI.layout) GI.layout(map); });
      /* on a small map (an embed, a small image) the legend starts folded so it hides no incident */
      var size = map.getSize();
      details.open = spec.open !== false && size.x >= 900 && size.y >= 650;
      details.appendChild(node("summary", "", "مفتاح الخريطة (Legend)"));
      box.appendChild(details);
      function section(title) {
        details.appendChild(node("div", "gi-legend-head", title));
        var ul = node("ul", "gi-legend-list");
        details.appendChild(ul);
        return ul;
      }
      if (spec.types && spec.types.length) {
        var ul = section("نوع الحادثة");
        spec.types.forEach(function (t) {
          var s = node("span", "gi-swatch");
          s.innerHTML = GI.iconSvg(t[0], "#555", 18); /* t[0] is looked up in our glyph table */
          legendRow(ul, s, t[2] + (t[1] ? "\t" + t[1] : ""));
        });
      }
      if (spec.palette && spec.palette.length) {
        var ua = section(spec.byType ? "نوع الحادثة (لون الرمز)" : "الطرف (لون الرمز)");
        spec.palette.forEach(function (p) {
          var s = node("span", "gi-swatch gi-dot");
          s.style.background = GI.safeColour(p[1]);
          legendRow(ua, s, p[0]);
        });
        var ring = node("span", "gi-swatch gi-ring");
        legendRow(ua, ring, "حلقة منقطة حول الرمز: موقع تقريبي\tdashed ring around the icon: approximate place");
      }
      if (spec.closures) {
        var uc = section("الطرق");
        legendRow(uc, swatchLine({ color: "#d7191c", weight: 4 }), "مغلق\tclosed");
        legendRow(uc, swatchLine({ color: "#f28e00", weight: 4, dash: "6 4" }), "مغلق جزئياً\tpartially closed");
        legendRow(uc, swatchLine({ color: "#1a9641", weight: 3 }), "أعيد فتحه\treopened");
      }
      var fronts = spec.frontlines || [];
      if (fronts.length) {
        var uf = section("خطوط التماس");
        if (fronts.indexOf("estimated") >= 0) {
          var band = node("span", "gi-swatch gi-band");
          legendRow(uf, band, "تقدير من الاشتباكات، ليس خطاً منشوراً؛ العرض = عدم اليقين\t" +
            "estimate from clashes, not a reported line; width = uncertainty").classList.add("gi-legend-estimate");
        }
        if (fronts.indexOf("imported") >= 0)
          legendRow(uf, swatchLine({ color: "#1b1b1b", weight: 3 }), "من ملف محلل\timported");
        if (fronts.indexOf("derived") >= 0)
          legendRow(uf, swatchLine({ color: "#3d3d3d", weight: 3, dash: "1 5" }), "حدود مناطق السيطرة\tderived from control areas");
      }
      if (spec.control && spec.control.length) {
        var uk = section("مناطق السيطرة");
        spec.control.forEach(function (p) {
          var s = node("span", "gi-swatch gi-area");
          s.style.background = GI.safeColour(p[1]);
          legendRow(uk, s, p[0]);
        });
      }
      if (spec.skipped) details.appendChild(node("div", "gi-legend-note",
        spec.skipped + " حادثة بلا موقع لم تُرسم"));
      return box;
    };
    control.addTo(map);
  }

  /* ---- Fullscreen via the Fullscreen API ---- */
  function addFullscreen(map) {
    var control = L.control({ position: "topleft" });
    control.onAdd = function () {
      var bar = L.DomUtil.create("div", "leaflet-bar gi-fullscreen");
      button(bar, "fullscreen", "ملء الشاشة (fullscreen)", function () {
        var el = map.getContainer();
        if (document.fullscreenElement) document.exitFullscreen();
        else if (el.requestFullscreen) el.requestFullscreen();
      });
      return bar;
    };
    document.addEventListener("fullscreenchange", function () { map.invalidateSize(); });
    control.addTo(map);
  }

  /* ---- Measure: click points, read the distance ---- */
  function formatDistance(m) {
    return m >= 1000 ? (m / 1000).toFixed(m >= 10000 ? 1 : 2) + " كم (km)" : Math.round(m) + " م (m)";
  }
  GI.formatDistance = formatDistance;
  function addMeasure(map) {
    var control = L.control({ position: "topleft" });
    var active = false, points = [], line = null, marks = L.layerGroup(), readout, sheet;
    function reset() {
      points = [];
      marks.clearLayers();
      if (line) { map.removeLayer(line); line = null; }
      readout.textContent = "";
    }
    function total() {
      var d = 0;
      for (var i = 1; i < points.length; i++) d += map.distance(points[i - 1], points[i]);
      return d;
    }
    function onClick(e) {
      points.push(e.latlng);
      marks.addLayer(L.circleMarker(e.latlng, { radius: 4, color: "#222", weight: 2, fillColor: "#fff", fillOpacity: 1 }));
      if (!line) line = L.polyline(points, { color: "#222", weight: 2, dashArray: "4 4", interactive: false }).addTo(map);
      else line.setLatLngs(points);
      readout.textContent = formatDistance(total());
      window.geoIncidents.measure = total();
    }
    control.onAdd = function () {
      var bar = L.DomUtil.create("div", "leaflet-bar gi-measure");
      readout = node("div", "gi-measure-readout");
      button(bar, "measure", "قياس المسافة (measure): انقر نقاطاً على الخريطة", function (a) {
        active = !active;
        L.DomUtil[active ? "addClass" : "removeClass"](a, "gi-active");
        /* a transparent sheet over the layers takes the clicks, so markers and areas do not swallow them */
        if (active) {
          marks.addTo(map);
          sheet = L.DomUtil.create("div", "gi-measure-sheet", map.getContainer());
          L.DomEvent.disableClickPropagation(sheet);
          L.DomEvent.on(sheet, "click", function (e) { onClick({ latlng: map.mouseEventToLatLng(e) }); });
          L.DomEvent.on(sheet, "wheel", function (e) { L.DomEvent.stop(e); map.setZoom(map.getZoom() + (e.deltaY < 0 ? 1 : -1)); });
        } else {
          L.DomUtil.remove(sheet);
          reset();
          map.removeLayer(marks);
        }
      });
      bar.appendChild(readout);
      return bar;
    };
    control.addTo(map);
  }

  /* ---- Minimap: a second, small, non-interactive L.map following the main one ---- */
  function addMinimap(map, spec) {
    var control = L.control({ position: "bottomleft" });
    control.onAdd = function () {
      var div = L.DomUtil.create("div", "gi-minimap leaflet-bar");
      return div;
    };
    control.addTo(map);
    var div = control.getContainer();
    var mini = L.map(div, {
      attributionControl: false, zoomControl: false, dragging: false, scrollWheelZoom: false,
      doubleClickZoom: false, boxZoom: false, keyboard: false, touchZoom: false, fadeAnimation: false,
      zoomAnimation: false, center: map.getCenter(), zoom: Math.max(map.getZoom() - 5, 3)
    });
    if (spec.tiles) L.tileLayer(spec.tiles, { maxZoom: 18 }).addTo(mini);
    if (window.GI_BASEMAP) {
      L.geoJSON(window.GI_BASEMAP, { interactive: false, style: function () {
        return { color: "#8a949d", weight: 1, fillColor: "#eeeae0", fillOpacity: spec.tiles ? 0 : 1 };
      } }).addTo(mini);
    }
    var box = L.rectangle(map.getBounds(), { color: "#d7191c", weight: 2, fillOpacity: 0.1, interactive: false }).addTo(mini);
    function sync() {
      mini.setView(map.getCenter(), Math.max(map.getZoom() - 5, 3), { animate: false });
      box.setBounds(map.getBounds());
    }
    map.on("moveend zoomend resize", sync);
    sync();
    window.geoIncidents.minimap = mini;
  }

  /* ---- Time slider: shows one day at a time across every layer ---- */
  function addTimeSlider(map, spec, dateLine) {
    var control = L.control({ position: "bottomleft" });
    var input, label, timer = null;
    function show(day) {
      label.textContent = GI.dayToIso(day);
      if (dateLine) dateLine.textContent = GI.dayToIso(day);
      GI.setDay(map, day);
    }
    control.onAdd = function () {
      var box = L.DomUtil.create("div", "gi-timeslider leaflet-bar");
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      button(box, "play", "تشغيل (play)", function (a) {
        if (timer) { clearInterval(timer); timer = null; a.innerHTML = face("play"); return; }
        a.innerHTML = face("pause");
        timer = setInterval(function () {
          var next = +input.value + 1;
          if (next > spec.last) next = spec.first;
          input.value = next;
          show(next);
        }, spec.interval || 900);
      });
      input = L.DomUtil.create("input", "gi-timeslider-range", box);
      input.type = "range";
      input.min = spec.first;
      input.max = spec.last;
      input.step = 1;
      input.value = spec.start;
      input.setAttribute("aria-label", "اليوم (day)");
      label = node("span", "gi-timeslider-label");
      box.appendChild(label);
      L.DomEvent.on(input, "input change", function () { show(+input.value); });
      return box;
    };
    control.addTo(map);
    show(spec.start);
    window.geoIncidents.setDay = function (dayOrIso) {
      var day = typeof dayOrIso === "string" ? Math.round(Date.parse(dayOrIso + "T00:00:00Z") / 86400000) : dayOrIso;
      input.value = day;
      show(day);
    };
  }

  /* ---- Small screens: nothing may cover anything else ----
   * The layer list folds into Leaflet's button; the attribution shrinks to one line (tap to read it all)
   * beside the minimap; the title sits between the left buttons and the layer button, or below them. */
  var SMALL = 700;
  function layout(map) {
    var el = map.getContainer(), size = map.getSize(), small = size.x < SMALL || size.y < 500;
    L.DomUtil[small ? "addClass" : "removeClass"](el, "gi-small");
    var layers = el.querySelector(".leaflet-control-layers");
    if (layers && !layers._giToggle) {
      layers._giToggle = true;
      var toggle = layers.querySelector(".leaflet-control-layers-toggle");
      if (toggle) {
        toggle.setAttribute("title", "الطبقات (layers)");
        toggle.setAttribute("aria-label", "الطبقات (layers)");
        L.DomEvent.on(toggle, "click", function (e) {
          L.DomEvent.stop(e);
          L.DomUtil[L.DomUtil.hasClass(layers, "leaflet-control-layers-expanded") ? "removeClass" : "addClass"](
            layers, "leaflet-control-layers-expanded");
          layout(map);
        });
      }
    }
    if (layers && small && !layers._giOpened) L.DomUtil.removeClass(layers, "leaflet-control-layers-expanded");
    if (layers && !small) L.DomUtil.addClass(layers, "leaflet-control-layers-expanded");
    var attribution = el.querySelector(".leaflet-control-attribution");
    if (attribution && !attribution._giToggle) {
      attribution._giToggle = true;
      attribution.setAttribute("title", "المصادر (sources)");
      L.DomEvent.on(attribution, "click", function () { L.DomUtil.addClass(attribution, "gi-open"); });
    }
    /* an open legend on a small screen: the bottom-left stack (minimap, time slider) moves up above it */
    var corner = el.querySelector(".leaflet-bottom.leaflet-left"), legend = el.querySelector(".gi-legend");
    if (corner) {
      corner.style.bottom = "";
      if (small && legend && legend.querySelector("details[open]")) {
        var lr = legend.getBoundingClientRect(), cr = corner.getBoundingClientRect();
        if (lr.left < cr.right) corner.style.bottom = (el.getBoundingClientRect().bottom - lr.top) + "px";
      }
    }
    var title = el.querySelector(".gi-title");
    if (title) {
      var rect = el.getBoundingClientRect();
      var left = el.querySelector(".leaflet-top.leaflet-left"), right = el.querySelector(".leaflet-top.leaflet-right");
      var leftEdge = 10, rightEdge = size.x - 10, below = 10;
      if (left && left.firstChild) leftEdge = Math.max(leftEdge, left.getBoundingClientRect().right - rect.left + 8);
      if (right && right.firstChild) {
        var r = right.getBoundingClientRect();
        rightEdge = Math.min(rightEdge, r.left - rect.left - 8);
        below = Math.max(below, r.bottom - rect.top + 8);
      }
      title.style.transform = "none";
      title.style.right = "";
      title.style.left = "0px";
      title.style.maxWidth = (size.x - leftEdge - 10) + "px";
      var fits = rightEdge - leftEdge >= Math.min(title.offsetWidth, 200);
      if (fits) {
        var width = Math.min(title.offsetWidth, rightEdge - leftEdge);
        var centred = (size.x - width) / 2;
        title.style.left = Math.max(leftEdge, Math.min(centred, rightEdge - width)) + "px";
        title.style.top = "10px";
        title.style.maxWidth = (rightEdge - leftEdge) + "px";
      } else { /* under the layer button, to the right of the left buttons */
        title.style.maxWidth = (size.x - leftEdge - 10) + "px";
        title.style.left = leftEdge + "px";
        title.style.top = below + "px";
      }
    }
  }
  GI.layout = layout;

  /* ---- Everything a page gets around its layers ---- */
  GI.controls = function (map, spec) {
    var state = window.geoIncidents;
    state.title = spec.title || "";
    L.control.scale({ imperial: false, position: "bottomright" }).addTo(map);
    if (map.attributionControl) {
      map.attributionControl.setPrefix(false);
      /* strings were HTML-escaped in Python: Leaflet inserts attributions as HTML */
      (spec.attribution || []).forEach(function (a) { map.attributionControl.addAttribution(a); });
    }
    var dateLine = addTitle(map, spec.title, spec.date, !!spec.timeline);
    if (spec.fullscreen !== false) addFullscreen(map);
    if (spec.measure !== false) addMeasure(map);
    if (spec.legend) addLegend(map, spec.legend);
    if (spec.minimap) addMinimap(map, spec.minimap);
    if (spec.timeline) addTimeSlider(map, spec.timeline, dateLine);
    layout(map);
    map.on("resize", function () { layout(map); });
    if (spec.bounds) map.fitBounds(spec.bounds, { padding: [30, 30], maxZoom: spec.maxZoom || 13, animate: false });
    state.ready = true;
    map.fire("gi:ready");
  };
})();
