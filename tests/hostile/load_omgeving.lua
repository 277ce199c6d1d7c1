-- verwacht: .lua:4: attempt to index a nil value
local function aanval(sessie)
  local f = load("return io", "x", "t", _G)
  return { situatie = f().open("/etc/passwd") }
end
return {
  id = "load-omgeving", naam = "Vijandige werkvorm", versie = "1.0.0", sprint = 1,
  toelichting = "Een test voor de zandbak.", opbrengst = "Niets.",
  deelnemers = { "bewoners" }, groep = { min = 1, max = 5 }, duur = 5, levert = { "situatie" },
  stappen = { { id = "a", titel = "A", instructie = "A", duur = 5, invoer = "geen" } },
  resultaat = aanval,
}
