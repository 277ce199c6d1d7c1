-- verwacht: gestopt: rekenlimiet van 5000000 instructies bereikt
-- limieten: instructies=5000000 tijd_ms=600000
local function aanval(sessie)
  local s = ("a"):rep(3000)
  return { situatie = s:gsub("(a*)(a*)%1%2b", "x") }
end
return {
  id = "patroon-gsub", naam = "Vijandige werkvorm", versie = "1.0.0", sprint = 1,
  toelichting = "Een test voor de zandbak.", opbrengst = "Niets.",
  deelnemers = { "bewoners" }, groep = { min = 1, max = 5 }, duur = 5, levert = { "situatie" },
  stappen = { { id = "a", titel = "A", instructie = "A", duur = 5, invoer = "geen" } },
  resultaat = aanval,
}
