/* cablegraph report page. Reads the inlined JSON, draws the graph with
 * Cytoscape.js, fills the tables and shows the evidence of a selection.
 * API for scripts and tests: window.cablegraph.selectNode(id),
 * window.cablegraph.selectEdge(a, b); URL hashes #node=ID and #edge=A--B. */
(function () {
  'use strict';

  var D = JSON.parse(document.getElementById('cablegraph-data').textContent);
  var N = D.nodes, E = D.edges, P = D.paras, C = D.cables, M = D.meta;
  var ROWS = 200;          // table rows rendered per "show more"
  var STEP = 100;          // nodes added per "show more"
  var VIEW = 80;           // nodes on the first view: the strongest links' ends
  var LABELS = 40;         // labels on the first view: the most central nodes
  var EDGES_PER_NODE = 2;  // links drawn: at most this many per node shown
  var EV_PAGE = 5;         // evidence paragraphs per page of the panel
  var ZOOM_LABELS = 1.6;   // zoomed in this far, every node drawn is labelled

  var $ = function (id) { return document.getElementById(id); };
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) for (var k in attrs) if (attrs[k] !== undefined && attrs[k] !== null) e.setAttribute(k, attrs[k]);
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function fmt(n) { return Number(n).toLocaleString('en-US'); }
  function plural(n, one, many) { return fmt(n) + ' ' + (n === 1 ? one : (many || one + 's')); }
  function mb(b) { return (b / 1048576).toFixed(1) + ' MB'; }

  // ---- indexes -----------------------------------------------------------
  var byId = new Map();
  N.forEach(function (n, i) { byId.set(n.id, i); });
  var edgeAt = new Map();
  var adj = N.map(function () { return []; });
  E.forEach(function (e, k) {
    edgeAt.set(e.s + '|' + e.t, k);
    edgeAt.set(e.t + '|' + e.s, k);
    adj[e.s].push(k);
    adj[e.t].push(k);
  });
  var rank = N.map(function (_, i) { return i; }).sort(function (a, b) {
    return N[b].mentions - N[a].mentions || (N[a].id < N[b].id ? -1 : 1);
  });

  // ---- colours -----------------------------------------------------------
  var FIXED = {
    agency: '#0072B2', person: '#D55E00', program: '#E69F00',
    organization: '#009E73', place: '#56B4E9', group: '#CC79A7'
  };
  var EXTRA = ['#F0E442', '#8C564B', '#17BECF', '#B8B8B8', '#9467BD', '#BCBD22'];
  var colour = {};
  var extraAt = 0;
  D.types.forEach(function (t) {
    colour[t] = FIXED[t] || EXTRA[extraAt++ % EXTRA.length];
  });

  // ---- state -------------------------------------------------------------
  var state = {
    types: new Set(D.types),
    minW: 1,
    topN: VIEW,
    search: '',
    from: null, // months as year * 12 + month - 1, inclusive
    to: null,
    sel: null, // {kind: 'node', i} or {kind: 'edge', k}
    evShown: EV_PAGE
  };

  // ---- dates -------------------------------------------------------------
  function monthOf(s) { // "2009-02-04 17:08" or "2009-02" -> 24097
    var m = /^(\d{4})-(\d{2})/.exec(s || '');
    return m ? Number(m[1]) * 12 + Number(m[2]) - 1 : null;
  }
  function ranged() { return state.from !== null || state.to !== null; }
  function inRange(month) {
    if (!ranged()) return true;
    if (month === null) return false;
    return (state.from === null || month >= state.from) && (state.to === null || month <= state.to);
  }
  // a link's weight within the date range (units of dated cables in it)
  var wCache = null;
  function wIn(k) {
    if (!ranged()) return E[k].w;
    if (wCache === null) {
      wCache = new Float64Array(E.length);
      E.forEach(function (e, j) {
        var w = 0;
        for (var x = 0; x < e.d.length; x += 2) if (inRange(e.d[x])) w += e.d[x + 1];
        wCache[j] = w;
      });
    }
    return wCache[k];
  }
  function paraIn(pi) { return inRange(monthOf(C[P[pi].c].date)); }

  function matches(i) {
    if (!state.search) return true;
    var n = N[i];
    return n.id.toLowerCase().indexOf(state.search) >= 0 ||
      n.label.toLowerCase().indexOf(state.search) >= 0;
  }
  function typeOk(i) { return state.types.has(N[i].type); }

  // ---- header ------------------------------------------------------------
  $('summary').textContent = [
    plural(M.cables, 'cable'), plural(M.paragraphs, 'paragraph'),
    plural(M.mentions, 'mention'), plural(N.length, 'entity', 'entities'),
    plural(E.length, 'link'), 'linked when in the same ' + M.unit
  ].join(' · ');
  if (M.capped) {
    var cap = $('capped');
    cap.hidden = false;
    cap.textContent = 'Evidence text in this page is capped at ' + mb(M.text_limit) + ': ' +
      plural(M.omitted, 'evidence paragraph') + ' left out (lighter links and rarer entities first). ' +
      'Every co-occurrence is listed in cooccurrences.csv.';
  }
  if (M.edges_left_out) {
    var cut = $('capped');
    cut.hidden = false;
    cut.textContent = (M.capped ? cut.textContent + ' ' : '') + 'This page holds the ' + fmt(E.length) +
      ' heaviest of ' + fmt(M.edges_total) + ' links; edges.csv has them all.';
  }
  $('generator').textContent = 'Generated by ' + M.generator + '. Graph drawn with Cytoscape.js ' +
    M.cytoscape + ' (MIT licence, © The Cytoscape Consortium) and the fCoSE layout ' + M.fcose +
    ' (MIT licence, © iVis@Bilkent), included in this file. ' +
    'Each entity and link keeps its ' + M.per_node + ' / ' + M.per_edge + ' earliest evidence paragraphs.';

  // type filters and legend
  var typesBox = $('types');
  var legend = $('legend');
  D.types.forEach(function (t) {
    var cb = el('input', { type: 'checkbox', value: t });
    cb.checked = true;
    cb.addEventListener('change', function () {
      if (cb.checked) state.types.add(t); else state.types.delete(t);
      refresh(true);
    });
    var lab = el('label');
    lab.appendChild(cb);
    var sw = el('span', { 'class': 'swatch', 'aria-hidden': 'true' });
    sw.style.background = colour[t];
    lab.appendChild(sw);
    lab.appendChild(document.createTextNode(t));
    typesBox.appendChild(lab);
    var item = el('span');
    var sw2 = sw.cloneNode();
    item.appendChild(sw2);
    item.appendChild(document.createTextNode(t));
    legend.appendChild(item);
  });

  // ---- graph -------------------------------------------------------------
  if (window.cytoscapeFcose) cytoscape.use(window.cytoscapeFcose);
  var cy = cytoscape({
    container: $('graph'),
    elements: [],
    minZoom: 0.05,
    maxZoom: 4,
    textureOnViewport: false,
    hideEdgesOnViewport: E.length > 5000,
    style: [
      { selector: 'node', style: {
        'background-color': 'data(color)', 'width': 'data(size)', 'height': 'data(size)',
        'label': '', 'font-size': 11, 'color': '#1b1f24',
        'text-valign': 'bottom', 'text-margin-y': 3,
        'text-outline-color': '#ffffff', 'text-outline-width': 2,
        'text-max-width': 160, 'text-wrap': 'ellipsis',
        'min-zoomed-font-size': 6, 'border-width': 1, 'border-color': '#2b2b2b'
      } },
      { selector: 'node.lab, node.zlab, node:selected, node.nbr', style: { 'label': 'data(label)' } },
      { selector: 'node.lab', style: { 'font-size': 16, 'font-weight': 'bold' } },
      { selector: 'edge', style: {
        'width': 'data(width)', 'line-color': '#7d8590', 'opacity': 0.5,
        'curve-style': 'haystack', 'haystack-radius': 0
      } },
      { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#111111' } },
      { selector: 'edge:selected', style: { 'line-color': '#c0392b', 'opacity': 1, 'z-index': 10 } },
      { selector: 'node.match', style: { 'border-width': 4, 'border-color': '#c0392b' } },
      { selector: '.faded', style: { 'opacity': 0.12 } },
      { selector: 'edge.near', style: { 'opacity': 0.9, 'line-color': '#444c56' } }
    ]
  });

  var shown = { nodes: new Set(), edges: new Set() };

  // the strongest links first, with their ends, up to state.topN nodes
  function view() {
    var cand = [];
    for (var k = 0; k < E.length; k++) {
      var e = E[k];
      if (typeOk(e.s) && typeOk(e.t) && wIn(k) >= state.minW && wIn(k) > 0) cand.push(k);
    }
    cand.sort(function (a, b) { return wIn(b) - wIn(a) || a - b; });
    var keep = new Set();
    var edges = [];
    var cap = Math.max(60, state.topN * EDGES_PER_NODE);
    for (var c = 0; c < cand.length && edges.length < cap; c++) {
      var x = E[cand[c]];
      var add = (keep.has(x.s) ? 0 : 1) + (keep.has(x.t) ? 0 : 1);
      if (keep.size + add > state.topN) continue;
      keep.add(x.s);
      keep.add(x.t);
      edges.push(cand[c]);
    }
    // without links (or a tiny graph): the most mentioned entities too
    for (var r = 0; r < rank.length && keep.size < Math.min(state.topN, 10); r++) {
      if (typeOk(rank[r])) keep.add(rank[r]);
    }
    return { nodes: Array.from(keep), edges: edges, cand: cand.length };
  }

  // a fixed seed for the layout's random start, so every opening of the
  // page draws the same picture
  function seeded(fn) {
    var saved = Math.random, a = 42;
    Math.random = function () {
      a |= 0; a = a + 0x6D2B79F5 | 0;
      var t = Math.imul(a ^ a >>> 15, 1 | a);
      t = t + Math.imul(t ^ t >>> 7, 61 | t) ^ t;
      return ((t ^ t >>> 14) >>> 0) / 4294967296;
    };
    try { return fn(); } finally { Math.random = saved; }
  }

  // labelled nodes whose label boxes overlap another's (drawn coordinates)
  function labelOverlaps() {
    var boxes = [];
    cy.nodes('.lab').forEach(function (n) {
      boxes.push(n.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true }));
    });
    var hits = 0;
    for (var i = 0; i < boxes.length; i++) {
      for (var j = i + 1; j < boxes.length; j++) {
        var a = boxes[i], b = boxes[j];
        if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) hits++;
      }
    }
    return { labels: boxes.length, overlaps: hits };
  }

  var firstDraw = null;
  function buildGraph() {
    var t0 = performance.now();
    var v = view();
    var nodes = v.nodes, edges = v.edges;
    var keep = new Set(nodes);
    shown.nodes = keep;
    shown.edges = new Set(edges);

    // centrality in the drawn graph: weighted degree
    var strength = new Map();
    nodes.forEach(function (i) { strength.set(i, 0); });
    edges.forEach(function (k) {
      strength.set(E[k].s, strength.get(E[k].s) + wIn(k));
      strength.set(E[k].t, strength.get(E[k].t) + wIn(k));
    });
    var central = nodes.slice().sort(function (a, b) {
      return strength.get(b) - strength.get(a) || N[b].mentions - N[a].mentions || a - b;
    });
    var labelled = new Set(central.slice(0, LABELS));
    var maxS = central.length ? Math.max(1, strength.get(central[0])) : 1;

    var els = [];
    nodes.forEach(function (i) {
      var n = N[i];
      els.push({
        group: 'nodes',
        classes: labelled.has(i) ? 'lab' : '',
        data: {
          id: 'n' + i, idx: i, label: n.label, color: colour[n.type],
          size: 10 + 30 * Math.sqrt(strength.get(i) / maxS)
        }
      });
    });
    edges.forEach(function (k) {
      var e = E[k];
      els.push({
        group: 'edges',
        data: { id: 'e' + k, idx: k, source: 'n' + e.s, target: 'n' + e.t,
          width: Math.min(12, 1 + 1.5 * Math.log(1 + wIn(k))) }
      });
    });
    cy.batch(function () {
      cy.elements().remove();
      cy.add(els);
    });
    var big = nodes.length > 300;
    var layout = window.cytoscapeFcose
      ? { name: 'fcose', quality: big ? 'draft' : 'default', randomize: true, animate: false,
          fit: true, padding: 30, nodeDimensionsIncludeLabels: true, packComponents: true,
          nodeRepulsion: function () { return 25000; }, idealEdgeLength: function () { return 110; },
          edgeElasticity: function () { return 0.2; }, nodeSeparation: 120, gravity: 0.1,
          gravityRange: 5,
          numIter: big ? 1500 : 2500, tile: true }
      : { name: 'cose', animate: false, fit: true, padding: 30 };
    seeded(function () { cy.layout(layout).run(); });
    zoomLabels();
    var ms = performance.now() - t0;
    var lo = labelOverlaps();
    $('shown').textContent = 'Graph: the ' + fmt(edges.length) + ' strongest of ' + fmt(v.cand) +
      ' links' + (ranged() ? ' in the dates chosen' : '') + ', their ' + fmt(nodes.length) + ' of ' +
      fmt(N.length) + ' entities; the ' + fmt(lo.labels) + ' most central labelled (zoom in, or select, for the rest)';
    var g = $('graph');
    g.setAttribute('data-nodes', String(cy.nodes().length));
    g.setAttribute('data-edges', String(cy.edges().length));
    g.setAttribute('data-labels', String(lo.labels));
    g.setAttribute('data-label-overlaps', String(lo.overlaps));
    g.setAttribute('data-draw-ms', String(Math.round(ms)));
    if (firstDraw === null) {
      firstDraw = performance.now();
      g.setAttribute('data-first-draw-ms', String(Math.round(firstDraw)));
    }
    $('more').disabled = nodes.length >= N.length || edges.length >= v.cand;
    markSearch();
    markSelection();
  }

  function zoomLabels() {
    var on = cy.zoom() >= ZOOM_LABELS;
    cy.batch(function () {
      if (on) cy.nodes().addClass('zlab'); else cy.nodes().removeClass('zlab');
    });
  }
  var zoomedIn = false;
  cy.on('zoom', function () {
    var on = cy.zoom() >= ZOOM_LABELS;
    if (on !== zoomedIn) { zoomedIn = on; zoomLabels(); }
  });

  function markSearch() {
    cy.batch(function () {
      cy.nodes().removeClass('match');
      if (state.search) {
        cy.nodes().filter(function (n) { return matches(n.data('idx')); }).addClass('match');
      }
    });
  }

  function markSelection() {
    cy.batch(function () {
      cy.elements().unselect().removeClass('faded near nbr');
      var s = state.sel;
      if (!s) return;
      var target = s.kind === 'node' ? cy.getElementById('n' + s.i) : cy.getElementById('e' + s.k);
      if (target.empty()) return;
      target.select();
      var hood = s.kind === 'node' ? target.closedNeighborhood() : target.connectedNodes().add(target);
      cy.elements().not(hood).addClass('faded');
      hood.edges().addClass('near');
      hood.nodes().addClass('nbr');
    });
  }

  cy.on('tap', 'node', function (ev) { select({ kind: 'node', i: ev.target.data('idx') }, false); });
  cy.on('tap', 'edge', function (ev) { select({ kind: 'edge', k: ev.target.data('idx') }, false); });
  cy.on('tap', function (ev) { if (ev.target === cy) select(null, false); });

  // ---- evidence ----------------------------------------------------------
  var panel = $('evidence');

  function paraView(pi, focus) {
    var p = P[pi];
    var c = C[p.c];
    var art = el('article', { 'class': 'para', 'data-cable': c.id, 'data-paragraph': String(p.n) });
    var h = el('h3', null, c.id + ' ¶' + p.n + ' ');
    if (p.m) h.appendChild(el('span', { 'class': 'marking', title: 'paragraph classification' }, '(' + p.m + ')'));
    art.appendChild(h);
    var meta = [c.date, c.classification, c.origin].filter(Boolean).join(' · ');
    var mp = el('p', { 'class': 'meta' }, meta);
    if (c.href) {
      if (meta) mp.appendChild(document.createTextNode(' · '));
      mp.appendChild(el('a', { href: c.href, title: c.source }, 'source'));
    }
    if (c.web) {
      mp.appendChild(document.createTextNode(' · '));
      mp.appendChild(el('a', { href: c.web, rel: 'noopener noreferrer', target: '_blank' }, 'WikiLeaks'));
    }
    if (mp.childNodes.length) art.appendChild(mp);
    if (c.subject) art.appendChild(el('p', { 'class': 'meta' }, 'Subject: ' + c.subject));
    if (c.from) art.appendChild(el('p', { 'class': 'meta from' }, 'From: ' + c.from + (p.pg ? ', page ' + p.pg : '')));
    var text = el('p', { 'class': 'text' });
    p.t.forEach(function (seg) {
      if (typeof seg === 'string') {
        text.appendChild(document.createTextNode(seg));
      } else {
        var n = N[seg[0]];
        var m = el('mark', { 'class': focus.has(seg[0]) ? 'hit' : 'other',
          title: n.label + ' (' + n.type + ', ' + n.id + ')', 'data-node': n.id }, seg[1]);
        text.appendChild(m);
      }
    });
    art.appendChild(text);
    return art;
  }

  // the kept paragraphs (oldest first) within the date range, a page at a time
  function evidenceList(ev, total, limit, focus, what) {
    var box = el('div', { 'class': 'ev-list' });
    var list = ev.filter(paraIn);
    var frag = document.createDocumentFragment();
    var note;
    if (!ranged() && ev.length >= total) {
      note = (total === 1 ? 'The one paragraph ' : 'All ' + fmt(total) + ' paragraphs ') + what + ', oldest first.';
    } else if (!ranged()) {
      note = fmt(total) + ' paragraphs ' + what + '; this page keeps ' +
        (ev.length < limit ? fmt(ev.length) + ' (the size cap of this page left out the rest)' : 'the ' + fmt(ev.length) + ' earliest') +
        ', oldest first; the other ' + fmt(total - ev.length) + ' are in cooccurrences.csv.';
    } else {
      note = fmt(list.length) + ' of the ' + fmt(ev.length) + ' paragraphs ' + what +
        ' kept in this page are in the dates chosen (' + fmt(total) + ' in all; cooccurrences.csv lists them).';
    }
    frag.appendChild(el('p', { 'class': 'note' }, note));
    var n = Math.min(list.length, state.evShown);
    list.slice(0, n).forEach(function (pi) { frag.appendChild(paraView(pi, focus)); });
    if (n < list.length) {
      var more = el('button', { type: 'button', 'class': 'ev-more' },
        'Show ' + fmt(Math.min(EV_PAGE, list.length - n)) + ' more (' + fmt(n) + ' of ' + fmt(list.length) + ' shown)');
      more.addEventListener('click', function () {
        state.evShown += EV_PAGE;
        showSelection();
      });
      frag.appendChild(more);
    }
    box.appendChild(frag);
    return box;
  }

  function notInView(inView) {
    return inView ? null : el('p', { 'class': 'note' },
      'Not drawn in the graph with the current filters (raise “Nodes shown” or lower “Min. weight”).');
  }

  function showNode(i) {
    var n = N[i];
    panel.textContent = '';
    panel.setAttribute('data-selected', 'node:' + n.id);
    panel.appendChild(el('h2', null, n.label));
    panel.appendChild(el('p', { 'class': 'facts' }, n.id + ' · ' + n.type + ' · ' +
      plural(n.mentions, 'mention') + ' in ' + plural(n.paragraphs, 'paragraph') + ' of ' +
      plural(n.cables, 'cable') + ' · ' + plural(n.degree, 'link')));
    var miss = notInView(shown.nodes.has(i));
    if (miss) panel.appendChild(miss);
    var links = adj[i].slice().sort(function (a, b) { return E[b].w - E[a].w || a - b; }).slice(0, 12);
    if (links.length) {
      panel.appendChild(el('p', { 'class': 'note' }, 'Strongest links (select for their evidence):'));
      var box = el('div', { 'class': 'nbrs' });
      links.forEach(function (k) {
        var e = E[k];
        var other = N[e.s === i ? e.t : e.s];
        var b = el('button', { type: 'button' }, other.label + ' (' + e.w + ')');
        b.addEventListener('click', function () { select({ kind: 'edge', k: k }, true); });
        box.appendChild(b);
      });
      panel.appendChild(box);
    }
    panel.appendChild(evidenceList(n.ev, n.paragraphs, M.per_node, new Set([i]), 'mentioning it'));
  }

  function showEdge(k) {
    var e = E[k], a = N[e.s], b = N[e.t];
    panel.textContent = '';
    panel.setAttribute('data-selected', 'edge:' + a.id + '--' + b.id);
    panel.appendChild(el('h2', null, a.label + ' — ' + b.label));
    panel.appendChild(el('p', { 'class': 'facts' }, a.id + ' — ' + b.id + ' · weight ' + e.w +
      ' (' + M.unit + 's together) · ' + plural(e.c, 'cable')));
    var miss = notInView(shown.edges.has(k));
    if (miss) panel.appendChild(miss);
    var total = M.unit === 'paragraph' ? e.w : Math.max(e.ev.length, e.c);
    panel.appendChild(evidenceList(e.ev, total, M.per_edge, new Set([e.s, e.t]),
      M.unit === 'paragraph' ? 'behind this link' : 'of the cables behind this link'));
  }

  function showNothing() {
    panel.textContent = '';
    panel.removeAttribute('data-selected');
    panel.appendChild(el('h2', null, 'Evidence'));
    panel.appendChild(el('p', { 'class': 'hint' }, N.length
      ? 'Select an entity or a link, in the graph or in the tables below, to read the cable paragraphs behind it.'
      : 'No entities were found in these cables.'));
  }

  panel.addEventListener('click', function (ev) {
    var m = ev.target.closest && ev.target.closest('mark[data-node]');
    if (m && byId.has(m.getAttribute('data-node'))) {
      select({ kind: 'node', i: byId.get(m.getAttribute('data-node')) }, true);
    }
  });

  function onScreen(t) {
    var b = t.renderedBoundingBox();
    return b.x1 >= 0 && b.y1 >= 0 && b.x2 <= cy.width() && b.y2 <= cy.height();
  }

  function showSelection() {
    var sel = state.sel;
    var top = panel.scrollTop;
    if (!sel) showNothing();
    else if (sel.kind === 'node') showNode(sel.i);
    else showEdge(sel.k);
    panel.scrollTop = top;
  }

  function select(sel, centre) {
    state.sel = sel;
    state.evShown = EV_PAGE;
    showSelection();
    markSelection();
    nodeTable.markSel();
    edgeTable.markSel();
    var hash = !sel ? '' : sel.kind === 'node' ? '#node=' + encodeURIComponent(N[sel.i].id)
      : '#edge=' + encodeURIComponent(N[E[sel.k].s].id) + '--' + encodeURIComponent(N[E[sel.k].t].id);
    if (location.hash !== hash && history.replaceState) {
      try { history.replaceState(null, '', hash || location.pathname + location.search); } catch (e) { /* file: URLs in some browsers */ }
    }
    if (sel && centre) {
      var t = sel.kind === 'node' ? cy.getElementById('n' + sel.i) : cy.getElementById('e' + sel.k);
      if (t.nonempty() && !onScreen(t)) cy.animate({ center: { eles: t } }, { duration: 200 });
    }
    panel.scrollTop = 0;
  }

  // ---- tables ------------------------------------------------------------
  function Table(opts) {
    this.o = opts;
    this.table = $(opts.id);
    this.sortKey = opts.sortKey;
    this.dir = -1;
    this.limit = ROWS;
    this.rows = [];
    this.more = $(opts.more);
    var self = this;
    var tr = el('tr');
    opts.cols.forEach(function (col) {
      var th = el('th', { scope: 'col', 'class': col.num ? 'num' : null });
      var b = el('button', { type: 'button', title: 'Sort by ' + col.title }, col.title);
      b.addEventListener('click', function () {
        if (self.sortKey === col.key) self.dir = -self.dir;
        else { self.sortKey = col.key; self.dir = col.num ? -1 : 1; }
        self.render(true);
      });
      th.appendChild(b);
      col.th = th;
      tr.appendChild(th);
    });
    this.table.tHead.appendChild(tr);
    this.more.addEventListener('click', function () { self.limit += ROWS; self.render(false); });
    this.table.tBodies[0].addEventListener('click', function (ev) {
      var row = ev.target.closest('tr');
      if (row) opts.onSelect(Number(row.getAttribute('data-i')));
    });
    this.table.tBodies[0].addEventListener('keydown', function (ev) {
      var row = ev.target.closest('tr');
      if (!row) return;
      if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); opts.onSelect(Number(row.getAttribute('data-i'))); }
      else if (ev.key === 'ArrowDown' && row.nextElementSibling) { ev.preventDefault(); row.nextElementSibling.focus(); }
      else if (ev.key === 'ArrowUp' && row.previousElementSibling) { ev.preventDefault(); row.previousElementSibling.focus(); }
    });
  }
  Table.prototype.render = function (reset) {
    var o = this.o, self = this;
    if (reset) this.limit = ROWS;
    var col = o.cols.filter(function (c) { return c.key === self.sortKey; })[0];
    var rows = o.rows();
    var dir = this.dir;
    rows.sort(function (a, b) {
      var x = col.get(a), y = col.get(b);
      var d = x < y ? -1 : x > y ? 1 : 0;
      return d * dir || a - b;
    });
    this.rows = rows;
    o.cols.forEach(function (c) {
      if (c === col) c.th.setAttribute('aria-sort', dir > 0 ? 'ascending' : 'descending');
      else c.th.removeAttribute('aria-sort');
    });
    var body = document.createDocumentFragment();
    rows.slice(0, this.limit).forEach(function (i) {
      var tr = el('tr', { tabindex: '0', 'data-i': String(i), 'data-key': o.key(i) });
      o.cols.forEach(function (c) {
        var td = el('td', { 'class': c.num ? 'num' : null }, c.show ? c.show(i) : c.get(i));
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    var tb = this.table.tBodies[0];
    tb.textContent = '';
    tb.appendChild(body);
    $(o.count).textContent = '(' + fmt(rows.length) + (rows.length === o.total ? '' : ' of ' + fmt(o.total)) + ')';
    this.more.hidden = rows.length <= this.limit;
    this.markSel();
  };
  Table.prototype.markSel = function () {
    var s = state.sel, o = this.o;
    var want = s && s.kind === o.kind ? String(s.kind === 'node' ? s.i : s.k) : null;
    var trs = this.table.tBodies[0].rows;
    for (var r = 0; r < trs.length; r++) {
      var on = trs[r].getAttribute('data-i') === want;
      trs[r].classList.toggle('sel', on);
      if (on) trs[r].setAttribute('aria-selected', 'true'); else trs[r].removeAttribute('aria-selected');
    }
  };

  var nodeTable = new Table({
    id: 'nodes-table', more: 'nodes-more', count: 'nodes-count', kind: 'node', total: N.length,
    sortKey: 'mentions',
    key: function (i) { return N[i].id; },
    rows: function () {
      var out = [];
      for (var i = 0; i < N.length; i++) if (typeOk(i) && matches(i)) out.push(i);
      return out;
    },
    onSelect: function (i) { select({ kind: 'node', i: i }, true); },
    cols: [
      { key: 'label', title: 'Entity', get: function (i) { return N[i].label.toLowerCase(); }, show: function (i) { return N[i].label; } },
      { key: 'id', title: 'Id', get: function (i) { return N[i].id; } },
      { key: 'type', title: 'Type', get: function (i) { return N[i].type; } },
      { key: 'mentions', title: 'Mentions', num: true, get: function (i) { return N[i].mentions; } },
      { key: 'paragraphs', title: 'Paragraphs', num: true, get: function (i) { return N[i].paragraphs; } },
      { key: 'cables', title: 'Cables', num: true, get: function (i) { return N[i].cables; } },
      { key: 'degree', title: 'Links', num: true, get: function (i) { return N[i].degree; } }
    ]
  });

  var edgeTable = new Table({
    id: 'edges-table', more: 'edges-more', count: 'edges-count', kind: 'edge', total: E.length,
    sortKey: 'w',
    key: function (k) { return N[E[k].s].id + '--' + N[E[k].t].id; },
    rows: function () {
      var out = [];
      for (var k = 0; k < E.length; k++) {
        var e = E[k];
        if (wIn(k) >= state.minW && wIn(k) > 0 && typeOk(e.s) && typeOk(e.t) && (matches(e.s) || matches(e.t))) out.push(k);
      }
      return out;
    },
    onSelect: function (k) { select({ kind: 'edge', k: k }, true); },
    cols: [
      { key: 's', title: 'Source', get: function (k) { return N[E[k].s].label.toLowerCase(); }, show: function (k) { return N[E[k].s].label; } },
      { key: 't', title: 'Target', get: function (k) { return N[E[k].t].label.toLowerCase(); }, show: function (k) { return N[E[k].t].label; } },
      { key: 'w', title: 'Weight', num: true, get: function (k) { return wIn(k); } },
      { key: 'c', title: 'Cables', num: true, get: function (k) { return E[k].c; } },
      { key: 'ev', title: 'Evidence shown', num: true, get: function (k) { return E[k].ev.length; } }
    ]
  });

  // ---- controls ----------------------------------------------------------
  function refresh(graphToo) {
    nodeTable.render(true);
    edgeTable.render(true);
    if (graphToo) buildGraph(); else markSearch();
  }
  var searchTimer = null;
  $('search').addEventListener('input', function (ev) {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(function () {
      state.search = ev.target.value.trim().toLowerCase();
      refresh(false);
    }, 120);
  });
  $('search').addEventListener('keydown', function (ev) {
    if (ev.key !== 'Enter') return;
    state.search = ev.target.value.trim().toLowerCase();
    refresh(false);
    if (nodeTable.rows.length) select({ kind: 'node', i: nodeTable.rows[0] }, true);
  });
  $('minw').addEventListener('change', function (ev) {
    state.minW = Math.max(1, parseInt(ev.target.value, 10) || 1);
    refresh(true);
  });
  $('topn').addEventListener('change', function (ev) {
    state.topN = Math.max(1, parseInt(ev.target.value, 10) || 1);
    buildGraph();
  });
  $('more').addEventListener('click', function () {
    state.topN += STEP;
    $('topn').value = String(state.topN);
    buildGraph();
  });
  $('fit').addEventListener('click', function () { cy.fit(undefined, 30); });
  function onDates() {
    state.from = monthOf($('from').value);
    state.to = monthOf($('to').value);
    wCache = null;
    refresh(true);
    if (state.sel) showSelection();
  }
  $('from').addEventListener('change', onDates);
  $('to').addEventListener('change', onDates);

  // ---- selection by id, and the URL hash --------------------------------
  function selectNode(id) {
    if (!byId.has(id)) return false;
    select({ kind: 'node', i: byId.get(id) }, true);
    return true;
  }
  function selectEdge(a, b) {
    if (!byId.has(a) || !byId.has(b)) return false;
    var k = edgeAt.get(byId.get(a) + '|' + byId.get(b));
    if (k === undefined) return false;
    select({ kind: 'edge', k: k }, true);
    return true;
  }
  function fromHash() {
    var h = location.hash.replace(/^#/, '');
    var m;
    // #from=2009-01&to=2009-06 sets the date range (and may be followed
    // by &node=… or &edge=…)
    var dates = /(?:^|&)(from|to)=(\d{4}-\d{2})/g;
    var set = false;
    while ((m = dates.exec(h))) { $(m[1]).value = m[2]; set = true; }
    if (set) onDates();
    h = h.replace(/(?:^|&)(?:from|to)=[^&]*/g, '').replace(/^&/, '');
    if ((m = /^node=(.*)$/.exec(h))) return selectNode(decodeURIComponent(m[1]));
    if ((m = /^edge=(.*)$/.exec(h))) {
      var s = m[1];
      // ids may contain "--": try every split
      for (var at = s.indexOf('--'); at >= 0; at = s.indexOf('--', at + 1)) {
        if (selectEdge(decodeURIComponent(s.slice(0, at)), decodeURIComponent(s.slice(at + 2)))) return true;
      }
    }
    return false;
  }
  window.addEventListener('hashchange', fromHash);

  window.cablegraph = {
    cy: cy, data: D, selectNode: selectNode, selectEdge: selectEdge,
    setDates: function (from, to) { $('from').value = from || ''; $('to').value = to || ''; onDates(); },
    clear: function () { select(null, false); }
  };

  showNothing();
  refresh(true);
  fromHash();
  document.documentElement.setAttribute('data-ready', '1');
})();
