-- verwacht: too many results to unpack
local function aanval(sessie)
  return { situatie = select("#", table.unpack({}, 1, 1e8)) }
end
return {
  id = "unpack-groot", naam = "Vijandige werkvorm", versie = "1.0.0", sprint = 1,
  toelichting = "Een test voor de zandbak.", opbrengst = "Niets.",
  deelnemers = { "bewoners" }, groep = { min = 1, max = 5 }, duur = 5, levert = { "situatie" },
  stappen = { { id = "a", titel = "A", instructie = "A", duur = 5, invoer = "geen" } },
  resultaat = aanval,
}
