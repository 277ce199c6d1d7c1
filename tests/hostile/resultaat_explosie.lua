-- verwacht: maakt het geheel te groot (meer dan 200000 waarden)
-- limieten: tijd_ms=600000
local function aanval(sessie)
  local t = { "x" }
  for _ = 1, 40 do t = { t, t } end
  return { situatie = t }
end
return {
  id = "resultaat-explosie", naam = "Vijandige werkvorm", versie = "1.0.0", sprint = 1,
  toelichting = "Een test voor de zandbak.", opbrengst = "Niets.",
  deelnemers = { "bewoners" }, groep = { min = 1, max = 5 }, duur = 5, levert = { "situatie" },
  stappen = { { id = "a", titel = "A", instructie = "A", duur = 5, invoer = "geen" } },
  resultaat = aanval,
}
