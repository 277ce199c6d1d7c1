-- verwacht: stack overflow
-- verwacht: roept een functie zichzelf eindeloos aan?
-- limieten: geheugen_mb=256 tijd_ms=600000
local function aanval(sessie)
  local function f(n) return f(n + 1) + 1 end
  return f(1)
end
return {
  id = "recursie", naam = "Vijandige werkvorm", versie = "1.0.0", sprint = 1,
  toelichting = "Een test voor de zandbak.", opbrengst = "Niets.",
  deelnemers = { "bewoners" }, groep = { min = 1, max = 5 }, duur = 5, levert = { "situatie" },
  stappen = { { id = "a", titel = "A", instructie = "A", duur = 5, invoer = "geen" } },
  resultaat = aanval,
}
