export interface SettingProblem {
  setting: string;
  /** One sentence naming the setting, the rule it breaks, and (unless secret) the value it got. */
  message: string;
}

/** A setting the gateway cannot start with; its message is the single line printed at boot. */
export class InvalidSettingError extends Error {
  readonly settings: string[];

  constructor(problems: SettingProblem[]) {
    const [first, ...others] = problems;
    const also = others.length
      ? ` (also missing or invalid: ${others.map((p) => p.setting).join(', ')})`
      : '';
    super(`${first.message}${also}`);
    this.name = 'InvalidSettingError';
    this.settings = problems.map((problem) => problem.setting);
  }
}
