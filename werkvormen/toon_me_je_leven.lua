-- Toon me je leven (sprint 2, Dit is er aan de hand)
--
-- Bewoners, ondernemers en jongeren laten zien hoe hun gewone dag in de wijk
-- eruitziet: waar ze lopen, wat ze vermijden, waar ze elkaar zien. Daarna
-- leggen we hun verhalen naast de harde cijfers uit de casus
-- (veiligheidsmonitor, CBS, politie, Kadaster), per omgeving. Zo ontstaat
-- een diagnose die cijfers en beleving samenbrengt, en kiezen we de
-- knelpunten die het zwaarst wegen.

local OMGEVINGEN = { "sociaal", "fysiek", "institutioneel", "crimineel" }
local MAX_KNELPUNTEN = 5   -- de zwaarste momenten met stemmen worden knelpunt

local function casus()
  return wp.casus() or {}
end

local function item(b)
  return {
    id = b.id, tekst = b.tekst, veld = b.veld, omgevingen = b.omgevingen or {},
    stemmen = b.stemmen or 0, stemmen_per_groep = b.stemmen_per_groep or {},
    groep = b.groep, bij = b.bij,
  }
end

-- Een getal op z'n Nederlands: 198.000 en 9,8.
local function getal(x)
  if x == math.floor(x) then
    local s = string.format("%d", x)
    local uit = s:reverse():gsub("(%d%d%d)", "%1."):reverse()
    return (uit:gsub("^%.", ""))
  end
  return (string.format("%.1f", x):gsub("%.", ","))
end

-- Een cijfer uit de casus, met de richting ten opzichte van de vorige meting.
local function indicator(x)
  local uit = {
    id = x.id, naam = x.naam, bron = x.bron, periode = x.periode, waarde = x.waarde,
    eenheid = x.eenheid, streefwaarde = x.streefwaarde, toelichting = x.toelichting,
  }
  local eenheid = ""
  if x.eenheid == "%" then eenheid = "%" elseif x.eenheid then eenheid = " " .. x.eenheid end
  local tekst = string.format("%s: %s%s (%s, %s)", x.naam, getal(x.waarde), eenheid, x.bron or "?",
    x.periode or "?")
  if x.eerder and x.eerder.waarde then
    uit.eerder = x.eerder
    if x.waarde > x.eerder.waarde then uit.trend = "gestegen"
    elseif x.waarde < x.eerder.waarde then uit.trend = "gedaald"
    else uit.trend = "gelijk" end
    tekst = tekst .. string.format("; %s: %s", x.eerder.periode or "eerder", getal(x.eerder.waarde))
  end
  uit.tekst = tekst
  return uit
end

return {
  id = "toon_me_je_leven",
  naam = "Toon me je leven",
  versie = "1.0.0",
  sprint = 2,
  toelichting = "Deelnemers laten zien hoe hun dagelijks leven in de wijk eruitziet: waar ze lopen, wat ze "
    .. "vermijden en waar ze elkaar ontmoeten. Hun verhalen worden per omgeving naast de harde cijfers "
    .. "gelegd.",
  opbrengst = "Een diagnose per omgeving die cijfers en verhalen samenbrengt, en de knelpunten die het "
    .. "zwaarst wegen.",
  deelnemers = { "bewoners", "ondernemers", "jongeren" },
  groep = { min = 4, max = 15 },
  duur = 90,
  schatting = "Deelnemers, groepsgrootte en duur zijn een schatting van de auteur; het CCV noemt ze niet.",
  nodig = { "hoofdvraag" },
  levert = { "diagnose" },
  stappen = {
    {
      id = "intro", titel = "Jouw dag in de wijk", duur = 10, invoer = "geen",
      instructie = "Vandaag ben jij de gids. Je hebt misschien foto's meegenomen of een route getekend. "
        .. "Vertel ons hoe een gewone dag voor jou eruitziet in de wijk. Er is geen goed of fout. "
        .. "Noem geen namen van anderen en geen adressen.",
    },
    {
      id = "dag", titel = "Ochtend, middag, avond, nacht", duur = 40, invoer = "bijdrage",
      velden = { "ochtend", "middag", "avond", "nacht" }, omgevingen = "verplicht",
      gevoelig = true,  -- iemands eigen dag: waar hij woont, loopt en wat hij vermijdt
      instructie = "Loop je dag door. Waar ga je 's ochtends heen? Welke straat loop je 's avonds liever "
        .. "niet? Waar voel je je thuis? Schrijf elk moment op een briefje en zet erbij in welk deel van de "
        .. "dag het is. De begeleider zet erbij welke omgeving het raakt: sociaal, fysiek, institutioneel "
        .. "of crimineel.",
    },
    {
      id = "cijfers", titel = "De cijfers ernaast", duur = 15, invoer = "geen",
      instructie = "De begeleider laat per omgeving de cijfers zien: van de veiligheidsmonitor, het CBS, de "
        .. "politie en het Kadaster. Herkennen jullie wat de cijfers zeggen? Waar zeggen de verhalen iets "
        .. "anders dan de cijfers? Dat verschil is belangrijk.",
    },
    {
      id = "knelpunten", titel = "Wat moet als eerste anders?", duur = 20, invoer = "stem", stemmen = 3,
      op = "dag",
      instructie = "Iedereen heeft drie stemmen. Zet ze op de momenten uit iemands dag die als eerste anders "
        .. "moeten. Het hoeft niet over jouw eigen dag te gaan.",
    },
    {
      id = "afronding", titel = "Afronding", duur = 5, invoer = "geen",
      instructie = "Bedank de gidsen. Vertel wat er met hun verhalen gebeurt: ze komen in de diagnose en in "
        .. "de ontwerpbrief, zonder namen.",
    },
  },

  bij_stap = function(van, naar, sessie)
    if naar == "cijfers" then
      local regels = {}
      for _, o in ipairs(OMGEVINGEN) do
        for _, x in ipairs(casus().indicatoren or {}) do
          if x.omgeving == o then regels[#regels + 1] = o .. ": " .. indicator(x).tekst end
        end
      end
      if #regels == 0 then return "De casus heeft geen cijfers." end
      return table.concat(regels, "\n")
    end
    return nil
  end,

  resultaat = function(sessie)
    local verhalen = wp.bijdragen(sessie, { stap = "dag" })
    local per_omgeving = {}
    for _, o in ipairs(OMGEVINGEN) do
      local cijfers = {}
      for _, x in ipairs(casus().indicatoren or {}) do
        if x.omgeving == o then cijfers[#cijfers + 1] = indicator(x) end
      end
      local lijst = {}
      for _, b in ipairs(wp.bijdragen(sessie, { stap = "dag", omgeving = o })) do lijst[#lijst + 1] = item(b) end
      per_omgeving[o] = { indicatoren = cijfers, verhalen = lijst }
    end

    -- Knelpunten: de zwaarste momenten met stemmen (hooguit vijf), met de cijfers van hun omgevingen erbij.
    local knelpunten = {}
    for _, b in ipairs(wp.top(verhalen, #verhalen, "stemmen")) do
      if (b.stemmen or 0) > 0 and #knelpunten < MAX_KNELPUNTEN then
        local k = item(b)
        local cijfers = {}
        for _, o in ipairs(k.omgevingen) do
          for _, x in ipairs(per_omgeving[o] and per_omgeving[o].indicatoren or {}) do
            cijfers[#cijfers + 1] = x.id
          end
        end
        k.cijfers = cijfers
        knelpunten[#knelpunten + 1] = k
      end
    end

    local samenvatting = {}
    for _, o in ipairs(OMGEVINGEN) do
      local d = per_omgeving[o]
      samenvatting[#samenvatting + 1] = string.format("%s: %d verhalen, %d cijfers", o, #d.verhalen,
        #d.indicatoren)
    end
    return {
      diagnose = { per_omgeving = per_omgeving, knelpunten = knelpunten, samenvatting = samenvatting },
    }
  end,

  voorbeeld = {
    resultaten = { hoofdvraag = { vraag = "Hoe voelen bewoners zich weer veilig?", impact = {}, aannames = {} } },
    deelnemers = {
      { id = "anna", groep = "bewoners" },
      { id = "bram", groep = "jongeren" },
    },
    invoer = {
      dag = {
        { id = "d1", wie = "anna", veld = "avond", tekst = "Ik loop om het plein heen als ik van mijn werk kom",
          omgevingen = { "fysiek", "crimineel" } },
        { id = "d2", wie = "bram", veld = "middag", tekst = "Na school hangen we bij de snackbar, er is niks anders",
          omgevingen = { "sociaal", "institutioneel" } },
        { id = "d3", wie = "anna", veld = "ochtend", tekst = "Bij de bakker hoor je alles wat er 's nachts gebeurde",
          omgevingen = { "sociaal" } },
      },
      knelpunten = {
        { wie = "anna", op = "d2", aantal = 2 },
        { wie = "anna", op = "d1", aantal = 1 },
        { wie = "bram", op = "d2", aantal = 3 },
      },
    },
    verwacht = {
      diagnose = {
        knelpunten = { { id = "d2", stemmen = 5 }, { id = "d1", stemmen = 1 } },
        per_omgeving = {
          sociaal = { verhalen = { { id = "d2" }, { id = "d3" } } },
          crimineel = { verhalen = { { id = "d1" } } },
        },
      },
    },
  },
}
