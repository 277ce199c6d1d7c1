-- A/B testen (sprint 6, Testen)
--
-- Van een prototype maken we twee varianten, A en B, die op één punt
-- verschillen: wie het uitvoert, waar, wanneer of hoe. We spreken vooraf af
-- op welke criteria we ze vergelijken (bijvoorbeeld: voelen bewoners zich
-- veiliger, doen jongeren mee, kan het met de mensen die er al zijn, wat
-- kost het). Daarna geeft iedereen beide varianten per criterium een score
-- van 1 tot 5. De variant met het hoogste gemiddelde over alle criteria wint.
--
-- Varianten en criteria horen bij een prototype: zet de id van het prototype
-- bij 'bij'. Ging de sabotagesessie eerder in deze sprint, dan nemen we haar
-- uitkomsten over en vullen de overgebleven interventies aan met de winnende
-- variant.

local SCORE = { "slecht", "matig", "redelijk", "goed", "heel goed" }

-- Een kopie loopt de sleutels met next af: de volgorde doet er niet toe,
-- en pairs sorteert ze eerst.
local function kopie(x)
  if type(x) ~= "table" then return x end
  local k = {}
  for a, b in next, x do k[a] = kopie(b) end
  return k
end

local function rond(x)
  return math.floor(x * 100 + 0.5) / 100
end

local function noemt(tekst, id)
  local begin = 1
  while true do
    local a, b = string.find(tekst, id, begin, true)
    if not a then return false end
    local voor = a > 1 and tekst:sub(a - 1, a - 1) or " "
    local na = tekst:sub(b + 1, b + 1)
    if not voor:match("[%w_%-]") and not na:match("[%w_]") and not (na == "-" and tekst:sub(b + 2, b + 2):match("%w")) then
      return true
    end
    begin = b + 1
  end
end

local function interventie_id(prototype_id)
  local rest = prototype_id:match("^pt%-(.+)$") or prototype_id:match("^rs%-(.+)$") or prototype_id
  return "iv-" .. rest
end

-- Het gemiddelde van de scores in een plaatsingsstap, per criterium.
local function gemiddelden(sessie, stap)
  local som, n = {}, {}
  for _, p in ipairs(sessie.plaatsingen) do
    if p.stap == stap then
      som[p.op] = (som[p.op] or 0) + p.waarde
      n[p.op] = (n[p.op] or 0) + 1
    end
  end
  local uit = {}
  for k, s in next, som do uit[k] = s / n[k] end   -- de volgorde doet er niet toe
  return uit
end

return {
  id = "ab_test",
  naam = "A/B testen",
  versie = "1.0.0",
  sprint = 6,
  toelichting = "Van een prototype worden twee varianten gemaakt die op één punt verschillen. De deelnemers "
    .. "spreken criteria af, geven beide varianten per criterium een score en kiezen zo de beste variant.",
  opbrengst = "Per prototype de scores van variant A en B per criterium, de winnaar, en de interventies "
    .. "die overblijven met hun winnende variant.",
  deelnemers = { "bewoners", "ondernemers", "jongeren", "professionals", "beleidsambtenaren" },
  groep = { min = 4, max = 14 },
  duur = 90,
  schatting = "Deelnemers, groepsgrootte en duur zijn een schatting van de auteur; het CCV noemt ze niet.",
  nodig = { "prototypes" },
  levert = { "testuitkomsten", "interventies" },
  stappen = {
    {
      id = "intro", titel = "Twee varianten", duur = 10, invoer = "geen",
      instructie = "We vergelijken twee varianten van een prototype. Ze verschillen op één punt, zodat we "
        .. "weten waar het verschil vandaan komt. Bijvoorbeeld: het honk open met een jongerenwerker, of "
        .. "open met jongeren zelf als beheerder.",
    },
    {
      id = "varianten", titel = "Variant A en variant B", duur = 15, invoer = "bijdrage", velden = { "a", "b" },
      instructie = "Beschrijf per prototype variant A en variant B, elk op een eigen briefje. Zet het "
        .. "prototype erbij. Zeg duidelijk waarin ze verschillen.",
    },
    {
      id = "criteria", titel = "Waarop vergelijken we?", duur = 15, invoer = "bijdrage",
      instructie = "Spreek af waarop je de varianten vergelijkt, voordat je ze beoordeelt. Denk aan: voelen "
        .. "bewoners zich veiliger, doen jongeren mee, kan het met de mensen en het geld dat er is, houdt het "
        .. "ook over een jaar stand. Eén criterium per briefje, bij het prototype.",
    },
    {
      id = "score_a", titel = "Scores voor variant A", duur = 20, invoer = "plaatsing", op = "criteria",
      schaal = { min = 1, max = 5, labels = SCORE },
      instructie = "Geef variant A per criterium een score van 1 (slecht) tot 5 (heel goed). Doe het eerst "
        .. "voor jezelf, daarna hardop.",
    },
    {
      id = "score_b", titel = "Scores voor variant B", duur = 20, invoer = "plaatsing", op = "criteria",
      schaal = { min = 1, max = 5, labels = SCORE },
      instructie = "Geef nu variant B per criterium een score van 1 (slecht) tot 5 (heel goed).",
    },
    {
      id = "besluit", titel = "De keuze vastleggen", duur = 10, invoer = "besluit",
      instructie = "Bekijk de scores. Leg per prototype vast welke variant we kiezen. Valt een prototype "
        .. "alsnog af, leg dan vast waarom (noem het prototype in het besluit).",
    },
  },

  resultaat = function(sessie)
    local prototypes = wp.resultaat("prototypes") or {}
    local eerder = wp.resultaat("testuitkomsten")
    local eerder_iv = wp.resultaat("interventies")
    local score_a, score_b = gemiddelden(sessie, "score_a"), gemiddelden(sessie, "score_b")

    local varianten, criteria = {}, {}
    for _, b in ipairs(wp.bijdragen(sessie, { stap = "varianten" })) do
      if b.bij then
        varianten[b.bij] = varianten[b.bij] or {}
        varianten[b.bij][b.veld] = b.tekst
      end
    end
    for _, b in ipairs(wp.bijdragen(sessie, { stap = "criteria" })) do
      if b.bij then
        criteria[b.bij] = criteria[b.bij] or {}
        table.insert(criteria[b.bij], b)
      end
    end

    local ab, winnaars = {}, {}
    for _, p in ipairs(prototypes) do
      local v = varianten[p.id]
      if v then
        local rijen, som_a, som_b, n = {}, 0, 0, 0
        for _, c in ipairs(criteria[p.id] or {}) do
          local a, b = score_a[c.id], score_b[c.id]
          rijen[#rijen + 1] = { id = c.id, criterium = c.tekst, a = a and rond(a) or nil, b = b and rond(b) or nil,
            verschil = (a and b) and rond(a - b) or nil }
          if a and b then som_a, som_b, n = som_a + a, som_b + b, n + 1 end
        end
        local winnaar = "gelijk"
        if n > 0 and som_a > som_b then winnaar = "a" elseif n > 0 and som_b > som_a then winnaar = "b" end
        local uit = {
          prototype = p.id, naam = p.naam, varianten = { a = v.a, b = v.b }, criteria = rijen,
          totaal = n > 0 and { a = rond(som_a / n), b = rond(som_b / n) } or nil, winnaar = winnaar,
        }
        if winnaar ~= "gelijk" then uit.winnende_variant = v[winnaar] end
        ab[#ab + 1] = uit
        winnaars[p.id] = uit
      end
    end

    -- Wat eerder in deze sprint afviel, blijft afgevallen; een verworpen besluit hier laat er nog een afvallen.
    local afgevallen = kopie(eerder and eerder.afgevallen or {})
    local weg = {}
    for _, a in ipairs(afgevallen) do weg[a.prototype] = true end
    for _, b in ipairs(sessie.besluiten) do
      if b.uitkomst == "verworpen" then
        for _, p in ipairs(prototypes) do
          if not weg[p.id] and noemt(b.tekst, p.id) then
            weg[p.id] = true
            afgevallen[#afgevallen + 1] = { prototype = p.id, naam = p.naam, reden = b.tekst, werkvorm = "ab_test" }
          end
        end
      end
    end

    -- De overgebleven interventies: die van de sabotagesessie, of anders alle prototypes.
    local interventies = {}
    if eerder_iv then
      for _, iv in ipairs(eerder_iv) do
        if not weg[iv.prototype] then interventies[#interventies + 1] = kopie(iv) end
      end
    else
      for _, p in ipairs(prototypes) do
        if not weg[p.id] then
          interventies[#interventies + 1] = {
            id = interventie_id(p.id), naam = p.naam, prototype = p.id, idee = p.idee,
            omgevingen = kopie(p.omgevingen or {}), risicos = {},
          }
        end
      end
    end
    for _, iv in ipairs(interventies) do
      local w = winnaars[iv.prototype]
      if w and w.winnende_variant then
        iv.variant = w.winnende_variant
        iv.ab_winnaar = w.winnaar
      end
    end

    return {
      testuitkomsten = {
        sabotage = kopie(eerder and eerder.sabotage or {}),
        ab = ab,
        afgevallen = afgevallen,
      },
      interventies = interventies,
    }
  end,

  voorbeeld = {
    resultaten = {
      prototypes = {
        { id = "pt-honk", naam = "Het jongerenhonk weer open", idee = "i1", omgevingen = { "sociaal", "institutioneel" } },
        { id = "pt-licht", naam = "Licht in de portieken", idee = "i2", omgevingen = { "fysiek" } },
      },
    },
    deelnemers = {
      { id = "anna", groep = "bewoners" },
      { id = "bram", groep = "jongeren" },
    },
    invoer = {
      varianten = {
        { id = "va", wie = "bram", veld = "a", bij = "pt-honk", tekst = "Open met een jongerenwerker" },
        { id = "vb", wie = "bram", veld = "b", bij = "pt-honk", tekst = "Open met jongeren als beheerder, jongerenwerker op afroep" },
      },
      criteria = {
        { id = "c1", wie = "anna", bij = "pt-honk", tekst = "Jongeren komen er echt" },
        { id = "c2", wie = "anna", bij = "pt-honk", tekst = "Kan met de uren die er zijn" },
      },
      score_a = {
        { wie = "anna", op = "c1", waarde = 3 },
        { wie = "bram", op = "c1", waarde = 2 },
        { wie = "anna", op = "c2", waarde = 2 },
        { wie = "bram", op = "c2", waarde = 2 },
      },
      score_b = {
        { wie = "anna", op = "c1", waarde = 4 },
        { wie = "bram", op = "c1", waarde = 5 },
        { wie = "anna", op = "c2", waarde = 4 },
        { wie = "bram", op = "c2", waarde = 3 },
      },
      besluit = {
        { wie = "anna", uitkomst = "verworpen", tekst = "pt-licht valt af: de corporatie doet dit al in blok B en C" },
      },
    },
    verwacht = {
      testuitkomsten = {
        ab = { { prototype = "pt-honk", winnaar = "b", totaal = { a = 2.25, b = 4 },
                 criteria = { { criterium = "Jongeren komen er echt", a = 2.5, b = 4.5, verschil = -2 } } } },
        afgevallen = { { prototype = "pt-licht", werkvorm = "ab_test" } },
      },
      interventies = { { id = "iv-honk", variant = "Open met jongeren als beheerder, jongerenwerker op afroep" } },
    },
  },
}
