-- verwacht: attempt to yield across a C-call boundary
local function aanval(sessie)
  coroutine.wrap(function()
    string.gsub("aaa", "a", function() coroutine.yield() end)
  end)()
end
return {
  id = "yield-gsub", naam = "Vijandige werkvorm", versie = "1.0.0", sprint = 1,
  toelichting = "Een test voor de zandbak.", opbrengst = "Niets.",
  deelnemers = { "bewoners" }, groep = { min = 1, max = 5 }, duur = 5, levert = { "situatie" },
  stappen = { { id = "a", titel = "A", instructie = "A", duur = 5, invoer = "geen" } },
  resultaat = aanval,
}
