/* geo-incidents map layers: build Leaflet layers from the compact JSON that maps/ embeds.
 *
 * Everything taken from data is put into the page with textContent / DOM nodes, never innerHTML:
 * report text is untrusted. Each layer can be filtered by day (time slider) through GI.setDay.
 * Our own code; needs Leaflet 1.9 and Leaflet.markercluster. */
(function () {
  "use strict";
  var GI = (window.GI = window.GI || {});
  var state = (window.geoIncidents = window.geoIncidents || { layers: {}, day: null });
  var DAY_MS = 86400000;

  /* 28x28 white glyphs drawn on a disc in the actor's colour (our own drawings). */
  var GLYPHS = {
    battle: '<path d="M8 8l12 12M20 8L8 20M7 17l4 4M17 21l4-4"/>',
    explosion: '<path fill="#fff" stroke="none" d="M14 5l2 5 5-3-2 5 5 2-5 2 2 5-5-3-2 5-2-5-5 3 2-5-5-2 5-2-2-5 5 3z"/>',
    civilians: '<circle cx="14" cy="8.5" r="2.6" fill="#fff" stroke="none"/><path d="M14 12v6M9.5 14h9M14 18l-3.5 4.5M14 18l3.5 4.5"/>',
    protest: '<path fill="#fff" stroke="none" d="M7 12h3l8-4.5v13L10 16H7z"/><path d="M11 16l1.5 5"/>',
    riot: '<path fill="#fff" stroke="none" d="M14 5c1 4 6 6 6 11a6 6 0 0 1-12 0c0-3 2-4.5 2.5-7 1.2 1.4 2 2.6 2.2 4C14.8 11 14.8 8 14 5z"/>',
    strategic: '<path d="M10 22V6"/><path fill="#fff" stroke="none" d="M10.5 6.5h9l-2.5 3.5 2.5 3.5h-9z"/>',
    road: '<path d="M6.5 10.5h15v5h-15zM9 15.5V21M19 15.5V21"/><path d="M10 10.5l3 5M15 10.5l3 5"/>',
    displacement: '<path d="M6 14h13M15 9.5l4.5 4.5-4.5 4.5"/><path d="M6 19h7"/>',
    other: '<circle cx="14" cy="14" r="3.5" fill="#fff" stroke="none"/>'
  };
  var PRECISION_AR = { 1: "دقيق: المكان نفسه", 2: "تقريبي: قرب المكان أو جزء من منطقة", 3: "المنطقة أو المحافظة فقط" };
  /* popups keep clear of the title box at the top */
  /* popups fit the map: on a phone (390 px) as wide as the screen allows, as tall as it leaves room for, and
   * panned clear of the title box at the top */
  function popupOpts(map) {
    var size = map.getSize();
    return { maxWidth: Math.min(380, size.x - 56), minWidth: Math.min(240, size.x - 76),
      maxHeight: Math.max(160, size.y - 170), className: "gi-popup-wrap", autoPanPaddingTopLeft: [12, 70],
      autoPanPaddingBottomRight: [12, 12] };
  }
  GI.popupOpts = popupOpts;
  var UNCERTAINTY_M = { 2: 4000, 3: 15000 }; /* near a place / a region or province */
  var STATUS_AR = { closed: "مغلق", partial: "مغلق جزئياً", reopened: "أعيد فتحه" };
  var STATUS_STYLE = {
    closed: { color: "#d7191c", weight: 5, opacity: 0.9 },
    partial: { color: "#f28e00", weight: 5, opacity: 0.9, dashArray: "8 6" },
    reopened: { color: "#1a9641", weight: 4, opacity: 0.85 }
  };
  var METHOD_AR = { estimated: "تقديري", imported: "مستورد من محلل", derived: "مشتق من مناطق السيطرة" };
  var METHOD_STYLE = {
    imported: { color: "#1b1b1b", weight: 3.5, opacity: 0.9 },
    derived: { color: "#3d3d3d", weight: 3, dashArray: "2 7", opacity: 0.9, lineCap: "round" }
  };

  function safeColour(c) {
    return typeof c === "string" && /^#[0-9a-fA-F]{3,8}$/.test(c) ? c : "#6f6f6f";
  }
  GI.safeColour = safeColour;
  GI.glyphs = GLYPHS;

  GI.iconSvg = function (kind, colour, size, coarse) {
    size = size || 28;
    return (
      '<svg xmlns="http://www.w3.org/2000/svg" width="' + size + '" height="' + size + '" viewBox="0 0 28 28">' +
      '<circle cx="14" cy="14" r="12.5" fill="' + safeColour(colour) + '" stroke="#fff" stroke-width="2"' +
      (coarse ? ' stroke-dasharray="3 2.5"' : "") + "/>" +
      '<g fill="none" stroke="#fff" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">' +
      (GLYPHS[kind] || GLYPHS.other) + "</g></svg>"
    );
  };

  var iconCache = {};
  /* coarse: the place is only known roughly (a ring is drawn around it); the icon says so with a dashed rim */
  function icon(kind, colour, coarse) {
    var key = kind + colour + (coarse ? "~" : "");
    if (!iconCache[key]) {
      iconCache[key] = L.divIcon({
        html: GI.iconSvg(kind, colour, 28, coarse), className: "gi-icon gi-icon-" + kind + (coarse ? " gi-icon-coarse" : ""),
        iconSize: [28, 28], iconAnchor: [14, 14], popupAnchor: [0, -12]
      });
    }
    return iconCache[key];
  }

  GI.dayToIso = function (day) {
    return day === null || day === undefined ? "" : new Date(day * DAY_MS).toISOString().slice(0, 10);
  };

  function visibleOn(f, t, day) {
    if (day === null || day === undefined) return true;
    return (f === null || f === undefined || f <= day) && (t === null || t === undefined || day <= t);
  }
  GI.visibleOn = visibleOn;

  /* ---- DOM helpers: text only ---- */
  function node(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null && text !== "") e.textContent = String(text);
    return e;
  }
  GI.node = node;

  /* One name in two languages arrives as "Arabic<TAB>English" (LANG_SEP in maps/features.py): the Arabic is
   * the label, the English a smaller line of its own; each part is isolated (<bdi dir="auto">) so brackets and
   * Latin runs inside it never reorder the text around it. */
  function twoLang(parent, text, inline) {
    var parts = String(text).split("\t");
    var main = node("bdi", "gi-name", parts[0]);
    main.setAttribute("dir", "auto");
    parent.appendChild(main);
    if (parts.length > 1 && parts[1]) {
      var en = node(inline ? "bdi" : "div", "gi-en", parts[1]);
      en.setAttribute("dir", "ltr");
      en.setAttribute("lang", "en");
      if (inline) parent.appendChild(document.createTextNode(" "));
      parent.appendChild(en);
    }
    return parent;
  }
  GI.twoLang = twoLang;

  function popupShell(title, colour) {
    var root = node("div", "gi-popup");
    root.setAttribute("dir", "rtl");
    root.setAttribute("lang", "ar");
    var head = twoLang(node("div", "gi-popup-title"), title);
    if (colour) head.style.borderInlineStartColor = safeColour(colour);
    root.appendChild(head);
    var table = node("table", "gi-popup-table");
    root.appendChild(table);
    return { root: root, table: table, row: function (label, value) {
      if (value === undefined || value === null || value === "" || value === false) return;
      var tr = node("tr");
      tr.appendChild(node("th", "", label));
      tr.appendChild(twoLang(node("td"), value === true ? "نعم" : value));
      table.appendChild(tr);
      return tr;
    } };
  }

  function addEvidence(shell, evidence) {
    if (!evidence) return;
    var q = node("blockquote", "gi-evidence", evidence);
    q.setAttribute("dir", "auto");
    shell.root.appendChild(q);
  }

  function addSources(shell, source, urls) {
    if (!source && !(urls && urls.length)) return;
    var box = node("div", "gi-sources");
    box.appendChild(node("span", "gi-sources-label", "المصدر: "));
    if (source) {
      var name = node("bdi", "gi-source-name", source);
      name.setAttribute("dir", "auto");
      box.appendChild(name);
    }
    (urls || []).forEach(function (url, i) {
      if (!/^https?:\/\//i.test(url)) return; /* never a javascript: link */
      var a = node("a", "gi-source-link", "رابط " + (i + 1));
      a.href = url;
      a.target = "_blank";
      a.rel = "noopener noreferrer nofollow";
      a.title = url;
      box.appendChild(document.createTextNode(" "));
      box.appendChild(a);
    });
    shell.root.appendChild(box);
  }

  /* popup record order: see INCIDENT_POPUP_FIELDS in maps/features.py; S(k) reads the string table */
  function incidentPopup(data, i) {
    var p = data.p[i];
    function S(k) { return data.s[p[k]]; }
    var type = data.types[data.k[i]] || data.types[data.types.length - 1];
    var colour = (data.palette[data.c[i]] || data.palette[data.palette.length - 1])[1];
    var q = data.q[i];
    var s = popupShell(type[1] ? type[2] + "\t" + type[1] : S(1), colour);
    s.row("النوع الفرعي", S(2));
    s.row("التاريخ", GI.dayToIso(data.d[i]));
    s.row("الموقع", S(9));
    s.row("الطرف الأول", S(3));
    s.row("الطرف الثاني", S(4));
    s.row("القتلى", p[5]);
    s.row("الجرحى", p[6]);
    s.row("بينهم مدنيون", p[7] ? true : "");
    s.row("نُقل المصابون إلى", S(8));
    s.row("دقة الموقع", q + " – " + (PRECISION_AR[q] || ""));
    if (p[14]) s.row("الموقع الهندسي", "مُقدَّر\tapproximate");
    if (p[13] !== null && p[13] !== undefined) s.row("الثقة", Math.round(p[13] * 100) + "%");
    addEvidence(s, p[10]);
    if (data.dayLinks && data.d[i] !== null && data.d[i] !== undefined) { /* the overview links each to its day */
      var day = node("a", "gi-day-link", "خريطة اليوم " + GI.dayToIso(data.d[i]));
      day.href = GI.dayToIso(data.d[i]) + ".html";
      day.target = "_top";
      s.root.appendChild(day);
    }
    addSources(s, S(11), p[12]);
    addCorrection(s, p[15], p[16]);
    addIncidentId(s, p[0]);
    s.root.setAttribute("data-incident-id", p[0]);
    return s.root;
  }

  /* An analyst's correction: "corrected by NAME on DATE: what — note", one line per correction. */
  function addCorrection(shell, corrected, note) {
    if (!corrected && !note) return;
    var box = node("div", "gi-correction");
    box.setAttribute("dir", "auto");
    box.appendChild(node("div", "gi-correction-label", "صُحّح يدوياً – corrected"));
    String(note || "").split("\n").forEach(function (line) {
      if (!line) return;
      var item = node("div", "gi-correction-note", line);
      item.setAttribute("dir", "auto"); /* an English note reads left to right inside the Arabic popup */
      box.appendChild(item);
    });
    shell.root.appendChild(box);
  }

  /* The incident's id, to cite it or to correct it (geo-incidents correct STORE ID …), with a copy button. */
  function addIncidentId(shell, id) {
    if (!id) return;
    var box = node("div", "gi-incident-id");
    box.appendChild(node("span", "gi-incident-id-label", "المعرّف: "));
    var code = node("code", "gi-incident-id-value", id);
    code.setAttribute("dir", "ltr");
    box.appendChild(code);
    var button = node("button", "gi-copy-id", "نسخ المعرّف");
    button.type = "button";
    button.title = "copy id";
    button.addEventListener("click", function (ev) {
      ev.preventDefault();
      ev.stopPropagation();
      function done() { button.textContent = "نُسخ ✓"; }
      function fallback() { /* file:// pages may not offer the clipboard API: select the id instead */
        var range = document.createRange();
        range.selectNodeContents(code);
        var sel = window.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
        try { if (document.execCommand("copy")) done(); } catch (e) { /* the id stays selected */ }
      }
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(id).then(done, fallback);
      } else {
        fallback();
      }
    });
    box.appendChild(document.createTextNode(" "));
    box.appendChild(button);
    shell.root.appendChild(box);
  }

  /* Keep (layer, from, to) and re-fill the target groups for a day. */
  function Filter(items, targets, onCount) {
    this.items = items;
    this.targets = targets;
    this.onCount = onCount;
  }
  Filter.prototype.setDay = function (day) {
    var buckets = this.targets.map(function () { return []; });
    var shown = 0;
    this.items.forEach(function (it) {
      if (visibleOn(it.f, it.t, day)) {
        buckets[it.target].push(it.layer || it.make()); /* incidents are built on first show */
        shown += it.weight === undefined ? 1 : it.weight;
      }
    });
    this.targets.forEach(function (group, k) {
      group.clearLayers();
      if (group.addLayers) group.addLayers(buckets[k]);
      else buckets[k].forEach(function (l) { group.addLayer(l); });
    });
    this.onCount(shown);
  };

  function register(map, key, label, group, filter, total, skipped) {
    map._giFilters = map._giFilters || [];
    if (!map._giPopupFit) { /* the screen may have changed size since the popup was bound */
      map._giPopupFit = true;
      map.on("popupopen", function (e) {
        var fit = popupOpts(map), o = e.popup.options;
        if (o.maxWidth !== fit.maxWidth || o.maxHeight !== fit.maxHeight) {
          L.setOptions(e.popup, fit);
          e.popup.update();
        }
      });
    }
    state.layers[key] = { label: label, total: total, count: total, skipped: skipped || 0 };
    if (filter) {
      map._giFilters.push(filter);
      filter.onCount = function (shown) { state.layers[key].count = shown; };
    }
    group._giKey = key;
    state.map = map;
  }

  GI.setDay = function (map, day) {
    state.day = day;
    (map._giFilters || []).forEach(function (f) { f.setDay(day); });
    map.fire("gi:day", { day: day });
  };

  /* A cluster on a page coloured by type: a ring cut into arcs by the share of each event type, the count
   * in the middle (the overview of a whole period shows where and what at once). */
  function typeClusterIcon(data) {
    return function (cluster) {
      var counts = {}, total = 0;
      cluster.getAllChildMarkers().forEach(function (m) {
        var c = data.c[m._giIndex];
        counts[c] = (counts[c] || 0) + 1;
        total++;
      });
      var size = total < 10 ? 34 : total < 100 ? 40 : total < 1000 ? 46 : 52, r = size / 2 - 4, C = 2 * Math.PI * r;
      var svg = '<svg xmlns="http://www.w3.org/2000/svg" width="' + size + '" height="' + size + '">' +
        '<circle cx="' + size / 2 + '" cy="' + size / 2 + '" r="' + (r + 3) + '" fill="#fff" fill-opacity="0.9"/>';
      var offset = 0;
      Object.keys(counts).sort().forEach(function (k) {
        var len = C * counts[k] / total;
        var colour = safeColour((data.palette[k] || data.palette[data.palette.length - 1])[1]);
        svg += '<circle cx="' + size / 2 + '" cy="' + size / 2 + '" r="' + r + '" fill="none" stroke="' + colour +
          '" stroke-width="6" stroke-dasharray="' + len.toFixed(2) + " " + (C - len).toFixed(2) +
          '" stroke-dashoffset="' + (-offset).toFixed(2) + '" transform="rotate(-90 ' + size / 2 + " " + size / 2 + ')"/>';
        offset += len;
      });
      svg += '<text x="50%" y="50%" dy="0.35em" text-anchor="middle" font-size="12" font-weight="bold" fill="#222">' +
        total + "</text></svg>";
      return L.divIcon({ html: svg, className: "marker-cluster gi-type-cluster", iconSize: [size, size] });
    };
  }

  /* ---- Incidents: clustered pins, uncertainty circles for coarse places ---- */
  GI.incidentLayer = function (map, data, opts) {
    opts = opts || {};
    var group = L.featureGroup();
    var clusterOpts = {
      chunkedLoading: true, maxClusterRadius: 45, showCoverageOnHover: false, spiderfyOnMaxZoom: true
    };
    if (data.byType) clusterOpts.iconCreateFunction = typeClusterIcon(data);
    var cluster = L.markerClusterGroup(clusterOpts);
    var circles = L.featureGroup();
    var renderer = L.canvas({ padding: 0.3 });
    group.addLayer(circles);
    group.addLayer(cluster);
    var items = [];
    var byId = {};
    var pins = 0, rings = 0;
    function content(layer) { return incidentPopup(data, layer._giIndex); }
    /* Every incident gets its icon at its point; a coarse place (precision 2–3) also gets a dashed ring of the
     * area it may lie in, drawn around the icon and never instead of it. */
    function build(i) {
      var ll = [data.y[i], data.x[i]];
      var colour = safeColour((data.palette[data.c[i]] || data.palette[data.palette.length - 1])[1]);
      var kind = (data.types[data.k[i]] || data.types[data.types.length - 1])[0];
      var q = data.q[i];
      var layer = L.marker(ll, { icon: icon(kind, colour, q >= 2), keyboard: false, riseOnHover: true });
      layer._giIndex = i;
      layer.bindPopup(content, popupOpts(map));
      return layer;
    }
    function ring(i) {
      var colour = safeColour((data.palette[data.c[i]] || data.palette[data.palette.length - 1])[1]);
      return L.circle([data.y[i], data.x[i]], {
        radius: UNCERTAINTY_M[data.q[i]] || 15000, color: colour, weight: 1.2, dashArray: "5 5", opacity: 0.8,
        fillColor: colour, fillOpacity: 0.06, renderer: renderer, interactive: false
      });
    }
    function item(i) {
      var it = { layer: null, f: data.d[i], t: data.d[i], target: 1 };
      it.make = function () { return (it.layer = build(i)); };
      return it;
    }
    function ringItem(i) {
      var it = { layer: null, f: data.d[i], t: data.d[i], target: 0, weight: 0 };
      it.make = function () { return (it.layer = ring(i)); };
      return it;
    }
    for (var i = 0; i < data.x.length; i++) {
      pins++;
      var it = item(i);
      items.push(it);
      byId[data.p[i][0]] = it;
      if (data.q[i] >= 2) { rings++; items.push(ringItem(i)); }
    }
    var filter = new Filter(items, [circles, cluster], function () {});
    register(map, "incidents", opts.label || "Incidents", group, filter, pins, opts.skipped);
    state.layers.incidents.pins = pins;
    state.layers.incidents.circles = rings;
    if (!opts.lazy) filter.setDay(null); /* with a time slider, the slider fills the layer for its day */
    group._giById = byId;
    group._giCluster = cluster;
    /* where icons stand now (the base map keeps its labels off them); clustered icons count at their point */
    state.incidentPoints = function () {
      var out = [];
      if (!map.hasLayer(group)) return out;
      for (var i = 0; i < data.x.length; i++) {
        if (visibleOn(data.d[i], data.d[i], state.day)) out.push(L.latLng(data.y[i], data.x[i]));
      }
      return out;
    };
    state.openIncidentPopup = function (id) {
      var it = byId[id];
      if (!it) return false;
      var layer = it.layer || it.make();
      if (layer instanceof L.Marker && cluster.hasLayer(layer)) {
        cluster.zoomToShowLayer(layer, function () { layer.openPopup(); });
      } else {
        layer.openPopup();
      }
      return true;
    };
    return group;
  };

  function geoLayer(geometry, style) {
    return L.geoJSON({ type: "Feature", properties: {}, geometry: geometry }, { style: function () { return style; } });
  }

  /* ---- Road closures: red closed, orange dashed partial, green reopened ---- */
  GI.closureLayer = function (map, data, opts) {
    opts = opts || {};
    var group = L.featureGroup();
    var items = data.items.map(function (it) {
      var layer = geoLayer(it.g, STATUS_STYLE[it.s] || STATUS_STYLE.closed);
      layer.bindPopup(function () {
        var p = it.p;
        var s = popupShell("إغلاق طريق – " + (STATUS_AR[it.s] || it.s), (STATUS_STYLE[it.s] || {}).color);
        s.row("الطريق", p[2]);
        s.row("الحالة", (STATUS_AR[it.s] || "") + " (" + it.s + ")");
        s.row("منذ", it.since);
        s.row("الجهة", p[3]);
        addEvidence(s, p[4]);
        addSources(s, p[5], p[6]);
        return s.root;
      }, popupOpts(map));
      return { layer: layer, f: it.f, t: it.t, target: 0 };
    });
    var filter = new Filter(items, [group], function () {});
    register(map, "road_closures", opts.label || "Road closures", group, filter, items.length, opts.skipped);
    filter.setDay(null);
    return group;
  };

  /* ---- Frontlines: an estimate is a band as wide as its uncertainty with a thin dashed centre; imported
   * lines solid, derived dotted. No permanent label: the legend and the popup say what a line is. ---- */
  var EARTH_M = 40075016.686;
  function metresToPixels(map, metres, lat) {
    var perPixel = EARTH_M * Math.cos(lat * Math.PI / 180) / Math.pow(2, map.getZoom() + 8);
    return metres / perPixel;
  }
  function estimateLayer(map, it) {
    var band = geoLayer(it.g, { color: "#6a3d9a", opacity: 0.22, weight: 8, lineCap: "round", lineJoin: "round",
      className: "gi-front-band" });
    var centre = geoLayer(it.g, { color: "#3b2156", weight: 1.5, dashArray: "6 6", opacity: 0.9,
      className: "gi-front-centre" });
    var group = L.featureGroup([band, centre]);
    function resize() {
      var lat = band.getBounds().getCenter().lat;
      band.setStyle({ weight: Math.max(6, Math.min(400, 2 * metresToPixels(map, it.w || 1000, lat))) });
    }
    group.on("add", function () { resize(); map.on("zoomend", resize); });
    group.on("remove", function () { map.off("zoomend", resize); });
    return group;
  }
  function frontlinePopup(it) {
    var label = (METHOD_AR[it.m] || it.m) + "\t" + it.m;
    if (it.m !== "estimated") {
      var s = popupShell("خط تماس\tfrontline");
      s.row("الطرف أ", it.a);
      s.row("الطرف ب", it.b);
      s.row("الطريقة", label);
      s.row("صالح من", GI.dayToIso(it.f));
      s.row("صالح حتى", it.t === null ? "" : GI.dayToIso(it.t));
      addSources(s, it.src, []);
      return s.root;
    }
    var e = it.e || [];
    var est = popupShell("خط تماس تقديري\testimated frontline, not a reported line");
    est.root.classList.add("gi-popup-estimate");
    est.row("الطرف أ", it.a);
    est.row("الطرف ب", it.b);
    est.row("اليوم", GI.dayToIso(it.f));
    est.row("الطريقة", "تقدير آلي: خط يمر بمواقع " + e.length + " اشتباكات بين الطرفين خلال " + (it.win || 3) +
      " أيام\tautomatic estimate: a line through the sites of " + e.length + " clashes between the two sides");
    est.row("عدم اليقين", "± " + (it.w || 1000) + " م: عرض الشريط\tthe band's width");
    est.root.appendChild(node("div", "gi-legend-head", "الحوادث التي يستند إليها"));
    var list = node("ul", "gi-evidence-list");
    e.forEach(function (r) {
      var li = node("li");
      var d = node("bdi", "gi-date", r[1]);
      d.setAttribute("dir", "ltr");
      li.appendChild(d);
      li.appendChild(document.createTextNode(" – "));
      twoLang(li, r[2] || r[0], true);
      li.setAttribute("data-incident-id", r[0]);
      list.appendChild(li);
    });
    est.root.appendChild(list);
    addSources(est, it.src, []);
    return est.root;
  }
  GI.frontlineLayer = function (map, data, opts) {
    opts = opts || {};
    var group = L.featureGroup();
    var items = data.items.map(function (it) {
      var layer = it.m === "estimated" ? estimateLayer(map, it) : geoLayer(it.g, METHOD_STYLE[it.m] || METHOD_STYLE.imported);
      layer.bindPopup(function () { return frontlinePopup(it); }, popupOpts(map));
      return { layer: layer, f: it.f, t: it.t, target: 0 };
    });
    var filter = new Filter(items, [group], function () {});
    register(map, "frontlines", opts.label || "Frontlines", group, filter, items.length, opts.skipped);
    filter.setDay(null);
    state.openFrontlinePopup = function (k) {
      var it = items[k || 0];
      if (!it) return false;
      if (!map.hasLayer(group)) map.addLayer(group);
      var ll = it.layer.getBounds().getCenter();
      it.layer.openPopup(ll);
      return true;
    };
    return group;
  };

  /* ---- Control areas: translucent polygons by actor ---- */
  GI.controlLayer = function (map, data, opts) {
    opts = opts || {};
    var group = L.featureGroup();
    var items = data.items.map(function (it) {
      var c = safeColour(it.c);
      var layer = geoLayer(it.g, { color: c, weight: 1.2, opacity: 0.7, fillColor: c, fillOpacity: 0.16 });
      layer.bindPopup(function () {
        var s = popupShell("منطقة سيطرة", c);
        s.row("الجهة المسيطرة", it.a);
        s.row("صالح من", GI.dayToIso(it.f));
        s.row("صالح حتى", it.t === null ? "" : GI.dayToIso(it.t));
        return s.root;
      }, popupOpts(map));
      return { layer: layer, f: it.f, t: it.t, target: 0 };
    });
    var filter = new Filter(items, [group], function () {});
    register(map, "control_areas", opts.label || "Control areas", group, filter, items.length, opts.skipped);
    filter.setDay(null);
    return group;
  };

  /* ---- Admin boundaries given by the caller ---- */
  GI.boundaryLayer = function (map, data, opts) {
    opts = opts || {};
    var group = L.featureGroup();
    data.items.forEach(function (it) {
      var layer = geoLayer(it.g, { color: "#55606b", weight: 1.2, opacity: 0.8, fill: false, dashArray: "3 3" });
      if (it.n) layer.bindTooltip(node("span", "", it.n), { sticky: true });
      group.addLayer(layer);
    });
    register(map, "boundaries", opts.label || "Admin boundaries", group, null, data.items.length, 0);
    return group;
  };

  /* ---- Light vector base (no tiles): land, water, districts, roads, Aleppo's neighbourhoods, and place
   * labels by zoom (see maps/tools/make_basemap.py for the data). Everything sits under the incidents. ---- */
  /* the zoom from which a place of each rank is labelled, and its type size (px) */
  var RANK_ZOOM = [5, 6, 8, 9, 11, 14];
  var RANK_SIZE = [16, 15, 13.5, 12.5, 11.5, 11];
  var NBHD_ZOOM = 13;
  var MAX_LABELS = 400;

  function basePanes(map) {
    if (!map.getPane("giBase")) map.createPane("giBase").style.zIndex = 250;
    if (!map.getPane("giLabels")) {
      var pane = map.createPane("giLabels");
      pane.style.zIndex = 350; /* over the base and tiles, under every overlay (400) and marker (600) */
      pane.style.pointerEvents = "none";
    }
  }

  function baseStyle(map) {
    return function (f) {
      var p = f.properties, z = map.getZoom();
      switch (p.kind) {
        case "neighbour": return { color: "#cfd2d6", weight: 1, fillColor: "#ecebe7", fillOpacity: 1 };
        case "admin1": return { color: "#a99fb8", weight: z >= 8 ? 1.6 : 1.1, fillColor: "#f8f6f1", fillOpacity: 1 };
        case "admin2": return { color: "#c9c2d2", weight: 1, dashArray: "3 4", opacity: z >= 8 ? 1 : 0 };
        case "country": return { color: "#857a95", weight: 2.2, fill: false };
        case "water": return p.water === "lake"
          ? { color: "#9cc3dc", weight: 1, fillColor: "#c6dff0", fillOpacity: 1 }
          : { color: "#8fbfdc", weight: z >= 10 ? 3.5 : z >= 8 ? 2.2 : 1.4, opacity: 1, fill: false };
        case "nbhd": return { color: "#c4b9a8", weight: z >= 14 ? 1.4 : 1, fill: true, fillColor: "#efe9dc",
          fillOpacity: z >= 12 ? 0.55 : 0, opacity: z >= 12 ? 1 : 0 };
        case "road": return { color: "#e39b4c", weight: z >= 13 ? 5 : z >= 10 ? 3.5 : 2, opacity: z >= 7 ? 0.9 : 0,
          lineCap: "round" };
        default: return { color: "#999", weight: 1, fill: false };
      }
    };
  }

  /* Greedy label placement: most important first; a label is tried at its point, then above, below and to
   * either side, and kept only where it overlaps no label already placed and no incident icon. */
  /* "مركز إدلب" (the Idleb district) and "اعزاز" name the towns إدلب and أعزاز: one label is enough */
  function placeKey(name) {
    return String(name || "").replace(/^مركز\s+/, "").replace(/[أإآ]/g, "ا");
  }

  var LabelLayer = L.Layer.extend({
    initialize: function (base) { this._base = base; },
    onAdd: function (map) {
      this._map = map;
      this._div = L.DomUtil.create("div", "gi-labels leaflet-zoom-hide", map.getPane("giLabels"));
      map.on("moveend zoomend resize gi:day", this._redraw, this);
      this._redraw();
    },
    onRemove: function (map) {
      L.DomUtil.remove(this._div);
      map.off("moveend zoomend resize gi:day", this._redraw, this);
    },
    _candidates: function () {
      var map = this._map, z = map.getZoom(), b = this._base, out = [], seen = {};
      var view = map.getBounds().pad(0.05);
      var pl = b.places || { x: [] };
      if (!this._centres) { /* names of the centres, so a governorate is not labelled twice beside its city */
        this._centres = {};
        this._towns = {};
        for (var j = 0; j < pl.x.length; j++) {
          if (pl.r[j] <= 1) this._centres[pl.ar[j]] = true;
          if (pl.r[j] <= 2) this._towns[placeKey(pl.ar[j])] = true; /* a district named after its centre town */
        }
      }
      var centres = this._centres;
      function push(lat, lon, ar, en, cls, size, dot, prio) {
        if (!ar && !en) return;
        if (!view.contains([lat, lon])) return;
        out.push({ ll: L.latLng(lat, lon), text: ar || en, en: ar ? en : "", cls: cls, size: size, dot: dot, prio: prio });
      }
      (b.features || []).forEach(function (f) {
        var p = f.properties;
        if (p.kind === "neighbour" && z <= 8 && f._giCentre && !seen[p.name_ar]) {
          seen[p.name_ar] = true;
          push(f._giCentre.lat, f._giCentre.lng, p.name_ar, "", "gi-label-country", 15, false, -2);
        }
        if (p.kind === "admin1" && z >= 6 && z <= 9 && f._giCentre && !centres[p.name_ar])
          push(f._giCentre.lat, f._giCentre.lng, p.name_ar, "", "gi-label-admin1", 13, false, -1);
        if (p.kind === "nbhd" && z >= NBHD_ZOOM) push(p.lat, p.lon, p.name_ar, z >= 15 ? p.name_en : "", "gi-label-nbhd", 12.5, false, 4.5);
        if ((p.kind === "water" || p.kind === "road") && z >= (p.kind === "road" ? 10 : 8) && f._giMiddle)
          push(f._giMiddle.lat, f._giMiddle.lng, p.name_ar, "", "gi-label-" + p.kind, 11.5, false, 3.5);
      });
      var ds = b.districts || { x: [] };
      if (z >= 8 && z <= 10) {
        for (var j2 = 0; j2 < ds.x.length; j2++) {
          if (!this._towns[placeKey(ds.ar[j2])])
            push(ds.y[j2], ds.x[j2], ds.ar[j2], "", "gi-label-admin2", 12, false, 2.5);
        }
      }
      for (var i = 0; i < pl.x.length; i++) {
        var r = pl.r[i];
        if (z < RANK_ZOOM[r]) continue;
        push(pl.y[i], pl.x[i], pl.ar[i], z >= 12 && r <= 3 ? pl.en[i] : "", "gi-label-place gi-rank-" + r,
          RANK_SIZE[r], r <= 4, r);
      }
      out.sort(function (a, c) { return a.prio - c.prio; });
      return out;
    },
    _obstacles: function () {
      var map = this._map, boxes = [];
      var icons = state.incidentPoints ? state.incidentPoints() : [];
      var view = map.getBounds().pad(0.05);
      icons.forEach(function (ll) {
        if (!view.contains(ll)) return;
        var p = map.latLngToLayerPoint(ll);
        boxes.push([p.x - 15, p.y - 15, p.x + 15, p.y + 15]);
      });
      return boxes;
    },
    _redraw: function () {
      var map = this._map, div = this._div;
      if (!map) return;
      div.textContent = "";
      var icons = this._obstacles(), placed = [], count = 0, fragment = document.createDocumentFragment();
      function clear(box, boxes) {
        for (var k = 0; k < boxes.length; k++) {
          var o = boxes[k];
          if (box[0] < o[2] && box[2] > o[0] && box[1] < o[3] && box[3] > o[1]) return false;
        }
        return true;
      }
      var cands = this._candidates();
      for (var i = 0; i < cands.length && count < MAX_LABELS; i++) {
        var c = cands[i], p = map.latLngToLayerPoint(c.ll);
        var w = c.text.length * c.size * 0.56 + 8, h = c.size * 1.35 + (c.en ? c.size : 0);
        var offsets = c.dot ? [[0, -h / 2 - 5], [0, h / 2 + 5], [w / 2 + 6, 0], [-w / 2 - 6, 0]]
          : [[0, 0], [0, -h / 2 - 14], [0, h / 2 + 14], [w / 2 + 16, 0], [-w / 2 - 16, 0]];
        /* clear of incident icons if possible; a city or a neighbourhood is still named when it is not */
        var tries = offsets.map(function (o) { return [o, true]; });
        if (c.prio <= 2 || c.cls === "gi-label-nbhd") tries = tries.concat(offsets.map(function (o) { return [o, false]; }));
        for (var k = 0; k < tries.length; k++) {
          var cx = p.x + tries[k][0][0], cy = p.y + tries[k][0][1];
          var box = [cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2];
          if (!clear(box, placed) || (tries[k][1] && !clear(box, icons))) continue;
          placed.push(box);
          if (c.dot) placed.push([p.x - 3, p.y - 3, p.x + 3, p.y + 3]);
          var el = node("div", "gi-label " + c.cls);
          el.setAttribute("dir", "auto");
          el.setAttribute("lang", "ar");
          twoLang(el, c.text + (c.en ? "\t" + c.en : ""));
          el.style.fontSize = c.size + "px";
          el.style.left = Math.round(cx) + "px";
          el.style.top = Math.round(cy) + "px";
          fragment.appendChild(el);
          if (c.dot) {
            var d = node("div", "gi-place-dot gi-rank-" + c.cls.slice(-1));
            d.style.left = Math.round(p.x) + "px";
            d.style.top = Math.round(p.y) + "px";
            fragment.appendChild(d);
          }
          count++;
          break;
        }
      }
      div.appendChild(fragment);
      state.labels = count;
    }
  });

  GI.basemapLayer = function (map, opts) {
    opts = opts || {};
    var data = window.GI_BASEMAP || { type: "FeatureCollection", features: [] };
    basePanes(map);
    var style = baseStyle(map);
    var base = L.geoJSON(data, { interactive: false, pane: "giBase", style: style,
      onEachFeature: function (f, layer) {
        var k = f.properties.kind;
        if (k === "neighbour" || k === "admin1") f._giCentre = layer.getBounds().getCenter();
        if ((k === "water" || k === "road") && layer.getLatLngs) {
          var lls = layer.getLatLngs();
          while (lls.length && Array.isArray(lls[0])) lls = lls[0];
          if (lls.length) f._giMiddle = lls[Math.floor(lls.length / 2)];
        }
      } });
    var labels = new LabelLayer(data);
    var group = L.featureGroup([base, labels]);
    map.on("zoomend", function () { if (map.hasLayer(base)) base.setStyle(style); });
    state.layers.basemap = { label: opts.label || "Basemap", total: data.features.length, count: data.features.length };
    state.basemap = group;
    return group;
  };

  /* Web tiles with the vector base behind them: while tiles load they cover it; when they fail (no network,
   * a dead server), the tile layer is dropped and the vector base shows by itself. */
  GI.tileLayer = function (map, url, opts) {
    opts = opts || {};
    var tiles = L.tileLayer(url, { maxZoom: 19, attribution: opts.attribution || "" });
    var loaded = 0, failed = 0;
    tiles.on("tileload", function () { loaded++; });
    tiles.on("tileerror", function () {
      failed++;
      if (loaded === 0 && failed >= 2 && map.hasLayer(tiles)) {
        map.removeLayer(tiles);
        state.tilesFailed = true;
        if (state.basemap && !map.hasLayer(state.basemap)) map.addLayer(state.basemap);
        map.fire("gi:tilesfailed");
      }
    });
    state.tiles = tiles;
    return tiles;
  };

  /* ---- Heat map of incident density: our own small canvas layer ---- */
  var HeatLayer = L.Layer.extend({
    initialize: function (data, options) {
      this._data = data;
      L.setOptions(this, options);
      this._day = null;
    },
    onAdd: function (map) {
      this._map = map;
      this._canvas = L.DomUtil.create("canvas", "gi-heat leaflet-zoom-hide");
      this._canvas.style.pointerEvents = "none";
      map.getPanes().overlayPane.appendChild(this._canvas);
      map.on("moveend resize", this._redraw, this);
      this._redraw();
    },
    onRemove: function (map) {
      L.DomUtil.remove(this._canvas);
      map.off("moveend resize", this._redraw, this);
    },
    setDay: function (day) { this._day = day; if (this._map) this._redraw(); },
    _stamp: function (r) {
      var c = document.createElement("canvas");
      c.width = c.height = r * 2;
      var ctx = c.getContext("2d");
      var g = ctx.createRadialGradient(r, r, 0, r, r, r);
      g.addColorStop(0, "rgba(0,0,0,1)");
      g.addColorStop(1, "rgba(0,0,0,0)");
      ctx.fillStyle = g;
      ctx.fillRect(0, 0, 2 * r, 2 * r);
      return c;
    },
    _ramp: function () {
      if (this._rampData) return this._rampData;
      var c = document.createElement("canvas");
      c.width = 256; c.height = 1;
      var ctx = c.getContext("2d");
      var g = ctx.createLinearGradient(0, 0, 256, 0);
      g.addColorStop(0.2, "#2c7bb6"); g.addColorStop(0.45, "#abd9e9"); g.addColorStop(0.6, "#ffffbf");
      g.addColorStop(0.8, "#fdae61"); g.addColorStop(1, "#d7191c");
      ctx.fillStyle = g; ctx.fillRect(0, 0, 256, 1);
      this._rampData = ctx.getImageData(0, 0, 256, 1).data;
      return this._rampData;
    },
    _redraw: function () {
      var map = this._map, size = map.getSize(), canvas = this._canvas, d = this._data;
      canvas.width = size.x; canvas.height = size.y;
      L.DomUtil.setPosition(canvas, map.containerPointToLayerPoint([0, 0]));
      var ctx = canvas.getContext("2d");
      var r = 22, stamp = this._stamp(r), bounds = map.getBounds().pad(0.2);
      ctx.globalAlpha = 0.18;
      for (var i = 0; i < d.x.length; i++) {
        if (!visibleOn(d.d[i], d.d[i], this._day)) continue;
        var ll = L.latLng(d.y[i], d.x[i]);
        if (!bounds.contains(ll)) continue;
        var p = map.latLngToContainerPoint(ll);
        ctx.drawImage(stamp, p.x - r, p.y - r);
      }
      if (!size.x || !size.y) return;
      var img = ctx.getImageData(0, 0, size.x, size.y), px = img.data, ramp = this._ramp();
      for (var j = 3; j < px.length; j += 4) {
        var a = px[j];
        if (!a) continue;
        var k = Math.min(255, a * 2) * 4;
        px[j - 3] = ramp[k]; px[j - 2] = ramp[k + 1]; px[j - 1] = ramp[k + 2]; px[j] = Math.min(200, a * 2 + 40);
      }
      ctx.putImageData(img, 0, 0);
    }
  });

  GI.heatLayer = function (map, data, opts) {
    opts = opts || {};
    var layer = new HeatLayer(data, {});
    var total = data.x.length;
    var filter = { setDay: function (day) {
      layer.setDay(day);
      var n = 0;
      for (var i = 0; i < total; i++) if (visibleOn(data.d[i], data.d[i], day)) n++;
      state.layers.heatmap.count = n;
    } };
    map._giFilters = map._giFilters || [];
    map._giFilters.push(filter);
    state.layers.heatmap = { label: opts.label || "Heat map", total: total, count: total };
    return layer;
  };
})();
