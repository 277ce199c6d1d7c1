-- plugin_prelude.lua: the Lua half of the `wp` table (werkvormen/README.md
-- documents every function; werkvormen/werkplaats.lua annotates them).
--
-- Built into the binary (tools/embed.sh) and run once per Lua state with the
-- state's private globals, which hold the real libraries; a werkvorm cannot
-- reach or change them. It returns the table that plugin_api.c completes
-- with the C functions and hands to werkvormen read-only. Misuse raises an
-- error that points at the werkvorm's line; nothing here needs to fail
-- softly.

-- raise(msg): raises msg at the innermost line outside this prelude (a C
-- helper, passed in by plugin_api.c), so helpers may nest freely.
local raise = ...
local type, ipairs, next, tostring = type, ipairs, next, tostring
local sort = table.sort
local mtype, random = math.type, math.random

local wp = {}

local soorten = {
  ["nil"] = "niets (nil)", boolean = "waar/onwaar", number = "een getal",
  string = "een tekst", table = "een tabel", ["function"] = "een functie",
}

local function soort(v)
  return soorten[type(v)] or "iets anders"
end

local function fout(naam, tekst, ...)
  raise(("wp.%s: " .. tekst):format(naam, ...))
end

local function eis_lijst(naam, n, v)
  if type(v) ~= "table" then
    fout(naam, "argument %d moet een lijst (tabel) zijn, niet %s", n, soort(v))
  end
end

local function eis_veld(naam, n, v)
  if type(v) ~= "string" then
    fout(naam, "argument %d moet de naam van een veld zijn (een tekst), niet %s", n, soort(v))
  end
end

local function eis_item(naam, i, item)
  if type(item) ~= "table" then
    fout(naam, "item %d van de lijst is %s, geen tabel", i, soort(item))
  end
end

local function bevat(lijst, waarde)
  if type(lijst) ~= "table" then
    return false
  end
  for _, w in ipairs(lijst) do
    if w == waarde then
      return true
    end
  end
  return false
end

local filters = { stap = true, veld = true, omgeving = true, groep = true, deelnemer = true }

--- The contributions of a session, optionally filtered.
function wp.bijdragen(sessie, filter)
  if type(sessie) ~= "table" then
    fout("bijdragen", "argument 1 moet de sessie zijn (de tabel die resultaat krijgt), niet %s", soort(sessie))
  end
  if filter ~= nil and type(filter) ~= "table" then
    fout("bijdragen", "argument 2 moet een filter zijn zoals { stap = \"kaart\" }, niet %s", soort(filter))
  end
  filter = filter or {}
  for k in next, filter do
    if not filters[k] then
      fout("bijdragen", "onbekend filter '%s' (kies uit stap, veld, omgeving, groep en deelnemer)", tostring(k))
    end
  end
  -- The filter read once, not once per contribution: werkvormen call this
  -- for every step of a big session.
  local stap, veld, groep, deelnemer, omgeving = filter.stap, filter.veld, filter.groep, filter.deelnemer,
    filter.omgeving
  local uit, n = {}, 0
  for _, b in ipairs(sessie.bijdragen or {}) do
    if (stap == nil or b.stap == stap)
        and (veld == nil or b.veld == veld)
        and (groep == nil or b.groep == groep)
        and (deelnemer == nil or b.deelnemer == deelnemer)
        and (omgeving == nil or bevat(b.omgevingen, omgeving)) then
      n = n + 1
      uit[n] = b
    end
  end
  return uit
end

-- wp.top's integer keys: value * POSITIES + position, for values below
-- GROOT and lists shorter than POSITIES (2^40 * 2^21 stays below 2^63).
local POSITIES, GROOT = 1 << 21, 1 << 40

--- The n items with the highest value of veld (default "stemmen");
--- equal values keep their original order.
function wp.top(lijst, n, veld)
  eis_lijst("top", 1, lijst)
  if n ~= nil and (mtype(n) ~= "integer" or n < 0) then
    fout("top", "argument 2 moet een geheel getal van 0 of meer zijn (of nil voor allemaal), niet %s", tostring(n))
  end
  veld = veld == nil and "stemmen" or veld
  eis_veld("top", 3, veld)
  local ws, heel = {}, #lijst < POSITIES
  for i, item in ipairs(lijst) do
    eis_item("top", i, item)
    local w = item[veld]
    if w == nil then
      w = 0
    end
    if type(w) ~= "number" or w ~= w then
      fout("top", "'%s' van item %d is %s, geen getal", veld, i, w ~= w and "NaN" or soort(w))
    end
    heel = heel and mtype(w) == "integer" and w > -GROOT and w < GROOT
    ws[i] = w
  end
  local uit = {}
  local tot = (n == nil or n > #ws) and #ws or n
  if heel then
    -- Whole values (votes): one integer per item, the value high and the
    -- position low, sorts with plain < in C instead of a Lua comparison
    -- per step; the highest value first, equal values in their order.
    local sleutels = {}
    for i = 1, #ws do
      sleutels[i] = -ws[i] * POSITIES + i
    end
    sort(sleutels)
    for i = 1, tot do
      uit[i] = lijst[sleutels[i] % POSITIES]
    end
    return uit
  end
  local rij = {}
  for i = 1, #ws do
    rij[i] = { item = lijst[i], w = ws[i], i = i }
  end
  sort(rij, function(a, b)
    if a.w ~= b.w then
      return a.w > b.w
    end
    return a.i < b.i
  end)
  for i = 1, tot do
    uit[i] = rij[i].item
  end
  return uit
end

-- Calls f(waarde, item) for each value of veld in item; a list-valued
-- field (omgevingen) gives each of its values, a missing one none.
local function waarden(naam, lijst, veld, f)
  eis_lijst(naam, 1, lijst)
  eis_veld(naam, 2, veld)
  for i, item in ipairs(lijst) do
    eis_item(naam, i, item)
    local w = item[veld]
    if type(w) == "table" then
      for _, x in ipairs(w) do
        f(x, item)
      end
    elseif w ~= nil then
      f(w, item)
    end
  end
end

--- value of veld -> the items with that value, in their original order.
function wp.groepeer(lijst, veld)
  local uit = {}
  waarden("groepeer", lijst, veld, function(w, item)
    local groep = uit[w]
    if groep == nil then
      groep = {}
      uit[w] = groep
    end
    groep[#groep + 1] = item
  end)
  return uit
end

--- value of veld -> how many items have it.
function wp.tel(lijst, veld)
  local uit = {}
  waarden("tel", lijst, veld, function(w)
    uit[w] = (uit[w] or 0) + 1
  end)
  return uit
end

--- wp.groepeer(lijst, "groep"): the items per deelnemer group.
function wp.per_groep(lijst)
  eis_lijst("per_groep", 1, lijst)
  return wp.groepeer(lijst, "groep")
end

--- The items tagged with two or more omgevingen: the koppelvlakken.
function wp.koppelvlakken(lijst)
  eis_lijst("koppelvlakken", 1, lijst)
  local uit = {}
  for i, item in ipairs(lijst) do
    eis_item("koppelvlakken", i, item)
    if type(item.omgevingen) == "table" and #item.omgevingen >= 2 then
      uit[#uit + 1] = item
    end
  end
  return uit
end

--- The tekst of every item, in order.
function wp.teksten(lijst)
  eis_lijst("teksten", 1, lijst)
  local uit = {}
  for i, item in ipairs(lijst) do
    eis_item("teksten", i, item)
    uit[#uit + 1] = item.tekst
  end
  return uit
end

local rang = { number = 1, string = 2, boolean = 3 }

local function voor(a, b)
  local ra, rb = rang[type(a)] or 4, rang[type(b)] or 4
  if ra ~= rb then
    return ra < rb
  end
  if ra == 3 then
    return (not a) and b
  end
  if ra == 4 then
    return false
  end
  return a < b
end

--- The keys of a table in a fixed order: numbers, then texts.
function wp.sleutels(t)
  if type(t) ~= "table" then
    fout("sleutels", "argument 1 moet een tabel zijn, niet %s", soort(t))
  end
  local uit = {}
  for k in next, t do
    uit[#uit + 1] = k
  end
  sort(uit, voor)
  return uit
end

--- A shuffled copy of lijst (the same shuffle in a replay of the session).
function wp.schud(lijst)
  eis_lijst("schud", 1, lijst)
  local uit = {}
  for i, item in ipairs(lijst) do
    uit[i] = item
  end
  for i = #uit, 2, -1 do
    local j = random(1, i)
    uit[i], uit[j] = uit[j], uit[i]
  end
  return uit
end

return wp
