-- verwacht: gestopt: rekenlimiet van 1000000 instructies bereikt
-- bij: laden
-- limieten: instructies=1000000 tijd_ms=600000
while true do end
local function aanval(sessie)
  return { situatie = 1 }
end
return {
  id = "lus-laden", naam = "Vijandige werkvorm", versie = "1.0.0", sprint = 1,
  toelichting = "Een test voor de zandbak.", opbrengst = "Niets.",
  deelnemers = { "bewoners" }, groep = { min = 1, max = 5 }, duur = 5, levert = { "situatie" },
  stappen = { { id = "a", titel = "A", instructie = "A", duur = 5, invoer = "geen" } },
  resultaat = aanval,
}
