/* Live preview only (`make serve`; the MkDocs hook adds this script only under `mkdocs serve`):
 * while the sources have problems, show them over the page, each with its file, line,
 * column, what is wrong and how to fix it. The pages underneath are the last ones that
 * built. Every save rebuilds and reloads the page; once the sources are fixed, the list
 * is empty and nothing is shown. Text is set as text, never as markup. */
(function () {
  "use strict"

  const script = document.currentScript
  const url = new URL("../dossier-problems.json", script ? script.src : location.href)

  function show(problems) {
    const panel = document.createElement("section")
    panel.className = "dossier-problems"
    panel.setAttribute("role", "alert")
    panel.setAttribute("aria-label", "Problems in the sources")
    Object.assign(panel.style, {
      position: "fixed", insetInline: "1rem", bottom: "1rem", zIndex: "10", maxHeight: "50vh", overflow: "auto",
      padding: "0.8rem 1rem", background: "#fff", color: "#1a1a1a", border: "3px solid #b00020",
      borderRadius: "4px", boxShadow: "0 2px 12px rgba(0, 0, 0, 0.3)", font: "0.75rem/1.5 monospace"
    })
    const title = document.createElement("p")
    title.style.fontWeight = "700"
    title.textContent = `The sources have ${problems.length} problem${problems.length === 1 ? "" : "s"}: ` +
      "this preview shows the last pages that built. Fix them and save; the page reloads."
    panel.append(title)
    const list = document.createElement("ol")
    for (const problem of problems) {
      const item = document.createElement("li")
      item.textContent = `${problem.where}: ${problem.message}${problem.hint ? " — " + problem.hint : ""}`
      list.append(item)
    }
    panel.append(list)
    document.body.append(panel)
  }

  fetch(url, { cache: "no-store" })
    .then(response => response.ok ? response.json() : { problems: [] })
    .then(data => { if (data.problems.length) show(data.problems) })
    .catch(() => {})
})()
