-- verwacht: C stack overflow
local function aanval(sessie)
  local t = setmetatable({}, { __index = function(t, k) return t[k] end })
  return { situatie = t.x }
end
return {
  id = "metatable-index-lus", naam = "Vijandige werkvorm", versie = "1.0.0", sprint = 1,
  toelichting = "Een test voor de zandbak.", opbrengst = "Niets.",
  deelnemers = { "bewoners" }, groep = { min = 1, max = 5 }, duur = 5, levert = { "situatie" },
  stappen = { { id = "a", titel = "A", instructie = "A", duur = 5, invoer = "geen" } },
  resultaat = aanval,
}
