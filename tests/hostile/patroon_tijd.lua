-- verwacht: gestopt: tijdlimiet van 300 ms overschreden
-- limieten: instructies=1000000000000 tijd_ms=300
local function aanval(sessie)
  return { situatie = ("a"):rep(20000):match(".-.-.-b") }
end
return {
  id = "patroon-tijd", naam = "Vijandige werkvorm", versie = "1.0.0", sprint = 1,
  toelichting = "Een test voor de zandbak.", opbrengst = "Niets.",
  deelnemers = { "bewoners" }, groep = { min = 1, max = 5 }, duur = 5, levert = { "situatie" },
  stappen = { { id = "a", titel = "A", instructie = "A", duur = 5, invoer = "geen" } },
  resultaat = aanval,
}
