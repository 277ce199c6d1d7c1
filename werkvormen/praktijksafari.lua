-- Praktijksafari (sprint 1, Zien en voelen)
--
-- Beleidsmakers gaan de wijk in en kijken er met andere ogen naar: ze lopen
-- een route, praten met wie ze tegenkomen en noteren wat ze zien, horen en
-- voelen. Daarna plaatsen ze samen alle betrokkenen op de glijbaan:
-- boven   = ziet het probleem niet en voelt geen pijn,
-- midden  = voelt de pijn, maar heeft geen middelen om iets te veranderen,
-- onder   = voelt de pijn en is klaar om in actie te komen.
-- Kaart volgens het CCV: beleidsambtenaren, 5 tot 10 personen, ongeveer 2,5 uur.

local POSITIES = { "boven", "midden", "onder" }

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

-- Rondt een gemiddelde op de glijbaan (1 tot 3) af naar een positie.
local function positie(waarde)
  local i = math.floor(waarde + 0.5)
  if i < 1 then i = 1 elseif i > 3 then i = 3 end
  return POSITIES[i]
end

return {
  id = "praktijksafari",
  naam = "Praktijksafari",
  versie = "1.0.0",
  sprint = 1,
  toelichting = "Deelnemers gaan de wijk in en leren er op een andere manier naar te kijken: ze lopen een "
    .. "route, praten met mensen die ze tegenkomen en noteren wat ze zien, horen en voelen. Daarna "
    .. "plaatsen ze de betrokkenen op de glijbaan.",
  opbrengst = "Begrip van de situatie vanuit een ander perspectief: observaties uit de wijk en de "
    .. "betrokkenen op de glijbaan.",
  deelnemers = { "beleidsambtenaren", "professionals" },
  groep = { min = 5, max = 10 },
  duur = 150,
  schatting = "Deelnemers, groepsgrootte en duur komen van het CCV; de verdeling over de stappen en de "
    .. "glijbaan als slotstap zijn een keuze van de auteur.",
  nodig = {},
  levert = { "glijbaan", "observaties" },
  stappen = {
    {
      id = "voorbereiding", titel = "Route en afspraken", duur = 15, invoer = "geen",
      instructie = "We lopen in tweetallen een route door de wijk: langs het plein, de winkelstraat, de "
        .. "flats, het park en de school. Kijk alsof je hier voor het eerst bent. Praat met mensen als ze "
        .. "dat willen, en vertel wie je bent. Maak geen foto's van mensen en schrijf geen namen of "
        .. "huisnummers op. Voel je je ergens niet veilig, ga dan niet verder en meld het. "
        .. "We zijn over anderhalf uur terug.",
    },
    {
      id = "safari", titel = "De wijk in", duur = 75, invoer = "bijdrage",
      velden = { "gezien", "gehoord", "gevoeld" }, omgevingen = "verplicht",
      instructie = "Noteer onderweg wat je ziet, wat je hoort en wat je voelt. Eén waarneming per briefje. "
        .. "Zet erbij welke omgeving het raakt: sociaal, fysiek, institutioneel of crimineel. Een kapotte "
        .. "lantaarn is fysiek; een bewoner die zegt dat melden geen zin heeft is sociaal en institutioneel.",
    },
    {
      id = "stemmen", titel = "Wat viel het meest op?", duur = 15, invoer = "stem", stemmen = 3, op = "safari",
      instructie = "Hang alle briefjes op. Iedereen heeft drie stemmen voor de waarnemingen die het meest "
        .. "zeggen over hoe het werkelijk is in de wijk.",
    },
    {
      id = "glijbaan", titel = "Betrokkenen op de glijbaan", duur = 35, invoer = "plaatsing",
      op = "betrokkenen", schaal = { min = 1, max = 3, labels = POSITIES },
      instructie = "Teken de glijbaan. Boven staan wie het probleem niet zien en geen pijn voelen. In het "
        .. "midden wie de pijn wel voelt, maar geen middelen heeft om iets te doen. Onderaan wie de pijn "
        .. "voelt en klaar is om in actie te komen. Plaats elke betrokkene waar je denkt dat hij staat, "
        .. "en vertel waarom. Verschillen mogen blijven staan: we nemen het gemiddelde.",
    },
    {
      id = "afronding", titel = "Wat zie ik nu anders?", duur = 10, invoer = "geen",
      instructie = "Iedereen zegt in één zin wat hij of zij nu anders ziet dan vanochtend.",
    },
  },

  bij_stap = function(van, naar, sessie)
    if naar == "glijbaan" then
      local namen = {}
      for _, b in ipairs(casus().betrokkenen or {}) do namen[#namen + 1] = b.id .. " (" .. (b.naam or "") .. ")" end
      return "Te plaatsen betrokkenen: " .. table.concat(namen, ", ")
    end
    return nil
  end,

  resultaat = function(sessie)
    -- Observaties, gerangschikt op stemmen.
    local safari = wp.bijdragen(sessie, { stap = "safari" })
    local observaties = {}
    for i, b in ipairs(wp.top(safari, #safari, "stemmen")) do observaties[i] = item(b) end

    -- Gemiddelde plaats per betrokkene op de glijbaan.
    local som, aantal, toelichting = {}, {}, {}
    for _, p in ipairs(sessie.plaatsingen) do
      if p.stap == "glijbaan" then
        som[p.op] = (som[p.op] or 0) + p.waarde
        aantal[p.op] = (aantal[p.op] or 0) + 1
        if p.tekst then
          toelichting[p.op] = toelichting[p.op] or {}
          table.insert(toelichting[p.op], p.tekst)
        end
      end
    end

    local posities, per_positie, gezien = {}, { boven = {}, midden = {}, onder = {} }, {}
    local function voeg_toe(id, naam, groep, waarde, n, bron)
      local pos = positie(waarde)
      posities[#posities + 1] = {
        betrokkene = id, naam = naam, groep = groep, positie = pos,
        waarde = math.floor(waarde * 100 + 0.5) / 100, aantal = n, bron = bron,
        toelichting = toelichting[id],
      }
      table.insert(per_positie[pos], id)
    end
    -- Eerst de betrokkenen uit de casus, in hun volgorde.
    for _, b in ipairs(casus().betrokkenen or {}) do
      gezien[b.id] = true
      if aantal[b.id] then
        voeg_toe(b.id, b.naam, b.groep, som[b.id] / aantal[b.id], aantal[b.id], "safari")
      elseif b.glijbaan then
        -- Niet geplaatst: de plek die de casus noemt blijft staan.
        local w = ({ boven = 1, midden = 2, onder = 3 })[b.glijbaan] or 2
        voeg_toe(b.id, b.naam, b.groep, w, 0, "casus")
      end
    end
    -- Geplaatst maar niet in de casus (alleen bij een voorbeeld zonder casus).
    local rest = {}
    for id in pairs(aantal) do if not gezien[id] then rest[#rest + 1] = id end end
    table.sort(rest)
    for _, id in ipairs(rest) do voeg_toe(id, id, nil, som[id] / aantal[id], aantal[id], "safari") end

    return {
      glijbaan = { posities = posities, per_positie = per_positie },
      observaties = observaties,
    }
  end,

  voorbeeld = {
    resultaten = {},
    deelnemers = {
      { id = "ambtenaar1", groep = "beleidsambtenaren" },
      { id = "ambtenaar2", groep = "beleidsambtenaren" },
    },
    invoer = {
      safari = {
        { id = "o1", wie = "ambtenaar1", veld = "gezien", tekst = "Portiekdeur van blok C staat open, slot kapot",
          omgevingen = { "fysiek", "crimineel" } },
        { id = "o2", wie = "ambtenaar2", veld = "gehoord", tekst = "Een moeder: 'na zessen ga ik niet meer naar buiten'",
          omgevingen = { "sociaal" } },
      },
      stemmen = {
        { wie = "ambtenaar1", op = "o2", aantal = 2 },
        { wie = "ambtenaar2", op = "o2", aantal = 1 },
        { wie = "ambtenaar2", op = "o1", aantal = 2 },
      },
      glijbaan = {
        { wie = "ambtenaar1", op = "wijkagent", waarde = 3 },
        { wie = "ambtenaar2", op = "wijkagent", waarde = 2, tekst = "Wil wel, maar heeft te weinig uren" },
        { wie = "ambtenaar1", op = "corporatie", waarde = 1 },
      },
    },
    verwacht = {
      observaties = { { id = "o2", stemmen = 3 }, { id = "o1", stemmen = 2, veld = "gezien" } },
    },
  },
}
