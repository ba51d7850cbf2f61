/* Live preview only (`make serve`; the MkDocs hook adds this script only under `mkdocs serve`):
 * while the sources have problems, show them over the page, each with its file, line,
 * column, what is wrong and how to fix it (warnings, which stop nothing, in a quieter panel). The pages underneath are the last ones that
 * built. Every save rebuilds and reloads the page; once the sources are fixed, the list
 * is empty and nothing is shown. After an edit of documents only, their own pages are
 * rebuilt at once and the others in the background (build_scripts/live_preview.py): a notice
 * says so until the background build is swapped in and the page reloads. At the start of a
 * preview, the last preview's pages are served at once while the dossier is built again: the
 * notice says that too. Text is set as text, never as markup. */
(function () {
  "use strict"

  const script = document.currentScript
  const url = new URL("../dossier-problems.json", script ? script.src : location.href)

  function counted(n, noun) {
    return `${n} ${noun}${n === 1 ? "" : "s"}`
  }

  function show(problems) {
    const errors = problems.filter(problem => problem.severity !== "warning").length
    const warnings = problems.length - errors
    const panel = document.createElement("section")
    panel.className = errors ? "dossier-problems" : "dossier-warnings"
    // Errors stop the build: an alert. Warnings alone stop nothing (the pages are current): a status.
    panel.setAttribute("role", errors ? "alert" : "status")
    panel.setAttribute("aria-label", errors ? "Problems in the sources" : "Warnings about the sources")
    Object.assign(panel.style, {
      position: "fixed", insetInline: "1rem", bottom: "1rem", zIndex: "10", maxHeight: errors ? "50vh" : "25vh", overflow: "auto",
      padding: "0.8rem 1rem", background: "#fff", color: "#1a1a1a", border: `3px solid ${errors ? "#b00020" : "#8a5a00"}`,
      borderRadius: "4px", boxShadow: "0 2px 12px rgba(0, 0, 0, 0.3)", font: "0.75rem/1.5 monospace"
    })
    const title = document.createElement("p")
    title.style.fontWeight = "700"
    title.textContent = errors
      ? `The sources have ${counted(errors, "problem")}${warnings ? " and " + counted(warnings, "warning") : ""}: ` +
        "this preview shows the last pages that built. Fix them and save; the page reloads."
      : `The sources have ${counted(warnings, "warning")}: the pages are built; fix them when you can.`
    panel.append(title)
    const list = document.createElement("ol")
    for (const problem of problems) {
      const item = document.createElement("li")
      const mark = problem.severity === "warning" ? "warning: " : ""
      item.textContent = `${problem.where}: ${mark}${problem.message}${problem.hint ? " — " + problem.hint : ""}`
      list.append(item)
    }
    panel.append(list)
    document.body.append(panel)
  }

  function updating(previous) {
    const notice = document.createElement("p")
    notice.className = "dossier-updating"
    notice.setAttribute("role", "status")
    Object.assign(notice.style, {
      position: "fixed", insetInlineEnd: "1rem", top: "4rem", zIndex: "10", margin: "0", padding: "0.4rem 0.8rem",
      background: "#fff", color: "#1a1a1a", border: "2px solid #1a1a1a", borderRadius: "4px", font: "0.7rem/1.4 sans-serif"
    })
    notice.textContent = previous
      ? "Preview: these are the pages of the last preview; the dossier is being built again in the background " +
        "from the sources as they are now, and the page reloads when it is ready."
      : "Preview: the edited sources' pages are up to date; the other pages, views, lists and search " +
        "are being rebuilt in the background, and the page reloads when they are ready."
    document.body.append(notice)
    return notice
  }

  fetch(url, { cache: "no-store" })
    .then(response => response.ok ? response.json() : { problems: [] })
    .then(data => {
      if (data.problems.length) show(data.problems)
      if (data.updating) updating(data.previous)
    })
    .catch(error => {
      // The server stopped, or answered with something else than the problems file: say so rather than show nothing.
      console.error("dossier preview:", error)
      updating(false).textContent = `Preview: the list of problems could not be read (${error.message}); is \`mkdocs serve\` still running?`
    })
})()
