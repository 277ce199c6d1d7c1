-- verwacht: '__tostring' must return a string
local function aanval(sessie)
  return { situatie = tostring(setmetatable({}, { __tostring = function() return {} end })) }
end
return {
  id = "tostring-geen-tekst", naam = "Vijandige werkvorm", versie = "1.0.0", sprint = 1,
  toelichting = "Een test voor de zandbak.", opbrengst = "Niets.",
  deelnemers = { "bewoners" }, groep = { min = 1, max = 5 }, duur = 5, levert = { "situatie" },
  stappen = { { id = "a", titel = "A", instructie = "A", duur = 5, invoer = "geen" } },
  resultaat = aanval,
}
