/* Timeline filters, as progressive enhancement: without JavaScript every event is on the page
   and the (hidden) controls stay hidden. With it, the controls appear and hide the rows that do
   not match. `?actor=`, `?theme=`, `?demand=` and `?kind=` in the address preset the filters
   (actor and demand pages link that way), and the page links keep them. */
(function () {
  "use strict";

  var PARAMS = { actors: "actor", themes: "theme", demands: "demand", kind: "kind" };

  function matches(row, filters) {
    return filters.every(function (filter) {
      if (!filter.value) return true;
      if (filter.key === "kind") return row.getAttribute("data-kind") === filter.value;
      return (row.getAttribute("data-" + filter.key) || "").split(" ").indexOf(filter.value) !== -1;
    });
  }

  function query(selects) {
    var params = new URLSearchParams();
    selects.forEach(function (select) {
      if (select.value) params.set(PARAMS[select.getAttribute("data-filter")], select.value);
    });
    var text = params.toString();
    return text ? "?" + text : "";
  }

  function setup(root) {
    var controls = root.querySelector(".tl-filters");
    if (!controls || controls.getAttribute("data-ready")) return;
    controls.setAttribute("data-ready", "true");
    var selects = Array.prototype.slice.call(controls.querySelectorAll("select[data-filter]"));
    var rows = Array.prototype.slice.call(root.querySelectorAll("tr[data-kind]"));
    var sections = Array.prototype.slice.call(root.querySelectorAll(".tl-period"));
    var status = controls.querySelector(".tl-status");
    var words = JSON.parse(status.getAttribute("data-words"));
    var firstHand = root.querySelector(".first-hand-toggle");
    var pager = Array.prototype.slice.call(root.querySelectorAll(".tl-pager a[rel]"));

    function apply() {
      var filters = selects.map(function (select) {
        return { key: select.getAttribute("data-filter"), value: select.value };
      });
      var onlyFirstHand = firstHand && firstHand.checked;
      var shown = 0;
      rows.forEach(function (row) {
        var match = matches(row, filters);
        row.hidden = !match;
        if (match && !(onlyFirstHand && row.classList.contains("claim--secondhand"))) shown += 1;
      });
      sections.forEach(function (section) {
        section.hidden = !section.querySelector("tr[data-kind]:not([hidden])");
      });
      // The page's words, in its edition's language (the template counts the page's rows by the language's plural rules).
      status.textContent = shown === rows.length ? words.all : words.some.replace("{shown}", shown);
      var search = query(selects);
      pager.forEach(function (link) {
        var url = new URL(link.href, location.href);
        url.search = search;
        link.href = url.href;
      });
      if (location.search !== search) history.replaceState(history.state, "", location.pathname + search + location.hash);
    }

    var params = new URLSearchParams(location.search);
    selects.forEach(function (select) {
      var wanted = params.get(PARAMS[select.getAttribute("data-filter")]);
      var known = Array.prototype.some.call(select.options, function (option) { return option.value === wanted; });
      if (wanted && known) select.value = wanted;
      select.addEventListener("change", apply);
    });
    if (firstHand) firstHand.addEventListener("change", apply);
    controls.querySelector(".tl-reset").addEventListener("click", function () {
      selects.forEach(function (select) { select.value = ""; });
      apply();
    });
    controls.hidden = false;
    apply();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-timeline]"), setup);
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
