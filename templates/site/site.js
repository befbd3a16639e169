// Kommunrapport start page: search, filters and sorting as progressive enhancement. Without
// JavaScript the full table still works; this file only hides, shows and reorders its rows.
(function () {
  'use strict';
  var form = document.getElementById('filter');
  var table = document.getElementById('kommuner');
  if (!form || !table || !table.tBodies[0]) return;
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var search = document.getElementById('sok');
  var group = document.getElementById('grupp');
  var county = document.getElementById('lan');
  var sort = document.getElementById('sortera');
  var status = document.getElementById('antal');
  var empty = document.getElementById('inga-traffar');
  var collator = new Intl.Collator('sv');

  // Same folding as the page generator (foldName): no accents, lower case, single spaces.
  function fold(text) {
    return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\s+/g, ' ').trim();
  }
  function num(row, key, missing) {
    var v = row.getAttribute('data-' + key);
    return v === null || v === '' ? missing : Number(v);
  }
  var orders = {
    rang: function (a, b) { return num(a, 'rang', Infinity) - num(b, 'rang', Infinity); },
    'effektivitet-upp': function (a, b) { return num(a, 'effektivitet', Infinity) - num(b, 'effektivitet', Infinity); },
    potential: function (a, b) { return num(b, 'potential', -Infinity) - num(a, 'potential', -Infinity); },
    'per-invanare': function (a, b) { return num(b, 'per-invanare', -Infinity) - num(a, 'per-invanare', -Infinity); },
    namn: function (a, b) { return collator.compare(a.querySelector('th').textContent, b.querySelector('th').textContent); }
  };

  function update() {
    var query = fold(search.value);
    var shown = 0;
    rows.forEach(function (row) {
      var match = (!query || row.getAttribute('data-namn').indexOf(query) !== -1) &&
        (!group.value || row.getAttribute('data-grupp') === group.value) &&
        (!county.value || row.getAttribute('data-lan') === county.value);
      row.hidden = !match;
      if (match) shown += 1;
    });
    var order = orders[sort.value] || orders.rang;
    rows.slice().sort(function (a, b) { return order(a, b) || collator.compare(a.id, b.id); })
      .forEach(function (row) { tbody.appendChild(row); });
    status.textContent = 'Visar ' + shown + ' av ' + rows.length + ' kommuner.';
    empty.hidden = shown !== 0;
    table.hidden = shown === 0;
  }

  // Typing updates at once; the status line is polite, so screen readers are not flooded.
  search.addEventListener('input', update);
  [group, county, sort].forEach(function (el) { el.addEventListener('change', update); });
  form.addEventListener('submit', function (event) { event.preventDefault(); update(); });
  form.hidden = false;
  update();
})();

// The map coloured by another area: the same paths get that view's colours, tooltips, legend
// and text alternative (data from the page, see map-views.ts). Without JavaScript the map shows
// the composite.
(function () {
  'use strict';
  var data = document.getElementById('kartdata');
  var field = document.getElementById('kartval-falt');
  var select = document.getElementById('kartval');
  var figure = document.getElementById('karta');
  if (!data || !field || !select || !figure) return;
  var views;
  try { views = JSON.parse(data.textContent); } catch (e) { return; }
  var svg = figure.querySelector('svg');
  var paths = Array.prototype.slice.call(svg.querySelectorAll('path[data-k]'));
  var legend = svg.querySelector('g[data-legend]');
  var desc = svg.querySelector('desc');
  if (!legend || !desc || paths.length !== views[0].fill.length) return;

  function show(id) {
    var view = views.filter(function (v) { return v.id === id; })[0] || views[0];
    paths.forEach(function (path, i) {
      path.setAttribute('fill', view.palette[view.fill[i]]);
      var title = path.parentNode.querySelector('title');
      if (title) title.textContent = view.title[i];
    });
    legend.innerHTML = view.legend;
    desc.textContent = view.desc;
  }
  select.addEventListener('change', function () { show(select.value); });
  field.hidden = false;
})();
