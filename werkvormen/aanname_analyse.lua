-- Aanname-analyse (sprint 7, Verankeren)
--
-- Onder elke interventie liggen aannames: "jongeren komen naar het honk als
-- ze zelf de sleutel hebben", "bewoners melden weer als ze teruggebeld
-- worden". We schrijven ze op en geven ze twee scores: hoe belangrijk is de
-- aanname voor het slagen (1 tot 5), en hoeveel bewijs hebben we ervoor
-- (1 tot 5). Zo ontstaat een kwadrant:
--   belangrijk en weinig bewijs  -> eerst toetsen
--   belangrijk en veel bewijs    -> bouw erop
--   minder belangrijk, weinig bewijs -> in de gaten houden
--   minder belangrijk, veel bewijs   -> geen zorg
-- Daarna spreken we af wie wat uitvoert, in welk gremium en wanneer.
--
-- Een toezegging is een briefje van de eigenaar (een betrokkene uit de
-- casus) bij de interventie. Noem in de tekst het gremium (bijvoorbeeld
-- 'wijkteam') en de datum (JJJJ-MM-DD). Ontbreekt het gremium, dan nemen we
-- het eerste gremium waar de eigenaar lid van is; ontbreekt de datum, dan
-- drie maanden na de sessie.

local MIDDEN = 3   -- boven dit gemiddelde is een aanname belangrijk, of goed onderbouwd

local function casus()
  return wp.casus() or {}
end

local function rond(x)
  return math.floor(x * 100 + 0.5) / 100
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

-- JJJJ-MM-DD plus een aantal dagen.
local function plus_dagen(datum, dagen)
  local j, m, d = (datum or ""):match("^(%d%d%d%d)-(%d%d)-(%d%d)$")
  if not j then return nil end
  local t = os.time({ year = tonumber(j), month = tonumber(m), day = tonumber(d), hour = 12 })
  return os.date("%Y-%m-%d", t + dagen * 86400)
end

-- Een getal met een komma, zoals mensen het lezen: 2,33.
local function komma(x)
  if x == nil then return "?" end
  if x == math.floor(x) then return string.format("%d", x) end
  return (string.format("%.2f", x):gsub("0$", ""):gsub("%.", ","))
end

local function kwadrant(belang, bewijs)
  if not belang or not bewijs then return "niet gescoord" end
  if belang > MIDDEN then
    return bewijs > MIDDEN and "bouw erop" or "eerst toetsen"
  end
  return bewijs > MIDDEN and "geen zorg" or "in de gaten houden"
end

local function gemiddelden(sessie, stap)
  local som, n = {}, {}
  for _, p in ipairs(sessie.plaatsingen) do
    if p.stap == stap then
      som[p.op] = (som[p.op] or 0) + p.waarde
      n[p.op] = (n[p.op] or 0) + 1
    end
  end
  local uit = {}
  for k, s in next, som do uit[k] = rond(s / n[k]) end   -- de volgorde doet er niet toe
  return uit
end

local function definitief_id(interventie_id)
  return "di-" .. (interventie_id:match("^iv%-(.+)$") or interventie_id)
end

return {
  id = "aanname_analyse",
  naam = "Aanname-analyse",
  versie = "1.0.0",
  sprint = 7,
  toelichting = "De deelnemers schrijven de aannames onder de interventies op en scoren ze op belang en op "
    .. "bewijs. Aannames die belangrijk zijn maar weinig bewijs hebben, worden eerst getoetst. Daarna "
    .. "spreken ze af wie wat uitvoert, in welk gremium en wanneer.",
  opbrengst = "De aannames gesorteerd op belang en bewijs, de definitieve interventies met eigenaar, gremium "
    .. "en datum, de afspraken, en de lessen.",
  deelnemers = { "professionals", "beleidsambtenaren", "bewoners", "ondernemers", "jongeren" },
  groep = { min = 4, max = 14 },
  duur = 90,
  schatting = "Deelnemers, groepsgrootte en duur zijn een schatting van de auteur; het CCV noemt ze niet.",
  nodig = { "interventies" },
  levert = { "aannames", "definitieve_interventies", "lessen" },
  stappen = {
    {
      id = "intro", titel = "Waar bouwen we op?", duur = 5, invoer = "geen",
      instructie = "Elke interventie rust op aannames: dingen waarvan we denken dat ze waar zijn. Als een "
        .. "belangrijke aanname niet klopt, werkt de interventie niet. Daarom zoeken we ze nu op, voordat "
        .. "we geld en mensen inzetten.",
    },
    {
      id = "aannames", titel = "Dit werkt alleen als ...", duur = 25, invoer = "bijdrage",
      omgevingen = "optioneel",
      instructie = "Maak per interventie de zin af: 'Dit werkt alleen als ...'. Eén aanname per briefje, bij "
        .. "de interventie. Denk aan de mensen (doen ze mee?), de plek (kan het daar?), de organisaties "
        .. "(hebben ze tijd en geld?) en de criminaliteit (hoe reageren de daders?).",
    },
    {
      id = "belang", titel = "Hoe belangrijk is de aanname?", duur = 10, invoer = "plaatsing", op = "aannames",
      schaal = { min = 1, max = 5, labels = { "onbelangrijk", "weinig", "gemiddeld", "belangrijk", "cruciaal" } },
      instructie = "Geef elke aanname een score van 1 tot 5: hoe belangrijk is het voor het slagen van de "
        .. "interventie dat deze aanname klopt?",
    },
    {
      id = "bewijs", titel = "Hoeveel bewijs hebben we?", duur = 10, invoer = "plaatsing", op = "aannames",
      schaal = { min = 1, max = 5, labels = { "geen", "weinig", "wat", "veel", "zeker" } },
      instructie = "Geef elke aanname een score van 1 tot 5: hoeveel bewijs hebben we dat ze klopt? Denk aan "
        .. "cijfers, aan wat we in het bordspel, het rollenspel en de testen zagen, en aan eerdere ervaringen "
        .. "in de wijk.",
    },
    {
      id = "toezeggen", titel = "Wie doet wat, waar en wanneer?", duur = 30, invoer = "bijdrage",
      instructie = "Nu maken we afspraken. Per interventie zegt iemand toe wat hij of zij gaat doen. Schrijf "
        .. "op: wat, in welk gremium (bijvoorbeeld het wijkteam, het wijkoverleg of de driehoek) en voor welke "
        .. "datum (JJJJ-MM-DD). Zet de interventie erbij. Wie toezegt, is eigenaar.",
    },
    {
      id = "afronding", titel = "Afronding", duur = 10, invoer = "geen",
      instructie = "Lees de afspraken voor. Ze komen in het afsprakenregister; in elk volgend overleg kijken we "
        .. "of ze zijn nagekomen. Aannames die eerst getoetst moeten worden, krijgen ook een afspraak.",
    },
  },

  bij_stap = function(van, naar, sessie)
    if naar == "toezeggen" then
      local regels = { "Interventies:" }
      for _, iv in ipairs(wp.resultaat("interventies") or {}) do regels[#regels + 1] = iv.id .. ": " .. iv.naam end
      local gremia = {}
      for _, g in ipairs(casus().gremia or {}) do gremia[#gremia + 1] = g.id end
      if #gremia > 0 then regels[#regels + 1] = "Gremia: " .. table.concat(gremia, ", ") end
      return table.concat(regels, "\n")
    end
    return nil
  end,

  resultaat = function(sessie)
    local interventies = wp.resultaat("interventies") or {}
    local per_iv = {}
    for _, iv in ipairs(interventies) do per_iv[iv.id] = iv end

    -- Aannames, gesorteerd op belang (hoog eerst) en dan op bewijs (laag eerst).
    local belang, bewijs = gemiddelden(sessie, "belang"), gemiddelden(sessie, "bewijs")
    local aannames = {}
    for i, b in ipairs(wp.bijdragen(sessie, { stap = "aannames" })) do
      aannames[#aannames + 1] = {
        id = b.id, tekst = b.tekst, interventie = b.bij, omgevingen = b.omgevingen or {}, groep = b.groep,
        belang = belang[b.id], bewijs = bewijs[b.id], kwadrant = kwadrant(belang[b.id], bewijs[b.id]), _n = i,
      }
    end
    table.sort(aannames, function(a, b)
      local ba, bb = a.belang or -1, b.belang or -1
      if ba ~= bb then return ba > bb end
      local ea, eb = a.bewijs or 99, b.bewijs or 99
      if ea ~= eb then return ea < eb end
      return a._n < b._n
    end)
    for _, a in ipairs(aannames) do a._n = nil end

    -- Afspraken uit de toezeggingen.
    local betrokkenen = {}
    for _, b in ipairs(casus().betrokkenen or {}) do betrokkenen[b.id] = b end
    local gremia = casus().gremia or {}
    local afspraken, per_interventie, niet_eigenaar = {}, {}, {}
    for _, b in ipairs(wp.bijdragen(sessie, { stap = "toezeggen" })) do
      local wie = b.deelnemer
      if wie and betrokkenen[wie] then
        local gremium
        for _, g in ipairs(gremia) do if noemt(b.tekst, g.id) then gremium = g.id; break end end
        if not gremium then
          for _, g in ipairs(gremia) do
            for _, lid in ipairs(g.leden or {}) do if lid == wie then gremium = gremium or g.id end end
          end
        end
        gremium = gremium or (gremia[1] and gremia[1].id)
        local deadline = b.tekst:match("(%d%d%d%d%-%d%d%-%d%d)") or plus_dagen(sessie.datum, 90)
        local a = { wie = wie, wat = b.tekst, gremium = gremium, deadline = deadline, interventie = b.bij }
        afspraken[#afspraken + 1] = a
        if b.bij then
          per_interventie[b.bij] = per_interventie[b.bij] or {}
          table.insert(per_interventie[b.bij], a)
        end
      else
        niet_eigenaar[#niet_eigenaar + 1] = b
      end
    end

    -- Definitieve interventies: de interventies waar iemand eigenaar van werd.
    local definitief, lessen = {}, {}
    for _, x in ipairs(wp.resultaat("lessen") or {}) do lessen[#lessen + 1] = x end
    for _, iv in ipairs(interventies) do
      local eigen = per_interventie[iv.id]
      if eigen then
        local wanneer = eigen[1].deadline
        for _, a in ipairs(eigen) do if a.deadline and (not wanneer or a.deadline < wanneer) then wanneer = a.deadline end end
        local toetsen = {}
        for _, a in ipairs(aannames) do
          if a.interventie == iv.id and a.kwadrant == "eerst toetsen" then toetsen[#toetsen + 1] = a.tekst end
        end
        definitief[#definitief + 1] = {
          id = definitief_id(iv.id), naam = iv.naam, interventie = iv.id, eigenaar = eigen[1].wie,
          gremium = eigen[1].gremium, omgevingen = iv.omgevingen or {}, wanneer = wanneer,
          variant = iv.variant, afspraken = #eigen, eerst_toetsen = toetsen,
        }
      else
        lessen[#lessen + 1] = {
          tekst = string.format("Voor '%s' nam niemand het eigenaarschap; de interventie gaat niet door tot "
            .. "iemand dat wel doet.", iv.naam), soort = "niet verankerd", interventie = iv.id, bron = "aanname_analyse",
        }
      end
    end
    for _, a in ipairs(aannames) do
      if a.kwadrant == "eerst toetsen" then
        lessen[#lessen + 1] = {
          tekst = string.format("Toets eerst: %s (belang %s, bewijs %s)", a.tekst, komma(a.belang), komma(a.bewijs)),
          soort = "toetsen", interventie = a.interventie, bron = "aanname_analyse",
        }
      end
    end
    for _, b in ipairs(niet_eigenaar) do
      lessen[#lessen + 1] = {
        tekst = "Toezegging zonder eigenaar uit de casus: " .. b.tekst, soort = "steun", interventie = b.bij,
        bron = "aanname_analyse",
      }
    end

    return {
      aannames = aannames,
      definitieve_interventies = definitief,
      lessen = lessen,
      afspraken = afspraken,
    }
  end,

  voorbeeld = {
    resultaten = {
      interventies = {
        { id = "iv-honk", naam = "Het jongerenhonk weer open", prototype = "pt-honk", omgevingen = { "sociaal", "institutioneel" } },
        { id = "iv-bbq", naam = "Buurtbarbecue", prototype = "pt-bbq", omgevingen = { "sociaal" } },
      },
    },
    deelnemers = {
      { id = "anna", groep = "bewoners" },
      { id = "bram", groep = "jongeren" },
    },
    invoer = {
      aannames = {
        { id = "a1", wie = "bram", bij = "iv-honk", tekst = "Jongeren komen als ze zelf de sleutel hebben" },
        { id = "a2", wie = "anna", bij = "iv-honk", tekst = "De corporatie verhuurt het pand voor weinig" },
        { id = "a3", wie = "anna", bij = "iv-bbq", tekst = "Er is een vrijwilliger die de barbecue regelt" },
      },
      belang = {
        { wie = "anna", op = "a1", waarde = 5 },
        { wie = "bram", op = "a1", waarde = 4 },
        { wie = "anna", op = "a2", waarde = 5 },
        { wie = "bram", op = "a2", waarde = 4 },
        { wie = "anna", op = "a3", waarde = 2 },
      },
      bewijs = {
        { wie = "anna", op = "a1", waarde = 2 },
        { wie = "bram", op = "a1", waarde = 1 },
        { wie = "anna", op = "a2", waarde = 4 },
        { wie = "anna", op = "a3", waarde = 4 },
      },
      toezeggen = {
        { id = "t1", wie = "anna", bij = "iv-honk", tekst = "Ik vraag de bewoners om mee te doen" },
      },
    },
    verwacht = {
      aannames = {
        { id = "a1", belang = 4.5, bewijs = 1.5, kwadrant = "eerst toetsen" },
        { id = "a2", belang = 4.5, bewijs = 4, kwadrant = "bouw erop" },
        { id = "a3", belang = 2, bewijs = 4, kwadrant = "geen zorg" },
      },
      lessen = {
        { soort = "niet verankerd", interventie = "iv-honk" },
        { soort = "niet verankerd", interventie = "iv-bbq" },
        { soort = "toetsen", interventie = "iv-honk" },
        { soort = "steun" },
      },
    },
  },
}
