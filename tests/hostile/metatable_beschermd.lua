-- verwacht: attempt to index a string value (local 'mt')
local function aanval(sessie)
  local mt = getmetatable("")
  mt.__metatable = nil
  setmetatable(mt, { __index = function() return io end })
end
return {
  id = "metatable-beschermd", naam = "Vijandige werkvorm", versie = "1.0.0", sprint = 1,
  toelichting = "Een test voor de zandbak.", opbrengst = "Niets.",
  deelnemers = { "bewoners" }, groep = { min = 1, max = 5 }, duur = 5, levert = { "situatie" },
  stappen = { { id = "a", titel = "A", instructie = "A", duur = 5, invoer = "geen" } },
  resultaat = aanval,
}
