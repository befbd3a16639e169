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

// Tables wider than their box (report tables at any width, most on a phone): a line above each
// says so, beside the edge shadows of the stylesheet. Checked again when the window resizes.
(function () {
  'use strict';
  var boxes = Array.prototype.slice.call(document.querySelectorAll('.table-scroll'));
  if (!boxes.length) return;
  function mark() {
    boxes.forEach(function (box) {
      var wide = box.scrollWidth > box.clientWidth + 1;
      var hint = box.previousElementSibling;
      var has = hint && hint.className === 'scroll-hint';
      if (wide && !has) {
        hint = document.createElement('p');
        hint.className = 'scroll-hint';
        hint.textContent = 'Tabellen är bredare än sidan: rulla i sidled för att se alla kolumner.';
        box.parentNode.insertBefore(hint, box);
      } else if (!wide && has) {
        hint.parentNode.removeChild(hint);
      }
    });
  }
  var timer;
  window.addEventListener('resize', function () { clearTimeout(timer); timer = setTimeout(mark, 150); });
  // Widths change once the web fonts are in.
  if (document.fonts && document.fonts.ready) document.fonts.ready.then(mark);
  mark();
})();

// Charts scale to the screen; on a phone their labels get small, so a tap (or Enter) shows the
// chart at its drawn size, scrolled to where it was tapped, and a second tap scales it back.
(function () {
  'use strict';
  var charts = Array.prototype.slice.call(document.querySelectorAll('.report-body figure.chart'));
  if (!charts.length) return;
  var FULL = 680;
  function toggle(figure, ratio) {
    var zoom = !figure.classList.contains('zoomed');
    figure.classList.toggle('zoomed', zoom);
    figure.setAttribute('aria-expanded', String(zoom));
    if (zoom) figure.scrollLeft = Math.max(0, ratio * figure.scrollWidth - figure.clientWidth / 2);
    var note = figure.nextElementSibling;
    if (note && note.className === 'zoom-hint') note.textContent = zoom ? 'Tryck igen för att se hela diagrammet.' : 'Tryck på diagrammet för att se det i full storlek.';
  }
  function hint(figure) {
    var small = figure.clientWidth < FULL * 0.8;
    var note = figure.nextElementSibling;
    var has = note && note.className === 'zoom-hint';
    if (small && !has) {
      note = document.createElement('p');
      note.className = 'zoom-hint';
      note.textContent = 'Tryck på diagrammet för att se det i full storlek.';
      figure.parentNode.insertBefore(note, figure.nextSibling);
    } else if (!small && has) {
      note.parentNode.removeChild(note);
      figure.classList.remove('zoomed');
    }
  }
  charts.forEach(function (figure) {
    figure.addEventListener('click', function (event) {
      if (figure.clientWidth >= FULL * 0.8 && !figure.classList.contains('zoomed')) return;
      var rect = figure.getBoundingClientRect();
      toggle(figure, rect.width ? (event.clientX - rect.left + figure.scrollLeft) / figure.scrollWidth : 0.5);
    });
    figure.addEventListener('keydown', function (event) {
      if ((event.key === 'Enter' || event.key === ' ') && (figure.clientWidth < FULL * 0.8 || figure.classList.contains('zoomed'))) {
        event.preventDefault();
        toggle(figure, 0.5);
      }
    });
    hint(figure);
  });
  window.addEventListener('resize', function () { charts.forEach(hint); });
})();
