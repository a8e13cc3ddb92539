/**
 * Command-line arguments: a subcommand, input files and options, with Swedish messages for what is wrong.
 * Pure: argv in, parsed options (or a list of problems) out.
 */
import type { ProposalMethod } from "../core/prognosis";
import type { SignConvention } from "../core/signs";
import type { ColumnMapping } from "../input/headers";
import { ownValue, emptyRecord } from "../core/records";
import { addMapping, parseMappingEntry, reportKind } from "../input/settings";

export const COMMANDS = ["prognos", "volym", "atgardsplan", "rapport", "mall", "samla", "ny", "budget"] as const;
export type Command = (typeof COMMANDS)[number];

export interface CliOptions {
  readonly command: Command | "hjalp";
  readonly inputs: readonly string[];
  readonly out?: string;
  readonly json: boolean;
  readonly year?: number;
  readonly month?: number;
  readonly sign?: SignConvention;
  readonly method?: ProposalMethod;
  /** A separate ledger file (.xlsx, .csv or SIE), read with the streaming path. */
  readonly ledger?: string;
  /** A SIE ledger's ansvar dimension, by number or #DIM name (`--dimension`). */
  readonly dimension?: string;
  /** mall: one template per ansvar or per verksamhet. */
  readonly per: "ansvar" | "verksamhet";
  readonly quiet: boolean;
  /** rapport: replace commentary sentences the controller edited with the generated ones. */
  readonly overwriteComments?: boolean;
  /** Write into an existing --out file that Budgetkoll did not write (`--skriv-over`); never into an input. */
  readonly overwrite?: boolean;
  /** Bokslut or Delår (`--rapporttyp`): the bokslut's wording and outcome; month 12 is the bokslut when absent. */
  readonly reportKind?: "yearEnd" | "interim";
  /** The budget version the variance is measured against (`--budgetversion`). */
  readonly budgetVersion?: string;
  /** Headers mapped to fields (`--kolumn "Blad!Rubrik=fält"`, repeatable), on top of the sheet Kolumnmappning. */
  readonly columnMapping?: ColumnMapping;
  /** ny: last month's workbook (`--fran`), whose sheets are carried over with only the ledger replaced. */
  readonly from?: string;
  /** `--strikt`: every warning is an error (exit code 2, nothing written), as the setting Strikt. */
  readonly strict?: boolean;
}

export const METHOD_ARGS: Record<string, ProposalMethod> = {
  linjar: "runRate",
  fjolaret: "lastYearProfile",
  budget: "phasedBudgetPlusVariance",
};

const SIGN_ARGS: Record<string, SignConvention> = {
  "kostnad-positiv": "costPositive",
  "kostnad-negativ": "costNegative",
};

/** Options that take a value, by their names (long and short). */
const VALUE_OPTIONS = new Set([
  "--out",
  "-o",
  "--ar",
  "--manad",
  "--tecken",
  "--metod",
  "--utfall",
  "--per",
  "--budgetversion",
  "--kolumn",
  "--dimension",
  "--rapporttyp",
  "--fran",
]);
const FLAG_OPTIONS = new Set([
  "--json",
  "--help",
  "-h",
  "--tyst",
  "--skriv-over-kommentarer",
  "--skriv-over",
  "--strikt",
]);

export type ParsedArgs =
  { readonly ok: true; readonly options: CliOptions } | { readonly ok: false; readonly problems: string[] };

function integer(text: string, min: number, max: number): number | undefined {
  if (!/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return n >= min && n <= max ? n : undefined;
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const problems: string[] = [];
  const values = new Map<string, string>();
  const columns: string[] = [];
  const flags = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (VALUE_OPTIONS.has(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === "") problems.push(`${name} behöver ett värde.`);
      else if (name === "--kolumn") columns.push(value);
      else values.set(name === "-o" ? "--out" : name, value);
    } else if (FLAG_OPTIONS.has(name)) flags.add(name === "-h" ? "--help" : name);
    else if (arg.startsWith("-") && arg !== "-") problems.push(`Okänt val ${arg}: se budgetkoll --help.`);
    else positional.push(arg);
  }

  const [first, ...inputs] = positional;
  if (flags.has("--help") || first === undefined || first === "hjalp" || first === "hjälp") {
    return { ok: true, options: { command: "hjalp", inputs: [], json: false, per: "ansvar", quiet: false } };
  }
  const command = first === "åtgärdsplan" ? "atgardsplan" : first;
  if (!(COMMANDS as readonly string[]).includes(command))
    problems.push(`Okänt kommando "${first}": välj ett av ${COMMANDS.join(", ")}.`);

  const year = values.has("--ar") ? integer(values.get("--ar")!, 1900, 2999) : undefined;
  if (values.has("--ar") && year === undefined)
    problems.push(`--ar ${values.get("--ar")}: förväntade ett år, t.ex. 2021.`);
  const month = values.has("--manad") ? integer(values.get("--manad")!, 1, 12) : undefined;
  if (values.has("--manad") && month === undefined)
    problems.push(`--manad ${values.get("--manad")}: förväntade en månad 1-12, t.ex. 8 för augusti.`);
  const signText = values.get("--tecken");
  const sign = signText === undefined ? undefined : ownValue(SIGN_ARGS, signText);
  if (signText !== undefined && sign === undefined)
    problems.push(`--tecken ${signText}: välj kostnad-positiv eller kostnad-negativ.`);
  const methodText = values.get("--metod");
  const method = methodText === undefined ? undefined : ownValue(METHOD_ARGS, methodText);
  if (methodText !== undefined && method === undefined)
    problems.push(`--metod ${methodText}: välj ${Object.keys(METHOD_ARGS).join(", ")}.`);
  const kindText = values.get("--rapporttyp");
  const reportKindArg = kindText === undefined ? undefined : reportKind(kindText);
  if (kindText !== undefined && reportKindArg === undefined)
    problems.push(`--rapporttyp ${kindText}: välj bokslut eller delar.`);
  const per = values.get("--per") ?? "ansvar";
  if (per !== "ansvar" && per !== "verksamhet") problems.push(`--per ${per}: välj ansvar eller verksamhet.`);
  const out = values.get("--out");
  if (out !== undefined && command !== "mall" && !/\.xlsx$/i.test(out))
    problems.push(`--out ${out}: rapporten skrivs som .xlsx, t.ex. --out rapport.xlsx.`);

  const columnMapping = emptyRecord<Record<string, string>>();
  for (const c of columns) {
    // "Blad!Rubrik=fält": the sheet before the first "!", the field after the last "=".
    const bang = c.indexOf("!");
    const eq = c.lastIndexOf("=");
    const entry =
      bang > 0 && eq > bang
        ? parseMappingEntry(c.slice(0, bang).trim(), c.slice(bang + 1, eq).trim(), c.slice(eq + 1).trim())
        : undefined;
    if (entry === undefined)
      problems.push(`--kolumn ${c}: förväntade "Blad!Rubrik=fält", t.ex. --kolumn "Budget!Belopp 2021=Budget helår".`);
    else if (typeof entry === "string") problems.push(`--kolumn ${c}: ${entry}`);
    else addMapping(columnMapping, entry);
  }

  const needed = command === "samla" ? 2 : 1;
  if ((COMMANDS as readonly string[]).includes(command) && inputs.length < needed) {
    problems.push(
      command === "samla"
        ? "samla behöver arbetsboken och mappen med inlämnade mallar: budgetkoll samla bok.xlsx inlamnat/"
        : command === "ny"
          ? "ny behöver en export ur ekonomisystemet (CSV eller SIE 4): budgetkoll ny huvudbok.se --out bok.xlsx"
          : `${command} behöver en arbetsbok: budgetkoll ${command} bok.xlsx`,
    );
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    options: {
      command: command as Command,
      inputs,
      out,
      json: flags.has("--json"),
      year,
      month,
      sign,
      method,
      ledger: values.get("--utfall"),
      ...(values.has("--dimension") ? { dimension: values.get("--dimension")! } : {}),
      ...(values.has("--fran") ? { from: values.get("--fran")! } : {}),
      per: per as "ansvar" | "verksamhet",
      quiet: flags.has("--tyst"),
      ...(flags.has("--skriv-over-kommentarer") ? { overwriteComments: true } : {}),
      ...(flags.has("--skriv-over") ? { overwrite: true } : {}),
      ...(flags.has("--strikt") ? { strict: true } : {}),
      ...(values.has("--budgetversion") ? { budgetVersion: values.get("--budgetversion")!.trim() } : {}),
      ...(reportKindArg ? { reportKind: reportKindArg } : {}),
      ...(columns.length > 0 ? { columnMapping } : {}),
    },
  };
}
