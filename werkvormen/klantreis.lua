-- Teken de klantreis (sprint 3, Wijkwens(en))
--
-- We tekenen stap voor stap de reis die een bewoner (of een ondernemer, een
-- jongere) door de wijk maakt, met de hoogte- en dieptepunten. Elk moment
-- krijgt een gevoel op een schaal van -3 (heel naar) tot +3 (heel fijn). Bij
-- de dieptepunten schrijven we wijkwensen: hoe zou dit moment moeten zijn?
-- De wijkwensen met de meeste stemmen gaan naar de consentronde.

local GEVOEL = { "heel naar", "naar", "een beetje naar", "neutraal", "een beetje fijn", "fijn", "heel fijn" }

local function item(b)
  return {
    id = b.id, tekst = b.tekst, omgevingen = b.omgevingen or {},
    stemmen = b.stemmen or 0, stemmen_per_groep = b.stemmen_per_groep or {},
    groep = b.groep, bij = b.bij,
  }
end

local function rond(x)
  return math.floor(x * 100 + 0.5) / 100
end

return {
  id = "klantreis",
  naam = "Teken de klantreis",
  versie = "1.0.0",
  sprint = 3,
  toelichting = "De deelnemers tekenen stap voor stap de reis die een bewoner of andere betrokkene door de "
    .. "wijk maakt, met de hoogte- en dieptepunten. Bij de dieptepunten schrijven ze wijkwensen.",
  opbrengst = "Een klantreis met het gevoel per moment, de dieptepunten, en wijkwensen gewogen met stemmen.",
  deelnemers = { "bewoners", "ondernemers", "jongeren", "professionals" },
  groep = { min = 4, max = 14 },
  duur = 90,
  schatting = "Deelnemers, groepsgrootte en duur zijn een schatting van de auteur; het CCV noemt ze niet.",
  nodig = { "pijnen" },
  levert = { "klantreis", "wijkwensen" },
  stappen = {
    {
      id = "intro", titel = "Een reis door de wijk", duur = 5, invoer = "geen",
      instructie = "We tekenen de reis van één persoon door de wijk, van het moment dat ze de deur uitgaat "
        .. "tot ze weer thuis is. Op de muur hangt een lange lijn. Boven de lijn is het fijn, onder de lijn "
        .. "is het naar. We beginnen bij de pijnen uit de vorige sprint.",
    },
    {
      id = "persona", titel = "Wiens reis?", duur = 5, invoer = "bijdrage", gevoelig = true,
      instructie = "Wiens reis tekenen we? Kies iemand uit de empathiekaart of iemand die de grootste pijn "
        .. "voelt. Beschrijf in één zin wie het is en waar de reis heen gaat.",
    },
    {
      id = "momenten", titel = "De momenten van de reis", duur = 25, invoer = "bijdrage",
      omgevingen = "optioneel",
      instructie = "Schrijf de momenten van de reis op, in de volgorde waarin ze gebeuren: de voordeur, het "
        .. "portiek, de straat, het plein, de winkel, de school. Eén moment per briefje. Hoort een moment bij "
        .. "een pijn uit sprint 2, zet dan die pijn erbij. Zet er als je wilt bij welke omgeving het raakt.",
    },
    {
      id = "gevoel", titel = "Hoe voelt dit moment?", duur = 15, invoer = "plaatsing", op = "momenten",
      schaal = { min = -3, max = 3, labels = GEVOEL },
      instructie = "Geef elk moment een plek: van -3 (heel naar) tot +3 (heel fijn). Denk vanuit de persoon, "
        .. "niet vanuit jezelf. We nemen het gemiddelde; de laagste punten zijn de dieptepunten.",
    },
    {
      id = "wensen", titel = "Wijkwensen bij de dieptepunten", duur = 25, invoer = "bijdrage",
      omgevingen = "optioneel",
      instructie = "Kijk naar de dieptepunten. Hoe zou dat moment eruit moeten zien? Schrijf een wens als "
        .. "een gewenste situatie, niet als een maatregel: 'Mijn kinderen kunnen 's middags alleen over het "
        .. "plein naar school', niet 'meer camera's'. Zet het moment erbij waar de wens bij hoort.",
    },
    {
      id = "stemmen", titel = "Welke wensen dragen we samen?", duur = 10, invoer = "stem", stemmen = 3,
      op = "wensen",
      instructie = "Iedereen heeft drie stemmen voor de wijkwensen die voor de hele wijk het verschil maken.",
    },
    {
      id = "afronding", titel = "Afronding", duur = 5, invoer = "geen",
      instructie = "Lees de wijkwensen met de meeste stemmen voor. Zij gaan naar de consentronde, waar we "
        .. "besluiten welke in de ontwerpbrief komen.",
    },
  },

  bij_stap = function(van, naar, sessie)
    if naar == "momenten" then
      local pijnen = wp.resultaat("pijnen") or {}
      local regels = { "Pijnen uit sprint 2:" }
      for i = 1, math.min(5, #pijnen) do
        regels[#regels + 1] = string.format("%s: %s (%d stemmen)", pijnen[i].id, pijnen[i].tekst,
          pijnen[i].stemmen or 0)
      end
      return table.concat(regels, "\n")
    end
    if naar == "wensen" then
      local laag = {}
      for i, b in ipairs(wp.bijdragen(sessie, { stap = "momenten" })) do
        if b.plaatsing and b.plaatsing.gemiddelde < 0 then laag[#laag + 1] = { b = b, i = i } end
      end
      table.sort(laag, function(x, y)
        if x.b.plaatsing.gemiddelde ~= y.b.plaatsing.gemiddelde then
          return x.b.plaatsing.gemiddelde < y.b.plaatsing.gemiddelde
        end
        return x.i < y.i
      end)
      local regels = { "De laagste momenten (schrijf hier wijkwensen bij):" }
      for n = 1, math.min(5, #laag) do
        local b = laag[n].b
        local gevoel = string.format("%g", rond(b.plaatsing.gemiddelde)):gsub("%.", ",")
        regels[#regels + 1] = string.format("%s (%s): %s", b.id, gevoel, b.tekst)
      end
      if #laag > 0 then return table.concat(regels, "\n") end
    end
    return nil
  end,

  resultaat = function(sessie)
    local personas = wp.bijdragen(sessie, { stap = "persona" })
    local momenten, per_id = {}, {}
    for i, b in ipairs(wp.bijdragen(sessie, { stap = "momenten" })) do
      local m = {
        id = b.id, tekst = b.tekst, volgorde = i, omgevingen = b.omgevingen or {}, bij = b.bij,
        emotie = b.plaatsing and rond(b.plaatsing.gemiddelde) or nil,
        plaatsingen = b.plaatsing and b.plaatsing.aantal or 0,
      }
      momenten[i] = m
      per_id[b.id] = m
    end

    -- Dieptepunten: de momenten onder nul, het laagste eerst. Is niets onder
    -- nul, dan is het laagste moment het dieptepunt.
    local geplaatst = {}
    for _, m in ipairs(momenten) do if m.emotie then geplaatst[#geplaatst + 1] = m end end
    table.sort(geplaatst, function(a, b)
      if a.emotie ~= b.emotie then return a.emotie < b.emotie end
      return a.volgorde < b.volgorde
    end)
    local dieptepunten = {}
    for _, m in ipairs(geplaatst) do
      if m.emotie < 0 then
        dieptepunten[#dieptepunten + 1] = { id = m.id, tekst = m.tekst, emotie = m.emotie, volgorde = m.volgorde }
      end
    end
    if #dieptepunten == 0 and geplaatst[1] then
      local m = geplaatst[1]
      dieptepunten[1] = { id = m.id, tekst = m.tekst, emotie = m.emotie, volgorde = m.volgorde }
    end
    local hoogtepunt = geplaatst[#geplaatst]

    -- Wijkwensen, gerangschikt op stemmen, met het moment waar ze bij horen.
    local wensen = wp.bijdragen(sessie, { stap = "wensen" })
    local wijkwensen = {}
    for i, b in ipairs(wp.top(wensen, #wensen, "stemmen")) do
      local w = item(b)
      if b.bij and per_id[b.bij] then w.moment = per_id[b.bij].tekst end
      wijkwensen[i] = w
    end

    return {
      klantreis = {
        persona = personas[1] and personas[1].tekst or nil,
        momenten = momenten,
        dieptepunten = dieptepunten,
        hoogtepunt = hoogtepunt and { id = hoogtepunt.id, tekst = hoogtepunt.tekst, emotie = hoogtepunt.emotie }
          or nil,
      },
      wijkwensen = wijkwensen,
    }
  end,

  voorbeeld = {
    resultaten = { pijnen = { { id = "pw1", tekst = "Kinderen kunnen niet alleen naar school", stemmen = 6 } } },
    deelnemers = {
      { id = "anna", groep = "bewoners" },
      { id = "bram", groep = "jongeren" },
    },
    invoer = {
      persona = { { id = "p1", wie = "anna", tekst = "Samira brengt haar kinderen naar school en doet boodschappen" } },
      momenten = {
        { id = "m1", wie = "anna", tekst = "Voordeur: de portiekdeur sluit niet", omgevingen = { "fysiek" } },
        { id = "m2", wie = "anna", tekst = "Over het plein: groep jongens bij de bankjes", bij = "pw1",
          omgevingen = { "crimineel", "sociaal" } },
        { id = "m3", wie = "bram", tekst = "Het schoolplein: de juf zegt gedag" },
      },
      gevoel = {
        { wie = "anna", op = "m1", waarde = -1 },
        { wie = "bram", op = "m1", waarde = -2 },
        { wie = "anna", op = "m2", waarde = -3 },
        { wie = "bram", op = "m2", waarde = -2 },
        { wie = "anna", op = "m3", waarde = 2 },
      },
      wensen = {
        { id = "w1", wie = "anna", tekst = "Kinderen lopen 's middags zonder angst over het plein", bij = "m2" },
        { id = "w2", wie = "bram", tekst = "Een portiek dat dicht kan en licht is", bij = "m1" },
      },
      stemmen = {
        { wie = "anna", op = "w1", aantal = 2 },
        { wie = "bram", op = "w1", aantal = 1 },
        { wie = "bram", op = "w2", aantal = 2 },
        { wie = "anna", op = "w2", aantal = 1 },
      },
    },
    verwacht = {
      klantreis = {
        persona = "Samira brengt haar kinderen naar school en doet boodschappen",
        momenten = { { id = "m1", volgorde = 1, emotie = -1.5 }, { id = "m2", volgorde = 2, emotie = -2.5 },
                     { id = "m3", volgorde = 3, emotie = 2 } },
        dieptepunten = { { id = "m2", emotie = -2.5 }, { id = "m1", emotie = -1.5 } },
      },
      wijkwensen = { { id = "w1", stemmen = 3, bij = "m2" }, { id = "w2", stemmen = 3, bij = "m1" } },
    },
  },
}
