-- Scenario's in een bordspel (sprint 5, Prototypen)
--
-- De gekozen ideeën worden tastbaar op een bord: een plattegrond van de wijk
-- met het plein, de winkelstraat, de flats, het park en de school. Pionnen
-- zijn bewoners, jongeren, ondernemers, de wijkagent, de boa, de
-- jongerenwerker en ook de dealer. Per idee zetten we een prototype op het
-- bord en spelen we scenario's: "vrijdagavond, tien uur, het regent". Elk
-- scenario krijgt een oordeel van -2 (mislukt) tot +2 (werkt goed).
--
-- Een prototype, een scenario en een inzicht horen bij een idee uit sprint 4:
-- zet de id van het idee bij 'bij'.

local OORDEEL = { "mislukt", "schuurt", "neutraal", "werkt", "werkt goed" }

local function rond(x)
  return math.floor(x * 100 + 0.5) / 100
end

local function voeg_omgevingen_toe(doel, gezien, lijst)
  for _, o in ipairs(lijst or {}) do
    if not gezien[o] then gezien[o] = true; doel[#doel + 1] = o end
  end
end

return {
  id = "bordspel",
  naam = "Scenario's in een bordspel",
  versie = "1.0.0",
  sprint = 5,
  toelichting = "De deelnemers maken de gekozen ideeën tastbaar op een bord met de plattegrond van de wijk "
    .. "en spelen er scenario's mee: wat gebeurt er op vrijdagavond, in de regen, als de groep terugkomt?",
  opbrengst = "Een prototype per gekozen idee, met de scenario's die ermee gespeeld zijn, hun oordeel en "
    .. "de inzichten.",
  deelnemers = { "bewoners", "ondernemers", "jongeren", "professionals", "ervaringsdeskundigen" },
  groep = { min = 4, max = 12 },
  duur = 120,
  schatting = "Deelnemers, groepsgrootte en duur zijn een schatting van de auteur; het CCV noemt ze niet.",
  nodig = { "gekozen_ideeen" },
  levert = { "prototypes" },
  stappen = {
    {
      id = "intro", titel = "Het bord en de pionnen", duur = 10, invoer = "geen",
      instructie = "Op tafel ligt de plattegrond van de wijk. De pionnen zijn bewoners, jongeren, ondernemers, "
        .. "de wijkagent, de boa, de jongerenwerker en ook iemand die dealt. We spelen hoe onze ideeën werken "
        .. "in het echt. Je mag dingen op het bord tekenen, verplaatsen en weghalen.",
    },
    {
      id = "prototypes", titel = "Het idee op het bord", duur = 20, invoer = "bijdrage",
      omgevingen = "optioneel",
      instructie = "Zet elk gekozen idee op het bord. Wat staat er, waar, wie doet wat, wanneer? Geef het "
        .. "prototype een korte naam en beschrijf het in een paar zinnen. Zet het idee erbij waar het bij hoort.",
    },
    {
      id = "scenarios", titel = "Scenario's spelen", duur = 45, invoer = "bijdrage", omgevingen = "optioneel",
      instructie = "De begeleider trekt een scenariokaart: een tijd, het weer, wie er is, wat er gebeurt. "
        .. "Speel het scenario met de pionnen. Wat doet iedereen? Schrijf op wat er in het scenario gebeurde, "
        .. "en bij welk idee het hoort.",
    },
    {
      id = "oordeel", titel = "Werkte het?", duur = 15, invoer = "plaatsing", op = "scenarios",
      schaal = { min = -2, max = 2, labels = OORDEEL },
      instructie = "Geef elk gespeeld scenario een oordeel: van -2 (het idee mislukt hier) tot +2 (het werkt "
        .. "goed). Denk vanuit de mensen in de wijk.",
    },
    {
      id = "inzichten", titel = "Wat leerden we?", duur = 20, invoer = "bijdrage",
      velden = { "werkt", "schuurt", "verrast" },
      instructie = "Wat werkt aan dit prototype? Waar schuurt het? Wat verraste je? Eén inzicht per briefje, "
        .. "bij het idee waar het over gaat.",
    },
    {
      id = "afronding", titel = "Afronding", duur = 10, invoer = "geen",
      instructie = "Maak een foto van het bord (zonder mensen erop). De prototypes gaan naar het rollenspel "
        .. "en daarna naar de testen in sprint 6.",
    },
  },

  bij_stap = function(van, naar, sessie)
    if naar == "prototypes" then
      local regels = { "Gekozen ideeën:" }
      for _, i in ipairs(wp.resultaat("gekozen_ideeen") or {}) do regels[#regels + 1] = i.id .. ": " .. i.tekst end
      return table.concat(regels, "\n")
    end
    return nil
  end,

  resultaat = function(sessie)
    local ideeen, volgorde = {}, {}
    for _, i in ipairs(wp.resultaat("gekozen_ideeen") or {}) do ideeen[i.id] = i; volgorde[#volgorde + 1] = i.id end

    local per_idee = {}
    local function prototype_voor(idee_id)
      if per_idee[idee_id] then return per_idee[idee_id] end
      local idee = ideeen[idee_id]
      local p = {
        idee = idee_id, idee_tekst = idee and idee.tekst or nil, scenarios = {}, inzichten = {},
        omgevingen = {}, bron = "bordspel", _gezien = {},
      }
      voeg_omgevingen_toe(p.omgevingen, p._gezien, idee and idee.omgevingen)
      per_idee[idee_id] = p
      if not ideeen[idee_id] then volgorde[#volgorde + 1] = idee_id; ideeen[idee_id] = false end
      return p
    end

    for _, b in ipairs(wp.bijdragen(sessie, { stap = "prototypes" })) do
      if b.bij then
        local p = prototype_voor(b.bij)
        if p.id then
          p.beschrijving = (p.beschrijving and (p.beschrijving .. " ") or "") .. b.tekst
        else
          p.id, p.naam = b.id, b.tekst
        end
        voeg_omgevingen_toe(p.omgevingen, p._gezien, b.omgevingen)
      end
    end
    for _, b in ipairs(wp.bijdragen(sessie, { stap = "scenarios" })) do
      if b.bij then
        local p = prototype_voor(b.bij)
        local s = { id = b.id, tekst = b.tekst, omgevingen = b.omgevingen or {} }
        if b.plaatsing then
          s.oordeel = rond(b.plaatsing.gemiddelde)
          s.oordelen = b.plaatsing.aantal
        end
        p.scenarios[#p.scenarios + 1] = s
        voeg_omgevingen_toe(p.omgevingen, p._gezien, b.omgevingen)
      end
    end
    for _, b in ipairs(wp.bijdragen(sessie, { stap = "inzichten" })) do
      if b.bij then
        local p = prototype_voor(b.bij)
        p.inzichten[#p.inzichten + 1] = { id = b.id, tekst = b.tekst, soort = b.veld }
      end
    end

    local prototypes = {}
    for _, idee_id in ipairs(volgorde) do
      local p = per_idee[idee_id]
      if p then
        p._gezien = nil
        if not p.id then
          p.id = "pt-" .. idee_id
          p.naam = p.idee_tekst or idee_id
        end
        local som, n = 0, 0
        for _, s in ipairs(p.scenarios) do if s.oordeel then som = som + s.oordeel; n = n + 1 end end
        if n > 0 then p.oordeel = rond(som / n) end
        prototypes[#prototypes + 1] = p
      end
    end
    return { prototypes = prototypes }
  end,

  voorbeeld = {
    resultaten = {
      gekozen_ideeen = {
        { id = "i1", tekst = "Een panna-kooi die jongeren zelf beheren", stemmen = 5, omgevingen = { "sociaal", "fysiek" } },
        { id = "i2", tekst = "Een buurtbarbecue elke maand", stemmen = 4, omgevingen = { "sociaal" } },
      },
    },
    deelnemers = {
      { id = "anna", groep = "bewoners" },
      { id = "bram", groep = "jongeren" },
    },
    invoer = {
      prototypes = {
        { id = "pt-kooi", wie = "bram", bij = "i1", tekst = "Pannakooi naast de school, sleutel bij twee jongeren" },
      },
      scenarios = {
        { id = "sc1", wie = "anna", bij = "i1", tekst = "Zaterdagmiddag: oudere jongens claimen de kooi",
          omgevingen = { "crimineel" } },
        { id = "sc2", wie = "bram", bij = "i1", tekst = "Woensdagmiddag: kinderen en jongeren spelen samen" },
      },
      oordeel = {
        { wie = "anna", op = "sc1", waarde = -2 },
        { wie = "bram", op = "sc1", waarde = -1 },
        { wie = "anna", op = "sc2", waarde = 2 },
      },
      inzichten = {
        { id = "in1", wie = "bram", bij = "i1", veld = "schuurt", tekst = "Wie bepaalt wie erin mag?" },
      },
    },
    verwacht = {
      prototypes = {
        { id = "pt-kooi", idee = "i1", naam = "Pannakooi naast de school, sleutel bij twee jongeren",
          omgevingen = { "sociaal", "fysiek", "crimineel" }, oordeel = 0.25,
          scenarios = { { id = "sc1", oordeel = -1.5 }, { id = "sc2", oordeel = 2 } },
          inzichten = { { soort = "schuurt" } } },
      },
    },
  },
}
