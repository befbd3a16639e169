// Kommunrapport compare page: two municipalities side by side from their published data.json
// files. The address holds the choice (jamfor/?a=0160&b=0162), so a comparison can be linked.
// Without JavaScript the page shows every municipality against the best of its group.
(function () {
  'use strict';
  var form = document.getElementById('jamfor-val');
  var out = document.getElementById('jamforelse');
  var status = document.getElementById('jamfor-status');
  if (!form || !out || !window.fetch) return;
  var selA = document.getElementById('val-a');
  var selB = document.getElementById('val-b');
  var cache = {};
  var NBSP = '\u00a0';
  var num0 = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 });
  var num1 = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

  // Same formats as the reports (pipeline/format/swedish.ts): 93 %, 1 234,5 mnkr, 4 567 kr.
  function pct(v) { return v === null || v === undefined ? 'saknas' : num0.format(v * 100) + NBSP + '%'; }
  function amount(v) {
    if (v === null || v === undefined) return 'saknas';
    if (Math.abs(v) >= 1e10) return num1.format(v / 1e9) + NBSP + 'mdkr';
    if (Math.abs(v) >= 1e6) return num1.format(v / 1e6) + NBSP + 'mnkr';
    return num0.format(Math.round(v)) + NBSP + 'kr';
  }
  function esc(text) {
    return String(text).replace(/[&<>"']/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]; });
  }
  function interval(lo, hi, fmt) {
    return lo === null || hi === null || lo === undefined || hi === undefined ? 'intervall saknas' : fmt(lo) + '–' + fmt(hi);
  }
  function pctRange(lo, hi) { return interval(lo, hi, function (v) { return num0.format(v * 100); }) + (lo === null || lo === undefined ? '' : NBSP + '%'); }
  // Positions go in data attributes and are set through the CSSOM below: the server's CSP
  // (style-src 'self') blocks style attributes in markup.
  function meter(v, lo, hi) {
    if (v === null || v === undefined) return '';
    var ci = lo === null || hi === null || lo === undefined || hi === undefined ? '' :
      '<span class="meter-ci" data-left="' + (lo * 100).toFixed(1) + '" data-width="' + ((hi - lo) * 100).toFixed(1) + '"></span>';
    return '<span class="meter" aria-hidden="true"><span class="meter-fill" data-width="' + (v * 100).toFixed(1) + '"></span>' + ci + '</span>';
  }
  function placeMeters(root) {
    Array.prototype.forEach.call(root.querySelectorAll('.meter [data-width]'), function (el) {
      el.style.width = el.getAttribute('data-width') + '%';
      if (el.hasAttribute('data-left')) el.style.left = el.getAttribute('data-left') + '%';
    });
  }
  function option(select, kod) {
    return Array.prototype.filter.call(select.options, function (o) { return o.value === kod; })[0];
  }
  function load(kod) {
    var opt = option(selA, kod);
    if (!opt) return Promise.reject(new Error('okänd kommun ' + kod));
    if (!cache[kod]) {
      cache[kod] = fetch(opt.getAttribute('data-json')).then(function (r) {
        if (!r.ok) throw new Error('HTTP ' + r.status);
        return r.json();
      });
    }
    return cache[kod];
  }

  function row(label, a, b, cls) {
    return '<tr><th scope="row">' + label + '</th><td class="' + (cls || '') + '">' + a + '</td><td class="' + (cls || '') + '">' + b + '</td></tr>';
  }
  function table(caption, a, b, body) {
    return '<div class="table-scroll" role="region" tabindex="0" aria-label="' + esc(caption) + '"><table class="compare-side">' +
      '<caption>' + esc(caption) + '</caption><thead><tr><td></td><th scope="col">' + esc(a.kommun) + '</th><th scope="col">' + esc(b.kommun) + '</th></tr></thead><tbody>' +
      body + '</tbody></table></div>';
  }
  function head(d) {
    var links = (d.sida ? '<a href="../' + esc(d.sida) + '">Kommunens sida och rapport</a> · ' : '') + '<a href="../' + esc('kommun/' + d.kommunkod + '-' + d.slug + '/data.json') + '">Data (JSON)</a>';
    return '<div class="compare-card"><h3>' + esc(d.kommun) + '</h3><p>' + esc(d.kommungrupp) + ' · ' + esc(d.lan) + ' · ' + num0.format(d.invanare) + ' invånare</p><p>' + links + '</p></div>';
  }

  function render(a, b) {
    var html = '<h2 id="jamforelse-rubrik">' + esc(a.kommun) + ' och ' + esc(b.kommun) + '</h2>';
    html += '<div class="compare-cards">' + head(a) + head(b) + '</div>';
    var rank = function (d) { return d.rang + ' av ' + d.antal + (d.rang_lag === null ? '' : ' (' + d.rang_lag + '–' + d.rang_hog + ')'); };
    html += '<h3>Nyckeltal ' + esc(a.ar) + '</h3>';
    html += table('Nyckeltal ' + a.ar + ' för ' + a.kommun + ' och ' + b.kommun, a, b,
      row('Plats i Sverige', rank(a), rank(b), 'num') +
      row('Plats i kommun\u00adgruppen', a.grupp_rang + ' av ' + a.grupp_antal, b.grupp_rang + ' av ' + b.grupp_antal, 'num') +
      row('Sammanvägd effektivitet', pct(a.effektivitet) + meter(a.effektivitet, a.effektivitet_lag, a.effektivitet_hog), pct(b.effektivitet) + meter(b.effektivitet, b.effektivitet_lag, b.effektivitet_hog), 'num') +
      row('95-procentigt intervall', pctRange(a.effektivitet_lag, a.effektivitet_hog), pctRange(b.effektivitet_lag, b.effektivitet_hog), 'num') +
      row('Potential per år', amount(a.potential_kr), amount(b.potential_kr), 'num') +
      row('Potential per invånare', amount(a.potential_per_invanare_kr), amount(b.potential_per_invanare_kr), 'num'));
    html += '<p class="compare-note">Siffrorna är korrigerade för att metoden något överskattar effektiviteten, och varje siffra ligger inom sitt intervall.</p>';

    html += '<h3>Effektivitet per område</h3>';
    var areas = '';
    a.omraden.forEach(function (ao, i) {
      var bo = b.omraden[i];
      var cell = function (o) {
        if (o.effektivitet === null) return 'saknas';
        return pct(o.effektivitet) + (o.ojamforbar ? ' (ingen jämförbar kommun)' : '') + meter(o.effektivitet, o.effektivitet_lag, o.effektivitet_hog) +
          '<span class="cell-note">plats ' + o.rang + ' av ' + o.antal + '; ' + pctRange(o.effektivitet_lag, o.effektivitet_hog) + '</span>';
      };
      areas += row(esc(ao.namn), cell(ao), cell(bo), 'num');
    });
    html += table('Effektivitet per område ' + a.ar + ', med plats och 95-procentigt intervall', a, b, areas);

    html += '<h3>Utveckling över tid</h3>';
    if (!a.historik && !b.historik) {
      html += '<p class="unavailable">Historiken är inte beräknad för den här utgåvan. När den finns visas den här.</p>';
    } else {
      var years = {};
      (a.historik || []).concat(b.historik || []).forEach(function (h) { years[h.ar] = true; });
      var pick = function (d, year) {
        var h = (d.historik || []).filter(function (x) { return x.ar === year; })[0];
        return h && h.effektivitet !== null ? pct(h.effektivitet) + (h.rang === null ? '' : '<span class="cell-note">plats ' + h.rang + (h.antal ? ' av ' + h.antal : '') + '</span>') : 'saknas';
      };
      var hist = '';
      Object.keys(years).map(Number).sort().forEach(function (year) { hist += row(String(year), pick(a, year), pick(b, year), 'num'); });
      html += table('Sammanvägd effektivitet och plats per år', a, b, hist);
    }
    html += '<p class="attribution">' + esc(a.kalla) + '. Licens: <a href="' + esc(a.licens_url) + '" rel="license">' + esc(a.licens) + '</a>.</p>';
    out.innerHTML = html;
    placeMeters(out);
    out.hidden = false;
    status.textContent = 'Jämför ' + a.kommun + ' och ' + b.kommun + '.';
  }

  function update(push) {
    var a = selA.value;
    var b = selB.value;
    if (push && window.history && history.replaceState) history.replaceState(null, '', '?a=' + a + '&b=' + b);
    status.textContent = 'Hämtar uppgifterna…';
    Promise.all([load(a), load(b)]).then(function (d) { render(d[0], d[1]); }, function () {
      status.textContent = 'Uppgifterna kunde inte hämtas. Försök igen eller använd tabellen nedan.';
    });
  }

  var params = new URLSearchParams(location.search);
  var a = option(selA, params.get('a') || '') ? params.get('a') : selA.options[0].value;
  selA.value = a;
  var b = params.get('b');
  if (b && option(selB, b) && b !== a) {
    selB.value = b;
    start();
  } else {
    // Only one given: compare with the best of its group (or the next in the list when it is the best).
    load(a).then(function (d) {
      var best = d.grupp_basta.kommunkod;
      var other = Array.prototype.filter.call(selB.options, function (o) { return o.value !== a; })[0];
      selB.value = best !== a ? best : other.value;
      start();
    }, function () { start(); });
  }
  function start() {
    [selA, selB].forEach(function (s) { s.addEventListener('change', function () { update(true); }); });
    form.addEventListener('submit', function (e) { e.preventDefault(); update(true); });
    Array.prototype.forEach.call(document.querySelectorAll('.js-only'), function (el) { el.hidden = false; });
    // The list of every municipality is the page without JavaScript; with the pickers it would
    // only lengthen the page (15 000 px, 62 000 px on a phone), so it waits behind a button.
    var all = document.getElementById('alla');
    var toggle = document.getElementById('visa-alla');
    if (all && toggle) {
      var label = toggle.textContent;
      all.hidden = true;
      toggle.addEventListener('click', function () {
        all.hidden = !all.hidden;
        toggle.setAttribute('aria-expanded', String(!all.hidden));
        toggle.textContent = all.hidden ? label : 'Dölj listan över alla kommuner';
      });
    }
    form.hidden = false;
    update(params.has('a'));
  }
})();
