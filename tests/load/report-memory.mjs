/**
 * Preloaded (`--import`) into a bot the load test starts: on SIGUSR2 the bot
 * prints one line with its own memory, so the load test can report the bot's
 * figures rather than its own. Plain JavaScript, so that it needs no
 * TypeScript loader in the compiled bot. Test tooling only; never in `npm start`.
 */
process.on('SIGUSR2', () => {
  const { rss, heapUsed } = process.memoryUsage();
  process.stderr.write(`load-memory ${JSON.stringify({ rss, heapUsed })}\n`);
});
