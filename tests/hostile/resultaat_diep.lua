-- verwacht: is dieper genest dan 64 niveaus
local function aanval(sessie)
  local t = {}
  for _ = 1, 100 do t = { t } end
  return { situatie = t }
end
return {
  id = "resultaat-diep", naam = "Vijandige werkvorm", versie = "1.0.0", sprint = 1,
  toelichting = "Een test voor de zandbak.", opbrengst = "Niets.",
  deelnemers = { "bewoners" }, groep = { min = 1, max = 5 }, duur = 5, levert = { "situatie" },
  stappen = { { id = "a", titel = "A", instructie = "A", duur = 5, invoer = "geen" } },
  resultaat = aanval,
}
