/* The dossier's search, as a web worker that speaks Material's search protocol
 * (setup, ready, query, result: Material's "custom search" extension point), so
 * Material's own search box, keyboard handling and result list stay as they are.
 *
 * The index is static and sharded (build_scripts/search.py): a query fetches the
 * manifest, the shards of its terms and the details of its best results, nothing
 * else. Text is folded the same way on both sides (normalise.js), so الاسد finds
 * الأسد and Turkiye finds Türkiye, and English words are stemmed the same way on
 * both sides (stem.js), so "Negotiation" finds "Negotiating"; results show the
 * pages' own words, each run in its own language and direction, with the matched
 * words marked. */
"use strict"

importScripts("normalise.js", "stem.js")

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
const RESULTS = 30        /* results returned for one query */
const PREFIX = 0.5        /* a term that only begins with the query counts half */
const WORD = /[\p{L}\p{N}\p{M}\p{Cf}]+/gu
const base = new URL("../../", self.location.href)
const { normalise, terms } = self.dossierSearch
const { searchTerm } = self.dossierStem

let manifest = null
const cache = new Map()
let latest = 0

function load(path, fresh) {
  if (!cache.has(path) || fresh) {
    const url = new URL(path, base)
    const request = fetch(url, { cache: fresh ? "no-cache" : "default" })
      .then(response => {
        if (!response.ok) throw new Error(`${url}: ${response.status}`)
        return response.json()
      })
    request.catch(() => cache.delete(path))
    cache.set(path, request)
  }
  return cache.get(path)
}

function getManifest() {
  if (!manifest) {
    manifest = load("search/manifest.json", true).then(data => ({ ...data, keySet: new Set(data.keys) }))
    manifest.catch(() => { manifest = null })
  }
  return manifest
}

function hex(key) {
  return Array.from(new TextEncoder().encode(key), b => b.toString(16).padStart(2, "0")).join("")
}

/* The shard keys that can hold a query word's stem or the stems it begins with (every manifest key
 * the word begins with), and, for a word of 3 letters or more, the terms that begin with it. */
function keysFor(m, { q, s }) {
  const keys = new Set()
  for (const word of [q, s])
    for (let n = Math.min(word.length, 12); n > 0; n--)
      if (m.keySet.has(word.slice(0, n))) keys.add(word.slice(0, n))
  if (q.length >= 3)
    for (const key of m.keys)
      if (key.length > q.length && key.startsWith(q)) keys.add(key)
  return [...keys].sort()
}

/* How well an indexed term answers a query word: 1 when it is the word's stem; PREFIX when it begins
 * with the word (a word being typed), or when the word begins with it (a stem of 4 letters or more:
 * "negotia" on its way to "negotiating" finds "negoti"); 0 otherwise. */
function match(term, { q, s }) {
  if (term === s) return 1
  if (q.length >= 3 && term.startsWith(q)) return PREFIX
  if (q.length > term.length && term.length >= 4 && q.startsWith(term)) return PREFIX
  return 0
}

/* The query's words, folded, each with its stem and the word the reader typed (what the result list and page highlighting show). */
function parse(query) {
  const typed = new Map()
  for (const word of query.match(WORD) || [])
    for (const term of terms(word))
      if (!typed.has(term)) typed.set(term, { q: term, s: searchTerm(term), word })
  return typed
}

async function rank(typed) {
  const wanted = [...typed.values()]
  if (!wanted.length) return { wanted, ranked: [], m: null }
  const m = await getManifest()
  const totals = new Map(), matched = new Map()
  await Promise.all(wanted.map(async (query, qi) => {
    const shards = await Promise.all(keysFor(m, query).map(key => load(`search/terms/${hex(key)}.json?v=${m.stamp}`)))
    const best = new Map()
    for (const shard of shards)
      for (const [term, postings] of Object.entries(shard)) {
        const factor = match(term, query)
        if (!factor) continue
        const weight = Math.log(1 + m.entries / postings[0]) * factor
        for (let i = 1; i < postings.length; i += 2) {
          const score = postings[i + 1] / 100 * weight
          if (score > (best.get(postings[i]) || 0)) best.set(postings[i], score)
        }
      }
    for (const [entry, score] of best) {
      totals.set(entry, (totals.get(entry) || 0) + score)
      matched.set(entry, (matched.get(entry) || 0) | (1 << (qi % 30)))
    }
  }))
  const all = (1 << Math.min(wanted.length, 30)) - 1
  const ranked = [...totals]
    .map(([entry, score]) => ({ entry, score: matched.get(entry) === all ? score * 2 : score, hits: matched.get(entry) }))
    .sort((a, b) => b.score - a.score || a.entry - b.entry)
    .slice(0, RESULTS)
  return { wanted, ranked, m }
}

function escape(text) {
  return text.replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c])
}

/* A run of text, escaped, with the words that match the query marked. */
function marked(text, wanted) {
  let out = "", at = 0
  for (const found of text.matchAll(WORD)) {
    const word = normalise(found[0])
    const stem = searchTerm(word)
    const hit = wanted.some(query => match(stem, query) || (query.q.length >= 3 && word.startsWith(query.q)))
    out += escape(text.slice(at, found.index))
    out += hit ? `<mark>${escape(found[0])}</mark>` : escape(found[0])
    at = found.index + found[0].length
  }
  return out + escape(text.slice(at))
}

function run([text, lang, dir], wanted, tag) {
  return `<${tag} lang="${escape(lang)}" dir="${dir === "rtl" ? "rtl" : "auto"}">${marked(text, wanted)}</${tag}>`
}

async function search(query) {
  const typed = parse(query)
  const { wanted, ranked, m } = await rank(typed)
  if (!ranked.length) return { items: [] }
  const blocks = await Promise.all(ranked.map(({ entry }) => load(`search/entries/${Math.floor(entry / m.block)}.json?v=${m.stamp}`)))
  const items = ranked.map(({ entry, score, hits }, i) => {
    const [location, title, kind, teaser] = blocks[i][entry % m.block]
    const parts = teaser.map(part => run(part, wanted, "bdi")).join(" · ")
    return [{
      location,
      title: run(title, wanted, "span"),
      text: `<p class="dossier-search__teaser"><span class="dossier-search__kind">${escape(kind)}</span>${parts ? " " + parts : ""}</p>`,
      score,
      terms: Object.fromEntries(wanted.map((query, qi) => [query.word, Boolean(hits & (1 << (qi % 30)))]))
    }]
  })
  return { items }
}

addEventListener("message", async ({ data: message }) => {
  if (message.type === SETUP) {
    postMessage({ type: READY })
  } else if (message.type === QUERY) {
    const mine = ++latest
    let result
    try {
      result = await search(message.data)
    } catch (err) {
      console.warn("dossier search:", err)
      result = { items: [] }
    }
    if (mine === latest) postMessage({ type: RESULT, data: result })
  }
})
