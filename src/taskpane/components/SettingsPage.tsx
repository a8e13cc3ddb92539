import { Checkbox, Field, Input, Radio, RadioGroup, Select, Textarea } from "@fluentui/react-components";
import { useState } from "react";
import type { MoneyUnit } from "../../core/amounts";
import type { ProposalMethod } from "../../core/prognosis";
import type { ForecastColumnKind, SignConvention } from "../../core/signs";
import { formatInputError } from "../../input/errors";
import type { Dictionary } from "../i18n";
import type { Settings } from "../jobs";
import { mappingFieldProblems } from "../mapping";

interface Props {
  readonly t: Dictionary;
  readonly settings: Settings;
  readonly onChange: (settings: Settings) => void;
}

const METHODS: readonly ProposalMethod[] = ["phasedBudgetPlusVariance", "runRate", "lastYearProfile"];

export function SettingsPage({ t, settings, onChange }: Props) {
  const set = (patch: Partial<Settings>) => onChange({ ...settings, ...patch });
  const [mapping, setMapping] = useState(settings.columnMapping ? JSON.stringify(settings.columnMapping, null, 1) : "");
  const [mappingError, setMappingError] = useState(false);
  const onMapping = (text: string) => {
    setMapping(text);
    if (!text.trim()) return (setMappingError(false), set({ columnMapping: undefined }));
    try {
      const parsed: unknown = JSON.parse(text);
      const ok =
        typeof parsed === "object" &&
        parsed !== null &&
        Object.values(parsed).every(
          (v) => typeof v === "object" && v !== null && Object.values(v).every((h) => typeof h === "string"),
        );
      setMappingError(!ok);
      if (ok) set({ columnMapping: parsed as Settings["columnMapping"] });
    } catch {
      setMappingError(true);
    }
  };
  // Entries naming no field would do nothing: said as they are typed (in Swedish, as the input layer says it).
  const fieldProblems = settings.columnMapping
    ? mappingFieldProblems(settings.columnMapping).map(formatInputError)
    : [];
  return (
    <form className="page" aria-label={t.settings} onSubmit={(e) => e.preventDefault()}>
      <Field label={t.year}>
        <Input
          type="number"
          name="year"
          value={String(settings.year)}
          min={1900}
          max={2999}
          onChange={(_, d) => Number.isInteger(Number(d.value)) && set({ year: Number(d.value) })}
        />
      </Field>
      <Field label={t.month}>
        <Select name="month" value={String(settings.month)} onChange={(_, d) => set({ month: Number(d.value) })}>
          {t.months.map((name, i) => (
            <option key={name} value={String(i + 1)}>{`${i + 1} ${name}`}</option>
          ))}
        </Select>
      </Field>
      <Field label={t.reportKind}>
        <Select
          name="reportKind"
          value={settings.reportKind ?? "auto"}
          onChange={(_, d) => set({ reportKind: d.value === "auto" ? undefined : (d.value as "yearEnd" | "interim") })}
        >
          <option value="auto">{t.reportKindAuto}</option>
          <option value="yearEnd">{t.reportKindYearEnd}</option>
          <option value="interim">{t.reportKindInterim}</option>
        </Select>
      </Field>
      <Field label={t.signConvention}>
        <RadioGroup
          name="signConvention"
          value={settings.signConvention}
          onChange={(_, d) => set({ signConvention: d.value as SignConvention })}
        >
          <Radio value="costPositive" label={t.costPositive} />
          <Radio value="costNegative" label={t.costNegative} />
        </RadioGroup>
      </Field>
      <Field label={t.forecastColumn}>
        <Select
          name="forecastColumnKind"
          value={settings.forecastColumnKind}
          onChange={(_, d) => set({ forecastColumnKind: d.value as ForecastColumnKind })}
        >
          <option value="outcome">{t.forecastOutcome}</option>
          <option value="variance">{t.forecastVariance}</option>
        </Select>
      </Field>
      <Field label={t.amountUnit}>
        <Select
          name="amountUnit"
          value={settings.amountUnit}
          onChange={(_, d) => set({ amountUnit: d.value as MoneyUnit })}
        >
          <option value="tkr">tkr</option>
          <option value="kr">kr</option>
          <option value="mnkr">mnkr</option>
        </Select>
      </Field>
      <Field label={t.ledgerUnit}>
        <Select
          name="ledgerUnit"
          value={settings.ledgerUnit}
          onChange={(_, d) => set({ ledgerUnit: d.value as MoneyUnit })}
        >
          <option value="kr">kr</option>
          <option value="tkr">tkr</option>
        </Select>
      </Field>
      <Field label={t.proposalMethod}>
        <Select
          name="proposalMethod"
          value={settings.proposalMethod}
          onChange={(_, d) => set({ proposalMethod: d.value as ProposalMethod })}
        >
          {METHODS.map((m) => (
            <option key={m} value={m}>
              {t[m]}
            </option>
          ))}
        </Select>
      </Field>
      <Checkbox
        name="strict"
        label={t.strict}
        checked={settings.strict === true}
        onChange={(_, d) => set({ strict: d.checked === true })}
      />
      <Field
        label={t.columnMapping}
        validationState={mappingError ? "error" : fieldProblems.length > 0 ? "warning" : "none"}
        validationMessage={
          mappingError ? t.columnMappingInvalid : fieldProblems.length > 0 ? fieldProblems.join(" ") : undefined
        }
      >
        <Textarea name="columnMapping" value={mapping} resize="vertical" onChange={(_, d) => onMapping(d.value)} />
      </Field>
    </form>
  );
}
