/* Stance matrix: filters and sorting, as progressive enhancement.
 *
 * Without JavaScript each matrix page is a complete table. With it, the controls above the
 * table (hidden until this script runs) filter by actor type, first-hand claims, years and
 * period, and order the rows. Each cell carries its claims in `data-c` (one token per claim:
 * stance letter s/o/c, basis letter `f` first-hand, `r` reported or `d` a third party's
 * description, then the date as the source gives it, maybe partial, `~` and the index of the
 * period the build placed it in (none when it is in no period), and for a description `@` its
 * describers among the cell's `data-by` names), so a filtered cell is recounted from its claims,
 * and its basis said again, never guessed. The period is the build's placement, never
 * recomputed here from the date. Every word it writes comes from the page (`data-words`, in the edition's
 * language, each count already worded: build_scripts/views/matrix.py `script_words`).
 */
(function () {
  "use strict";

  var STANCES = { s: "supports", o: "opposes", c: "conditional" };

  var BASES = { f: "first-hand", r: "reported", d: "described" };

  // A token: stance letter, basis letter, the date as the source gives it (maybe partial), and for a third party's description
  // `@` the indices of its describers among the cell's `data-by` names.
  function parse(token) {
    var parts = token.split("@");
    var when = parts[0].split("~");
    var date = when[0].slice(2);
    return {
      stance: STANCES[token.charAt(0)], basis: BASES[token.charAt(1)], firstHand: token.charAt(1) === "f",
      year: date ? parseInt(date.slice(0, 4), 10) : null, period: when.length > 1 ? parseInt(when[1], 10) : null,
      by: parts.length > 1 ? parts[1].split(".").map(Number) : []
    };
  }

  // The basis of a cell's kept claims, worded as the page words it (build_scripts/words.py `basis_words`, whose words the table carries):
  // one class by its name, or "according to" whose descriptions; several, each counted, strongest first.
  function basisText(kept, names, words) {
    var counts = {}, order = ["first-hand", "reported", "described"], present = [];
    kept.forEach(function (claim) { counts[claim.basis] = (counts[claim.basis] || 0) + 1; });
    order.forEach(function (kind) { if (counts[kind]) present.push(kind); });
    if (present.length > 1) {
      return present.map(function (kind) { return words.count.replace("{count}", counts[kind]).replace("{basis}", words.bases[kind]); }).join(words.comma);
    }
    if (present[0] !== "described") return words.bases[present[0]];
    var seen = [];
    kept.forEach(function (claim) { claim.by.forEach(function (i) { if (seen.indexOf(i) < 0) seen.push(i); }); });
    seen.sort(function (a, b) { return a - b; });
    var named = seen.slice(0, words.named).map(function (i) { return names[i]; });
    var more = seen.length - named.length;
    var text = words.according + " ";
    named.forEach(function (name, n) {
      if (n) text += n === named.length - 1 && !more ? words.and : words.comma;
      text += name;
    });
    if (more) text += words.more[more - 1];
    return text;
  }

  function strongest(kept) {
    if (kept.some(function (claim) { return claim.basis === "first-hand"; })) return "first-hand";
    return kept.some(function (claim) { return claim.basis === "reported"; }) ? "reported" : "described";
  }

  function yearOf(input) {
    if (!input || input.value === "") return null;
    var year = parseInt(input.value, 10);
    return isNaN(year) ? null : year;
  }

  function setup(root) {
    var table = root.querySelector("table[data-matrix]");
    var controls = root.querySelector(".matrix-controls");
    if (!table || !controls || table.hasAttribute("data-ready")) return;
    table.setAttribute("data-ready", "");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var words = JSON.parse(table.getAttribute("data-words"));
    var cells = rows.map(function (row) {
      return Array.prototype.slice.call(row.querySelectorAll("td[data-c]")).map(function (td) {
        var link = td.querySelector("a");
        var names = td.hasAttribute("data-by") ? td.getAttribute("data-by").split("|") : [];
        return { td: td, link: link, names: names, claims: td.getAttribute("data-c").split(" ").map(parse), stance: td.className.replace(/^.*mx--(\w+).*$/, "$1") };
      });
    });
    var type = controls.querySelector(".mx-type");
    var firstHand = controls.querySelector(".mx-first");
    var from = controls.querySelector(".mx-from");
    var to = controls.querySelector(".mx-to");
    var sort = controls.querySelector(".mx-sort");
    var period = controls.querySelector(".mx-period");
    var status = controls.querySelector(".mx-status");
    var counts = rows.map(function () { return 0; });

    function chosenPeriod() {
      return period && period.value !== "" ? parseInt(period.value, 10) : null;
    }

    function keep(claim, start, end, within) {
      if (firstHand.checked && !claim.firstHand) return false;
      if (within !== null && claim.period !== within) return false;
      if (start === null && end === null) return true;
      if (claim.year === null) return false;
      return (start === null || claim.year >= start) && (end === null || claim.year <= end);
    }

    function show(cell, kept, where) {
      var stances = {};
      kept.forEach(function (claim) { stances[claim.stance] = true; });
      var names = Object.keys(stances);
      var stance = names.length === 1 ? names[0] : "mixed";
      cell.td.classList.remove("mx--" + cell.stance);
      if (!kept.length) {
        cell.td.classList.add("mx--empty");
        cell.link.hidden = true;
        return;
      }
      cell.stance = stance;
      cell.td.classList.remove("mx--empty");
      cell.td.classList.add("mx--" + stance);
      cell.link.hidden = false;
      var mark = words.marks[strongest(kept)];
      cell.link.textContent = words.symbols[stance] + kept.length;
      if (mark) {
        var sup = document.createElement("sup");
        sup.textContent = mark;
        cell.link.appendChild(sup);
      }
      // The accessible name begins with the visible text (axe's label-in-name): "+2r: supports, 2 claims, reported".
      cell.link.setAttribute("aria-label", cell.link.textContent + ": " + [words.stances[stance], words.claims[kept.length - 1],
        basisText(kept, cell.names, words)].concat(where ? [where] : []).join(words.comma));
    }

    function filter() {
      var start = yearOf(from), end = yearOf(to), within = chosenPeriod();
      // "in 2016": said in each cell's name, and in the status line, when a period is chosen
      var where = within === null ? "" : period.options[period.selectedIndex].getAttribute("data-in");
      var wanted = type.value;
      var shown = 0;
      rows.forEach(function (row, i) {
        var total = 0;
        cells[i].forEach(function (cell) {
          var kept = cell.claims.filter(function (claim) { return keep(claim, start, end, within); });
          show(cell, kept, where);
          total += kept.length;
        });
        counts[i] = total;
        var visible = total > 0 && (!wanted || row.getAttribute("data-type") === wanted);
        row.hidden = !visible;
        if (visible) shown += 1;
      });
      // With a period chosen the status always names it, so that a reader knows the cells count that period's positions only.
      var showing = words.showing.replace("{shown}", shown);
      var named = where ? words.within.replace("{period}", period.options[period.selectedIndex].text).replace("{showing}", showing) : showing;
      status.textContent = where || shown !== rows.length ? named : "";
      order();
    }

    function order() {
      var how = sort.value;
      var indices = rows.map(function (row, i) { return i; });
      indices.sort(function (a, b) {
        if (how === "activity" && counts[a] !== counts[b]) return counts[b] - counts[a];
        if (how === "name") {
          var byName = rows[a].getAttribute("data-name").localeCompare(rows[b].getAttribute("data-name"));
          if (byName) return byName;
        }
        return parseInt(rows[a].getAttribute("data-order"), 10) - parseInt(rows[b].getAttribute("data-order"), 10);
      });
      indices.forEach(function (i) { body.appendChild(rows[i]); });
      table.classList.toggle("mx-sorted", how !== "order");
    }

    [type, firstHand, from, to, sort, period].forEach(function (control) {
      if (control) control.addEventListener("change", filter);
    });
    [from, to].forEach(function (control) {
      if (control) control.addEventListener("input", filter);
    });
    controls.hidden = false;
    filter();
  }

  function run() {
    setup(document);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(run);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run);
  } else {
    run();
  }
})();
