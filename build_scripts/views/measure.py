"""The bytes a template prints, in every edition the site is published in: what the paginator cuts lists by.

Lists are cut once, and every edition shows the same cut (an Arabic page at `ar/<the English page's path>`).
An edition's page prints its words, names and dates in its language, and its theme weighs more or less
around it: each item and each page is rendered and weighed in each edition (`Site.editions`), and counts
as the heaviest of them, its bytes in another edition than English counted in proportion to the room
that edition's theme leaves a page (`paging.in_english`). English pages change only where another
edition's would outgrow the page, never by an estimate of another language's words.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import replace
from typing import Any, TypeVar

from ..catalogues import SOURCE_LANGUAGE
from ..editions import localised, localised_spec, page_title
from ..index import Index
from ..pages import PageSpec, Site
from . import paging
from .templating import Fragments, environment, fragments_of, page_context

T = TypeVar("T")


class Edition:
    """Renders a template's macros and whole pages as one edition prints them, to weigh them (given the views of its `Measure`)."""

    def __init__(self, measure: Measure, index: Index, site: Site, language: str) -> None:
        self.measure = measure
        self.language = language
        self.original = index
        self.index = localised(index, language)  # names and statements in the edition's language, as its renderer has them
        self.site = replace(site, language=language)
        self.env = environment(language)
        self.fragments: Fragments = fragments_of(measure.views, self.index)
        self._modules: dict[tuple[str, str, bool, str], tuple[Any, dict[tuple[Any, ...], tuple[tuple[Any, ...], int]]]] = {}

    def module(self, template: str, here: str, tokens: bool = False, **data: Any) -> Any:
        """The template's macros as a page at `here` sees them (`data`: the page's own variables, such as the entity's `id`).

        `tokens`: its links left as tokens and its items rendered once (`Fragments`); `resolve` makes them the page's links.
        """
        return self._module(template, here, tokens, data)[0]

    def _module(self, template: str, here: str, tokens: bool, data: dict[str, Any]) -> tuple[Any, dict[tuple[Any, ...], tuple[tuple[Any, ...], int]]]:
        """The module, and the bytes of the macros it has printed (`macro`): forgotten with it."""
        key = (template, here, tokens, repr(sorted(data.items())))
        found = self._modules.get(key)
        if found is None:
            if len(self._modules) > 256:  # the pages of one entity at a time: keep the last few
                self._modules.clear()
            context = page_context(self.index, self.measure.views, self.site, here, "", fragments=self.fragments if tokens else None)
            found = self._modules[key] = (self.env.get_template(template).make_module(context | data), {})
        return found

    def resolve(self, html: str, here: str) -> str:
        """HTML of a module made with `tokens`, with the links of the page at `here`."""
        return self.fragments.resolve(html, self.site, here, self.measure.views.listings.locate)

    def macro(self, template: str, here: str, name: str, *args: Any, **data: Any) -> int:
        """Bytes of one macro's output: `name` of `template` called with `args`, on the page at `here`.

        Printed once for the same arguments (a list cut again weighs its items again: a matrix's rows), known by identity
        (a string, a number or a tuple of them by value); they are kept with their bytes, so that no other takes their identity.
        """
        module, printed = self._module(template, here, False, data)
        known = tuple(_known(arg) for arg in args)
        found = printed.get((name, *known))
        if found is None or any(kept is not arg for kept, arg, by in zip(found[0], args, known, strict=True) if by is not arg):
            found = printed[(name, *known)] = (args, len(str(getattr(module, name)(*args)).encode()))
        return found[1]

    def draft(self, path: str, title: str, template: str, views: Any, context: dict[str, Any]) -> str:
        """A whole page rendered with `views`, its links left as tokens (`Fragments.resolve` makes them links) and its items rendered once."""
        spec = localised_spec(PageSpec(path, title, template, context), self.index, self.original, self.language)
        data = page_context(self.index, views, self.site, path, title, fragments=self.fragments) | spec.context
        return self.env.get_template(template).render(data)

    def page(self, path: str, title: str, template: str, views: Any, context: dict[str, Any]) -> tuple[str, set[tuple[str, str]]]:
        """A whole page rendered with `views`, and the anchors of other pages it links to (a list that moves takes its anchors along)."""
        anchored: set[tuple[str, str]] = set()
        html = self.fragments.resolve(self.draft(path, title, template, views, context), self.site, path, views.listings.locate, anchored)
        return html, anchored

    def excess(self, path: str, title: str, template: str, views: Any, context: dict[str, Any]) -> int:
        """Bytes by which the page outgrows its fragment budget in this edition (its title as this edition words it), negative when it fits."""
        return self.weighed(path, title, template, views, context)[2]

    def weighed(self, path: str, title: str, template: str, views: Any, context: dict[str, Any]) -> tuple[str, int, int]:
        """The page's draft (its links as tokens: `draft`), its bytes, and its `excess`."""
        draft = self.draft(path, title, template, views, context)
        html = self.fragments.resolve(draft, self.site, path, views.listings.locate)
        size = len(html.encode())
        return draft, size, size - paging.fragment_budget(page_title(title, html, self.language), self.language, path)


def _known(arg: Any) -> Any:
    """What an argument of a macro is known by: a string, a number or a tuple of them by value, anything else by identity."""
    if isinstance(arg, str | int | float | bool | None) or (isinstance(arg, tuple) and all(isinstance(a, str | int) for a in arg)):
        return arg
    return ("id", id(arg))


class Measure:
    """Renders a template's macros and whole pages in every edition to weigh them: a page's bytes are measured, never estimated.

    Given the views computed so far (a list's pages are not known yet while it is being cut: its links
    lead to the pages they lead to before it is cut, a few bytes off at most, which the budgets leave room for).
    English first: its items, rendered once, are the ones the English render shows again (`Fragments`).
    """

    def __init__(self, index: Index, site: Site, views: Any) -> None:
        self.views = views
        languages = [SOURCE_LANGUAGE, *sorted(set(site.editions) - {SOURCE_LANGUAGE})]
        self.editions = tuple(Edition(self, index, site, language) for language in languages)
        english = self.editions[0]
        self.index, self.site, self.env, self.fragments = english.index, english.site, english.env, english.fragments

    def only(self, *languages: str) -> Measure:
        """This measure in `languages` alone (their editions, with what they have rendered so far): a list cut by its English
        bytes first, then weighed in the other editions (`listings.plan`)."""
        narrowed = copy.copy(self)
        narrowed.editions = tuple(edition for edition in self.editions if edition.language in languages)
        return narrowed

    def pack(
        self,
        items: Sequence[T],
        weigh: Callable[[Edition, T], int],
        budget: int | None = None,
        shares: Callable[[Edition, T], Mapping[Hashable, int]] | None = None,
    ) -> list[tuple[T, ...]]:
        """`items` cut into pages by their English bytes (`paging.pack`: `weigh` gives an item's bytes in an edition, `shares`
        what a page prints once for the items that need it); where a page so cut outgrows `budget` in another edition (its
        items' bytes there, `paging.in_english`), cut again by the heaviest of each item's renderings. English pages change
        only where another edition's would outgrow the budget."""

        def sized(edition: Edition) -> Callable[[T], int]:
            return lambda item: paging.in_english(weigh(edition, item), edition.language)

        def shared(edition: Edition) -> Callable[[T], Mapping[Hashable, int]] | None:
            if shares is None:
                return None
            return lambda item: {key: paging.in_english(size, edition.language) for key, size in shares(edition, item).items()}

        english, others = self.editions[0], self.editions[1:]
        runs = paging.pack(items, sized(english), budget, shared(english))
        if all(paging.fits(runs, sized(edition), budget, shared(edition)) for edition in others):
            return runs

        def heaviest(item: T) -> int:
            return max(sized(edition)(item) for edition in self.editions)

        def heaviest_shares(item: T) -> Mapping[Hashable, int]:
            found: dict[Hashable, int] = {}
            for edition in self.editions:
                for key, size in shares(edition, item).items() if shares else ():
                    found[key] = max(found.get(key, 0), paging.in_english(size, edition.language))
            return found

        return paging.pack(items, heaviest, budget, heaviest_shares if shares else None)

    def weigh(self, size: Callable[[Edition], int]) -> int:
        """The heaviest of `size` in each edition, in English bytes (`paging.in_english`)."""
        return max(paging.in_english(size(edition), edition.language) for edition in self.editions)

    def module(self, template: str, here: str, tokens: bool = False, **data: Any) -> Any:
        """The template's macros as an English page at `here` sees them (`Edition.module`)."""
        return self.editions[0].module(template, here, tokens, **data)

    def resolve(self, html: str, here: str) -> str:
        """HTML of an English module made with `tokens`, with the links of the page at `here`."""
        return self.editions[0].resolve(html, here)

    def macro(self, template: str, here: str, name: str, *args: Any, **data: Any) -> int:
        """Bytes of one macro's output, the heaviest edition's: `name` of `template` called with `args`, on the page at `here`."""
        return self.weigh(lambda edition: edition.macro(template, here, name, *args, **data))

    def draft(self, path: str, title: str, template: str, views: Any, context: dict[str, Any]) -> str:
        """The English page rendered with `views`, its links as tokens (`Edition.draft`)."""
        return self.editions[0].draft(path, title, template, views, context)

    def page(self, path: str, title: str, template: str, views: Any, context: dict[str, Any]) -> tuple[str, set[tuple[str, str]]]:
        """The English page rendered with `views`, and the anchors of other pages it links to (`Edition.page`)."""
        return self.editions[0].page(path, title, template, views, context)

    def excess(self, path: str, title: str, template: str, views: Any, context: dict[str, Any]) -> int:
        """Bytes, in English bytes, by which the page outgrows its fragment budget in the edition it outgrows most (negative: it fits in each)."""
        return self.weigh(lambda edition: edition.excess(path, title, template, views, context))

    def sized(self, path: str, title: str, template: str, views: Any, context: dict[str, Any]) -> tuple[dict[str, str], int, int]:
        """The page's draft in each edition (its links as tokens), the English page's bytes, and by how many bytes it outgrows its
        fragment budget in the edition it outgrows most (`excess`, in English bytes; negative when it fits in every edition)."""
        weighed = {edition.language: edition.weighed(path, title, template, views, context) for edition in self.editions}
        drafts = {language: draft for language, (draft, _, _) in weighed.items()}
        return drafts, weighed[SOURCE_LANGUAGE][1], self.weigh(lambda edition: weighed[edition.language][2])

    def keep(self, items: Any) -> None:
        """Each edition's items rendered since the last call forgotten, but `items` (`Fragments.keep`)."""
        kept = list(items)
        for edition in self.editions:
            edition.fragments.keep(kept)
