-- verwacht: gestopt: rekenlimiet van 1000000 instructies bereikt
-- limieten: instructies=1000000 tijd_ms=600000
local function aanval(sessie)
  for _ in pairs(setmetatable({}, { __pairs = function() while true do end end })) do end
end
return {
  id = "pairs-lus", naam = "Vijandige werkvorm", versie = "1.0.0", sprint = 1,
  toelichting = "Een test voor de zandbak.", opbrengst = "Niets.",
  deelnemers = { "bewoners" }, groep = { min = 1, max = 5 }, duur = 5, levert = { "situatie" },
  stappen = { { id = "a", titel = "A", instructie = "A", duur = 5, invoer = "geen" } },
  resultaat = aanval,
}
