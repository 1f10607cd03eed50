// Search, made with Pagefind after each build. Without JavaScript the header's search box leads to the
// subject index (its form's own action); with it, to the search page, which runs the query it is given.
(function () {
  var form = document.querySelector("form.site-search");
  if (form && form.dataset.search) form.action = form.dataset.search;
  var element = document.getElementById("search");
  if (!element || typeof PagefindUI === "undefined") return;
  var ui = new PagefindUI({
    element: "#search",
    bundlePath: element.dataset.bundle,
    showSubResults: false,
    showImages: false,
    resetStyles: false
  });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) ui.triggerSearch(query);
})();
