import { RadioGroup } from 'radix-ui';

export interface Choice<T extends string> {
  value: T;
  label: string;
  description?: string;
}

export interface ChoiceGroupProps<T extends string> {
  label: string;
  value: T;
  choices: readonly Choice<T>[];
  onChange(value: T): void;
}

/** One-of-several choice (arrow keys move, Tab leaves), named by its label: Radix RadioGroup. */
export function ChoiceGroup<T extends string>({ label, value, choices, onChange }: ChoiceGroupProps<T>) {
  return (
    <RadioGroup.Root className="choice-group" aria-label={label} value={value} onValueChange={(next) => onChange(next as T)}>
      {choices.map((choice) => (
        <label key={choice.value} className="choice">
          <RadioGroup.Item className="choice-radio" value={choice.value}>
            <RadioGroup.Indicator className="choice-dot" />
          </RadioGroup.Item>
          <span>
            <span className="choice-label">{choice.label}</span>
            {choice.description && <span className="choice-description">{choice.description}</span>}
          </span>
        </label>
      ))}
    </RadioGroup.Root>
  );
}
