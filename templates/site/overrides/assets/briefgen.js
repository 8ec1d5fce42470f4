/* briefgen: the search page (pagefind, loaded in pieces as you type) and the entity index's filter.
   Plain script, no build step; runs on each page the theme shows (document$ under instant loading). */
(function () {
  "use strict";
  var config = JSON.parse((document.getElementById("__config") || {}).textContent || "{}");
  // the edition's root, resolved once from the page first loaded (instant loading keeps this script)
  var ROOT = new URL((config.base || ".") + "/", location.href);
  var pagefind = null;

  function escapeHtml(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  // Pagefind's excerpts are the indexed text with <mark> around matches, "<" and ">" escaped but a bare "&"
  // not: decode the text once, escape it all again, and keep only the marks as elements.
  function excerptHtml(excerpt) {
    var marked = String(excerpt).replace(/<mark>/g, "\u0001").replace(/<\/mark>/g, "\u0002");
    var text = marked.replace(/<[^>]*>/g, "");
    var div = document.createElement("div");
    div.innerHTML = escapeHtml(text).replace(/&amp;(#?\w+;)/g, "&$1");  // entities pagefind wrote stay entities
    return escapeHtml(div.textContent).replace(/\u0001/g, "<mark>").replace(/\u0002/g, "</mark>");
  }

  function kindOf(url) {
    var m = /\/(stories|articles|entities)\/[^/]+\/?/.exec(url);
    return m ? { stories: "Story", articles: "Article", entities: "Entity" }[m[1]] : "Page";
  }

  // The place a hit points to: the closest element with an id (a heading, a sentence of an article,
  // a source) at or before the first matching word of the section.
  function target(data, sub) {
    var loc = (sub.locations && sub.locations.length) ? sub.locations[0] : null;
    var best = null;
    if (loc !== null) {
      (data.anchors || []).forEach(function (a) {
        if (a.location <= loc && (!best || a.location >= best.location)) best = a;
      });
    }
    var base = data.url.split("#")[0];
    if (best && best.id) return base + "#" + best.id;
    return sub.url || data.url;
  }

  function renderResults(list, items, query) {
    if (!items.length) {
      list.innerHTML = "<p>No results for <strong>" + escapeHtml(query) + "</strong>.</p>";
      return;
    }
    list.innerHTML = items.map(function (data) {
      var subs = (data.sub_results && data.sub_results.length ? data.sub_results : [data]).slice(0, 3);
      return '<li class="bg-result"><p class="bg-result__page"><span class="bg-result__kind">' + kindOf(data.url) +
        '</span> <a href="' + escapeHtml(data.url) + '">' + escapeHtml((data.meta && data.meta.title) || data.url) + "</a></p><ul>" +
        subs.map(function (sub) {
          var title = sub.title && sub.title !== (data.meta && data.meta.title) ? escapeHtml(sub.title) : "";
          return '<li class="bg-section"><a href="' + escapeHtml(target(data, sub)) + '">' +
            (title ? '<span class="bg-section__title">' + title + "</span> " : "") +
            '<span class="bg-snippet">' + excerptHtml(sub.excerpt || data.excerpt) + "</span></a></li>";
        }).join("") + "</ul></li>";
    }).join("");
  }

  // The index comes in shards (briefgen/search.py): pagefind/ is the first, shards.json lists the folders of
  // the others, merged into it (each merged shard loads its entry and meta files now, its word chunks per query).
  async function loadSearch() {
    var base = new URL("pagefind/", ROOT), settings = { baseUrl: ROOT.pathname, excerptLength: 24 };
    var pf = await import(new URL("pagefind.js", base).href);
    await pf.options(settings);
    pf.init();
    var listed = await fetch(new URL("shards.json", base).href);
    var merge = listed.ok ? (await listed.json()).merge || [] : [];
    await Promise.all(merge.map(function (folder) { return pf.mergeIndex(new URL(folder, base).pathname, settings); }));
    await pf.enterPlaygroundMode();  // each result names the index words it matched (see whole() below)
    return pf;
  }

  function folded(word) {
    return String(word).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  // A result whose words begin with every word of the query (as pagefind stems them): a word, its other
  // forms, or the rest of a word being typed. Pagefind matches a word missing from an index by its longest
  // prefix there ("Canadastad" by "can"), which, in a shard lacking the word, brings pages holding only
  // that prefix; they are not shown (briefgen/search.py, _PATCHES).
  function whole(result, keywords) {
    if (!result.scores || !keywords.length) return true;
    var words = result.scores.map(function (s) { return folded(s.search_term); });
    return keywords.every(function (k) {
      k = folded(k);
      return words.some(function (w) { return w.lastIndexOf(k, 0) === 0; });
    });
  }

  function setupSearch(root) {
    if (root.dataset.ready) return;
    root.dataset.ready = "1";
    root.innerHTML = '<form role="search" onsubmit="return false"><label class="bg-search-label">Search this edition ' +
      '<input type="search" id="bg-search-input" autocomplete="off" placeholder="a name, place or word"></label></form>' +
      '<p class="bg-meta" id="bg-search-status" aria-live="polite"></p><ol class="bg-results" id="bg-search-results"></ol>';
    var input = root.querySelector("input"), status = root.querySelector("#bg-search-status"),
        list = root.querySelector("#bg-search-results");
    var params = new URLSearchParams(location.search), typed = 0;
    async function run() {
      var query = input.value.trim(), mine = ++typed;
      if (!query) { list.innerHTML = ""; status.textContent = ""; return; }
      try {
        if (!pagefind) pagefind = loadSearch();
        try { pagefind = await pagefind; } catch (err) { pagefind = null; throw err; }  // the next key tries again
        // searched once typing pauses (200 ms), not on every key: pagefind's debouncedSearch loads each
        // shard's word chunks for every prefix typed on the way ("l", "lo", "loh", ...)
        await new Promise(function (done) { setTimeout(done, 200); });
        if (mine !== typed) return;  // a newer query replaced this one
        var search = await pagefind.search(query);
        if (mine !== typed) return;
        var found = search.results.filter(function (r) { return whole(r, search.search_keywords || []); });
        var items = await Promise.all(found.slice(0, 10).map(function (r) { return r.data(); }));
        if (input.value.trim() !== query) return;
        status.textContent = found.length + (found.length === 1 ? " page matches" : " pages match") +
          (found.length > 10 ? "; the first 10:" : ":");
        renderResults(list, items, query);
      } catch (err) {
        status.textContent = "Search could not load (" + err + "). It needs the site served over HTTP, not opened as files.";
      }
    }
    input.addEventListener("input", run);
    if (params.get("q")) { input.value = params.get("q"); run(); }
    input.focus();
  }

  function setupFilter(box) {
    if (box.dataset.ready) return;
    box.dataset.ready = "1";
    var all = document.getElementById("bg-filter-all"), count = document.getElementById("bg-filter-count");
    function apply() {
      var words = box.value.toLowerCase().split(/\s+/).filter(Boolean), shown = 0;
      document.querySelectorAll(".bg-etype").forEach(function (section) {
        var visible = 0;
        section.querySelectorAll(".bg-entities > li").forEach(function (li) {
          var text = (li.textContent + " " + (li.dataset.stories || "")).toLowerCase();
          var ok = (!li.classList.contains("bg-once") || (all && all.checked)) &&
                   words.every(function (w) { return text.indexOf(w) >= 0; });
          li.hidden = !ok;
          if (ok) visible++;
        });
        section.hidden = visible === 0;
        shown += visible;
      });
      count.textContent = shown + (shown === 1 ? " entity" : " entities");
    }
    box.addEventListener("input", apply);
    if (all) all.addEventListener("change", apply);
    apply();
  }

  function onPage() {
    var search = document.getElementById("bg-search");
    if (search) setupSearch(search);
    var filter = document.getElementById("bg-filter");
    if (filter) setupFilter(filter);
  }

  if (typeof document$ !== "undefined" && document$.subscribe) document$.subscribe(onPage);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", onPage);
  else onPage();
})();
