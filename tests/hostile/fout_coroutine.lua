-- verwacht: de werkvorm gaf een fout zonder tekst (een intern Lua-object)
local function aanval(sessie)
  error(coroutine.create(function() end))
end
return {
  id = "fout-coroutine", naam = "Vijandige werkvorm", versie = "1.0.0", sprint = 1,
  toelichting = "Een test voor de zandbak.", opbrengst = "Niets.",
  deelnemers = { "bewoners" }, groep = { min = 1, max = 5 }, duur = 5, levert = { "situatie" },
  stappen = { { id = "a", titel = "A", instructie = "A", duur = 5, invoer = "geen" } },
  resultaat = aanval,
}
