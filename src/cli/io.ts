/** Where the CLI writes: the terminal in `main`, buffers in tests. */
export interface CliIO {
  stdout(text: string): void;
  /** Progress, messages and errors. */
  stderr(text: string): void;
}

export const processIO: CliIO = {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
};
