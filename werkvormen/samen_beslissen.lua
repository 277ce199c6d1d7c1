-- Samen gedragen beslissingen nemen (sprint 3, Wijkwens(en))
--
-- Besluiten met consent: een voorstel is aangenomen als niemand een
-- overwegend bezwaar heeft. Dat is iets anders dan iedereen het eens laten
-- worden. Elk bezwaar wordt genoteerd, en ook hoe het is opgelost. Uit de
-- aangenomen wijkwensen en de resultaten van sprint 1 en 2 ontstaat de
-- ontwerpbrief: één A4 met zeven delen (het probleem, de gevonden feiten,
-- de eerdere sprints, het tijdspad, de impact, de betrokkenen en de
-- begeleiders). Die gaat daarna ter goedkeuring naar alle sleutelbetrokkenen.
--
-- Een besluit hoort bij een voorstel als de tekst van het besluit de id van
-- het voorstel noemt (bijvoorbeeld "Voorstel vs2 is aangenomen ..."). Noemt
-- het besluit geen id, dan kiezen we het voorstel met de meeste woorden
-- gemeen.

local RONDE = { "overwegend bezwaar", "bedenking", "instemming" }

local function casus()
  return wp.casus() or {}
end

-- Noemt de tekst deze id als los woord?
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

local function woorden(tekst)
  local set = {}
  for w in tekst:lower():gmatch("[%w\128-\255]+") do if #w > 3 then set[w] = true end end
  return set
end

local function gemeen(a, b)
  local n = 0
  for w in pairs(a) do if b[w] then n = n + 1 end end
  return n
end

-- Het voorstel waar een besluit over gaat, of nil.
local function voorstel_van(besluit, voorstellen)
  for _, v in ipairs(voorstellen) do
    if noemt(besluit.tekst, v.id) then return v end
  end
  local beste, score, w = nil, 2, woorden(besluit.tekst)
  for _, v in ipairs(voorstellen) do
    local s = gemeen(w, woorden(v.tekst))
    if s > score then beste, score = v, s end
  end
  return beste
end

local function teksten(lijst, n)
  local uit = {}
  for i = 1, math.min(n or #lijst, #lijst) do uit[i] = lijst[i].tekst end
  return uit
end

return {
  id = "samen_beslissen",
  naam = "Samen gedragen beslissingen nemen",
  versie = "1.0.0",
  sprint = 3,
  toelichting = "De deelnemers besluiten met consent welke wijkwensen ze samen dragen: een voorstel is "
    .. "aangenomen als niemand een overwegend bezwaar heeft. Elk bezwaar en de oplossing ervan worden "
    .. "vastgelegd. Daarna schrijven ze samen de ontwerpbrief.",
  opbrengst = "Besluiten met hun bezwaren en oplossingen, en de ontwerpbrief (één A4, zeven delen) met de "
    .. "aangenomen wijkwensen.",
  deelnemers = { "bewoners", "ondernemers", "jongeren", "professionals", "beleidsambtenaren" },
  groep = { min = 5, max = 16 },
  duur = 100,
  schatting = "Deelnemers, groepsgrootte en duur zijn een schatting van de auteur; het CCV noemt ze niet.",
  nodig = { "wijkwensen", "hoofdvraag", "diagnose", "pijnen" },
  levert = { "besluiten", "ontwerpbrief" },
  stappen = {
    {
      id = "intro", titel = "Wat is consent?", duur = 10, invoer = "geen",
      instructie = "Vandaag besluiten we met consent. Dat betekent niet dat iedereen het helemaal eens is. "
        .. "Het betekent dat niemand een overwegend bezwaar heeft: een reden waarom het voorstel de wijk of "
        .. "jouw groep echt schade doet. Heb je zo'n bezwaar, dan zeg je het, en dan zoeken we samen een "
        .. "aanpassing. Een bedenking mag je noemen, maar houdt het besluit niet tegen.",
    },
    {
      id = "voorstellen", titel = "Voorstellen bij de wijkwensen", duur = 20, invoer = "bijdrage",
      omgevingen = "optioneel",
      instructie = "Neem de wijkwensen met de meeste stemmen. Maak van elke wens een voorstel dat de hele "
        .. "wijk kan dragen: wat willen we bereiken, voor wie, en waar? Zet bij elk voorstel de wijkwens waar "
        .. "het uit komt. Wensen die op elkaar lijken mag je samenvoegen.",
    },
    {
      id = "ronde", titel = "De consentronde", duur = 15, invoer = "plaatsing", op = "voorstellen",
      schaal = { min = -1, max = 1, labels = RONDE },
      instructie = "Loop de voorstellen één voor één langs. Iedereen zegt op zijn beurt: instemming, "
        .. "bedenking of overwegend bezwaar. Nog geen discussie: eerst hoort iedereen iedereen.",
    },
    {
      id = "besluiten", titel = "Bezwaren oplossen en besluiten", duur = 30, invoer = "besluit",
      instructie = "Neem de voorstellen met een overwegend bezwaar. Laat de bezwaarmaker uitleggen wat het "
        .. "probleem is, en zoek samen een aanpassing die het bezwaar oplost. Leg elk besluit vast: noem het "
        .. "voorstel (bijvoorbeeld 'vs2'), de uitkomst, elk bezwaar en hoe het is opgelost. Lukt het niet, "
        .. "dan wordt het voorstel aangehouden of verworpen.",
    },
    {
      id = "brief", titel = "De ontwerpbrief schrijven", duur = 20, invoer = "bijdrage",
      velden = { "probleem", "tijdspad", "impact" },
      instructie = "De begeleider vult de feiten, de eerdere sprints, de betrokkenen en de begeleiders al in. "
        .. "Schrijf samen de rest: het probleem in één of twee zinnen (het ontwerp van het probleem), het "
        .. "tijdspad (wanneer willen we wat bereikt hebben) en de impact die de oplossing moet hebben.",
    },
    {
      id = "afronding", titel = "Op naar de goedkeuring", duur = 5, invoer = "geen",
      instructie = "De ontwerpbrief gaat nu naar alle sleutelbetrokkenen. Als zij hem goedkeuren, is "
        .. "iedereen eraan gebonden. Waar de gemeente de regie heeft, zorgt zij voor die goedkeuring. Pas "
        .. "daarna bedenken we interventies.",
    },
  },

  bij_stap = function(van, naar, sessie)
    if naar == "voorstellen" then
      local regels = { "Wijkwensen uit de klantreis:" }
      for _, w in ipairs(wp.resultaat("wijkwensen") or {}) do
        regels[#regels + 1] = string.format("%s: %s (%d stemmen)", w.id, w.tekst, w.stemmen or 0)
      end
      return table.concat(regels, "\n")
    end
    return nil
  end,

  resultaat = function(sessie)
    local wijkwensen = wp.resultaat("wijkwensen") or {}
    local wens_per_id = {}
    for _, w in ipairs(wijkwensen) do wens_per_id[w.id] = w end

    -- De consentronde per voorstel.
    local voorstellen = wp.bijdragen(sessie, { stap = "voorstellen" })
    local ronde = {}
    for _, v in ipairs(voorstellen) do ronde[v.id] = { instemming = 0, bedenking = 0, bezwaar = 0 } end
    for _, p in ipairs(sessie.plaatsingen) do
      local r = p.stap == "ronde" and ronde[p.op]
      if r then
        if p.waarde > 0 then r.instemming = r.instemming + 1
        elseif p.waarde < 0 then r.bezwaar = r.bezwaar + 1
        else r.bedenking = r.bedenking + 1 end
      end
    end

    -- De besluiten, met hun bezwaren en hoe die zijn opgelost.
    local besluiten, aangenomen, gezien = {}, {}, {}
    for _, b in ipairs(sessie.besluiten) do
      if b.stap == "besluiten" then
        local v = voorstel_van(b, voorstellen)
        local bezwaren, open = {}, 0
        for i, bz in ipairs(b.bezwaren or {}) do
          bezwaren[i] = { tekst = bz.tekst, groep = bz.groep, opgelost = bz.opgelost }
          if not bz.opgelost then open = open + 1 end
        end
        besluiten[#besluiten + 1] = {
          tekst = b.tekst, uitkomst = b.uitkomst, groep = b.groep, bezwaren = bezwaren, open_bezwaren = open,
          voorstel = v and v.id or nil, wijkwens = v and v.bij or nil, ronde = v and ronde[v.id] or nil,
        }
        if v then
          -- Een later besluit over hetzelfde voorstel vervangt het eerdere.
          gezien[v.id] = b.uitkomst
        end
      end
    end
    for _, v in ipairs(voorstellen) do
      if gezien[v.id] == "aangenomen" then
        local wens = v.bij and wens_per_id[v.bij]
        aangenomen[#aangenomen + 1] = {
          id = (wens and wens.id) or v.id, voorstel = v.id, tekst = v.tekst, omgevingen = v.omgevingen or {},
          stemmen = wens and wens.stemmen or 0, wijkwens = wens and wens.tekst or nil,
        }
      end
    end

    -- De zeven delen van de ontwerpbrief.
    local hoofdvraag = wp.resultaat("hoofdvraag") or {}
    local diagnose = wp.resultaat("diagnose") or {}
    local pijnen = wp.resultaat("pijnen") or {}
    local situatie = wp.resultaat("situatie")
    local glijbaan = wp.resultaat("glijbaan")
    local klantreis = wp.resultaat("klantreis")

    local probleem = hoofdvraag.vraag or casus().hoofdvraag
    local tijdspad, impact = {}, {}
    for _, b in ipairs(wp.bijdragen(sessie, { stap = "brief" })) do
      if b.veld == "probleem" then probleem = b.tekst
      elseif b.veld == "tijdspad" then tijdspad[#tijdspad + 1] = b.tekst
      else impact[#impact + 1] = b.tekst end
    end
    for _, t in ipairs(teksten(hoofdvraag.impact or {}, 2)) do impact[#impact + 1] = t end

    local feiten = {}
    for _, o in ipairs({ "sociaal", "fysiek", "institutioneel", "crimineel" }) do
      local d = diagnose.per_omgeving and diagnose.per_omgeving[o]
      for _, x in ipairs(d and d.indicatoren or {}) do
        if x.trend == "gestegen" or x.trend == "gedaald" then feiten[#feiten + 1] = o .. ": " .. x.tekst end
      end
    end
    for i = 1, math.min(3, #pijnen) do
      feiten[#feiten + 1] = string.format("beleving: %s (%d stemmen)", pijnen[i].tekst, pijnen[i].stemmen or 0)
    end
    for i, k in ipairs(diagnose.knelpunten or {}) do
      if i > 3 then break end
      feiten[#feiten + 1] = string.format("knelpunt: %s (%d stemmen)", k.tekst, k.stemmen or 0)
    end

    local eerdere = {}
    local s1 = "Sprint 1 (Zien en voelen): de hoofdvraag werd: " .. (hoofdvraag.vraag or "?")
    if not s1:match("[%.%?!]$") then s1 = s1 .. "." end
    if situatie and situatie.samenvatting then s1 = s1 .. " " .. situatie.samenvatting:gsub("^%l", string.upper) end
    if glijbaan and glijbaan.per_positie then
      s1 = s1 .. string.format(". Op de glijbaan staan %d betrokkenen onderaan, %d in het midden en %d boven",
        #(glijbaan.per_positie.onder or {}), #(glijbaan.per_positie.midden or {}), #(glijbaan.per_positie.boven or {}))
    end
    eerdere[1] = s1
    local s2 = string.format("Sprint 2 (Dit is er aan de hand): %d pijnen gewogen", #pijnen)
    if pijnen[1] then s2 = s2 .. "; de zwaarste: " .. pijnen[1].tekst end
    if diagnose.knelpunten then s2 = s2 .. string.format("; %d knelpunten naast de cijfers gelegd", #diagnose.knelpunten) end
    eerdere[2] = s2
    if klantreis then
      local s3 = "Sprint 3 (Wijkwens(en)): een klantreis door de wijk"
      if klantreis.persona then s3 = s3 .. " (" .. klantreis.persona:gsub("[%.%s]+$", "") .. ")" end
      if klantreis.dieptepunten and klantreis.dieptepunten[1] then
        s3 = s3 .. "; het dieptepunt: " .. klantreis.dieptepunten[1].tekst
      end
      s3 = s3 .. string.format("; %d van de %d wijkwensen met consent aangenomen", #aangenomen, #wijkwensen)
      eerdere[3] = s3
    end

    if #tijdspad == 0 then tijdspad[1] = "Nog vast te stellen in sprint 4 tot en met 7." end

    local betrokkenen, sleutel = {}, {}
    for _, b in ipairs(casus().betrokkenen or {}) do
      betrokkenen[#betrokkenen + 1] = string.format("%s (%s)%s", b.naam or b.id, b.rol or b.groep or "",
        b.sleutel and ", sleutelbetrokkene" or "")
      if b.sleutel then sleutel[#sleutel + 1] = b.id end
    end
    local begeleiders = {}
    for _, b in ipairs(casus().begeleiders or {}) do
      begeleiders[#begeleiders + 1] = string.format("%s, %s%s", b.naam, b.rol or "",
        b.organisatie and (" (" .. b.organisatie .. ")") or "")
    end

    return {
      besluiten = besluiten,
      ontwerpbrief = {
        probleem = probleem,
        feiten = feiten,
        eerdere_sprints = eerdere,
        tijdspad = tijdspad,
        impact = impact,
        betrokkenen = betrokkenen,
        begeleiders = begeleiders,
        wijkwensen = aangenomen,
        goed_te_keuren_door = sleutel,
      },
    }
  end,

  voorbeeld = {
    resultaten = {
      wijkwensen = {
        { id = "w1", tekst = "Kinderen lopen zonder angst over het plein", stemmen = 7, omgevingen = { "sociaal" } },
        { id = "w2", tekst = "Portieken zijn licht en dicht", stemmen = 4, omgevingen = { "fysiek" } },
      },
      hoofdvraag = { vraag = "Hoe wordt het plein weer van iedereen?", impact = {}, aannames = {} },
      diagnose = { per_omgeving = {}, knelpunten = {} },
      pijnen = { { id = "pw1", tekst = "Melden heeft geen zin", stemmen = 5 } },
    },
    deelnemers = {
      { id = "anna", groep = "bewoners" },
      { id = "bram", groep = "jongeren" },
      { id = "cor", groep = "professionals" },
    },
    invoer = {
      voorstellen = {
        { id = "vs1", wie = "anna", tekst = "Het plein is overdag en 's avonds een plek voor gezinnen en jongeren",
          bij = "w1" },
        { id = "vs2", wie = "cor", tekst = "Alle portieken van de flat zijn verlicht en afgesloten", bij = "w2" },
      },
      ronde = {
        { wie = "anna", op = "vs1", waarde = 1 },
        { wie = "bram", op = "vs1", waarde = -1 },
        { wie = "cor", op = "vs1", waarde = 0 },
        { wie = "bram", op = "vs2", waarde = 1 },
      },
      besluiten = {
        { wie = "cor", uitkomst = "aangenomen",
          tekst = "Voorstel vs1 is aangenomen, met jongeren erbij genoemd als gebruikers van het plein",
          bezwaren = { { wie = "bram", tekst = "Zo worden jongeren weer weggestuurd",
                         opgelost = "Jongeren staan er nu met name in" } } },
        { wie = "cor", uitkomst = "aangehouden", tekst = "Voorstel vs2 wacht op de planning van de corporatie" },
      },
      brief = {
        { id = "bp", wie = "cor", veld = "probleem", tekst = "Het plein is van niemand, dus van de dealers" },
        { id = "bt", wie = "anna", veld = "tijdspad", tekst = "Voor de zomer de eerste proef" },
      },
    },
    verwacht = {
      besluiten = {
        { voorstel = "vs1", wijkwens = "w1", uitkomst = "aangenomen", open_bezwaren = 0,
          ronde = { instemming = 1, bedenking = 1, bezwaar = 1 },
          bezwaren = { { tekst = "Zo worden jongeren weer weggestuurd", groep = "jongeren",
                         opgelost = "Jongeren staan er nu met name in" } } },
        { voorstel = "vs2", uitkomst = "aangehouden" },
      },
      ontwerpbrief = {
        probleem = "Het plein is van niemand, dus van de dealers",
        tijdspad = { "Voor de zomer de eerste proef" },
        wijkwensen = { { id = "w1", voorstel = "vs1", stemmen = 7 } },
      },
    },
  },
}
