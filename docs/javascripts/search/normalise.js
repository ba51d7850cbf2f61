/* How search folds text, in the browser: the same rules as build_scripts/search.py
 * (`normalise`, `terms`), kept in step by tests/cases/search_normalise.yaml.
 * Compatibility forms decomposed, marks and invisible format characters dropped,
 * tatweel removed, alef wasla to alef, taa marbuta to haa, alef maqsura and Persian
 * yeh to yaa, Persian kaf to kaf, Arabic-Indic digits to ASCII, lower case. */
(function (scope) {
  "use strict"

  const FOLD = {
    "\u0640": "",
    "\u0671": "\u0627",
    "\u0629": "\u0647",
    "\u0649": "\u064a",
    "\u06cc": "\u064a",
    "\u06a9": "\u0643"
  }
  for (let d = 0; d < 10; d++) {
    FOLD[String.fromCharCode(0x0660 + d)] = String(d)
    FOLD[String.fromCharCode(0x06f0 + d)] = String(d)
  }

  function normalise(text) {
    return text
      .normalize("NFKD")
      .replace(/[\p{M}\p{Cf}]/gu, "")
      .replace(/[\u0640\u0671\u0629\u0649\u06cc\u06a9\u0660-\u0669\u06f0-\u06f9]/g, c => FOLD[c])
      .toLowerCase()
  }

  function terms(text) {
    return normalise(text).match(/[\p{L}\p{N}]+/gu) || []
  }

  scope.dossierSearch = { normalise, terms }
})(self)
