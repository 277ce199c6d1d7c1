-- Ik hou van, ik wens, ik vraag me af (sprint 7, Verankeren)
--
-- Een feedbackronde over de interventies die de testen overleefden. Iedereen
-- zegt per interventie wat hij er goed aan vindt (ik hou van), wat hij
-- anders zou willen (ik wens) en waar hij nog niet zeker van is (ik vraag me
-- af). Met stemmen kiezen we welke wensen en vragen eerst opgepakt moeten
-- worden. Wat stemmen krijgt, wordt een les voor de uitvoering.

local SOORT = { hou_van = "behouden", wens = "verbeteren", vraag = "uitzoeken" }

local function item(b)
  return {
    id = b.id, tekst = b.tekst, omgevingen = b.omgevingen or {},
    stemmen = b.stemmen or 0, stemmen_per_groep = b.stemmen_per_groep or {},
    groep = b.groep, bij = b.bij,
  }
end

return {
  id = "ik_hou_van",
  naam = "Ik hou van, ik wens, ik vraag me af",
  versie = "1.0.0",
  sprint = 7,
  toelichting = "Een feedbackronde over de interventies: wat vind ik goed (ik hou van), wat zou ik anders "
    .. "willen (ik wens) en waar ben ik nog niet zeker van (ik vraag me af)?",
  opbrengst = "Feedback per interventie, en lessen voor de uitvoering uit de wensen en vragen met de meeste "
    .. "stemmen.",
  deelnemers = { "bewoners", "ondernemers", "jongeren", "professionals", "beleidsambtenaren", "ervaringsdeskundigen" },
  groep = { min = 4, max = 20 },
  duur = 60,
  schatting = "Deelnemers, groepsgrootte en duur zijn een schatting van de auteur; het CCV noemt ze niet.",
  nodig = { "interventies" },
  levert = { "feedback", "lessen" },
  stappen = {
    {
      id = "intro", titel = "Drie zinnen", duur = 5, invoer = "geen",
      instructie = "We kijken nog één keer samen naar de interventies voordat ze uitgevoerd worden. Begin "
        .. "elk briefje met een van drie zinnen: 'Ik hou van ...', 'Ik wens ...' of 'Ik vraag me af ...'. "
        .. "Zo blijft de feedback vriendelijk en toch eerlijk.",
    },
    {
      id = "feedback", titel = "Ik hou van, ik wens, ik vraag me af", duur = 35, invoer = "bijdrage",
      velden = { "hou_van", "wens", "vraag" }, omgevingen = "optioneel",
      instructie = "Loop langs de interventies op de muur. Schrijf per interventie wat je goed vindt, wat je "
        .. "anders wilt en wat je je afvraagt. Zet de interventie erbij. Denk aan alle omgevingen: mensen en "
        .. "vertrouwen, de openbare ruimte, de organisaties en de criminaliteit.",
    },
    {
      id = "stemmen", titel = "Wat pakken we eerst op?", duur = 10, invoer = "stem", stemmen = 3,
      op = "feedback",
      instructie = "Iedereen heeft drie stemmen. Zet ze op de wensen en vragen die we moeten oppakken voordat "
        .. "we beginnen, of op wat we beslist moeten behouden.",
    },
    {
      id = "afronding", titel = "Afronding", duur = 10, invoer = "geen",
      instructie = "Lees per interventie de wens en de vraag met de meeste stemmen voor. Die nemen we mee in "
        .. "de aanname-analyse en in de afspraken.",
    },
  },

  bij_stap = function(van, naar, sessie)
    if naar == "feedback" then
      local regels = { "Interventies:" }
      for _, iv in ipairs(wp.resultaat("interventies") or {}) do regels[#regels + 1] = iv.id .. ": " .. iv.naam end
      return table.concat(regels, "\n")
    end
    return nil
  end,

  resultaat = function(sessie)
    local alles = wp.bijdragen(sessie, { stap = "feedback" })
    -- De briefjes per interventie en veld, in één keer over alle briefjes.
    local per_iv = {}
    for _, b in ipairs(alles) do
      if b.bij ~= nil and b.veld ~= nil then
        per_iv[b.bij] = per_iv[b.bij] or {}
        per_iv[b.bij][b.veld] = per_iv[b.bij][b.veld] or {}
        table.insert(per_iv[b.bij][b.veld], b)
      end
    end
    local feedback = {}
    for _, iv in ipairs(wp.resultaat("interventies") or {}) do
      local per = { interventie = iv.id, naam = iv.naam, hou_van = {}, wens = {}, vraag = {} }
      for _, veld in ipairs({ "hou_van", "wens", "vraag" }) do
        local eigen = {}
        for _, b in ipairs((per_iv[iv.id] or {})[veld] or {}) do eigen[#eigen + 1] = item(b) end
        per[veld] = wp.top(eigen, #eigen, "stemmen")
      end
      feedback[#feedback + 1] = per
    end

    local lessen = {}
    for _, b in ipairs(wp.top(alles, #alles, "stemmen")) do
      if (b.stemmen or 0) > 0 then
        lessen[#lessen + 1] = { tekst = b.tekst, soort = SOORT[b.veld] or b.veld, stemmen = b.stemmen,
                                interventie = b.bij, bron = "ik_hou_van" }
      end
    end
    return { feedback = feedback, lessen = lessen }
  end,

  voorbeeld = {
    resultaten = {
      interventies = {
        { id = "iv-honk", naam = "Het jongerenhonk weer open", prototype = "pt-honk", omgevingen = { "sociaal" } },
      },
    },
    deelnemers = {
      { id = "anna", groep = "bewoners" },
      { id = "bram", groep = "jongeren" },
    },
    invoer = {
      feedback = {
        { id = "f1", wie = "bram", veld = "hou_van", bij = "iv-honk", tekst = "Ik hou ervan dat wij de sleutel krijgen" },
        { id = "f2", wie = "anna", veld = "wens", bij = "iv-honk", tekst = "Ik wens dat de buren het nummer van de beheerder krijgen" },
        { id = "f3", wie = "anna", veld = "vraag", bij = "iv-honk", tekst = "Ik vraag me af wie betaalt na het eerste jaar" },
      },
      stemmen = {
        { wie = "anna", op = "f3", aantal = 2 },
        { wie = "bram", op = "f3", aantal = 1 },
        { wie = "bram", op = "f1", aantal = 2 },
      },
    },
    verwacht = {
      feedback = { { interventie = "iv-honk", vraag = { { id = "f3", stemmen = 3 } }, hou_van = { { id = "f1" } } } },
      lessen = {
        { tekst = "Ik vraag me af wie betaalt na het eerste jaar", soort = "uitzoeken", stemmen = 3, interventie = "iv-honk" },
        { soort = "behouden", stemmen = 2 },
      },
    },
  },
}
