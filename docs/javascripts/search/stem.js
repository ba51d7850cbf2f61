/* English word forms, folded as the build folds them: Martin Porter's stemming
 * algorithm (1980, as the Snowball project defines it), written for the dossier.
 * The build stems with the `snowballstemmer` package's "porter" stemmer; this file
 * must give the same stem for every word, which tests/test_browser_search.py checks
 * on the golden cases (tests/cases/search/stem.yaml) and on every word of the
 * bundled and synthetic sources. Only words of three or more Latin letters are
 * stemmed (`searchTerm`): Arabic, digits and short words are left as folded. */
(function (scope) {
  "use strict"

  const VOWELS = "aeiouy"
  const DOUBLES = ["bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"]

  function isVowel(c) {
    return VOWELS.includes(c)
  }

  /* Step 2 and step 3 suffixes and what replaces them, longest first. */
  const STEP2 = [
    ["ational", "ate"], ["ization", "ize"], ["iveness", "ive"], ["fulness", "ful"], ["ousness", "ous"],
    ["tional", "tion"], ["biliti", "ble"], ["entli", "ent"], ["ousli", "ous"], ["ation", "ate"], ["alism", "al"],
    ["aliti", "al"], ["iviti", "ive"], ["enci", "ence"], ["anci", "ance"], ["abli", "able"], ["izer", "ize"],
    ["ator", "ate"], ["alli", "al"], ["eli", "e"]
  ]
  const STEP3 = [
    ["alize", "al"], ["icate", "ic"], ["iciti", "ic"], ["ative", ""], ["ical", "ic"], ["ness", ""], ["ful", ""]
  ]
  const STEP4 = [
    "ement", "ance", "ence", "able", "ible", "ment", "ant", "ent", "ism", "ate", "iti", "ous", "ive", "ize",
    "ion", "al", "er", "ic", "ou"
  ]

  /* The word as an array of letters, y marked as a consonant (Y) at the start and after a vowel. */
  function letters(word) {
    const out = []
    for (const c of word) out.push(c === "y" && (out.length === 0 || isVowel(out[out.length - 1])) ? "Y" : c)
    return out
  }

  /* Where a region starts: after the first non-vowel that follows a vowel, from `from`. */
  function regionAfter(w, from) {
    let i = from
    while (i < w.length && !isVowel(w[i])) i++
    while (i < w.length && isVowel(w[i])) i++
    return Math.min(i + 1, w.length)
  }

  function endsWith(w, end, suffix) {
    if (suffix.length > end) return false
    for (let k = 0; k < suffix.length; k++) if (w[end - suffix.length + k] !== suffix[k]) return false
    return true
  }

  function hasVowel(w, end) {
    for (let i = 0; i < end; i++) if (isVowel(w[i])) return true
    return false
  }

  /* A short syllable ends the stem: non-vowel, vowel, then a non-vowel other than w, x or Y. */
  function shortSyllable(w, end) {
    if (end < 3) return false
    const [a, b, c] = [w[end - 3], w[end - 2], w[end - 1]]
    return !isVowel(a) && isVowel(b) && !isVowel(c) && !"wxY".includes(c)
  }

  function longest(w, end, suffixes) {
    return suffixes.find(s => endsWith(w, end, typeof s === "string" ? s : s[0]))
  }

  function porter(word) {
    let w = letters(word)
    const p1 = regionAfter(w, 0)
    const p2 = regionAfter(w, p1)
    let end = w.length
    const replace = (length, by) => {
      w = w.slice(0, end - length).concat([...by])
      end = w.length
    }

    // Step 1a
    if (endsWith(w, end, "sses")) replace(4, "ss")
    else if (endsWith(w, end, "ies")) replace(3, "i")
    else if (endsWith(w, end, "ss")) { /* kept */ }
    else if (endsWith(w, end, "s")) replace(1, "")

    // Step 1b
    if (endsWith(w, end, "eed")) {
      if (end - 3 >= p1) replace(1, "")
    } else {
      const found = ["ing", "ed"].find(s => endsWith(w, end, s) && hasVowel(w, end - s.length))
      if (found) {
        replace(found.length, "")
        if (["at", "bl", "iz"].some(s => endsWith(w, end, s))) replace(0, "e")
        else if (DOUBLES.some(s => endsWith(w, end, s))) replace(1, "")
        else if (end === p1 && shortSyllable(w, end)) replace(0, "e")
      }
    }

    // Step 1c
    if ((w[end - 1] === "y" || w[end - 1] === "Y") && hasVowel(w, end - 1)) replace(1, "i")

    // Step 2
    const two = longest(w, end, STEP2)
    if (two && end - two[0].length >= p1) replace(two[0].length, two[1])

    // Step 3
    const three = longest(w, end, STEP3)
    if (three && end - three[0].length >= p1) replace(three[0].length, three[1])

    // Step 4
    const four = longest(w, end, STEP4)
    if (four && end - four.length >= p2) {
      if (four !== "ion") replace(four.length, "")
      else if ("st".includes(w[end - 4] || "-") && end - 4 >= 0) replace(3, "")
    }

    // Step 5a
    if (w[end - 1] === "e" && (end - 1 >= p2 || (end - 1 >= p1 && !shortSyllable(w, end - 1)))) replace(1, "")

    // Step 5b
    if (w[end - 1] === "l" && end - 1 >= p2 && w[end - 2] === "l") replace(1, "")

    return w.join("").replace(/Y/g, "y")
  }

  /* What the index holds for a folded word: its stem when it is a word of three or more Latin letters. */
  function searchTerm(word) {
    return word.length >= 3 && /^[a-z]+$/.test(word) ? porter(word) : word
  }

  scope.dossierStem = { porter, searchTerm }
})(self)
