// Search with Pagefind's index, made after each build. Without JavaScript the header's search box leads to the
// subject index (its form's own action); with it, to the search page, which runs the query it is given.
// The interface is the site's own, on pagefind.js: only the index's pieces a query needs are fetched, and the
// filters only when the reader opens them.
(function () {
  var form = document.querySelector("form.site-search");
  if (form && form.dataset.search) form.action = form.dataset.search;
  var root = document.getElementById("search");
  if (!root) return;
  var bundle = new URL(root.dataset.bundle, window.location.href);
  var base = bundle.pathname.replace(/pagefind\/$/, "");
  var input = root.querySelector("input[type=search]");
  var status = root.querySelector(".search-status");
  var list = root.querySelector(".search-results");
  var more = root.querySelector(".search-more");
  var filterBox = root.querySelector(".search-filters");
  var pagefind = null, results = [], shown = 0, timer = null, chosen = {}, filtersLoaded = false;
  root.hidden = false;

  function load() {
    if (!pagefind) {
      pagefind = import(bundle.href + "pagefind.js").then(function (module) {
        return module.options({ baseUrl: base }).then(function () { return module; });
      });
    }
    return pagefind;
  }

  function text(tag, className, content) {
    var element = document.createElement(tag);
    if (className) element.className = className;
    if (content) element.textContent = content;
    return element;
  }

  function showMore() {
    var next = results.slice(shown, shown + 10);
    shown += next.length;
    more.hidden = shown >= results.length;
    return Promise.all(next.map(function (result) { return result.data(); })).then(function (pages) {
      pages.forEach(function (page) {
        var item = document.createElement("li");
        var heading = text("h2", "search-title");
        var link = text("a", null, page.meta.title || page.url);
        link.href = page.url;
        heading.appendChild(link);
        item.appendChild(heading);
        var words = [page.meta.kind, page.meta.date].filter(Boolean).join(" · ");
        if (words) item.appendChild(text("p", "search-meta", words));
        var excerpt = text("p", "search-excerpt");
        excerpt.innerHTML = page.excerpt; // Pagefind's excerpt: the page's text, escaped, with <mark> around the words
        item.appendChild(excerpt);
        list.appendChild(item);
      });
    });
  }

  function run() {
    var query = input.value.trim();
    var url = new URL(window.location.href);
    if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
    window.history.replaceState(null, "", url);
    list.textContent = "";
    more.hidden = true;
    if (!query) { status.textContent = ""; return; }
    status.textContent = "Searching…";
    load().then(function (module) {
      return module.search(query, { filters: chosen });
    }).then(function (search) {
      if (!search || query !== input.value.trim()) return;
      results = search.results;
      shown = 0;
      status.textContent = results.length === 0 ? "No entries match “" + query + "”."
        : results.length + (results.length === 1 ? " entry matches" : " entries match") + " “" + query + "”.";
      return showMore();
    }).catch(function () {
      status.textContent = "The search index could not be loaded. The subject index lists every subject instead.";
    });
  }

  function loadFilters() {
    if (filtersLoaded) return;
    filtersLoaded = true;
    load().then(function (module) { return module.filters(); }).then(function (filters) {
      var body = filterBox.querySelector(".search-filter-groups");
      Object.keys(filters).sort().forEach(function (name) {
        var group = text("fieldset");
        group.appendChild(text("legend", null, name.charAt(0).toUpperCase() + name.slice(1)));
        Object.keys(filters[name]).sort().forEach(function (value) {
          var label = text("label");
          var box = document.createElement("input");
          box.type = "checkbox";
          box.addEventListener("change", function () {
            var values = chosen[name] || [];
            chosen[name] = box.checked ? values.concat([value]) : values.filter(function (v) { return v !== value; });
            if (chosen[name].length === 0) delete chosen[name];
            run();
          });
          label.appendChild(box);
          label.appendChild(document.createTextNode(" " + value + " (" + filters[name][value] + ")"));
          group.appendChild(label);
        });
        body.appendChild(group);
      });
    });
  }

  root.querySelector("form").addEventListener("submit", function (event) { event.preventDefault(); run(); });
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 250); });
  more.addEventListener("click", function () { showMore(); });
  filterBox.addEventListener("toggle", function () { if (filterBox.open) loadFilters(); });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) { input.value = query; run(); }
})();
