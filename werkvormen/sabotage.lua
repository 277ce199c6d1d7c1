-- Sabotagesessie (sprint 6, Testen)
--
-- De deelnemers worden even de tegenstanders: hoe krijgen we dit prototype
-- kapot? Hoe zou een dealer eromheen werken, wat doet de groep als het
-- honk dicht is, wat als de vrijwilliger bedreigd wordt, wat als het geld
-- na een jaar op is? Met stemmen wegen we de bedreigingen per prototype.
-- Daarna bedenken we hoe we het prototype weerbaar maken, en besluiten we
-- per prototype of het doorgaat.
--
-- Een besluit hoort bij een prototype als de tekst de id van het prototype
-- noemt (bijvoorbeeld "pt-honk gaat door"). Een verworpen prototype valt af,
-- met de tekst van het besluit als reden.

-- De casus verandert niet tijdens een traject; lijkt_op vraagt hem voor
-- elk idee, dus één keer opvragen (wp.casus() maakt elke keer een kopie).
local de_casus
local function casus()
  de_casus = de_casus or wp.casus() or {}
  return de_casus
end

local function item(b)
  return {
    id = b.id, tekst = b.tekst, omgevingen = b.omgevingen or {},
    stemmen = b.stemmen or 0, stemmen_per_groep = b.stemmen_per_groep or {},
    groep = b.groep, bij = b.bij,
  }
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

-- De id van een interventie die uit een prototype komt: pt-honk wordt iv-honk.
local function interventie_id(prototype_id)
  local rest = prototype_id:match("^pt%-(.+)$") or prototype_id:match("^rs%-(.+)$") or prototype_id
  return "iv-" .. rest
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

-- De eerdere interventie uit de casus waar dit op lijkt, of nil.
local function lijkt_op(tekst)
  local laag = (tekst or ""):lower()
  for _, e in ipairs(eerdere_interventies()) do
    for _, w in ipairs(e.woorden) do
      if laag:find(w, 1, true) then return e.interventie end
    end
  end
  return nil
end

return {
  id = "sabotage",
  naam = "Sabotagesessie",
  versie = "1.0.0",
  sprint = 6,
  toelichting = "De deelnemers proberen de prototypes te laten mislukken: wat breekt het? Ze wegen de "
    .. "bedreigingen per prototype met stemmen, bedenken hoe het prototype weerbaar wordt en besluiten of "
    .. "het doorgaat.",
  opbrengst = "Per prototype de bedreigingen op volgorde van gewicht, de maatregelen ertegen, en welke "
    .. "prototypes afvallen en waarom.",
  deelnemers = { "bewoners", "ondernemers", "jongeren", "professionals", "ervaringsdeskundigen" },
  groep = { min = 4, max = 14 },
  duur = 100,
  schatting = "Deelnemers, groepsgrootte en duur zijn een schatting van de auteur; het CCV noemt ze niet.",
  nodig = { "prototypes" },
  levert = { "testuitkomsten", "interventies" },
  stappen = {
    {
      id = "intro", titel = "Vandaag zijn we de tegenstander", duur = 10, invoer = "geen",
      instructie = "Vandaag proberen we onze eigen ideeën kapot te maken. Hoe beter we dat doen, hoe sterker "
        .. "wat overblijft. Denk als iemand die er last van heeft: een dealer, een groep die zich weggestuurd "
        .. "voelt, een ambtenaar zonder budget, een buurman die klaagt. De ervaringsdeskundige helpt ons "
        .. "denken als iemand die eromheen werkt.",
    },
    {
      id = "saboteren", titel = "Hoe krijgen we het kapot?", duur = 30, invoer = "bijdrage",
      omgevingen = "verplicht",
      instructie = "Schrijf per prototype op wat het kan laten mislukken. Eén bedreiging per briefje, bij het "
        .. "prototype waar het over gaat, met de omgeving waar de bedreiging vandaan komt: sociaal, fysiek, "
        .. "institutioneel of crimineel. Denk ook aan wat er eerder in de wijk misging.",
    },
    {
      id = "stemmen", titel = "Welke bedreiging is het gevaarlijkst?", duur = 15, invoer = "stem", stemmen = 5,
      op = "saboteren",
      instructie = "Iedereen heeft vijf stemmen. Zet ze op de bedreigingen die het meest waarschijnlijk zijn "
        .. "en de meeste schade doen.",
    },
    {
      id = "weerbaar", titel = "Het prototype weerbaar maken", duur = 25, invoer = "bijdrage",
      instructie = "Neem per prototype de zwaarste bedreigingen. Wat kunnen we eraan doen? Schrijf elke "
        .. "maatregel op een briefje, bij het prototype waar hij bij hoort.",
    },
    {
      id = "oordeel", titel = "Gaat het door?", duur = 15, invoer = "besluit",
      instructie = "Besluit per prototype: gaat het door (aangenomen), valt het af (verworpen), of is er meer "
        .. "nodig (aangehouden)? Noem het prototype in het besluit, bijvoorbeeld 'pt-honk gaat door'. Valt "
        .. "een prototype af, schrijf dan op waarom: dat bewaren we.",
    },
    {
      id = "afronding", titel = "Afronding", duur = 5, invoer = "geen",
      instructie = "Lees voor welke prototypes doorgaan en welke afvallen, met de reden. Wat doorgaat, wordt "
        .. "nog vergeleken in de A/B-test.",
    },
  },

  bij_stap = function(van, naar, sessie)
    if naar == "saboteren" then
      local regels = { "Prototypes:" }
      for _, p in ipairs(wp.resultaat("prototypes") or {}) do
        local x = lijkt_op((p.naam or "") .. " " .. (p.idee_tekst or ""))
        regels[#regels + 1] = p.id .. ": " .. (p.naam or "?")
          .. (x and string.format(" (lijkt op '%s', %s: %s)", x.naam, x.uitkomst, x.geleerd or "") or "")
      end
      return table.concat(regels, "\n")
    end
    return nil
  end,

  resultaat = function(sessie)
    local prototypes = wp.resultaat("prototypes") or {}
    local bedreigingen = wp.bijdragen(sessie, { stap = "saboteren" })
    local maatregelen = wp.bijdragen(sessie, { stap = "weerbaar" })

    -- Het laatste besluit per prototype telt.
    local oordeel = {}
    for _, b in ipairs(sessie.besluiten) do
      if b.stap == "oordeel" then
        for _, p in ipairs(prototypes) do
          if noemt(b.tekst, p.id) then oordeel[p.id] = b end
        end
      end
    end

    local sabotage, afgevallen, interventies = {}, {}, {}
    for _, p in ipairs(prototypes) do
      local eigen = {}
      for _, b in ipairs(bedreigingen) do if b.bij == p.id then eigen[#eigen + 1] = item(b) end end
      eigen = wp.top(eigen, #eigen, "stemmen")
      local weer = {}
      for _, b in ipairs(maatregelen) do if b.bij == p.id then weer[#weer + 1] = b.tekst end end
      local b = oordeel[p.id]
      sabotage[#sabotage + 1] = {
        prototype = p.id, naam = p.naam, bedreigingen = eigen, maatregelen = weer,
        oordeel = b and b.uitkomst or "geen besluit", besluit = b and b.tekst or nil,
      }
      if b and b.uitkomst == "verworpen" then
        local reden = b.tekst
        if eigen[1] then reden = reden .. " (zwaarste bedreiging: " .. eigen[1].tekst .. ")" end
        afgevallen[#afgevallen + 1] = { prototype = p.id, naam = p.naam, reden = reden, werkvorm = "sabotage" }
      else
        local risicos = {}
        for i = 1, math.min(3, #eigen) do
          risicos[i] = { tekst = eigen[i].tekst, stemmen = eigen[i].stemmen, omgevingen = eigen[i].omgevingen }
        end
        interventies[#interventies + 1] = {
          id = interventie_id(p.id), naam = p.naam, prototype = p.id, idee = p.idee,
          omgevingen = p.omgevingen or {}, risicos = risicos, maatregelen = weer,
          status = b and b.uitkomst or "geen besluit",
        }
      end
    end
    return {
      testuitkomsten = { sabotage = sabotage, ab = {}, afgevallen = afgevallen },
      interventies = interventies,
    }
  end,

  voorbeeld = {
    resultaten = {
      prototypes = {
        { id = "pt-kooi", naam = "Pannakooi naast de school", idee = "i1", omgevingen = { "sociaal", "fysiek" } },
        { id = "pt-cam", naam = "Camera's op het plein, live bekeken", idee = "i2", omgevingen = { "fysiek", "crimineel" } },
      },
    },
    deelnemers = {
      { id = "anna", groep = "bewoners" },
      { id = "bram", groep = "jongeren" },
      { id = "eddy", groep = "ervaringsdeskundigen" },
    },
    invoer = {
      saboteren = {
        { id = "b1", wie = "eddy", bij = "pt-cam", tekst = "De handel gaat gewoon de portieken in",
          omgevingen = { "crimineel", "fysiek" } },
        { id = "b2", wie = "bram", bij = "pt-kooi", tekst = "Oudere jongens nemen de kooi over",
          omgevingen = { "sociaal", "crimineel" } },
        { id = "b3", wie = "anna", bij = "pt-kooi", tekst = "Buren klagen over de herrie 's avonds",
          omgevingen = { "sociaal" } },
      },
      stemmen = {
        { wie = "anna", op = "b1", aantal = 3 },
        { wie = "eddy", op = "b1", aantal = 2 },
        { wie = "eddy", op = "b3", aantal = 3 },
        { wie = "bram", op = "b2", aantal = 2 },
      },
      weerbaar = {
        { id = "w1", wie = "bram", bij = "pt-kooi", tekst = "Openingstijden tot 21 uur, jongeren beheren de sleutel" },
      },
      oordeel = {
        { wie = "anna", uitkomst = "aangenomen", tekst = "pt-kooi gaat door, met vaste openingstijden" },
        { wie = "anna", uitkomst = "verworpen", tekst = "pt-cam valt af: de overlast verplaatst zich alleen",
          bezwaren = { { wie = "eddy", tekst = "Dit zagen we in 2019 ook al", opgelost = "Meegenomen als reden" } } },
      },
    },
    verwacht = {
      testuitkomsten = {
        sabotage = {
          { prototype = "pt-kooi", oordeel = "aangenomen",
            bedreigingen = { { id = "b3", stemmen = 3 }, { id = "b2", stemmen = 2 } },
            maatregelen = { "Openingstijden tot 21 uur, jongeren beheren de sleutel" } },
          { prototype = "pt-cam", oordeel = "verworpen", bedreigingen = { { id = "b1", stemmen = 5 } } },
        },
        afgevallen = { { prototype = "pt-cam",
          reden = "pt-cam valt af: de overlast verplaatst zich alleen (zwaarste bedreiging: De handel gaat gewoon de portieken in)" } },
      },
      interventies = { { id = "iv-kooi", prototype = "pt-kooi", risicos = { { stemmen = 3 }, { stemmen = 2 } } } },
    },
  },
}
