-- verwacht: C stack overflow
-- verwacht: te diep genest
-- limieten: geheugen_mb=64 tijd_ms=600000
local function aanval(sessie)
  local function diep() return coroutine.wrap(diep)() end
  diep()
end
return {
  id = "coroutine-diep", naam = "Vijandige werkvorm", versie = "1.0.0", sprint = 1,
  toelichting = "Een test voor de zandbak.", opbrengst = "Niets.",
  deelnemers = { "bewoners" }, groep = { min = 1, max = 5 }, duur = 5, levert = { "situatie" },
  stappen = { { id = "a", titel = "A", instructie = "A", duur = 5, invoer = "geen" } },
  resultaat = aanval,
}
