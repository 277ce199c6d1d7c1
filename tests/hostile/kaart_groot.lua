-- verwacht: de werkvorm heeft 20000 stappen; meer dan 100 kan niet
-- verwacht: 'deelnemers' van de werkvorm heeft 200000 items; meer dan 100 kan niet
-- bij: laden
-- limieten: tijd_ms=600000
-- A card that computes huge lists: validation must stay quick and linear.
local function veel(n, maak)
  local t = {}
  for i = 1, n do t[i] = maak(i) end
  return t
end
return {
  id = "kaart-groot", naam = "Vijandige werkvorm", versie = "1.0.0", sprint = 1,
  toelichting = "Een test voor de zandbak.", opbrengst = "Niets.",
  deelnemers = veel(200000, function() return "bewoners" end),
  groep = { min = 1, max = 5 }, duur = 5, levert = { "situatie" },
  stappen = veel(20000, function(i) return { id = "s" .. i, titel = "A", instructie = "A", duur = 1, invoer = "geen" } end),
  resultaat = function() return { situatie = 1 } end,
}
