-- verwacht: gestopt: rekenlimiet van 100000000 instructies bereikt
local function aanval(sessie)
  local bron = setmetatable({}, { __index = type })
  local doel = setmetatable({}, { __newindex = rawequal })
  table.move(bron, 1, 1e15, 1, doel)
end
return {
  id = "table-move", naam = "Vijandige werkvorm", versie = "1.0.0", sprint = 1,
  toelichting = "Een test voor de zandbak.", opbrengst = "Niets.",
  deelnemers = { "bewoners" }, groep = { min = 1, max = 5 }, duur = 5, levert = { "situatie" },
  stappen = { { id = "a", titel = "A", instructie = "A", duur = 5, invoer = "geen" } },
  resultaat = aanval,
}
