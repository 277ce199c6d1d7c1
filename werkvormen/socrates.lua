-- Onderzoek en praat als Socrates (sprint 1, Zien en voelen)
--
-- Een denkgesprek: deelnemers onderzoeken wat zij denken over de wijk en
-- waarom. Geen discussie om te winnen, maar doorvragen: "Hoe weet je dat?",
-- "Wat bedoel je precies?", "Geldt dat altijd?". Het resultaat is een
-- inventarisatie van de situatie en een aangescherpte hoofdvraag met haar
-- impact. Kaart volgens het CCV: beleidsambtenaren, 3 tot 12 personen,
-- ongeveer anderhalf uur.

-- Een bijdrage als gewoon item voor het resultaat.
local function item(b)
  return {
    id = b.id, tekst = b.tekst, omgevingen = b.omgevingen or {},
    stemmen = b.stemmen or 0, stemmen_per_groep = b.stemmen_per_groep or {},
    groep = b.groep, bij = b.bij,
  }
end

-- De casus; leeg als er geen is (bijvoorbeeld bij 'werkvorm test').
local function casus()
  return wp.casus() or {}
end

local function items(lijst)
  local uit = {}
  for i, b in ipairs(lijst) do uit[i] = item(b) end
  return uit
end

-- Telt in hoeveel bijdragen elke omgeving voorkomt.
local function omgevingen_tellen(lijst)
  local teller = {}
  for _, b in ipairs(lijst) do
    for _, o in ipairs(b.omgevingen or {}) do teller[o] = (teller[o] or 0) + 1 end
  end
  return teller
end

return {
  id = "socrates",
  naam = "Onderzoek en praat als Socrates",
  versie = "1.0.0",
  sprint = 1,
  toelichting = "Een denkgesprek waarin deelnemers onderzoeken wat zij over de wijk denken en waarom. "
    .. "Door steeds door te vragen komen aannames boven tafel en wordt duidelijk wat er werkelijk speelt.",
  opbrengst = "Een inventarisatie van de situatie; het probleem en de impact van de hoofdvraag zijn helder.",
  deelnemers = { "beleidsambtenaren", "professionals" },
  groep = { min = 3, max = 12 },
  duur = 90,
  schatting = "Deelnemers, groepsgrootte en duur komen van het CCV; de verdeling over de stappen is een "
    .. "schatting van de auteur.",
  nodig = {},
  levert = { "situatie", "hoofdvraag" },
  stappen = {
    {
      id = "intro", titel = "Spelregels van het denkgesprek", duur = 5, invoer = "geen",
      instructie = "Vandaag praten we als Socrates. Dat betekent: we willen niet winnen, we willen begrijpen. "
        .. "Iedereen mag alles zeggen over de wijk, maar de anderen vragen door: Hoe weet je dat? "
        .. "Wat bedoel je precies? Geldt dat altijd? We oordelen niet en we komen nog niet met oplossingen. "
        .. "Aan het eind hebben we samen één scherpe hoofdvraag.",
    },
    {
      id = "situatie", titel = "Wat gebeurt er in de wijk?", duur = 20, invoer = "bijdrage",
      omgevingen = "optioneel",
      instructie = "Schrijf op wat er volgens jou gebeurt in de wijk. Eén ding per briefje, en zo concreet "
        .. "mogelijk: een plek, een tijd, een voorval. Zeg erbij welke omgeving het raakt: sociaal (mensen en "
        .. "vertrouwen), fysiek (straten, licht, gebouwen), institutioneel (gemeente, politie, welzijn) of "
        .. "crimineel (drugs, inbraak, overlast).",
    },
    {
      id = "doorvragen", titel = "Doorvragen: wat nemen we aan?", duur = 20, invoer = "bijdrage",
      omgevingen = "optioneel",
      instructie = "Pak een briefje van de muur en vraag de schrijver: hoe weet je dat? Heb je het zelf gezien, "
        .. "gehoord of gelezen? Schrijf elke aanname op die je zo ontdekt, bijvoorbeeld: 'We nemen aan dat de "
        .. "jongeren op het plein dealen'. Een aanname is niet fout; we willen alleen weten waar we op bouwen.",
    },
    {
      id = "impact", titel = "Wat gebeurt er als we niets doen?", duur = 15, invoer = "bijdrage",
      omgevingen = "optioneel",
      instructie = "Stel je voor dat we over twee jaar nog niets gedaan hebben. Wat is dan de schade, en voor "
        .. "wie? Denk aan bewoners, ondernemers, jongeren en aan de professionals zelf.",
    },
    {
      id = "stemmen", titel = "Wat weegt het zwaarst?", duur = 10, invoer = "stem", stemmen = 3,
      op = "situatie",
      instructie = "Iedereen heeft drie stemmen. Zet ze op de briefjes over de situatie die volgens jou het "
        .. "zwaarst wegen voor de mensen in de wijk. Je mag meer stemmen op één briefje zetten.",
    },
    {
      id = "hoofdvraag", titel = "De hoofdvraag aanscherpen", duur = 15, invoer = "besluit",
      instructie = "Lees de hoofdvraag uit de casus voor en leg hem naast de briefjes met de meeste stemmen. "
        .. "Klopt de vraag nog? Formuleer samen een scherpere hoofdvraag en leg hem vast als besluit. "
        .. "Noteer bezwaren en hoe jullie ze oplosten.",
    },
    {
      id = "afronding", titel = "Terugblik", duur = 5, invoer = "geen",
      instructie = "Wat heeft je verrast vandaag? Welke aanname van jezelf ga je nog na, en bij wie?",
    },
  },

  bij_stap = function(van, naar, sessie)
    if naar == "hoofdvraag" then
      local punten = wp.top(wp.bijdragen(sessie, { stap = "situatie" }), 3, "stemmen")
      local regels = { "Hoofdvraag uit de casus: " .. (casus().hoofdvraag or "(geen)") }
      for i, b in ipairs(punten) do
        regels[#regels + 1] = string.format("%d. %s (%d stemmen)", i, b.tekst, b.stemmen or 0)
      end
      return table.concat(regels, "\n")
    end
    return nil
  end,

  resultaat = function(sessie)
    local situatie = wp.bijdragen(sessie, { stap = "situatie" })
    local punten = items(wp.top(situatie, #situatie, "stemmen"))
    local aannames = items(wp.bijdragen(sessie, { stap = "doorvragen" }))
    local impact = items(wp.bijdragen(sessie, { stap = "impact" }))

    -- De aangescherpte hoofdvraag: het laatste aangenomen besluit; anders die uit de casus.
    local vraag, besluit = casus().hoofdvraag, nil
    for _, b in ipairs(sessie.besluiten) do
      if b.stap == "hoofdvraag" and b.uitkomst == "aangenomen" then vraag, besluit = b.tekst, b end
    end

    -- Een korte samenvatting: hoeveel punten, welke omgevingen, wat het zwaarst weegt.
    local teller = omgevingen_tellen(situatie)
    local delen = {}
    for _, o in ipairs({ "sociaal", "fysiek", "institutioneel", "crimineel" }) do
      if teller[o] then delen[#delen + 1] = o .. " " .. teller[o] end
    end
    local samenvatting = string.format("%d punten over de situatie", #punten)
    if #delen > 0 then samenvatting = samenvatting .. " (" .. table.concat(delen, ", ") .. ")" end
    if punten[1] then
      samenvatting = samenvatting .. "; het zwaarst weegt: " .. punten[1].tekst
        .. " (" .. punten[1].stemmen .. " stemmen)"
    end

    local hoofdvraag = {
      vraag = vraag,
      oorspronkelijk = casus().hoofdvraag,
      aangescherpt = besluit ~= nil,
      impact = impact,
      aannames = aannames,
    }
    if besluit then
      local bezwaren = {}
      for i, bz in ipairs(besluit.bezwaren or {}) do
        bezwaren[i] = { tekst = bz.tekst, groep = bz.groep, opgelost = bz.opgelost }
      end
      hoofdvraag.bezwaren = bezwaren
    end
    return {
      situatie = { samenvatting = samenvatting, punten = punten, omgevingen = teller },
      hoofdvraag = hoofdvraag,
    }
  end,

  voorbeeld = {
    resultaten = {},
    deelnemers = {
      { id = "ambtenaar1", groep = "beleidsambtenaren" },
      { id = "ambtenaar2", groep = "beleidsambtenaren" },
      { id = "agent", groep = "professionals" },
    },
    invoer = {
      situatie = {
        { id = "s1", wie = "agent", tekst = "Elke avond wordt er gedeald bij de bankjes op het plein",
          omgevingen = { "crimineel", "fysiek" } },
        { id = "s2", wie = "ambtenaar1", tekst = "Bewoners melden niets meer, ze denken dat het geen zin heeft",
          omgevingen = { "sociaal", "institutioneel" } },
        { id = "s3", wie = "ambtenaar2", tekst = "Drie lantaarnpalen bij de flat zijn al maanden kapot",
          omgevingen = { "fysiek" } },
      },
      doorvragen = {
        { id = "a1", wie = "ambtenaar1", tekst = "We nemen aan dat de dealers uit de wijk zelf komen" },
      },
      impact = {
        { id = "i1", wie = "agent", tekst = "Gezinnen met kinderen trekken weg", omgevingen = { "sociaal" } },
      },
      stemmen = {
        { wie = "ambtenaar1", op = "s2", aantal = 2 },
        { wie = "ambtenaar1", op = "s1", aantal = 1 },
        { wie = "ambtenaar2", op = "s2", aantal = 3 },
        { wie = "agent", op = "s1", aantal = 3 },
      },
      hoofdvraag = {
        { wie = "ambtenaar1", uitkomst = "aangenomen",
          tekst = "Hoe krijgen bewoners weer vertrouwen dat melden zin heeft?",
          bezwaren = { { wie = "agent", tekst = "De drugshandel verdwijnt zo uit beeld",
                         opgelost = "Drugshandel staat als voorbeeld in de toelichting" } } },
      },
    },
    verwacht = {
      situatie = { punten = { { id = "s2", stemmen = 5 }, { id = "s1", stemmen = 4 }, { id = "s3", stemmen = 0 } } },
      hoofdvraag = {
        vraag = "Hoe krijgen bewoners weer vertrouwen dat melden zin heeft?",
        aangescherpt = true,
        impact = { { tekst = "Gezinnen met kinderen trekken weg" } },
        aannames = { { id = "a1" } },
      },
    },
  },
}
