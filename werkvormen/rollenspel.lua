-- Interactie in een rollenspel (sprint 5, Prototypen)
--
-- In een rollenspel spelen de deelnemers de ontmoetingen die een interventie
-- met zich meebrengt: de jongerenwerker die de groep op het plein aanspreekt,
-- de bewoner die een melding doet en terugbelt wordt, de ondernemer die een
-- jongere aanneemt. Bij voorkeur speelt iemand een rol die niet de zijne
-- is: de wijkagent speelt een jongere, een jongere speelt de wijkagent.
--
-- Werkte het bordspel eerder in deze sprint, dan vullen we die prototypes
-- aan met wat het rollenspel liet zien. Anders maken we hier de prototypes.
-- Alles hoort bij een gekozen idee uit sprint 4: zet die id bij 'bij'.

-- Een kopie loopt de sleutels met next af: de volgorde doet er niet toe,
-- en pairs sorteert ze eerst.
local function kopie(x)
  if type(x) ~= "table" then return x end
  local k = {}
  for a, b in next, x do k[a] = kopie(b) end
  return k
end

local function voeg_omgevingen_toe(p, lijst)
  local gezien = {}
  for _, o in ipairs(p.omgevingen) do gezien[o] = true end
  for _, o in ipairs(lijst or {}) do
    if not gezien[o] then gezien[o] = true; p.omgevingen[#p.omgevingen + 1] = o end
  end
end

return {
  id = "rollenspel",
  naam = "Interactie in een rollenspel",
  versie = "1.0.0",
  sprint = 5,
  toelichting = "De deelnemers spelen de ontmoetingen die een interventie met zich meebrengt, liefst in een "
    .. "rol die niet de hunne is. Zo wordt zichtbaar wat er gezegd, gedaan en gevoeld wordt.",
  opbrengst = "Prototypes aangevuld met de gespeelde interacties, de rollen en de inzichten.",
  deelnemers = { "bewoners", "jongeren", "ondernemers", "professionals", "ervaringsdeskundigen" },
  groep = { min = 4, max = 12 },
  duur = 100,
  schatting = "Deelnemers, groepsgrootte en duur zijn een schatting van de auteur; het CCV noemt ze niet.",
  nodig = { "gekozen_ideeen" },
  levert = { "prototypes" },
  stappen = {
    {
      id = "intro", titel = "Veilig spelen", duur = 10, invoer = "geen",
      instructie = "We gaan toneelspelen. Dat voelt misschien raar, maar het laat zien wat een idee met mensen "
        .. "doet. Speel liefst een rol die niet de jouwe is. Wat in het spel gebeurt, blijft in het spel: we "
        .. "praten daarna over de rollen, niet over de personen. Wie wil stoppen, zegt 'stop'.",
    },
    {
      id = "rollen", titel = "Wie speelt wie?", duur = 15, invoer = "bijdrage",
      instructie = "Kies per idee een ontmoeting die ertoe doet en verdeel de rollen. Schrijf op welke rollen "
        .. "er zijn en wat de situatie is, bij het idee waar het bij hoort.",
    },
    {
      id = "spelen", titel = "Spelen", duur = 40, invoer = "bijdrage",
      velden = { "gezegd", "gedaan", "gevoeld" }, omgevingen = "optioneel",
      instructie = "Speel de ontmoeting een paar minuten. De kijkers schrijven op wat er gezegd werd, wat "
        .. "iemand deed en wat iemand voelde. Speel daarna een tweede keer, met een kleine verandering.",
    },
    {
      id = "nabespreken", titel = "Nabespreken", duur = 25, invoer = "bijdrage",
      velden = { "werkt", "schuurt", "verrast" },
      instructie = "Vraag eerst de spelers hoe het voelde in hun rol. Vraag dan de kijkers: wat werkte, waar "
        .. "schuurde het, wat verraste je? Eén inzicht per briefje, bij het idee waar het over gaat.",
    },
    {
      id = "afronding", titel = "Uit de rol", duur = 10, invoer = "geen",
      instructie = "Iedereen stapt uit zijn rol: zeg je eigen naam en iets wat je vandaag nog gaat doen. De "
        .. "prototypes gaan naar sprint 6, waar we ze proberen te breken.",
    },
  },

  bij_stap = function(van, naar, sessie)
    if naar == "rollen" then
      local regels = { "Gekozen ideeën:" }
      for _, i in ipairs(wp.resultaat("gekozen_ideeen") or {}) do regels[#regels + 1] = i.id .. ": " .. i.tekst end
      return table.concat(regels, "\n")
    end
    return nil
  end,

  resultaat = function(sessie)
    local ideeen = {}
    for _, i in ipairs(wp.resultaat("gekozen_ideeen") or {}) do ideeen[i.id] = i end

    -- De prototypes van het bordspel (als dat er was), per idee.
    local prototypes, per_idee = {}, {}
    for _, p in ipairs(wp.resultaat("prototypes") or {}) do
      local k = kopie(p)
      k.scenarios, k.inzichten, k.omgevingen = k.scenarios or {}, k.inzichten or {}, k.omgevingen or {}
      prototypes[#prototypes + 1] = k
      if k.idee then per_idee[k.idee] = k end
    end

    local function prototype_voor(idee_id)
      local p = per_idee[idee_id]
      if p then return p end
      local idee = ideeen[idee_id]
      p = {
        id = "rs-" .. idee_id, naam = idee and idee.tekst or idee_id, idee = idee_id,
        idee_tekst = idee and idee.tekst or nil, scenarios = {}, inzichten = {},
        omgevingen = kopie(idee and idee.omgevingen or {}), bron = "rollenspel",
      }
      prototypes[#prototypes + 1] = p
      per_idee[idee_id] = p
      return p
    end

    for _, b in ipairs(wp.bijdragen(sessie, { stap = "rollen" })) do
      if b.bij then
        local p = prototype_voor(b.bij)
        p.rollen = p.rollen or {}
        p.rollen[#p.rollen + 1] = b.tekst
        -- Een rollenspel is ook een scenario dat met het prototype gespeeld is.
        p.scenarios[#p.scenarios + 1] = { id = b.id, tekst = "Rollenspel: " .. b.tekst, bron = "rollenspel" }
      end
    end
    for _, b in ipairs(wp.bijdragen(sessie, { stap = "spelen" })) do
      if b.bij then
        local p = prototype_voor(b.bij)
        p.interacties = p.interacties or {}
        p.interacties[#p.interacties + 1] = { id = b.id, tekst = b.tekst, soort = b.veld }
        voeg_omgevingen_toe(p, b.omgevingen)
      end
    end
    for _, b in ipairs(wp.bijdragen(sessie, { stap = "nabespreken" })) do
      if b.bij then
        local p = prototype_voor(b.bij)
        p.inzichten[#p.inzichten + 1] = { id = b.id, tekst = b.tekst, soort = b.veld, bron = "rollenspel" }
      end
    end
    return { prototypes = prototypes }
  end,

  voorbeeld = {
    resultaten = {
      gekozen_ideeen = {
        { id = "i1", tekst = "Een panna-kooi die jongeren zelf beheren", stemmen = 5, omgevingen = { "sociaal", "fysiek" } },
        { id = "i2", tekst = "Terugbellen na elke melding", stemmen = 4, omgevingen = { "institutioneel" } },
      },
      prototypes = {
        { id = "pt-kooi", naam = "Pannakooi naast de school", idee = "i1", omgevingen = { "sociaal", "fysiek" },
          scenarios = { { id = "sc1", tekst = "Zaterdagmiddag", oordeel = -1 } }, inzichten = {} },
      },
    },
    deelnemers = {
      { id = "anna", groep = "bewoners" },
      { id = "cor", groep = "professionals" },
    },
    invoer = {
      rollen = {
        { id = "r1", wie = "cor", bij = "i2", tekst = "Een bewoner belt over dealen in het portiek; de boa belt terug" },
      },
      spelen = {
        { id = "s1", wie = "anna", bij = "i2", veld = "gevoeld", tekst = "De bewoner is bang dat de buren het horen",
          omgevingen = { "sociaal" } },
        { id = "s2", wie = "cor", bij = "i1", veld = "gezegd", tekst = "'Wie heeft de sleutel vandaag?'" },
      },
      nabespreken = {
        { id = "n1", wie = "anna", bij = "i2", veld = "werkt", tekst = "Teruggebeld worden geeft vertrouwen" },
      },
    },
    verwacht = {
      prototypes = {
        { id = "pt-kooi", idee = "i1", scenarios = { { id = "sc1" } }, interacties = { { id = "s2", soort = "gezegd" } } },
        { id = "rs-i2", idee = "i2", naam = "Terugbellen na elke melding", omgevingen = { "institutioneel", "sociaal" },
          rollen = { "Een bewoner belt over dealen in het portiek; de boa belt terug" },
          inzichten = { { id = "n1", soort = "werkt" } } },
      },
    },
  },
}
