// The language switcher (build_scripts/theme/partials/alternate.html) opens the same page in the other edition; this
// carries the reader's place on it across: the anchor of the section they were reading. Without JavaScript the link
// opens the top of the same page.
document.addEventListener("click", (event) => {
  const link = event.target instanceof Element ? event.target.closest("a.md-select__link[hreflang]") : null;
  if (link && window.location.hash && !link.hash) {
    link.hash = window.location.hash;
  }
});
