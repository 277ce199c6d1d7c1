-- verwacht: gestopt: geheugenlimiet van 8 MiB overschreden
-- limieten: geheugen_mb=8 tijd_ms=600000
local function aanval(sessie)
  local t = {}
  while true do t[#t + 1] = coroutine.create(function() end) end
end
return {
  id = "coroutine-bom", naam = "Vijandige werkvorm", versie = "1.0.0", sprint = 1,
  toelichting = "Een test voor de zandbak.", opbrengst = "Niets.",
  deelnemers = { "bewoners" }, groep = { min = 1, max = 5 }, duur = 5, levert = { "situatie" },
  stappen = { { id = "a", titel = "A", instructie = "A", duur = 5, invoer = "geen" } },
  resultaat = aanval,
}
