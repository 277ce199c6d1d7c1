-- verwacht: '__index' chain too long; possible loop
local function aanval(sessie)
  local t = {}
  setmetatable(t, { __index = t })
  return { situatie = t.x }
end
return {
  id = "metatable-kring", naam = "Vijandige werkvorm", versie = "1.0.0", sprint = 1,
  toelichting = "Een test voor de zandbak.", opbrengst = "Niets.",
  deelnemers = { "bewoners" }, groep = { min = 1, max = 5 }, duur = 5, levert = { "situatie" },
  stappen = { { id = "a", titel = "A", instructie = "A", duur = 5, invoer = "geen" } },
  resultaat = aanval,
}
