/** A reason the agent cannot start, told to whoever runs it; `exitCode` 2 marks a usage error. */
export class AgentStartError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = 'AgentStartError';
  }
}
