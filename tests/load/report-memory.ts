/**
 * Preloaded (`--import`) into the bot the `discord` load leg starts: on
 * SIGUSR2 the bot prints one line with its own memory, so the leg can report
 * the bot's figures rather than its own. Test tooling only; never in `npm start`.
 */
process.on('SIGUSR2', () => {
  const { rss, heapUsed } = process.memoryUsage();
  process.stderr.write(`load-memory ${JSON.stringify({ rss, heapUsed })}\n`);
});
