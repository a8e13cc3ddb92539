/** The Swedish help text of `budgetkoll --help`. */
export const HELP = `budgetkoll: budgetuppföljning för socialnämnden (prognos, volymer, åtgärdsplan)

Användning:
  budgetkoll <kommando> <arbetsbok.xlsx> [val]

Kommandon:
  ny <export> [--out bok.xlsx] Starta en arbetsbok ur en export från ekonomisystemet (CSV eller SIE 4):
                              ansvar med namn, utfall, budget (SIE #PBUDGET, annars att fylla i),
                              inställningar härledda ur exporten; kör sedan den första rapporten, vars
                              Kontroller säger vad som saknas (standard: bok.xlsx; skriver aldrig över en
                              befintlig fil utan --skriv-over). Med --fran forra.xlsx följer förra
                              månadens blad med och bara utfallet byts; förra månadens Prognos blir
                              Prognos föregående.
  prognos <bok.xlsx>          Prognos mot utfall per ansvar, med delsummor per verksamhet.
  volym <bok.xlsx>            Volymbaserad budget: volym- och priseffekt per verksamhet.
  atgardsplan <bok.xlsx>      Uppföljning av åtgärdsplanen: planerad, realiserad och prognostiserad effekt.
  rapport <bok.xlsx>          Alla rapporter och en sammanfattning för nämnden i en fil, med kommentarer
                              (en mening per verksamhet och för nämnden), andel enheter med budget i balans,
                              och när boken har bladen Förklaringar (Ansvar | Förklaring | Belopp (tkr))
                              och Investeringar (Projekt | Grupp | Utförs av | Ursprungsbudget (tkr) |
                              Tillägg/ombudgetering (tkr) | Utfall (tkr) | Begärs ombudgeterad (tkr)):
                              förklaringar till avvikelser och investeringsredovisning. Har utfallet konton
                              kommer en resultaträkning per kostnadsslag med; bladet Resultat fg år (Ansvar |
                              Resultat fg år (tkr)) ger fjolårets resultat i bokslutets meningar.
  mall <bok.xlsx>             Mallar till förvaltningen (prognos, volymer, åtgärder), en fil per ansvar
                              eller verksamhet, i mappen som --out anger (standard: out/mallar/).
  budget <bok.xlsx>           Budgetberedning: nästa års budget och planår ur fjolårets budget, uppräkning,
                              volymer och prioriteringar (bladen Uppräkning, Budgetunderlag, Ramar,
                              Volymplan, Prioriteringar ...): driftbudget, resultatbudget, ramtabell,
                              bryggan år för år, scenarier, och nästa års blad Budget per månad.
  samla <bok.xlsx> <mapp>     Läs in ifyllda mallar från mappen, kontrollera dem och samla dem i en rapport;
                              visar vilka som inte har lämnat in sin mall.

Val:
  --out, -o <fil.xlsx>        Var rapporten skrivs (standard: out/<bok>-rapport.xlsx).
  --json                      Skriv resultatet som JSON på standard ut i stället för tabellen.
  --ar <år>                   Uppföljningsår, t.ex. 2021 (annars bladet Inställningar).
  --manad <1-12>              Uppföljningsmånad, t.ex. 8 för augusti (annars bladet Inställningar).
  --tecken <konvention>       kostnad-positiv (kostnader som positiva tal, t.ex. Herrljunga) eller
                              kostnad-negativ (nettokostnader som negativa tal, t.ex. Gnesta).
  --metod <metod>             Prognosförslag där ingen prognos är inlämnad: linjar (utfall × 12 / månader),
                              fjolaret (fjolårets månadsprofil) eller budget (budget + avvikelse hittills).
  --utfall <fil>               Utfallet (huvudboken) i en egen fil; läses strömmande, även miljontals rader.
                              CSV med semikolon eller komma, decimalkomma och citattecken går bra.
                              SIE 4 (.se, .si, .sie): verifikationer eller periodsaldon; #RAR -1 blir
                              fjolårets utfall, #PBUDGET budgeten om arbetsboken saknar blad Budget.
  --dimension <nr|namn>       SIE: dimensionen som är ansvar, t.ex. 1 eller Kostnadsställe (annars den
                              #DIM som heter Ansvar, Kostnadsställe eller Resultatenhet, eller 1).
  --rapporttyp <typ>          bokslut (utfall helår, "redovisade", inga prognoser) eller delar (prognos);
                              annars bokslut vid månad 12 (eller Rapporttyp på bladet Inställningar).
  --budgetversion <version>   Budgetversionen som avvikelsen mäts mot, t.ex. "KF 2020-11" (annars den
                              senaste; eller Budgetversion på bladet Inställningar).
  --kolumn "Blad!Rubrik=fält" En rubrik som inte känns igen läses som fältet, t.ex.
                              --kolumn "Budget!Belopp 2021=Budget helår" (kan upprepas; även bladet
                              Kolumnmappning med kolumnerna Blad | Rubrik | Fält).
  --per <ansvar|verksamhet>   mall: en mall per ansvar (standard) eller per verksamhet.
  --skriv-over-kommentarer    rapport: ersätt kommentarer som du har ändrat i rapportfilen med nya
                              genererade meningar (annars behålls dina ändringar).
  --skriv-over                Skriv rapporten i en befintlig fil som Budgetkoll inte har skrivit (annars
                              vägrar budgetkoll; en fil som körningen läser skrivs aldrig över).
  --strikt                    Varningar räknas som fel: då skrivs ingen fil och koden är 2 (som
                              Strikt = ja på bladet Inställningar). Avrundningsdifferenser stoppar inte.
  --tyst                      Visa inga förloppsrader.
  --help, -h                  Visa den här hjälpen.

Bladet Inställningar (namn | värde): År, Månad, Teckenkonvention, Belopp i, Utfall i, Prognosmetod,
Prognos avser, Prognosavvikelse, Budgetversion, Gräns oförklarat (andel av avvikelsen, standard 20 %)
Föregående prognos (månaden som kommentarerna jämför med), Kommunbidrag helår, Kommunbidrag t.o.m. period
och Kommunbidrag fg år t.o.m. period (till resultaträkningen), Strikt (ja/nej). Ett värde som inte förstås
är ett fel.

Belopp visas i tkr. Avvikelse = budget - utfall/prognos; positiv avvikelse är överskott.
Fel i indata listas alla på en gång (blad, cell och vad som förväntades); då skrivs ingen fil och
budgetkoll avslutar med kod 2. Varningar (okända nycklar, rader som lagts åt sidan, kontroller som
inte håller, avrundningsdifferenser) visas först, störst belopp först, och i rapportens blad Kontroller.

Exempel:
  npx budgetkoll ny huvudbok-2024.se --out bok.xlsx
  npx budgetkoll prognos examples/herrljunga-2021.xlsx
  npx budgetkoll rapport examples/herrljunga-2021.xlsx --out out/delar-2021-08.xlsx
  npx budgetkoll prognos bok.xlsx --utfall huvudbok-2021.csv --manad 8 --json
`;
