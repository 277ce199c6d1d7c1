-- Hoe is het werkelijk met jou (empathiekaart) (sprint 2, Dit is er aan de hand)
--
-- Voor een gekozen persoon (een persona: een bewoner, een ondernemer, een
-- jongere) zoeken we uit wat hij of zij denkt, hoort, ziet, zegt en doet, en
-- waar de pijn zit en wat de winst is van het gedrag van nu. De pijnen en
-- winsten worden gewogen met stemmen, ook per groep: zo zie je of bewoners
-- en professionals andere dingen belangrijk vinden.

local KAART = { "denkt", "hoort", "ziet", "zegt", "doet" }

local function casus()
  return wp.casus() or {}
end

local function item(b)
  return {
    id = b.id, tekst = b.tekst, omgevingen = b.omgevingen or {},
    stemmen = b.stemmen or 0, stemmen_per_groep = b.stemmen_per_groep or {},
    groep = b.groep, bij = b.bij,
  }
end

local function gerangschikt(lijst)
  local uit = {}
  for i, b in ipairs(wp.top(lijst, #lijst, "stemmen")) do uit[i] = item(b) end
  return uit
end

return {
  id = "empathiekaart",
  naam = "Hoe is het werkelijk met jou (empathiekaart)",
  versie = "1.0.0",
  sprint = 2,
  toelichting = "Voor een gekozen persoon zoeken de deelnemers uit wat hij of zij denkt, hoort, ziet, zegt en "
    .. "doet, waar de pijn zit en wat de winst is van het huidige gedrag. Bewoners, ondernemers en jongeren "
    .. "vullen de kaart zelf mee in.",
  opbrengst = "Een empathiekaart per persona, en de pijnen en winsten gewogen met stemmen (ook per groep).",
  deelnemers = { "bewoners", "ondernemers", "jongeren", "professionals" },
  groep = { min = 4, max = 12 },
  duur = 90,
  schatting = "Deelnemers, groepsgrootte en duur zijn een schatting van de auteur; het CCV noemt ze niet.",
  nodig = { "hoofdvraag", "glijbaan" },
  levert = { "empathiekaart", "pijnen", "winsten" },
  stappen = {
    {
      id = "intro", titel = "Waarom een empathiekaart", duur = 5, invoer = "geen",
      instructie = "We gaan in de schoenen staan van één persoon uit de wijk. Niet wat wij vinden telt, maar "
        .. "wat die persoon meemaakt. Iedereen die hier woont of werkt is deskundige. Wat je zegt blijft "
        .. "zonder naam: we schrijven geen namen of adressen op.",
    },
    {
      id = "persona", titel = "Voor wie maken we de kaart?", duur = 10, invoer = "bijdrage",
      gevoelig = true,  -- de persona lijkt vaak op een echte buurtbewoner
      instructie = "Kies een persoon die de pijn voelt: iemand die onderaan of in het midden van de "
        .. "glijbaan staat. Geef hem of haar een naam, een leeftijd en een plek in de wijk. Bijvoorbeeld: "
        .. "'Samira, 38, woont met twee kinderen op de derde verdieping van de flat'.",
    },
    {
      id = "kaart", titel = "Denkt, hoort, ziet, zegt, doet", duur = 35, invoer = "bijdrage",
      velden = KAART, omgevingen = "optioneel", gevoelig = true,
      instructie = "Vul de kaart in voor deze persoon. Wat denkt ze als ze 's avonds thuiskomt? Wat hoort "
        .. "ze van de buren? Wat ziet ze op het plein? Wat zegt ze tegen anderen? Wat doet ze, of laat ze? "
        .. "Eén ding per briefje. Zet er als je wilt bij welke omgeving het raakt: sociaal, fysiek, "
        .. "institutioneel of crimineel.",
    },
    {
      id = "pijn_winst", titel = "Pijn en winst", duur = 20, invoer = "bijdrage",
      velden = { "pijn", "winst" }, omgevingen = "optioneel",
      instructie = "Kijk naar de kaart. Waar zit de pijn: waar is ze bang voor, wat kost het haar, waar "
        .. "loopt ze tegenaan? En wat is de winst van hoe ze het nu doet: wat levert het haar op om "
        .. "bijvoorbeeld niet te melden of een omweg te lopen? Schrijf pijnen en winsten op aparte briefjes.",
    },
    {
      id = "stemmen", titel = "Wat weegt het zwaarst?", duur = 15, invoer = "stem", stemmen = 3,
      op = "pijn_winst",
      instructie = "Iedereen heeft drie stemmen. Zet ze op de pijnen en winsten die volgens jou het meest "
        .. "bepalen hoe deze persoon zich voelt in de wijk.",
    },
    {
      id = "afronding", titel = "Wat nemen we mee", duur = 5, invoer = "geen",
      instructie = "Lees de drie pijnen met de meeste stemmen voor. Herkent iedereen ze? Deze pijnen zijn "
        .. "straks de invoer van de klantreis.",
    },
  },

  bij_stap = function(van, naar, sessie)
    if naar == "persona" then
      local hoofdvraag = wp.resultaat("hoofdvraag")
      local glijbaan = wp.resultaat("glijbaan")
      local onder = {}
      for _, p in ipairs(glijbaan and glijbaan.posities or {}) do
        if p.positie == "onder" then onder[#onder + 1] = p.naam or p.betrokkene end
      end
      local regels = {}
      if hoofdvraag then regels[#regels + 1] = "Hoofdvraag: " .. hoofdvraag.vraag end
      if #onder > 0 then
        regels[#regels + 1] = "Onderaan de glijbaan (voelen de pijn, klaar om te handelen): " .. table.concat(onder, ", ")
      end
      return table.concat(regels, "\n")
    end
    return nil
  end,

  resultaat = function(sessie)
    local personas = wp.bijdragen(sessie, { stap = "persona" })
    local kaart = { persona = personas[1] and personas[1].tekst or nil }
    for _, veld in ipairs(KAART) do
      local uit = {}
      for i, b in ipairs(wp.bijdragen(sessie, { stap = "kaart", veld = veld })) do uit[i] = item(b) end
      kaart[veld] = uit
    end
    local pijnen = gerangschikt(wp.bijdragen(sessie, { stap = "pijn_winst", veld = "pijn" }))
    local winsten = gerangschikt(wp.bijdragen(sessie, { stap = "pijn_winst", veld = "winst" }))
    kaart.pijnen, kaart.winsten = pijnen, winsten
    if #personas > 1 then
      kaart.andere_personas = {}
      for i = 2, #personas do kaart.andere_personas[i - 1] = personas[i].tekst end
    end
    return { empathiekaart = kaart, pijnen = pijnen, winsten = winsten }
  end,

  voorbeeld = {
    resultaten = {
      hoofdvraag = { vraag = "Hoe voelen bewoners zich weer veilig op het plein?", impact = {}, aannames = {} },
      glijbaan = { posities = { { betrokkene = "bewoners", naam = "Bewoners", positie = "onder", waarde = 3 } } },
    },
    deelnemers = {
      { id = "anna", groep = "bewoners" },
      { id = "bram", groep = "jongeren" },
      { id = "cor", groep = "professionals" },
    },
    invoer = {
      persona = { { id = "p1", wie = "anna", tekst = "Samira, 38, moeder van twee, derde verdieping van de flat" } },
      kaart = {
        { id = "k1", wie = "anna", veld = "denkt", tekst = "Als ik iets meld, weten ze dat ik het was" },
        { id = "k2", wie = "bram", veld = "ziet", tekst = "Jongens die op de trap staan te wachten",
          omgevingen = { "crimineel" } },
      },
      pijn_winst = {
        { id = "pw1", wie = "anna", veld = "pijn", tekst = "Durft de kinderen niet alleen naar school te laten lopen",
          omgevingen = { "sociaal", "fysiek" } },
        { id = "pw2", wie = "cor", veld = "pijn", tekst = "Meldingen verdwijnen in een zwart gat",
          omgevingen = { "institutioneel" } },
        { id = "pw3", wie = "bram", veld = "winst", tekst = "Door binnen te blijven krijgt ze geen gedoe" },
      },
      stemmen = {
        { wie = "anna", op = "pw1", aantal = 2 },
        { wie = "anna", op = "pw2", aantal = 1 },
        { wie = "bram", op = "pw2", aantal = 3 },
        { wie = "cor", op = "pw1", aantal = 1 },
        { wie = "cor", op = "pw3", aantal = 2 },
      },
    },
    verwacht = {
      pijnen = {
        { id = "pw2", stemmen = 4, stemmen_per_groep = { bewoners = 1, jongeren = 3 } },
        { id = "pw1", stemmen = 3 },
      },
      winsten = { { id = "pw3", stemmen = 2 } },
      empathiekaart = {
        persona = "Samira, 38, moeder van twee, derde verdieping van de flat",
        denkt = { { id = "k1" } },
        ziet = { { id = "k2" } },
      },
    },
  },
}
