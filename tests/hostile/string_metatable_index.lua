-- verwacht: attempt to index a nil value (field '__index')
local function aanval(sessie)
  getmetatable("").__index.upper = function() return "gekaapt" end
end
return {
  id = "string-metatable-index", naam = "Vijandige werkvorm", versie = "1.0.0", sprint = 1,
  toelichting = "Een test voor de zandbak.", opbrengst = "Niets.",
  deelnemers = { "bewoners" }, groep = { min = 1, max = 5 }, duur = 5, levert = { "situatie" },
  stappen = { { id = "a", titel = "A", instructie = "A", duur = 5, invoer = "geen" } },
  resultaat = aanval,
}
