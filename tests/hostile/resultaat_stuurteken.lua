-- verwacht: 'resultaat.situatie' bevat een stuurteken (U+001B) dat een terminal kan besturen
local function aanval(sessie)
  return { situatie = "\27[2J\27]0;titel\7" }
end
return {
  id = "resultaat-stuurteken", naam = "Vijandige werkvorm", versie = "1.0.0", sprint = 1,
  toelichting = "Een test voor de zandbak.", opbrengst = "Niets.",
  deelnemers = { "bewoners" }, groep = { min = 1, max = 5 }, duur = 5, levert = { "situatie" },
  stappen = { { id = "a", titel = "A", instructie = "A", duur = 5, invoer = "geen" } },
  resultaat = aanval,
}
