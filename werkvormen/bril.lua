-- Kijk door de bril van (sprint 4, Ideeën)
--
-- De deelnemers kijken naar de wijkwensen door de ogen van iemand anders:
-- een bewoner, een ondernemer, een jongere, een professional, iemand die
-- vroeger zelf in de criminaliteit zat, of een kind. Vanuit die bril
-- bedenken ze ideeën voor interventies. Elk idee hoort bij een wijkwens en
-- krijgt de omgevingen die het raakt. Met stemmen kiezen ze de beste.
--
-- Lijkt een idee op een eerdere interventie uit de casus (zelfde
-- trefwoorden), dan zetten we dat erbij, met wat er toen geleerd is.
-- Werkt de werkvorm 'Hoe zouden ... dit oplossen' hierna, dan voegt die zijn
-- ideeën bij deze en kiest opnieuw uit alles.

local MAX_GEKOZEN = 5   -- hoeveel ideeën hooguit door mogen naar sprint 5
local DREMPEL = 3       -- minimaal aantal stemmen voor een gekozen idee

local BRILLEN = { "bewoner", "ondernemer", "jongere", "professional", "ervaringsdeskundige", "kind" }

-- De casus verandert niet tijdens een traject; lijkt_op vraagt hem voor
-- elk idee, dus één keer opvragen (wp.casus() maakt elke keer een kopie).
local de_casus
local function casus()
  de_casus = de_casus or wp.casus() or {}
  return de_casus
end

-- De wijkwensen waar ideeën bij horen: de aangenomen wensen uit de
-- ontwerpbrief, anders alle wijkwensen.
local function wijkwensen()
  local brief = wp.resultaat("ontwerpbrief")
  if brief and brief.wijkwensen and #brief.wijkwensen > 0 then return brief.wijkwensen end
  return wp.resultaat("wijkwensen") or {}
end

-- De trefwoorden van elke eerdere interventie, één keer in kleine letters:
-- lijkt_op vergelijkt ze met elk idee.
local eerdere
local function eerdere_interventies()
  if not eerdere then
    eerdere = {}
    for _, x in ipairs(casus().eerdere_interventies or {}) do
      local woorden = {}
      for i, w in ipairs(x.trefwoorden or {}) do woorden[i] = w:lower() end
      eerdere[#eerdere + 1] = { interventie = x, woorden = woorden }
    end
  end
  return eerdere
end

-- De eerdere interventie uit de casus waar dit idee op lijkt, of nil.
local function lijkt_op(tekst)
  local laag = tekst:lower()
  for _, e in ipairs(eerdere_interventies()) do
    local x = e.interventie
    for _, w in ipairs(e.woorden) do
      if laag:find(w, 1, true) then
        return { id = x.id, naam = x.naam, periode = x.periode, uitkomst = x.uitkomst, geleerd = x.geleerd,
                 herbruikbaar = x.herbruikbaar }
      end
    end
  end
  return nil
end

local function idee(b, bron, wensen)
  local i = {
    id = b.id, tekst = b.tekst, omgevingen = b.omgevingen or {}, stemmen = b.stemmen or 0,
    stemmen_per_groep = b.stemmen_per_groep or {}, groep = b.groep, bij = b.bij, bron = bron, bril = b.veld,
  }
  if b.bij and wensen[b.bij] then i.wijkwens = wensen[b.bij].tekst end
  i.lijkt_op = lijkt_op(b.tekst)
  return i
end

-- Kiest de ideeën met de meeste stemmen; wie afvalt krijgt een reden.
local function kies(ideeen)
  local lijst = wp.top(ideeen, #ideeen, "stemmen")
  local gekozen, grens = {}, nil
  for _, i in ipairs(lijst) do
    if #gekozen < MAX_GEKOZEN and i.stemmen >= DREMPEL then
      i.gekozen = true
      gekozen[#gekozen + 1] = i
      grens = i.stemmen
    else
      i.gekozen = false
      if i.stemmen < DREMPEL then
        i.reden = string.format("te weinig stemmen (%d; minimaal %d)", i.stemmen, DREMPEL)
      else
        i.reden = string.format("niet bij de beste %d (%d stemmen; de laatst gekozene had er %d)", MAX_GEKOZEN,
          i.stemmen, grens or 0)
      end
    end
    if i.lijkt_op and i.lijkt_op.uitkomst == "mislukt" then
      i.waarschuwing = string.format("lijkt op '%s' (%s), die mislukte: %s", i.lijkt_op.naam,
        i.lijkt_op.periode or "?", i.lijkt_op.geleerd or "")
    end
  end
  return lijst, gekozen
end

return {
  id = "bril",
  naam = "Kijk door de bril van",
  versie = "1.0.0",
  sprint = 4,
  toelichting = "De deelnemers kijken naar de wijkwensen door de ogen van een ander persoon of een andere "
    .. "groep en bedenken vanuit die bril ideeën voor interventies. Met stemmen kiezen ze de beste.",
  opbrengst = "Ideeën voor interventies, elk bij een wijkwens en met de omgevingen die het raakt, gekozen "
    .. "met stemmen.",
  deelnemers = { "bewoners", "ondernemers", "jongeren", "professionals", "ervaringsdeskundigen" },
  groep = { min = 4, max = 16 },
  duur = 90,
  schatting = "Deelnemers, groepsgrootte en duur zijn een schatting van de auteur; het CCV noemt ze niet.",
  nodig = { "wijkwensen", "ontwerpbrief" },
  levert = { "ideeen", "gekozen_ideeen" },
  stappen = {
    {
      id = "intro", titel = "Een andere bril", duur = 10, invoer = "geen",
      instructie = "We hebben een ontwerpbrief en wijkwensen waar iedereen achter staat. Nu bedenken we "
        .. "ideeën. Dat doen we door een andere bril op te zetten: hoe kijkt een moeder met een kinderwagen "
        .. "naar het plein? Een jongen van zestien? De snackbareigenaar? Iemand die vroeger zelf dealde? "
        .. "Elke ronde duurt tien minuten, daarna wissel je van bril.",
    },
    {
      id = "ideeen", titel = "Ideeën door de bril", duur = 45, invoer = "bijdrage",
      velden = BRILLEN, omgevingen = "verplicht",
      instructie = "Kies een wijkwens en zet de bril op die de begeleider noemt. Wat zou deze persoon nodig "
        .. "hebben? Wat zou hij of zij zelf doen? Schrijf elk idee op een briefje, met de wijkwens waar het "
        .. "bij hoort en de omgevingen die het raakt: sociaal, fysiek, institutioneel of crimineel. Een idee "
        .. "dat meer omgevingen raakt, is vaak sterker.",
    },
    {
      id = "delen", titel = "Ideeën delen", duur = 15, invoer = "geen",
      instructie = "Elk tweetal vertelt zijn twee sterkste ideeën. De anderen mogen alleen vragen stellen om "
        .. "het idee beter te begrijpen, nog geen kritiek.",
    },
    {
      id = "stemmen", titel = "Kiezen met stemmen", duur = 15, invoer = "stem", stemmen = 3, op = "ideeen",
      instructie = "Iedereen heeft drie stemmen. Kies de ideeën die de wijkwensen het best dienen en waar "
        .. "jouw groep achter kan staan. Let op: lijkt een idee op iets dat eerder mislukte, dan zegt de "
        .. "begeleider dat erbij.",
    },
    {
      id = "afronding", titel = "Afronding", duur = 5, invoer = "geen",
      instructie = "Lees de gekozen ideeën voor. Voor elk idee dat afvalt, zeggen we waarom. Dat bewaren we, "
        .. "zodat later iedereen kan nagaan hoe de keuze tot stand kwam.",
    },
  },

  bij_stap = function(van, naar, sessie)
    if naar == "ideeen" then
      local regels = { "Wijkwensen:" }
      for _, w in ipairs(wijkwensen()) do regels[#regels + 1] = w.id .. ": " .. w.tekst end
      return table.concat(regels, "\n")
    end
    if naar == "stemmen" then
      local regels = {}
      for _, b in ipairs(wp.bijdragen(sessie, { stap = "ideeen" })) do
        local x = lijkt_op(b.tekst)
        if x then regels[#regels + 1] = string.format("Let op: %s lijkt op '%s' (%s)", b.id, x.naam, x.uitkomst) end
      end
      if #regels > 0 then return table.concat(regels, "\n") end
    end
    return nil
  end,

  resultaat = function(sessie)
    local wensen = {}
    for _, w in ipairs(wijkwensen()) do wensen[w.id] = w end
    local ideeen = {}
    for _, b in ipairs(wp.bijdragen(sessie, { stap = "ideeen" })) do ideeen[#ideeen + 1] = idee(b, "bril", wensen) end
    local lijst, gekozen = kies(ideeen)
    return { ideeen = lijst, gekozen_ideeen = gekozen }
  end,

  voorbeeld = {
    resultaten = {
      wijkwensen = { { id = "w1", tekst = "Het plein is van iedereen", stemmen = 6 } },
      ontwerpbrief = { probleem = "Het plein is van de dealers", wijkwensen = { { id = "w1", tekst = "Het plein is van iedereen" } } },
    },
    deelnemers = {
      { id = "anna", groep = "bewoners" },
      { id = "bram", groep = "jongeren" },
      { id = "cor", groep = "professionals" },
    },
    invoer = {
      ideeen = {
        { id = "i1", wie = "bram", veld = "jongere", tekst = "Een panna-kooi op het plein die jongeren zelf beheren",
          bij = "w1", omgevingen = { "sociaal", "fysiek" } },
        { id = "i2", wie = "anna", veld = "bewoner", tekst = "Meer camera's op het plein",
          bij = "w1", omgevingen = { "fysiek", "crimineel" } },
        { id = "i3", wie = "cor", veld = "kind", tekst = "Een speeltuin met een bankje voor ouders",
          bij = "w1", omgevingen = { "fysiek", "sociaal" } },
      },
      stemmen = {
        { wie = "anna", op = "i1", aantal = 2 },
        { wie = "bram", op = "i1", aantal = 3 },
        { wie = "cor", op = "i2", aantal = 2 },
        { wie = "anna", op = "i3", aantal = 1 },
        { wie = "cor", op = "i3", aantal = 1 },
      },
    },
    verwacht = {
      gekozen_ideeen = { { id = "i1", stemmen = 5, gekozen = true, bril = "jongere", wijkwens = "Het plein is van iedereen" } },
      ideeen = {
        { id = "i1", gekozen = true },
        { id = "i2", gekozen = false, reden = "te weinig stemmen (2; minimaal 3)" },
        { id = "i3", gekozen = false },
      },
    },
  },
}
