---@meta
-- werkplaats.lua: beschrijving van `wp`, de kaart en de sessie voor de Lua
-- Language Server (LuaLS), zodat je editor aanvult en controleert. Dit
-- bestand is geen werkvorm en wordt nooit uitgevoerd; de bibliotheek slaat het
-- over. Zie README.md in deze map voor de uitleg.

---@alias Invoer "geen"|"bijdrage"|"stem"|"plaatsing"|"besluit"
---@alias Deelnemersgroep "bewoners"|"ondernemers"|"jongeren"|"professionals"|"beleidsambtenaren"|"ervaringsdeskundigen"
---@alias Omgeving "sociaal"|"fysiek"|"institutioneel"|"crimineel"
---@alias Uitkomst "aangenomen"|"verworpen"|"aangehouden"

-- De kaart ----------------------------------------------------------------------

---@class Groepsgrootte
---@field min integer het kleinste aantal deelnemers (1 tot 1000)
---@field max integer het grootste aantal deelnemers (niet kleiner dan min)

---@class Schaal
---@field min integer het laagste punt, zoals -3
---@field max integer het hoogste punt, zoals 3 (hooguit 21 punten)
---@field labels? string[] één naam per punt, van laag naar hoog

---@class Stap
---@field id string korte naam, uniek in de werkvorm: kleine letters, cijfers, '_' en '-'
---@field titel string de kop die iedereen ziet
---@field instructie string wat de begeleider voorleest
---@field duur integer minuten (1 tot 600)
---@field invoer Invoer de soort invoer
---@field velden? string[] bijdrage: de vakken waarin een bijdrage hoort
---@field omgevingen? "optioneel"|"verplicht" bijdrage: worden omgevingen gevraagd?
---@field gevoelig? boolean bijdrage: de teksten zijn persoonlijk (export --anoniem en vergeet halen ze weg)
---@field stemmen? integer stem: stemmen per deelnemer (1 tot 100)
---@field op? string stem/plaatsing: een eerdere bijdrage-stap, of "betrokkenen" (plaatsing)
---@field schaal? Schaal plaatsing: de schaal

---@class Werkvorm
---@field id string korte naam in kleine letters, uniek in de bibliotheek
---@field naam string de naam die begeleiders kennen
---@field versie string zoals "1.0.0"
---@field sprint integer 1 tot en met 7
---@field toelichting string waar de werkvorm om draait
---@field opbrengst string wat hij oplevert
---@field deelnemers Deelnemersgroep[] de groepen die meedoen
---@field groep Groepsgrootte hoeveel mensen
---@field duur integer minuten: precies de som van de stappen
---@field schatting? string welke waarden een schatting van de auteur zijn
---@field nodig? string[] resultaten van eerdere sprints die de werkvorm leest
---@field levert string[] de namen van wat resultaat() teruggeeft
---@field stappen Stap[] de stappen, op volgorde
---@field resultaat fun(sessie: Sessie): table<string, any> maakt het resultaat; geeft elke naam uit levert terug
---@field bij_stap? fun(van: string?, naar: string?, sessie: Sessie): string? een melding bij een stapwissel
---@field voorbeeld? Voorbeeld je eigen test

-- De sessie ---------------------------------------------------------------------

---@class SessieDeelnemer
---@field id string
---@field groep Deelnemersgroep
---@field pseudoniem string

---@class Plaatsing
---@field gemiddelde number
---@field aantal integer

---@class Bijdrage
---@field id string
---@field stap string het id van de stap
---@field veld? string een van de velden van de stap
---@field tekst string
---@field omgevingen Omgeving[]
---@field deelnemer? string ontbreekt bij een anonieme bijdrage
---@field groep? Deelnemersgroep
---@field stemmen integer alle stemmen op deze bijdrage
---@field stemmen_per_groep table<string, integer>
---@field plaatsing? Plaatsing
---@field volgnr integer de volgorde van binnenkomst

---@class Stem
---@field stap string
---@field deelnemer string
---@field groep Deelnemersgroep
---@field op string het id van de bijdrage
---@field aantal integer

---@class SessiePlaatsing
---@field stap string
---@field deelnemer string
---@field groep Deelnemersgroep
---@field op string
---@field waarde number

---@class Bezwaar
---@field deelnemer string
---@field groep Deelnemersgroep
---@field tekst string
---@field opgelost? string hoe het bezwaar is opgelost

---@class Besluit
---@field stap string
---@field tekst string
---@field uitkomst Uitkomst
---@field bezwaren Bezwaar[]

---@class Sessie
---@field werkvorm string het id van de werkvorm
---@field sprint integer
---@field label string de naam van deze sessie
---@field datum? string "JJJJ-MM-DD"
---@field deelnemers SessieDeelnemer[]
---@field bijdragen Bijdrage[] op volgorde van binnenkomst
---@field stemmen Stem[]
---@field plaatsingen SessiePlaatsing[]
---@field besluiten Besluit[]

-- Het voorbeeld -------------------------------------------------------------------

---@class VoorbeeldDeelnemer
---@field id string
---@field groep Deelnemersgroep

---@class Voorbeeld
---@field resultaten? table<string, any> resultaten van eerdere sprints
---@field deelnemers? VoorbeeldDeelnemer[]
---per stap-id een lijst: bijdragen {id, wie, veld, tekst, omgevingen}, stemmen {wie, op, aantal},
---plaatsingen {wie, op, waarde} of besluiten {tekst, uitkomst, bezwaren = {{wie, tekst, opgelost}}}
---@field invoer? table<string, table[]>
---@field verwacht? table<string, any> wat het resultaat minstens moet bevatten

-- Gereserveerde resultaten: werkplaats leest ze zelf --------------------------------

---@class Afspraak
---@field wie string
---@field wat string
---@field gremium string
---@field deadline string "JJJJ-MM-DD"

---@class Houding
---@field betrokkene string
---@field houding "teleurgesteld"|"neutraal"|"positief"
---@field glijbaan "boven"|"midden"|"onder"

-- wp ------------------------------------------------------------------------------

---@class BijdrageFilter
---@field stap? string
---@field veld? string
---@field omgeving? Omgeving
---@field groep? Deelnemersgroep
---@field deelnemer? string

---De gereedschapskist van elke werkvorm (alleen-lezen).
---@class wp
wp = {}

---De casus (de wijk) als tabel; een kopie. Zonder traject: nil en een uitleg.
---@return table|nil casus
---@return string? waarom
function wp.casus() end

---Het resultaat `naam` van een eerdere sprint, of nil en een uitleg.
---@param naam string
---@return any|nil waarde
---@return string? waarom
function wp.resultaat(naam) end

---Alle resultaten van eerdere sprints: naam -> waarde.
---@return table<string, any>
function wp.resultaten() end

---De bijdragen van de sessie, eventueel gefilterd, zoals { stap = "kaart", veld = "pijn" }.
---@param sessie Sessie
---@param filter? BijdrageFilter
---@return Bijdrage[]
function wp.bijdragen(sessie, filter) end

---De n items met de hoogste waarde van veld (standaard "stemmen"); gelijke waarden houden hun volgorde.
---@generic T
---@param lijst T[]
---@param n? integer zonder n: allemaal
---@param veld? string standaard "stemmen"
---@return T[]
function wp.top(lijst, n, veld) end

---Waarde van veld -> de items met die waarde (bij een lijstveld zoals omgevingen: onder elke waarde).
---@generic T
---@param lijst T[]
---@param veld string
---@return table<any, T[]>
function wp.groepeer(lijst, veld) end

---Waarde van veld -> hoeveel items die waarde hebben.
---@param lijst table[]
---@param veld string
---@return table<any, integer>
function wp.tel(lijst, veld) end

---De items per deelnemersgroep: wp.groepeer(lijst, "groep").
---@generic T
---@param lijst T[]
---@return table<string, T[]>
function wp.per_groep(lijst) end

---De items die twee of meer omgevingen raken: de koppelvlakken.
---@generic T
---@param lijst T[]
---@return T[]
function wp.koppelvlakken(lijst) end

---De tekst van elk item, in volgorde.
---@param lijst table[]
---@return string[]
function wp.teksten(lijst) end

---De sleutels van een tabel in vaste volgorde: getallen, dan teksten.
---@param t table
---@return any[]
function wp.sleutels(t) end

---Een geheel getal van m tot en met n (met één argument: van 1 tot en met m); bij dezelfde sessie steeds hetzelfde.
---@param m integer
---@param n? integer
---@return integer
function wp.willekeurig(m, n) end

---Een geschudde kopie van de lijst; bij dezelfde sessie dezelfde volgorde.
---@generic T
---@param lijst T[]
---@return T[]
function wp.schud(lijst) end

---Schrijft een regel naar het logboek van werkplaats.
---@param ... any
function wp.log(...) end
