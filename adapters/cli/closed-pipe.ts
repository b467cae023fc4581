/**
 * Ends the process quietly when the reader of its output goes away
 * (`npm run kb -- eval | head`): the reader has all it wanted, so a stack
 * trace about a broken pipe would only be noise. Any other output error
 * still fails loudly.
 */
export function exitQuietlyOnClosedPipe(stream: NodeJS.WriteStream = process.stdout): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}
