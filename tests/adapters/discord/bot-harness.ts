import { Events, type ChatInputCommandInteraction } from 'discord.js';
import { startDiscordBot, type DiscordBot, type DiscordBotOptions } from '../../../adapters/discord/app.js';
import { readDiscordSettings } from '../../../adapters/discord/settings.js';
import type { DiscordDeps } from '../../../adapters/discord/reply.js';
import { createAskerLimiter } from '../../../adapters/shared/rate-limit.js';
import { defaultKnowledgeDir } from '../../../adapters/shared/settings.js';
import { createAnswerer, createMemoryQuestionLog, type Answerer, type QuestionLog } from '../../../src/index.js';
import { chatInputInteraction, fromUser, startStandInDiscord, type RecordedRequest, type StandInDiscord } from './stand-in-discord.js';

/** The application id and a token-shaped fake token the in-process tests log in with. */
export const harnessIds = { applicationId: '1000000000000000010', token: 'MTAwMDAwMDAwMDAwMDAwMDEw.Harness.not-a-real-token' } as const;

/** A message body as the stand-in receives it (callback `data`, follow-up or edit). */
export interface SentMessage {
  embeds: { title?: string; description?: string; fields?: { name: string; value: string }[]; footer?: { text: string } }[];
  components: { components: { label?: string; custom_id: string; disabled?: boolean }[] }[];
  allowed_mentions?: { parse: string[]; users?: string[]; roles?: string[] };
  flags?: number;
  content?: string;
}

/** An interaction callback as the stand-in receives it. */
export interface Callback {
  type: number;
  data: SentMessage;
}

/** Options for {@link startBotHarness}. */
export interface BotHarnessOptions {
  /** Extra Discord settings, e.g. `RATE_LIMIT_PER_MINUTE`. */
  env?: Record<string, string>;
  /** @default the repository's knowledge base */
  knowledgeDir?: string;
  /** @default a memory log, exposed as `records` */
  questionLog?: QuestionLog;
  /** Passed to `startDiscordBot`, e.g. short REST timeouts. */
  botOptions?: DiscordBotOptions;
  /** Milliseconds between heartbeats. @default 1000 */
  heartbeatInterval?: number;
  /** Wraps the answerer the bot uses, e.g. to watch what it is asked. @default none */
  wrapAnswerer?: (answerer: Answerer) => Answerer;
}

/** A stand-in Discord on 127.0.0.1 and the real discord.js bot logged in to it, in this process. */
export interface BotHarness {
  standIn: StandInDiscord;
  bot: DiscordBot;
  answerer: Answerer;
  /** Records of the default memory log (empty when another log was given). */
  records: ReturnType<typeof createMemoryQuestionLog>['records'];
  /** Every line the adapter logged, as `level message`. */
  logLines: string[];
  /** Dispatches an interaction and resolves with the callback the bot sent for it. */
  interact(interaction: { id: string; token: string }): Promise<Callback>;
  /** `/rtp question:<question>` from a user (the fixture member by default). */
  ask(question: string, options?: { userId?: string; public?: boolean }): Promise<Callback>;
  /**
   * A real interaction the bot has already replied to (a leftover command name
   * gets a notice), with a handler context, so a test can send follow-ups
   * through the production code (`send`, `replyWithAnswer`, `replyWithApology`).
   */
  repliedInteraction(): Promise<{ interaction: ChatInputCommandInteraction; context: DiscordDeps }>;
  /** Every message body the bot sent: callbacks with data, follow-ups and edits. */
  sentMessages(): { request: RecordedRequest; message: SentMessage }[];
  stop(): Promise<void>;
}

const callbackPath = (interaction: { id: string; token: string }): string => `/api/v10/interactions/${interaction.id}/${interaction.token}/callback`;

/** Starts the stand-in and the bot, and waits until the bot is ready. */
export async function startBotHarness(options: BotHarnessOptions = {}): Promise<BotHarness> {
  const standIn = await startStandInDiscord({ applicationId: harnessIds.applicationId, heartbeatInterval: options.heartbeatInterval ?? 1_000 });
  const knowledgeDir = options.knowledgeDir ?? defaultKnowledgeDir;
  const answerer = createAnswerer(knowledgeDir);
  const memoryLog = createMemoryQuestionLog();
  const logLines: string[] = [];
  const settings = readDiscordSettings({
    DISCORD_TOKEN: harnessIds.token,
    DISCORD_APPLICATION_ID: harnessIds.applicationId,
    DISCORD_API_URL: standIn.apiUrl,
    ...options.env,
  });
  const served = options.wrapAnswerer ? options.wrapAnswerer(answerer) : answerer;
  const bot = await startDiscordBot(
    settings,
    { getAnswerer: () => served, questionLog: options.questionLog ?? memoryLog, log: (level, message) => logLines.push(`${level} ${message}`) },
    options.botOptions,
  );

  const interact = async (interaction: { id: string; token: string }): Promise<Callback> => {
    const callback = standIn.waitForRequest((request) => request.path === callbackPath(interaction));
    standIn.dispatch('INTERACTION_CREATE', interaction);
    return (await callback).body as Callback;
  };

  return {
    standIn,
    bot,
    answerer,
    records: memoryLog.records,
    logLines,
    interact,
    ask(question, { userId, public: isPublic } = {}) {
      const interaction = chatInputInteraction(harnessIds.applicationId, 'rtp', question, isPublic);
      return interact(userId ? fromUser(interaction, userId) : interaction);
    },
    async repliedInteraction() {
      const dispatched = chatInputInteraction(harnessIds.applicationId, 'old-name', 'What is the Right to Provide?');
      const captured = new Promise<ChatInputCommandInteraction>((resolve) => {
        const listener = (interaction: unknown) => {
          const candidate = interaction as ChatInputCommandInteraction;
          if (candidate.id !== dispatched.id) return;
          bot.client.off(Events.InteractionCreate, listener);
          resolve(candidate);
        };
        bot.client.on(Events.InteractionCreate, listener);
      });
      await interact(dispatched);
      const interaction = await captured;
      // The stand-in has the callback; discord.js marks the interaction replied once it reads the response.
      while (!interaction.replied) await new Promise((resolve) => setTimeout(resolve, 5));
      const context: DiscordDeps = {
        getAnswerer: () => answerer,
        questionLog: options.questionLog ?? memoryLog,
        log: (level, message) => logLines.push(`${level} ${message}`),
        commandName: 'rtp',
        askerLimiter: createAskerLimiter({ RATE_LIMIT_PER_MINUTE: 0 }),
      };
      return { interaction, context };
    },
    sentMessages() {
      return (
        standIn.requests
          .filter((request) => request.method !== 'GET' && /\/(callback|webhooks\/)/.test(request.path))
          .map((request) => {
            const body = request.body as Partial<Callback> & SentMessage;
            return { request, message: body.type !== undefined ? (body.data as SentMessage) : body };
          })
          // Autocomplete results (type 8) are choices, not messages: nothing in them can ping.
          .filter((sent) => sent.message !== undefined && (sent.request.body as { type?: number }).type !== 8)
      );
    },
    async stop() {
      await bot.stop();
      await standIn.close();
    },
  };
}
