"""Render stage: every page of the dossier as an HTML fragment, from the index.

Pages are engine-neutral: a path under the docs folder, a title and an HTML body
rendered by Jinja2 templates with autoescaping on, so text from sources is always
escaped. The MkDocs hook is one publisher of these pages; another engine could be.
"""

from __future__ import annotations

from typing import Any

from . import views
from .editions import localised, localised_spec, page_title
from .index import Index
from .load import Progress
from .pages import GeneratedPage, PageSpec, Site
from .redirects import Redirect, redirects
from .views.entities import source_page
from .views.templating import environment, fragments_of, page_context


class Renderer:
    """Renders each kind of page from one index; knows nothing of MkDocs."""

    def __init__(self, index: Index, site: Site, computed: views.Views, progress: Progress | None = None) -> None:
        """`computed`: the views of this index (the pipeline's `compute` stage); a renderer never computes them.

        `progress`: told of each page as it is rendered.
        """
        self.original = index
        self.index = localised(index, site.language)  # names and statements in the edition's language, where the dossier has them
        self.site = site
        self.env = environment(site.language)
        self.progress = progress
        self.rendered = 0
        self.views = computed
        self.fragments = fragments_of(computed, self.index)
        """The items the views stage rendered (for this index): shown again as they are, with this page's links."""

    def page(self, path: str, title: str, template: str, **context: Any) -> GeneratedPage:
        if self.progress is not None:
            self.rendered += 1
            self.progress("rendering", self.rendered, None)
        html = self.env.get_template(template).render(page_context(self.index, self.views, self.site, path, title, fragments=self.fragments) | context)
        html = self.fragments.resolve(html, self.site, path, self.views.listings.locate)
        return GeneratedPage(path, page_title(title, html, self.site.language), html)

    def all(self) -> list[GeneratedPage]:
        pages = [self.entity_page(spec) for spec in self.views.entities]
        pages += [self.entity_page(spec) for spec in views.page_specs(self.views, self.index)]  # in another edition, lists' pages as weighed
        return sorted(pages, key=lambda p: p.path)

    def entity_page(self, spec: PageSpec) -> GeneratedPage:
        """An entity's page (in another edition, a page of its lists too): as the views stage last weighed it (`Listings.rendered`,
        `Listings.editions`), with its links now, or rendered now."""
        listings = self.views.listings
        # Weighed in each edition (`Listings.editions`), with this edition's items: the page is this edition's as it is.
        weighed = listings.weighed(self.fragments, spec.path)
        if weighed is None:
            return self.render(spec)
        if self.progress is not None:
            self.rendered += 1
            self.progress("rendering", self.rendered, None)
        html = self.fragments.resolve(weighed.html, self.site, spec.path, listings.locate)
        return GeneratedPage(spec.path, spec.title if self.site.language == "en" else page_title(spec.title, html, self.site.language), html)

    def redirects(self, pages: list[GeneratedPage]) -> list[Redirect]:
        """A redirect page at each old address of a renamed entity's pages."""
        return redirects(self.index, self.site, {page.path: page.title for page in pages}, self.env.get_template("redirect.html.j2"))

    def source_page(self, doc_id: str) -> GeneratedPage:
        return self.entity_page(source_page(self.index, doc_id))

    def render(self, spec: PageSpec) -> GeneratedPage:
        spec = localised_spec(spec, self.index, self.original, self.site.language)
        return self.page(spec.path, spec.title, spec.template, **spec.context)

    def home_figures(self) -> str:
        """The home page's figures, computed from the sources, as an HTML fragment."""
        return self.page("index.md", "Home", "home_figures.html.j2").html
