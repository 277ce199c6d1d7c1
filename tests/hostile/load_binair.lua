-- verwacht: attempt to load a binary chunk (mode is 't')
local function aanval(sessie)
  assert(load("\27LuaT\0\25\147\r\n\26\n"))
end
return {
  id = "load-binair", naam = "Vijandige werkvorm", versie = "1.0.0", sprint = 1,
  toelichting = "Een test voor de zandbak.", opbrengst = "Niets.",
  deelnemers = { "bewoners" }, groep = { min = 1, max = 5 }, duur = 5, levert = { "situatie" },
  stappen = { { id = "a", titel = "A", instructie = "A", duur = 5, invoer = "geen" } },
  resultaat = aanval,
}
