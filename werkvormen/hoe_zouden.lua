-- Hoe zouden ... dit oplossen (sprint 4, Ideeën)
--
-- Hoe zou een kind van acht dit oplossen? Een winkelier? Een groot bedrijf,
-- een sportclub, een oma? Eerst bedenken we wilde ideeën vanuit zo'n ander,
-- daarna vertalen we ze naar een concreet idee voor de wijk, bij een
-- wijkwens. Met stemmen kiezen we de beste.
--
-- Werkte 'Kijk door de bril van' eerder in deze sprint, dan staan die
-- ideeën met hun stemmen er ook bij, en kiest deze werkvorm uit alles: de
-- beste vijf met minstens drie stemmen gaan door naar sprint 5. Wie afvalt
-- krijgt een reden.

local MAX_GEKOZEN = 5
local DREMPEL = 3

local ANDEREN = { "kind", "winkelier", "bedrijf", "sportclub", "grootouder" }

-- De casus verandert niet tijdens een traject; lijkt_op vraagt hem voor
-- elk idee, dus één keer opvragen (wp.casus() maakt elke keer een kopie).
local de_casus
local function casus()
  de_casus = de_casus or wp.casus() or {}
  return de_casus
end

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
    stemmen_per_groep = b.stemmen_per_groep or {}, groep = b.groep, bij = b.bij, bron = bron,
  }
  if b.bij and wensen[b.bij] then i.wijkwens = wensen[b.bij].tekst end
  i.lijkt_op = lijkt_op(b.tekst)
  return i
end

-- Een kopie van een idee uit een eerdere werkvorm, zonder de oude keuze.
local function eerder_idee(x)
  local i = {}
  for k, v in next, x do i[k] = v end   -- een kopie: de volgorde doet er niet toe
  i.gekozen, i.reden, i.waarschuwing = nil, nil, nil
  i.bron = i.bron or "eerder"
  return i
end

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

-- Alle ideeën: eerst die van eerder in deze sprint, dan die van nu.
local function alle_ideeen(sessie)
  local wensen = {}
  for _, w in ipairs(wijkwensen()) do wensen[w.id] = w end
  local ideeen = {}
  for _, x in ipairs(wp.resultaat("ideeen") or {}) do ideeen[#ideeen + 1] = eerder_idee(x) end
  for _, b in ipairs(wp.bijdragen(sessie, { stap = "vertalen" })) do
    ideeen[#ideeen + 1] = idee(b, "hoe_zouden", wensen)
  end
  return ideeen
end

return {
  id = "hoe_zouden",
  naam = "Hoe zouden … dit oplossen",
  versie = "1.0.0",
  sprint = 4,
  toelichting = "Hoe zou een kind, een winkelier, een groot bedrijf, een sportclub of een oma dit oplossen? "
    .. "De deelnemers bedenken eerst wilde ideeën vanuit zo'n ander en vertalen ze dan naar concrete "
    .. "ideeën voor de wijk. Daarna kiezen ze met stemmen uit alle ideeën van de sprint.",
  opbrengst = "Nieuwe ideeën bij de wijkwensen, en de keuze uit alle ideeën van de sprint, met een reden "
    .. "voor elk idee dat afvalt.",
  deelnemers = { "bewoners", "ondernemers", "jongeren", "professionals", "beleidsambtenaren" },
  groep = { min = 4, max = 16 },
  duur = 90,
  schatting = "Deelnemers, groepsgrootte en duur zijn een schatting van de auteur; het CCV noemt ze niet.",
  nodig = { "wijkwensen", "ontwerpbrief" },
  levert = { "ideeen", "gekozen_ideeen" },
  stappen = {
    {
      id = "intro", titel = "Hoe zou een ander dit doen?", duur = 10, invoer = "geen",
      instructie = "Soms zitten we vast in wat we altijd doen: meer toezicht, een folder, een overleg. "
        .. "Daarom kijken we nu hoe heel andere mensen of organisaties dit zouden oplossen. Hoe zou een kind "
        .. "van acht het plein veilig maken? Hoe zorgt een groot bedrijf dat klanten terugkomen? Wild mag.",
    },
    {
      id = "wild", titel = "Wilde ideeën", duur = 20, invoer = "bijdrage", velden = ANDEREN,
      instructie = "Kies een wijkwens en een ander: een kind, een winkelier, een groot bedrijf, een sportclub "
        .. "of een grootouder. Hoe zou die het oplossen? Schrijf zo veel mogelijk wilde ideeën op, één per "
        .. "briefje. Niets is te gek.",
    },
    {
      id = "vertalen", titel = "Vertalen naar de wijk", duur = 30, invoer = "bijdrage", omgevingen = "verplicht",
      instructie = "Pak de wilde ideeën die je raken en vertaal ze naar een concreet idee voor deze wijk: "
        .. "wat gebeurt er, waar, en wie doet het? Zet de wijkwens erbij waar het idee bij hoort en de "
        .. "omgevingen die het raakt: sociaal, fysiek, institutioneel of crimineel.",
    },
    {
      id = "stemmen", titel = "Stemmen", duur = 15, invoer = "stem", stemmen = 3, op = "vertalen",
      instructie = "Iedereen heeft drie stemmen voor de vertaalde ideeën. De stemmen van de vorige werkvorm "
        .. "tellen ook mee: we kiezen straks uit alle ideeën van deze sprint.",
    },
    {
      id = "kiezen", titel = "De keuze", duur = 10, invoer = "geen",
      instructie = "De begeleider laat alle ideeën van de sprint zien, op volgorde van stemmen. De beste vijf "
        .. "met minstens drie stemmen gaan door. Bespreek de ideeën die net afvallen: weten we zeker dat we "
        .. "ze laten gaan? Lijkt een gekozen idee op iets dat eerder mislukte, wat doen we dan anders?",
    },
    {
      id = "afronding", titel = "Afronding", duur = 5, invoer = "geen",
      instructie = "De gekozen ideeën worden in de volgende sprint tastbaar gemaakt in een bordspel en een "
        .. "rollenspel. Bedank iedereen.",
    },
  },

  bij_stap = function(van, naar, sessie)
    if naar == "vertalen" then
      local regels = { "Wijkwensen:" }
      for _, w in ipairs(wijkwensen()) do regels[#regels + 1] = w.id .. ": " .. w.tekst end
      return table.concat(regels, "\n")
    end
    if naar == "kiezen" then
      local lijst = kies(alle_ideeen(sessie))
      local regels = {}
      for n, i in ipairs(lijst) do
        regels[#regels + 1] = string.format("%d. %s%s (%d stemmen)%s", n, i.gekozen and "[gekozen] " or "",
          i.tekst, i.stemmen, i.waarschuwing and ("; " .. i.waarschuwing) or "")
      end
      return table.concat(regels, "\n")
    end
    return nil
  end,

  resultaat = function(sessie)
    local lijst, gekozen = kies(alle_ideeen(sessie))
    return { ideeen = lijst, gekozen_ideeen = gekozen }
  end,

  voorbeeld = {
    resultaten = {
      wijkwensen = { { id = "w1", tekst = "Het plein is van iedereen", stemmen = 6 } },
      ontwerpbrief = { probleem = "Het plein is van de dealers", wijkwensen = { { id = "w1", tekst = "Het plein is van iedereen" } } },
      ideeen = {
        { id = "i1", tekst = "Een panna-kooi die jongeren zelf beheren", stemmen = 5, bij = "w1",
          omgevingen = { "sociaal", "fysiek" }, bron = "bril", gekozen = true },
        { id = "i2", tekst = "Lantaarns op het plein", stemmen = 1, bij = "w1", omgevingen = { "fysiek" },
          bron = "bril", gekozen = false },
      },
    },
    deelnemers = {
      { id = "anna", groep = "bewoners" },
      { id = "bram", groep = "jongeren" },
    },
    invoer = {
      wild = {
        { id = "x1", wie = "bram", veld = "bedrijf", tekst = "Een klantenkaart: wie vaak komt, krijgt iets terug" },
      },
      vertalen = {
        { id = "h1", wie = "bram", tekst = "Een pleinpas: wie helpt met opruimen krijgt korting bij de snackbar",
          bij = "w1", omgevingen = { "sociaal" } },
        { id = "h2", wie = "anna", tekst = "Een buurtbarbecue elke maand", bij = "w1", omgevingen = { "sociaal" } },
      },
      stemmen = {
        { wie = "anna", op = "h1", aantal = 2 },
        { wie = "bram", op = "h1", aantal = 3 },
        { wie = "anna", op = "h2", aantal = 1 },
      },
    },
    verwacht = {
      gekozen_ideeen = { { id = "i1", stemmen = 5, bron = "bril" }, { id = "h1", stemmen = 5, bron = "hoe_zouden" } },
      ideeen = {
        { id = "i1", gekozen = true },
        { id = "h1", gekozen = true, wijkwens = "Het plein is van iedereen" },
        { id = "i2", gekozen = false },
        { id = "h2", gekozen = false, reden = "te weinig stemmen (1; minimaal 3)" },
      },
    },
  },
}
